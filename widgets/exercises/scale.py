"""A 0–10 rating: a slider and a number box that move together.

Dragging must never be the only way (WCAG 2.5.7), so the number box can be typed
into or stepped with the arrow keys.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from ._base import Exercise, html_block

__all__ = ["ScaleExercise"]


class ScaleExercise(Exercise):
    """A whole-number rating between ``min`` and ``max`` (0 and 10 by default)."""

    kind = "scale"
    free_text = False  # its answer holds no words the person typed

    def _build(self) -> list[w.Widget]:
        options = self.spec.options
        low, high = options.get("min", 0), options.get("max", 10)
        self.low, self.high = low, high
        self._touched = False  # an untouched scale is "not rated", not its minimum
        self.slider = w.IntSlider(
            min=low,
            max=high,
            value=low,
            description=self.spec.title,
            readout=False,
            continuous_update=False,
            layout=w.Layout(width="100%", max_width="32em"),
        )
        self.slider.add_class("hw-sr-label")
        self.number = w.BoundedIntText(
            min=low,
            max=high,
            value=low,
            description=f"Number ({low} to {high})",
            style={"description_width": "initial"},
            layout=w.Layout(width="14em"),
        )
        self._link = w.jslink((self.slider, "value"), (self.number, "value"))
        self.slider.observe(self._changed, "value")
        self.number.observe(self._changed, "value")
        ends = html_block(
            f'<div class="hw-scale-ends"><span>{low} = {html.escape(options["low_label"])}</span>'
            f"<span>{high} = {html.escape(options['high_label'])}</span></div>"
        )
        self.unset_note = html_block()
        return [self.slider, ends, self.number, self.unset_note]

    def _changed(self, change: Any = None) -> None:
        # The kernel hears both halves of the link; keep them equal here too so that
        # code (and tests) setting one half see the other follow.
        if change is not None and not self._showing:
            other = self.number if change["owner"] is self.slider else self.slider
            if other.value != change["new"]:
                other.value = change["new"]
        self._touched = True
        self.unset_note.value = ""
        super()._changed()

    def validate(self, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            return "Choose a whole number."
        if not self.low <= value <= self.high:
            return f"Choose a number from {self.low} to {self.high}."
        return None

    def _read(self) -> int | None:
        if not self._touched:
            return None
        return self.number.value

    def _show(self, value: Any) -> None:
        self._touched = value is not None
        shown = value if isinstance(value, int) and self.low <= value <= self.high else self.low
        self.slider.value = shown
        self.number.value = shown
        self.unset_note.value = "" if value is not None else '<p class="hw-help">Not rated yet.</p>'

    def _set_disabled(self, disabled: bool) -> None:
        self.slider.disabled = disabled
        self.number.disabled = disabled
