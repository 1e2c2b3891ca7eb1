"""A save still waiting when the tab closes is written as the kernel ends."""

from __future__ import annotations

import pytest
from voila_app import running_voila

from browser.helpers import close_tab, exercise

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app(data_dir, chromium_path):
    # A debounce far longer than the test, so only the flush at kernel exit can save.
    slow = {"HEALING_WORKBOOK_DEBOUNCE_SECONDS": "60"}
    with running_voila(data_dir, extra_env=slow) as running:
        yield running


def test_pending_save_is_flushed_when_the_tab_closes(pages):
    """Type, close the tab before the debounced save, reopen: is the text there?"""
    text = "Nobody pressed Save and the timer had not fired."
    page = pages.open("01_grieve.ipynb")
    box = exercise(page, "A note giving yourself permission to feel")
    box.locator("textarea").fill(text)
    # fill() sends the whole text in one change, so once the kernel says "Not saved
    # yet" it holds every word: only the flush at kernel exit can save it now.
    box.locator(".hw-status").filter(has_text="Not saved yet").wait_for()
    close_tab(page)
    again = pages.open("01_grieve.ipynb")
    box = exercise(again, "A note giving yourself permission to feel")
    assert box.locator("textarea").input_value() == text
