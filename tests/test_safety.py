"""Does crisis language in anything a person writes bring a calm card, and only then?

The corpus in fixtures/crisis_corpus.yaml was written separately from the patterns.
Its recall and false-alarm rate are printed at the end of the run and held to the
targets: recall at least 0.95, false alarms at most 0.10.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import widgets as wb
from conftest import make_spec
from widgets.content import load_pack
from widgets.exercises import JournalExercise, MultipleChoiceExercise
from widgets.safety import SafetyNet, crisis_card_html, find_crisis_language, texts_in

CORPUS = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "crisis_corpus.yaml").read_text(encoding="utf-8")
)
#: Figures for the terminal summary (conftest prints them).
DETECTION_FIGURES: dict[str, str] = {}


@pytest.fixture(scope="module")
def pack():
    return load_pack(Path(__file__).parent.parent / "data")


@pytest.fixture(scope="module")
def patterns(pack):
    return pack.crisis_patterns


def test_corpus_is_big_enough():
    """Are there at least 60 phrases of each kind, none in both lists?"""
    assert len(CORPUS["should_trigger"]) >= 60
    assert len(CORPUS["should_not_trigger"]) >= 60
    assert not set(CORPUS["should_trigger"]) & set(CORPUS["should_not_trigger"])


def test_recall_and_false_alarms_meet_their_targets(patterns):
    """Recall at least 0.95 on crisis phrases; false alarms at most 0.10 on the rest."""
    found = [bool(find_crisis_language(t, patterns)) for t in CORPUS["should_trigger"]]
    alarms = [bool(find_crisis_language(t, patterns)) for t in CORPUS["should_not_trigger"]]
    recall = sum(found) / len(found)
    false_alarms = sum(alarms) / len(alarms)
    DETECTION_FIGURES["recall"] = f"{recall:.3f} ({sum(found)} of {len(found)})"
    DETECTION_FIGURES["false alarms"] = f"{false_alarms:.3f} ({sum(alarms)} of {len(alarms)})"
    missed = [t for t, hit in zip(CORPUS["should_trigger"], found, strict=True) if not hit]
    raised = [t for t, hit in zip(CORPUS["should_not_trigger"], alarms, strict=True) if hit]
    assert recall >= 0.95, f"missed: {missed}"
    assert false_alarms <= 0.10, f"false alarms: {raised}"


@pytest.mark.parametrize(
    "text",
    [
        "I would never hurt myself",
        "the song says I want to die",
        "I'm not suicidal, just very sad",
        "She told me once that she felt suicidal, years ago",
        "This traffic is killing me",
    ],
)
def test_guards_named_in_the_issue_hold(patterns, text):
    """Do negation, quotation and other-person guards stop these?"""
    assert find_crisis_language(text, patterns) is None


def test_a_finding_never_shows_the_words_in_its_repr(patterns):
    """Could a finding leak what was written into a log or traceback?"""
    finding = find_crisis_language("tonight I want to die", patterns)
    assert finding is not None and "tonight" not in repr(finding)


def test_texts_are_found_anywhere_in_an_answer():
    """Are words inside lists and mappings (a timeline, a message) all checked?"""
    value = {"a": ["x", {"b": "y"}], "n": 3, "c": "z"}
    assert sorted(texts_in(value)) == ["x", "y", "z"]


# --------------------------------------------------------------------- the card


@pytest.fixture
def net(pack):
    return SafetyNet(pack.crisis_patterns, pack.crisis, lambda: "GB")


def journal(store, net):
    return JournalExercise(make_spec("journal"), store, debounce_seconds=60, safety=net)


def test_crisis_words_show_the_card_and_the_answer_is_saved_unchanged(store, net):
    """Does saving "I want to die" store it as written and show the card?"""
    exercise = journal(store, net)
    words = "Since she left I just want to die."
    exercise.text.value = words
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value == words
    assert exercise.crisis_box_shown
    card = exercise.crisis_box.children[0].value
    assert "Samaritans" in card and "116 123" in card  # the chosen country: GB
    assert "findahelpline.com" in card  # and the directory for anywhere
    assert words not in card  # the person's words are not repeated back
    assert exercise.text.disabled is False  # typing is never blocked


def test_the_card_is_dismissible_and_nothing_about_it_is_stored(store, net):
    """Can the card be closed, and does the store hold nothing but the answer?"""
    exercise = journal(store, net)
    exercise.text.value = "I don't want to be here anymore"
    exercise.save()
    exercise.crisis_box.children[1].click()  # Close this message
    assert not exercise.crisis_box_shown
    exercise.text.value = "I don't want to be here anymore."
    exercise.save()
    assert not exercise.crisis_box_shown  # the same words do not bring it back
    assert store.exercise_ids() == [exercise.exercise_id]
    assert store.get_setting("crisis") is None


def test_new_crisis_words_bring_the_card_back_after_closing(store, net):
    """After closing the card, do new words that speak of crisis show it again?"""
    exercise = journal(store, net)
    exercise.text.value = "I want to die"
    exercise.save()
    exercise.dismiss_crisis_box()
    exercise.text.value = "I want to die. I keep thinking about ending my life."
    exercise.save()
    assert exercise.crisis_box_shown


def test_everyday_sadness_shows_no_card(store, net):
    """Does "I miss him so much tonight" save quietly?"""
    exercise = journal(store, net)
    exercise.text.value = "I miss him so much tonight. This traffic is killing me."
    exercise.save()
    assert exercise.crisis_box is None


def test_a_card_is_shown_even_when_the_store_cannot_save(store, net):
    """If saving fails, is the person still offered help?"""
    exercise = journal(store, net)
    store.close()
    exercise.text.value = "I want to kill myself"
    assert exercise.save() is False
    assert exercise.crisis_box_shown


def test_option_labels_from_the_pack_are_not_watched(store, net):
    """A checklist's options are the pack's words, not the person's: no card."""
    spec = make_spec("multiple_choice", options=("I want to die", "Tired"))
    exercise = MultipleChoiceExercise(spec, store, debounce_seconds=60, safety=net)
    exercise.boxes[0].value = True
    exercise.save()
    assert exercise.crisis_box is None


def test_card_text_follows_safe_messaging(pack):
    """Is the card calm and hopeful, with help first and no method words?"""
    card = crisis_card_html(pack.crisis, "US").lower()
    assert "988" in card and "you do not have to face this on your own" in card
    for word in ("method", "pills", "overdose", "jump", "rope"):
        assert word not in card


# ------------------------------------------------------------- the country


def test_country_choice_is_stored_and_used_by_every_help_panel(session):
    """Does picking a country save it and put its lines first in Get help now?"""
    header = wb.header("grieve")
    choice = wb.country_choice()
    assert choice.picker.value == "INTL"
    choice.picker.value = "AU"
    assert session.store.get_setting("country") == "AU"
    assert "Saved" in choice.status.value and "Australia" in choice.status.value
    body = header.value[header.value.index("hw-help-body") :]
    assert body.index("Australia") < body.index("Anywhere in the world")
    assert body.index("13 11 14") < body.index("Other countries")
    again = wb.header("start").value  # a new page reads the stored choice
    assert again[again.index("hw-help-body") :].index("Australia") < again.index("Other countries")


def test_an_unknown_stored_country_falls_back_to_the_directory(session):
    """If the stored code is no longer in the file, is the directory shown first?"""
    session.store.set_setting("country", "XX")
    assert session.country == "INTL"
    body = wb.header("start").value
    assert body.index("findahelpline.com") < body.index("United States")
    assert "Other countries" not in body  # nothing chosen: every country, open


def test_exercises_on_a_page_watch_for_crisis_words(session):
    """Do the page's exercises carry the safety net with the person's country?"""
    session.set_country("CA")
    note = next(
        child
        for child in wb.exercises("grieve").children
        if getattr(child, "exercise_id", "") == "grieve-permission-note"
    )
    note.text.value = "honestly i dont want to live anymore"
    note.save()
    assert note.crisis_box_shown and "988" in note.crisis_box.children[0].value


# ------------------------------------------------------------- the pattern file


def test_a_broken_pattern_is_reported_and_detection_falls_back(pack_copy):
    """An invalid regular expression: named by file:line, and the shipped patterns used."""
    path = pack_copy / "crisis_patterns.yaml"
    text = path.read_text(encoding="utf-8")
    broken = r"    regex: \bsuicid(e|al|ally)\b(?!"
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith(broken))
    path.write_text(text.replace(broken, r"    regex: \bsuicid(e|al(?!", 1), encoding="utf-8")
    pack = load_pack(pack_copy)
    errors = [e for e in pack.errors if e.path.endswith("pack/crisis_patterns.yaml")]
    assert len(errors) == 1 and errors[0].line == line
    assert errors[0].field.startswith("patterns[") and errors[0].field.endswith("].regex")
    assert "invalid regular expression" in errors[0].message
    assert pack.crisis_patterns is not None  # never silently off
    assert pack.crisis_patterns.source == "data/crisis_patterns.yaml"
    assert find_crisis_language("I keep thinking about suicide", pack.crisis_patterns)


def test_a_pack_without_patterns_uses_the_shipped_ones(pack_copy):
    """A facilitator's pack with no pattern file still watches for crisis words."""
    (pack_copy / "crisis_patterns.yaml").unlink()
    pack = load_pack(pack_copy)
    assert pack.errors == ()
    assert find_crisis_language("I want to die", pack.crisis_patterns)


def test_an_unknown_guard_and_a_missing_guard_are_reported(pack_copy):
    """Are guard mistakes named too, with their lines?"""
    path = pack_copy / "crisis_patterns.yaml"
    text = path.read_text(encoding="utf-8").replace("  past: ", "  pasts: ", 1)
    path.write_text(text, encoding="utf-8")
    fields = {e.field for e in load_pack(pack_copy).errors}
    assert {"guards.past", "guards.pasts"} <= fields


def test_step_8_lists_the_chosen_country_first(session):
    """Does step 8's full list of crisis lines lead with the person's country?"""
    session.set_country("NZ")
    page = wb.crisis_resources().data
    assert page.index("New Zealand") < page.index("Anywhere in the world") < page.index("Australia")


def test_phq9_item_nine_shows_the_same_card_with_the_chosen_country(store, net):
    """Does an answer above zero on PHQ-9 item 9 show the crisis card for the person's country?"""
    from widgets.exercises import KINDS

    spec = make_spec("screener", "test-phq9", instrument="phq9")
    screener = KINDS["screener"](spec, store, debounce_seconds=60, safety=net)
    screener.answer(9, 1)
    card = screener.crisis_card.value
    assert "It sounds like things may feel very heavy right now." in card
    assert "Samaritans" in card  # GB, chosen
    assert card.count('role="alert"') == 1  # one announcement, not two
