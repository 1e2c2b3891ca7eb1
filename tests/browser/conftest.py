"""Browser tests: the real Voila app in Debian's chromium, driven by Playwright.

Every test here is marked ``browser``. When chromium is missing the tests skip
with a loud reason, except under ``CI=true``, where they fail: CI must run them.

Each page a test opens is watched: a JavaScript error, an error in the browser
console, a request to any host other than the local server, or traceback text
on the page fails the test at teardown. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from voila_app import VoilaApp, is_workbook_traceback, running_voila

from browser.helpers import Pages

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    reason = (
        f"BROWSER TESTS NOT RUN: no chromium at {CHROMIUM}. Install Debian's chromium "
        "(sudo apt-get install chromium) to run them; .ci/run does this on CI."
    )
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    print(f"\n{'!' * 78}\n{reason}\n{'!' * 78}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def playwright_instance(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance, chromium_path):
    browser = playwright_instance.chromium.launch(
        executable_path=str(chromium_path), args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    """A store folder for one test module (never a real person's data folder)."""
    return tmp_path_factory.mktemp("browser-data")


@pytest.fixture(scope="module")
def app(data_dir, chromium_path) -> Iterator[VoilaApp]:
    with running_voila(data_dir, log_path=data_dir / "voila.log") as running:
        yield running
    # A traceback through the workbook's own code (a widget callback, a save, the
    # exit flush) is a bug and fails the run. Tabs closed while Voila is still
    # rendering can make Voila or Tornado log one of their own; those are reported
    # as warnings, with the whole traceback, so they stay visible.
    ours, theirs = [], []
    for block in running.tracebacks():
        (ours if is_workbook_traceback(block) else theirs).append(block)
    for block in theirs:
        warnings.warn(
            f"the Voila server logged a traceback outside the workbook:\n{block}", stacklevel=1
        )
    assert not ours, "the Voila server logged a traceback in workbook code:\n\n" + "\n\n".join(ours)
    # After a whole module of real use, the server's log holds no secret.
    assert running.token not in running.log(), "the server logged its token"


@pytest.fixture
def pages(browser, app, request) -> Iterator[Pages]:
    opened = Pages(browser, app, request)
    yield opened
    problems = opened.close_all()
    assert not problems, "\n".join(problems)
