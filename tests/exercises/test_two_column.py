"""Can the person fill two lists, and does the kind card follow once both have a line?"""

from __future__ import annotations

import pytest

from conftest import html_values, make_spec
from widgets.exercises import KINDS
from widgets.exercises.two_column import MAX_ITEM_CHARS, TwoColumnExercise

CARD = {"card_title": "A kind word for yourself", "card_text": "This is hard. Be gentle."}


def make(store, **options):
    values = {"left_label": "Honest downsides", "right_label": "What I gain", **options}
    return TwoColumnExercise(make_spec("two_column", **values), store, debounce_seconds=60)


def add(exercise, side, *items):
    column = exercise.columns[side]
    for item in items:
        column.new_item.value = item
        column.add_button.click()


def test_the_kind_is_registered():
    """Is the two-column table found by the kit under its kind name?"""
    assert KINDS["two_column"] is TwoColumnExercise


def test_both_columns_are_saved_and_reloaded(store):
    """Do lines added to each column come back in their own column after a reload?"""
    exercise = make(store)
    add(exercise, "left", "We argued about money", "I felt unseen")
    add(exercise, "right", "Time for my friends")
    assert exercise.columns["left"].new_item.value == ""
    assert exercise.save()
    expected = {
        "left": ["We argued about money", "I felt unseen"],
        "right": ["Time for my friends"],
    }
    assert store.latest(exercise.exercise_id).value == expected
    again = make(store)
    assert again.value == expected
    assert [text.value for text in again.columns["right"].texts] == ["Time for my friends"]


def test_lines_can_be_edited_in_place(store):
    """Does typing in a line's box change that line?"""
    exercise = make(store)
    add(exercise, "right", "Sleep")
    exercise.edit_item("right", 0, "Sleep in on Sundays")
    exercise.save()
    assert store.latest(exercise.exercise_id).value == {
        "left": [],
        "right": ["Sleep in on Sundays"],
    }


def test_lines_can_be_removed(store):
    """Does Remove take out just that line, from just that column?"""
    exercise = make(store)
    add(exercise, "left", "A", "B", "C")
    add(exercise, "right", "B")
    exercise.columns["left"].rows.children[1].children[1].click()
    assert exercise.value == {"left": ["A", "C"], "right": ["B"]}


def test_card_appears_once_both_columns_have_a_line(store):
    """Is the self-compassion card hidden until both columns hold something?"""
    exercise = make(store, **CARD)
    assert not exercise.card_shown
    add(exercise, "left", "Hurtful jokes")
    assert not exercise.card_shown
    add(exercise, "right", "Peace at home")
    assert exercise.card_shown
    assert "A kind word for yourself" in exercise.card.value
    assert "This is hard. Be gentle." in exercise.card.value
    exercise.remove_item("right", 0)
    assert not exercise.card_shown


def test_card_is_shown_again_after_a_reload(store):
    """Does a reloaded answer with both columns filled show the card straight away?"""
    exercise = make(store, **CARD)
    add(exercise, "left", "A")
    add(exercise, "right", "B")
    exercise.save()
    assert make(store, **CARD).card_shown


def test_no_card_without_card_text(store):
    """Is no card shown when the pack gives no card text?"""
    exercise = make(store, card_title="Only a title")
    add(exercise, "left", "A")
    add(exercise, "right", "B")
    assert not exercise.card_shown


def test_blanked_lines_do_not_count_for_the_card(store):
    """Does emptying the only line of a column hide the card again?"""
    exercise = make(store, **CARD)
    add(exercise, "left", "A")
    add(exercise, "right", "B")
    exercise.edit_item("right", 0, "   ")
    assert not exercise.card_shown
    assert exercise.value == {"left": ["A"], "right": []}


def test_empty_line_is_refused_with_a_message(store):
    """Is pressing Add with an empty box answered with a hint naming the column?"""
    exercise = make(store)
    add(exercise, "right", "   ")
    assert exercise.value == {"left": [], "right": []}
    assert exercise.problem == "Type something under “What I gain” first, then press Add."


def test_each_column_is_capped(store):
    """Is a line beyond max_rows refused, keeping the list?"""
    exercise = make(store, max_rows=2)
    add(exercise, "left", "1", "2", "3")
    assert exercise.columns["left"].items == ["1", "2"]
    assert "up to 2" in exercise.problem
    add(exercise, "right", "still room here")
    assert exercise.columns["right"].items == ["still room here"]


def test_a_huge_paste_is_refused_and_the_saved_answer_survives(store):
    """Is a 1 MB paste refused, as a new line and as an edit, keeping the last save?"""
    exercise = make(store)
    add(exercise, "left", "x" * 1_000_000)
    assert exercise.columns["left"].items == []
    assert str(MAX_ITEM_CHARS) in exercise.problem
    add(exercise, "left", "Real line")
    exercise.save()
    exercise.edit_item("left", 0, "y" * 1_000_000)
    assert "your last save is safe" in exercise.problem
    assert not exercise.save()
    assert store.latest(exercise.exercise_id).value == {"left": ["Real line"], "right": []}
    assert len(store.history(exercise.exercise_id)) == 1


def test_changes_wait_for_the_debounce(store):
    """Is a change saved only after the quiet period (or a flush), as one revision?"""
    exercise = make(store)
    add(exercise, "left", "A")
    add(exercise, "right", "B")
    assert exercise.dirty and store.latest(exercise.exercise_id) is None
    exercise.flush()
    assert [r.value for r in store.history(exercise.exercise_id)] == [
        {"left": ["A"], "right": ["B"]}
    ]


def test_markup_emoji_and_rtl_text_are_kept_as_typed(store):
    """Are <script>, emoji and Arabic kept exactly, and labels and card text escaped?"""
    text = '<script>alert("x")</script> 💔 افتقدك'
    options = {
        "left_label": "<b>Left</b>",
        "card_title": "<script>t</script>",
        "card_text": "<img src=x onerror=alert(1)>",
    }
    exercise = make(store, **options)
    add(exercise, "left", text)
    add(exercise, "right", "שלום 🌱")
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value == {"left": [text], "right": ["שלום 🌱"]}
    again = make(store, **options)
    assert again.columns["left"].texts[0].value == text
    assert again.card_shown
    for value in html_values(exercise) + html_values(again):
        assert "<script>" not in value and "<b>" not in value and "<img" not in value
    assert "&lt;img src=x onerror=alert(1)&gt;" in again.card.value


def test_buttons_and_boxes_name_their_column(store):
    """Does each box and button say which column (and line) it belongs to?"""
    exercise = make(store)
    add(exercise, "left", "A")
    left = exercise.columns["left"]
    assert left.new_item.description == "Add to “Honest downsides”"
    assert left.add_button.tooltip == "Add to “Honest downsides”"
    assert left.texts[0].description == "Honest downsides, line 1"
    remove = left.rows.children[0].children[1]
    assert remove.tooltip == "Remove line 1 from “Honest downsides”"
    assert "hw-name-from-tooltip" in remove._dom_classes


def test_columns_wrap_to_stack_on_a_phone(store):
    """Are the columns in a wrapping row, each at least 18em wide, so they stack at 390px?"""
    exercise = make(store)
    table = exercise.children[1]
    assert table.layout.flex_flow == "row wrap"
    assert [column.box.layout.flex for column in exercise.columns.values()] == ["1 1 18em"] * 2


@pytest.mark.parametrize(
    "value",
    [
        None,
        [],
        ["a", "b"],
        {"left": []},
        {"left": [], "right": [], "middle": []},
        {"left": "a", "right": []},
        {"left": [1], "right": []},
        {"left": [], "right": [None]},
        {"left": ["x" * (MAX_ITEM_CHARS + 1)], "right": []},
        {"left": [str(n) for n in range(31)], "right": []},
    ],
)
def test_validate_refuses_malformed_answers(store, value):
    """Does validate() refuse each wrong shape with a plain message?"""
    problem = make(store).validate(value)
    assert isinstance(problem, str) and problem


def test_an_invalid_stored_answer_is_shown_as_empty(store):
    """Does a broken stored answer load as two empty columns, without crashing?"""
    store.save("test-two-column", {"left": "oops"})
    exercise = make(store)
    assert exercise.value == {"left": [], "right": []}


def test_read_only_shows_both_columns_without_editing_controls(store):
    """In a worked example, are lines shown disabled, with no add or remove, and the card?"""
    spec = make_spec("two_column", left_label="L", right_label="R", **CARD)
    value = {"left": ["Shouting"], "right": ["Quiet evenings"]}
    example = TwoColumnExercise(spec, None, read_only=True, value=value)
    assert example.value == value
    for column in example.columns.values():
        assert column.adder.layout.display == "none"
        assert all(text.disabled for text in column.texts)
        assert len(column.rows.children[0].children) == 1
    assert example.card_shown
    assert example.save_button not in example.children
    assert not example.save()
    assert store.latest(spec.id) is None
