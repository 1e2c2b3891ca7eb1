"""Are the notebooks thin, clean documents that link to each other correctly?"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from widgets.content import load_pack

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "workbook").glob("*.ipynb"))


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def test_there_is_a_start_page_and_a_notebook_per_step():
    """Is there 00_start plus one notebook per step of the pack, named after it?"""
    pack = load_pack(ROOT / "data")
    names = {path.name for path in NOTEBOOKS}
    assert "00_start.ipynb" in names
    assert {step.notebook for step in pack.steps} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    """Are outputs and execution counts stripped?"""
    for cell in cells(path):
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_are_one_line_calls(path):
    """Does every code cell hold one call into the package (plus the import)?"""
    for cell in cells(path):
        if cell["cell_type"] != "code":
            continue
        lines = [
            line
            for line in "".join(cell["source"]).splitlines()
            if line.strip() and line.strip() != "import widgets as wb"
        ]
        assert len(lines) == 1, lines
        assert re.fullmatch(r'wb\.\w+\((?:"[\w-]+")?\)', lines[0]), lines[0]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_page_starts_with_the_header(path):
    """Is the header (with "Get help now") the first thing on every page?"""
    first = cells(path)[0]
    assert first["cell_type"] == "code"
    assert "wb.header(" in "".join(first["source"])


def test_markdown_links_point_at_existing_notebooks():
    """Does every relative .ipynb link in the prose resolve to a workbook notebook?"""
    names = {path.name for path in NOTEBOOKS}
    for path in NOTEBOOKS:
        for cell in cells(path):
            if cell["cell_type"] == "markdown":
                for target in re.findall(r"\]\(([^)#]+\.ipynb)", "".join(cell["source"])):
                    assert target in names, (path.name, target)
