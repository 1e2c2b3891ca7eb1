#!/usr/bin/env python3
"""Set up and run the Healing Workbook with nothing but Python 3.11 and pip.

    python3 run.py app     create .venv if missing, install, start the app and open it
                           (--no-browser: only print where to open it)
    python3 run.py test    create .venv if missing, install, run every test

The virtual environment is re-installed only when pyproject.toml changes. The app
listens on 127.0.0.1 only. Extra arguments after ``test`` go to pytest.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
DEFAULT_PORT = 8866


def ensure_environment(extra: str) -> None:
    """Create the virtual environment and install the project (with ``extra``) if needed."""
    if not PYTHON.exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extra.encode()).hexdigest()
    stamp = VENV / f".installed-{extra or 'app'}"
    if stamp.exists() and stamp.read_text() == wanted:
        return
    print("Installing the workbook and its dependencies (first run only) ...", flush=True)
    target = f".[{extra}]" if extra else "."
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True, cwd=ROOT)
    subprocess.run([*pip, "-e", target], check=True, cwd=ROOT)
    stamp.write_text(wanted)


def project_env() -> dict[str, str]:
    """Environment with the workbook's Voila template on Jupyter's search path."""
    env = dict(os.environ)
    template_path = str(ROOT / "share" / "jupyter")
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [template_path, env.get("JUPYTER_PATH")]))
    return env


def run_app(args: list[str]) -> int:
    """Start the workbook's private server; it opens the browser (``--no-browser``: not)."""
    ensure_environment("")
    port = os.environ.get("HEALING_WORKBOOK_PORT", str(DEFAULT_PORT))
    print("\nThe Healing Workbook is starting ...", flush=True)
    # widgets.serve makes this start's secret itself: it is never on a command line.
    command = [str(PYTHON), "-m", "widgets.serve", "workbook", f"--port={port}", *args]
    try:
        return subprocess.run(command, cwd=ROOT, env=project_env(), check=False).returncode
    except KeyboardInterrupt:
        return 0


def run_tests(args: list[str]) -> int:
    """Run lint, unit, notebook and browser tests."""
    ensure_environment("test")
    command = [str(PYTHON), "-m", "pytest", "--nbval-lax", "tests", "workbook", *args]
    return subprocess.run(command, cwd=ROOT, env=project_env(), check=False).returncode


def main(argv: list[str]) -> int:
    """Dispatch ``app`` or ``test``."""
    if not argv or argv[0] not in {"app", "test"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    return run_app(rest) if command == "app" else run_tests(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
