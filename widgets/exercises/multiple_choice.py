"""Tick any number of options: a checklist."""

from __future__ import annotations

from typing import Any, ClassVar

import ipywidgets as w

from ..content import FieldSpec, option_list
from ._base import Exercise, checkbox

__all__ = ["MultipleChoiceExercise"]


class MultipleChoiceExercise(Exercise):
    """A checklist; the answer is the ticked options, in the order shown."""

    kind = "multiple_choice"
    options: ClassVar[dict[str, FieldSpec]] = {
        "options": FieldSpec(list, check=option_list(2)),
    }
    example_options: ClassVar[dict[str, Any]] = {"options": ("Sad", "Angry", "Numb", "Relieved")}
    example_answer: ClassVar[Any] = ["Sad", "Numb"]
    free_text = False  # its answer holds no words the person typed

    def _build(self) -> list[w.Widget]:
        self.options = list(self.spec.options["options"])
        self.boxes = [checkbox(option) for option in self.options]
        for box in self.boxes:
            box.observe(self._changed, "value")
        grid = w.Box(
            self.boxes,
            layout=w.Layout(flex_flow="row wrap"),
        )
        grid.add_class("hw-checklist")
        return [grid]

    def empty_value(self) -> list[str]:
        return []

    def validate(self, value: Any) -> str | None:
        if not isinstance(value, list) or not all(item in self.options for item in value):
            return "Tick options from the list shown."
        return None

    def _read(self) -> list[str]:
        return [box.description for box in self.boxes if box.value]

    def _show(self, value: Any) -> None:
        chosen = set(value) if isinstance(value, list) else set()
        for box in self.boxes:
            box.value = box.description in chosen

    def _set_disabled(self, disabled: bool) -> None:
        for box in self.boxes:
            box.disabled = disabled
