"""Can a rating be set by typing a number, and is an untouched scale left unanswered?"""

from __future__ import annotations

from conftest import make_spec
from widgets.exercises import ScaleExercise


def make(store, **options):
    return ScaleExercise(make_spec("scale", **options), store, debounce_seconds=60)


def test_untouched_scale_has_no_answer(store):
    """Is a scale nobody touched saved as no answer rather than 0?"""
    exercise = make(store)
    assert exercise.value is None
    assert "Not rated yet" in exercise.unset_note.value


def test_number_box_sets_the_rating_and_moves_the_slider(store):
    """Does typing 7 in the number box save 7 and move the slider (no dragging needed)?"""
    exercise = make(store)
    exercise.number.value = "7"
    assert exercise.slider.value == 7
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value == 7
    reloaded = make(store)
    assert reloaded.number.value == "7" and reloaded.slider.value == 7
    assert reloaded.unset_note.value == ""


def test_slider_sets_the_rating_and_the_number(store):
    """Does moving the slider update the number box too?"""
    exercise = make(store)
    exercise.slider.value = 3
    assert exercise.number.value == "3"
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value == 3


def test_zero_is_a_real_answer(store):
    """Can 0 be chosen on purpose, by typing it in the empty box, and saved as 0?"""
    exercise = make(store)
    assert exercise.number.value == ""  # empty until rated: typing 0 is a change
    exercise.number.value = "0"
    assert exercise.value == 0 and exercise.slider.value == 0
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value == 0


def test_typing_a_number_out_of_range_is_explained(store):
    """Is "12" or "a lot" in the box refused with the range, and emptying it unrates?"""
    exercise = make(store)
    for typed in ("12", "a lot", "-1", "2.5", "²", "①", "9" * 5000):
        exercise.number.value = typed
        assert exercise.problem == "Choose a whole number from 0 to 10."
        assert not exercise.save()
    exercise.number.value = ""
    assert exercise.value is None and exercise.problem == ""
    assert "Not rated yet" in exercise.unset_note.value


def test_out_of_range_values_are_refused(store):
    """Is a stored or forced value outside 0-10 refused with a message?"""
    exercise = make(store)
    assert exercise.validate(11) == "Choose a number from 0 to 10."
    assert exercise.validate(True) == "Choose a whole number."
    store.save(exercise.exercise_id, 42)
    assert make(store).value is None


def test_custom_range_from_the_pack(store):
    """Does a scale defined as 1 to 5 in the pack use that range?"""
    exercise = make(store, min=1, max=5)
    assert (exercise.slider.min, exercise.slider.max) == (1, 5)
    assert exercise.number.description == "Number (1 to 5)"


def test_end_labels_are_escaped(store):
    """Are the scale's end labels shown as text?"""
    exercise = make(store, low_label="<i>calm</i>")
    html = "".join(
        getattr(child, "value", "")
        for child in exercise.children
        if isinstance(getattr(child, "value", None), str)
    )
    assert "<i>calm</i>" not in html and "&lt;i&gt;calm&lt;/i&gt;" in html


def test_emptying_the_box_moves_the_slider_back(store):
    exercise = make(store)
    exercise.number.value = "7"
    exercise.number.value = ""
    assert exercise.slider.value == 0 and exercise.value is None
