"""The one clock: every "now" and "today" in the workbook comes from here.

The rules (the README's developer section says the same in words):

- **Stored** times are instants in UTC (``saved_at`` of every revision, setting times,
  the names of set-aside files).
- **Shown** times and days are the person's local ones, in the computer's time zone at
  the moment they are shown: "Saved at 21:14", the dates in exports.
- A check-in, a slip, a planned activity or a timeline entry belongs to the **local
  date** on which it was written. That date is stored as plain text (``2026-11-23``)
  and never moves afterwards, even if the computer's time zone changes later: a day is
  a day as the person lived it.
- At local midnight "today" becomes the next day: a check-in page left open saves
  the next change under the new day. Across a daylight-saving change the local date
  simply follows the wall clock; instants stay in UTC, so the order of saves is right
  even when the fall-back hour repeats the same local times.

Nothing else in the package reads the system clock for a date or a time;
``tests/test_clock.py`` checks it. Tests install a :class:`FixedClock` with
:func:`use` (or :func:`set_clock`), so no test depends on the real date or time zone.
Durations (a writing timer, a debounce) use :func:`time.monotonic`, which is not a date.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import time
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["Clock", "FixedClock", "RunningClock", "current", "parse_day", "set_clock", "use"]


class Clock:
    """The computer's own clock and time zone."""

    def now(self) -> dt.datetime:
        """The current instant, in UTC (what is stored)."""
        return dt.datetime.now(dt.UTC)

    def local_now(self) -> dt.datetime:
        """The current time as the person's computer shows it (with its UTC offset)."""
        return self.now().astimezone()

    def today(self) -> dt.date:
        """The person's local date: the day a check-in or a slip belongs to."""
        return self.local_now().date()

    @staticmethod
    def local(moment: dt.datetime) -> dt.datetime:
        """A stored instant in the computer's current time zone (naive times are kept)."""
        return moment.astimezone() if moment.tzinfo is not None else moment

    @staticmethod
    def local_midnight(day: dt.date) -> dt.datetime:
        """The instant a local ``day`` began (its first existing minute across a DST gap)."""
        return dt.datetime.combine(day, dt.time()).astimezone()


class FixedClock(Clock):
    """A clock that stands still at a given instant until moved (tests, benchmarks).

    Build it from an aware instant, or with :meth:`at_local` from the wall time of the
    current time zone, so a test's "21:14 on 23 November" is that, wherever it runs.
    """

    def __init__(self, instant: dt.datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("a FixedClock needs an aware time; use FixedClock.at_local")
        self.instant = instant.astimezone(dt.UTC)

    @classmethod
    def at_local(cls, *fields: int) -> FixedClock:
        """The clock at a wall time of the computer's time zone, e.g. ``(2026, 11, 23, 21)``."""
        return cls(dt.datetime(*fields).astimezone())

    def now(self) -> dt.datetime:
        """The instant the clock stands at, in UTC."""
        return self.instant

    def advance(self, seconds: float = 0, **delta: float) -> None:
        """Move the clock on by ``seconds`` (and any ``timedelta`` keywords: days, hours)."""
        self.instant += dt.timedelta(seconds=seconds, **delta)

    def set(self, instant: dt.datetime) -> None:
        """Jump to another aware instant."""
        self.instant = instant.astimezone(dt.UTC)

    def __repr__(self) -> str:
        return f"FixedClock({self.instant.isoformat()})"


class RunningClock(Clock):
    """A clock that starts at a given instant and runs on at the real pace.

    The app uses it when ``HEALING_WORKBOOK_START_TIME`` is set, so a browser test or
    a demonstration sees the same day whatever the real date is, and saves still get
    later times as time passes. The pace comes from :func:`time.monotonic`.
    """

    def __init__(
        self,
        start: dt.datetime,
        counter: Callable[[], float] = time.monotonic,
        since: dt.datetime | None = None,
    ) -> None:
        if start.tzinfo is None:
            raise ValueError("a RunningClock needs an aware start time")
        self.start = start.astimezone(dt.UTC)
        self._counter = counter
        self._started = counter()
        if since is not None:  # the real moment the start time stood for
            self._started -= (Clock().now() - since).total_seconds()

    def now(self) -> dt.datetime:
        """The start time plus the real time that has passed since."""
        return self.start + dt.timedelta(seconds=self._counter() - self._started)


def parse_start_time(text: str) -> dt.datetime:
    """Read an ISO 8601 time with its UTC offset (``2026-11-23T21:14:00+00:00``)."""
    moment = dt.datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} has no UTC offset; write it like 2026-11-23T21:14:00+00:00")
    return moment


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: Any) -> dt.date | None:
    """The day written as ``YYYY-MM-DD`` in ``text`` (spaces around allowed), or ``None``."""
    if not isinstance(text, str) or not _ISO_DAY.fullmatch(text.strip()):
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


_current: Clock = Clock()


def current() -> Clock:
    """The clock in use: the computer's, unless a test or a benchmark set another."""
    return _current


def set_clock(clock: Clock | None) -> None:
    """Use ``clock`` from now on (``None`` goes back to the computer's clock)."""
    global _current
    _current = clock if clock is not None else Clock()


@contextlib.contextmanager
def use(clock: Clock) -> Iterator[Clock]:
    """Use ``clock`` inside a ``with`` block, then put the previous one back."""
    previous = _current
    set_clock(clock)
    try:
        yield clock
    finally:
        set_clock(previous)
