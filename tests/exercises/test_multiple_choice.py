"""Does a checklist save the ticked options in order?"""

from __future__ import annotations

from conftest import make_spec
from widgets.exercises import MultipleChoiceExercise


def make(store):
    return MultipleChoiceExercise(make_spec("multiple_choice"), store, debounce_seconds=60)


def tick(exercise, *labels):
    for box in exercise.boxes:
        if box.description in labels:
            box.value = True


def test_ticked_options_are_saved_in_list_order(store):
    """Are ticks saved in the order the options are listed, whatever the click order?"""
    exercise = make(store)
    tick(exercise, "Relieved")
    tick(exercise, "Sad")
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value == ["Sad", "Relieved"]


def test_ticks_come_back_after_reload(store):
    """Are the same boxes ticked in a new widget?"""
    exercise = make(store)
    tick(exercise, "Numb", "Angry")
    exercise.save()
    again = make(store)
    assert [box.description for box in again.boxes if box.value] == ["Angry", "Numb"]


def test_unticking_everything_is_a_saved_answer(store):
    """Is clearing every tick saved as an empty list (not ignored)?"""
    exercise = make(store)
    tick(exercise, "Sad")
    exercise.save()
    exercise.boxes[0].value = False
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value == []


def test_unknown_saved_options_are_refused(store):
    """Is a saved value with options not in the list treated as no answer?"""
    store.save("test-multiple-choice", ["Sad", "Ecstatic"])
    assert make(store).value == []
