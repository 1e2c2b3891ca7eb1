"""Dates at the edges: midnight, leap days, the new year, daylight-saving nights, far zones.

Each test here sets the workbook's one clock to an edge moment in its time zone
(the zone set for the whole process, as the person's computer would have it) and
checks what the person would see: which day a check-in or a slip belongs to, what
"today" allows, the order of saves, the times in exports. The rules are in
``widgets/clock.py`` and the README's developer section.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine

from conftest import TIME_SWEEP, make_spec, moment
from widgets.clock import FixedClock, current, use
from widgets.daily_checkin import CheckInExercise, checkin_id, checkin_spec, checkins
from widgets.exercises.activity_planner import ActivityPlannerExercise
from widgets.exercises.contact_tracker import ContactTrackerExercise, days_counted, days_kept
from widgets.exercises.timeline import TimelineExercise
from widgets.exports import export_json, export_markdown, import_json, read_export
from widgets.journey_view import mood_chart_html, mood_frame, summary_sentences

ANSWER = "grieve-permission-note"


#: Edge moments, each in the zone of a person living there: the time sweep's moments
#: (tests/conftest.py) and two more, the other side of London's repeated hour and New
#: Year's Eve at UTC-11.
EDGES = {
    **TIME_SWEEP,
    "london-fall-back-first-1.30": moment("Europe/London", 2027, 10, 31, 1, 30),
    "new-year-eve-pago-pago": moment("Pacific/Pago_Pago", 2027, 12, 31, 23, 59, 59),
}


@pytest.fixture(params=list(EDGES), ids=list(EDGES))
def edge(request) -> Iterator[dt.datetime]:
    """The process in the edge's time zone, the workbook's clock standing at the edge."""
    moment = EDGES[request.param]
    with time_machine.travel(moment, tick=False), use(FixedClock(moment)):
        yield moment


def local_day(moment: dt.datetime) -> dt.date:
    return moment.date()  # the edge's own wall date, in its own zone


def test_the_zone_and_today_are_the_persons(edge):
    """Is "today" the local date of the edge, and "now" its wall time?"""
    moment = edge
    clock = current()
    assert clock.today() == local_day(moment)
    assert clock.local_now().strftime("%H:%M:%S") == moment.strftime("%H:%M:%S")
    assert clock.local_now().utcoffset() == moment.utcoffset()
    assert clock.now().tzinfo == dt.UTC


def test_a_checkin_belongs_to_the_local_date(edge, store, default_pack):
    """Is the check-in saved under the day the person is living, with that day's name?"""
    moment = edge
    clock = current()
    day = local_day(moment)
    widget = CheckInExercise(checkin_spec(default_pack, clock.today()), store)
    assert f"{day:%A} {day.day} {day:%B}" in widget.spec.title
    widget.mood.number.value = "6"
    assert widget.save()
    assert store.latest(checkin_id(day)).value["mood"] == 6
    assert [c.day for c in checkins(store)] == [day]
    assert widget.status == f"Saved at {moment:%H:%M}"


def test_midnight_moves_an_open_checkin_to_the_next_day(edge, store, default_pack):
    """Left open over local midnight, does a check-in save the next change to the new day?"""
    moment = edge
    clock = current()
    zone = moment.tzinfo
    day = local_day(moment)
    clock.set(dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=zone))
    widget = CheckInExercise(checkin_spec(default_pack, clock.today()), store)
    widget.mood.number.value = "3"
    assert widget.save()
    clock.advance(2)  # two seconds later it is tomorrow, whatever the date
    tomorrow = day + dt.timedelta(days=1)
    assert clock.today() == tomorrow
    widget.mood.number.value = "5"
    assert widget.save()
    assert store.latest(checkin_id(day)).value["mood"] == 3
    assert store.latest(checkin_id(tomorrow)).value["mood"] == 5
    assert f"{tomorrow:%A} {tomorrow.day} {tomorrow:%B}" in widget.children[0].value


def test_saves_keep_their_order_when_the_wall_clock_jumps(edge, store, default_pack):
    """An hour later (across a daylight-saving change too), is the later save the newest?"""
    clock = current()
    store.save(ANSWER, "first")
    clock.advance(hours=1)
    store.save(ANSWER, "an hour later")
    assert store.latest(ANSWER).value == "an hour later"
    assert [r.value for r in store.history(ANSWER)] == ["first", "an hour later"]
    first, second = (r.saved_at for r in store.history(ANSWER))
    assert second - first == dt.timedelta(hours=1)  # stored instants, not wall times


def test_the_saved_time_is_the_wall_time(edge, store):
    """Does "Saved at" show the person's wall clock, even in a repeated or skipped hour?"""
    moment = edge
    widget = ActivityPlannerExercise(make_spec("activity_planner"), store, debounce_seconds=60)
    widget.new_activity.value = "A walk"
    widget.add_button.click()
    assert widget.save()
    assert widget.status == f"Saved at {moment:%H:%M}"


def test_days_of_distance_are_calendar_days(edge, store):
    """Are seven local days seven days, over a leap day, a new year or a clock change?"""
    clock = current()
    today = clock.today()
    start = today - dt.timedelta(days=6)
    value = {
        "start": start.isoformat(),
        "mode": "no contact",
        "slips": [{"date": today.isoformat(), "note": ""}],
        "urges": [],
    }
    assert days_counted(value, today) == 7
    assert days_kept(value, today) == 6
    tracker = ContactTrackerExercise(make_spec("contact_tracker"), store, debounce_seconds=60)
    tracker.start_today()
    assert tracker.start_box.value == today.isoformat()
    assert tracker.log_slip(today.isoformat(), "a text")
    tomorrow = today + dt.timedelta(days=1)
    assert not tracker.log_slip(tomorrow.isoformat(), "not yet")


def test_today_is_allowed_and_tomorrow_is_not(edge, store):
    """Does the timeline take today's date and refuse tomorrow's, at any hour?"""
    clock = current()
    timeline = TimelineExercise(make_spec("timeline"), store, debounce_seconds=60)
    today = clock.today()
    entry = {"text": "Today", "mark": "hard"}
    assert timeline.validate([{**entry, "date": today.isoformat()}]) is None
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    assert "after today" in timeline.validate([{**entry, "date": tomorrow}])
    planner = ActivityPlannerExercise(make_spec("activity_planner"), store, debounce_seconds=60)
    assert planner.new_day.value == today.isoformat()


def test_this_week_is_the_last_seven_local_days(edge, store, default_pack):
    """Does the summary's week hold today and the six days before, and no more?"""
    clock = current()
    today = clock.today()
    for back in range(7):
        day = today - dt.timedelta(days=back)
        store.save(checkin_id(day), {"mood": 6, "emotions": [], "urge": None, "note": ""})
    eighth = today - dt.timedelta(days=7)
    store.save(checkin_id(eighth), {"mood": 0, "emotions": [], "urge": None, "note": ""})
    items = checkins(store)
    sentences = summary_sentences(default_pack, store, items, today)
    assert any("Your average mood this week was 6.0" in s for s in sentences), sentences
    chart = mood_chart_html(mood_frame(items), today, 30)
    assert f"{today.day} {today:%b}: mood 6" in chart


def test_exports_show_wall_times_and_keep_instants(edge, store, default_pack):
    """Does an export show the local time, say its offset, and give back the same instants?"""
    moment = edge
    store.save(ANSWER, "at the edge")
    text = export_markdown(store, default_pack)
    assert f"_Saved {moment:%d %B %Y, %H:%M}_" in text
    data = export_json(store)
    exported_at = dt.datetime.fromisoformat(data["exported_at"])
    # (compared in UTC: Python never calls a time in a repeated hour equal across zones)
    assert exported_at.astimezone(dt.UTC) == moment.astimezone(dt.UTC)
    assert exported_at.utcoffset() == moment.utcoffset()
    raw = json.dumps(data)
    read_export(raw)  # times at the edge are accepted
    before = [(r.exercise_id, r.saved_at) for r in store.all_revisions()]
    store.erase_all()
    assert import_json(store, raw).added == 1
    assert [(r.exercise_id, r.saved_at) for r in store.all_revisions()] == before


def test_a_day_stays_its_day_when_the_time_zone_changes(store, default_pack):
    """Written in London late on Monday, then opened where it is already Tuesday:
    is Monday's check-in still Monday's, and does today start a new one?"""
    written = moment("Europe/London", 2027, 6, 14, 23, 30)
    with time_machine.travel(written, tick=False), use(FixedClock(written)) as clock:
        widget = CheckInExercise(checkin_spec(default_pack, clock.today()), store)
        widget.mood.number.value = "4"
        assert widget.save()
    later = written + dt.timedelta(minutes=5)
    elsewhere = later.astimezone(ZoneInfo("Pacific/Kiritimati"))
    with time_machine.travel(elsewhere, tick=False), use(FixedClock(later)) as clock:
        assert clock.today() == dt.date(2027, 6, 15)
        again = CheckInExercise(checkin_spec(default_pack, clock.today()), store)
        assert again.exercise_id == "checkin-2027-06-15"
        assert again.mood.number.value == ""  # a new day starts empty
        assert [c.day for c in checkins(store)] == [dt.date(2027, 6, 14)]
        monday = CheckInExercise(checkin_spec(default_pack, dt.date(2027, 6, 14)), store)
        assert monday.mood.number.value == "4"
        assert monday.status == f"Saved at {written.astimezone(elsewhere.tzinfo):%H:%M}"
