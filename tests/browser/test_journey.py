"""The journey page in a real browser: the check-in, the chart, and the person's data.

A check-in made on the journey page is on the mood chart after a reload (and
on the start page); everything written can be downloaded, erased after a
confirmation that names it, and imported back exactly, while a tampered file
is refused; a share file holds only what was ticked; markup typed into answers
stays text on the page and in every export; and the page, with data on it,
passes axe, fits a phone, and shows every word of its pictures whole.

The tests share one store folder (the module's ``data_dir``): each starts by
emptying it, so none depends on another having run first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import json
import re
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Expect
from voila_app import SERVER_TODAY

from browser.helpers import (
    DESKTOP,
    PHONE,
    Pages,
    PageWatch,
    cut_off_at_right_edge,
    exercise,
    serious_axe_violations,
    sideways_overflow,
    wait_saved,
    wait_until_interactive,
    whole_page_screenshot,
)
from widgets.config import STORE_FILENAME
from widgets.daily_checkin import checkin_id
from widgets.store import AnswerStore

pytestmark = pytest.mark.browser

JOURNEY = "journey.ipynb"
START = "00_start.ipynb"
STEP1 = "01_grieve.ipynb"
STEP6 = "06_take-it-slow.ipynb"

NOTE_ID, NOTE_TITLE = "grieve-permission-note", "A note giving yourself permission to feel"
PEOPLE_ID, PEOPLE_TITLE = "grieve-support-people", "People I can reach out to"
CONTACT_ID, CONTACT_TITLE = "take-it-slow-contact", "Days of space from my ex"
URGE_NOTE_ID, URGE_NOTE_TITLE = "take-it-slow-urge-note", "A note for when the urge comes"

JSON_LINK = "Everything, to keep or to import later (JSON)"
HTML_LINK = "Everything, to read or print (HTML)"
MARKDOWN_LINK = "Everything, as plain text (Markdown)"

# A kernel round trip on a busy 2-core machine can take longer than Playwright's
# default 5 s; this instance (not the global ``expect``) waits longer.
expect = Expect()
expect.set_options(timeout=30_000)


def _today() -> dt.date:
    return SERVER_TODAY


def _iso(days_ago: int) -> str:
    return (_today() - dt.timedelta(days=days_ago)).isoformat()


def _short(day: dt.date) -> str:
    """A day as the chart writes it: ``23 Nov``."""
    return f"{day.day} {day:%b}"


# ------------------------------------------------------------------ the store


@contextlib.contextmanager
def _store(data_dir: Path) -> Iterator[AnswerStore]:
    """The app's store in the test's temporary folder, opened from the test."""
    store = AnswerStore(data_dir / STORE_FILENAME)
    try:
        yield store
    finally:
        store.close()


def _wait_stored(data_dir: Path, exercise_id: str, value: Any, timeout: float = 30.0) -> None:
    """Wait until the newest saved answer to ``exercise_id`` is exactly ``value``.

    "Saved at" on screen can be left over from an earlier save of the same box;
    the store says what was really written.
    """
    deadline = time.monotonic() + timeout
    with _store(data_dir) as store:
        while True:
            revision = store.latest(exercise_id)
            found = None if revision is None else revision.value
            if found == value:
                return
            assert time.monotonic() < deadline, f"{exercise_id} is saved as {found!r}"
            time.sleep(0.1)


def _snapshot(data_dir: Path) -> tuple[list[tuple[str, str, str]], dict]:
    """Every revision (answer, value, time saved) and every setting in the store."""
    with _store(data_dir) as store:
        revisions = sorted(
            (r.exercise_id, json.dumps(r.value, sort_keys=True), r.saved_at.isoformat())
            for r in store.all_revisions()
        )
        return revisions, store.settings()


def _revision_count(data_dir: Path) -> int:
    with _store(data_dir) as store:
        return store.revision_count()


@pytest.fixture
def empty_store(data_dir) -> Path:
    """Start with nothing saved: the module's tests share one store folder."""
    with _store(data_dir) as store:
        store.erase_all()
    return data_dir


# ------------------------------------------------------------------- the page


def _journey_ready(page) -> None:
    """Widget views render after the footer: wait for the page's own three parts."""
    for part in (".hw-checkin", ".hw-journey", ".hw-my-data"):
        page.locator(part).wait_for(state="visible")


def _open_journey(pages: Pages, viewport: dict | None = None):
    page = pages.open(JOURNEY, viewport=viewport)
    _journey_ready(page)
    return page


def _reload(page, ready=None) -> None:
    page.reload()
    wait_until_interactive(page)
    if ready is not None:
        ready(page)


def _checkin_box(page):
    return page.locator(".hw-exercise.hw-checkin")


def _fill_checkin(box, mood: int, feelings: list[str], note: str) -> None:
    field = box.get_by_label("Mood (0 to 10)", exact=True)
    field.fill(str(mood))
    field.press("Tab")  # number boxes sync on change
    for word in feelings:
        box.get_by_label(word, exact=True).check()
    box.get_by_label("One line about today", exact=True).fill(note)


def _checkin_value(mood: int | None, feelings: list[str], note: str) -> dict:
    return {"mood": mood, "emotions": feelings, "urge": None, "note": note}


def _check_checkin(box, mood: int, feelings: list[str], note: str) -> None:
    """The check-in box shows this saved check-in (the urge left unrated)."""
    expect(box.get_by_label("Mood (0 to 10)", exact=True)).to_have_value(str(mood))
    expect(box.get_by_role("slider", name="Mood", exact=True)).to_have_attribute(
        "aria-valuenow", re.compile(rf"^{mood}(\.0+)?$")
    )
    for word in ("sad", "hopeful", "tired", "calm"):
        tick = box.get_by_label(word, exact=True)
        if word in feelings:
            expect(tick).to_be_checked()
        else:
            expect(tick).not_to_be_checked()
    expect(box.get_by_label("One line about today", exact=True)).to_have_value(note)
    expect(box.get_by_text("Not rated yet.")).to_have_count(1)  # the urge only
    expect(box.locator(".hw-status")).to_contain_text("Saved at")


def _check_empty_checkin(box) -> None:
    expect(box.get_by_text("Not rated yet.")).to_have_count(2)  # mood and urge
    expect(box.get_by_label("One line about today", exact=True)).to_have_value("")
    expect(box.locator(".hw-checklist input:checked")).to_have_count(0)


def _save(box) -> None:
    box.get_by_role("button", name="Save", exact=True).click()
    wait_saved(box)


def _download(page, link, folder: Path) -> Path:
    """Click a download link; return the saved file, named as the link names it."""
    expect(link).to_be_visible()
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == link.get_attribute("download")
    target = folder / download.suggested_filename
    download.save_as(target)
    return target


def _upload(page, path: Path) -> None:
    """Choose ``path`` in "Choose an export file" (its file input is not in the page)."""
    button = page.locator(".hw-my-data .widget-upload")
    with page.expect_file_chooser() as chooser:
        button.click()
    chooser.value.set_files(str(path))


def _prepare_files(page):
    """Press "Prepare my files" and return the list of download links."""
    data = page.locator(".hw-my-data")
    data.get_by_role("button", name="Prepare my files", exact=True).click()
    links = data.locator(".hw-downloads").first
    expect(links.get_by_role("link", name=JSON_LINK, exact=True)).to_be_visible()
    return links


def _unpwned(page) -> None:
    """No markup the person typed ran or became an element."""
    assert page.evaluate("typeof window.__hw_pwned") == "undefined"
    expect(page.locator("img[src='x']")).to_have_count(0)
    scripts = page.evaluate("[...document.scripts].filter(s => s.text.includes('__hw_pwned'))")
    assert scripts == []


class _Tags(HTMLParser):
    """Every start tag of a document, with its attributes."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))


# -------------------------------------------------------------- 1. check-in


CHECKIN_NOTE = "Walked by the sea with Ana"


def test_a_checkin_on_the_journey_page_is_on_the_chart_after_a_reload(pages, empty_store):
    """Check in (mood 7, hopeful, a note), reload: is it on the chart, in the table and box?"""
    today = _today()
    page = _open_journey(pages)
    box = _checkin_box(page)
    journey = page.locator(".hw-journey")
    expect(box.locator(".hw-exercise-title")).to_have_text(
        f"Check-in for {today:%A} {today.day} {today:%B}"
    )
    expect(journey.get_by_text("Your mood chart starts with your first check-in")).to_be_visible()
    expect(journey.locator("circle.hw-dot")).to_have_count(0)

    _fill_checkin(box, 7, ["hopeful"], CHECKIN_NOTE)
    wait_saved(box)
    _wait_stored(empty_store, checkin_id(today), _checkin_value(7, ["hopeful"], CHECKIN_NOTE))

    _reload(page, _journey_ready)
    # The chart is drawn twice (wide and narrow, CSS shows one); both hold the day.
    for shape in ("wide", "narrow"):
        svg = journey.locator(f"svg.hw-chart-{shape}")
        expect(svg.locator("circle.hw-dot")).to_have_count(1)
        expect(svg.locator("circle.hw-dot > title")).to_have_text(f"{_short(today)}: mood 7")
        expect(svg.locator("desc")).to_contain_text(
            f"1 check-in from {_short(today - dt.timedelta(days=89))} to {_short(today)}. "
            "Lowest mood 7, highest 7. "
            f"Latest 7, on {_short(today)}."
        )
    picture = journey.get_by_role("img", name=re.compile(rf"Latest 7, on {_short(today)}\."))
    expect(picture).to_be_visible()

    table = journey.locator("details.hw-numbers")
    table.get_by_text("The numbers as a table", exact=True).click()
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.get_by_role("rowheader")).to_have_text(_short(today))
    expect(rows.get_by_role("cell")).to_have_text(["7", "7.0", "–"])

    expect(journey.get_by_text("You checked in on 1 of the last 30 days.")).to_be_visible()
    expect(journey.get_by_text("Your average mood this week was 7.0.")).to_be_visible()
    expect(journey.get_by_text("The feelings you named most were hopeful (1 day).")).to_be_visible()
    _check_checkin(box, 7, ["hopeful"], CHECKIN_NOTE)

    start = pages.open(START)  # the start page shows today's check-in too
    _check_checkin(_checkin_box(start), 7, ["hopeful"], CHECKIN_NOTE)


# --------------------------------------------- 2. export, erase, import back

NOTE_TEXT = "It makes sense that I miss them.\nI am allowed to be sad <b>and</b> okay 💛"
PEOPLE = ["Max, my brother", "Clara <3"]
SLIP_NOTE = "Answered their message about the keys"
ROUND_TRIP_NOTE = "Tired but steady"


def _fill_step1(page) -> None:
    note = exercise(page, NOTE_TITLE)
    note.get_by_label(NOTE_TITLE, exact=True).fill(NOTE_TEXT)
    _save(note)
    people = exercise(page, PEOPLE_TITLE)
    for position, name in enumerate(PEOPLE, start=1):
        people.get_by_label("New person", exact=True).fill(name)
        people.get_by_role("button", name="Add", exact=True).click()
        expect(people.get_by_role("textbox", name=f"Person {position}", exact=True)).to_have_value(
            name
        )
    _save(people)


def _check_step1(page, filled: bool) -> None:
    expect(page.locator(".hw-progress-text")).to_have_text(
        f"{2 if filled else 0} of 5 exercises started"
    )
    note = exercise(page, NOTE_TITLE)
    expect(note.get_by_label(NOTE_TITLE, exact=True)).to_have_value(NOTE_TEXT if filled else "")
    people = exercise(page, PEOPLE_TITLE)
    if filled:
        for position, name in enumerate(PEOPLE, start=1):
            box = people.get_by_role("textbox", name=f"Person {position}", exact=True)
            expect(box).to_have_value(name)
        expect(people.get_by_role("textbox", name="Person 3", exact=True)).to_have_count(0)
    else:
        expect(people.get_by_text("Nothing on the list yet.")).to_be_visible()
        expect(people.get_by_role("textbox", name="Person 1", exact=True)).to_have_count(0)


def _contact_value(slip_note: str) -> dict:
    return {
        "start": _iso(10),
        "mode": "no contact",
        "slips": [{"date": _iso(3), "note": slip_note}],
        "urges": [],
    }


def _fill_contact(page, slip_note: str) -> None:
    box = exercise(page, CONTACT_TITLE)
    box.get_by_label("I started on (YYYY-MM-DD)", exact=True).fill(_iso(10))
    expect(box.locator(".hw-contact_tracker-summary")).to_contain_text("Day 11 of no contact.")
    box.get_by_label("Date of the slip", exact=True).fill(_iso(3))
    box.get_by_label("What happened (optional)", exact=True).fill(slip_note)
    box.get_by_role("button", name="Log a slip", exact=True).click()
    expect(box.get_by_text(f"Slip on {_iso(3)}: {slip_note}", exact=True)).to_be_visible()
    _save(box)


def _check_contact(page, slip_note: str | None) -> None:
    box = exercise(page, CONTACT_TITLE)
    start = box.get_by_label("I started on (YYYY-MM-DD)", exact=True)
    if slip_note is None:
        expect(start).to_have_value("")
        expect(box.get_by_text("Slip on", exact=False)).to_have_count(0)
        return
    expect(start).to_have_value(_iso(10))
    expect(box.get_by_text(f"Slip on {_iso(3)}: {slip_note}", exact=True)).to_be_visible()
    expect(box.locator(".hw-contact_tracker-summary p")).to_have_text(
        ["Day 11 of no contact. 10 days kept.", "A slip is not a failure. You kept 10 of 11 days."]
    )


def test_export_erase_and_import_bring_every_answer_back(pages, empty_store, tmp_path):
    """Download everything, delete it all, import the file: is every answer back exactly?"""
    data_dir, today = empty_store, _today()
    step1 = pages.open(STEP1)
    _fill_step1(step1)
    step6 = pages.open(STEP6)
    _fill_contact(step6, SLIP_NOTE)
    _wait_stored(data_dir, NOTE_ID, NOTE_TEXT)
    _wait_stored(data_dir, PEOPLE_ID, PEOPLE)
    _wait_stored(data_dir, CONTACT_ID, _contact_value(SLIP_NOTE))

    page = _open_journey(pages)
    checkin = _checkin_box(page)
    _fill_checkin(checkin, 4, ["tired", "calm"], ROUND_TRIP_NOTE)
    wait_saved(checkin)
    saved_checkin = _checkin_value(4, ["tired", "calm"], ROUND_TRIP_NOTE)
    _wait_stored(data_dir, checkin_id(today), saved_checkin)
    progress = page.locator(".hw-journey .hw-progress-text")
    expect(progress).to_have_text(re.compile(r"^You have started 2 of 10 steps and 3 of \d+ "))
    before = _snapshot(data_dir)
    count = len(before[0])

    # Download everything as JSON.
    exported = _download(page, _prepare_files(page).get_by_role("link", name=JSON_LINK), tmp_path)
    assert exported.name == f"healing-workbook-{today.isoformat()}.json"
    export = json.loads(exported.read_text(encoding="utf-8"))
    assert {a["exercise_id"] for a in export["answers"]} == {
        NOTE_ID,
        PEOPLE_ID,
        CONTACT_ID,
        checkin_id(today),
    }
    assert sum(len(a["revisions"]) for a in export["answers"]) == count

    # The confirmation names what goes, and offers a copy first.
    data = page.locator(".hw-my-data")
    data.get_by_role("button", name="Delete all my data…", exact=True).click()
    confirm = data.locator(".hw-confirm")
    expect(confirm.get_by_role("heading", name="Delete all your data?")).to_be_visible()
    expect(confirm.locator("li")).to_have_text(
        [
            "your answers to 3 exercises",
            "1 daily check-in",
            f"every earlier version of them ({count} in all)",
        ]
    )
    expect(confirm).to_contain_text("This cannot be undone.")
    offered = tmp_path / "offered"
    offered.mkdir()
    copy = _download(page, confirm.get_by_role("link", name=JSON_LINK), offered)
    assert json.loads(copy.read_text(encoding="utf-8"))["answers"] == export["answers"]
    whole_page_screenshot(pages, page, "erase-confirmation")

    data.get_by_role("button", name="Delete everything", exact=True).click()
    expect(data.get_by_text("Everything is deleted.")).to_be_visible()
    expect(confirm).to_have_count(0)
    assert _revision_count(data_dir) == 0
    # The page redraws from the emptied store.
    expect(progress).to_have_text(re.compile(r"^You have started 0 of 10 steps and 0 of "))
    _check_empty_checkin(checkin)
    expect(page.get_by_text("Your mood chart starts with your first check-in")).to_be_visible()
    _reload(step1)
    _check_step1(step1, filled=False)
    _reload(step6)
    _check_contact(step6, None)

    # A file changed after it was exported is refused, and nothing changes.
    tampered = json.loads(exported.read_text(encoding="utf-8"))
    for answer in tampered["answers"]:
        if answer["exercise_id"] == NOTE_ID:
            answer["revisions"][-1]["value"] = "Someone else's words"
    tampered_path = tmp_path / "tampered.json"
    tampered_path.write_text(json.dumps(tampered, indent=1), encoding="utf-8")
    _upload(page, tampered_path)
    refusal = data.locator(".hw-problem")
    expect(refusal).to_contain_text("tampered.json was not imported")
    expect(refusal).to_contain_text("checksum")
    expect(refusal).to_contain_text("Nothing was changed.")
    add = data.get_by_role("button", name="Add these answers to my workbook", exact=True)
    expect(add).to_be_hidden()
    assert _revision_count(data_dir) == 0

    # The downloaded file is checked, described, and added when asked.
    _upload(page, exported)
    expect(data.get_by_role("status").filter(has_text="is a workbook export")).to_have_text(
        re.compile(
            rf"^{re.escape(exported.name)} is a workbook export from {today.isoformat()}: "
            rf"3 answers and 1 check-in, {count} saved versions in all\. "
            r"Nothing has been added yet\.$"
        )
    )
    expect(refusal).to_have_count(0)
    assert _revision_count(data_dir) == 0  # nothing is added before the person says so
    add.click()
    expect(
        data.get_by_text(f"Imported. {count} saved versions added; 0 already here")
    ).to_be_visible()
    expect(add).to_be_hidden()
    assert _snapshot(data_dir) == before
    expect(progress).to_have_text(re.compile(r"^You have started 2 of 10 steps and 3 of "))
    _check_checkin(checkin, 4, ["tired", "calm"], ROUND_TRIP_NOTE)

    _reload(step1)
    _check_step1(step1, filled=True)
    _reload(step6)
    _check_contact(step6, SLIP_NOTE)
    _reload(page, _journey_ready)
    _check_checkin(_checkin_box(page), 4, ["tired", "calm"], ROUND_TRIP_NOTE)
    expect(page.locator(".hw-contact")).to_contain_text("Day 11 of no contact since")


# ------------------------------------------------------------------ 3. share

SHARED_TEXT = "Shared words about the Sunday walks"
PRIVATE_TEXT = "Private words about the urge at night"
PRIVATE_CHECKIN = "Private checkin line about the evening"


def test_the_share_file_holds_only_what_was_ticked(pages, empty_store, tmp_path):
    """Tick one answer of two steps' answers and a check-in: does the file hold only it?"""
    data_dir = empty_store
    step1 = pages.open(STEP1)
    note = exercise(step1, NOTE_TITLE)
    note.get_by_label(NOTE_TITLE, exact=True).fill(SHARED_TEXT)
    _save(note)
    step6 = pages.open(STEP6)
    urge_note = exercise(step6, URGE_NOTE_TITLE)
    urge_note.get_by_label(URGE_NOTE_TITLE, exact=True).fill(PRIVATE_TEXT)
    _save(urge_note)
    _wait_stored(data_dir, NOTE_ID, SHARED_TEXT)
    _wait_stored(data_dir, URGE_NOTE_ID, PRIVATE_TEXT)

    page = _open_journey(pages)
    checkin = _checkin_box(page)
    _fill_checkin(checkin, 6, ["lonely"], PRIVATE_CHECKIN)
    wait_saved(checkin)
    _wait_stored(data_dir, checkin_id(_today()), _checkin_value(6, ["lonely"], PRIVATE_CHECKIN))

    data = page.locator(".hw-my-data")
    data.get_by_role("button", name="Choose what to share", exact=True).click()
    choices = data.locator(".hw-share-list")
    expect(choices.get_by_role("checkbox")).to_have_count(5)
    for name in (
        "All of step 1: Allow yourself to grieve",
        NOTE_TITLE,
        "All of step 6: Take it slow",
        URGE_NOTE_TITLE,
        "My daily check-ins",
    ):
        expect(choices.get_by_role("checkbox", name=name, exact=True)).not_to_be_checked()
    choices.get_by_role("checkbox", name=NOTE_TITLE, exact=True).check()
    data.get_by_role("button", name="Make the share file", exact=True).click()
    result = data.get_by_role("status").filter(has_text="Your share file holds only:")
    expect(result.locator("ul:not(.hw-downloads) > li")).to_have_text([NOTE_TITLE])

    stamp = _today().isoformat()
    shared_html = _download(
        page, result.get_by_role("link", name="Shared answers (HTML, to open or print)"), tmp_path
    )
    shared_md = _download(
        page, result.get_by_role("link", name="Shared answers (Markdown, plain text)"), tmp_path
    )
    assert shared_html.name == f"healing-workbook-shared-{stamp}.html"
    assert shared_md.name == f"healing-workbook-shared-{stamp}.md"
    for path in (shared_html, shared_md):
        text = path.read_text(encoding="utf-8")
        assert SHARED_TEXT in text, f"{path.name} lacks the ticked answer"
        assert "Allow yourself to grieve" in text
        for unticked in (PRIVATE_TEXT, PRIVATE_CHECKIN, URGE_NOTE_TITLE, "Take it slow"):
            assert unticked not in text, f"{path.name} holds {unticked!r}, which was not ticked"
        assert "check-in" not in text.lower(), f"{path.name} holds check-ins"
        assert "lonely" not in text


# --------------------------------------------------------------- 4. escaping

SCRIPT = "<script>window.__hw_pwned=1</script>"
IMAGE = '<img src=x onerror="window.__hw_pwned=2">'
MARKUP = f"{SCRIPT} {IMAGE}"


def test_markup_in_answers_stays_text_on_the_page_and_in_every_export(pages, empty_store, tmp_path):
    """Save <script> and <img onerror> as answers: shown as text, escaped in the exports?"""
    data_dir, today = empty_store, _today()
    step6 = pages.open(STEP6)
    _fill_contact(step6, MARKUP)  # the slip's note is shown in an HTML widget
    _wait_stored(data_dir, CONTACT_ID, _contact_value(MARKUP))
    _unpwned(step6)
    _reload(step6)
    _check_contact(step6, MARKUP)
    _unpwned(step6)

    step1 = pages.open(STEP1)
    note = exercise(step1, NOTE_TITLE)
    note.get_by_label(NOTE_TITLE, exact=True).fill(f"Dear me,\n{MARKUP}\n& still me")
    _save(note)
    _wait_stored(data_dir, NOTE_ID, f"Dear me,\n{MARKUP}\n& still me")

    page = _open_journey(pages)
    checkin = _checkin_box(page)
    _fill_checkin(checkin, 5, ["angry"], MARKUP)
    wait_saved(checkin)
    _wait_stored(data_dir, checkin_id(today), _checkin_value(5, ["angry"], MARKUP))
    _reload(page, _journey_ready)
    _check_checkin(_checkin_box(page), 5, ["angry"], MARKUP)
    _unpwned(page)

    # A file name is shown too: one made of markup stays text.
    odd = tmp_path / f"{IMAGE}.json"
    odd.write_text("{not json", encoding="utf-8")
    _upload(page, odd)
    refusal = page.locator(".hw-my-data .hw-problem")
    expect(refusal).to_contain_text(f"{IMAGE}.json was not imported")
    _unpwned(page)

    links = _prepare_files(page)
    exported = _download(page, links.get_by_role("link", name=HTML_LINK), tmp_path)
    markup = exported.read_text(encoding="utf-8")
    for text in (SCRIPT, IMAGE):
        assert html.escape(text) in markup, f"{text!r} is not in the HTML export as text"
    tags = _Tags(markup).tags
    assert not [tag for tag, _attrs in tags if tag in {"script", "img", "iframe", "object"}]
    handlers = [(tag, name) for tag, attrs in tags for name in attrs if name.startswith("on")]
    assert handlers == [], f"event handler attributes in the HTML export: {handlers}"
    assert "<script" not in markup.lower()
    assert "<img" not in markup.lower()

    plain = _download(page, links.get_by_role("link", name=MARKDOWN_LINK), tmp_path)
    written = plain.read_text(encoding="utf-8")
    assert "<script" not in written.lower()
    assert "<img" not in written.lower()
    assert "&lt;script&gt;" in written

    # Opened in the browser, the export runs nothing and shows the words.
    context = pages.browser.new_context()
    viewer = context.new_page()
    watch = PageWatch(app_host="")  # a file on disk: any request to a host is foreign
    viewer.on("request", watch.on_request)
    viewer.on("console", watch.on_console)
    viewer.on("pageerror", lambda error: watch.js_errors.append(str(error)))
    pages.opened.append((viewer, watch))  # checked and closed with the test's pages
    viewer.goto(exported.as_uri())
    expect(viewer.get_by_role("heading", name="My Healing Workbook")).to_be_visible()
    body = viewer.locator("body")
    expect(body).to_contain_text(f"Dear me,\n{MARKUP}\n& still me")  # the journal
    expect(
        body.get_by_role("listitem").filter(has_text=re.compile(r"^Date: \S+; Note: <script>"))
    ).to_contain_text(f"Note: {MARKUP}")  # the slip, one line: "Date: ...; Note: ..."
    expect(body.get_by_role("listitem").filter(has_text="mood 5/10")).to_contain_text(
        f"feelings: angry; note: {MARKUP}"
    )  # the check-in
    expect(viewer.locator("img, script")).to_have_count(0)
    assert viewer.evaluate("typeof window.__hw_pwned") == "undefined"


# ------------------------------------------------- 5. accessible, fits a phone


def _seed_history(data_dir: Path, first: int = 1) -> None:
    """Three weeks of check-ins and a contact count, written straight to the store.

    The check-ins run from ``first`` days ago (0: today too) back to 21 days ago.
    """
    today = _today()
    rows: list[tuple[str, Any, dt.datetime]] = []
    for days_ago in range(first, 22):
        if days_ago % 5 == 0 and days_ago:
            continue  # a missed day now and then
        day = today - dt.timedelta(days=days_ago)
        value = {
            "mood": 3 + (21 - days_ago) // 4,
            "emotions": ["tired"] if days_ago % 2 else ["sad", "calm"],
            "urge": max(0, 9 - (21 - days_ago) // 3),
            "note": "",
        }
        rows.append((checkin_id(day), value, dt.datetime.combine(day, dt.time(21)).astimezone()))
    contact = {
        "start": _iso(20),
        "mode": "no contact",
        "slips": [{"date": _iso(9), "note": ""}],
        "urges": [],
    }
    rows.append((CONTACT_ID, contact, dt.datetime.now().astimezone()))
    with _store(data_dir) as store:
        store.add_revisions(rows)


def _check_in_and_open_everything(page, data_dir: Path) -> None:
    """Check in today, reload, and open every panel the page can show."""
    checkin = _checkin_box(page)
    _fill_checkin(checkin, 7, ["hopeful"], CHECKIN_NOTE)
    wait_saved(checkin)
    _wait_stored(data_dir, checkin_id(_today()), _checkin_value(7, ["hopeful"], CHECKIN_NOTE))
    _reload(page, _journey_ready)
    journey = page.locator(".hw-journey")
    expect(journey.locator("svg.hw-chart-wide circle.hw-dot")).to_have_count(18)
    expect(journey.locator(".hw-contact")).to_contain_text("Day 21 of no contact since")
    journey.get_by_text("The numbers as a table", exact=True).click()
    expect(journey.locator("details.hw-numbers tbody tr")).to_have_count(18)
    data = page.locator(".hw-my-data")
    _prepare_files(page)
    data.get_by_role("button", name="Choose what to share", exact=True).click()
    expect(data.locator(".hw-share-list").get_by_role("checkbox")).to_have_count(3)
    data.get_by_role("button", name="Delete all my data…", exact=True).click()
    expect(data.get_by_role("heading", name="Delete all your data?")).to_be_visible()


def test_the_journey_page_with_data_has_no_serious_axe_finding(pages, empty_store):
    """With check-ins, a contact count and every panel open: does axe find nothing serious?"""
    _seed_history(empty_store)
    page = _open_journey(pages)
    _check_in_and_open_everything(page, empty_store)
    whole_page_screenshot(pages, page, "desktop")
    bad = serious_axe_violations(page, "the journey page with data")
    assert not bad, "\n".join(bad)

    data = page.locator(".hw-my-data")
    data.get_by_role("button", name="Keep my data", exact=True).click()
    expect(data.get_by_text("Nothing was deleted.")).to_be_visible()
    assert _revision_count(empty_store) > 0


def test_the_journey_page_with_data_fits_a_phone(pages, empty_store):
    """At 390 px wide, with data and every panel open, is nothing wider than the screen?"""
    _seed_history(empty_store)
    page = _open_journey(pages, viewport=PHONE)
    _check_in_and_open_everything(page, empty_store)
    expect(page.locator("svg.hw-chart-narrow")).to_be_visible()
    expect(page.locator("svg.hw-chart-wide")).to_be_hidden()
    whole_page_screenshot(pages, page, "phone")
    overflow = sideways_overflow(page)
    assert overflow <= 1, f"the journey page is {overflow}px wider than a phone"
    cut_off = cut_off_at_right_edge(page)
    assert not cut_off, "cut off at the right edge:\n" + "\n".join(cut_off)


def _labels_cut_off(page) -> list[str]:
    """Words of a shown picture (the mood chart, the weeks of distance) that it cuts off."""
    return page.evaluate(
        """() => {
          const found = [];
          for (const svg of document.querySelectorAll('svg.hw-chart, svg.hw-weeks')) {
            const box = svg.getBoundingClientRect();
            if (box.width === 0) continue;  // the drawing for the other width
            for (const text of svg.querySelectorAll('text')) {
              const r = text.getBoundingClientRect();
              const out = [['left', box.left - r.left], ['right', r.right - box.right],
                           ['top', box.top - r.top], ['bottom', r.bottom - box.bottom]]
                .filter(([, px]) => px > 1).map(([side, px]) => `${Math.round(px)}px ${side}`);
              if (out.length) {
                found.push(`${svg.getAttribute('class')}: "${text.textContent}" is cut off ` +
                           `(${out.join(', ')})`);
              }
            }
          }
          return found;
        }"""
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_word_of_the_pictures_is_shown_whole(pages, empty_store, viewport):
    """With three weeks of check-ins and a contact count: is no axis label cut off?"""
    _seed_history(empty_store, first=0)
    page = _open_journey(pages, viewport=viewport)
    journey = page.locator(".hw-journey")
    expect(journey.locator("svg.hw-chart-wide circle.hw-dot")).to_have_count(18)
    expect(journey.locator("svg.hw-weeks")).to_be_visible()
    cut = _labels_cut_off(page)
    assert not cut, "\n".join(cut)


def test_the_checkin_chart_and_delete_work_by_keyboard_alone(pages, empty_store):
    """With keys only: rate the mood on the slider, change the chart's period, and
    open and close the delete confirmation without deleting anything."""
    data_dir = empty_store
    today = _today()
    page = _open_journey(pages)
    box = _checkin_box(page)
    slider = box.get_by_role("slider", name="Mood")
    slider.focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    expect(box.get_by_label("Mood (0 to 10)", exact=True)).to_have_value("4")
    _wait_stored(data_dir, checkin_id(today), _checkin_value(4, [], ""))
    journey = page.locator(".hw-journey")
    expect(journey.locator("svg.hw-chart-wide circle.hw-dot > title")).to_have_text(
        f"{_short(today)}: mood 4"
    )

    period = journey.get_by_role("radio", name="Last 90 days")
    period.focus()
    page.keyboard.press("ArrowLeft")  # arrow keys move the choice within the group
    expect(journey.get_by_role("radio", name="Last 30 days")).to_be_checked()
    expect(journey.locator("svg.hw-chart-wide desc")).to_contain_text(
        f"from {_short(today - dt.timedelta(days=29))} to {_short(today)}"
    )

    data = page.locator(".hw-my-data")
    data.get_by_role("button", name="Delete all my data…", exact=True).focus()
    page.keyboard.press("Enter")
    keep = data.get_by_role("button", name="Keep my data", exact=True)
    keep.focus()
    page.keyboard.press("Enter")
    expect(data.get_by_text("Nothing was deleted.")).to_be_visible()
    assert _revision_count(data_dir) == 1
