"""Does the Voila app serve pages but never the store, the pack or notebook sources?"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.server


def test_start_page_renders_without_code_or_tracebacks(app):
    """Is the start page served with its prose, and without code or errors?"""
    status, page, _headers = app.fetch("voila/render/00_start.ipynb")
    assert status == 200
    assert "The Healing Workbook" in page
    assert "import widgets as wb" not in page  # sources are stripped
    assert "Traceback" not in page


@pytest.mark.parametrize(
    "path",
    [
        "voila/files/00_start.ipynb",
        "voila/files/01_grieve.ipynb",
        "voila/files/../data/pack.yaml",
        "voila/files/../voila.json",
        "voila/files/%2e%2e/data/crisis_resources.yaml",
        "files/00_start.ipynb",
        "api/contents/00_start.ipynb?content=1",
    ],
)
def test_files_behind_the_app_cannot_be_downloaded(app, path):
    """Are notebook sources, pack files and config refused?"""
    status, body, _headers = app.fetch(path)
    assert status in {403, 404}, (path, status)
    assert "wb.header" not in body


def test_contents_api_never_returns_notebook_source(app):
    """Does Voila's contents listing give names only, never cell sources?"""
    status, body, _headers = app.fetch("voila/api/contents/01_grieve.ipynb?content=1")
    assert status in {200, 403, 404}
    assert "wb.exercises" not in body and '"cells"' not in body


def test_folder_listing_leads_to_the_start_page(app):
    """Does the bare address send the person to the start page, not a file list?"""
    status, body, _headers = app.fetch("")
    assert status == 200
    assert "voila/render/00_start.ipynb" in body
    assert "01_grieve.ipynb" not in body


def test_server_log_tracebacks_are_found_and_sorted_by_whose_code_they_pass_through():
    from voila_app import ROOT, is_workbook_traceback, tracebacks_in

    log = (
        "[Voila] Kernel started: 1\n"
        "Traceback (most recent call last):\n"
        '  File "/venv/site-packages/tornado/iostream.py", line 1, in write\n'
        "    raise StreamClosedError()\n"
        "tornado.iostream.StreamClosedError: Stream is closed\n"
        "[Voila] Kernel started: 2\n"
        "Traceback (most recent call last):\n"
        f'  File "{ROOT}/widgets/exercises/_base.py", line 3, in save\n'
        "    boom()\n"
        "ValueError: boom\n"
    )
    first, second = tracebacks_in(log)
    assert "StreamClosedError: Stream is closed" in first
    assert "ValueError: boom" in second
    assert not is_workbook_traceback(first)
    assert is_workbook_traceback(second)
