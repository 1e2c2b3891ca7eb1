"""The journey page: how far the person has come, as pictures and plain words.

* progress over the ten steps (exercises started out of each step's total);
* mood over time: each day's check-in and the 7-day average (pandas), drawn as
  an SVG with shapes as well as colours, a text description and the numbers as a
  table;
* the contact streak from step 6's tracker, with slips marked but never
  resetting the days kept;
* a short summary of the last 30 days.

The builders are plain functions of the pack, the store and a day, so they are
tested without a browser. Pictures hold no text the person wrote: only dates,
numbers and the pack's own titles, all escaped.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

import ipywidgets as w

from .clock import Clock
from .clock import current as current_clock
from .content import ExerciseSpec, Pack
from .daily_checkin import CHECKIN_PREFIX, CheckIn, checkins
from .exercises import started_ids
from .exercises._base import html_block
from .exercises.contact_tracker import days_counted, days_kept, slip_days
from .store import AnswerStore
from .words import esc, join_words, plural

__all__ = [
    "RANGES",
    "JourneyView",
    "contact_html",
    "mood_chart_html",
    "mood_frame",
    "progress_html",
    "step_progress",
    "summary_sentences",
]

#: The chart's choice of period: label -> days shown (``None``: since the first check-in).
RANGES: dict[str, int | None] = {
    "Last 30 days": 30,
    "Last 90 days": 90,
    "Last year": 365,
    "Everything": None,  # since the first check-in
}
DEFAULT_RANGE = "Last 90 days"


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b}"


def _long_day(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B} {day.year}"


def _one(value: float) -> str:
    return f"{value:.1f}"


# --------------------------------------------------------------------- progress


def step_progress(pack: Pack, store: AnswerStore) -> list[tuple[Any, int, int]]:
    """Each step with how many of its exercises are started, and how many it has."""
    answered = started_ids(pack, store)
    rows = []
    for step in pack.steps:
        started = sum(1 for exercise_id in step.exercise_ids if exercise_id in answered)
        rows.append((step, started, len(step.exercise_ids)))
    return rows


def progress_html(pack: Pack, store: AnswerStore) -> str:
    """The ten steps as tiles: a bar and words for how much is done, a link to each."""
    rows = step_progress(pack, store)
    tiles = []
    for step, started, total in rows:
        share = started / total if total else 0.0
        state = "not started" if started == 0 else ("all done" if started == total else "started")
        tiles.append(
            f'<li class="hw-tile hw-tile-{state.replace(" ", "-")}">'
            f'<a href="{esc(step.notebook)}"><span class="hw-tile-number">Step {step.number}'
            f"</span> {esc(step.title)}</a>"
            f'<span class="hw-bar" aria-hidden="true"><span style="width:{share * 100:.0f}%">'
            f"</span></span>"
            f'<span class="hw-tile-count">{started} of {total} exercises, {state}</span></li>'
        )
    done_steps = sum(1 for _step, started, _total in rows if started)
    exercises_done = sum(started for _step, started, _total in rows)
    exercises_all = sum(total for _step, _started, total in rows)
    return (
        f'<p class="hw-progress-text">You have started {done_steps} of {len(rows)} steps '
        f"and {exercises_done} of {exercises_all} exercises.</p>"
        f'<ol class="hw-tiles" role="list">{"".join(tiles)}</ol>'
    )


# ------------------------------------------------------------------------ mood


def mood_frame(items: Sequence[CheckIn]):
    """A day-by-day table (pandas) of mood and urge, with the 7-day average of each.

    Days without a check-in are rows of missing values, so the averages are over
    calendar weeks; a day with no check-in is left out of the average, not taken
    as zero.
    """
    import pandas as pd  # only the journey page needs pandas: import it there

    rated = [c for c in items if c.mood is not None or c.urge is not None]
    if not rated:
        return pd.DataFrame(columns=["mood", "urge", "mood_mean7", "urge_mean7"], dtype=float)
    frame = pd.DataFrame(
        {
            "mood": [c.mood for c in rated],
            "urge": [c.urge for c in rated],
        },
        index=pd.DatetimeIndex([pd.Timestamp(c.day) for c in rated], name="day"),
        dtype=float,
    ).asfreq("D")
    frame["mood_mean7"] = frame["mood"].rolling(7, min_periods=1).mean()
    frame["urge_mean7"] = frame["urge"].rolling(7, min_periods=1).mean()
    return frame


#: The chart is drawn twice: wide for a desk, narrow (fewer date labels) for a phone,
#: so its words stay a readable size at both; CSS shows the one that fits.
_SHAPES = {"wide": (640, 260, 5), "narrow": (340, 240, 3)}
_LEFT, _RIGHT, _TOP, _BOTTOM = 34, 12, 12, 40


def mood_chart_html(frame, today: dt.date, days: int | None) -> str:
    """The mood chart for the last ``days`` days up to ``today`` (all days if ``None``).

    Daily moods are dots, the 7-day average a thick line: told apart by shape,
    named in a legend, described in words and given as a table too.
    """
    import pandas as pd

    mood = frame["mood"].dropna() if len(frame) else frame.get("mood")
    if mood is None or mood.empty:
        return (
            '<p class="hw-empty">Your mood chart starts with your first check-in. '
            "Rate your mood above, and it appears here.</p>"
        )
    first_day = mood.index[0].date()
    end = max(today, mood.index[-1].date())
    # A fixed window (the last 30 days, say) even when check-ins began later, and
    # at least a week, so a first check-in is not drawn alone on the axis.
    start = end - dt.timedelta(days=(days or 7) - 1)
    if days is None:
        start = min(first_day, start)
    shown = frame.loc[pd.Timestamp(start) : pd.Timestamp(end)]
    description = _chart_description(shown, start, end)
    charts = "".join(_mood_svg(shown, start, end, shape, description) for shape in _SHAPES)
    legend = (
        '<ul class="hw-legend" role="list">'
        '<li><svg width="18" height="12" aria-hidden="true"><circle class="hw-dot" cx="9" '
        'cy="6" r="4"/></svg> mood that day (dot)</li>'
        '<li><svg width="28" height="12" aria-hidden="true"><path class="hw-mean" '
        'd="M2,6 L26,6"/></svg> average of the last 7 days (line)</li></ul>'
    )
    return (
        f'<figure class="hw-figure hw-mood">{charts}<figcaption>{legend}'
        f'<p class="hw-chart-words">{esc(description)}</p></figcaption></figure>'
        f"{_mood_table(shown)}"
    )


def _mood_svg(shown, start: dt.date, end: dt.date, shape: str, description: str) -> str:
    """One drawing of the chart, ``wide`` or ``narrow``."""
    import pandas as pd

    width, height, tick_count = _SHAPES[shape]
    span = max((end - start).days, 1)

    def x(day: dt.date) -> float:
        return _LEFT + (day - start).days / span * (width - _LEFT - _RIGHT)

    def y(value: float) -> float:
        return _TOP + (10 - value) / 10 * (height - _TOP - _BOTTOM)

    parts = []
    for level in range(0, 11, 2):
        parts.append(
            f'<line class="hw-grid" x1="{_LEFT}" x2="{width - _RIGHT}" y1="{y(level):.1f}" '
            f'y2="{y(level):.1f}"/><text class="hw-axis" x="{_LEFT - 8}" y="{y(level) + 4:.1f}" '
            f'text-anchor="end">{level}</text>'
        )
    for tick in _ticks(start, end, tick_count):
        label = f"{tick:%b %Y}" if span > 300 else _day(tick)
        # Labels near an edge are anchored inside it, so none is cut off.
        near = 26
        anchor = (
            "start"
            if x(tick) - _LEFT < near
            else "end"
            if width - _RIGHT - x(tick) < near
            else "middle"
        )
        parts.append(
            f'<line class="hw-grid" x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{_TOP}" '
            f'y2="{height - _BOTTOM}"/><text class="hw-axis" x="{x(tick):.1f}" '
            f'y="{height - _BOTTOM + 18}" text-anchor="{anchor}">{esc(label)}</text>'
        )
    # The 7-day average as a line, broken where a whole week has no check-in.
    path, pen_down = [], False
    for stamp, value in shown["mood_mean7"].items():
        if pd.isna(value):
            pen_down = False
            continue
        path.append(f"{'L' if pen_down else 'M'}{x(stamp.date()):.1f},{y(value):.1f}")
        pen_down = True
    if len(path) > 1:
        parts.append(f'<path class="hw-mean" d="{" ".join(path)}"/>')
    mood = shown["mood"].dropna()
    radius = 4 if len(mood) * 6 < width else 2.5
    for stamp, value in mood.items():
        parts.append(
            f'<circle class="hw-dot" cx="{x(stamp.date()):.1f}" cy="{y(value):.1f}" '
            f'r="{radius}"><title>{esc(_day(stamp.date()))}: mood {value:.0f}</title></circle>'
        )
    return (
        f'<svg class="hw-chart hw-chart-{shape}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="hw-mood-title-{shape} hw-mood-desc-{shape}">'
        f'<title id="hw-mood-title-{shape}">Mood from {esc(_day(start))} to '
        f"{esc(_day(end))}</title>"
        f'<desc id="hw-mood-desc-{shape}">{esc(description)}</desc>'
        f"{''.join(parts)}</svg>"
    )


def _ticks(start: dt.date, end: dt.date, count: int = 5) -> list[dt.date]:
    span = (end - start).days
    if span <= 0:
        return [start]
    step = max(1, round(span / count))
    return [start + dt.timedelta(days=offset) for offset in range(0, span + 1, step)]


def _chart_description(shown, start: dt.date, end: dt.date) -> str:
    mood = shown["mood"].dropna()
    if mood.empty:
        return f"No check-ins between {_day(start)} and {_day(end)}."
    latest_day = mood.index[-1].date()
    mean_now = shown["mood_mean7"].dropna()
    words = (
        f"{plural(len(mood), 'check-in')} from {_day(start)} to "
        f"{_day(end)}. Lowest mood {mood.min():.0f}, highest {mood.max():.0f}. "
        f"Latest {mood.iloc[-1]:.0f}, on {_day(latest_day)}."
    )
    if not mean_now.empty:
        last_mean_day = mean_now.index[-1].date()
        when = "is now" if last_mean_day >= end else f"was, on {_day(last_mean_day)},"
        words += f" The 7-day average {when} {_one(mean_now.iloc[-1])}."
    return words


def _mood_table(shown) -> str:
    rows = []
    for stamp, row in shown.iloc[::-1].iterrows():
        if row.isna()["mood"] and row.isna()["urge"]:
            continue
        cells = [
            f'<th scope="row">{esc(_day(stamp.date()))}</th>',
            f"<td>{_num(row['mood'])}</td>",
            f"<td>{_num(row['mood_mean7'], 1)}</td>",
            f"<td>{_num(row['urge'])}</td>",
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        '<details class="hw-numbers"><summary>The numbers as a table</summary>'
        '<table><thead><tr><th scope="col">Day</th><th scope="col">Mood</th>'
        '<th scope="col">7-day average</th><th scope="col">Urge</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></details>"
    )


def _num(value: float, places: int = 0) -> str:
    if value != value:  # NaN: not rated that day
        return "–"
    return f"{value:.{places}f}"


# --------------------------------------------------------------------- contact


def _trackers(pack: Pack) -> list[ExerciseSpec]:
    return [
        spec
        for spec in pack.exercises.values()
        if isinstance(spec, ExerciseSpec) and spec.kind == "contact_tracker"
    ]


def contact_value(pack: Pack, store: AnswerStore) -> tuple[ExerciseSpec, Any] | None:
    """The step 6 tracker and its saved answer, if the person has started one."""
    for spec in _trackers(pack):
        revision = store.latest(spec.id)
        if (
            revision is not None
            and isinstance(revision.value, dict)
            and revision.value.get("start")
        ):
            return spec, revision.value
    return None


_WEEKS_SHOWN = 13


def contact_html(pack: Pack, store: AnswerStore, today: dt.date) -> str:
    """The days kept since the start, week by week, with slips marked ×."""
    found = contact_value(pack, store)
    if found is None:
        tracker_ids = {spec.id for spec in _trackers(pack)}
        step = next((s for s in pack.steps if tracker_ids & set(s.exercise_ids)), None)
        where = f' on <a href="{esc(step.notebook)}">step {step.number}</a>' if step else ""
        return (
            '<p class="hw-empty">If you are keeping distance from your ex, start counting the '
            f"days{where}. The count shows here.</p>"
        )
    _spec, value = found
    counted = days_counted(value, today)
    if counted == 0:
        return '<p class="hw-empty">Your count starts on the day you chose.</p>'
    kept = days_kept(value, today)
    slips = slip_days(value, today)
    start = dt.date.fromisoformat(value["start"].strip())
    mode = value.get("mode") or "no contact"
    first_shown = max(start, today - dt.timedelta(days=_WEEKS_SHOWN * 7 - 1))
    monday = first_shown - dt.timedelta(days=first_shown.weekday())
    cell, gap, label_w = 22, 4, 70
    weeks = (today - monday).days // 7 + 1
    parts = []
    for index, name in enumerate("MTWTFSS"):
        parts.append(
            f'<text class="hw-axis" x="{label_w + index * (cell + gap) + cell / 2}" y="12" '
            f'text-anchor="middle">{name}</text>'
        )
    for week in range(weeks):
        row_y = 18 + week * (cell + gap)
        week_start = monday + dt.timedelta(days=7 * week)
        parts.append(
            f'<text class="hw-axis" x="{label_w - 8}" y="{row_y + cell * 0.7:.0f}" '
            f'text-anchor="end">{esc(_day(week_start))}</text>'
        )
        for weekday in range(7):
            day = week_start + dt.timedelta(days=weekday)
            if day < start or day > today:
                continue
            cx = label_w + weekday * (cell + gap)
            label = f"{_day(day)}: slip" if day in slips else f"{_day(day)}: kept"
            if day in slips:
                parts.append(
                    f'<g class="hw-slip"><title>{esc(label)}</title>'
                    f'<rect x="{cx}" y="{row_y}" width="{cell}" height="{cell}" rx="3"/>'
                    f'<path d="M{cx + 6},{row_y + 6} L{cx + cell - 6},{row_y + cell - 6} '
                    f'M{cx + cell - 6},{row_y + 6} L{cx + 6},{row_y + cell - 6}"/></g>'
                )
            else:
                parts.append(
                    f'<rect class="hw-kept" x="{cx}" y="{row_y}" width="{cell}" '
                    f'height="{cell}" rx="3"><title>{esc(label)}</title></rect>'
                )
    width = label_w + 7 * (cell + gap)
    height = 18 + weeks * (cell + gap)
    slip_words = "no slips" if not slips else f"{plural(len(slips), 'day')} with a slip, marked ×"
    words = (
        f"Day {counted} of {mode} since {_long_day(start)}. {plural(kept, 'day')} "
        f"kept, and {slip_words}. A slip never takes away the days you kept."
    )
    if first_shown != start:
        words += f" The picture shows the last {_WEEKS_SHOWN} weeks."
    return (
        f'<figure class="hw-figure hw-contact"><svg class="hw-weeks" viewBox="0 0 {width} '
        f'{height}" width="{width}" role="img" aria-labelledby="hw-contact-desc">'
        f"{''.join(parts)}</svg><figcaption>"
        '<ul class="hw-legend" role="list"><li><svg width="14" height="14" aria-hidden="true">'
        '<rect class="hw-kept" width="14" height="14" rx="2"/></svg> a day kept (filled)</li>'
        '<li><svg width="14" height="14" aria-hidden="true"><g class="hw-slip"><rect width="14" '
        'height="14" rx="2"/><path d="M3,3 L11,11 M11,3 L3,11"/></g></svg> a slip (×)</li></ul>'
        f'<p id="hw-contact-desc" class="hw-chart-words">{esc(words)}</p>'
        "</figcaption></figure>"
    )


# --------------------------------------------------------------------- summary


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _window(items: Sequence[CheckIn], today: dt.date, first: int, last: int, field: str):
    """Ratings of ``field`` from ``first`` to ``last`` days ago (0 is today)."""
    low, high = today - dt.timedelta(days=last), today - dt.timedelta(days=first)
    values = (getattr(c, field) for c in items if low <= c.day <= high)
    return [value for value in values if value is not None]


def _this_week(
    items: Sequence[CheckIn], today: dt.date, field: str, opening: str
) -> tuple[str, float | None] | None:
    """This week's average of ``field`` in a sentence, with the change since three weeks ago.

    ``None`` when nothing was rated this week; the change is ``None`` when
    nothing was rated three weeks ago.
    """
    now = _mean(_window(items, today, 0, 6, field))
    if now is None:
        return None
    then = _mean(_window(items, today, 21, 27, field))
    if then is None:
        return opening.format(_one(now)) + ".", None
    return f"{opening.format(_one(now))}, {_trend(now, then)}.", now - then


def _trend(now: float, then: float) -> str:
    if abs(now - then) < 0.3:
        return f"about the same as three weeks ago ({_one(then)})"
    return f"{'up' if now > then else 'down'} from {_one(then)} three weeks ago"


def summary_sentences(
    pack: Pack, store: AnswerStore, items: Sequence[CheckIn], today: dt.date
) -> list[str]:
    """The last 30 days in a few plain sentences, computed from the person's data."""
    recent = [c for c in items if today - dt.timedelta(days=29) <= c.day <= today]
    sentences = []
    if not recent:
        sentences.append(
            "You have not checked in during the last 30 days. One check-in a day, even a "
            "quick one, is enough to start seeing a pattern."
        )
    else:
        sentences.append(f"You checked in on {len(recent)} of the last 30 days.")
    mood = _this_week(items, today, "mood", "Your average mood this week was {}")
    if mood is not None:
        sentences.append(mood[0])
        if mood[1] is not None and mood[1] < -0.3:
            sentences.append(
                "Harder weeks are part of healing, not a step back. If it stays low, "
                "step 8 has ways to get support."
            )
    urge = _this_week(items, today, "urge", "Your urge to contact your ex averaged {} this week")
    if urge is not None:
        sentences.append(urge[0])
    named = Counter(word for c in recent for word in c.emotions)
    if named:
        top = [f"{word} ({plural(count, 'day')})" for word, count in named.most_common(3)]
        sentences.append(f"The feelings you named most were {join_words(top)}.")
    since = Clock.local_midnight(today - dt.timedelta(days=29))
    worked = {
        exercise_id
        for exercise_id, _saved in store.saved_since(since)
        if not exercise_id.startswith(CHECKIN_PREFIX) and exercise_id in pack.exercises
    }
    if worked:
        steps = {pack.exercises[e].step_slug for e in worked}
        sentences.append(
            f"You worked on {plural(len(worked), 'exercise')} in {plural(len(steps), 'step')}."
        )
    found = contact_value(pack, store)
    if found is not None and days_counted(found[1], today):
        kept = days_kept(found[1], today)
        sentences.append(f"You have kept {plural(kept, 'day')} of distance so far.")
    return sentences


# ------------------------------------------------------------------------ page


class JourneyView(w.VBox):
    """The journey page's pictures and summary, redrawn when the data changes.

    Parameters
    ----------
    pack, store
        The content pack and the person's store.

    "Today" is read from the workbook's one clock at each redraw.
    """

    def __init__(self, pack: Pack, store: AnswerStore) -> None:
        self.pack, self.store = pack, store
        self.progress = html_block(layout=w.Layout())
        # Radio buttons, not toggle buttons: screen readers announce which is chosen.
        self.range = w.RadioButtons(
            options=list(RANGES),
            value=DEFAULT_RANGE,
            description="Show",
            orientation="horizontal",
            style={"description_width": "initial"},
            layout=w.Layout(width="auto"),
        )
        self.range.add_class("hw-range")
        self.range.observe(lambda _change: self._draw_chart(), "value")
        self.chart = html_block(layout=w.Layout())
        self.contact = html_block(layout=w.Layout())
        self.summary = html_block(layout=w.Layout())
        super().__init__(
            [
                html_block('<h2 id="progress">Your steps</h2>'),
                self.progress,
                html_block('<h2 id="mood">Your mood over time</h2>'),
                self.range,
                self.chart,
                html_block('<h2 id="distance">Days of distance</h2>'),
                self.contact,
                html_block('<h2 id="summary">The last 30 days</h2>'),
                self.summary,
            ]
        )
        self.add_class("hw-journey")
        self.refresh()

    def refresh(self) -> None:
        """Read the store again and redraw everything."""
        today = current_clock().today()
        self._checkins = checkins(self.store)
        self._frame = mood_frame(self._checkins)
        self.progress.value = progress_html(self.pack, self.store)
        self._draw_chart()
        self.contact.value = contact_html(self.pack, self.store, today)
        sentences = summary_sentences(self.pack, self.store, self._checkins, today)
        self.summary.value = "".join(f"<p>{esc(s)}</p>" for s in sentences)

    def on_data_changed(self, erased: bool = False) -> None:
        """Something was saved, imported or erased: redraw."""
        self.refresh()

    def _draw_chart(self) -> None:
        today = current_clock().today()
        self.chart.value = mood_chart_html(self._frame, today, RANGES[self.range.value])
