"""Can activities be planned, done, rated and compared with the guess, and is bad input refused?"""

from __future__ import annotations

import datetime as dt

import ipywidgets as w
import pytest

from conftest import html_values, make_spec
from widgets.exercises import KINDS
from widgets.exercises.activity_planner import (
    MAX_ACTIVITY_CHARS,
    ActivityPlannerExercise,
    compare_text,
    summary_text,
)

TODAY = dt.date(2026, 11, 23)
IDEAS = ("A walk in a new part of town", "Coffee with a friend")


def make(store, **options):
    options.setdefault("ideas", IDEAS)
    return ActivityPlannerExercise(
        make_spec("activity_planner", **options), store, debounce_seconds=60
    )


def add(exercise, activity, day="2026-11-28", predicted=None):
    """Fill the add form and press Add, as a person does."""
    exercise.new_activity.value = activity
    exercise.new_day.value = day
    if predicted is not None:
        exercise.new_predicted.value = predicted
    exercise.add_button.click()


def row(activity, day="2026-11-28", predicted=None, done=False, mood=None, mastery=None,
        pleasure=None):  # fmt: skip
    return {
        "activity": activity,
        "day": day,
        "predicted": predicted,
        "done": done,
        "mood": mood,
        "mastery": mastery,
        "pleasure": pleasure,
    }


def buttons(widget):
    found = [widget] if isinstance(widget, w.Button) else []
    for child in getattr(widget, "children", ()):
        found.extend(buttons(child))
    return found


def test_kind_is_registered():
    """Is activity_planner found by the kit's discovery?"""
    assert KINDS["activity_planner"] is ActivityPlannerExercise


def test_planned_activities_are_saved_and_reloaded(store):
    """Do activities added with the form come back in order after a reload?"""
    exercise = make(store)
    add(exercise, "Swim", "2026-11-24", predicted=3)
    add(exercise, "Call Mum", "2026-11-25")
    assert exercise.new_activity.value == ""
    assert exercise.save()
    expected = [row("Swim", "2026-11-24", predicted=3), row("Call Mum", "2026-11-25")]
    assert store.latest(exercise.exercise_id).value == expected
    again = make(store)
    assert again.value == expected
    assert again.row_widgets[0]["activity"].value == "Swim"
    assert again.row_widgets[1]["day"].value == "2026-11-25"


def test_the_day_starts_as_today_from_the_injected_clock(store):
    """Does the add form offer today's date, taken from the clock it was given?"""
    assert make(store).new_day.value == "2026-11-23"


def test_an_idea_fills_the_activity_box(store):
    """Does picking an idea from the list put it in the activity box?"""
    exercise = make(store)
    exercise.ideas.value = IDEAS[1]
    assert exercise.new_activity.value == "Coffee with a friend"
    exercise.add_button.click()
    assert exercise.entries[0]["activity"] == "Coffee with a friend"
    assert exercise.ideas.value == ""  # ready for the next pick


def test_ideas_list_is_hidden_when_the_pack_has_none(store):
    """Is the ideas dropdown hidden when the pack gives no ideas?"""
    exercise = make(store, ideas=())
    assert exercise.ideas.layout.display == "none"


def test_untouched_prediction_is_no_guess(store):
    """Is an activity added without touching the prediction saved with predicted null?"""
    exercise = make(store)
    assert "No guess yet" in exercise.new_predicted_note.value
    add(exercise, "Read")
    assert exercise.entries[0]["predicted"] is None
    assert "No guess yet" in exercise.row_widgets[0]["note"].value


def test_done_activity_is_rated_and_compared_in_words(store):
    """After ticking Done and rating, does the row say how the outcome compares with the guess?"""
    exercise = make(store)
    add(exercise, "Walk", predicted=3)
    ratings = exercise.row_widgets[0]["ratings"]
    assert ratings.layout.display == "none"  # no ratings until done
    exercise.row_widgets[0]["done"].value = True
    assert ratings.layout.display is None
    assert "Not rated yet: mood, mastery, pleasure." in exercise.row_widgets[0]["note"].value
    exercise.row_widgets[0]["mood"].value = 6
    exercise.row_widgets[0]["mastery"].value = 4
    exercise.row_widgets[0]["pleasure"].value = 7
    note = exercise.row_widgets[0]["note"].value
    assert "You expected 3; it was 6 — better than expected." in note
    assert "Not rated yet" not in note
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value == [
        row("Walk", predicted=3, done=True, mood=6, mastery=4, pleasure=7)
    ]


@pytest.mark.parametrize(
    ("predicted", "mood", "words"),
    [
        (3, 6, "You expected 3; it was 6 — better than expected."),
        (5, 5, "You expected 5; it was 5 — just as you expected."),
        (7, 4, "You expected 7; it was 4 — lower than expected."),
        (None, 4, "Your mood afterwards was 4. You made no guess"),
        (2, None, "You expected 2. Rate your mood afterwards"),
    ],
)
def test_compare_text(predicted, mood, words):
    """Does each prediction/outcome pair get the right words?"""
    assert compare_text(predicted, mood).startswith(words)


def test_summary_counts_done_activities_where_mood_beat_the_guess(store):
    """Does the summary say in how many done activities the mood was higher than predicted?"""
    exercise = make(store)
    for predicted in (2, 3, 4, 6):
        add(exercise, f"Thing {predicted}", predicted=predicted)
    add(exercise, "Not done yet", predicted=1)
    for index, mood in enumerate((5, 7, 6, 6)):
        exercise.mark_done(index)
        exercise.rate(index, mood=mood)
    assert "higher than you predicted in 3 of 4 activities." in exercise.summary.value
    assert "the same in 1" in exercise.summary.value


def test_summary_before_anything_is_done():
    """Before any done and rated activity, does the summary explain what will appear?"""
    assert summary_text([row("Walk", predicted=3)]).startswith("Once you have done")
    one = summary_text([row("Walk", predicted=6, done=True, mood=4)])
    assert one == (
        "Afterwards your mood was higher than you predicted in 0 of 1 activity. It was lower in 1."
    )


def test_ratings_are_null_until_done(store):
    """Are ratings of an activity not marked done saved as null, even if boxes were touched?"""
    exercise = make(store)
    add(exercise, "Walk", predicted=3)
    exercise.mark_done(0)
    exercise.rate(0, mood=8)
    exercise.mark_done(0, False)
    exercise.save()
    assert store.latest(exercise.exercise_id).value == [row("Walk", predicted=3)]


def test_rows_can_be_edited_and_removed(store):
    """Can the activity, its day and its prediction be changed, and a row removed?"""
    exercise = make(store)
    add(exercise, "Swim", predicted=2)
    add(exercise, "Bake", predicted=5)
    exercise.edit_activity(0, "Swim at the lido")
    exercise.set_day(0, "2026-12-01")
    exercise.row_widgets[0]["predicted"].value = 4
    remove_second = exercise.rows.children[1].children[1].children[1]
    assert remove_second.tooltip == "Remove activity 2"
    assert "hw-name-from-tooltip" in remove_second._dom_classes
    remove_second.click()
    exercise.save()
    assert store.latest(exercise.exercise_id).value == [
        row("Swim at the lido", "2026-12-01", predicted=4)
    ]


def test_debounced_autosave(store):
    """Is an added activity saved after the quiet period, not at once?"""
    exercise = make(store)
    add(exercise, "Walk")
    assert exercise.dirty and store.latest(exercise.exercise_id) is None
    exercise.flush()
    assert store.latest(exercise.exercise_id).value == [row("Walk")]
    assert not exercise.dirty


@pytest.mark.parametrize("day", ["28/11/2026", "2026-02-30", "tomorrow", "", "20261128"])
def test_a_bad_day_is_refused_at_add(store, day):
    """Is a day that is not YYYY-MM-DD refused with an example, adding nothing?"""
    exercise = make(store)
    add(exercise, "Walk", day)
    assert exercise.entries == []
    assert exercise.problem == "Write the day like 2026-11-23 (year, month, day)."


def test_a_bad_day_typed_into_a_row_keeps_the_last_save(store):
    """Is a row's day changed to nonsense refused, leaving the saved plan untouched?"""
    exercise = make(store)
    add(exercise, "Walk", "2026-11-28")
    exercise.save()
    exercise.set_day(0, "next Friday")
    assert "Activity 1: Write the day like" in exercise.problem
    assert not exercise._debouncer.pending
    assert not exercise.save()
    assert store.latest(exercise.exercise_id).value == [row("Walk", "2026-11-28")]
    exercise.set_day(0, "2026-11-29")
    assert exercise.save() and exercise.problem == ""


def test_an_empty_activity_is_refused(store):
    """Is pressing Add with no activity answered with a hint, adding nothing?"""
    exercise = make(store)
    add(exercise, "   ")
    assert exercise.entries == []
    assert "Type an activity first" in exercise.problem


def test_emptying_a_row_name_is_refused(store):
    """Is clearing a saved activity's name refused, keeping the saved name?"""
    exercise = make(store)
    add(exercise, "Walk")
    exercise.save()
    exercise.edit_activity(0, "")
    assert "Activity 1 needs a name" in exercise.problem
    assert not exercise.save()
    assert store.latest(exercise.exercise_id).value == [row("Walk")]


def test_out_of_range_ratings_are_refused(store):
    """Is a rating outside 0-10 refused with a message, changing nothing?"""
    exercise = make(store)
    add(exercise, "Walk", predicted=3)
    exercise.mark_done(0)
    assert exercise.rate(0, mood=11) is False
    assert "0 to 10" in exercise.problem
    assert exercise.entries[0]["mood"] is None
    assert exercise.add_activity("Run", "2026-11-28", predicted=-1) is False
    assert len(exercise.entries) == 1


def test_the_plan_is_capped(store):
    """Is an activity beyond max_items refused, keeping the plan?"""
    exercise = make(store, max_items=2)
    for name in ("A", "B", "C"):
        add(exercise, name)
    assert [entry["activity"] for entry in exercise.entries] == ["A", "B"]
    assert "up to 2 activities" in exercise.problem


def test_a_huge_paste_is_refused(store):
    """Is a 1 MB paste refused as an activity, at Add and in a row, keeping the last save?"""
    exercise = make(store)
    add(exercise, "x" * 1_000_000)
    assert exercise.entries == []
    assert str(MAX_ACTIVITY_CHARS) in exercise.problem
    add(exercise, "Walk")
    exercise.save()
    exercise.edit_activity(0, "y" * 1_000_000)
    assert f"under {MAX_ACTIVITY_CHARS} characters" in exercise.problem
    assert not exercise.save()
    assert store.latest(exercise.exercise_id).value == [row("Walk")]


def test_markup_emoji_and_right_to_left_text_stay_plain_text(store):
    """Are <script>, emoji and Arabic kept as typed and never put into HTML unescaped?"""
    text = '<script>alert("x")</script> نزهة 🌳'
    exercise = make(store, ideas=("<b>bold idea</b>", "Walk"))
    add(exercise, text, predicted=2)
    exercise.mark_done(0)
    exercise.rate(0, mood=5)
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value[0]["activity"] == text
    again = make(store, ideas=("<b>bold idea</b>", "Walk"))
    assert again.row_widgets[0]["activity"].value == text
    for value in html_values(again):
        assert "<script" not in value and "<b>bold" not in value


@pytest.mark.parametrize(
    "bad",
    [
        None,
        {"activity": "Walk"},
        ["Walk"],
        [{"activity": "Walk", "day": "2026-11-28"}],
        [{**row("Walk"), "extra": 1}],
        [row("")],
        [row(None)],
        [row("Walk", day="2026-13-01")],
        [row("Walk", day=None)],
        [row("Walk", predicted=11)],
        [row("Walk", predicted=True)],
        [row("Walk", done=True, mood=-1)],
        [row("Walk", done=True, mastery=4.5)],
        [row("Walk", done="yes")],
        [row("x" * (MAX_ACTIVITY_CHARS + 1))],
        [row(f"A{n}") for n in range(51)],
    ],
)
def test_validate_refuses_malformed_answers(store, bad):
    """Is every answer of the wrong shape refused?"""
    assert make(store).validate(bad)


def test_a_malformed_stored_answer_shows_an_empty_plan(store):
    """Does a broken stored answer leave the planner empty and usable?"""
    store.save("test-activity-planner", [row("Walk", predicted=99)])
    exercise = make(store)
    assert exercise.entries == []
    add(exercise, "Walk")
    assert exercise.save()


def test_read_only_shows_the_plan_disabled_without_controls():
    """In a worked example, are rows disabled and the add form and Remove buttons absent?"""
    value = [
        row("Walk", predicted=3, done=True, mood=6, mastery=5, pleasure=7),
        row("Cook", "2026-11-29", predicted=4),
    ]
    exercise = ActivityPlannerExercise(
        make_spec("activity_planner"), None, read_only=True, value=value
    )
    assert exercise.value == value
    assert exercise._read() == value
    assert exercise.adder.layout.display == "none"
    assert buttons(exercise.rows) == []
    assert exercise.row_widgets[0]["mood"].disabled and exercise.row_widgets[0]["done"].disabled
    assert "better than expected" in exercise.row_widgets[0]["note"].value
    assert "higher than you predicted in 1 of 1 activity" in exercise.summary.value
    assert exercise.save() is False


def test_every_row_input_is_labelled_with_its_number(store):
    """Does each box in a row name the activity it belongs to (for screen readers)?"""
    exercise = make(store)
    add(exercise, "Walk")
    add(exercise, "Read")
    parts = exercise.row_widgets[1]
    assert parts["activity"].description == "Activity 2"
    assert parts["day"].description == "Day (activity 2)"
    assert parts["mood"].description == "Mood after 0–10 (activity 2)"
    assert parts["done"].description == "Done (activity 2)"


def test_unrated_boxes_are_marked_so_the_page_shows_them_blank(store):
    """Do unrated boxes (in the form and in rows) carry the class that hides their 0?"""
    exercise = make(store)
    assert "hw-activity_planner-unrated" in exercise.new_predicted._dom_classes
    add(exercise, "Walk", predicted=4)
    assert "hw-activity_planner-unrated" in exercise.new_predicted._dom_classes  # form reset
    parts = exercise.row_widgets[0]
    assert "hw-activity_planner-unrated" not in parts["predicted"]._dom_classes
    assert "hw-activity_planner-unrated" in parts["mood"]._dom_classes
    parts["mood"].value = 7
    assert "hw-activity_planner-unrated" not in parts["mood"]._dom_classes
    exercise.rate(0, mood=None)
    assert "hw-activity_planner-unrated" in parts["mood"]._dom_classes


def test_zero_is_a_real_rating(store):
    """Can 0 be given on purpose and saved as 0, not null?"""
    exercise = make(store)
    add(exercise, "Walk", predicted=2)
    exercise.mark_done(0)
    exercise.rate(0, mood=0, mastery=0)
    exercise.save()
    saved = store.latest(exercise.exercise_id).value[0]
    assert (saved["mood"], saved["mastery"], saved["pleasure"]) == (0, 0, None)
