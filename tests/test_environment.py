"""Do pyproject.toml and environment.yml ask for the same packages?"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def normalise(requirement: str) -> tuple[str, str]:
    """Split 'name==1.0' or conda's 'name=1.0' into (canonical name, version spec)."""
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    name, spec = match.group(1), match.group(2).replace(" ", "")
    if re.match(r"^=[^=]", spec):  # conda pins with a single '='
        spec = "=" + spec
    return re.sub(r"[-_.]+", "-", name).lower(), spec


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"] + project["optional-dependencies"]["test"]
    return dict(normalise(r) for r in requirements)


def environment_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    found = {}
    for entry in env["dependencies"]:
        if isinstance(entry, dict):
            found.update(normalise(r) for r in entry["pip"] if not r.startswith("-e"))
        elif not entry.startswith(("python=", "pip")):
            found.update([normalise(entry)])
    return found


def test_both_lists_name_the_same_packages_and_versions():
    """Would a conda or Binder user get the same versions as a pip user?"""
    assert environment_requirements() == pyproject_requirements()


def test_widget_stack_is_pinned():
    """Are voila, ipywidgets and jupyterlab_widgets pinned to known-good versions?"""
    requirements = pyproject_requirements()
    for name in ("voila", "ipywidgets", "jupyterlab-widgets"):
        assert requirements[name].startswith("=="), name
