"""The daily check-in and the journey page's pictures and summary, driven in plain pytest."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import widgets as wb
from widgets.content import load_pack
from widgets.daily_checkin import (
    MAX_NOTE_CHARS,
    CheckInExercise,
    checkin_id,
    checkin_spec,
    checkins,
    day_of,
)
from widgets.journey_view import (
    JourneyView,
    contact_html,
    mood_chart_html,
    mood_frame,
    progress_html,
    step_progress,
    summary_sentences,
)
from widgets.safety import CARD_OPENING

TODAY = dt.date(2026, 11, 23)


def save_checkin(store, day: dt.date, mood=None, urge=None, emotions=(), note=""):
    value = {"mood": mood, "emotions": list(emotions), "urge": urge, "note": note}
    store.save(checkin_id(day), value)


def days_ago(count: int) -> dt.date:
    return TODAY - dt.timedelta(days=count)


# ---------------------------------------------------------------- the check-in


def test_checkin_ids_name_the_day_and_nothing_else():
    assert checkin_id(TODAY) == "checkin-2026-11-23"
    assert day_of("checkin-2026-11-23") == TODAY
    for other in ("checkin-2026-13-01", "checkin-today", "grieve-permission-note", ""):
        assert day_of(other) is None


def test_a_checkin_saves_reloads_and_is_one_per_day(store, default_pack):
    """Is today's check-in saved under today's id, reloaded, and changeable the same day?"""
    spec = checkin_spec(default_pack, TODAY)
    first = CheckInExercise(spec, store)
    assert first.exercise_id == "checkin-2026-11-23"
    assert "Monday 23 November" in first.spec.title
    first.mood.number.value = "4"
    first.emotion_boxes[first.emotion_words.index("tired")].value = True
    first.urge.slider.value = 6
    first.note_box.value = "  slept   badly  "
    assert first.save()
    assert store.latest("checkin-2026-11-23").value == {
        "mood": 4,
        "emotions": ["tired"],
        "urge": 6,
        "note": "slept badly",
    }
    again = CheckInExercise(checkin_spec(default_pack, TODAY), store)
    assert again.mood.number.value == "4" and again.mood.slider.value == 4
    assert again.urge.value == 6
    assert [box.description for box in again.emotion_boxes if box.value] == ["tired"]
    assert again.note_box.value == "slept badly"
    again.mood.slider.value = 5  # changed later the same day: a new revision, same day
    assert again.save()
    assert [r.value["mood"] for r in store.history("checkin-2026-11-23")] == [4, 5]
    assert [c.mood for c in checkins(store)] == [5]


def test_an_untouched_checkin_rates_nothing(store, default_pack):
    """Is a mood the person never touched "not rated", not zero?"""
    widget = CheckInExercise(checkin_spec(default_pack, TODAY), store)
    assert widget.value == {"mood": None, "emotions": [], "urge": None, "note": ""}
    assert "Not rated yet" in widget.mood.note.value
    widget.note_box.value = "just a note"
    widget.save()
    assert store.latest(widget.exercise_id).value["mood"] is None
    widget.mood.number.value = "0"  # typing 0 in the empty box rates the mood 0
    assert widget.value["mood"] == 0 and widget.mood.slider.value == 0
    assert "Not rated" not in widget.mood.note.value
    widget.mood.number.value = "12"
    assert "0 to 10" in widget.problem
    widget.mood.number.value = ""  # emptied: not rated again
    assert widget.value["mood"] is None and not widget.problem
    widget.mood.slider.value = 3
    assert widget.mood.number.value == "3" and widget.value["mood"] == 3


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ({"mood": 11, "emotions": [], "urge": None, "note": ""}, "0 to 10"),
        ({"mood": True, "emotions": [], "urge": None, "note": ""}, "0 to 10"),
        ({"mood": 3, "emotions": "sad", "urge": None, "note": ""}, "feelings"),
        ({"mood": 3, "emotions": [], "urge": -1, "note": ""}, "0 to 10"),
        ({"mood": 3, "emotions": [], "urge": None, "note": "x" * (MAX_NOTE_CHARS + 1)}, "one line"),
        ({"mood": 3}, "holds a mood"),
    ],
)
def test_a_checkin_refuses_what_it_cannot_hold(store, default_pack, value, problem):
    widget = CheckInExercise(checkin_spec(default_pack, TODAY), store)
    assert problem in widget.validate(value)


def test_crisis_words_in_the_note_bring_the_card(session):
    """Is the check-in's note watched for crisis language like every free-text answer?"""
    widget = wb.checkin()
    widget.mood.number.value = "1"
    widget.note_box.value = "i want to die"
    assert widget.save()
    assert widget.crisis_box_shown
    assert CARD_OPENING in widget.crisis_box.children[0].value
    assert "i want to die" not in widget.crisis_box.children[0].value


def test_the_pack_names_the_checkin_feelings(pack_copy):
    """Can a facilitator change the feeling words, and is a bad list reported by line?"""
    pack_yaml = pack_copy / "pack.yaml"
    text = pack_yaml.read_text()
    pack_yaml.write_text(text + "checkin_emotions:\n  - heavy\n  - light\n  - stuck\n")
    assert load_pack(pack_copy).checkin_emotions == ("heavy", "light", "stuck")
    pack_yaml.write_text(text + "checkin_emotions:\n  - heavy\n")
    pack = load_pack(pack_copy)
    error = next(e for e in pack.errors if e.field == "checkin_emotions")
    assert error.path.endswith("pack.yaml") and error.line == text.count("\n") + 1
    assert "at least 2" in error.message


# ------------------------------------------------------------------ mood chart


def test_the_seven_day_average_is_over_calendar_days():
    """Is a missing day left out of the average rather than counted as zero?"""
    store_days = [(0, 4), (1, 6), (3, 8), (12, 2)]
    from widgets.daily_checkin import CheckIn

    items = [
        CheckIn(dt.date(2026, 11, 1) + dt.timedelta(days=d), mood, None, (), "", None)
        for d, mood in store_days
    ]
    frame = mood_frame(items)
    assert len(frame) == 13  # every calendar day from the first to the last
    means = frame["mood_mean7"]
    assert means.iloc[0] == 4 and means.iloc[1] == 5 and means.iloc[3] == 6
    assert means.iloc[2] == 5  # no check-in that day: the week's average so far
    assert frame["mood"].isna().iloc[2]
    assert means.iloc[10] != means.iloc[10]  # a whole week without check-ins: no line
    assert means.iloc[12] == 2


def test_the_chart_draws_each_day_and_says_it_in_words(store):
    for ago, mood in [(0, 7), (1, 5), (2, 6), (40, 2)]:
        save_checkin(store, days_ago(ago), mood=mood)
    frame = mood_frame(checkins(store))
    chart = mood_chart_html(frame, TODAY, 30)
    wide = re.search(r'<svg class="hw-chart hw-chart-wide".*?</svg>', chart).group(0)
    assert wide.count('<circle class="hw-dot"') == 3  # the day 40 days ago is outside
    assert "23 Nov: mood 7" in wide and "hw-mean" in wide
    assert 'role="img"' in wide and "<desc" in wide
    assert "hw-chart-narrow" in chart  # a narrow drawing for phones
    assert "3 check-ins from 25 Oct to 23 Nov" in chart
    assert "Lowest mood 5, highest 7. Latest 7, on 23 Nov." in chart
    assert "mood that day (dot)" in chart and "(line)" in chart  # shapes named, not colours
    table = re.search(r"<table>.*</table>", chart).group(0)
    assert table.count("<tr>") == 4  # a header and three days, latest first
    assert table.index("23 Nov") < table.index("21 Nov")
    everything = mood_chart_html(frame, TODAY, None)
    assert everything.count('<circle class="hw-dot"') == 2 * 4 + 1  # both drawings, legend
    assert "14 Oct" in everything


def test_the_chart_waits_for_a_first_checkin(store):
    assert "starts with your first check-in" in mood_chart_html(
        mood_frame(checkins(store)), TODAY, 90
    )
    save_checkin(store, TODAY, note="no mood, only words")
    assert "starts with your first check-in" in mood_chart_html(
        mood_frame(checkins(store)), TODAY, 90
    )


# ---------------------------------------------------- progress, contact, summary


def test_progress_counts_started_exercises_per_step(store, default_pack):
    store.save("grieve-permission-note", "I can be sad")
    store.save("grieve-support-people", ["Max"])
    store.save("grieve-one-kind-thing", "")  # emptied again: not started
    rows = {
        step.slug: (started, total) for step, started, total in step_progress(default_pack, store)
    }
    assert rows["grieve"][0] == 2
    assert rows["reflect"][0] == 0
    page = progress_html(default_pack, store)
    assert "You have started 1 of 10 steps and 2 of" in page
    assert page.count('<li class="hw-tile') == 10
    assert '<a href="01_grieve.ipynb">' in page and "2 of 5 exercises, started" in page


def test_slips_are_marked_and_never_reset_the_days_kept(store, default_pack):
    assert "start counting the days" in contact_html(default_pack, store, TODAY)
    tracker = {
        "start": days_ago(20).isoformat(),
        "mode": "no contact",
        "slips": [{"date": days_ago(5).isoformat(), "note": "<b>texted</b>"}],
        "urges": [],
    }
    store.save("take-it-slow-contact", tracker)
    picture = contact_html(default_pack, store, TODAY)
    assert "Day 21 of no contact" in picture and "20 days kept" in picture
    assert "1 day with a slip, marked ×" in picture
    assert picture.count('class="hw-slip"') == 2  # the mark, and its sample in the legend
    assert picture.count('<rect class="hw-kept"') == 20 + 1
    assert "texted" not in picture  # the slip's note is not shown here


def test_the_summary_compares_this_week_with_three_weeks_ago(store, default_pack):
    """The issue's own example: "your average mood this week was 5.2, up from 3.9 ..."."""
    for ago, mood in enumerate([5, 6, 5, 5, 5, 6, 4]):  # this week: 36 / 7 = 5.14
        save_checkin(store, days_ago(ago), mood=mood, urge=2, emotions=["hopeful"])
    for ago, mood in zip(range(21, 28), [4, 4, 4, 4, 4, 3, 4], strict=True):  # 3.86
        save_checkin(store, days_ago(ago), mood=mood, urge=7, emotions=["sad"])
    store.save("grieve-permission-note", "words")
    words = " ".join(summary_sentences(default_pack, store, checkins(store), TODAY))
    assert "You checked in on 14 of the last 30 days." in words
    assert "Your average mood this week was 5.1, up from 3.9 three weeks ago." in words
    assert "urge to contact your ex averaged 2.0 this week, down from 7.0" in words
    assert "sad (7 days) and hopeful (7 days)" in words  # a tie: the earlier first
    assert "You worked on 1 exercise in 1 step." in words


def test_a_lower_week_is_met_kindly(store, default_pack):
    for ago in range(7):
        save_checkin(store, days_ago(ago), mood=2)
        save_checkin(store, days_ago(21 + ago), mood=6)
    words = " ".join(summary_sentences(default_pack, store, checkins(store), TODAY))
    assert "down from 6.0 three weeks ago" in words
    assert "not a step back" in words and "step 8" in words


def test_the_summary_with_nothing_yet(store, default_pack):
    words = summary_sentences(default_pack, store, [], TODAY)
    assert words == [
        "You have not checked in during the last 30 days. One check-in a day, even a "
        "quick one, is enough to start seeing a pattern."
    ]


# ------------------------------------------------------------------------ page


def test_a_checkin_shows_on_the_chart_at_once(session):
    """Does saving today's check-in redraw the journey page's chart and summary?"""
    checkin = wb.checkin()
    view = wb.journey()
    assert isinstance(view, JourneyView)
    assert "starts with your first check-in" in view.chart.value
    checkin.mood.number.value = "8"
    checkin.save()
    today = TODAY
    assert f"{today.day} {today:%b}: mood 8" in view.chart.value
    assert "Your average mood this week was 8.0" in view.summary.value
    view.range.value = "Last 30 days"
    assert f"{today.day} {today:%b}: mood 8" in view.chart.value


def test_the_journey_page_runs_without_errors_on_years_of_data(session):
    from journey_data import fill_journey

    counts = fill_journey(session.store, session.pack, TODAY, days=400, revisions=600)
    view = wb.journey()
    assert counts["checkins"] > 300
    assert "You have started 10 of 10 steps" in view.progress.value
    assert "Day 400 of no contact" in view.contact.value
    view.range.value = "Everything"
    assert "check-ins from" in view.chart.value


def test_feelings_the_pack_does_not_offer_are_kept(store, default_pack):
    """Does editing a check-in keep a feeling word from another pack or an import?"""
    save_checkin(store, TODAY, mood=3, emotions=["heartbroken", "tired"])
    widget = CheckInExercise(checkin_spec(default_pack, TODAY), store)
    assert [box.description for box in widget.emotion_boxes if box.value] == ["tired"]
    widget.urge.number.value = "5"
    assert widget.save()
    assert store.latest(checkin_id(TODAY)).value["emotions"] == ["tired", "heartbroken"]


def test_a_page_left_open_past_midnight_saves_to_the_new_day(store, default_pack, clock):
    widget = CheckInExercise(checkin_spec(default_pack, TODAY), store)
    widget.mood.number.value = "4"
    assert widget.save()
    clock.advance(hours=3)  # 21:14 to 00:14: midnight passes with the page open
    tomorrow = TODAY + dt.timedelta(days=1)
    widget.mood.number.value = "6"
    assert widget.save()
    assert store.latest(checkin_id(TODAY)).value["mood"] == 4  # yesterday is kept as it was
    assert store.latest(checkin_id(tomorrow)).value["mood"] == 6
    assert "Tuesday 24 November" in widget.children[0].value


def test_progress_counts_what_each_kind_calls_started(store, default_pack):
    """An answer typed and then emptied, or only a preset choice, is not "started"."""
    store.save("reflect-from-the-outside", {"text": "", "voice": "you", "name": ""})
    store.save("take-it-slow-contact", {"start": "", "mode": "low contact", "slips": []})
    store.save("grieve-permission-note", "  ")
    assert all(started == 0 for _step, started, _total in step_progress(default_pack, store))
    store.save("grieve-permission-note", "It is allowed.")
    rows = {step.number: started for step, started, _total in step_progress(default_pack, store)}
    assert rows[1] == 1 and sum(rows.values()) == 1
