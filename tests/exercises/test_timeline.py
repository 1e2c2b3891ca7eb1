"""Can the person build, edit, sort and prune a timeline, and is bad input refused?"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import html_values, make_spec
from widgets.exercises import KINDS
from widgets.exercises.timeline import MARKS, MAX_TEXT_CHARS, TimelineExercise, parse_rough_date

TODAY = dt.date(2026, 11, 23)


def make(store, **options):
    spec = make_spec("timeline", **{"item_label": "Moment", **options})
    return TimelineExercise(spec, store, debounce_seconds=60)


def add(exercise, date, text, mark):
    exercise.new_date.value = date
    exercise.new_text.value = text
    exercise.new_mark.value = mark
    exercise.add_button.click()


def test_the_kind_is_registered():
    """Is the timeline found by the kit under its kind name?"""
    assert KINDS["timeline"] is TimelineExercise


def test_added_moments_are_saved_and_reloaded(store):
    """Do moments added with the Add button come back, in order, after a reload?"""
    exercise = make(store)
    add(exercise, "2019-03-14", "We met at Sam's party", "good")
    add(exercise, "2021", "Moved in together", "turning point")
    assert exercise.new_date.value == "" and exercise.new_text.value == ""
    assert exercise.new_mark.value is None
    assert exercise.save()
    expected = [
        {"date": "2019-03-14", "text": "We met at Sam's party", "mark": "good"},
        {"date": "2021", "text": "Moved in together", "mark": "turning point"},
    ]
    assert store.latest(exercise.exercise_id).value == expected
    again = make(store)
    assert again.value == expected
    assert [boxes["date"].value for boxes in again.row_boxes] == ["2019-03-14", "2021"]
    assert again.row_boxes[1]["mark"].value == "turning point"


def test_all_three_date_forms_are_accepted(store):
    """Are YYYY-MM-DD, YYYY-MM and YYYY all accepted (with stray spaces trimmed)?"""
    exercise = make(store)
    assert exercise.add_event("2020-02-29", "Leap day trip", "good")
    assert exercise.add_event(" 2020-06 ", "First fight", "hard")
    assert exercise.add_event("2020", "A hard year", "hard")
    assert [event["date"] for event in exercise.value] == ["2020-02-29", "2020-06", "2020"]


@pytest.mark.parametrize(
    "date",
    [
        "",
        "last summer",
        "2021-13",
        "2021-02-30",
        "21-06-01",
        "20210614",
        "2021-6",
        "0000",
        "2021W01",
    ],
)
def test_a_bad_date_is_refused_inline_with_an_example(store, date):
    """Is a date that cannot be read refused with an example, adding nothing?"""
    exercise = make(store)
    assert not exercise.add_event(date, "Something", "hard")
    assert exercise.events == []
    assert "2021-06-14" in exercise.problem and "2021-06" in exercise.problem


def test_a_date_after_today_is_refused(store):
    """Is a typo that puts a moment in the future caught?"""
    exercise = make(store)
    assert not exercise.add_event("2062-01", "Typo for 2026", "good")
    assert "after today" in exercise.problem
    assert exercise.add_event("2026-11-23", "Today", "hard")
    assert exercise.add_event("2026-11", "This month", "hard")
    assert exercise.add_event("2026", "This year", "hard")
    assert not exercise.add_event("2026-11-24", "Tomorrow", "hard")


def test_empty_description_and_missing_mark_are_refused(store):
    """Are a moment with no words, or with no mark chosen, refused with a hint?"""
    exercise = make(store)
    add(exercise, "2021", "   ", "good")
    assert "needs a few words" in exercise.problem
    add(exercise, "2021", "Our trip", None)
    assert "needs a mark: good, hard or turning point" in exercise.problem
    assert exercise.events == []
    assert exercise.new_text.value == "Our trip"  # nothing typed is thrown away


def test_moments_can_be_edited_in_place(store):
    """Does typing in a moment's boxes change its date, words and mark?"""
    exercise = make(store)
    exercise.add_event("2019", "We met", "good")
    exercise.edit_event(0, date="2019-05", text="We met at the lake", mark="turning point")
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value == [
        {"date": "2019-05", "text": "We met at the lake", "mark": "turning point"}
    ]
    row = exercise.rows.children[0]
    assert "hw-timeline-mark-turning-point" in row._dom_classes
    assert "hw-timeline-mark-good" not in row._dom_classes


def test_a_refused_edit_keeps_the_last_saved_revision(store):
    """Is a bad date typed into a saved moment refused, leaving the saved answer?"""
    exercise = make(store)
    exercise.add_event("2019-05", "We met", "good")
    exercise.save()
    exercise.row_boxes[0]["date"].value = "May 2019"
    assert "2021-06-14" in exercise.problem
    assert not exercise.dirty and not exercise._debouncer.pending
    assert not exercise.save()
    exercise.row_boxes[0]["text"].value = ""
    assert not exercise.save()
    assert len(store.history(exercise.exercise_id)) == 1
    assert store.latest(exercise.exercise_id).value[0]["date"] == "2019-05"
    exercise.edit_event(0, date="2019-05-02", text="We met")
    assert exercise.problem == ""
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value[0]["date"] == "2019-05-02"


def test_moments_can_be_removed(store):
    """Does Remove take out just that moment?"""
    exercise = make(store)
    for year in ("2019", "2020", "2021"):
        exercise.add_event(year, f"Year {year}", "hard")
    exercise.remove_buttons[1].click()
    assert [event["date"] for event in exercise.value] == ["2019", "2021"]
    assert exercise.row_boxes[1]["date"].description == "Moment 2 date"


def test_sort_by_date_orders_rough_dates_and_keeps_ties_stable(store):
    """Does Sort by date put moments in order, keeping the order of equal dates?"""
    exercise = make(store)
    exercise.add_event("2021-06-14", "C", "hard")
    exercise.add_event("2019", "A", "good")
    exercise.add_event("2021-06", "B1", "turning point")
    exercise.add_event("2020-01-01", "A2", "good")
    exercise.add_event("2021-06", "B2", "hard")
    exercise.sort_button.click()
    assert [event["text"] for event in exercise.value] == ["A", "A2", "B1", "B2", "C"]
    assert [boxes["text"].value for boxes in exercise.row_boxes] == ["A", "A2", "B1", "B2", "C"]
    exercise.save()
    assert [event["text"] for event in store.latest(exercise.exercise_id).value][:3] == [
        "A",
        "A2",
        "B1",
    ]


def test_sorting_keeps_unreadable_dates_at_the_end(store):
    """Does sorting with a half-typed date lose nothing and put it last?"""
    exercise = make(store)
    exercise.add_event("2021", "Later", "hard")
    exercise.add_event("2019", "Earlier", "good")
    exercise.row_boxes[0]["date"].value = "20"
    exercise.sort_by_date()
    assert [event["text"] for event in exercise.events] == ["Earlier", "Later"]


def test_marks_are_shown_as_words(store):
    """Is each mark a word in the menu, never only a colour?"""
    exercise = make(store)
    exercise.add_event("2019", "We met", "good")
    assert exercise.new_mark.options == MARKS == ("good", "hard", "turning point")
    assert exercise.row_boxes[0]["mark"].options == MARKS
    assert exercise.row_boxes[0]["mark"].description == "Moment 1 mark"


def test_row_buttons_and_boxes_name_their_moment(store):
    """Does each Remove button and box say which moment it belongs to?"""
    exercise = make(store)
    exercise.add_event("2019", "We met", "good")
    remove = exercise.remove_buttons[0]
    assert remove.tooltip == "Remove moment 1"
    assert "hw-name-from-tooltip" in remove._dom_classes
    assert exercise.row_boxes[0]["text"].description == "Moment 1"


def test_changes_wait_for_the_debounce(store):
    """Is an edit saved only after the quiet period (or a flush)?"""
    exercise = make(store)
    exercise.add_event("2019", "We met", "good")
    exercise.edit_event(0, text="We met in spring")
    assert exercise.dirty and store.latest(exercise.exercise_id) is None
    exercise.flush()
    assert store.latest(exercise.exercise_id).value[0]["text"] == "We met in spring"
    assert len(store.history(exercise.exercise_id)) == 1


def test_the_timeline_is_capped(store):
    """Is a moment beyond max_items refused?"""
    exercise = make(store, max_items=2)
    assert exercise.add_event("2019", "One", "good")
    assert exercise.add_event("2020", "Two", "good")
    assert not exercise.add_event("2021", "Three", "good")
    assert "up to 2" in exercise.problem
    assert len(exercise.events) == 2


def test_a_huge_paste_is_refused(store):
    """Is a 1 MB paste refused as a moment, and as an edit, keeping the saved text?"""
    exercise = make(store)
    assert not exercise.add_event("2019", "x" * 1_000_000, "good")
    assert str(MAX_TEXT_CHARS) in exercise.problem
    exercise.add_event("2019", "We met", "good")
    exercise.save()
    exercise.edit_event(0, text="y" * 1_000_000)
    assert not exercise.save()
    assert store.latest(exercise.exercise_id).value[0]["text"] == "We met"


def test_markup_emoji_and_rtl_text_are_kept_as_typed(store):
    """Are <script>, emoji and Arabic stored exactly as typed and never put into HTML raw?"""
    text = '<script>alert("x")</script> 💔 افتقدك'
    exercise = make(store, item_label="<i>Moment</i>")
    exercise.add_event("2020-02", text, "hard")
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value[0]["text"] == text
    again = make(store, item_label="<i>Moment</i>")
    assert again.row_boxes[0]["text"].value == text
    for value in html_values(exercise) + html_values(again):
        assert "<script>" not in value and "<i>" not in value


@pytest.mark.parametrize(
    "value",
    [
        None,
        {"date": "2020", "text": "x", "mark": "good"},
        ["2020 we met"],
        [{"date": "2020", "text": "x"}],
        [{"date": "2020", "text": "x", "mark": "good", "extra": 1}],
        [{"date": "yesterday", "text": "x", "mark": "good"}],
        [{"date": 2020, "text": "x", "mark": "good"}],
        [{"date": "2020", "text": "", "mark": "good"}],
        [{"date": "2020", "text": None, "mark": "good"}],
        [{"date": "2020", "text": "x", "mark": "great"}],
        [{"date": "2020", "text": "x", "mark": None}],
        [{"date": "2099", "text": "x", "mark": "good"}],
        [{"date": "2020", "text": "x" * (MAX_TEXT_CHARS + 1), "mark": "good"}],
    ],
)
def test_validate_refuses_malformed_answers(store, value):
    """Does validate() refuse each wrong shape with a plain message?"""
    problem = make(store).validate(value)
    assert isinstance(problem, str) and problem


def test_validate_accepts_good_answers(store):
    """Are an empty timeline and well-formed moments accepted?"""
    exercise = make(store)
    assert exercise.validate([]) is None
    assert exercise.validate([{"date": "2020-02-29", "text": "x", "mark": "turning point"}]) is None


def test_an_invalid_stored_answer_is_shown_as_empty(store):
    """Does a broken stored answer load as an empty timeline, without crashing?"""
    store.save("test-timeline", [{"date": "soon", "text": "x", "mark": "good"}])
    exercise = make(store)
    assert exercise.value == [] and exercise.events == []


def test_read_only_shows_moments_without_editing_controls(store):
    """In a worked example, are moments shown disabled, with no add, sort or remove?"""
    spec = make_spec("timeline", item_label="Moment")
    value = [{"date": "2019", "text": "We met", "mark": "good"}]
    example = TimelineExercise(spec, None, read_only=True, value=value)
    assert example.value == value
    boxes = example.row_boxes[0]
    assert boxes["text"].value == "We met" and boxes["mark"].value == "good"
    assert all(box.disabled for box in boxes.values())
    assert example.remove_buttons == []
    assert len(example.rows.children[0].children[1].children) == 1
    assert example.adder.layout.display == "none"
    assert example.tools.layout.display == "none"
    assert example.save_button not in example.children
    assert not example.save()
    assert store.latest(spec.id) is None


def test_parse_rough_date():
    """Does the date reader return (year, month, day) with 0 for missing parts?"""
    assert parse_rough_date("2021-06-14") == (2021, 6, 14)
    assert parse_rough_date("2021-06") == (2021, 6, 0)
    assert parse_rough_date("2021") == (2021, 0, 0)
    assert parse_rough_date("2021-00") is None
    assert parse_rough_date("٢٠٢١") is None  # digits in another script are not dates here
