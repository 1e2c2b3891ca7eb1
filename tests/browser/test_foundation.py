"""The start page and step 1 in a real browser, used as a person would use them."""

from __future__ import annotations

import time

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser.helpers import (
    PHONE,
    close_tab,
    cut_off_at_right_edge,
    exercise,
    sideways_overflow,
    wait_saved,
    wait_settled,
    wait_until_interactive,
)

pytestmark = pytest.mark.browser

START = "00_start.ipynb"
STEP1 = "01_grieve.ipynb"
JOURNAL = "A note giving yourself permission to feel"
FEELINGS = "Which feelings are here right now, and how strong?"
CHOICE = "One small thing for tonight"
LIST = "People I can reach out to"


def test_start_page_links_to_every_step_and_step_one(pages):
    """Does the start page list all ten steps and lead to step 1?"""
    page = pages.open(START)
    pages.screenshot(page, "start")
    steps = page.locator("ol.hw-steps > li")
    assert steps.count() == 10
    with page.expect_navigation(url=f"**/{STEP1}"):
        page.locator("ol.hw-steps a", has_text="Step 1:").click()
    wait_until_interactive(page)
    assert page.locator("h1", has_text="Allow yourself to grieve").is_visible()
    pages.screenshot(page, "step1")


def test_journal_text_is_saved_and_comes_back_after_reload(pages):
    """Type, see "Saved at", reload: is every word still there?"""
    text = "It makes sense that I miss them. <b>not bold</b> — and that is okay 💛"
    page = pages.open(STEP1)
    box = exercise(page, JOURNAL)
    box.locator("textarea").fill(text)
    wait_saved(box)
    page.reload()
    wait_until_interactive(page)
    box = exercise(page, JOURNAL)
    assert box.locator("textarea").input_value() == text
    assert "Saved at" in box.locator(".hw-status").inner_text()


def test_closing_the_tab_loses_at_most_the_last_second(pages):
    """Type, pause, type again and close the tab at once: is the first part kept?

    The kernel ends as soon as the tab closes, so keystrokes still in flight may
    be lost; anything typed a second or more before closing is saved.
    """
    page = pages.open(STEP1)
    box = exercise(page, "Write it out")
    box.locator("textarea").press_sequentially("Written a while ago. ")
    wait_saved(box)  # the person pauses long enough for the autosave
    box.locator("textarea").press_sequentially("Typed just now.")
    close_tab(page)
    again = pages.open(STEP1)
    kept = exercise(again, "Write it out").locator("textarea").input_value()
    assert kept.startswith("Written a while ago. ")
    assert "Written a while ago. Typed just now.".startswith(kept)


def test_closing_a_tab_ends_its_kernel(pages, app):
    """Does leaving a page shut its kernel down, so visits do not pile up kernels?"""
    before = app.log().count("Kernel shutdown:")
    page = pages.open(START)
    close_tab(page)
    deadline = time.monotonic() + 30
    while app.log().count("Kernel shutdown:") == before:
        assert time.monotonic() < deadline, "the page's kernel was not shut down"
        time.sleep(0.2)


def test_every_exercise_of_step_one_saves_and_reloads(pages):
    """Fill each exercise of step 1, press Save, reload, and find each answer."""
    page = pages.open(STEP1)

    feelings = exercise(page, FEELINGS)
    feelings.get_by_label("Lonely", exact=True).check()
    strength = feelings.get_by_label("How strong is Lonely? (1 to 10)")
    strength.fill("8")
    strength.press("Tab")
    feelings.get_by_label("Relieved", exact=True).check()
    feelings.get_by_role("button", name="Save").click()
    wait_saved(feelings)

    choice = exercise(page, CHOICE)
    choice.get_by_label("Go outside for a short walk").check()
    choice.get_by_role("button", name="Save").click()
    wait_saved(choice)

    people = exercise(page, LIST)
    new_person = people.get_by_label("New person")
    for position, name in enumerate(("Max, my brother", "Clara"), start=1):
        new_person.fill(name)
        people.get_by_role("button", name="Add", exact=True).click()
        people.get_by_role("textbox", name=f"Person {position}", exact=True).wait_for()
    people.get_by_role("button", name="Move person 2 up").click()
    people.get_by_role("button", name="Save").click()
    wait_saved(people)
    pages.screenshot(page, "filled")

    page.reload()
    wait_until_interactive(page)
    feelings = exercise(page, FEELINGS)
    assert feelings.get_by_label("Lonely", exact=True).is_checked()
    assert feelings.get_by_label("How strong is Lonely? (1 to 10)").input_value() == "8"
    assert feelings.get_by_label("Relieved", exact=True).is_checked()
    assert not feelings.get_by_label("Angry", exact=True).is_checked()
    assert exercise(page, CHOICE).get_by_label("Go outside for a short walk").is_checked()
    people = exercise(page, LIST)
    assert people.get_by_role("textbox", name="Person 1", exact=True).input_value() == "Clara"
    second = people.get_by_role("textbox", name="Person 2", exact=True)
    assert second.input_value() == "Max, my brother"


def test_slider_and_number_box_move_together(pages):
    """Can a strength be set from the keyboard on the slider as well as typed?"""
    page = pages.open(STEP1)
    feelings = exercise(page, FEELINGS)
    feelings.get_by_label("Tired", exact=True).check()
    number = feelings.get_by_label("How strong is Tired? (1 to 10)")
    number.wait_for()
    start = int(number.input_value())
    key, expected = ("ArrowLeft", start - 3) if start > 3 else ("ArrowRight", start + 3)
    handle = feelings.get_by_role("slider", name="Tired strength slider")
    handle.focus()
    for _ in range(3):
        handle.press(key)
    page.wait_for_function(
        "([el, want]) => el.value === want",
        arg=[number.element_handle(), str(expected)],
        timeout=10_000,
    )
    wait_saved(feelings)


@pytest.mark.parametrize("notebook", [START, STEP1])
def test_no_serious_accessibility_violations(pages, notebook):
    """Does axe find no serious or critical WCAG problem on the page?"""
    page = pages.open(notebook)
    page.locator("details.hw-get-help > summary").click()  # check the open panel too
    wait_settled(page)  # the accessibility repairs have run on the last outputs
    results = Axe().run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert not bad, "\n".join(bad)


def test_get_help_is_in_the_same_place_and_opens(pages):
    """Is "Get help now" at the same spot on both pages, and does it open in place?"""
    spots = []
    for notebook in (START, STEP1, "stories.ipynb"):
        page = pages.open(notebook)
        summary = page.locator("details.hw-get-help > summary")
        box = summary.bounding_box()
        spots.append((round(box["x"]), round(box["y"])))
        summary.click()
        body = page.locator(".hw-help-body")
        body.wait_for(state="visible")
        assert "findahelpline.com" in body.inner_text()
        assert body.get_by_role("link", name="Call 988").count() == 2  # the US and Canada
    assert len(set(spots)) == 1, spots


def test_keyboard_only(pages):
    """Reach Get help now and a journal, type, save, all without a mouse."""
    page = pages.open(STEP1)
    page.locator("body").focus()
    focused_help = False
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            focused_help = True
            break
    assert focused_help, "Get help now cannot be reached with Tab"
    page.keyboard.press("Enter")
    assert page.locator("details.hw-get-help").get_attribute("open") is not None
    page.keyboard.press("Enter")  # close it again

    box = exercise(page, JOURNAL)
    target = box.locator("textarea")
    for _ in range(200):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the journal cannot be reached with Tab")
    outline = target.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "the focused field shows no focus indicator"
    page.keyboard.type("Typed with the keyboard only.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Save"
    page.keyboard.press("Enter")
    wait_saved(box)


@pytest.mark.parametrize("notebook", [START, STEP1])
def test_phone_width_has_no_sideways_scrolling(pages, notebook):
    """At 390 px wide, does everything fit without scrolling sideways?"""
    page = pages.open(notebook, viewport=PHONE)
    page.locator("details.hw-get-help > summary").click()
    overflow = sideways_overflow(page)
    pages.screenshot(page, "phone")
    assert overflow <= 1, f"the page is {overflow}px wider than a phone screen"
    cut_off = cut_off_at_right_edge(page)
    assert not cut_off, "cut off at the right edge:\n" + "\n".join(cut_off)
