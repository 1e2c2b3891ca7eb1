"""Pick one answer from a short list."""

from __future__ import annotations

from typing import Any, ClassVar

import ipywidgets as w
from ipywidgets.widgets.widget_description import DescriptionStyle

from ..content import FieldSpec, option_list
from ._base import Exercise, shared

__all__ = ["SingleChoiceExercise"]


class SingleChoiceExercise(Exercise):
    """One choice among the options; nothing is chosen until the person picks."""

    kind = "single_choice"
    options: ClassVar[dict[str, FieldSpec]] = {
        "options": FieldSpec(list, check=option_list(2)),
    }
    example_options: ClassVar[dict[str, Any]] = {"options": ("Rest", "Walk", "Call a friend")}
    example_answer: ClassVar[Any] = "Walk"
    free_text = False  # its answer holds no words the person typed

    def _build(self) -> list[w.Widget]:
        self.options = list(self.spec.options["options"])
        self.choice = w.RadioButtons(
            options=self.options,
            value=None,
            description=self.spec.title,
            style=shared(DescriptionStyle),
            layout=shared(w.Layout, width="auto"),
        )
        self.choice.add_class("hw-sr-label")
        self.choice.observe(self._changed, "value")
        return [self.choice]

    def validate(self, value: Any) -> str | None:
        if value is None or value in self.options:
            return None
        return "Choose one of the options shown."

    def _read(self) -> str | None:
        return self.choice.value

    def _show(self, value: Any) -> None:
        self.choice.value = value if value in self.options else None

    def _set_disabled(self, disabled: bool) -> None:
        self.choice.disabled = disabled
