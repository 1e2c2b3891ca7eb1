"""A rating on a scale: a slider and a number box that move together, or "not rated".

Shared by the scale exercise and the daily check-in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..words import esc
from ._base import QuietSetter, html_block

__all__ = ["Rating", "parse_rating"]

#: Plain ASCII digits only: ``str.isdigit`` also accepts "²" and "①", which ``int`` refuses.
_WHOLE_NUMBER = re.compile(r"[0-9]{1,3}")


class Rating:
    """A whole-number rating: a slider and a number box that move together, or "not rated".

    Dragging is never the only way (WCAG 2.5.7): the number box takes typing, and
    the slider takes the arrow keys. The box is empty until the person rates, so
    typing 0 is a rating of 0, not "no change" from a box that already showed 0.
    """

    def __init__(
        self,
        label: str,
        low_label: str,
        high_label: str,
        on_change: Callable[[], None],
        low: int = 0,
        high: int = 10,
        number_label: str | None = None,
    ) -> None:
        self.low, self.high = low, high
        self._on_change = on_change
        self._quiet = QuietSetter()
        self.slider = w.IntSlider(
            min=low,
            max=high,
            value=low,
            description=label,
            readout=False,
            continuous_update=False,
            layout=w.Layout(width="100%", max_width="32em"),
        )
        self.slider.add_class("hw-sr-label")
        self.number = w.Text(
            value="",
            placeholder="–",
            description=f"{number_label or label} ({low} to {high})",
            continuous_update=True,
            style={"description_width": "initial"},
            layout=w.Layout(width="auto", max_width="16em"),
        )
        self.slider.observe(self._slid, "value")
        self.number.observe(self._typed, "value")
        ends = html_block(
            f'<div class="hw-scale-ends"><span>{low} = {esc(low_label)}</span>'
            f"<span>{high} = {esc(high_label)}</span></div>"
        )
        self.note = html_block()
        self.widgets = [self.slider, ends, self.number, self.note]

    def _slid(self, change: dict) -> None:
        if self._quiet:
            return
        self._quiet.set(self.number, str(change["new"]))
        self.note.value = ""
        self._on_change()

    def _typed(self, change: dict) -> None:
        if self._quiet:
            return
        rating = self._parse(change["new"])
        if isinstance(rating, int):
            self._quiet.set(self.slider, rating)
        elif rating is None:  # emptied: the slider must not go on saying a number
            self._quiet.set(self.slider, self.low)
        self.note.value = "" if rating is not None else _NOT_RATED
        self._on_change()

    @property
    def value(self) -> int | str | None:
        """The rating, ``None`` if not rated, or the text typed if it is not 0–10."""
        return self._parse(self.number.value)

    def show(self, value: int | None) -> None:
        self._quiet.set(self.slider, value if value is not None else self.low)
        self._quiet.set(self.number, "" if value is None else str(value))
        self.note.value = "" if value is not None else _NOT_RATED

    def disable(self, disabled: bool) -> None:
        self.slider.disabled = self.number.disabled = disabled

    def _parse(self, text: str) -> int | str | None:
        return parse_rating(text, self.low, self.high)


def is_rating(value: Any, low: int = 0, high: int = 10) -> bool:
    """Say whether a saved rating is ``None`` (not rated) or a whole number in range."""
    return value is None or (
        isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
    )


def parse_rating(text: str, low: int = 0, high: int = 10) -> int | str | None:
    """What a rating box holds: ``None`` if empty, or the number if in range.

    Anything else is returned as the text itself, for the exercise to refuse
    with a message.
    """
    text = text.strip()
    if not text:
        return None
    if _WHOLE_NUMBER.fullmatch(text) and low <= int(text) <= high:
        return int(text)
    return text


_NOT_RATED = '<p class="hw-help">Not rated yet.</p>'
