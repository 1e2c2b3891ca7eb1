"""Is the code ruff-clean and formatted, and are notebooks free of outputs?"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_lint_passes():
    """Does `ruff check` find nothing?"""
    result = ruff("check", ".")
    assert result.returncode == 0, result.stdout


def test_ruff_format_is_applied():
    """Is every file already formatted the way `ruff format` would?"""
    result = ruff("format", "--check", ".")
    assert result.returncode == 0, result.stdout
