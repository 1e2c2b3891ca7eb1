"""Does the journal keep any text safely, and does its writing timer behave?"""

from __future__ import annotations

from conftest import make_spec
from widgets.exercises import JournalExercise, WritingTimer
from widgets.exercises.journal import MAX_CHARS


def make(store, **options):
    return JournalExercise(make_spec("journal", **options), store, debounce_seconds=60)


def test_typed_text_is_saved_and_reloaded(store):
    """Does text typed into the box come back in a new widget?"""
    first = make(store)
    first.text.value = "Line one\nLine two"
    assert first.save()
    assert make(store).text.value == "Line one\nLine two"


def test_html_emoji_and_right_to_left_text_are_kept_as_typed(store):
    """Are markup, emoji and Arabic stored exactly as typed, not interpreted?"""
    text = '<script>alert("x")</script> <img src=x onerror=alert(1)> 💔 قلبي'
    exercise = make(store)
    exercise.text.value = text
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value == text
    assert make(store).text.value == text


def test_a_huge_paste_is_refused_and_the_saved_text_survives(store):
    """Is a 1 MB paste refused with a message, leaving the last save intact?"""
    exercise = make(store)
    exercise.text.value = "my real entry"
    exercise.save()
    exercise.text.value = "x" * 1_000_000
    assert not exercise.save()
    assert "limit" in exercise.problem and f"{MAX_CHARS:,}" in exercise.problem
    assert store.latest(exercise.exercise_id).value == "my real entry"
    exercise.text.value = "my real entry, shorter now"
    assert exercise.save()
    assert exercise.problem == ""


def test_timer_is_offered_only_when_the_pack_asks(store):
    """Is the writing timer shown only for exercises with timer_minutes?"""
    assert make(store).timer is None
    timed = make(store, timer_minutes=15)
    assert isinstance(timed.timer, WritingTimer)
    assert timed.timer in timed.children
    assert timed.timer.button.description == "Start a 15-minute timer"


def test_timer_counts_down_and_ends_kindly():
    """Does the timer report minutes left and end with a gentle message?"""
    now = [0.0]
    timer = WritingTimer(15, clock=lambda: now[0])
    timer.start()
    assert timer.running and "15 minutes left" in timer.readout.value
    now[0] = 14 * 60 + 1
    timer.tick()
    assert "1 minute left" in timer.readout.value
    now[0] = 15 * 60
    timer.tick()
    assert not timer.running
    assert "Time is up" in timer.readout.value
    assert timer.button.description == "Start a 15-minute timer"


def test_timer_can_be_stopped_early():
    """Can the person stop the timer whenever they like?"""
    timer = WritingTimer(15, clock=lambda: 0.0)
    timer.button.click()
    assert timer.running
    timer.button.click()
    assert not timer.running and "stopped" in timer.readout.value
