"""Are values rated per domain, is the biggest gap shown in words, and is bad input refused?"""

from __future__ import annotations

import ipywidgets as w
import pytest

from conftest import html_values, make_spec
from widgets.exercises import KINDS
from widgets.exercises.values_grid import MAX_ACTION_CHARS, ValuesGridExercise, biggest_gaps

DOMAINS = ("Friends", "Family", "Health")


def make(store, domains=DOMAINS):
    return ValuesGridExercise(make_spec("values_grid", domains=domains), store, debounce_seconds=60)


def unrated(*domains):
    return {domain: {"importance": None, "living": None} for domain in domains}


def visible_buttons(widget):
    found = []
    if isinstance(widget, w.Button) and widget.layout.display != "none":
        found.append(widget)
    for child in getattr(widget, "children", ()):
        found.extend(visible_buttons(child))
    return found


def test_kind_is_registered():
    """Is values_grid found by the kit's discovery?"""
    assert KINDS["values_grid"] is ValuesGridExercise


def test_untouched_grid_is_all_null(store):
    """Is a grid nobody touched saved as null ratings for every domain, not zeros?"""
    exercise = make(store)
    assert exercise.value == {"ratings": unrated(*DOMAINS), "action": ""}
    assert all("Not rated yet." in exercise.row_notes[d].value for d in DOMAINS)


def test_typed_ratings_are_saved_and_reloaded(store):
    """Do numbers typed in the boxes and the action come back in a new widget?"""
    exercise = make(store)
    exercise.boxes["Friends"]["importance"].value = "9"
    exercise.boxes["Friends"]["living"].value = "4"
    exercise.boxes["Health"]["importance"].value = "7"
    exercise.action.value = "Text Jo about Saturday"
    assert exercise.save()
    expected = {
        "ratings": {
            "Friends": {"importance": 9, "living": 4},
            "Family": {"importance": None, "living": None},
            "Health": {"importance": 7, "living": None},
        },
        "action": "Text Jo about Saturday",
    }
    assert store.latest(exercise.exercise_id).value == expected
    again = make(store)
    assert again.value == expected
    assert again.boxes["Friends"]["living"].value == "4"
    assert again.action.value == "Text Jo about Saturday"
    assert "Rate both to see the gap." in again.row_notes["Health"].value


def test_biggest_gap_is_named_in_words_with_a_tag(store):
    """Is the biggest-gap row marked with a "Biggest gap" tag and named in the summary?"""
    exercise = make(store)
    exercise.rate("Friends", 9, 4)
    exercise.rate("Family", 8, 6)
    exercise.rate("Health", 5, 7)
    assert "Biggest gap: Friends (importance 9, living 4)." in exercise.summary.value
    assert "Biggest gap</strong>" in exercise.row_heads["Friends"].value
    assert "Biggest gap" not in exercise.row_heads["Family"].value
    assert "hw-values_grid-biggest" in exercise.row_boxes["Friends"]._dom_classes
    assert "hw-values_grid-biggest" not in exercise.row_boxes["Family"]._dom_classes
    assert "Gap: 5." in exercise.row_notes["Friends"].value
    assert "No gap." in exercise.row_notes["Health"].value
    assert exercise.action.description == "One small action this week toward Friends"


def test_the_mark_moves_when_ratings_change(store):
    """When another domain's gap becomes larger, does the mark move there?"""
    exercise = make(store)
    exercise.rate("Friends", 9, 4)
    exercise.rate("Family", 10, 1)
    assert exercise.biggest_gap() == (["Family"], 9)
    assert "hw-values_grid-biggest" not in exercise.row_boxes["Friends"]._dom_classes
    assert "Biggest gap" in exercise.row_heads["Family"].value


def test_tied_gaps_are_all_marked():
    """Are domains sharing the biggest gap all named?"""
    ratings = {
        "Friends": {"importance": 9, "living": 4},
        "Family": {"importance": 6, "living": 1},
        "Health": {"importance": None, "living": 3},
    }
    assert biggest_gaps(ratings) == (["Friends", "Family"], 5)


def test_no_positive_gap_marks_nothing(store):
    """When living matches or exceeds importance everywhere, is no row marked?"""
    exercise = make(store)
    exercise.rate("Friends", 5, 5)
    exercise.rate("Family", 3, 8)
    assert exercise.biggest_gap() == ([], None)
    assert "No gaps right now" in exercise.summary.value
    assert not any("Biggest gap" in exercise.row_heads[d].value for d in DOMAINS)


def test_zero_is_a_real_rating(store):
    """Can a domain be rated 0 on purpose, by typing it in the empty box, and saved as 0?"""
    exercise = make(store)
    assert exercise.boxes["Family"]["living"].value == ""  # empty until rated
    exercise.boxes["Family"]["living"].value = "0"
    exercise.rate("Family", importance=8)
    exercise.save()
    saved = store.latest(exercise.exercise_id).value
    assert saved["ratings"]["Family"] == {"importance": 8, "living": 0}


def test_clear_returns_a_row_to_not_rated(store):
    """Does Clear set both ratings of that row back to null?"""
    exercise = make(store)
    exercise.rate("Friends", 9, 4)
    button = exercise.clear_buttons["Friends"]
    assert button.tooltip == "Clear the ratings for Friends"
    assert "hw-name-from-tooltip" in button._dom_classes
    button.click()
    exercise.save()
    assert store.latest(exercise.exercise_id).value["ratings"]["Friends"] == {
        "importance": None,
        "living": None,
    }
    assert "Not rated yet." in exercise.row_notes["Friends"].value


def test_debounced_autosave(store):
    """Is a typed rating saved after the quiet period as one revision?"""
    exercise = make(store)
    exercise.boxes["Health"]["importance"].value = "6"
    exercise.boxes["Health"]["importance"].value = "7"
    assert exercise.dirty and store.latest(exercise.exercise_id) is None
    exercise.flush()
    history = store.history(exercise.exercise_id)
    assert len(history) == 1
    assert history[0].value["ratings"]["Health"]["importance"] == 7


def test_every_box_is_labelled_with_its_domain(store):
    """Does every number box name its domain and what it rates?"""
    exercise = make(store)
    assert exercise.boxes["Family"]["importance"].description == "Family: importance (0–10)"
    assert exercise.boxes["Family"]["living"].description == (
        "Family: how closely I live by it now (0–10)"
    )
    assert exercise.action.description == (
        "One small action this week toward a value that matters to you"
    )


def test_out_of_range_or_unknown_ratings_are_refused(store):
    """Is a rating outside 0-10 or an unknown domain refused, changing nothing?"""
    exercise = make(store)
    exercise.rate("Friends", 9, 4)
    exercise.save()
    assert exercise.rate("Friends", 11, 4) is False
    assert "0 to 10" in exercise.problem
    assert exercise.rate("Work", 5, 5) is False
    assert exercise.ratings["Friends"] == {"importance": 9, "living": 4}
    assert store.latest(exercise.exercise_id).value["ratings"]["Friends"]["importance"] == 9


def test_a_number_out_of_range_is_refused_with_the_range(store):
    """Is a typed 12 (or words) refused with a message rather than saved?"""
    exercise = make(store)
    exercise.boxes["Health"]["importance"].value = "7"
    exercise.save()
    for typed in ("12", "lots", "-1", "²"):
        exercise.boxes["Health"]["importance"].value = typed
        assert "choose whole numbers from 0 to 10" in exercise.problem
        assert not exercise.save()
        assert "Choose whole numbers" in exercise.row_notes["Health"].value
    assert store.latest(exercise.exercise_id).value["ratings"]["Health"]["importance"] == 7
    exercise.boxes["Health"]["importance"].value = ""
    assert exercise.ratings["Health"]["importance"] is None and not exercise.problem


@pytest.mark.parametrize(
    "bad",
    [
        None,
        [],
        {"ratings": {}},
        {"ratings": {}, "action": "", "extra": 1},
        {"ratings": [], "action": ""},
        {"ratings": {"Work": {"importance": 5, "living": 5}}, "action": ""},
        {"ratings": {"Friends": {"importance": 5}}, "action": ""},
        {"ratings": {"Friends": [5, 5]}, "action": ""},
        {"ratings": {"Friends": {"importance": 11, "living": 5}}, "action": ""},
        {"ratings": {"Friends": {"importance": -1, "living": 5}}, "action": ""},
        {"ratings": {"Friends": {"importance": True, "living": 5}}, "action": ""},
        {"ratings": {"Friends": {"importance": "9", "living": 5}}, "action": ""},
        {"ratings": {}, "action": None},
        {"ratings": {}, "action": "x" * (MAX_ACTION_CHARS + 1)},
    ],
)
def test_validate_refuses_malformed_answers(store, bad):
    """Is every answer of the wrong shape, an unknown domain or an out-of-range value refused?"""
    assert make(store).validate(bad)


def test_an_answer_missing_a_domain_is_accepted(store):
    """Does an answer saved before the pack added a domain still load?"""
    exercise = make(store)
    assert exercise.validate({"ratings": unrated("Friends"), "action": ""}) is None


def test_a_stored_answer_with_an_unknown_domain_shows_empty(store):
    """Does a stored answer naming a domain the pack no longer has start empty, not crash?"""
    store.save("test-values-grid", {"ratings": unrated("Work"), "action": "x"})
    exercise = make(store)
    assert exercise.value == exercise.empty_value()
    exercise.rate("Friends", 3, 2)
    assert exercise.save()


def test_a_huge_paste_in_the_action_is_refused(store):
    """Is a 1 MB paste refused with a message, keeping the last saved revision?"""
    exercise = make(store)
    exercise.action.value = "Call Jo"
    exercise.save()
    exercise.action.value = "x" * 1_000_000
    assert f"under {MAX_ACTION_CHARS} characters" in exercise.problem
    assert not exercise._debouncer.pending
    assert not exercise.save()
    assert store.latest(exercise.exercise_id).value["action"] == "Call Jo"
    assert len(store.history(exercise.exercise_id)) == 1


def test_markup_emoji_and_right_to_left_text_stay_plain_text(store):
    """Are <script>, emoji and Arabic kept as typed, and domains with markup escaped?"""
    domains = ("<b>Friends</b>", "العائلة", "Health 💪")
    exercise = make(store, domains)
    action = '<script>alert("x")</script> اتصل بأمي 📞'
    exercise.action.value = action
    exercise.rate("<b>Friends</b>", 9, 2)
    exercise.rate("العائلة", 7, 6)
    assert exercise.save()
    saved = store.latest(exercise.exercise_id).value
    assert saved["action"] == action
    assert saved["ratings"]["العائلة"] == {"importance": 7, "living": 6}
    again = make(store, domains)
    assert again.action.value == action
    for value in html_values(again):
        assert "<script" not in value and "<b>Friends" not in value
    assert "&lt;b&gt;Friends&lt;/b&gt; (importance 9, living 2)" in again.summary.value


def test_read_only_shows_ratings_disabled_and_never_saves():
    """Does a worked example show its ratings in disabled boxes, without Clear buttons?"""
    value = {
        "ratings": {
            "Friends": {"importance": 9, "living": 4},
            "Family": {"importance": 6, "living": 6},
            "Health": {"importance": None, "living": None},
        },
        "action": "Message Jo",
    }
    exercise = ValuesGridExercise(
        make_spec("values_grid", domains=DOMAINS), None, read_only=True, value=value
    )
    assert exercise.value == value
    assert exercise._read() == value
    assert exercise.boxes["Friends"]["importance"].disabled
    assert exercise.boxes["Friends"]["importance"].value == "9"
    assert exercise.action.disabled and exercise.action.value == "Message Jo"
    assert "Biggest gap: Friends" in exercise.summary.value
    assert visible_buttons(exercise) == []
    assert exercise.save() is False


def test_unrated_boxes_are_empty(store):
    """Is an unrated box empty (no 0 that was never given), and empty again after Clear?"""
    exercise = make(store)
    box = exercise.boxes["Friends"]["living"]
    assert box.value == ""
    box.value = "2"
    assert exercise.ratings["Friends"]["living"] == 2
    exercise.clear("Friends")
    assert box.value == "" and exercise.ratings["Friends"]["living"] is None
