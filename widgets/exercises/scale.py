"""A 0–10 rating: a slider and a number box that move together.

Dragging must never be the only way (WCAG 2.5.7), so the number box can be typed
into, and the slider takes the arrow keys. The box is empty until the person
rates, so typing 0 is an answer of 0.
"""

from __future__ import annotations

from typing import Any, ClassVar

import ipywidgets as w

from ..content import FieldSpec, int_range, nonblank
from ._base import Exercise
from ._rating import Rating

__all__ = ["ScaleExercise"]


class ScaleExercise(Exercise):
    """A whole-number rating between ``min`` and ``max`` (0 and 10 by default)."""

    kind = "scale"
    options: ClassVar[dict[str, FieldSpec]] = {
        "low_label": FieldSpec(str, check=nonblank),
        "high_label": FieldSpec(str, check=nonblank),
        "min": FieldSpec(int, required=False, default=0, check=int_range(0, 100)),
        "max": FieldSpec(int, required=False, default=10, check=int_range(1, 100)),
    }
    example_options: ClassVar[dict[str, Any]] = {"low_label": "none", "high_label": "a lot"}
    example_answer: ClassVar[Any] = 8
    free_text = False  # its answer holds no words the person typed

    @classmethod
    def cross_check(cls, options: dict[str, Any]) -> list[tuple[str, str]]:
        """The top of the scale must be above its bottom."""
        return [("max", "must be greater than min")] if options["min"] >= options["max"] else []

    def _build(self) -> list[w.Widget]:
        options = self.spec.options
        self.low, self.high = options.get("min", 0), options.get("max", 10)
        self.rating = Rating(
            self.spec.title,
            options["low_label"],
            options["high_label"],
            self._changed,
            low=self.low,
            high=self.high,
            number_label="Number",
        )
        self.slider, self.number = self.rating.slider, self.rating.number
        self.unset_note = self.rating.note
        return list(self.rating.widgets)

    def validate(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            return f"Choose a whole number from {self.low} to {self.high}."
        if not isinstance(value, int) or isinstance(value, bool):
            return "Choose a whole number."
        if not self.low <= value <= self.high:
            return f"Choose a number from {self.low} to {self.high}."
        return None

    def _read(self) -> int | str | None:
        return self.rating.value

    def _show(self, value: Any) -> None:
        valid = isinstance(value, int) and not isinstance(value, bool)
        self.rating.show(value if valid and self.low <= value <= self.high else None)

    def _set_disabled(self, disabled: bool) -> None:
        self.rating.disable(disabled)
