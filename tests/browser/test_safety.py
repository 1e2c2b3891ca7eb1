"""Does the person's country reach every Get help now panel, and does crisis language
bring a calm card without ever getting in the way of writing?"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser.helpers import exercise, serious_axe_violations, wait_saved
from widgets.safety import CARD_OPENING

pytestmark = pytest.mark.browser

START = "00_start.ipynb"
STEP1 = "01_grieve.ipynb"
NOTE = "A note giving yourself permission to feel"


def test_chosen_country_comes_first_in_get_help_now_on_other_pages(pages):
    """Pick the United Kingdom on the start page; does step 1's panel lead with it?"""
    page = pages.open(START)
    page.get_by_label("My country").select_option(label="United Kingdom")
    expect(page.locator(".hw-country .hw-status")).to_contain_text("United Kingdom first")
    # the header on this page follows at once
    page.locator("details.hw-get-help > summary").click()
    expect(page.locator(".hw-help-body h4").first).to_have_text("United Kingdom")

    step = pages.open(STEP1)
    step.locator("details.hw-get-help > summary").click()
    body = step.locator(".hw-help-body")
    expect(body.locator("h4").first).to_have_text("United Kingdom")
    expect(body.get_by_role("link", name="Call 116 123")).to_be_visible()
    expect(body.locator("details.hw-other-countries")).not_to_have_attribute("open", "")

    step8 = pages.open("08_professional-help.ipynb")
    listed = step8.locator("section.hw-resources h3")
    expect(listed.first).to_have_text("United Kingdom")


def test_crisis_words_bring_a_calm_card_and_writing_goes_on(pages):
    """Typing crisis words shows the card; typing and saving carry on; it can be closed."""
    page = pages.open(STEP1)
    note = exercise(page, NOTE)
    box = note.locator("textarea")
    box.click()
    page.keyboard.type("Since she left I don't want to be here anymore.")
    wait_saved(note)  # the debounced save, about a second after the last key
    card = note.locator(".hw-crisis")
    expect(card.locator(".hw-crisis-opening")).to_have_text(CARD_OPENING, timeout=1_000)
    expect(card.get_by_role("link", name="Call 116 123")).to_be_visible()  # the UK, chosen above
    expect(box).to_be_focused()  # the card never takes the focus away
    page.keyboard.type(" Writing it down helps a little.")
    wait_saved(note)
    expect(box).to_have_value(
        "Since she left I don't want to be here anymore. Writing it down helps a little."
    )
    assert serious_axe_violations(page, "step 1 with the crisis card") == []
    pages.screenshot(page, "crisis-card")
    summary = page.locator("details.hw-get-help > summary")
    help_before = _place_on_page(summary)
    card.get_by_role("button", name="Close this message").click()
    expect(card).to_have_count(0)
    assert _place_on_page(summary) == help_before  # Get help now stays where it always is
    summary.scroll_into_view_if_needed()
    expect(summary).to_be_visible()


def _place_on_page(locator) -> list[float]:
    """Where an element sits on the page (not in the window), in CSS pixels."""
    return locator.evaluate(
        """el => {
          const box = el.getBoundingClientRect();
          const scroller = document.querySelector('#rendered_cells');
          return [box.left, box.top + window.scrollY + (scroller ? scroller.scrollTop : 0)];
        }"""
    )
