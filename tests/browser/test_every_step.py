"""Every step page in a real browser: shown whole, accessible, phone-sized, and saving.

Each step notebook (01 to 10) is opened as a person would open it: the heading,
the progress line, one widget per exercise, "Get help now" in its usual place,
the links to the steps on either side, no serious axe finding and no sideways
scrolling at phone width. Then one exercise of every kind is filled in through
its labels and buttons, saved, and found again after a reload; and on step 8 an
answer above "Not at all" on the PHQ-9's item 9 shows the crisis card at once.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Expect
from voila_app import SERVER_TODAY

from browser.helpers import (
    DESKTOP,
    PHONE,
    Pages,
    cut_off_at_right_edge,
    exercise,
    serious_axe_violations,
    sideways_overflow,
    wait_saved,
    wait_until_interactive,
    whole_page_screenshot,
)
from widgets.content import load_pack
from widgets.screeners import PHQ9

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PACK = load_pack(ROOT / "data")
STEPS = list(PACK.steps)
START = "00_start.ipynb"
STEP8 = "08_professional-help.ipynb"
#: The number of a step's exercises, by notebook.
EXERCISE_COUNT = {step.notebook: len(step.exercise_ids) for step in STEPS}

# A kernel round trip on a busy 2-core machine can take longer than Playwright's
# default 5 s; this instance (not the global ``expect``) waits longer.
expect = Expect()
expect.set_options(timeout=30_000)

TODAY = SERVER_TODAY
XSS_TEXT = (
    "It is okay to feel this. <script>alert(1)</script>\n<img src=x onerror=alert(2)> & still me 💛"
)


def _day(days_ago: int) -> str:
    return (TODAY - dt.timedelta(days=days_ago)).isoformat()


def _title(exercise_id: str) -> str:
    return PACK.exercises[exercise_id].title


def _save(box) -> None:
    box.get_by_role("button", name="Save", exact=True).click()
    wait_saved(box)


def _number(box, label: str, value: int) -> None:
    """Type a number into a number box and leave it (number boxes sync on change)."""
    field = box.get_by_label(label, exact=True)
    field.fill(str(value))
    field.press("Tab")


def _selected_label(select) -> str:
    """The text of a drop-down's chosen option (ipywidgets writes its spaces as no-break)."""
    text = select.evaluate("s => s.selectedIndex < 0 ? '' : s.options[s.selectedIndex].text")
    return text.replace("\xa0", " ")


def _fits(page, where: str, within=None) -> None:
    """Nothing scrolls sideways and nothing is cut off at the right edge."""
    overflow = sideways_overflow(page)
    assert overflow <= 1, f"{where} is {overflow}px wider than the screen"
    cut_off = cut_off_at_right_edge(page, within)
    assert not cut_off, f"{where}: cut off at the right edge:\n" + "\n".join(cut_off)


def _watch_dialogs(page) -> list[str]:
    """Record (and dismiss) every alert, confirm or prompt the page opens."""
    seen: list[str] = []

    def on_dialog(dialog) -> None:
        seen.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return seen


def _wait_for_exercises(page, notebook: str) -> None:
    expect(page.locator(".hw-exercise")).to_have_count(EXERCISE_COUNT[notebook])


@pytest.fixture(scope="module")
def help_spot(browser, app, request) -> tuple[int, int]:
    """Where "Get help now" sits on the start page at desktop width."""
    opened = Pages(browser, app, request)
    page = opened.open(START)
    box = page.locator("details.hw-get-help > summary").bounding_box()
    problems = opened.close_all()
    assert not problems, "\n".join(problems)
    assert box is not None, "no Get help now on the start page"
    return round(box["x"]), round(box["y"])


# ------------------------------------------------------------------ every page


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.notebook.removesuffix(".ipynb"))
def test_step_page_shows_every_exercise_and_the_way_around(pages, step, help_spot):
    """Is every exercise of the step shown, with help, links and no serious axe finding?"""
    page = pages.open(step.notebook)
    count = len(step.exercise_ids)

    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    heading = page.get_by_role("heading", level=1, name=f"Step {step.number}: {step.title}")
    expect(heading).to_be_visible()  # its name leaves out the "¶" anchor link
    progress = page.locator(".hw-progress-text")
    expect(progress).to_have_text(re.compile(rf"^\d+ of {count} exercises started$"))
    assert int(progress.inner_text().split()[0]) <= count
    _wait_for_exercises(page, step.notebook)
    expect(page.locator(".hw-error-panel")).to_have_count(0)
    for exercise_id in step.exercise_ids:
        expect(exercise(page, _title(exercise_id))).to_have_count(1)

    summary = page.locator("details.hw-get-help > summary")
    box = summary.bounding_box()
    assert (round(box["x"]), round(box["y"])) == help_spot, "Get help now has moved"

    index = STEPS.index(step)
    expected = []
    if index > 0:
        expected.append((STEPS[index - 1].notebook, STEPS[index - 1].title))
    expected.append((START, "start page"))
    expected.append(("stories.ipynb", "stories"))
    if index + 1 < len(STEPS):
        expected.append((STEPS[index + 1].notebook, STEPS[index + 1].title))
    links = page.locator("nav.hw-nav").get_by_role("link")
    expect(links).to_have_count(len(expected))
    for link, (href, words) in zip(links.all(), expected, strict=True):
        assert link.get_attribute("href") == href
        assert words in link.inner_text()
    whole_page_screenshot(pages, page, "desktop")
    _fits(page, f"{step.notebook} at desktop width")

    summary.click()  # check the open panel too
    expect(page.locator(".hw-help-body")).to_be_visible()
    bad = serious_axe_violations(page, step.notebook)
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.notebook.removesuffix(".ipynb"))
def test_step_page_fits_a_phone(pages, step):
    """At 390 px wide, with Get help now open, does the step fit without sideways scrolling?"""
    page = pages.open(step.notebook, viewport=PHONE)
    _wait_for_exercises(page, step.notebook)
    page.locator("details.hw-get-help > summary").click()
    expect(page.locator(".hw-help-body")).to_be_visible()
    whole_page_screenshot(pages, page, "phone")
    _fits(page, f"{step.notebook} at phone width")


# ------------------------------------------------------- one exercise per kind


@dataclass(frozen=True)
class Filled:
    """One exercise to fill in, and how to find the answer again after a reload."""

    exercise_id: str
    fill: Callable
    check: Callable


# -- step 1: feelings_picker, journal (with markup), list_builder, single_choice


def fill_feelings(box) -> None:
    box.get_by_label("Lonely", exact=True).check()
    _number(box, "How strong is Lonely? (1 to 10)", 8)
    box.get_by_label("Relieved", exact=True).check()
    expect(box.get_by_label("How strong is Relieved? (1 to 10)")).to_be_visible()


def check_feelings(box) -> None:
    expect(box.get_by_label("Lonely", exact=True)).to_be_checked()
    expect(box.get_by_label("How strong is Lonely? (1 to 10)")).to_have_value("8")
    expect(box.get_by_label("Relieved", exact=True)).to_be_checked()
    expect(box.get_by_label("Angry", exact=True)).not_to_be_checked()


def fill_permission_note(box) -> None:
    box.get_by_label(_title("grieve-permission-note"), exact=True).fill(XSS_TEXT)


def check_permission_note(box) -> None:
    note = box.get_by_label(_title("grieve-permission-note"), exact=True)
    expect(note).to_have_value(XSS_TEXT)
    expect(box.page.locator("img[src='x']")).to_have_count(0)


def fill_people(box) -> None:
    for position, name in enumerate(("Max, my brother", "Clara <3"), start=1):
        box.get_by_label("New person", exact=True).fill(name)
        box.get_by_role("button", name="Add", exact=True).click()
        expect(box.get_by_role("textbox", name=f"Person {position}", exact=True)).to_have_value(
            name
        )
    box.get_by_role("button", name="Move person 2 up").click()
    expect(box.get_by_role("textbox", name="Person 1", exact=True)).to_have_value("Clara <3")


def check_people(box) -> None:
    expect(box.get_by_role("textbox", name="Person 1", exact=True)).to_have_value("Clara <3")
    expect(box.get_by_role("textbox", name="Person 2", exact=True)).to_have_value("Max, my brother")
    expect(box.get_by_role("textbox", name="Person 3", exact=True)).to_have_count(0)


def fill_one_kind_thing(box) -> None:
    box.get_by_role("radio", name="Message or call someone on my list").check()


def check_one_kind_thing(box) -> None:
    expect(box.get_by_role("radio", name="Message or call someone on my list")).to_be_checked()
    expect(box.get_by_role("radio", name="Go outside for a short walk")).not_to_be_checked()


# -- step 2: timeline, two_column (with its kind card), distanced_journal


def fill_timeline(box) -> None:
    moments = [
        ("2023-11-02", "The last goodbye at the station", "turning point"),
        ("2019-05", "First coffee by the harbour", "good"),
    ]
    for number, (date, text, mark) in enumerate(moments, start=1):
        box.get_by_label("Date", exact=True).fill(date)
        box.get_by_label("What happened", exact=True).fill(text)
        box.get_by_label("Mark", exact=True).select_option(mark)
        box.get_by_role("button", name="Add moment").click()
        expect(box.get_by_label(f"Moment {number}", exact=True)).to_have_value(text)
    box.get_by_role("button", name="Sort by date").click()
    expect(box.get_by_label("Moment 1", exact=True)).to_have_value("First coffee by the harbour")


def check_timeline(box) -> None:
    expect(box.get_by_label("Moment 1 date", exact=True)).to_have_value("2019-05")
    expect(box.get_by_label("Moment 1", exact=True)).to_have_value("First coffee by the harbour")
    assert _selected_label(box.get_by_label("Moment 1 mark", exact=True)) == "good"
    expect(box.get_by_label("Moment 2 date", exact=True)).to_have_value("2023-11-02")
    expect(box.get_by_label("Moment 2", exact=True)).to_have_value(
        "The last goodbye at the station"
    )
    assert _selected_label(box.get_by_label("Moment 2 mark", exact=True)) == "turning point"


REFRAME_LEFT = "Honest downsides of the relationship"
REFRAME_RIGHT = "What I gain or can grow now"


def fill_reframe(box) -> None:
    lines = [
        (REFRAME_LEFT, "Walking on eggshells every weekend"),
        (REFRAME_RIGHT, "Sundays that are mine again"),
        (REFRAME_RIGHT, "Time for the choir"),
    ]
    card = box.get_by_role("note").filter(has_text="A kind word for yourself")
    for column, text in lines:
        box.get_by_role("textbox", name=f"Add to “{column}”").fill(text)
        box.get_by_role("button", name=f"Add to “{column}”").click()
        expect(box.get_by_role("textbox", name=f"Add to “{column}”")).to_have_value("")
    expect(box.get_by_label(f"{REFRAME_RIGHT}, line 2", exact=True)).to_have_value(
        "Time for the choir"
    )
    expect(card).to_be_visible()


def check_reframe(box) -> None:
    expect(box.get_by_label(f"{REFRAME_LEFT}, line 1", exact=True)).to_have_value(
        "Walking on eggshells every weekend"
    )
    expect(box.get_by_label(f"{REFRAME_RIGHT}, line 1", exact=True)).to_have_value(
        "Sundays that are mine again"
    )
    expect(box.get_by_label(f"{REFRAME_RIGHT}, line 2", exact=True)).to_have_value(
        "Time for the choir"
    )
    expect(box.get_by_role("note").filter(has_text="A kind word for yourself")).to_be_visible()


ROBIN_PROMPT = "What happened in Robin's relationship, and how does Robin feel about it now?"
OUTSIDE_TEXT = "Robin stayed longer than was good for Robin.\nRobin is allowed to grieve it."


def fill_from_the_outside(box) -> None:
    box.get_by_role("radio", name="my name").check()
    box.get_by_label("The name to use", exact=True).fill("Robin")
    expect(box.locator(".hw-distanced_journal-prompt")).to_have_text(ROBIN_PROMPT)
    box.get_by_label(ROBIN_PROMPT, exact=True).fill(OUTSIDE_TEXT)


def check_from_the_outside(box) -> None:
    expect(box.get_by_role("radio", name="my name")).to_be_checked()
    expect(box.get_by_label("The name to use", exact=True)).to_have_value("Robin")
    expect(box.get_by_label(ROBIN_PROMPT, exact=True)).to_have_value(OUTSIDE_TEXT)


# -- step 3: guided_flow (finished), multiple_choice, list_builder

BREAK_ANSWERS = {
    "In a few words, what hurts right now?": "The quiet evenings.",
    "Who else might feel something like this tonight?": "Anyone who moved out this month.",
    "Write the kind words you need to hear.": "You are doing your best, and that is enough.",
}


def fill_compassion_break(box) -> None:
    for number, (prompt, text) in enumerate(BREAK_ANSWERS.items(), start=1):
        field = box.get_by_label(prompt, exact=True)
        expect(field).to_be_visible()
        field.fill(text)
        box.get_by_role("button", name="Finish" if number == 3 else "Next", exact=True).click()
    expect(box.get_by_text("Well done. You can come back to this break")).to_be_visible()


def check_compassion_break(box) -> None:
    expect(box.get_by_text("Well done. You can come back to this break")).to_be_visible()
    expect(box.get_by_role("button", name="Start again", exact=True)).to_be_visible()
    for prompt, text in BREAK_ANSWERS.items():
        field = box.get_by_label(prompt, exact=True)
        expect(field).to_be_hidden()  # the cards are put away once finished
        expect(field).to_have_value(text)


def fill_strengths(box) -> None:
    for strength in ("Brave", "Curious", "Calm in a crisis"):
        box.get_by_label(strength, exact=True).check()


def check_strengths(box) -> None:
    for strength in ("Brave", "Curious", "Calm in a crisis"):
        expect(box.get_by_label(strength, exact=True)).to_be_checked()
    expect(box.get_by_label("Kind", exact=True)).not_to_be_checked()


def fill_who_am_i(box) -> None:
    # The label is built from the pack's "I am…"; match it whatever its case.
    new_item = box.get_by_label(re.compile(r"^New i am…$", re.IGNORECASE))
    for position, text in enumerate(("someone who makes friends laugh", "a patient teacher"), 1):
        new_item.fill(text)
        box.get_by_role("button", name="Add", exact=True).click()
        expect(box.get_by_label(f"I am… {position}", exact=True)).to_have_value(text)


def check_who_am_i(box) -> None:
    expect(box.get_by_label("I am… 1", exact=True)).to_have_value("someone who makes friends laugh")
    expect(box.get_by_label("I am… 2", exact=True)).to_have_value("a patient teacher")


# -- step 4: message_builder

MESSAGE = {
    "Who is this message for? (optional)": "Sam <b>not bold</b>",
    "Observation: what a camera would record, no judgement": (
        "you said you would call on Friday, and you didn't"
    ),
    "Feeling: one or two feeling words": "hurt and a little scared",
    "Need: what matters to you underneath the feeling": "to know where I stand",
    "Request: something the other person can say no to": (
        "tell me by Sunday whether you want to talk"
    ),
}
DRAFT = [
    "Sam <b>not bold</b>,",
    "When you said you would call on Friday, and you didn't, I feel hurt and a little "
    "scared, because I need to know where I stand. Would you be willing to tell me by "
    "Sunday whether you want to talk?",
]


def fill_message(box) -> None:
    for label, text in MESSAGE.items():
        box.get_by_label(label, exact=True).fill(text)
    expect(box.locator(".hw-message_builder-draft p")).to_have_text(DRAFT)


def check_message(box) -> None:
    for label, text in MESSAGE.items():
        expect(box.get_by_label(label, exact=True)).to_have_value(text)
    expect(box.locator(".hw-message_builder-draft p")).to_have_text(DRAFT)


# -- step 5: activity_planner

IDEA = "With friends: a meal or a coffee"
RATINGS = {
    "Mood after 0–10 (activity 1)": 6,
    "Mastery 0–10 (activity 1)": 5,
    "Pleasure 0–10 (activity 1)": 7,
}


def fill_activity_plan(box) -> None:
    box.get_by_label("Ideas (choosing one fills in the activity)").select_option(label=IDEA)
    expect(box.get_by_label("Activity", exact=True)).to_have_value(IDEA)
    box.get_by_label("Day (YYYY-MM-DD)", exact=True).fill(_day(2))
    _number(box, "Predicted mood (0–10)", 3)
    expect(box.get_by_text("No guess yet", exact=True)).to_have_count(0)
    box.get_by_role("button", name="Add activity", exact=True).click()
    expect(box.get_by_label("Activity 1", exact=True)).to_have_value(IDEA)
    box.get_by_label("Done (activity 1)", exact=True).check()
    for label, value in RATINGS.items():
        expect(box.get_by_label(label, exact=True)).to_be_visible()
        _number(box, label, value)
    expect(box.get_by_text("You expected 3; it was 6 — better than expected.")).to_be_visible()


def check_activity_plan(box) -> None:
    expect(box.get_by_label("Activity 1", exact=True)).to_have_value(IDEA)
    expect(box.get_by_label("Day (activity 1)", exact=True)).to_have_value(_day(2))
    expect(box.get_by_label("Predicted mood 0–10 (activity 1)", exact=True)).to_have_value("3")
    expect(box.get_by_label("Done (activity 1)", exact=True)).to_be_checked()
    for label, value in RATINGS.items():
        expect(box.get_by_label(label, exact=True)).to_have_value(str(value))
    expect(box.get_by_text("You expected 3; it was 6 — better than expected.")).to_be_visible()
    expect(box.locator(".hw-activity_planner-summary")).to_have_text(
        "Afterwards your mood was higher than you predicted in 1 of 1 activity."
    )


# -- step 6: contact_tracker

SLIP_NOTE = "Replied to <b>their</b> birthday text"
URGE_NOTE = "Saw our song on the radio; called my sister instead"
URGE_PROMPT = "What was going on when the urge came, and what did you do instead?"


def fill_contact(box) -> None:
    box.get_by_label("I started on (YYYY-MM-DD)", exact=True).fill(_day(10))
    box.get_by_role("radio", name="Low contact").check()
    expect(box.locator(".hw-contact_tracker-summary")).to_contain_text(
        "Day 11 of low contact. 11 days kept."
    )
    box.get_by_label("Date of the slip", exact=True).fill(_day(3))
    box.get_by_label("What happened (optional)", exact=True).fill(SLIP_NOTE)
    box.get_by_role("button", name="Log a slip", exact=True).click()
    expect(box.get_by_text(f"Slip on {_day(3)}: {SLIP_NOTE}", exact=True)).to_be_visible()
    box.get_by_label("Date of the urge", exact=True).fill(_day(1))
    _number(box, "Strength (0 to 10)", 7)
    box.get_by_label(URGE_PROMPT, exact=True).fill(URGE_NOTE)
    box.get_by_role("button", name="Log this urge", exact=True).click()
    expect(box.get_by_text(f"{_day(1)}, strength 7 of 10: {URGE_NOTE}")).to_be_visible()


def check_contact(box) -> None:
    expect(box.get_by_label("I started on (YYYY-MM-DD)", exact=True)).to_have_value(_day(10))
    expect(box.get_by_role("radio", name="Low contact")).to_be_checked()
    expect(box.locator(".hw-contact_tracker-summary p")).to_have_text(
        ["Day 11 of low contact. 10 days kept.", "A slip is not a failure. You kept 10 of 11 days."]
    )
    expect(box.get_by_text(f"Slip on {_day(3)}: {SLIP_NOTE}", exact=True)).to_be_visible()
    expect(box.get_by_text(f"{_day(1)}, strength 7 of 10: {URGE_NOTE}")).to_be_visible()
    expect(box.get_by_role("button", name=f"Remove slip 1, on {_day(3)}")).to_be_visible()


# -- step 7: boundary_builder, scale

BOUNDARY = {
    "My limit": "No messages after 10 pm",
    "My words (what I will say)": "I will answer tomorrow, not tonight.",
    "What I will do if it is crossed": "Mute the chat until morning.",
}


def fill_boundaries(box) -> None:
    adder = box.locator(".hw-boundary_builder-adder")
    adder.get_by_label("Type of boundary", exact=True).select_option(label="Digital")
    expect(adder.get_by_text("Your phone and online life")).to_be_visible()
    for label, text in BOUNDARY.items():
        adder.get_by_label(label, exact=True).fill(text)
    box.get_by_role("button", name="Add this boundary", exact=True).click()
    card = box.locator(".hw-boundary_builder-card")
    expect(card.get_by_label("My limit", exact=True)).to_have_value(BOUNDARY["My limit"])
    expect(adder.get_by_label("My limit", exact=True)).to_have_value("")
    card.get_by_role("radiogroup", name="Did it hold?").get_by_role("radio", name="Partly").check()
    expect(card.get_by_label("Date checked", exact=True)).to_have_value(TODAY.isoformat())
    card.get_by_label("Note", exact=True).fill("Held until Friday, then I answered once.")
    expect(box.locator(".hw-boundary_builder-summary")).to_have_text(
        "You checked 1 boundary; 1 partly."
    )


def check_boundaries(box) -> None:
    card = box.locator(".hw-boundary_builder-card")
    expect(card).to_have_count(1)
    assert _selected_label(card.get_by_label("Type", exact=True)) == "Digital"
    for label, text in BOUNDARY.items():
        expect(card.get_by_label(label, exact=True)).to_have_value(text)
    expect(card.get_by_role("radio", name="Partly")).to_be_checked()
    expect(card.get_by_label("Date checked", exact=True)).to_have_value(TODAY.isoformat())
    expect(card.get_by_label("Note", exact=True)).to_have_value(
        "Held until Friday, then I answered once."
    )
    expect(box.locator(".hw-boundary_builder-summary")).to_have_text(
        "You checked 1 boundary; 1 partly."
    )


HOW_HARD = "boundaries-how-hard"


def fill_how_hard(box) -> None:
    expect(box.get_by_text("Not rated yet.")).to_be_visible()
    _number(box, "Number (0 to 10)", 7)
    slider = box.get_by_role("slider", name=_title(HOW_HARD))
    expect(slider).to_have_attribute("aria-valuenow", re.compile(r"^7(\.0+)?$"))
    expect(box.get_by_text("Not rated yet.")).to_have_count(0)


def check_how_hard(box) -> None:
    expect(box.get_by_label("Number (0 to 10)", exact=True)).to_have_value("7")
    slider = box.get_by_role("slider", name=_title(HOW_HARD))
    expect(slider).to_have_attribute("aria-valuenow", re.compile(r"^7(\.0+)?$"))
    expect(box.get_by_text("Not rated yet.")).to_have_count(0)


# -- step 8: screener

PHQ9_ANSWERS = [1, 2, 0, 1, 1, 0, 2, 1, 0]  # 8 points: "mild"
RESPONSES = ["Not at all", "Several days", "More than half the days", "Nearly every day"]


def _phq9_item(box, number: int):
    return box.get_by_role("radiogroup", name=f"{number}. {PHQ9.items[number - 1]}", exact=True)


def fill_phq9(box) -> None:
    for number, points in enumerate(PHQ9_ANSWERS, start=1):
        _phq9_item(box, number).get_by_role("radio", name=RESPONSES[points], exact=True).check()
    expect(box.locator(".hw-screener-result")).to_contain_text(
        "Your total is 8 out of 27, in the mild range."
    )
    expect(box.get_by_role("alert")).to_have_count(0)


def check_phq9(box) -> None:
    for number, points in enumerate(PHQ9_ANSWERS, start=1):
        item = _phq9_item(box, number)
        expect(item.get_by_role("radio", name=RESPONSES[points], exact=True)).to_be_checked()
    expect(box.locator(".hw-screener-result")).to_contain_text(
        "Your total is 8 out of 27, in the mild range."
    )
    expect(box.get_by_role("alert")).to_have_count(0)


# -- step 9: sorter, unsent_letter, guided_flow (paused)

SORTER_ITEMS = PACK.exercises["forgiveness-or-reconciliation"].options["items"]
SORTED = {1: "Forgiveness", 2: "Forgiveness", 8: "Reconciliation"}


def _sorter_item(box, number: int):
    text = SORTER_ITEMS[number - 1]["text"]
    return box.get_by_role("radiogroup", name=f"{number}. {text}", exact=True)


def fill_sorter(box) -> None:
    for number, category in SORTED.items():
        _sorter_item(box, number).get_by_role("radio", name=category, exact=True).check()
    expect(box.get_by_text("You have sorted 3 of 8.")).to_be_visible()
    expect(
        box.get_by_text("You chose Forgiveness. This one is usually Reconciliation:")
    ).to_be_visible()


def check_sorter(box) -> None:
    for number in range(1, len(SORTER_ITEMS) + 1):
        item = _sorter_item(box, number)
        for category in ("Forgiveness", "Reconciliation"):
            radio = item.get_by_role("radio", name=category, exact=True)
            if SORTED.get(number) == category:
                expect(radio).to_be_checked()
            else:
                expect(radio).not_to_be_checked()
    expect(box.get_by_text("You have sorted 3 of 8.")).to_be_visible()
    expect(box.locator(".hw-sorter-why")).to_have_count(3)


LETTER = "I am still angry about the lie.\n\nI am also tired of carrying it.\n— me"


def fill_letter(box) -> None:
    box.get_by_label("Who is this letter to?", exact=True).fill("Jordan <i>J</i>")
    expect(box.locator(".hw-unsent_letter-greeting")).to_have_text("Dear Jordan <i>J</i>,")
    box.get_by_label("Your letter", exact=True).fill(LETTER)


def check_letter(box) -> None:
    expect(box.get_by_label("Who is this letter to?", exact=True)).to_have_value("Jordan <i>J</i>")
    expect(box.locator(".hw-unsent_letter-greeting")).to_have_text("Dear Jordan <i>J</i>,")
    expect(box.get_by_label("Your letter", exact=True)).to_have_value(LETTER)


REACH = {
    "What happened, in a few plain words?": "They lied about where they were.",
    "What might have been going on for them?": "Maybe they were scared of the talk.",
}


def fill_reach(box) -> None:
    prompts = list(REACH)
    box.get_by_label(prompts[0], exact=True).fill(REACH[prompts[0]])
    box.get_by_role("button", name="Next", exact=True).click()
    second = box.get_by_label(prompts[1], exact=True)
    expect(second).to_be_visible()
    second.fill(REACH[prompts[1]])
    box.get_by_role("button", name="Not ready yet", exact=True).click()
    expect(box.get_by_text("Forgiveness cannot be forced")).to_be_visible()


def check_reach(box) -> None:
    expect(
        box.get_by_role("heading", name="Card 2 of 5: E: Empathize, without excusing")
    ).to_be_visible()
    expect(box.get_by_text("You stopped on this card last time.")).to_be_visible()
    prompts = list(REACH)
    expect(box.get_by_label(prompts[1], exact=True)).to_be_visible()
    expect(box.get_by_label(prompts[1], exact=True)).to_have_value(REACH[prompts[1]])
    expect(box.get_by_label(prompts[0], exact=True)).to_be_hidden()
    expect(box.get_by_label(prompts[0], exact=True)).to_have_value(REACH[prompts[0]])


# -- step 10: values_grid

VALUES = {
    "Friends: importance (0–10)": 9,
    "Friends: how closely I live by it now (0–10)": 4,
    "Health: importance (0–10)": 8,
    "Health: how closely I live by it now (0–10)": 6,
}
VALUES_SUMMARY = "Biggest gap: Friends (importance 9, living 4)."
ACTION = "Text Mia to plan a Sunday walk"


def fill_values(box) -> None:
    for label, value in VALUES.items():
        _number(box, label, value)
    expect(box.locator(".hw-values_grid-summary")).to_have_text(VALUES_SUMMARY)
    box.get_by_label("One small action this week toward Friends", exact=True).fill(ACTION)


def check_values(box) -> None:
    for label, value in VALUES.items():
        expect(box.get_by_label(label, exact=True)).to_have_value(str(value))
    expect(box.locator(".hw-values_grid-summary")).to_have_text(VALUES_SUMMARY)
    friends = box.locator(".hw-values_grid-row").filter(has_text="Friends")
    expect(friends.get_by_text("Biggest gap", exact=True)).to_be_visible()
    family = box.locator(".hw-values_grid-row").filter(has_text="Family")
    expect(family.get_by_text("Not rated yet.")).to_be_visible()
    expect(box.get_by_label("One small action this week toward Friends", exact=True)).to_have_value(
        ACTION
    )


#: For each step page, the exercises filled in: together, one of every kind.
FILLED = {
    "01_grieve.ipynb": [
        Filled("grieve-feelings-check-in", fill_feelings, check_feelings),
        Filled("grieve-permission-note", fill_permission_note, check_permission_note),
        Filled("grieve-support-people", fill_people, check_people),
        Filled("grieve-one-kind-thing", fill_one_kind_thing, check_one_kind_thing),
    ],
    "02_reflect.ipynb": [
        Filled("reflect-timeline", fill_timeline, check_timeline),
        Filled("reflect-honest-reframe", fill_reframe, check_reframe),
        Filled("reflect-from-the-outside", fill_from_the_outside, check_from_the_outside),
    ],
    "03_self-esteem.ipynb": [
        Filled("self-esteem-compassion-break", fill_compassion_break, check_compassion_break),
        Filled("self-esteem-strengths", fill_strengths, check_strengths),
        Filled("self-esteem-who-am-i", fill_who_am_i, check_who_am_i),
    ],
    "04_communicate.ipynb": [
        Filled("communicate-message-builder", fill_message, check_message),
    ],
    "05_new-memories.ipynb": [
        Filled("new-memories-planner", fill_activity_plan, check_activity_plan),
    ],
    "06_take-it-slow.ipynb": [
        Filled("take-it-slow-contact", fill_contact, check_contact),
    ],
    "07_boundaries.ipynb": [
        Filled("boundaries-builder", fill_boundaries, check_boundaries),
        Filled(HOW_HARD, fill_how_hard, check_how_hard),
    ],
    "08_professional-help.ipynb": [
        Filled("professional-help-phq9", fill_phq9, check_phq9),
    ],
    "09_forgiveness.ipynb": [
        Filled("forgiveness-or-reconciliation", fill_sorter, check_sorter),
        Filled("forgiveness-letter", fill_letter, check_letter),
        Filled("forgiveness-reach", fill_reach, check_reach),
    ],
    "10_love-again.ipynb": [
        Filled("love-again-values", fill_values, check_values),
    ],
}


def test_one_exercise_of_every_kind_is_filled():
    """Do the filled exercises cover every kind the pack uses?"""
    used = {spec.kind for spec in PACK.exercises.values()}
    filled = {PACK.exercises[f.exercise_id].kind for plan in FILLED.values() for f in plan}
    assert set(FILLED) == {step.notebook for step in STEPS}
    assert used <= filled, f"kinds never filled in: {sorted(used - filled)}"


@pytest.mark.parametrize("notebook", list(FILLED), ids=lambda name: name.removesuffix(".ipynb"))
def test_answers_are_saved_and_come_back_after_reload(pages, notebook):
    """Fill the step's chosen exercises, press Save, reload: is every answer back as typed?"""
    page = pages.open(notebook)
    dialogs = _watch_dialogs(page)
    chosen = FILLED[notebook]
    total = EXERCISE_COUNT[notebook]
    expect(page.locator(".hw-progress-text")).to_have_text(f"0 of {total} exercises started")
    for filled in chosen:
        box = exercise(page, _title(filled.exercise_id))
        filled.fill(box)
        _save(box)
    expect(page.locator(".hw-progress-text")).to_have_text(
        f"{len(chosen)} of {total} exercises started"
    )
    whole_page_screenshot(pages, page, "filled")
    bad = serious_axe_violations(page, f"{notebook}, filled in")
    assert not bad, "\n".join(bad)

    page.reload()
    wait_until_interactive(page)
    _wait_for_exercises(page, notebook)
    expect(page.locator(".hw-progress-text")).to_have_text(
        f"{len(chosen)} of {total} exercises started"
    )
    for filled in chosen:
        box = exercise(page, _title(filled.exercise_id))
        expect(box.locator(".hw-status")).to_contain_text("Saved at")
        expect(box.locator(".hw-problem")).to_have_count(0)
        filled.check(box)

    page.set_viewport_size(PHONE)  # the filled-in rows and cards must fit a phone too
    whole_page_screenshot(pages, page, "filled-phone")
    for filled in chosen:
        title = _title(filled.exercise_id)
        _fits(page, f"{title!r}, filled in, at phone width", exercise(page, title))
    page.set_viewport_size(DESKTOP)
    assert dialogs == [], f"the page opened dialogs: {dialogs}"


# ----------------------------------------------------------- step 8 safety net


def test_phq9_item_nine_shows_the_crisis_card_at_once(pages):
    """Does any answer above "Not at all" on item 9 show help within 2 s, and undo hide it?"""
    page = pages.open(STEP8, viewport=PHONE)
    phq9 = exercise(page, _title("professional-help-phq9"))
    item9 = _phq9_item(phq9, 9)
    card = phq9.get_by_role("alert")
    not_at_all = item9.get_by_role("radio", name="Not at all", exact=True)
    not_at_all.scroll_into_view_if_needed()
    expect(card).to_have_count(0)

    for answer in RESPONSES[1:]:
        choice = item9.get_by_role("radio", name=answer, exact=True)
        clicked = time.monotonic()
        choice.check()
        expect(card).to_be_visible(timeout=2_000)
        shown_after = time.monotonic() - clicked
        assert shown_after <= 2.0, f"after {answer!r} the crisis card took {shown_after:.1f}s"
        for words in ("988", "Samaritans", "findahelpline.com"):
            expect(card).to_contain_text(words)
        expect(card.get_by_role("link", name="Call 988")).to_have_count(2)  # the US and Canada
        if answer == RESPONSES[1]:
            whole_page_screenshot(pages, page, "crisis-card")
            _fits(page, "step 8 with the crisis card, at phone width")

        not_at_all.check()
        expect(card).to_have_count(0, timeout=2_000)
        expect(phq9.locator(".hw-screener-crisis")).to_have_count(0)
