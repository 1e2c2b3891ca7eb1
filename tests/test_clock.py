"""One clock: nothing but widgets/clock.py reads the time, and tests set it themselves."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import DATA, TEST_WALL_TIME, page_session
from widgets.clock import (
    Clock,
    FixedClock,
    RunningClock,
    current,
    parse_day,
    parse_start_time,
    use,
)
from widgets.config import ENV_START_TIME, ENV_START_TIME_SINCE, WorkbookConfig

ROOT = Path(__file__).resolve().parent.parent

#: Calls that read the system clock or the local zone on their own.
CLOCK_READS = re.compile(
    r"\b(?:datetime\.now|datetime\.today|datetime\.utcnow|date\.today|time\.time|time\.time_ns"
    r"|time\.localtime|time\.gmtime|fromtimestamp|utcfromtimestamp)\s*\("
    r"|\.astimezone\(\s*\)"
)


def clock_reads(text: str) -> list[str]:
    """Each line of ``text`` that reads the clock by itself."""
    return [line.strip() for line in text.splitlines() if CLOCK_READS.search(line)]


def code_of(path: Path) -> str:
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return path.read_text(encoding="utf-8")


def test_the_check_finds_every_way_of_reading_the_clock():
    """Would the check below catch a module that reads the time by itself?"""
    sneaky = [
        "when = dt.datetime.now()",
        "day = datetime.date.today ()",
        "stamp = time.time()",
        "local = moment.astimezone()",
        "t = datetime.fromtimestamp(0)",
        "u = dt.datetime.utcnow()",
    ]
    assert clock_reads("\n".join(sneaky)) == sneaky
    assert clock_reads("moment.astimezone(dt.UTC)\ntime.monotonic()\nclock.today()") == []


def test_only_the_clock_module_reads_the_time():
    """Does every part of the workbook ask widgets/clock.py for "now" and "today"?"""
    files = [
        *ROOT.joinpath("widgets").rglob("*.py"),
        *ROOT.joinpath("workbook").glob("*.ipynb"),
        *ROOT.joinpath("bench").rglob("*.py"),
        ROOT / "run.py",
    ]
    found = {
        str(path.relative_to(ROOT)): reads
        for path in files
        if path != ROOT / "widgets" / "clock.py" and (reads := clock_reads(code_of(path)))
    }
    assert not found, f"read the clock through widgets.clock instead: {found}"


def test_every_test_starts_on_the_same_local_wall_time(clock):
    """Is the clock a test sees the fixed one, at the same wall time in any zone?"""
    assert current() is clock
    assert clock.local_now().timetuple()[:5] == TEST_WALL_TIME
    assert clock.today() == dt.date(*TEST_WALL_TIME[:3])


def test_the_test_date_is_not_before_the_packs_checks():
    """Would the default pack's crisis lines look "verified in the future" to the tests?"""
    text = (DATA / "crisis_resources.yaml").read_text(encoding="utf-8")
    dates = re.findall(r"last_verified:\s*(\d{4}-\d{2}-\d{2})", text)
    assert dates
    latest = max(dt.date.fromisoformat(d) for d in dates)
    assert latest <= dt.date(*TEST_WALL_TIME[:3]), (
        f"a crisis line was checked on {latest}: move TEST_WALL_TIME in tests/conftest.py "
        "to that day or later"
    )
    assert yaml.safe_load(text)


def test_a_fixed_clock_stands_still_until_moved():
    start = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
    fixed = FixedClock(start)
    assert fixed.now() == start and fixed.now() == start
    fixed.advance(90)
    fixed.advance(days=1)
    assert fixed.now() == start + dt.timedelta(days=1, seconds=90)
    with pytest.raises(ValueError, match="aware"):
        FixedClock(dt.datetime(2026, 3, 1))


def test_use_puts_the_previous_clock_back(clock):
    other = FixedClock(dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    with use(other):
        assert current() is other
    assert current() is clock


def test_the_computers_clock_is_in_utc_and_local_dates_follow_the_zone():
    """Does the real clock give an aware UTC instant and the local date of it?"""
    real = Clock()
    before = dt.datetime.now(dt.UTC)  # the only other place allowed: this check
    now = real.now()
    assert now.tzinfo == dt.UTC and abs(now - before) < dt.timedelta(seconds=5)
    assert real.today() == real.local_now().date()


def test_a_running_clock_starts_where_it_is_told_and_runs_on():
    start = parse_start_time("2026-11-23T21:14:00+00:00")
    seconds = [100.0]
    running = RunningClock(start, counter=lambda: seconds[0])
    assert running.now() == start
    seconds[0] += 90.5
    assert running.now() == start + dt.timedelta(seconds=90.5)
    assert RunningClock(start).now() - start < dt.timedelta(seconds=5)  # the real pace
    with pytest.raises(ValueError, match="UTC offset"):
        parse_start_time("2026-11-23T21:14:00")


def test_the_start_time_setting_sets_the_pages_clock(tmp_path):
    """With HEALING_WORKBOOK_START_TIME, does a page see that day, whatever the real date?"""
    config = WorkbookConfig.from_environ(
        {ENV_START_TIME: "2031-05-02T08:00:00+00:00", "HEALING_WORKBOOK_DATA_DIR": str(tmp_path)}
    )
    assert ENV_START_TIME in WorkbookConfig.class_traits()["start_time"].help
    with use(FixedClock(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))):
        from widgets.session import Session

        Session(config=config)
        assert isinstance(current(), RunningClock)
        assert current().now().date() == dt.date(2031, 5, 2)
    with pytest.raises(ValueError, match="UTC offset"):
        WorkbookConfig.from_environ({ENV_START_TIME: "2031-05-02T08:00"})
    with pytest.raises(ValueError):
        WorkbookConfig.from_environ({ENV_START_TIME: "tomorrow"})


def test_pages_without_the_setting_keep_the_clock_they_were_given(tmp_path, clock):
    with page_session(DATA, tmp_path / "user"):
        assert current() is clock


def test_one_date_parser_accepts_only_real_year_month_day():
    """Are only real YYYY-MM-DD days read as days (every kind uses this one parser)?"""
    assert parse_day(" 2026-11-20 ") == dt.date(2026, 11, 20)
    assert parse_day("2028-02-29") == dt.date(2028, 2, 29)
    for text in ("2026-02-30", "2027-02-29", "20261120", "2026-11", "yesterday", "", None, 1):
        assert parse_day(text) is None


def test_every_page_of_a_served_app_runs_from_the_same_moment():
    """Pages opened later must not restart the clock, or their saves would look older."""
    start = parse_start_time("2026-11-23T21:14:00+00:00")
    ten_minutes_ago = Clock().now() - dt.timedelta(minutes=10)
    later_page = RunningClock(start, since=ten_minutes_ago)
    assert (
        dt.timedelta(minutes=10) <= later_page.now() - start < dt.timedelta(minutes=10, seconds=5)
    )
    config = WorkbookConfig.from_environ(
        {ENV_START_TIME: start.isoformat(), ENV_START_TIME_SINCE: ten_minutes_ago.isoformat()}
    )
    assert config.make_clock().now() - start >= dt.timedelta(minutes=10)
