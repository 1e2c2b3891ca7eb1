"""Keep every test run away from a real person's data folder.

This runs before any test or notebook kernel starts: the answer store is pointed
at a fresh temporary folder, which nbval's kernels and Voila servers inherit.
"""

from __future__ import annotations

import os
import tempfile

_TEST_DATA_DIR = tempfile.mkdtemp(prefix="healing-workbook-tests-")


def pytest_configure(config) -> None:
    """Point the answer store at a temporary folder before anything runs."""
    os.environ["HEALING_WORKBOOK_DATA_DIR"] = _TEST_DATA_DIR
    # Exported files (written outside Voila) go there too, never beside the notebooks.
    os.environ["HEALING_WORKBOOK_EXPORT_DIR"] = os.path.join(_TEST_DATA_DIR, "my-exports")
