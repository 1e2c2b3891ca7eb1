"""Does `python -m widgets validate` report a pack's problems and exit accordingly?"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_validate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "widgets", "validate", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_valid_pack_exits_zero():
    """Does the default pack validate cleanly?"""
    result = run_validate(str(ROOT / "data"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK (10 steps" in result.stdout


def test_broken_pack_lists_every_problem_and_exits_non_zero(pack_copy):
    """Are all problems printed as file:line: field: message, with exit status 1?"""
    step = pack_copy / "steps" / "01_grieve.yaml"
    step.write_text(step.read_text().replace("kind: single_choice", "kind: choice"))
    resources = pack_copy / "crisis_resources.yaml"
    resources.write_text(
        resources.read_text().replace("last_verified: 2026-11-23", "last_verified: soon", 1)
    )
    result = run_validate(str(pack_copy))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("pack/crisis_resources.yaml:")
    assert ": countries[0].services[0].last_verified: must be a date" in lines[0]
    assert lines[1].startswith("pack/steps/01_grieve.yaml:")
    assert "2 problems" in result.stderr


def test_default_pack_comes_from_the_configuration(tmp_path):
    """Without an argument, does validate check the configured pack?"""
    import os

    env = dict(os.environ, HEALING_WORKBOOK_PACK=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "widgets", "validate"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert "no pack.yaml" in result.stdout
