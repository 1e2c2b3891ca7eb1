"""Can the person build, edit, check and remove boundaries, and is bad input refused?"""

from __future__ import annotations

import datetime as dt

import ipywidgets as w
import pytest

from conftest import html_values, make_spec
from widgets.exercises.boundary_builder import (
    BOUNDARY_TYPES,
    MAX_FIELD_CHARS,
    REMINDER,
    BoundaryBuilderExercise,
    check_summary,
)

TODAY = dt.date(2026, 11, 23)
EVIL = '<script>alert("x")</script> <b>bold</b> 💔 قلبي'


def make(store, **options):
    spec = make_spec("boundary_builder", **options)
    return BoundaryBuilderExercise(spec, store, debounce_seconds=60)


def add(exercise, type="time", limit="No calls after 9 pm", words="", if_crossed=""):
    exercise.new_type.value = type
    exercise.new_limit.value = limit
    exercise.new_words.value = words
    exercise.new_if_crossed.value = if_crossed
    exercise.add_button.click()


def boundary(limit="No calls after 9 pm", held=None, **fields):
    return {
        "type": "time",
        "limit": limit,
        "words": "",
        "if_crossed": "",
        "check": {"date": "", "held": held, "note": ""},
        **fields,
    }


def test_added_boundary_is_saved_and_reloaded(store):
    """Does a boundary added with the form come back in a new widget, in the documented shape?"""
    exercise = make(store)
    add(
        exercise,
        "digital",
        "I won't reply to late-night messages",
        "I'm not replying to messages after 9 pm.",
        "I will mute the chat until morning.",
    )
    assert exercise.new_limit.value == "" and exercise.new_words.value == ""
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value == [
        {
            "type": "digital",
            "limit": "I won't reply to late-night messages",
            "words": "I'm not replying to messages after 9 pm.",
            "if_crossed": "I will mute the chat until morning.",
            "check": {"date": "", "held": None, "note": ""},
        }
    ]
    again = make(store)
    card = again.cards[0]
    assert card["type"].value == "digital"
    assert card["limit"].value == "I won't reply to late-night messages"
    assert card["if_crossed"].value == "I will mute the chat until morning."


def test_fields_have_the_labels_the_person_reads(store):
    """Are the boxes named "My limit", "My words" and "What I will do if it is crossed"?"""
    exercise = make(store)
    assert exercise.new_limit.description == "My limit"
    assert exercise.new_words.description == "My words (what I will say)"
    assert exercise.new_if_crossed.description == "What I will do if it is crossed"
    add(exercise)
    card = exercise.cards[0]
    assert card["held"].description == "Did it hold?"
    assert card["date"].description == "Date checked"


def test_reminder_says_a_boundary_is_what_i_will_do(store):
    """Is the boundary-versus-request reminder shown?"""
    exercise = make(store)
    assert "a boundary is about what you will do" in REMINDER
    assert "request" in REMINDER
    assert any("a boundary is about what you will do" in value for value in html_values(exercise))


def test_each_type_is_explained_in_a_line(store):
    """Does choosing a type show its one-line explanation, and change with the choice?"""
    exercise = make(store)
    assert [value for _label, value in exercise.new_type.options] == [
        "physical",
        "emotional",
        "time",
        "mental",
        "material",
        "digital",
    ]
    exercise.new_type.value = "time"
    text = " ".join(html_values(exercise.adder))
    assert BOUNDARY_TYPES["time"] in text
    exercise.new_type.value = "material"
    text = " ".join(html_values(exercise.adder))
    assert BOUNDARY_TYPES["material"] in text and BOUNDARY_TYPES["time"] not in text


def test_empty_limit_is_refused_on_add(store):
    """Is pressing Add with no limit answered with a hint, adding nothing?"""
    exercise = make(store)
    add(exercise, limit="   ", words="Some words")
    assert exercise.boundaries == []
    assert exercise.problem == "Write your limit first, then press Add."
    assert exercise.new_words.value == "Some words"  # nothing typed is lost


def test_boundaries_can_be_edited_in_place(store):
    """Does changing a boundary's type or text in its card change the saved answer?"""
    exercise = make(store)
    add(exercise)
    exercise.edit_boundary(0, type="emotional", words="I need some space.")
    exercise.cards[0]["if_crossed"].value = "I will end the call."
    assert BOUNDARY_TYPES["emotional"] in " ".join(html_values(exercise.rows))
    exercise.save()
    saved = store.latest(exercise.exercise_id).value[0]
    assert saved["type"] == "emotional"
    assert saved["words"] == "I need some space."
    assert saved["if_crossed"] == "I will end the call."


def test_emptying_a_limit_is_refused_and_the_last_save_kept(store):
    """Is clearing a saved boundary's limit refused, leaving the saved limit?"""
    exercise = make(store)
    add(exercise)
    assert exercise.save()
    exercise.edit_boundary(0, limit="")
    assert "Boundary 1 needs a limit" in exercise.problem
    assert not exercise.save()
    exercise.flush()
    assert store.latest(exercise.exercise_id).value[0]["limit"] == "No calls after 9 pm"
    assert len(store.history(exercise.exercise_id)) == 1


def test_follow_through_check_is_saved_with_todays_date(store):
    """Does choosing "Partly" save the check, filling in today's date if none was typed?"""
    exercise = make(store)
    add(exercise)
    held = exercise.cards[0]["held"]
    assert held.value is None
    assert [label for label, _value in held.options] == [
        "Yes, it held",
        "Partly",
        "No, not this time",
    ]
    held.value = "partly"
    exercise.cards[0]["note"].value = "I answered once, then stopped."
    exercise.save()
    assert store.latest(exercise.exercise_id).value[0]["check"] == {
        "date": "2026-11-23",
        "held": "partly",
        "note": "I answered once, then stopped.",
    }
    assert make(store).cards[0]["held"].value == "partly"


def test_a_typed_check_date_is_kept(store):
    """Is a check date the person typed kept rather than replaced by today?"""
    exercise = make(store)
    add(exercise)
    exercise.check_boundary(0, date="2026-11-20", held="yes")
    exercise.save()
    assert store.latest(exercise.exercise_id).value[0]["check"]["date"] == "2026-11-20"


def test_summary_counts_the_checks_kindly(store):
    """Does the summary read "You checked 2 boundaries; 1 held, 1 partly."?"""
    exercise = make(store)
    add(exercise, limit="One")
    add(exercise, limit="Two")
    add(exercise, limit="Three")
    assert "come back and note whether it held" in exercise.summary_lines[0]
    exercise.check_boundary(0, held="yes")
    exercise.check_boundary(2, held="partly")
    assert exercise.summary_lines == ["You checked 2 boundaries; 1 held, 1 partly."]
    exercise.check_boundary(1, held="no")
    assert exercise.summary_lines[0] == (
        "You checked 3 boundaries; 1 held, 1 partly, 1 did not hold this time."
    )
    assert "not a failure" in exercise.summary_lines[1]


def test_check_summary_says_one_boundary():
    """Is a single check counted as "1 boundary"?"""
    assert check_summary([boundary(held="yes")]) == ["You checked 1 boundary; 1 held."]


def test_boundaries_can_be_removed_by_their_named_button(store):
    """Does a card's Remove button, named for its boundary, remove just that one?"""
    exercise = make(store)
    add(exercise, limit="One")
    add(exercise, limit="Two")
    remove = exercise.rows.children[0].children[-1]
    assert remove.description == "Remove"
    assert remove.tooltip == "Remove boundary 1"
    assert "hw-name-from-tooltip" in remove._dom_classes
    remove.click()
    assert [b["limit"] for b in exercise.boundaries] == ["Two"]
    assert exercise.rows.children[0].children[-1].tooltip == "Remove boundary 1"


def test_list_is_capped_by_the_pack(store):
    """Is a boundary beyond max_items refused, keeping the list?"""
    exercise = make(store, max_items=2)
    add(exercise, limit="One")
    add(exercise, limit="Two")
    add(exercise, limit="Three")
    assert len(exercise.boundaries) == 2
    assert "up to 2 boundaries" in exercise.problem


def test_bad_check_date_is_refused(store):
    """Is a check date that does not parse refused, keeping the last save?"""
    exercise = make(store)
    add(exercise)
    exercise.check_boundary(0, date="2026-11-20", held="yes")
    assert exercise.save()
    exercise.check_boundary(0, date="20th Nov")
    assert exercise.problem == "Write the date like 2026-11-20."
    assert not exercise.save()
    assert store.latest(exercise.exercise_id).value[0]["check"]["date"] == "2026-11-20"


def test_a_huge_paste_is_refused(store):
    """Is a 1 MB paste refused on add and on edit, keeping what was saved?"""
    exercise = make(store)
    add(exercise, limit="x" * 1_000_000)
    assert exercise.boundaries == []
    assert str(MAX_FIELD_CHARS) in exercise.problem
    add(exercise)
    exercise.save()
    exercise.edit_boundary(0, words="y" * 1_000_000)
    assert not exercise.save()
    assert store.latest(exercise.exercise_id).value[0]["words"] == ""


def test_markup_emoji_and_right_to_left_text_are_kept_as_typed(store):
    """Are <script>, emoji and Arabic stored exactly and never shown as markup?"""
    exercise = make(store)
    add(exercise, limit=EVIL, words=EVIL, if_crossed=EVIL)
    exercise.check_boundary(0, held="no", note=EVIL)
    assert exercise.save()
    saved = store.latest(exercise.exercise_id).value[0]
    assert saved["limit"] == saved["words"] == saved["if_crossed"] == EVIL
    assert saved["check"]["note"] == EVIL
    again = make(store)
    assert again.cards[0]["limit"].value == EVIL
    for value in html_values(again):
        assert "<script" not in value and "<b>bold" not in value


def test_read_only_shows_boundaries_disabled_with_no_editing():
    """Does a worked example show its boundaries in disabled controls, with no add or remove?"""
    value = [boundary(held="yes", words="I am not available after 9.")]
    spec = make_spec("boundary_builder")
    exercise = BoundaryBuilderExercise(spec, None, read_only=True, value=value)
    card = exercise.cards[0]
    assert card["limit"].value == "No calls after 9 pm"
    assert all(control.disabled for control in card.values())
    assert card["held"].value == "yes"
    assert exercise.adder.layout.display == "none"
    assert not any(isinstance(child, w.Button) for child in exercise.rows.children[0].children)
    assert exercise.save_button not in exercise.children
    assert not exercise.save()
    assert exercise.summary_lines == ["You checked 1 boundary; 1 held."]


def test_read_only_tolerates_a_malformed_example():
    """Does a worked example with broken entries show what it can instead of crashing?"""
    value = [{"type": "spiritual", "limit": 3, "check": "later"}, "text"]
    spec = make_spec("boundary_builder")
    exercise = BoundaryBuilderExercise(spec, None, read_only=True, value=value)
    assert len(exercise.cards) == 1
    assert exercise.cards[0]["type"].value == "physical"
    assert exercise.cards[0]["held"].value is None


@pytest.mark.parametrize(
    "value",
    [
        None,
        {"type": "time"},
        ["No calls"],
        [{"type": "time", "limit": "x"}],
        [boundary(type="spiritual")],
        [boundary(limit="")],
        [boundary(limit=5)],
        [boundary(words=None)],
        [{**boundary(), "extra": 1}],
        [boundary(check=None)],
        [boundary(check={"date": "", "held": "maybe", "note": ""})],
        [boundary(check={"date": "soon", "held": None, "note": ""})],
        [boundary(check={"date": "", "held": None})],
        [boundary(limit="x" * (MAX_FIELD_CHARS + 1))],
        [boundary()] * 21,
    ],
)
def test_validate_refuses_malformed_answers(store, value):
    """Is each malformed answer refused with a message?"""
    assert make(store).validate(value)


def test_validate_accepts_the_documented_shape(store):
    """Is the documented answer accepted, checked or not?"""
    exercise = make(store)
    value = [
        boundary(),
        boundary(type="digital", check={"date": "2026-11-20", "held": "no", "note": "n"}),
    ]
    assert exercise.validate(value) is None
    assert exercise.validate([]) is None


def test_an_invalid_stored_answer_is_shown_empty(store):
    """Does a broken stored answer show an empty list without crashing or being overwritten?"""
    store.save("test-boundary-builder", [{"type": "time"}])
    exercise = make(store)
    assert exercise.boundaries == []
    assert store.latest("test-boundary-builder").value == [{"type": "time"}]


def test_changes_wait_for_the_debounce(store):
    """Is an added boundary saved after the quiet period rather than at once?"""
    exercise = make(store)
    add(exercise)
    assert exercise.dirty and store.latest(exercise.exercise_id) is None
    exercise.flush()
    assert store.latest(exercise.exercise_id).value[0]["limit"] == "No calls after 9 pm"
