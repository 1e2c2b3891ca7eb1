"""Days of no contact (or low contact) with the ex, with slips and urges noted kindly.

Step 6. Keeping distance gives the pull towards the ex room to fade; counting the
days makes the effort visible. A slip never resets or erases the count: the days
kept stay kept, and the slip is noted beside them as something to learn from, not
a failure. Urges are logged with their strength (0–10) and what the person did
instead, so they can see urges rise and pass.

The pure functions :func:`days_counted`, :func:`days_kept` and :func:`slip_days`
work on a saved answer, so other pages (the journey page) can show the count too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import ipywidgets as w

from ..clock import parse_day
from ..content import FieldSpec
from ..words import esc, plural
from ._base import Exercise, html_block, plain_button, shared
from ._rows import RowList, wrapped_row

__all__ = [
    "MAX_ENTRIES",
    "MAX_NOTE_CHARS",
    "MODES",
    "ContactTrackerExercise",
    "days_counted",
    "days_kept",
    "last_logged_day",
    "slip_days",
    "summary_text",
]

#: The two ways of keeping distance, as saved in the answer.
MODES = ("no contact", "low contact")
#: A note is a few sentences; a stray huge paste is refused with a message.
MAX_NOTE_CHARS = 2_000
#: Slips and urges each; far more than a person would log in a year.
MAX_ENTRIES = 1_000

_DATE_HINT = "Write the date like 2026-11-20."


def _start(value: Any) -> dt.date | None:
    return parse_day(value.get("start")) if isinstance(value, dict) else None


def last_logged_day(value: Any) -> dt.date | None:
    """The latest day the record mentions (start, slip or urge), or ``None``.

    A worked example counts up to this day, not to the reader's today, so its
    figures stay the ones its story tells.
    """
    if not isinstance(value, dict):
        return None
    entries = [
        entry
        for key in ("slips", "urges")
        if isinstance(value.get(key), list)
        for entry in value[key]
        if isinstance(entry, dict)
    ]
    dates = [value.get("start"), *(entry.get("date") for entry in entries)]
    days = [day for day in map(parse_day, dates) if day is not None]
    return max(days, default=None)


def days_counted(value: Any, today: dt.date) -> int:
    """Days from the start date to ``today``, both included (0 before a start is set).

    Parameters
    ----------
    value
        A contact tracker answer (``{"start": "2026-11-01", ...}``).
    today
        The day to count up to.
    """
    start = _start(value)
    if start is None or start > today:
        return 0
    return (today - start).days + 1


def slip_days(value: Any, today: dt.date) -> set[dt.date]:
    """The distinct days with a slip, from the start date to ``today``."""
    start = _start(value)
    if start is None:
        return set()
    slips = value.get("slips")
    days = set()
    for slip in slips if isinstance(slips, list) else []:
        day = parse_day(slip.get("date")) if isinstance(slip, dict) else None
        if day is not None and start <= day <= today:
            days.add(day)
    return days


def days_kept(value: Any, today: dt.date) -> int:
    """Days counted less the days with a slip: a slip never erases the other days."""
    return days_counted(value, today) - len(slip_days(value, today))


def summary_text(value: Any, today: dt.date) -> str:
    """The count in words, e.g. ``"Day 12 of no contact. 11 days kept."``."""
    counted = days_counted(value, today)
    if counted == 0:
        return "Choose the day you started to begin counting. It can be today."
    mode = value.get("mode") if value.get("mode") in MODES else MODES[0]
    return f"Day {counted} of {mode}. {plural(days_kept(value, today), 'day')} kept."


def _by_date(entry: dict[str, Any]) -> str:
    return entry["date"]


def _urge_about(urge: dict[str, Any]) -> str:
    """An urge in a few words: its day, and its strength when given."""
    strength = urge["strength"]
    return urge["date"] + (f", strength {strength}" if strength is not None else "")


class ContactTrackerExercise(Exercise):
    """A start date and mode, the day count, and logs of slips and urges.

    Days are counted to today, from the workbook's one clock; a worked example
    counts to its own last logged day instead (:func:`last_logged_day`).
    """

    kind = "contact_tracker"
    options: ClassVar[dict[str, FieldSpec]] = {
        "urge_prompt": FieldSpec(
            str, required=False, default="What was happening, and what did you do instead?"
        ),
    }
    example_answer: ClassVar[Any] = {
        "start": "2026-11-01",
        "mode": "no contact",
        "slips": [{"date": "2026-11-10", "note": "Texted late"}],
        "urges": [{"date": "2026-11-12", "strength": 6, "note": "Saw a photo"}],
    }

    @classmethod
    def is_started(cls, value: Any) -> bool:
        """Started once there is a start day, a slip or an urge (the mode is a preset)."""
        return isinstance(value, dict) and bool(
            str(value.get("start") or "").strip() or value.get("slips") or value.get("urges")
        )

    def __init__(self, *args: Any, **kwargs: Any):
        self._shown_until = (
            last_logged_day(kwargs.get("value")) if kwargs.get("read_only") else None
        )
        super().__init__(*args, **kwargs)

    def _today(self) -> dt.date:
        """The day counted to: today, or a worked example's last logged day."""
        return self._shown_until or self.clock.today()

    def _build(self) -> list[w.Widget]:
        today = self._today().isoformat()
        self.slip_list = RowList(
            self._slip_row,
            lambda index, slip: f"slip {index + 1}, on {slip['date']}",
            self._changed,
            read_only=self.read_only,
        )
        # Urges are shown newest first (the list's items run in that order); among
        # urges of one day, the one logged last first.
        self.urge_list = RowList(
            self._urge_row,
            lambda position, urge: f"urge {position + 1} ({_urge_about(urge)})",
            self._changed,
            read_only=self.read_only,
        )
        #: What the summary says, as plain text: the day count, then the kind line.
        self.summary_lines: list[str] = []
        wide = {"flex": "1 1 14em", "min_width": "0"}
        initial = {"description_width": "initial"}

        self.start_box = w.Text(
            description="I started on (YYYY-MM-DD)",
            placeholder=today,
            style=initial,
            layout=w.Layout(**wide, max_width="24em"),
        )
        self.start_box.observe(self._changed, "value")
        self.start_today_button = plain_button(
            description="Start today",
            tooltip="Set the start date to today",
            layout=w.Layout(width="auto"),
        )
        self.start_today_button.on_click(lambda _b: self.start_today())
        start_row = w.HBox(
            [self.start_box, self.start_today_button],
            layout=w.Layout(flex_flow="row wrap", align_items="center"),
        )
        start_row.add_class("hw-row")
        self.mode = w.RadioButtons(
            options=[("No contact", MODES[0]), ("Low contact", MODES[1])],
            value=MODES[0],
            description="What I am keeping",
            style=initial,
            layout=w.Layout(width="auto"),
        )
        self.mode.observe(self._changed, "value")
        self.summary = html_block()
        self.summary.add_class("hw-contact_tracker-summary-box")

        # -- slips
        slip_heading = html_block(
            '<h4 class="hw-contact_tracker-heading">Slips</h4>'
            '<p class="hw-help">If you made contact, note it here. '
            "It does not reset your count.</p>"
        )
        self.slip_list.rows.add_class("hw-contact_tracker-list")
        self.slip_date = w.Text(
            value=today,
            description="Date of the slip",
            placeholder="YYYY-MM-DD",
            style=initial,
            layout=w.Layout(flex="1 1 12em", min_width="0", max_width="20em"),
        )
        self.slip_note = w.Text(
            description="What happened (optional)",
            style=initial,
            layout=w.Layout(**wide),
        )
        self.log_slip_button = plain_button(description="Log a slip")
        self.log_slip_button.on_click(
            lambda _b: self.log_slip(self.slip_date.value, self.slip_note.value)
        )
        self.slip_adder = w.HBox(
            [self.slip_date, self.slip_note, self.log_slip_button],
            layout=w.Layout(flex_flow="row wrap", align_items="center"),
        )
        self.slip_adder.add_class("hw-row")

        # -- urges
        urge_prompt = self.spec.options.get("urge_prompt") or ""
        urge_heading = html_block(
            '<h4 class="hw-contact_tracker-heading">Urges</h4>'
            '<p class="hw-help">An urge to get in touch rises and passes. '
            "Noting it can help you see that.</p>"
        )
        self.urge_list.rows.add_class("hw-contact_tracker-list")
        self.urge_date = w.Text(
            value=today,
            description="Date of the urge",
            placeholder="YYYY-MM-DD",
            style=initial,
            layout=w.Layout(flex="1 1 12em", min_width="0", max_width="20em"),
        )
        self.urge_strength = w.BoundedIntText(
            value=5,
            min=0,
            max=10,
            description="Strength (0 to 10)",
            style=initial,
            layout=w.Layout(width="12em"),
        )
        urge_label = html_block(f'<p class="hw-contact_tracker-prompt">{esc(urge_prompt)}</p>')
        self.urge_note = w.Textarea(
            description=urge_prompt or "Note",
            rows=2,
            layout=w.Layout(width="100%"),
        )
        self.urge_note.add_class("hw-sr-label")  # the prompt is shown just above
        self.log_urge_button = plain_button(
            description="Log this urge",
            layout=shared(w.Layout, width="auto", align_self="flex-start"),
        )
        self.log_urge_button.on_click(
            lambda _b: self.log_urge(
                self.urge_date.value, self.urge_strength.value, self.urge_note.value
            )
        )
        urge_top = w.HBox(
            [self.urge_date, self.urge_strength],
            layout=w.Layout(flex_flow="row wrap", align_items="center"),
        )
        urge_top.add_class("hw-row")
        self.urge_adder = w.VBox([urge_top, urge_label, self.urge_note, self.log_urge_button])
        self.urge_adder.add_class("hw-contact_tracker-adder")
        for field in (
            self.start_box,
            self.slip_date,
            self.slip_note,
            self.urge_date,
            self.urge_strength,
        ):
            field.add_class("hw-contact_tracker-field")  # label above the box on a phone
        return [
            start_row,
            self.mode,
            self.summary,
            slip_heading,
            self.slip_adder,
            self.slip_list,
            urge_heading,
            self.urge_adder,
            self.urge_list,
        ]

    @property
    def slips(self) -> list[dict[str, str]]:
        """The slips, in date order."""
        return self.slip_list.items

    @property
    def urges(self) -> list[dict[str, Any]]:
        """The urges, in date order (oldest first, as saved)."""
        return self.urge_list.items[::-1]

    @property
    def slip_rows(self) -> w.VBox:
        """The rows of the slips, in date order."""
        return self.slip_list.rows

    @property
    def urge_rows(self) -> w.VBox:
        """The rows of the urges, newest first."""
        return self.urge_list.rows

    # ------------------------------------------------------------- actions

    def start_today(self) -> None:
        """Set the start date to today."""
        self.start_box.value = self._today().isoformat()

    def log_slip(self, date: str, note: str = "") -> bool:
        """Note a slip on ``date``; return False (with a message) if refused.

        The count is never reset: the day of the slip is simply not counted as kept.
        """
        day = parse_day(date)
        note = (note or "").strip()
        start = parse_day(self.start_box.value)
        today = self._today()
        if day is None:
            return self._refuse(_DATE_HINT)
        if start is None:
            return self._refuse("Set your start date first, then log the slip.")
        if not start <= day <= today:
            return self._refuse(
                f"Choose a day from your start date ({start.isoformat()}) to today."
            )
        if len(note) > MAX_NOTE_CHARS:
            return self._refuse(f"Keep the note under {MAX_NOTE_CHARS:,} characters.")
        if len(self.slips) >= MAX_ENTRIES:
            return self._refuse(f"This log holds up to {MAX_ENTRIES:,} slips.")
        slips = sorted([*self.slips, {"date": day.isoformat(), "note": note}], key=_by_date)
        self.slip_note.value = ""
        self.slip_list.show(slips)
        self._changed()
        return True

    def log_urge(self, date: str, strength: int | None, note: str = "") -> bool:
        """Note an urge on ``date`` with its ``strength`` (0–10); return False if refused."""
        day = parse_day(date)
        note = (note or "").strip()
        if day is None:
            return self._refuse(_DATE_HINT)
        if day > self._today():
            return self._refuse("Choose today or an earlier day for the urge.")
        if strength is not None and (
            not isinstance(strength, int) or isinstance(strength, bool) or not 0 <= strength <= 10
        ):
            return self._refuse("Choose a strength from 0 to 10.")
        if len(note) > MAX_NOTE_CHARS:
            return self._refuse(f"Keep the note under {MAX_NOTE_CHARS:,} characters.")
        if len(self.urges) >= MAX_ENTRIES:
            return self._refuse(f"This log holds up to {MAX_ENTRIES:,} urges.")
        urge = {"date": day.isoformat(), "strength": strength, "note": note}
        self.urge_note.value = ""
        self._show_urges(sorted([*self.urges, urge], key=_by_date))
        self._changed()
        return True

    def remove_slip(self, index: int) -> None:
        """Remove the slip at ``index`` (in date order), e.g. one logged by mistake."""
        self.slip_list.remove(index)

    def remove_urge(self, index: int) -> None:
        """Remove the urge at ``index`` (in date order, oldest first)."""
        self.urge_list.remove(len(self.urge_list.items) - 1 - index)

    def _refuse(self, message: str) -> bool:
        self._set_problem(message)
        return False

    # ---------------------------------------------------------------- rows

    def _show_urges(self, urges: list[dict[str, Any]]) -> None:
        """Show ``urges`` (in date order, oldest first) newest first."""
        self.urge_list.show(urges[::-1])

    def _slip_row(self, _index: int, slip: dict[str, str], buttons: list[w.Button]) -> w.Widget:
        text = f"Slip on {slip['date']}" + (f": {slip['note']}" if slip["note"] else "")
        return self._entry_row(text, buttons)

    def _urge_row(self, _index: int, urge: dict[str, Any], buttons: list[w.Button]) -> w.Widget:
        text = _urge_about(urge) + (" of 10" if urge["strength"] is not None else "")
        return self._entry_row(text + (f": {urge['note']}" if urge["note"] else ""), buttons)

    @staticmethod
    def _entry_row(text: str, buttons: list[w.Button]) -> w.Widget:
        label = html_block(f'<span class="hw-contact_tracker-entry">{esc(text)}</span>')
        label.layout = w.Layout(flex="1 1 14em", min_width="0")
        return wrapped_row([label, *buttons])

    def _refresh_summary(self) -> None:
        value = self._read()
        today = self._today()
        lines = [summary_text(value, today)]
        if slip_days(value, today):
            counted = days_counted(value, today)
            lines.append(
                f"A slip is not a failure. You kept {days_kept(value, today)} of "
                f"{plural(counted, 'day')}."
            )
        self.summary_lines = lines
        self.summary.value = (
            '<div class="hw-contact_tracker-summary" role="status">'
            + "".join(f"<p>{esc(line)}</p>" for line in lines)
            + "</div>"
        )

    # ------------------------------------------------------- Exercise hooks

    def _redraw(self) -> None:
        self._refresh_summary()

    def empty_value(self) -> dict[str, Any]:
        """No start date yet, no contact, nothing logged."""
        return {"start": "", "mode": MODES[0], "slips": [], "urges": []}

    def validate(self, value: Any) -> str | None:
        """Check the shape of the whole answer, its dates and its notes."""
        if not isinstance(value, dict) or set(value) != {"start", "mode", "slips", "urges"}:
            return "This answer must hold a start date, a mode, slips and urges."
        today = self._today()
        start_text, slips, urges = value["start"], value["slips"], value["urges"]
        if not isinstance(start_text, str):
            return "The start date must be text like 2026-11-01."
        start = parse_day(start_text)
        if start_text.strip() and start is None:
            return "Write the start date like 2026-11-01."
        if start is not None and start > today:
            return "Your start date is after today. Choose today or an earlier day."
        if value["mode"] not in MODES:
            return "Choose no contact or low contact."
        if not isinstance(slips, list) or not isinstance(urges, list):
            return "Slips and urges must be lists."
        if len(slips) > MAX_ENTRIES or len(urges) > MAX_ENTRIES:
            return f"Each log holds up to {MAX_ENTRIES:,} entries."
        for slip in slips:
            if not isinstance(slip, dict) or set(slip) != {"date", "note"}:
                return "Each slip must have a date and a note."
            day = parse_day(slip["date"])
            if day is None:
                return _DATE_HINT
            if start is None:
                return "Set your start date before logging a slip."
            if not start <= day <= today:
                return (
                    f"A slip on {day.isoformat()} is outside your start date to today. "
                    "Remove it, or choose an earlier start date."
                )
            if not isinstance(slip["note"], str) or len(slip["note"]) > MAX_NOTE_CHARS:
                return f"Keep each note under {MAX_NOTE_CHARS:,} characters."
        for urge in urges:
            if not isinstance(urge, dict) or set(urge) != {"date", "strength", "note"}:
                return "Each urge must have a date, a strength and a note."
            day = parse_day(urge["date"])
            if day is None:
                return _DATE_HINT
            if day > today:
                return "An urge cannot be dated after today."
            strength = urge["strength"]
            if strength is not None and (
                not isinstance(strength, int)
                or isinstance(strength, bool)
                or not 0 <= strength <= 10
            ):
                return "Choose a strength from 0 to 10."
            if not isinstance(urge["note"], str) or len(urge["note"]) > MAX_NOTE_CHARS:
                return f"Keep each note under {MAX_NOTE_CHARS:,} characters."
        return None

    def _read(self) -> dict[str, Any]:
        return {
            "start": self.start_box.value.strip(),
            "mode": self.mode.value,
            "slips": [dict(slip) for slip in self.slips],
            "urges": [dict(urge) for urge in self.urges],
        }

    def _show(self, value: Any) -> None:
        if not isinstance(value, dict):
            value = self.empty_value()
        start = value.get("start")
        self.start_box.value = start if isinstance(start, str) else ""
        self.mode.value = value.get("mode") if value.get("mode") in MODES else MODES[0]
        # Worked examples are shown without validation: keep only well-formed entries.
        self.slip_list.show(
            [
                {"date": entry["date"], "note": _text(entry.get("note"))}
                for entry in _entries(value.get("slips"))
            ]
        )
        self._show_urges(
            [
                {
                    "date": entry["date"],
                    "strength": _strength(entry),
                    "note": _text(entry.get("note")),
                }
                for entry in _entries(value.get("urges"))
            ]
        )
        self._refresh_summary()

    def _set_disabled(self, disabled: bool) -> None:
        self.start_box.disabled = disabled
        self.mode.disabled = disabled
        for control in (
            self.start_today_button,
            self.slip_date,
            self.slip_note,
            self.log_slip_button,
            self.urge_date,
            self.urge_strength,
            self.urge_note,
            self.log_urge_button,
        ):
            control.disabled = disabled
        hidden = "none" if disabled else None
        self.start_today_button.layout.display = hidden
        self.slip_adder.layout.display = hidden
        self.urge_adder.layout.display = hidden


def _entries(entries: Any) -> list[dict[str, Any]]:
    if not isinstance(entries, list):
        return []
    return [e for e in entries if isinstance(e, dict) and parse_day(e.get("date")) is not None]


def _text(note: Any) -> str:
    return note if isinstance(note, str) else ""


def _strength(entry: dict[str, Any]) -> int | None:
    strength = entry.get("strength")
    valid = isinstance(strength, int) and not isinstance(strength, bool) and 0 <= strength <= 10
    return strength if valid else None
