"""Free-text journal, with an optional writing timer for expressive writing."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any, ClassVar

import ipywidgets as w
from traitlets import Int

from ..content import FieldSpec, int_range
from ._base import Exercise, html_block, plain_button

__all__ = ["MAX_CHARS", "JournalExercise", "WritingTimer"]

#: Longer answers are refused with a message (a stray 1 MB paste, say); the
#: earlier saved text stays.
MAX_CHARS = 100_000


class WritingTimer(w.HBox):
    """A start/stop writing timer that says how many minutes are left.

    It never stops anyone writing: when the time is up it says so kindly.
    """

    minutes = Int(15, help="Length of one writing session in minutes.")

    def __init__(self, minutes: int, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(layout=w.Layout(align_items="center", flex_flow="row wrap"))
        self.minutes = minutes
        self._clock = clock
        self._started: float | None = None
        self._handle = None
        self.button = plain_button(
            description=f"Start a {minutes}-minute timer",
            tooltip="Optional: time-box this writing",
        )
        self.button.on_click(lambda _b: self.stop() if self.running else self.start())
        self.readout = html_block()
        self.readout.add_class("hw-status")
        self.add_class("hw-row")
        self.children = (self.button, self.readout)

    @property
    def running(self) -> bool:
        """True between start and stop (or the end of the time)."""
        return self._started is not None

    def start(self) -> None:
        """Start a writing session now."""
        self._started = self._clock()
        self.button.description = "Stop the timer"
        self.tick()

    def stop(self, message: str = "Timer stopped. Stop whenever you are ready.") -> None:
        """End the session, leaving a short message."""
        self._started = None
        self.button.description = f"Start a {self.minutes}-minute timer"
        self.readout.value = f'<span role="status">{message}</span>'
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def tick(self) -> None:
        """Update the readout; called every few seconds while running."""
        if self._started is None:
            return
        left = int(self.minutes * 60 - (self._clock() - self._started))
        if left <= 0:
            self.stop(
                "Time is up. You can stop here: notice how you feel, and be gentle with yourself."
            )
            return
        minutes_left = (left + 59) // 60
        unit = "minute" if minutes_left == 1 else "minutes"
        self.readout.value = f'<span role="status">About {minutes_left} {unit} left.</span>'
        self._schedule()

    def _schedule(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # no event loop (plain Python): tests call tick() themselves
        self._handle = loop.call_later(15, self.tick)


class JournalExercise(Exercise):
    """A free-text answer in a large text box."""

    kind = "journal"
    options: ClassVar[dict[str, FieldSpec]] = {
        "placeholder": FieldSpec(str, required=False, default=""),
        "timer_minutes": FieldSpec(int, required=False, default=0, check=int_range(1, 60)),
        "rows": FieldSpec(int, required=False, default=8, check=int_range(2, 30)),
    }
    example_answer: ClassVar[Any] = "Zane's words"

    def _build(self) -> list[w.Widget]:
        options = self.spec.options
        self.text = w.Textarea(
            description=self.spec.title,
            placeholder=options.get("placeholder") or "",
            continuous_update=True,
            rows=options.get("rows") or 8,
            layout=w.Layout(width="100%"),
        )
        self.text.add_class("hw-sr-label")
        self.text.observe(self._changed, "value")
        controls: list[w.Widget] = [self.text]
        self.timer = None
        if options.get("timer_minutes") and not self.read_only:
            self.timer = WritingTimer(options["timer_minutes"])
            controls.insert(0, self.timer)
        return controls

    def empty_value(self) -> str:
        return ""

    def validate(self, value: Any) -> str | None:
        if not isinstance(value, str):
            return "This answer must be text."
        if len(value) > MAX_CHARS:
            return (
                f"This is longer than one answer can hold ({len(value):,} characters; the "
                f"limit is {MAX_CHARS:,}). Your last saved version is safe. Shorten it, "
                "or split it across days."
            )
        return None

    def _read(self) -> str:
        return self.text.value

    def _show(self, value: Any) -> None:
        self.text.value = value if isinstance(value, str) else ""

    def _set_disabled(self, disabled: bool) -> None:
        self.text.disabled = disabled
