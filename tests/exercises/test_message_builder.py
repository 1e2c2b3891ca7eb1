"""Does the message builder assemble a draft to copy, flag slips gently and never send?"""

from __future__ import annotations

import ipywidgets as w
import pytest

from conftest import html_values, make_spec
from widgets.exercises import KINDS
from widgets.exercises.message_builder import (
    MAX_PART_CHARS,
    NOTHING_IS_SENT,
    MessageBuilderExercise,
    compose_draft,
    gentle_checks,
)

FULL = {
    "to": "Sam",
    "observation": "you said you would call on Friday, and you didn't",
    "feeling": "hurt and a little scared",
    "need": "to know where I stand",
    "request": "tell me by Sunday whether you want to talk",
}


def make(store, **options):
    return MessageBuilderExercise(
        make_spec("message_builder", **options), store, debounce_seconds=60
    )


def fill(exercise, answer):
    exercise.to.value = answer.get("to", "")
    for part in ("observation", "feeling", "need", "request"):
        exercise.fields[part].value = answer.get(part, "")


def all_buttons(widget):
    found = [widget] if isinstance(widget, w.Button) else []
    for child in getattr(widget, "children", ()):
        found.extend(all_buttons(child))
    return found


def test_kind_is_registered():
    """Is message_builder found by the kit's discovery?"""
    assert KINDS["message_builder"] is MessageBuilderExercise


def test_parts_are_saved_and_reloaded(store):
    """Do the recipient and four parts come back in a new widget after saving?"""
    exercise = make(store)
    fill(exercise, FULL)
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value == FULL
    again = make(store)
    assert again.value == FULL
    assert again.fields["request"].value == FULL["request"]
    assert again.to.value == "Sam"


def test_draft_is_assembled_live_from_the_parts(store):
    """Does the draft update as the person types, in the NVC order?"""
    exercise = make(store)
    fill(exercise, FULL)
    expected = (
        "Sam,\n\nWhen you said you would call on Friday, and you didn't, I feel hurt and a "
        "little scared, because I need to know where I stand. Would you be willing to tell "
        "me by Sunday whether you want to talk?"
    )
    assert exercise.draft_text() == expected
    assert "Would you be willing to tell me by Sunday" in exercise.draft.value
    assert "All four parts are filled in" in exercise.draft.value


def test_missing_parts_are_left_out_and_named(store):
    """With only some parts filled, does the draft use just those and say which are empty?"""
    exercise = make(store)
    exercise.fields["feeling"].value = "lonely"
    exercise.fields["request"].value = "Could you call me this week."
    assert exercise.draft_text() == "I feel lonely. Could you call me this week?"
    assert exercise.missing_parts() == ["observation", "need"]
    assert "Still empty: observation, need." in exercise.draft.value


def test_empty_builder_shows_a_hint_instead_of_a_draft(store):
    """Before anything is typed, is the draft area a gentle hint?"""
    exercise = make(store)
    assert exercise.draft_text() == ""
    assert "appears here as you fill in the parts" in exercise.draft.value


@pytest.mark.parametrize(
    ("answer", "draft"),
    [
        ({"observation": "When the dishes sat there."}, "I noticed that the dishes sat there."),
        (
            {"observation": "You left", "need": "I need rest"},
            "When you left, I need rest.",
        ),
        (
            {"feeling": "I feel sad", "need": "because I need quiet"},
            "I feel sad, because I need quiet.",
        ),
        ({"request": "Would you be willing to wait?"}, "Would you be willing to wait?"),
        ({"to": "Sam"}, ""),
    ],
)
def test_lead_in_words_are_not_doubled(answer, draft):
    """Does typing "When ..." or "I feel ..." into a part avoid "When when" in the draft?"""
    assert compose_draft(answer) == draft


def test_never_sent_notice_and_no_send_button(store):
    """Does the widget say nothing is sent, and offer no button but Save?"""
    exercise = make(store)
    assert any(NOTHING_IS_SENT in value for value in html_values(exercise))
    assert [button.description for button in all_buttons(exercise)] == ["Save"]


def test_always_and_never_in_the_observation_are_flagged(store):
    """Is "always" in the observation gently flagged, without stopping the save?"""
    exercise = make(store)
    exercise.fields["observation"].value = "You ALWAYS cancel"
    assert "“always” is a summary" in exercise.checks.value
    assert exercise.problem == ""
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value["observation"] == "You ALWAYS cancel"


@pytest.mark.parametrize(
    ("feeling", "expected"),
    [
        ("I feel that you don't care", "describes a thought"),
        ("like you never loved me", "describes a thought"),
        ("abandoned", "“abandoned” says what you believe"),
        ("I feel so betrayed", "“betrayed” says what you believe"),
        ("manipulated", "“manipulated”"),
    ],
)
def test_judgements_named_as_feelings_are_flagged(feeling, expected):
    """Is a judgement written as a feeling met with a suggestion to name the feeling underneath?"""
    tips = gentle_checks({"feeling": feeling})
    assert len(tips) == 1
    assert expected in tips[0]
    assert "hurt" in tips[0]


@pytest.mark.parametrize("request_text", ["you must call me", "You have to give my books back"])
def test_demands_are_flagged(request_text):
    """Is a request phrased as a demand flagged, with the "can say no" reminder?"""
    tips = gentle_checks({"request": request_text})
    assert len(tips) == 1
    assert "can say no" in tips[0]


def test_a_clean_message_has_no_suggestions(store):
    """Does a well-formed message show no gentle check at all?"""
    exercise = make(store)
    fill(exercise, FULL)
    assert gentle_checks(FULL) == []
    assert exercise.checks.value == ""


def test_debounced_autosave_waits_then_saves(store):
    """Is typing saved after the quiet period, as one revision?"""
    exercise = make(store)
    exercise.fields["feeling"].value = "s"
    exercise.fields["feeling"].value = "sad"
    assert exercise.dirty
    assert store.latest(exercise.exercise_id) is None
    exercise.flush()
    assert not exercise.dirty
    history = store.history(exercise.exercise_id)
    assert [revision.value["feeling"] for revision in history] == ["sad"]


def test_recipient_label_comes_from_the_pack(store):
    """Is the "To" field labelled with the pack's recipient_label?"""
    exercise = make(store, recipient_label="Who would read this?")
    assert exercise.to.description == "Who would read this? (optional)"


def test_every_input_has_a_label(store):
    """Does every text box carry a description naming it (with its hint)?"""
    exercise = make(store)
    assert exercise.fields["observation"].description.startswith("Observation: what a camera")
    assert exercise.fields["request"].description == (
        "Request: something the other person can say no to"
    )
    assert all(field.description for field in (exercise.to, *exercise.fields.values()))


def test_read_only_shows_the_answer_disabled_and_never_saves(store):
    """Does a worked example show its parts and draft in disabled boxes, without saving?"""
    exercise = MessageBuilderExercise(
        make_spec("message_builder"), None, read_only=True, value=FULL
    )
    assert exercise.value == FULL
    assert exercise._read() == FULL
    assert all(field.disabled for field in (exercise.to, *exercise.fields.values()))
    assert "Would you be willing to" in exercise.draft.value
    assert exercise.save() is False
    assert exercise.save_button not in exercise.children
    assert all_buttons(exercise) == []


@pytest.mark.parametrize(
    "bad",
    [
        None,
        "a message",
        ["Sam"],
        {"to": "Sam"},
        {**FULL, "extra": "x"},
        {**FULL, "feeling": 3},
        {**FULL, "need": None},
        {**FULL, "to": "x" * 501},
        {**FULL, "observation": "x" * (MAX_PART_CHARS + 1)},
    ],
)
def test_validate_refuses_malformed_answers(store, bad):
    """Is every answer of the wrong shape refused with a message?"""
    assert make(store).validate(bad)


def test_a_malformed_stored_answer_shows_empty(store):
    """Does a broken stored answer leave the builder empty and usable?"""
    store.save("test-message-builder", {"to": 5})
    exercise = make(store)
    assert exercise.value == exercise.empty_value()
    exercise.fields["need"].value = "rest"
    assert exercise.save()


def test_a_huge_paste_is_refused_and_the_saved_answer_survives(store):
    """Is a 1 MB paste refused with a message, keeping the last saved revision?"""
    exercise = make(store)
    fill(exercise, FULL)
    exercise.save()
    exercise.fields["observation"].value = "x" * 1_000_000
    assert "limit is 2,000" in exercise.problem
    assert not exercise._debouncer.pending
    exercise.flush()
    assert not exercise.save()
    assert store.latest(exercise.exercise_id).value == FULL
    assert len(store.history(exercise.exercise_id)) == 1
    assert "x" * 100 not in exercise.draft.value
    exercise.fields["observation"].value = "you didn't call"
    assert exercise.save()
    assert exercise.problem == ""


def test_markup_emoji_and_right_to_left_text_stay_plain_text(store):
    """Are <script>, emoji and Arabic stored as typed and never shown as HTML?"""
    nasty = {
        "to": "<b>Sam</b>",
        "observation": '<script>alert("x")</script> you left 💔',
        "feeling": "حزين",
        "need": "<img src=x onerror=alert(1)>",
        "request": "talk & listen",
    }
    exercise = make(store)
    fill(exercise, nasty)
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value == nasty
    again = make(store)
    assert again.value == nasty
    assert "حزين" in again.draft_text() and "💔" in again.draft_text()
    for value in html_values(again):
        assert "<script" not in value
        assert "<img" not in value
        assert "<b>Sam" not in value
    assert "&lt;script&gt;" in again.draft.value
    assert 'dir="auto"' in again.draft.value
