"""Does the unsent letter keep the letter safely, greet by name, and never offer to send?"""

from __future__ import annotations

import ipywidgets as w
import pytest

from conftest import html_values, make_spec, walk
from widgets.exercises import KINDS
from widgets.exercises.unsent_letter import MAX_CHARS, MAX_TO_CHARS, UnsentLetterExercise

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def make(store, **options):
    return UnsentLetterExercise(make_spec("unsent_letter", **options), store, debounce_seconds=60)


def test_kind_is_registered():
    """Is unsent_letter found by the kit's discovery?"""
    assert KINDS["unsent_letter"] is UnsentLetterExercise


def test_letter_is_saved_and_reloaded(store):
    """Do the recipient and the letter come back in a new widget?"""
    exercise = make(store)
    exercise.to.value = "Sam"
    exercise.text.value = "I am angry.\n\nI am also letting go."
    assert exercise.save()
    expected = {"to": "Sam", "text": "I am angry.\n\nI am also letting go."}
    assert store.latest(exercise.exercise_id).value == expected
    again = make(store)
    assert again.value == expected
    assert again.to.value == "Sam"
    assert again.text.value == expected["text"]
    assert "Dear Sam," in again.greeting.value


def test_greeting_follows_the_name_as_it_is_typed(store):
    """Does the "Dear …," line update as the person types the name?"""
    exercise = make(store)
    assert exercise.greeting_text() == "Dear …,"
    exercise.to.value = "S"
    assert exercise.greeting_text() == "Dear S,"
    exercise.to.value = "  Sam   Jones "
    assert exercise.greeting_text() == "Dear Sam Jones,"
    assert "Dear Sam Jones," in exercise.greeting.value
    exercise.to.value = ""
    assert exercise.greeting_text() == "Dear …,"


def test_recipient_label_and_reminder_come_from_the_pack(store):
    """Are the pack's recipient_label and reminder shown (escaped)?"""
    exercise = make(store, recipient_label="To <whom>?", reminder="Never sent & <b>private</b>.")
    assert exercise.to.description == "To <whom>?"  # a description is plain text
    assert "Never sent &amp; &lt;b&gt;private&lt;/b&gt;." in exercise.reminder.value
    assert exercise.reminder in exercise.children


def test_the_default_reminder_says_it_is_never_sent(store):
    """Without a pack reminder, does the page still say the letter is never sent?"""
    exercise = make(store)
    assert "This letter is never sent" in exercise.reminder.value


def test_there_is_no_send_button(store):
    """Is Save the only button, so nothing can ever be sent?"""
    exercise = make(store)
    buttons = [item for item in walk(exercise) if isinstance(item, w.Button)]
    assert [button.description for button in buttons] == ["Save"]
    assert not any("send" in b.tooltip.lower() for b in buttons if b.tooltip)


def test_changes_wait_for_the_debounce_then_save(store):
    """Is an edit marked unsaved, then stored when the debounced save runs?"""
    exercise = make(store)
    exercise.text.value = "Dear me"
    assert exercise.dirty
    assert store.latest(exercise.exercise_id) is None
    exercise.flush()
    assert not exercise.dirty
    assert store.latest(exercise.exercise_id).value == {"to": "", "text": "Dear me"}


def test_a_letter_without_a_recipient_can_be_saved(store):
    """Is the "To" box optional?"""
    exercise = make(store)
    exercise.text.value = "To whoever needs this."
    assert exercise.save()
    assert exercise.problem == ""


def test_a_huge_paste_is_refused_and_the_saved_letter_survives(store):
    """Is a 1 MB paste refused with a message, leaving the last save intact?"""
    exercise = make(store)
    exercise.to.value = "Sam"
    exercise.text.value = "the real letter"
    assert exercise.save()
    exercise.text.value = "x" * 1_000_000
    assert not exercise.save()
    exercise.flush()
    assert f"{MAX_CHARS:,}" in exercise.problem
    assert store.latest(exercise.exercise_id).value == {"to": "Sam", "text": "the real letter"}
    exercise.text.value = "the real letter, shorter"
    assert exercise.save()
    assert exercise.problem == ""


def test_a_long_recipient_is_refused(store):
    """Is a "To" line over 500 characters refused, keeping the last save?"""
    exercise = make(store)
    exercise.to.value = "Sam"
    assert exercise.save()
    exercise.to.value = "S" * (MAX_TO_CHARS + 1)
    assert str(MAX_TO_CHARS) in exercise.problem
    assert not exercise.save()
    assert store.latest(exercise.exercise_id).value["to"] == "Sam"
    assert exercise.greeting_text() == "Dear …,"  # the paste is not echoed into the page


def test_markup_emoji_and_right_to_left_text_are_kept_and_escaped(store):
    """Are <script>, emoji and Arabic stored as typed and never shown as HTML?"""
    exercise = make(store)
    exercise.to.value = SCRIPT
    exercise.text.value = f"{SCRIPT} 💔 قلبي"
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value == {
        "to": SCRIPT,
        "text": f"{SCRIPT} 💔 قلبي",
    }
    again = make(store)
    assert again.text.value == f"{SCRIPT} 💔 قلبي"
    for widget in (exercise, again):
        values = html_values(widget)
        assert not any("<script" in value or "<img" in value for value in values)
        assert "Dear &lt;script&gt;" in widget.greeting.value


def test_right_to_left_name_in_the_greeting(store):
    """Is an Arabic name shown in a greeting marked dir=auto?"""
    exercise = make(store)
    exercise.to.value = "ليلى"
    assert exercise.greeting_text() == "Dear ليلى,"
    assert 'dir="auto"' in exercise.greeting.value


def test_read_only_shows_the_letter_disabled_and_never_saves():
    """Does a worked example show its letter in disabled boxes with no Save?"""
    value = {"to": "Me, at the start", "text": "You will be okay."}
    spec = make_spec("unsent_letter")
    example = UnsentLetterExercise(spec, None, read_only=True, value=value)
    assert example.to.value == "Me, at the start"
    assert example.text.value == "You will be okay."
    assert "Dear Me, at the start," in example.greeting.value
    assert example.to.disabled and example.text.disabled
    assert example.save_button not in example.children
    assert not example.save()


@pytest.mark.parametrize(
    "bad",
    [
        None,
        "a letter",
        ["Sam", "text"],
        {"to": "Sam"},
        {"text": "hi"},
        {"to": "Sam", "text": "hi", "sent": True},
        {"to": None, "text": "hi"},
        {"to": "Sam", "text": 5},
        {"to": "S" * (MAX_TO_CHARS + 1), "text": "hi"},
        {"to": "Sam", "text": "x" * (MAX_CHARS + 1)},
    ],
)
def test_validate_refuses_malformed_answers(store, bad):
    """Does validate() refuse each wrong shape with a message?"""
    assert make(store).validate(bad)


def test_a_malformed_stored_answer_is_shown_empty(store):
    """Does a broken stored answer load as an empty letter instead of crashing?"""
    store.save("test-unsent-letter", {"to": 3})
    exercise = make(store)
    assert exercise.value == {"to": "", "text": ""}
    assert exercise.greeting_text() == "Dear …,"
