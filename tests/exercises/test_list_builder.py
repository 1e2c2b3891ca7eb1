"""Can the person add, edit, remove and reorder list items, and is bad input refused?"""

from __future__ import annotations

import pytest

from conftest import make_spec
from widgets.exercises import ListBuilderExercise
from widgets.exercises.list_builder import MAX_ITEM_CHARS


def make(store):
    return ListBuilderExercise(make_spec("list_builder"), store, debounce_seconds=60)


def add(exercise, *items):
    for item in items:
        exercise.new_item.value = item
        exercise.add_button.click()


def test_added_items_are_saved_and_reloaded(store):
    """Do items added with the Add button come back in order after a reload?"""
    exercise = make(store)
    add(exercise, "Max", "My sister")
    assert exercise.new_item.value == ""
    assert exercise.save()
    again = make(store)
    assert again.items == ["Max", "My sister"]
    assert [text.value for text in again.row_texts] == ["Max", "My sister"]


def test_items_can_be_edited_in_place(store):
    """Does typing in an item's box change that item?"""
    exercise = make(store)
    add(exercise, "Max", "Mum")
    exercise.edit_item(1, "Mum (after 6pm)")
    exercise.save()
    assert store.latest(exercise.exercise_id).value == ["Max", "Mum (after 6pm)"]


def test_items_can_be_reordered_with_up_and_down(store):
    """Do the Up and Down buttons move items, and stop at the ends?"""
    exercise = make(store)
    add(exercise, "A", "B", "C")
    up_button_of_c = exercise.rows.children[2].children[1]
    up_button_of_c.click()
    assert exercise.items == ["A", "C", "B"]
    exercise.move_item(0, -1)  # already first: nothing happens
    assert exercise.items == ["A", "C", "B"]
    assert exercise.rows.children[0].children[1].disabled  # Up on the first row
    assert exercise.rows.children[2].children[2].disabled  # Down on the last row
    exercise.save()
    assert store.latest(exercise.exercise_id).value == ["A", "C", "B"]


def test_items_can_be_removed(store):
    """Does Remove take out just that item?"""
    exercise = make(store)
    add(exercise, "A", "B", "C")
    exercise.rows.children[1].children[3].click()
    assert exercise.items == ["A", "C"]


def test_empty_item_is_refused_with_a_message(store):
    """Is pressing Add with an empty box answered with a hint, adding nothing?"""
    exercise = make(store)
    add(exercise, "   ")
    assert exercise.items == []
    assert "Type a person first" in exercise.problem


def test_list_is_capped(store):
    """Is an item beyond the pack's max_items refused, keeping the list?"""
    exercise = make(store)
    add(exercise, *[f"Friend {n}" for n in range(6)])
    assert len(exercise.items) == 5
    assert "up to 5" in exercise.problem


def test_overlong_item_is_refused(store):
    """Is a pasted essay refused as a list item?"""
    exercise = make(store)
    add(exercise, "y" * (MAX_ITEM_CHARS + 1))
    assert exercise.items == []
    assert str(MAX_ITEM_CHARS) in exercise.problem


def test_buttons_have_descriptive_tooltips(store):
    """Does each row button say which item it acts on?"""
    exercise = make(store)
    add(exercise, "Max")
    tips = [button.tooltip for button in exercise.rows.children[0].children[1:]]
    assert tips == ["Move person 1 up", "Move person 1 down", "Remove person 1"]


def test_read_only_list_has_no_editing_controls():
    """In a worked example, are the add box and row buttons absent?"""
    exercise = ListBuilderExercise(make_spec("list_builder"), None, read_only=True, value=["Max"])
    assert exercise.adder.layout.display == "none"
    assert exercise.row_texts[0].disabled
    assert len(exercise.rows.children[0].children) == 1


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Person", "person"),
        ("Place or thing", "place or thing"),
        ("I am…", "I am…"),
        ("I learned…", "I learned…"),
        ("I would like help with", "I would like help with"),
        ("GP question", "GP question"),
    ],
)
def test_item_label_keeps_its_capitals_where_a_sentence_would(store, label, expected):
    """Does "I am…" stay "I am…" in "New I am…", while "Person" becomes "New person"?"""
    spec = make_spec("list_builder", item_label=label)
    exercise = ListBuilderExercise(spec, store, debounce_seconds=60)
    assert exercise.new_item.description == f"New {expected}"
