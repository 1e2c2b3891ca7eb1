"""Does the guided flow move card by card, pause kindly, resume, and never lose an answer?"""

from __future__ import annotations

import pytest

from conftest import html_values, make_spec
from widgets.exercises import KINDS
from widgets.exercises.guided_flow import MAX_CHARS, RESUME_NOTE, GuidedFlowExercise

CARDS = (
    {"title": "Recall", "text": "Think of one hurt.", "prompt": "What happened?"},
    {"title": "Empathize", "text": "What was going on for them?", "prompt": "Their side"},
    {"title": "Breathe", "text": "Take a slow breath. <Nothing> to write here.", "prompt": ""},
    {"title": "Commit", "text": "Put your choice into words.", "prompt": "My choice"},
    {"title": "Hold on", "text": "Old anger may come back.", "prompt": "When it does"},
)
FINISH = "You have been through all five parts."
NOT_READY = "That is okay. Forgiveness cannot be forced."
SCRIPT = '<script>alert("x")</script><b>bold</b>'


def spec(**options):
    values = {"cards": CARDS, "finish_text": FINISH, "not_ready_text": NOT_READY}
    return make_spec("guided_flow", **{**values, **options})


def make(store, **options):
    return GuidedFlowExercise(spec(**options), store, debounce_seconds=60)


def shown_cards(exercise):
    return [
        number
        for number, box in enumerate(exercise.card_boxes, start=1)
        if box.layout.display != "none"
    ]


def saved(store, exercise):
    return store.latest(exercise.exercise_id).value


def test_kind_is_registered():
    """Is guided_flow found by the kit's discovery?"""
    assert KINDS["guided_flow"] is GuidedFlowExercise


def test_starts_on_the_first_card_with_back_disabled(store):
    """Does a fresh flow show card 1 of 5 only, with Back disabled and Next offered?"""
    exercise = make(store)
    assert shown_cards(exercise) == [1]
    assert "Card 1 of 5: Recall" in exercise.card_boxes[0].children[0].value
    assert exercise.back_button.disabled
    assert exercise.next_button.description == "Next"
    assert exercise.nav.layout.display is None
    assert exercise.finish_box.layout.display == "none"
    assert exercise.value == {"position": 1, "answers": {}, "state": "in progress"}


def test_next_and_back_move_between_cards(store):
    """Do the Next and Back buttons move one card and announce the new card?"""
    exercise = make(store)
    exercise.next_button.click()
    assert exercise.position == 2
    assert shown_cards(exercise) == [2]
    assert not exercise.back_button.disabled
    assert "Card 2 of 5: Empathize" in exercise.announce.value
    exercise.back_button.click()
    assert exercise.position == 1
    assert exercise.back_button.disabled
    exercise.previous_card()  # already first: nothing happens
    assert exercise.position == 1


def test_a_card_without_a_prompt_has_no_box(store):
    """Does a card with no prompt show its text but no text box?"""
    exercise = make(store)
    assert sorted(exercise.answer_boxes) == [1, 2, 4, 5]
    third = exercise.card_boxes[2]
    assert len(third.children) == 1
    assert "Take a slow breath." in third.children[0].value


def test_answers_are_saved_by_card_number_and_reloaded(store):
    """Are answers stored under card numbers from 1, as text, and shown again?"""
    exercise = make(store)
    exercise.answer_boxes[1].value = "They lied."
    exercise.next_card()
    exercise.answer_boxes[2].value = "They were scared."
    assert exercise.save()
    assert saved(store, exercise) == {
        "position": 2,
        "answers": {"1": "They lied.", "2": "They were scared."},
        "state": "in progress",
    }
    again = make(store)
    assert again.position == 2
    assert shown_cards(again) == [2]
    assert again.answer_boxes[1].value == "They lied."
    assert again.answer_boxes[2].value == "They were scared."


def test_back_never_loses_an_answer(store):
    """After going back and forward again, is every answer still there?"""
    exercise = make(store)
    exercise.answer_boxes[1].value = "one"
    exercise.next_card()
    exercise.answer_boxes[2].value = "two"
    exercise.previous_card()
    exercise.previous_card()
    assert exercise.answer_boxes[1].value == "one"
    exercise.next_card()
    assert exercise.answer_boxes[2].value == "two"
    exercise.flush()
    assert saved(store, exercise)["answers"] == {"1": "one", "2": "two"}


def test_moving_between_cards_is_saved_after_the_debounce(store):
    """Is a move to another card marked unsaved, then stored by the debounced save?"""
    exercise = make(store)
    exercise.next_card()
    assert exercise.dirty
    assert store.latest(exercise.exercise_id) is None
    exercise.flush()
    assert not exercise.dirty
    assert saved(store, exercise)["position"] == 2


def test_not_ready_saves_the_place_as_paused_and_speaks_kindly(store):
    """Does "Not ready yet" save the card with state paused and show the pack's words?"""
    exercise = make(store)
    exercise.next_card()
    exercise.answer_boxes[2].value = "not sure"
    exercise.not_ready_button.click()
    assert saved(store, exercise) == {
        "position": 2,
        "answers": {"2": "not sure"},
        "state": "paused",
    }
    assert NOT_READY in exercise.note.value
    assert shown_cards(exercise) == [2]
    assert not exercise.dirty


def test_not_ready_is_offered_on_every_card(store):
    """Is "Not ready yet" available on the first, middle and last card?"""
    exercise = make(store)
    seen = []
    for _ in range(5):
        assert exercise.nav.layout.display is None
        assert exercise.not_ready_button in exercise.nav.children
        assert not exercise.not_ready_button.disabled
        seen.append(exercise.position)
        if exercise.position < 5:
            exercise.next_card()
    assert seen == [1, 2, 3, 4, 5]


def test_coming_back_resumes_at_the_paused_card(store):
    """After a pause, does a reload open at the saved card with a welcome-back note?"""
    exercise = make(store)
    exercise.next_card()
    exercise.next_card()
    exercise.not_ready()
    again = make(store)
    assert again.position == 3
    assert again.flow_state == "paused"
    assert shown_cards(again) == [3]
    assert RESUME_NOTE in again.note.value
    again.next_card()
    assert again.flow_state == "in progress"
    assert again.note.value == ""
    again.flush()
    assert saved(store, again)["state"] == "in progress"
    assert saved(store, again)["position"] == 4


def test_writing_after_a_pause_means_carrying_on(store):
    """Does typing on a paused card set the state back to in progress?"""
    exercise = make(store)
    exercise.not_ready()
    exercise.answer_boxes[1].value = "okay, a little"
    assert exercise.flow_state == "in progress"
    exercise.flush()
    assert saved(store, exercise)["state"] == "in progress"


def test_last_card_offers_finish_and_shows_the_finish_text(store):
    """Does Next become Finish on the last card, saving state finished with the pack's words?"""
    exercise = make(store)
    for _ in range(4):
        exercise.next_card()
    assert exercise.next_button.description == "Finish"
    exercise.next_button.click()
    assert exercise.flow_state == "finished"
    assert saved(store, exercise) == {"position": 5, "answers": {}, "state": "finished"}
    assert exercise.finish_box.layout.display is None
    assert FINISH in exercise.finish_box.children[0].value
    assert exercise.nav.layout.display == "none"
    assert shown_cards(exercise) == []
    again = make(store)
    assert again.finish_box.layout.display is None
    assert shown_cards(again) == []


def test_start_again_keeps_earlier_answers(store):
    """Does "Start again" return to card 1 with every answer still there?"""
    exercise = make(store)
    exercise.answer_boxes[1].value = "first time"
    for _ in range(4):
        exercise.next_card()
    exercise.answer_boxes[5].value = "I will reread this"
    exercise.finish()
    exercise.start_again_button.click()
    assert exercise.position == 1
    assert exercise.flow_state == "in progress"
    assert shown_cards(exercise) == [1]
    assert exercise.answer_boxes[1].value == "first time"
    exercise.flush()
    assert saved(store, exercise) == {
        "position": 1,
        "answers": {"1": "first time", "5": "I will reread this"},
        "state": "in progress",
    }


def test_a_huge_paste_is_refused_and_the_saved_answer_survives(store):
    """Is a 1 MB paste on a card refused with a message, keeping the last save?"""
    exercise = make(store)
    exercise.answer_boxes[1].value = "real answer"
    assert exercise.save()
    exercise.answer_boxes[1].value = "x" * 1_000_000
    assert "card 1" in exercise.problem and f"{MAX_CHARS:,}" in exercise.problem
    exercise.next_card()
    assert not exercise.save()
    exercise.not_ready()
    assert saved(store, exercise) == {
        "position": 1,
        "answers": {"1": "real answer"},
        "state": "in progress",
    }
    exercise.answer_boxes[1].value = "shorter"
    assert exercise.save()
    assert exercise.problem == ""


def test_markup_emoji_and_right_to_left_text_are_kept_and_escaped(store):
    """Are <script>, emoji and Arabic answers stored as typed and never shown as HTML?"""
    exercise = make(store)
    answer = f"{SCRIPT} 💔 قلبي"
    exercise.answer_boxes[1].value = answer
    exercise.not_ready()
    assert saved(store, exercise)["answers"] == {"1": answer}
    again = make(store)
    assert again.answer_boxes[1].value == answer
    for widget in (exercise, again):
        assert not any("<script" in value or "<b>" in value for value in html_values(widget))


def test_pack_text_is_escaped(store):
    """Are card titles, texts and closing words from the pack shown as text, not HTML?"""
    cards = (
        {"title": "<i>One</i>", "text": "<script>x</script>", "prompt": "<b>?</b>"},
        {"title": "Two", "text": "Fine & well"},
    )
    exercise = make(store, cards=cards, finish_text="<u>done</u>", not_ready_text="<em>ok</em>")
    exercise.not_ready()
    exercise.finish()
    values = " ".join(html_values(exercise))
    assert "<i>" not in values and "<script" not in values and "<u>" not in values
    assert "&lt;i&gt;One&lt;/i&gt;" in values
    assert "Fine &amp; well" in values
    assert exercise.answer_boxes[1].description == "<b>?</b>"  # plain-text label


def test_read_only_shows_every_card_with_answers_and_no_buttons():
    """Does a worked example show all cards, answers in disabled boxes, and no nav or Save?"""
    value = {
        "position": 3,
        "answers": {"1": "They left.", "4": "I choose peace."},
        "state": "paused",
    }
    example = GuidedFlowExercise(spec(), None, read_only=True, value=value)
    assert shown_cards(example) == [1, 2, 3, 4, 5]
    assert example.answer_boxes[1].value == "They left."
    assert example.answer_boxes[4].value == "I choose peace."
    assert all(box.disabled for box in example.answer_boxes.values())
    assert example.nav.layout.display == "none"
    assert example.finish_box.layout.display == "none"
    assert example.save_button not in example.children
    assert example.note.value == ""
    example.next_card()
    example.not_ready()
    assert example.position == 3
    assert not example.save()


@pytest.mark.parametrize(
    "bad",
    [
        None,
        [],
        "card 2",
        {"position": 1, "answers": {}},
        {"position": 1, "answers": {}, "state": "in progress", "extra": 0},
        {"position": "2", "answers": {}, "state": "in progress"},
        {"position": True, "answers": {}, "state": "in progress"},
        {"position": 0, "answers": {}, "state": "in progress"},
        {"position": 6, "answers": {}, "state": "in progress"},
        {"position": 1, "answers": {}, "state": "done"},
        {"position": 1, "answers": ["a"], "state": "in progress"},
        {"position": 1, "answers": {"0": "a"}, "state": "in progress"},
        {"position": 1, "answers": {"6": "a"}, "state": "in progress"},
        {"position": 1, "answers": {"01": "a"}, "state": "in progress"},
        {"position": 1, "answers": {"1": 5}, "state": "in progress"},
        {"position": 1, "answers": {"1": "x" * (MAX_CHARS + 1)}, "state": "in progress"},
    ],
)
def test_validate_refuses_malformed_answers(store, bad):
    """Does validate() refuse each wrong shape with a message?"""
    assert make(store).validate(bad)


def test_a_malformed_stored_answer_is_shown_as_a_fresh_start(store):
    """Does a broken stored answer load as card 1 with nothing written, instead of crashing?"""
    store.save("test-guided-flow", {"position": 9, "answers": {}, "state": "paused"})
    exercise = make(store)
    assert exercise.value == {"position": 1, "answers": {}, "state": "in progress"}
    assert shown_cards(exercise) == [1]


def test_an_answer_on_a_card_without_a_box_is_kept(store):
    """If the pack drops a card's prompt, is that card's stored answer saved back untouched?"""
    store.save("test-guided-flow", {"position": 3, "answers": {"3": "old"}, "state": "paused"})
    exercise = make(store)
    exercise.answer_boxes[1].value = "new"
    assert exercise.save()
    assert saved(store, exercise)["answers"] == {"1": "new", "3": "old"}
