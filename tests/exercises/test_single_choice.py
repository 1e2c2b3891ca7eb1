"""Does a single choice save one option and refuse anything else?"""

from __future__ import annotations

from conftest import make_spec
from widgets.exercises import SingleChoiceExercise


def make(store):
    return SingleChoiceExercise(make_spec("single_choice"), store, debounce_seconds=60)


def test_nothing_is_chosen_at_first(store):
    """Does the list start with no option picked?"""
    assert make(store).choice.value is None


def test_choice_is_saved_and_reloaded(store):
    """Is the picked option saved and picked again after a reload?"""
    exercise = make(store)
    exercise.choice.value = "Walk"
    assert exercise.save()
    assert make(store).choice.value == "Walk"


def test_changing_the_choice_adds_a_revision(store):
    """Does picking another option keep the earlier one in history?"""
    exercise = make(store)
    exercise.choice.value = "Walk"
    exercise.save()
    exercise.choice.value = "Rest"
    exercise.save()
    assert [r.value for r in store.history(exercise.exercise_id)] == ["Walk", "Rest"]


def test_an_option_no_longer_in_the_pack_is_not_shown(store):
    """If a facilitator removed the saved option, does the widget start unpicked?"""
    store.save("test-single-choice", "Dance")
    exercise = make(store)
    assert exercise.choice.value is None
    assert exercise.validate("Dance") == "Choose one of the options shown."
