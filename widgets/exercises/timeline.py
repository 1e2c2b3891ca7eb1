"""A relationship timeline: dated moments, each marked good, hard or a turning point.

Seeing the whole story in one place, the good beside the hard, is the
structured look back of step 2 (repeated structured reflection, Larson & Sbarra
2015, in CONTENT.md). A rough date is enough: ``YYYY-MM-DD``, ``YYYY-MM`` or
``YYYY``. Marks are always shown as words, never as colour alone.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, ClassVar

import ipywidgets as w

from ..content import ExerciseSpec, FieldSpec, int_range
from ..store import AnswerStore
from ._base import Exercise, html_block, plain_button
from ._rows import RowList

__all__ = ["DATE_HINT", "MARKS", "MAX_TEXT_CHARS", "TimelineExercise", "parse_rough_date"]

#: The marks a moment can have, as stored and as shown.
MARKS = ("good", "hard", "turning point")
MAX_TEXT_CHARS = 500
DATE_HINT = "Write the date like 2021-06-14, 2021-06 or just 2021."

_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_YEAR = re.compile(r"([0-9]{4})")
_FIELDS = {"date", "text", "mark"}


def parse_rough_date(text: str) -> tuple[int, int, int] | None:
    """Read ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; return (year, month, day) or None.

    A missing month or day is 0, so "2021" sorts before "2021-01" and
    "2021-01" before "2021-01-01".

    Parameters
    ----------
    text
        The date as the person typed it (surrounding spaces are ignored).
    """
    text = (text or "").strip()
    try:
        if _DAY.fullmatch(text):
            day = dt.date.fromisoformat(text)
            return day.year, day.month, day.day
        if match := _MONTH.fullmatch(text):
            year, month = int(match[1]), int(match[2])
            dt.date(year, month, 1)
            return year, month, 0
        if _YEAR.fullmatch(text):
            dt.date(int(text), 1, 1)
            return int(text), 0, 0
    except ValueError:
        return None
    return None


class TimelineExercise(Exercise):
    """Dated moments of a relationship, each marked good, hard or turning point.

    Parameters
    ----------
    spec, store
        As for :class:`~widgets.exercises.Exercise`.
    **kwargs
        Passed on to :class:`~widgets.exercises.Exercise`.
    """

    kind = "timeline"
    options: ClassVar[dict[str, FieldSpec]] = {
        "item_label": FieldSpec(str, required=False, default="Event"),
        "max_items": FieldSpec(int, required=False, default=100, check=int_range(1, 500)),
    }
    example_answer: ClassVar[Any] = [{"date": "2021-06", "text": "We met", "mark": "good"}]

    def __init__(
        self,
        spec: ExerciseSpec,
        store: AnswerStore | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(spec, store, **kwargs)

    def _build(self) -> list[w.Widget]:
        options = self.spec.options
        self.item_label = options.get("item_label") or "Event"
        self.max_items = options.get("max_items") or 100
        self.row_boxes: list[dict[str, w.Widget]] = []
        self.remove_buttons: list[w.Button] = []
        self.list = RowList(
            self._row,
            lambda index, _event: f"{self.item_label.lower()} {index + 1}",
            self._changed,
            read_only=self.read_only,
            empty_text='<p class="hw-help">No moments on the timeline yet.</p>',
            on_redraw=self._forget_rows,
        )
        self.list.rows.add_class("hw-timeline-rows")

        label = self.item_label.lower()
        self.new_date = w.Text(
            description="Date",
            placeholder="e.g. 2021-06",
            style={"description_width": "initial"},
            layout=w.Layout(flex="0 1 12em", min_width="0"),
        )
        self.new_text = w.Text(
            description="What happened",
            style={"description_width": "initial"},
            layout=w.Layout(flex="1 1 16em", min_width="0"),
        )
        self.new_mark = w.Dropdown(
            options=MARKS,
            value=None,
            description="Mark",
            style={"description_width": "initial"},
            layout=w.Layout(width="auto", min_width="0"),
        )
        self.add_button = plain_button(
            description=f"Add {label}",
            tooltip=f"Add this {label} to the timeline",
        )
        self.add_button.on_click(
            lambda _b: self.add_event(self.new_date.value, self.new_text.value, self.new_mark.value)
        )
        self.adder = w.VBox(
            [
                _line([self.new_date, self.new_mark]),
                _line([self.new_text, self.add_button]),
            ]
        )
        self.adder.add_class("hw-timeline-adder")
        self.sort_button = plain_button(
            description="Sort by date",
            tooltip="Put the moments in date order, earliest first",
        )
        self.sort_button.on_click(lambda _b: self.sort_by_date())
        self.tools = w.HBox([self.sort_button], layout=w.Layout(flex_flow="row wrap"))
        self.tools.add_class("hw-row")
        hint = html_block(
            '<p class="hw-help">Dates can be rough: 2021-06-14, 2021-06 or just 2021.</p>',
            layout=w.Layout(),  # its own: hidden in read-only mode
        )
        self.adder_hint = hint
        return [self.list, self.tools, hint, self.adder]

    @property
    def events(self) -> list[dict[str, str]]:
        """The moments as they stand, in order (edits included)."""
        return self.list.items

    @property
    def rows(self) -> w.VBox:
        """The box of rows, one per moment."""
        return self.list.rows

    # ------------------------------------------------------------- actions

    def add_event(self, date: str, text: str, mark: str | None) -> bool:
        """Add a moment at the end; return False (with a message) if refused.

        Parameters
        ----------
        date
            ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.
        text
            A few words about the moment.
        mark
            ``"good"``, ``"hard"`` or ``"turning point"``.
        """
        event = {"date": (date or "").strip(), "text": (text or "").strip(), "mark": mark}
        if len(self.events) >= self.max_items:
            self._set_problem(f"This timeline holds up to {self.max_items} moments.")
            return False
        problem = self._event_problem(event, f"This {self.item_label.lower()}")
        if problem:
            self._set_problem(problem)
            return False
        self.new_date.value = ""
        self.new_text.value = ""
        self.new_mark.value = None
        self.list.add(event)
        return True

    def edit_event(
        self,
        index: int,
        *,
        date: str | None = None,
        text: str | None = None,
        mark: str | None = None,
    ) -> None:
        """Change one moment in place (as typing in its boxes does)."""
        boxes = self.row_boxes[index]
        if date is not None:
            boxes["date"].value = date
        if text is not None:
            boxes["text"].value = text
        if mark is not None:
            boxes["mark"].value = mark if mark in MARKS else None

    def remove_event(self, index: int) -> None:
        """Remove the moment at ``index``."""
        self.list.remove(index)

    def sort_by_date(self) -> None:
        """Put the moments in date order; moments with the same date keep their order.

        Moments whose date cannot be read go last, so nothing is lost.
        """

        def key(event: dict[str, str]) -> tuple[int, tuple[int, int, int]]:
            parsed = parse_rough_date(event["date"])
            return (0, parsed) if parsed else (1, (0, 0, 0))

        ordered = sorted(self.events, key=key)  # sorted() is stable: ties keep their order
        if ordered == self.events:
            return
        self.list.show(ordered)
        self._changed()

    # ---------------------------------------------------------------- rows

    def _forget_rows(self) -> None:
        self.row_boxes.clear()
        self.remove_buttons.clear()

    def _row(self, index: int, event: dict[str, str], buttons: list[w.Button]) -> w.Widget:
        label, number = self.item_label, index + 1
        date = w.Text(
            value=event["date"],
            description=f"{label} {number} date",
            style={"description_width": "initial"},
            disabled=self.read_only,
            layout=w.Layout(flex="0 1 14em", min_width="0"),
        )
        text = w.Text(
            value=event["text"],
            description=f"{label} {number}",
            style={"description_width": "initial"},
            disabled=self.read_only,
            layout=w.Layout(flex="1 1 16em", min_width="0"),
        )
        mark = w.Dropdown(
            options=MARKS,
            value=event["mark"] if event["mark"] in MARKS else None,
            description=f"{label} {number} mark",
            style={"description_width": "initial"},
            disabled=self.read_only,
            layout=w.Layout(width="auto", min_width="0"),
        )
        boxes = {"date": date, "text": text, "mark": mark}
        self.remove_buttons += buttons
        row = w.VBox([_line([date, mark]), _line([text, *buttons])])
        row.add_class("hw-timeline-event")
        row.add_class(_mark_class(event["mark"]))
        for field, box in boxes.items():
            box.observe(self._edited(index, field, row), "value")
        self.row_boxes.append(boxes)
        return row

    def _edited(self, index: int, field: str, row: w.VBox):
        def on_edit(change: dict) -> None:
            if self._showing:
                return
            if field == "mark":
                row.remove_class(_mark_class(change["old"]))
                row.add_class(_mark_class(change["new"]))
            self.events[index][field] = change["new"]
            self._changed()

        return on_edit

    def _event_problem(self, event: Any, name: str) -> str | None:
        if not isinstance(event, dict) or set(event) != _FIELDS:
            return "Each moment needs a date, a few words and a mark."
        date, text, mark = event["date"], event["text"], event["mark"]
        if not isinstance(date, str) or not date.strip():
            return f"{name} needs a date. {DATE_HINT}"
        parsed = parse_rough_date(date)
        if parsed is None:
            return f"The date of {name.lower()} could not be read. {DATE_HINT}"
        if _too_late(parsed, self.clock.today()):
            return f"The date of {name.lower()} is after today. Check the year. {DATE_HINT}"
        if not isinstance(text, str) or not text.strip():
            return f"{name} needs a few words about what happened."
        if len(text) > MAX_TEXT_CHARS:
            return f"Keep {name.lower()} under {MAX_TEXT_CHARS} characters; your last save is safe."
        if mark not in MARKS:
            return f"{name} needs a mark: good, hard or turning point."
        return None

    # ------------------------------------------------------- Exercise hooks

    def empty_value(self) -> list[dict[str, str]]:
        return []

    def validate(self, value: Any) -> str | None:
        if not isinstance(value, list):
            return "This answer must be a list of moments."
        if len(value) > self.max_items:
            return f"This timeline holds up to {self.max_items} moments."
        for index, event in enumerate(value):
            problem = self._event_problem(event, f"{self.item_label} {index + 1}")
            if problem:
                return problem
        return None

    def _read(self) -> list[dict[str, Any]]:
        return [
            {
                "date": event["date"].strip() if isinstance(event["date"], str) else event["date"],
                "text": event["text"].strip() if isinstance(event["text"], str) else event["text"],
                "mark": event["mark"],
            }
            for event in self.events
        ]

    def _show(self, value: Any) -> None:
        events = value if isinstance(value, list) else []
        self.list.show(
            [
                {
                    "date": str(event.get("date", "")),
                    "text": str(event.get("text", "")),
                    "mark": event.get("mark") if event.get("mark") in MARKS else None,
                }
                for event in events
                if isinstance(event, dict)
            ]
        )

    def _set_disabled(self, disabled: bool) -> None:
        for widget in (self.new_date, self.new_text, self.new_mark, self.add_button):
            widget.disabled = disabled
        self.sort_button.disabled = disabled
        hidden = "none" if disabled else None
        self.adder.layout.display = hidden
        self.tools.layout.display = hidden
        self.adder_hint.layout.display = hidden


def _too_late(parsed: tuple[int, int, int], today: dt.date) -> bool:
    year, month, day = parsed
    return (year, month or 1, day or 1) > (today.year, today.month, today.day)


def _line(widgets: list[w.Widget]) -> w.HBox:
    line = w.HBox(widgets, layout=w.Layout(flex_flow="row wrap", align_items="center"))
    line.add_class("hw-row")
    return line


def _mark_class(mark: str | None) -> str:
    return f"hw-timeline-mark-{(mark or 'none').replace(' ', '-')}"
