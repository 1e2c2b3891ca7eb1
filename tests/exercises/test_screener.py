"""Are the PHQ-9 and GAD-7 asked word for word, scored right, and is item 9 answered with help?"""

from __future__ import annotations

import dataclasses

import pytest

import widgets.session
from conftest import html_values, make_spec
from widgets.exercises.screener import CRISIS_MESSAGE, DISCLAIMER, ScreenerExercise
from widgets.screeners import (
    ATTRIBUTION,
    GAD7,
    INSTRUMENTS,
    PHQ9,
    RESPONSE_OPTIONS,
    band,
    get_instrument,
    score,
)

PROFESSIONAL = "A score of 10 or more is a good reason to talk to a professional."


def make(store, instrument="phq9", **kwargs):
    spec = make_spec("screener", f"test-{instrument}", instrument=instrument)
    return ScreenerExercise(spec, store, debounce_seconds=60, **kwargs)


def answer_all(exercise, answers):
    for number, points in enumerate(answers, start=1):
        exercise.radios[number - 1].value = points


def text_of(widget):
    return " ".join(html_values(widget))


# ---------------------------------------------------------------- the instruments


def test_phq9_items_are_the_published_wording():
    """Are the nine PHQ-9 items exactly the published items, in order?"""
    assert PHQ9.items == (
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your "
        "family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    )
    assert PHQ9.stem == (
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    )
    assert PHQ9.crisis_item == 8 and PHQ9.max_score == 27


def test_gad7_items_are_the_published_wording():
    """Are the seven GAD-7 items exactly the published items, in order?"""
    assert GAD7.items == (
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it's hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid as if something awful might happen",
    )
    assert GAD7.stem.startswith("Over the last 2 weeks, how often have you been bothered by")
    assert GAD7.crisis_item is None and GAD7.max_score == 21


def test_response_options_and_attribution():
    """Are the four answers scored 0 to 3 and the Pfizer notice quoted in full?"""
    assert RESPONSE_OPTIONS == (
        ("Not at all", 0),
        ("Several days", 1),
        ("More than half the days", 2),
        ("Nearly every day", 3),
    )
    assert ATTRIBUTION == (
        "PHQ-9 and GAD-7: developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke "
        "and colleagues, with an educational grant from Pfizer Inc. No permission required to "
        "reproduce, translate, display or distribute."
    )
    assert set(INSTRUMENTS) == {"phq9", "gad7"}
    assert get_instrument("gad7") is GAD7 and get_instrument(PHQ9) is PHQ9


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately severe"),
        (19, "moderately severe"),
        (20, "severe"),
        (27, "severe"),
    ],
)
def test_phq9_bands_at_every_boundary(total, expected):
    """Does each PHQ-9 total fall in the published band, on both sides of each cut-off?"""
    assert band("phq9", total) == expected


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ],
)
def test_gad7_bands_at_every_boundary(total, expected):
    """Does each GAD-7 total fall in the published band, on both sides of each cut-off?"""
    assert band("gad7", total) == expected


@pytest.mark.parametrize(("instrument", "total"), [("phq9", 28), ("phq9", -1), ("gad7", 22)])
def test_impossible_totals_have_no_band(instrument, total):
    """Is a total outside the instrument's range refused rather than given a band?"""
    with pytest.raises(ValueError):
        band(instrument, total)


def test_score_adds_the_points_only_when_every_item_is_answered():
    """Is the total the sum of the answers, and None while any item is unanswered?"""
    assert score("phq9", [1, 2, 3, 0, 1, 2, 1, 1, 0]) == 11
    assert score("phq9", [3] * 9) == 27
    assert score("gad7", [0] * 7) == 0
    assert score("phq9", [1, 2, 3, 0, 1, 2, 1, 1, None]) is None
    assert score(GAD7, [None] * 7) is None


@pytest.mark.parametrize("answers", [[0] * 8, [0] * 10, [4] + [0] * 8, [True] + [0] * 8])
def test_score_refuses_malformed_answers(answers):
    """Are a wrong number of answers or impossible points refused?"""
    with pytest.raises(ValueError):
        score("phq9", answers)


# ------------------------------------------------------------------- the widget


def test_each_item_is_a_labelled_radio_group_with_four_answers(store):
    """Does each item offer the four answers and carry the item text as its name?"""
    exercise = make(store)
    assert len(exercise.radios) == 9
    for number, (radio, item) in enumerate(zip(exercise.radios, PHQ9.items, strict=True), 1):
        assert radio.description == f"{number}. {item}"
        assert list(radio.options) == list(RESPONSE_OPTIONS)
        assert radio.value is None
    shown = text_of(exercise)
    assert all(item.replace("'", "&#x27;") in shown for item in PHQ9.items)
    assert PHQ9.stem in shown and ATTRIBUTION in shown


def test_total_and_band_appear_only_when_all_items_are_answered(store):
    """Is the total hidden until the last item is answered, then shown with its band?"""
    exercise = make(store)
    answer_all(exercise, [1, 2, 3, 0, 1, 2, 1, 1])
    assert "Your total is" not in exercise.result.value
    assert "8 of 9 answered" in exercise.result.value
    assert DISCLAIMER in exercise.result.value
    exercise.radios[8].value = 0
    assert exercise.total == 11
    assert "Your total is 11 out of 27, in the moderate range." in exercise.result.value
    assert DISCLAIMER in exercise.result.value
    assert 'role="status"' in exercise.result.value


def test_answers_are_saved_and_reloaded(store):
    """Do the chosen answers come back in a new widget, with their total?"""
    exercise = make(store)
    answer_all(exercise, [0, 1, 2, 3, 0, 1, 2, 3, 0])
    assert exercise.save()
    assert store.latest("test-phq9").value == {"answers": [0, 1, 2, 3, 0, 1, 2, 3, 0]}
    again = make(store)
    assert again.answers == [0, 1, 2, 3, 0, 1, 2, 3, 0]
    assert "Your total is 12 out of 27, in the moderate range." in again.result.value


def test_partial_answers_are_saved_with_nulls(store):
    """Can the person stop half way and find their answers kept?"""
    exercise = make(store, "gad7")
    exercise.answer(1, 2)
    exercise.answer(3, 0)
    assert exercise.save()
    assert store.latest("test-gad7").value == {"answers": [2, None, 0, None, None, None, None]}
    assert make(store, "gad7").answers == [2, None, 0, None, None, None, None]


def test_choosing_an_answer_waits_for_the_debounce(store):
    """Is a click saved after the quiet period rather than at once?"""
    exercise = make(store)
    exercise.answer(1, 1)
    assert exercise.dirty
    assert store.latest("test-phq9") is None
    exercise.flush()
    assert store.latest("test-phq9").value["answers"][0] == 1
    assert not exercise.dirty


def test_gad7_of_ten_or_more_suggests_talking_to_a_professional(store):
    """Does a GAD-7 total of 10 add the suggestion, and 9 not?"""
    exercise = make(store, "gad7")
    answer_all(exercise, [3, 3, 3, 0, 0, 0, 0])
    assert "Your total is 9 out of 21, in the mild range." in exercise.result.value
    assert PROFESSIONAL not in exercise.result.value
    exercise.answer(4, 1)
    assert "Your total is 10 out of 21, in the moderate range." in exercise.result.value
    assert PROFESSIONAL in exercise.result.value


def test_phq9_never_shows_the_gad7_suggestion(store):
    """Is the GAD-7 sentence kept off the PHQ-9 result?"""
    exercise = make(store)
    answer_all(exercise, [2, 2, 2, 2, 2, 0, 0, 0, 0])
    assert "in the moderate range" in exercise.result.value
    assert PROFESSIONAL not in exercise.result.value


# ---------------------------------------------------------------- the safety net


def test_item_9_above_zero_shows_crisis_resources_at_once(store, session):
    """Does any answer above 0 on item 9 show the crisis card before anything else is answered?"""
    exercise = make(store)
    assert not exercise.crisis_shown
    exercise.answer(9, 1)
    assert exercise.crisis_shown
    card = exercise.crisis_card.value
    assert 'role="alert"' in card
    assert CRISIS_MESSAGE in card
    assert "988" in card and "findahelpline.com" in card  # from the pack's resources file
    assert "Your total is" not in exercise.result.value
    assert exercise.children.index(exercise.crisis_card) < exercise.children.index(exercise.result)


@pytest.mark.parametrize("points", [1, 2, 3])
def test_every_answer_above_zero_on_item_9_shows_the_card(store, session, points):
    """Do "Several days", "More than half the days" and "Nearly every day" all show it?"""
    exercise = make(store)
    exercise.answer(9, points)
    assert exercise.crisis_shown and CRISIS_MESSAGE in exercise.crisis_card.value


def test_setting_item_9_back_to_zero_hides_the_card(store, session):
    """Does changing item 9 to "Not at all" hide the card again?"""
    exercise = make(store)
    exercise.answer(9, 2)
    exercise.answer(9, 0)
    assert not exercise.crisis_shown
    assert exercise.crisis_card.value == ""
    exercise.answer(9, 3)
    assert exercise.crisis_shown


def test_card_shows_with_the_total_too(store, session):
    """With every item answered and item 9 above 0, are the card and the total both shown?"""
    exercise = make(store)
    answer_all(exercise, [0, 0, 0, 0, 0, 0, 0, 0, 1])
    assert exercise.crisis_shown
    assert "Your total is 1 out of 27, in the minimal range." in exercise.result.value


def test_card_shows_again_when_the_answer_is_reloaded(store, session):
    """Does a saved answer with item 9 above 0 show the card on the next visit?"""
    store.save("test-phq9", {"answers": [None] * 8 + [2]})
    assert make(store).crisis_shown


def test_other_items_never_show_the_card(store, session):
    """Do high answers on items 1-8 leave the crisis card hidden?"""
    exercise = make(store)
    answer_all(exercise, [3, 3, 3, 3, 3, 3, 3, 3, 0])
    assert not exercise.crisis_shown
    assert "in the severe range" in exercise.result.value


def test_gad7_has_no_crisis_card(store, session):
    """Is the crisis card kept to the PHQ-9's item 9?"""
    exercise = make(store, "gad7")
    answer_all(exercise, [3] * 7)
    assert not exercise.crisis_shown


def test_card_falls_back_to_built_in_resources(store, monkeypatch):
    """If the session cannot give the pack's resources, does the card still list a helpline?"""

    def broken_session():
        raise RuntimeError("no pack here")

    monkeypatch.setattr(widgets.session, "current_session", broken_session)
    exercise = make(store)
    exercise.answer(9, 1)
    assert exercise.crisis_shown
    assert CRISIS_MESSAGE in exercise.crisis_card.value
    assert "findahelpline.com" in exercise.crisis_card.value
    assert "emergency number" in exercise.crisis_card.value


# ------------------------------------------------------------- read-only and bad data


def test_read_only_shows_answers_disabled_and_the_card(session):
    """Does a worked example show its answers in disabled buttons, with no Save, and the card?"""
    value = {"answers": [1, 1, 1, 1, 1, 1, 1, 1, 1]}
    spec = make_spec("screener", instrument="phq9")
    exercise = ScreenerExercise(spec, None, read_only=True, value=value)
    assert exercise.answers == [1] * 9
    assert all(radio.disabled for radio in exercise.radios)
    assert exercise.save_button not in exercise.children
    assert not exercise.save()
    assert exercise.crisis_shown
    assert "Your total is 9 out of 27, in the mild range." in exercise.result.value


@pytest.mark.parametrize(
    "value",
    [
        None,
        [0] * 9,
        {"answers": [0] * 8},
        {"answers": [0] * 10},
        {"answers": [4] + [0] * 8},
        {"answers": [-1] + [0] * 8},
        {"answers": [True] + [0] * 8},
        {"answers": ["1"] + [0] * 8},
        {"answers": [1.5] + [0] * 8},
        {"answers": [0] * 9, "total": 0},
        {"answers": "000000000"},
    ],
)
def test_validate_refuses_malformed_answers(store, value):
    """Is each malformed shape refused with a message?"""
    assert make(store).validate(value)


def test_validate_accepts_the_documented_shape(store):
    """Is {"answers": [0-3 or null, ...]} accepted?"""
    assert make(store).validate({"answers": [0, 1, None, 3, 2, None, 0, 0, 1]}) is None


def test_an_invalid_stored_answer_is_shown_empty_and_kept(store):
    """Does a broken stored answer show an empty questionnaire, without being overwritten?"""
    store.save("test-phq9", {"answers": [9] * 9})
    exercise = make(store)
    assert exercise.answers == [None] * 9
    assert not exercise.crisis_shown
    assert len(store.history("test-phq9")) == 1
    assert store.latest("test-phq9").value == {"answers": [9] * 9}


def test_pack_text_with_markup_is_escaped(store, session):
    """Is a pack title with <script> shown as text, never as markup?"""
    spec = make_spec("screener", "test-phq9", instrument="phq9")
    spec = dataclasses.replace(spec, title="<script>alert(1)</script> 💔 قلبي")
    exercise = ScreenerExercise(spec, store, debounce_seconds=60)
    exercise.answer(9, 1)
    for value in html_values(exercise):
        assert "<script" not in value
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 💔 قلبي" in text_of(exercise)
