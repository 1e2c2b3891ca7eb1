"""Can the person tick feelings, set how strong each is, and is bad input refused?"""

from __future__ import annotations

import pytest

from conftest import html_values, make_spec
from widgets.exercises import KINDS
from widgets.exercises.feelings_picker import DEFAULT_INTENSITY, FeelingsPickerExercise

FAMILIES = (
    {"name": "Sadness", "colour": "#4a7bd0", "words": ("Sad", "Lonely", "Heartbroken")},
    {"name": "Relief", "colour": "#2f7d5b", "words": ("Relieved", "Calm")},
)


def make(store, families=FAMILIES, **kwargs):
    spec = make_spec("feelings_picker", families=families)
    return FeelingsPickerExercise(spec, store, debounce_seconds=60, **kwargs)


def test_the_kind_is_registered():
    """Is the feelings picker found by the kit under its kind name?"""
    assert KINDS["feelings_picker"] is FeelingsPickerExercise


def test_ticked_words_with_strengths_are_saved_and_reloaded(store):
    """Do ticked words and their strengths come back in a new widget?"""
    exercise = make(store)
    exercise.words["Sad"].box.value = True
    exercise.words["Sad"].number.value = 7
    exercise.choose("Relieved", 3)
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value == {"Sad": 7, "Relieved": 3}
    again = make(store)
    assert again.value == {"Sad": 7, "Relieved": 3}
    assert again.words["Sad"].box.value and again.words["Sad"].number.value == 7
    assert again.words["Sad"].slider.value == 7
    assert not again.words["Lonely"].box.value


def test_a_ticked_word_starts_in_the_middle(store):
    """Does ticking a word give it strength 5 until the person changes it?"""
    exercise = make(store)
    exercise.words["Calm"].box.value = True
    assert exercise.value == {"Calm": DEFAULT_INTENSITY}


def test_unchosen_words_have_no_strength_controls(store):
    """Are the strength controls shown only for ticked words?"""
    exercise = make(store)
    assert exercise.words["Sad"].row.layout.display == "none"
    exercise.choose("Sad", 4)
    assert exercise.words["Sad"].row.layout.display is None
    assert exercise.words["Lonely"].row.layout.display == "none"


def test_unticking_a_word_removes_it(store):
    """Does un-ticking a word take it (and its strength) out of the answer?"""
    exercise = make(store)
    exercise.choose("Sad", 8)
    exercise.choose("Lonely", 6)
    exercise.unchoose("Sad")
    assert exercise.value == {"Lonely": 6}
    assert exercise.words["Sad"].row.layout.display == "none"
    exercise.save()
    assert store.latest(exercise.exercise_id).value == {"Lonely": 6}
    exercise.words["Sad"].box.value = True  # ticked again: starts fresh
    assert exercise.value["Sad"] == DEFAULT_INTENSITY


def test_slider_and_number_box_move_together(store):
    """Does moving the slider change the number box, and typing change the slider?"""
    exercise = make(store)
    exercise.choose("Heartbroken", 5)
    exercise.words["Heartbroken"].slider.value = 9
    assert exercise.words["Heartbroken"].number.value == 9
    assert exercise.value == {"Heartbroken": 9}
    exercise.words["Heartbroken"].number.value = 2
    assert exercise.words["Heartbroken"].slider.value == 2
    assert exercise.value == {"Heartbroken": 2}


def test_summary_line_lists_choices(store):
    """Does the live summary say the chosen words and strengths in plain words?"""
    exercise = make(store)
    assert "nothing yet" in exercise.summary.value
    exercise.choose("Sad", 7)
    exercise.choose("Relieved", 3)
    assert "Sad 7, Relieved 3" in exercise.summary.value
    exercise.set_intensity("Sad", 6)
    assert "Sad 6, Relieved 3" in exercise.summary.value


def test_each_family_shows_its_name_beside_its_colour(store):
    """Is every colour swatch paired with the family name in words?"""
    exercise = make(store)
    html = "".join(html_values(exercise))
    for family in FAMILIES:
        assert family["colour"] in html
        assert f"</span>{family['name']}</h4>" in html


def test_every_word_and_number_box_is_labelled(store):
    """Does each checkbox, number box and slider have a description naming its word?"""
    exercise = make(store)
    for word, control in exercise.words.items():
        assert control.box.description == word
        assert word in control.number.description and "1 to 10" in control.number.description
        assert word in control.slider.description


def test_changes_wait_for_the_debounce(store):
    """Is a change saved only after the quiet period (or a flush), as one revision?"""
    exercise = make(store)
    exercise.choose("Sad", 4)
    exercise.set_intensity("Sad", 6)
    assert exercise.dirty
    assert store.latest(exercise.exercise_id) is None
    exercise.flush()
    assert [r.value for r in store.history(exercise.exercise_id)] == [{"Sad": 6}]
    assert not exercise.dirty


def test_out_of_range_strength_is_refused(store):
    """Is a strength outside 1-10 refused, keeping what was saved?"""
    exercise = make(store)
    exercise.choose("Sad", 7)
    exercise.save()
    assert not exercise.set_intensity("Sad", 11)
    assert "from 1 to 10" in exercise.problem
    assert not exercise.choose("Calm", 0)
    assert exercise.value == {"Sad": 7}
    exercise.words["Sad"].number.value = 42  # the number box itself keeps to 1-10
    assert exercise.words["Sad"].number.value == 10
    assert store.latest(exercise.exercise_id).value == {"Sad": 7}


def test_strength_of_an_unticked_word_is_refused(store):
    """Is setting a strength for a word that is not ticked answered with a hint?"""
    exercise = make(store)
    assert not exercise.set_intensity("Sad", 4)
    assert "Tick the feeling first" in exercise.problem
    assert exercise.value == {}


def test_unknown_word_is_refused(store):
    """Is a word that is not on the lists refused?"""
    exercise = make(store)
    assert not exercise.choose("Hangry", 5)
    assert exercise.problem == "Choose a feeling from the lists shown."


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (["Sad"], "pair each chosen feeling"),
        ("Sad", "pair each chosen feeling"),
        (None, "pair each chosen feeling"),
        ({"Hangry": 5}, "from the lists shown"),
        ({"Sad": 0}, "from 1 to 10"),
        ({"Sad": 11}, "from 1 to 10"),
        ({"Sad": 5.5}, "from 1 to 10"),
        ({"Sad": True}, "from 1 to 10"),
        ({"Sad": "7"}, "from 1 to 10"),
        ({"Sad": None}, "from 1 to 10"),
    ],
)
def test_validate_refuses_malformed_answers(store, value, message):
    """Does validate() refuse each wrong shape with a plain message?"""
    problem = make(store).validate(value)
    assert problem is not None and message in problem


def test_validate_accepts_good_answers(store):
    """Are no feelings, and chosen feelings 1-10, accepted?"""
    exercise = make(store)
    assert exercise.validate({}) is None
    assert exercise.validate({"Sad": 1, "Calm": 10}) is None


def test_an_invalid_stored_answer_is_shown_as_empty(store):
    """Does a broken stored answer load as nothing chosen, without crashing?"""
    store.save("test-feelings-picker", {"Sad": 99})
    exercise = make(store)
    assert exercise.value == {}
    assert not any(control.box.value for control in exercise.words.values())


def test_read_only_shows_the_answer_in_disabled_controls(store):
    """Does a worked example show its feelings, disabled, and never save?"""
    spec = make_spec("feelings_picker", families=FAMILIES)
    example = FeelingsPickerExercise(spec, None, read_only=True, value={"Lonely": 8})
    assert example.words["Lonely"].box.value and example.words["Lonely"].number.value == 8
    assert all(c.box.disabled and c.number.disabled for c in example.words.values())
    assert all(c.slider.disabled for c in example.words.values())
    assert example.save_button not in example.children
    assert not example.save()
    assert "Lonely 8" in example.summary.value
    assert store.latest(spec.id) is None


def test_pack_text_with_markup_emoji_and_rtl_is_shown_as_text(store):
    """Are a family name and words with <script>, emoji and Arabic escaped, and saved as is?"""
    families = (
        {
            "name": "<script>alert(1)</script>",
            "colour": "#4a7bd0",
            "words": ("💔 حزين", "<b>x</b>"),
        },
        {"name": "Calm & clear", "colour": "#2f7d5b", "words": ("Calm", "Okay")},
    )
    exercise = make(store, families=families)
    exercise.choose("💔 حزين", 9)
    exercise.choose("<b>x</b>", 2)
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value == {"💔 حزين": 9, "<b>x</b>": 2}
    assert make(store, families=families).value == {"💔 حزين": 9, "<b>x</b>": 2}
    html = "".join(html_values(exercise))
    assert "<script>" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert "💔 حزين 9" in html and "Calm &amp; clear" in html


def test_a_bad_colour_never_reaches_the_page(store):
    """Is a colour that is not #rrggbb replaced, so it cannot inject style or markup?"""
    families = (
        {"name": "A", "colour": 'red" onmouseover="x', "words": ("One", "Two")},
        {"name": "B", "colour": "#2f7d5b", "words": ("Three", "Four")},
    )
    html = "".join(html_values(make(store, families=families)))
    assert "onmouseover" not in html
