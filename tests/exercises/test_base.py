"""Do all exercise kinds load, save on change, on Save and at exit, and show their status?"""

from __future__ import annotations

import threading

import pytest

from conftest import make_spec, walk
from widgets.exercises import KINDS, Debouncer, JournalExercise
from widgets.exercises import _base as base
from widgets.store import StoreError


def journal(store, clock, **kwargs):
    return JournalExercise(make_spec("journal"), store, debounce_seconds=60, clock=clock, **kwargs)


def test_change_waits_for_the_debounce_then_saves_once(store, clock):
    """Do several quick changes become one revision after the quiet period?"""
    exercise = journal(store, clock)
    for text in ("I", "I miss", "I miss them"):
        exercise.text.value = text
    assert exercise.dirty and exercise._debouncer.pending
    assert store.latest(exercise.exercise_id) is None
    exercise.flush()  # what the timer does when the quiet period ends
    assert [r.value for r in store.history(exercise.exercise_id)] == ["I miss them"]
    assert exercise.status == "Saved at 21:14"
    assert not exercise.dirty


def test_save_button_saves_at_once(store, clock):
    """Does pressing Save store the answer without waiting?"""
    exercise = journal(store, clock)
    exercise.text.value = "Tonight was hard."
    exercise.save_button.click()
    assert store.latest(exercise.exercise_id).value == "Tonight was hard."
    assert not exercise._debouncer.pending


def test_unchanged_answer_is_not_saved_twice(store, clock):
    """Does pressing Save again without changes add no revision?"""
    exercise = journal(store, clock)
    exercise.text.value = "Same words"
    exercise.save()
    exercise.save()
    assert len(store.history(exercise.exercise_id)) == 1


def test_each_changed_save_is_a_new_revision(store, clock):
    """Is every saved change kept as its own revision?"""
    exercise = journal(store, clock)
    for text in ("one", "two", "three"):
        exercise.text.value = text
        exercise.save()
    assert [r.value for r in store.history(exercise.exercise_id)] == ["one", "two", "three"]


def test_a_new_widget_shows_the_latest_answer(store, clock):
    """After a reload (a new widget), is the last saved answer shown with its time?"""
    store.save("test-journal", "older")
    store.save("test-journal", "newest")
    exercise = journal(store, clock)
    assert exercise.text.value == "newest"
    assert exercise.status.startswith("Saved at ")
    assert not exercise.dirty


def test_pending_saves_are_flushed_when_the_kernel_exits(store, clock):
    """Does the exit hook save what was typed in the last second before the tab closed?"""
    exercise = journal(store, clock)
    exercise.text.value = "typed just before closing"
    base._flush_pending_saves()
    assert store.latest(exercise.exercise_id).value == "typed just before closing"


def test_store_failure_keeps_the_text_and_says_so(store, clock):
    """If the store fails, is the text kept on screen with a clear message?"""
    exercise = journal(store, clock)
    store.close()
    exercise.text.value = "do not lose me"
    assert exercise.save() is False
    assert exercise.text.value == "do not lose me"
    assert "could not be saved" in exercise.problem
    assert "do not lose me" not in exercise.problem
    assert exercise.dirty


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_read_only_mode_shows_a_value_and_never_saves(kind, store):
    """Can every kind show a worked example read-only, without a store?"""
    example = KINDS[kind].example_answer
    exercise = KINDS[kind](make_spec(kind), None, read_only=True, value=example)
    assert exercise.value == example
    assert exercise._read() == example
    assert exercise.save() is False
    assert "Worked example" in exercise.children[0].value
    assert exercise.save_button not in exercise.children


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_prompt_text_is_escaped(kind, store):
    """Is pack text shown as text, never as HTML?"""
    exercise = KINDS[kind](make_spec(kind), store, debounce_seconds=60)
    header = exercise.children[0].value
    assert "<b>prompt</b>" not in header
    assert "&lt;b&gt;prompt&lt;/b&gt;" in header


def test_status_line_is_a_live_region(store, clock):
    """Is the "Saved" status announced to screen readers (role=status)?"""
    exercise = journal(store, clock)
    exercise.text.value = "x"
    exercise.save()
    assert 'role="status"' in exercise._status_line.value
    assert "hw-status" in exercise._status_line._dom_classes


def test_saving_exercise_needs_a_store():
    """Is building a saving exercise without a store refused?"""
    with pytest.raises(ValueError, match="needs a store"):
        JournalExercise(make_spec("journal"), None)


def test_corrupt_saved_value_starts_empty_instead_of_crashing(store, clock):
    """Does a saved value of the wrong shape leave the widget usable and empty?"""
    store.save("test-journal", {"not": "text"})
    exercise = journal(store, clock)
    assert exercise.text.value == ""
    exercise.text.value = "fresh"
    assert exercise.save()


def test_debouncer_runs_once_after_the_last_trigger():
    """Do rapid triggers collapse into a single call after the delay?"""
    calls = []
    done = threading.Event()
    debouncer = Debouncer(0.05, lambda: (calls.append(1), done.set()))
    for _ in range(5):
        debouncer.trigger()
    assert done.wait(5)
    assert calls == [1]
    assert not debouncer.pending


def test_debouncer_flush_and_cancel():
    """Does flush run a pending call now, and cancel drop it?"""
    calls = []
    debouncer = Debouncer(60, lambda: calls.append(1))
    debouncer.flush()
    assert calls == []
    debouncer.trigger()
    debouncer.flush()
    assert calls == [1]
    debouncer.trigger()
    debouncer.cancel()
    debouncer.flush()
    assert calls == [1]


def test_store_error_is_a_clear_message(store, clock, monkeypatch):
    """Does a StoreError from the store reach the person as a kind message?"""
    exercise = journal(store, clock)

    def fail(*_args):
        raise StoreError("could not save test-journal: disk I/O error")

    monkeypatch.setattr(store, "save", fail)
    exercise.text.value = "words"
    assert not exercise.save()
    assert "Keep this page open" in exercise.problem


@pytest.mark.parametrize(
    ("kind", "add", "controls"),
    [
        ("list_builder", lambda e: e.add_item("Max"), lambda e: e.row_texts),
        ("timeline", lambda e: e.add_event("2021", "We met", "good"), lambda e: e.row_boxes),
        ("boundary_builder", lambda e: e.add_boundary("digital", "No calls"), lambda e: e.cards),
        (
            "activity_planner",
            lambda e: e.add_activity("A walk", "2026-11-24", None),
            lambda e: e.row_widgets,
        ),
        ("two_column", lambda e: e.add_item("left", "Fun"), lambda e: e.columns["left"].texts),
    ],
)
def test_row_controls_follow_the_rows_after_the_last_is_removed(kind, add, controls, store):
    """With the last row removed, does the kind hold no closed controls of old rows?"""
    exercise = KINDS[kind](make_spec(kind), store, debounce_seconds=60)
    add(exercise)
    add(exercise)
    assert len(controls(exercise)) == 2
    for _ in range(2):
        next(b for b in walk(exercise) if getattr(b, "description", "") == "Remove").click()
    assert controls(exercise) == []
    add(exercise)
    assert len(controls(exercise)) == 1 and controls(exercise)[0] is not None
