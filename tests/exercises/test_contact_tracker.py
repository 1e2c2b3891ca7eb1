"""Does the contact tracker count days kept, note slips without erasing anything, and log urges?"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import html_values, make_spec
from widgets.exercises.contact_tracker import (
    MAX_NOTE_CHARS,
    ContactTrackerExercise,
    days_counted,
    days_kept,
    last_logged_day,
    slip_days,
    summary_text,
)

TODAY = dt.date(2026, 11, 23)
EVIL = '<script>alert("x")</script> <img src=x onerror=alert(1)> 💔 قلبي'


def make(store, **options):
    spec = make_spec("contact_tracker", **options)
    return ContactTrackerExercise(spec, store, debounce_seconds=60)


def started(store, start="2026-11-12", **options):
    exercise = make(store, **options)
    exercise.start_box.value = start
    return exercise


def answer(start="2026-11-12", slips=(), urges=(), mode="no contact"):
    return {
        "start": start,
        "mode": mode,
        "slips": [{"date": day, "note": ""} for day in slips],
        "urges": list(urges),
    }


# ------------------------------------------------------------------ pure helpers


def test_days_are_counted_from_the_start_to_today_inclusive():
    """Is a start eleven days ago day 12, and a start today day 1?"""
    assert days_counted(answer("2026-11-12"), TODAY) == 12
    assert days_counted(answer("2026-11-23"), TODAY) == 1
    assert days_counted(answer("2025-11-23"), TODAY) == 366


def test_no_or_bad_or_future_start_counts_nothing():
    """Is a missing, unreadable or future start counted as 0 days, never an error?"""
    assert days_counted(answer(""), TODAY) == 0
    assert days_counted(answer("12/11/2026"), TODAY) == 0
    assert days_counted(answer("2026-11-24"), TODAY) == 0
    assert days_counted(None, TODAY) == 0
    assert days_kept({"start": 5}, TODAY) == 0


def test_days_kept_subtract_distinct_slip_days_only():
    """Do two slips on one day cost one day, and slips outside the range none?"""
    value = answer(slips=["2026-11-20", "2026-11-20", "2026-11-22", "2026-11-01", "2026-11-30"])
    assert slip_days(value, TODAY) == {dt.date(2026, 11, 20), dt.date(2026, 11, 22)}
    assert days_counted(value, TODAY) == 12
    assert days_kept(value, TODAY) == 10


def test_summary_text_says_the_day_and_the_days_kept():
    """Does the summary read "Day 12 of no contact. 11 days kept."?"""
    assert summary_text(answer(slips=["2026-11-20"]), TODAY) == (
        "Day 12 of no contact. 11 days kept."
    )
    assert summary_text(answer("2026-11-23", mode="low contact"), TODAY) == (
        "Day 1 of low contact. 1 day kept."
    )
    assert "Choose the day you started" in summary_text(answer(""), TODAY)


# -------------------------------------------------------------------- the widget


def test_start_and_mode_are_saved_and_reloaded(store):
    """Do the start date and the mode come back in a new widget, with the count?"""
    exercise = started(store)
    exercise.mode.value = "low contact"
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value == {
        "start": "2026-11-12",
        "mode": "low contact",
        "slips": [],
        "urges": [],
    }
    again = make(store)
    assert again.start_box.value == "2026-11-12" and again.mode.value == "low contact"
    assert again.summary_lines == ["Day 12 of low contact. 12 days kept."]


def test_start_today_button_sets_today(store):
    """Does "Start today" fill in today's date and start the count at day 1?"""
    exercise = make(store)
    assert exercise.start_box.value == ""
    assert exercise.start_box.placeholder == "2026-11-23"
    assert "Choose the day you started" in exercise.summary_lines[0]
    exercise.start_today_button.click()
    assert exercise.start_box.value == "2026-11-23"
    assert exercise.summary_lines == ["Day 1 of no contact. 1 day kept."]


def test_changes_wait_for_the_debounce(store):
    """Is a change saved once, after the quiet period?"""
    exercise = started(store)
    assert exercise.dirty and store.latest(exercise.exercise_id) is None
    exercise.flush()
    assert store.latest(exercise.exercise_id).value["start"] == "2026-11-12"
    assert not exercise.dirty


def test_a_slip_keeps_the_days_already_kept(store):
    """Does logging a slip leave the start date and count, losing only that one day?"""
    exercise = started(store)
    assert exercise.summary_lines == ["Day 12 of no contact. 12 days kept."]
    exercise.slip_date.value = "2026-11-20"
    exercise.slip_note.value = "I replied to a message"
    exercise.log_slip_button.click()
    assert exercise.start_box.value == "2026-11-12"
    assert exercise.summary_lines == [
        "Day 12 of no contact. 11 days kept.",
        "A slip is not a failure. You kept 11 of 12 days.",
    ]
    assert exercise.slip_note.value == ""
    assert exercise.save()
    saved = store.latest(exercise.exercise_id).value
    assert saved["start"] == "2026-11-12"
    assert saved["slips"] == [{"date": "2026-11-20", "note": "I replied to a message"}]


def test_a_second_slip_never_erases_the_first(store):
    """Are earlier slips and the start kept when another slip is logged (and a second on the
    same day costs nothing more)?"""
    exercise = started(store)
    assert exercise.log_slip("2026-11-20", "first")
    assert exercise.log_slip("2026-11-15")
    assert exercise.log_slip("2026-11-20", "again that day")
    assert [slip["date"] for slip in exercise.slips] == ["2026-11-15", "2026-11-20", "2026-11-20"]
    assert exercise.summary_lines[0] == "Day 12 of no contact. 10 days kept."
    exercise.save()
    assert make(store).slips == exercise.slips


def test_slips_are_listed_with_their_notes(store):
    """Does each slip appear as "Slip on <date>: <note>", and one with no note without a colon?"""
    exercise = started(store)
    exercise.log_slip("2026-11-20", "Saw them at the café")
    exercise.log_slip("2026-11-21")
    shown = [row.children[0].value for row in exercise.slip_rows.children]
    assert "Slip on 2026-11-20: Saw them at the café" in shown[0]
    assert "Slip on 2026-11-21</span>" in shown[1]


def test_slip_outside_start_to_today_is_refused(store):
    """Is a slip before the start, after today or with no start refused with a message?"""
    exercise = started(store)
    assert not exercise.log_slip("2026-11-11")
    assert "from your start date (2026-11-12) to today" in exercise.problem
    assert not exercise.log_slip("2026-11-24")
    assert exercise.slips == []
    empty = make(store)
    assert not empty.log_slip("2026-11-20")
    assert "Set your start date first" in empty.problem


@pytest.mark.parametrize("bad", ["20/11/2026", "2026-11-31", "", "yesterday"])
def test_slip_with_an_unreadable_date_is_refused(store, bad):
    """Is a slip whose date does not parse refused with the date hint?"""
    exercise = started(store)
    assert not exercise.log_slip(bad)
    assert exercise.problem == "Write the date like 2026-11-20."
    assert exercise.slips == []


def test_slips_can_be_removed_one_at_a_time(store):
    """Does a slip's Remove button, named for its row, remove just that slip?"""
    exercise = started(store)
    exercise.log_slip("2026-11-15", "a")
    exercise.log_slip("2026-11-20", "b")
    button = exercise.slip_rows.children[0].children[1]
    assert button.tooltip == "Remove slip 1, on 2026-11-15"
    assert "hw-name-from-tooltip" in button._dom_classes
    button.click()
    assert exercise.slips == [{"date": "2026-11-20", "note": "b"}]
    assert exercise.summary_lines[0] == "Day 12 of no contact. 11 days kept."


def test_urges_are_logged_and_listed_newest_first(store):
    """Are urges saved with date, strength and note, and shown newest first?"""
    exercise = started(store)
    for day, strength, note in [("2026-11-18", 8, "old"), ("2026-11-22", 3, "new")]:
        exercise.urge_date.value = day
        exercise.urge_strength.value = strength
        exercise.urge_note.value = note
        exercise.log_urge_button.click()
    assert exercise.log_urge("2026-11-20", 6, "middle")
    shown = [row.children[0].value for row in exercise.urge_rows.children]
    assert "2026-11-22, strength 3 of 10: new" in shown[0]
    assert "2026-11-20, strength 6 of 10: middle" in shown[1]
    assert "2026-11-18, strength 8 of 10: old" in shown[2]
    assert exercise.urge_note.value == ""
    exercise.save()
    urges = store.latest(exercise.exercise_id).value["urges"]
    assert {"date": "2026-11-22", "strength": 3, "note": "new"} in urges
    assert len(make(store).urge_rows.children) == 3


def test_urge_note_is_labelled_with_the_pack_prompt(store):
    """Does the urge note carry the pack's urge_prompt as its label and visible hint?"""
    exercise = make(store, urge_prompt="What did you do <instead>?")
    assert exercise.urge_note.description == "What did you do <instead>?"
    assert "What did you do &lt;instead&gt;?" in "".join(html_values(exercise))
    assert exercise.urge_strength.description == "Strength (0 to 10)"
    assert (exercise.urge_strength.min, exercise.urge_strength.max) == (0, 10)


def test_urges_can_be_removed_by_their_named_button(store):
    """Does an urge's Remove button name the urge and remove only it?"""
    exercise = started(store)
    exercise.log_urge("2026-11-18", 8)
    exercise.log_urge("2026-11-22", 3)
    newest_row_button = exercise.urge_rows.children[0].children[1]
    assert newest_row_button.tooltip == "Remove urge 1 (2026-11-22, strength 3)"
    newest_row_button.click()
    assert exercise.urges == [{"date": "2026-11-18", "strength": 8, "note": ""}]


@pytest.mark.parametrize("strength", [11, -1, True, "5"])
def test_urge_strength_out_of_range_is_refused(store, strength):
    """Is a strength outside 0-10 refused with a message?"""
    exercise = started(store)
    assert not exercise.log_urge("2026-11-20", strength)
    assert exercise.problem == "Choose a strength from 0 to 10."
    assert exercise.urges == []


def test_urge_in_the_future_or_with_a_bad_date_is_refused(store):
    """Is an urge dated tomorrow or unreadably refused?"""
    exercise = started(store)
    assert not exercise.log_urge("2026-11-24", 4)
    assert "today or an earlier day" in exercise.problem
    assert not exercise.log_urge("Monday", 4)
    assert exercise.problem == "Write the date like 2026-11-20."


# ----------------------------------------------------------------------- bad input


def test_a_future_start_is_refused_and_the_last_save_kept(store):
    """Is a start date after today refused, unsaved, with the saved start untouched?"""
    exercise = started(store)
    assert exercise.save()
    exercise.start_box.value = "2026-11-24"
    assert "after today" in exercise.problem
    assert not exercise.save()
    exercise.flush()
    assert store.latest(exercise.exercise_id).value["start"] == "2026-11-12"
    assert len(store.history(exercise.exercise_id)) == 1
    assert "Choose the day you started" in exercise.summary_lines[0]


@pytest.mark.parametrize("bad", ["12/11/2026", "2026-13-01", "last Tuesday", "2026-11"])
def test_an_unreadable_start_is_refused(store, bad):
    """Is a start date that does not parse refused with the date hint?"""
    exercise = started(store)
    exercise.save()
    exercise.start_box.value = bad
    assert exercise.problem == "Write the start date like 2026-11-01."
    assert not exercise.save()
    assert store.latest(exercise.exercise_id).value["start"] == "2026-11-12"


def test_moving_the_start_after_a_slip_is_refused(store):
    """Is a start moved past a logged slip refused, so no slip silently disappears?"""
    exercise = started(store)
    exercise.log_slip("2026-11-14")
    exercise.save()
    exercise.start_box.value = "2026-11-16"
    assert "outside your start date" in exercise.problem
    assert not exercise.save()
    assert store.latest(exercise.exercise_id).value["slips"] == [{"date": "2026-11-14", "note": ""}]


def test_a_huge_note_is_refused(store):
    """Is a 1 MB paste as a slip or urge note refused, keeping the log as it was?"""
    exercise = started(store)
    assert not exercise.log_slip("2026-11-20", "x" * 1_000_000)
    assert f"{MAX_NOTE_CHARS:,}" in exercise.problem
    assert not exercise.log_urge("2026-11-20", 5, "x" * 1_000_000)
    assert exercise.slips == [] and exercise.urges == []


def test_markup_emoji_and_right_to_left_text_are_kept_as_typed(store):
    """Are notes with <script>, emoji and Arabic stored exactly and shown only escaped?"""
    exercise = started(store)
    assert exercise.log_slip("2026-11-20", EVIL)
    assert exercise.log_urge("2026-11-21", 7, EVIL)
    assert exercise.save()
    saved = store.latest(exercise.exercise_id).value
    assert saved["slips"][0]["note"] == EVIL and saved["urges"][0]["note"] == EVIL
    again = make(store)
    values = html_values(again)
    for value in values:
        assert "<script" not in value and "<img" not in value
    assert any("&lt;script&gt;" in value and "💔 قلبي" in value for value in values)


# ----------------------------------------------------------- read-only and validate


def test_read_only_shows_the_answer_with_no_controls():
    """Does a worked example show its count, slips and urges, disabled, with nothing to add?"""
    value = {
        "start": "2026-11-12",
        "mode": "no contact",
        "slips": [{"date": "2026-11-20", "note": "Sent one text"}],
        "urges": [{"date": "2026-11-21", "strength": 7, "note": "Went for a walk"}],
    }
    spec = make_spec("contact_tracker")
    exercise = ContactTrackerExercise(spec, None, read_only=True, value=value)
    assert exercise.start_box.value == "2026-11-12" and exercise.start_box.disabled
    assert exercise.mode.disabled
    assert exercise.slip_adder.layout.display == "none"
    assert exercise.urge_adder.layout.display == "none"
    assert exercise.start_today_button.layout.display == "none"
    assert len(exercise.slip_rows.children[0].children) == 1  # no Remove button
    assert len(exercise.urge_rows.children[0].children) == 1
    # a worked example counts to the last day it logged (the 21st), not to today
    assert exercise.summary_lines[0] == "Day 10 of no contact. 9 days kept."
    assert exercise.save_button not in exercise.children
    assert not exercise.save()


def test_read_only_tolerates_a_malformed_example():
    """Does a worked example with broken entries show what it can instead of crashing?"""
    value = {"start": "2026-11-12", "mode": "?", "slips": ["x", {"date": "bad"}], "urges": 3}
    spec = make_spec("contact_tracker")
    exercise = ContactTrackerExercise(spec, None, read_only=True, value=value)
    assert exercise.slips == [] and exercise.urges == []
    assert exercise.mode.value == "no contact"


GOOD = {
    "start": "2026-11-12",
    "mode": "no contact",
    "slips": [{"date": "2026-11-20", "note": ""}],
    "urges": [{"date": "2026-11-21", "strength": None, "note": ""}],
}


@pytest.mark.parametrize(
    "value",
    [
        None,
        [],
        {"start": "2026-11-12"},
        {**GOOD, "extra": 1},
        {**GOOD, "start": 20261112},
        {**GOOD, "mode": "some contact"},
        {**GOOD, "slips": {}},
        {**GOOD, "slips": [{"date": "2026-11-20"}]},
        {**GOOD, "slips": [{"date": "2026-11-20", "note": 5}]},
        {**GOOD, "slips": [{"date": "2026-11-01", "note": ""}]},
        {**GOOD, "start": "", "slips": [{"date": "2026-11-20", "note": ""}]},
        {**GOOD, "urges": [{"date": "2026-11-21", "strength": 11, "note": ""}]},
        {**GOOD, "urges": [{"date": "2026-11-21", "strength": "7", "note": ""}]},
        {**GOOD, "urges": [{"date": "2026-11-21", "note": ""}]},
        {**GOOD, "urges": [{"date": "2026-11-30", "strength": 1, "note": ""}]},
        {**GOOD, "urges": [{"date": "2026-11-21", "strength": 1, "note": "x" * 100_000}]},
    ],
)
def test_validate_refuses_malformed_answers(store, value):
    """Is each malformed answer refused with a message?"""
    assert make(store).validate(value)


def test_validate_accepts_the_documented_shape(store):
    """Is the documented answer (and the empty one) accepted?"""
    exercise = make(store)
    assert exercise.validate(GOOD) is None
    assert exercise.validate(exercise.empty_value()) is None


def test_an_invalid_stored_answer_is_shown_empty(store):
    """Does a broken stored answer show an empty tracker without crashing?"""
    store.save("test-contact-tracker", {"start": "soon", "mode": 1})
    exercise = make(store)
    assert exercise.start_box.value == "" and exercise.slips == []
    assert store.latest("test-contact-tracker").value == {"start": "soon", "mode": 1}


def test_a_worked_example_counts_to_its_last_logged_day_not_to_today():
    """Does a story's tracker keep the story's own day count, whatever today is?"""
    value = {
        "start": "2026-03-02",
        "mode": "low contact",
        "slips": [{"date": "2026-03-10", "note": ""}],
        "urges": [{"date": "2026-05-24", "strength": 7, "note": ""}],
    }
    spec = make_spec("contact_tracker")
    example = ContactTrackerExercise(spec, None, read_only=True, value=value)
    assert last_logged_day(value) == dt.date(2026, 5, 24)
    assert example.summary_lines[0] == "Day 84 of low contact. 83 days kept."
