"""Does the sorter record each choice, explain it gently, and count what is sorted?"""

from __future__ import annotations

import pytest

from conftest import html_values, make_spec
from widgets.exercises import KINDS
from widgets.exercises.sorter import SorterExercise

CATEGORIES = ("Forgiveness", "Reconciliation")
ITEMS = (
    {"text": "I let go of wanting them to suffer.", "answer": "Forgiveness", "why": "Inside you."},
    {"text": "We try again.", "answer": "Reconciliation", "why": "This needs both people."},
    {"text": "I forgive without an apology.", "answer": "Forgiveness", "why": "Your choice."},
)


def make(store, **options):
    values = {"categories": CATEGORIES, "items": ITEMS, **options}
    return SorterExercise(make_spec("sorter", **values), store, debounce_seconds=60)


def test_kind_is_registered():
    """Is sorter found by the kit's discovery?"""
    assert KINDS["sorter"] is SorterExercise


def test_starts_with_nothing_sorted(store):
    """Does a fresh sorter show every statement unsorted, with no explanations yet?"""
    exercise = make(store)
    assert [choice.value for choice in exercise.choices] == [None, None, None]
    assert [choice.description for choice in exercise.choices] == [
        "1. I let go of wanting them to suffer.",
        "2. We try again.",
        "3. I forgive without an apology.",
    ]
    assert list(exercise.choices[0].options) == list(CATEGORIES)
    assert all(explanation.value == "" for explanation in exercise.explanations)
    assert "You have sorted 0 of 3." in exercise.progress.value
    assert exercise.value == {}


def test_choices_are_saved_by_item_number_and_reloaded(store):
    """Are choices stored as {item number: category} and shown again after a reload?"""
    exercise = make(store)
    exercise.choices[0].value = "Forgiveness"
    exercise.choices[2].value = "Reconciliation"
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value == {
        "1": "Forgiveness",
        "3": "Reconciliation",
    }
    again = make(store)
    assert [choice.value for choice in again.choices] == ["Forgiveness", None, "Reconciliation"]
    assert "You have sorted 2 of 3." in again.progress.value
    assert "This one is usually Forgiveness: Your choice." in again.explanations[2].value


def test_a_matching_choice_is_explained(store):
    """After a choice that matches, is the why shown with the usual category?"""
    exercise = make(store)
    exercise.sort_item(2, "Reconciliation")
    assert exercise.explanation_text(2) == (
        "Yes. This one is usually Reconciliation: This needs both people."
    )
    assert "This needs both people." in exercise.explanations[1].value


def test_a_different_choice_is_explained_gently(store):
    """After a choice that differs, is the why shown kindly, never as "wrong"?"""
    exercise = make(store)
    exercise.sort_item(1, "Reconciliation")
    text = exercise.explanation_text(1)
    assert text == "You chose Reconciliation. This one is usually Forgiveness: Inside you."
    everything = " ".join(html_values(exercise)).lower()
    assert "wrong" not in everything and "incorrect" not in everything
    assert "this one is usually forgiveness: inside you." in everything


def test_the_count_follows_each_choice(store):
    """Does "You have sorted N of 3." update as statements are sorted or changed?"""
    exercise = make(store)
    exercise.sort_item(1, "Forgiveness")
    assert "You have sorted 1 of 3." in exercise.progress.value
    exercise.sort_item(1, "Reconciliation")  # changing a choice is not another sort
    assert exercise.sorted_count == 1
    exercise.sort_item(2, "Reconciliation")
    exercise.sort_item(3, "Forgiveness")
    assert "You have sorted 3 of 3." in exercise.progress.value


def test_choices_save_after_the_debounce(store):
    """Is a choice marked unsaved, then stored by the debounced save?"""
    exercise = make(store)
    exercise.sort_item(2, "Forgiveness")
    assert exercise.dirty
    assert store.latest(exercise.exercise_id) is None
    exercise.flush()
    assert not exercise.dirty
    assert store.latest(exercise.exercise_id).value == {"2": "Forgiveness"}


def test_sort_item_refuses_unknown_items_and_categories(store):
    """Does sort_item() refuse a statement or category that does not exist?"""
    exercise = make(store)
    with pytest.raises(ValueError):
        exercise.sort_item(4, "Forgiveness")
    with pytest.raises(ValueError):
        exercise.sort_item(0, "Forgiveness")
    with pytest.raises(ValueError):
        exercise.sort_item(1, "Revenge")
    assert exercise.value == {}


def test_pack_text_with_markup_is_shown_as_text(store):
    """Are statements, categories and explanations from the pack escaped, not run as HTML?"""
    items = (
        {"text": "<script>alert(1)</script>", "answer": "<b>A</b>", "why": "<img src=x>"},
        {"text": "Plain", "answer": "B & C", "why": "Fine 💔 قلبي"},
    )
    exercise = make(store, categories=("<b>A</b>", "B & C"), items=items)
    exercise.sort_item(1, "B & C")
    exercise.sort_item(2, "B & C")
    assert exercise.save()
    assert store.latest(exercise.exercise_id).value == {"1": "B & C", "2": "B & C"}
    values = " ".join(html_values(exercise))
    assert "<script" not in values and "<img" not in values and "<b>" not in values
    assert "usually &lt;b&gt;A&lt;/b&gt;: &lt;img src=x&gt;" in values
    assert "Fine 💔 قلبي" in values
    assert exercise.choices[0].description == "1. <script>alert(1)</script>"  # plain text


def test_read_only_shows_choices_disabled_and_never_saves():
    """Does a worked example show its choices and explanations, disabled, with no Save?"""
    spec = make_spec("sorter", categories=CATEGORIES, items=ITEMS)
    example = SorterExercise(spec, None, read_only=True, value={"2": "Reconciliation"})
    assert [choice.value for choice in example.choices] == [None, "Reconciliation", None]
    assert all(choice.disabled for choice in example.choices)
    assert "This needs both people." in example.explanations[1].value
    assert "You have sorted 1 of 3." in example.progress.value
    assert example.save_button not in example.children
    assert not example.save()


@pytest.mark.parametrize(
    "bad",
    [
        None,
        [],
        "Forgiveness",
        ["Forgiveness", "Reconciliation"],
        {"0": "Forgiveness"},
        {"4": "Forgiveness"},
        {"01": "Forgiveness"},
        {1: "Forgiveness"},
        {"one": "Forgiveness"},
        {"1": "Revenge"},
        {"1": None},
        {"1": ["Forgiveness"]},
        {"1": "forgiveness"},
    ],
)
def test_validate_refuses_unknown_items_or_categories(store, bad):
    """Does validate() refuse unknown item numbers, unknown categories and wrong shapes?"""
    assert make(store).validate(bad)


def test_validate_accepts_a_partial_answer(store):
    """Is a half-sorted answer valid?"""
    exercise = make(store)
    assert exercise.validate({}) is None
    assert exercise.validate({"3": "Reconciliation"}) is None


def test_a_malformed_stored_answer_is_shown_unsorted(store):
    """Does a broken stored answer load as nothing sorted instead of crashing?"""
    store.save("test-sorter", {"1": "Forgiveness", "9": "Reconciliation"})
    exercise = make(store)
    assert exercise.value == {}
    assert [choice.value for choice in exercise.choices] == [None, None, None]
