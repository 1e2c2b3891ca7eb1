"""Does the self-distancing journal rewrite its question in the chosen voice and keep the text?"""

from __future__ import annotations

import pytest

from conftest import html_values, make_spec
from widgets.exercises import KINDS
from widgets.exercises.distanced_journal import (
    MAX_CHARS,
    MAX_NAME_CHARS,
    NAME_HINT,
    DistancedJournalExercise,
)

OPTIONS = {
    "prompt_you": "What happened, and how do you feel now?",
    "prompt_name": "What happened to {name}, and how does {name} feel now?",
    "placeholder": "Write freely.",
}
SCRIPT = '<script>alert("x")</script><b>bold</b>'


def make(store, **options):
    spec = make_spec("distanced_journal", **{**OPTIONS, **options})
    return DistancedJournalExercise(spec, store, debounce_seconds=60)


def test_kind_is_registered():
    """Is distanced_journal found by the kit's discovery?"""
    assert KINDS["distanced_journal"] is DistancedJournalExercise


def test_starts_in_the_first_person(store):
    """Does a fresh exercise ask the pack's own prompt, with the name box hidden?"""
    exercise = make(store)
    assert exercise.voice.value == "I"
    assert exercise.shown_prompt == "Answer this <b>prompt</b>."
    assert "Answer this &lt;b&gt;prompt&lt;/b&gt;." in exercise.children[0].value
    assert exercise.name_row.layout.display == "none"
    assert exercise.value == {"text": "", "voice": "I", "name": ""}


def test_the_question_is_asked_once_last_in_the_header(store):
    """Is the question shown once, after the help, in the voice chosen now?"""
    exercise = make(store)
    header = exercise.children[0].value
    everything = "".join(html_values(exercise))
    assert everything.count("Answer this &lt;b&gt;prompt") == 1
    assert header.index("Some help.") < header.index("Answer this &lt;b&gt;prompt")
    exercise.voice.value = "you"
    everything = "".join(html_values(exercise))
    assert "Answer this" not in everything
    assert everything.count(OPTIONS["prompt_you"]) == 1
    assert exercise.children[0].value.startswith('<h3 class="hw-exercise-title">A distanced')


def test_choosing_you_rewrites_the_prompt(store):
    """Does "you" show the pack's prompt_you above the box and as its label?"""
    exercise = make(store)
    exercise.voice.value = "you"
    assert exercise.shown_prompt == OPTIONS["prompt_you"]
    assert OPTIONS["prompt_you"] in exercise.children[0].value
    assert exercise.text.description == OPTIONS["prompt_you"]
    assert exercise.name_row.layout.display == "none"


def test_choosing_my_name_shows_the_name_box_and_uses_the_name(store):
    """Does "my name" show the name box and put the typed name into the prompt?"""
    exercise = make(store)
    exercise.voice.value = "name"
    assert exercise.name_row.layout.display is None
    exercise.name_box.value = "Maya"
    assert exercise.shown_prompt == "What happened to Maya, and how does Maya feel now?"
    assert "how does Maya feel" in exercise.children[0].value
    assert exercise.text.description == exercise.shown_prompt
    assert exercise.name_hint.value == ""


def test_an_empty_name_falls_back_to_you_and_asks_for_a_name(store):
    """With "my name" but no name yet, is the "you" prompt shown with a hint?"""
    exercise = make(store)
    exercise.voice.value = "name"
    assert exercise.shown_prompt == OPTIONS["prompt_you"]
    assert NAME_HINT in exercise.name_hint.value
    exercise.name_box.value = "   "
    assert exercise.shown_prompt == OPTIONS["prompt_you"]
    assert NAME_HINT in exercise.name_hint.value


def test_braces_in_the_name_are_not_a_template(store):
    """Is a name like "{name}" or "{0}" put in literally, without crashing?"""
    exercise = make(store)
    exercise.voice.value = "name"
    exercise.name_box.value = "{0} {name}"
    assert exercise.shown_prompt == (
        "What happened to {0} {name}, and how does {0} {name} feel now?"
    )


def test_text_voice_and_name_are_saved_and_reloaded(store):
    """Do the writing, the voice and the name come back in a new widget?"""
    exercise = make(store)
    exercise.voice.value = "name"
    exercise.name_box.value = "Maya"
    exercise.text.value = "Maya was tired.\nMaya is getting there."
    assert exercise.save()
    expected = {"text": "Maya was tired.\nMaya is getting there.", "voice": "name", "name": "Maya"}
    assert store.latest(exercise.exercise_id).value == expected
    again = make(store)
    assert again.value == expected
    assert again.voice.value == "name"
    assert again.name_box.value == "Maya"
    assert again.text.value == expected["text"]
    assert again.shown_prompt == "What happened to Maya, and how does Maya feel now?"


def test_changes_wait_for_the_debounce_then_save(store):
    """Is an edit marked unsaved, then stored when the debounced save runs?"""
    exercise = make(store)
    exercise.voice.value = "you"
    exercise.text.value = "You did your best."
    assert exercise.dirty
    assert store.latest(exercise.exercise_id) is None
    exercise.flush()
    assert not exercise.dirty
    assert store.latest(exercise.exercise_id).value == {
        "text": "You did your best.",
        "voice": "you",
        "name": "",
    }


def test_a_long_name_is_refused_and_the_saved_answer_survives(store):
    """Is a name over 60 characters refused with a message, keeping the last save?"""
    exercise = make(store)
    exercise.voice.value = "name"
    exercise.name_box.value = "Maya"
    exercise.text.value = "first"
    assert exercise.save()
    exercise.name_box.value = "M" * (MAX_NAME_CHARS + 1)
    assert str(MAX_NAME_CHARS) in exercise.problem
    assert not exercise.save()
    exercise.flush()
    assert store.latest(exercise.exercise_id).value["name"] == "Maya"
    assert exercise.shown_prompt == OPTIONS["prompt_you"]  # never a 61-character prompt
    exercise.name_box.value = "M" * MAX_NAME_CHARS
    assert exercise.problem == ""
    assert exercise.save()


def test_a_huge_paste_is_refused_and_the_saved_text_survives(store):
    """Is a 1 MB paste refused with a message, leaving the last save intact?"""
    exercise = make(store)
    exercise.text.value = "my real entry"
    assert exercise.save()
    exercise.text.value = "x" * 1_000_000
    assert not exercise.save()
    assert f"{MAX_CHARS:,}" in exercise.problem
    assert store.latest(exercise.exercise_id).value["text"] == "my real entry"
    exercise.text.value = "shorter now"
    assert exercise.save()
    assert exercise.problem == ""


def test_markup_emoji_and_right_to_left_text_are_kept_and_escaped(store):
    """Are <script>, emoji and Arabic stored as typed and never shown as HTML?"""
    exercise = make(store)
    exercise.voice.value = "name"
    exercise.name_box.value = SCRIPT
    exercise.text.value = f"{SCRIPT} 💔 قلبي"
    assert exercise.save()
    saved = store.latest(exercise.exercise_id).value
    assert saved == {"text": f"{SCRIPT} 💔 قلبي", "voice": "name", "name": SCRIPT}
    again = make(store)
    assert again.text.value == f"{SCRIPT} 💔 قلبي"
    for widget in (exercise, again):
        values = html_values(widget)
        assert not any("<script" in value or "<b>bold" in value for value in values)
        assert any("&lt;script&gt;" in value for value in values)


def test_right_to_left_name_reads_in_its_own_direction(store):
    """Is the prompt marked dir=auto so an Arabic name is laid out correctly?"""
    exercise = make(store)
    exercise.voice.value = "name"
    exercise.name_box.value = "ليلى"
    assert "ليلى" in exercise.shown_prompt
    assert 'dir="auto"' in exercise.children[0].value


def test_read_only_shows_the_answer_disabled_and_never_saves(store):
    """Does a worked example show its answer in disabled controls with no Save?"""
    value = {"text": "You were brave.", "voice": "you", "name": ""}
    spec = make_spec("distanced_journal", **OPTIONS)
    example = DistancedJournalExercise(spec, None, read_only=True, value=value)
    assert example.text.value == "You were brave."
    assert example.voice.value == "you"
    assert example.shown_prompt == OPTIONS["prompt_you"]
    assert example.text.disabled and example.voice.disabled and example.name_box.disabled
    assert example.save_button not in example.children
    example.text.value = "changed"
    assert not example.save()
    assert store.latest(example.exercise_id) is None


@pytest.mark.parametrize(
    "bad",
    [
        None,
        "just text",
        ["text"],
        {"text": "a", "voice": "I"},
        {"text": "a", "voice": "I", "name": "", "extra": 1},
        {"text": 3, "voice": "I", "name": ""},
        {"text": "a", "voice": "they", "name": ""},
        {"text": "a", "voice": "I", "name": None},
        {"text": "a", "voice": "I", "name": "n" * (MAX_NAME_CHARS + 1)},
        {"text": "x" * (MAX_CHARS + 1), "voice": "I", "name": ""},
    ],
)
def test_validate_refuses_malformed_answers(store, bad):
    """Does validate() refuse each wrong shape with a message?"""
    assert make(store).validate(bad)


def test_a_malformed_stored_answer_is_shown_empty(store):
    """Does a broken stored answer load as an empty journal instead of crashing?"""
    store.save("test-distanced-journal", {"text": "a", "voice": "they"})
    exercise = make(store)
    assert exercise.value == {"text": "", "voice": "I", "name": ""}
    assert exercise.text.value == ""
