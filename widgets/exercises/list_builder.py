"""Build a short list: add, edit, remove and reorder items."""

from __future__ import annotations

from typing import Any, ClassVar

import ipywidgets as w

from ..content import FieldSpec, int_range, nonblank
from ._base import Exercise, plain_button
from ._rows import RowList, wrapped_row

__all__ = ["MAX_ITEM_CHARS", "ListBuilderExercise"]

MAX_ITEM_CHARS = 500


def mid_sentence(label: str) -> str:
    """``label`` as it reads inside a sentence: "Person" → "person", "I am…" stays."""
    first = label.split(" ", 1)[0]
    if not label or first in {"I", "I'm", "I’m", "I've", "I’ve", "I…"} or first.startswith("I…"):
        return label
    if len(first) > 1 and first.isupper():  # an abbreviation such as "GP"
        return label
    return label[0].lower() + label[1:]


class ListBuilderExercise(Exercise):
    """An ordered list of short text items the person can edit in place."""

    kind = "list_builder"
    options: ClassVar[dict[str, FieldSpec]] = {
        "item_label": FieldSpec(str, check=nonblank),
        "placeholder": FieldSpec(str, required=False, default=""),
        "max_items": FieldSpec(int, required=False, default=50, check=int_range(1, 500)),
    }
    example_options: ClassVar[dict[str, Any]] = {"item_label": "Person", "max_items": 5}
    example_answer: ClassVar[Any] = ["Max", "Clara"]

    def _build(self) -> list[w.Widget]:
        options = self.spec.options
        self.item_label = options["item_label"]
        self._label_in_sentence = mid_sentence(self.item_label)
        self.max_items = options.get("max_items") or 50
        self.row_texts: list[w.Text] = []
        self.list = RowList(
            self._row,
            lambda index, _item: f"{self._label_in_sentence} {index + 1}",
            self._changed,
            movable=True,
            read_only=self.read_only,
            on_redraw=self.row_texts.clear,
            empty_text='<p class="hw-help">Nothing on the list yet.</p>',
        )
        self.new_item = w.Text(
            description=f"New {self._label_in_sentence}",
            placeholder=options.get("placeholder") or "",
            style={"description_width": "initial"},
            layout=w.Layout(flex="1 1 16em", min_width="0"),
        )
        self.add_button = plain_button(description="Add")
        self.add_button.on_click(lambda _b: self.add_item(self.new_item.value))
        self.adder = w.HBox(
            [self.new_item, self.add_button],
            layout=w.Layout(flex_flow="row wrap", align_items="center"),
        )
        self.adder.add_class("hw-row")
        return [self.list, self.adder]

    @property
    def items(self) -> list[str]:
        """The items as they stand, in order (edits included)."""
        return self.list.items

    @property
    def rows(self) -> w.VBox:
        """The box of rows, one per item."""
        return self.list.rows

    # ------------------------------------------------------------- actions

    def add_item(self, text: str) -> bool:
        """Append ``text`` as a new item; return False (with a message) if refused."""
        text = (text or "").strip()
        if not text:
            self._set_problem(f"Type a {self._label_in_sentence} first, then press Add.")
            return False
        if len(self.items) >= self.max_items:
            self._set_problem(f"This list holds up to {self.max_items} items.")
            return False
        if len(text) > MAX_ITEM_CHARS:
            self._set_problem(f"Keep each item under {MAX_ITEM_CHARS} characters.")
            return False
        self.new_item.value = ""
        self.list.add(text)
        return True

    def remove_item(self, index: int) -> None:
        """Remove the item at ``index``."""
        self.list.remove(index)

    def move_item(self, index: int, offset: int) -> None:
        """Move the item at ``index`` up (-1) or down (+1)."""
        self.list.move(index, offset)

    def edit_item(self, index: int, text: str) -> None:
        """Replace the text of the item at ``index`` (as typing in its box does)."""
        self.row_texts[index].value = text

    # ---------------------------------------------------------------- rows

    def _row(self, index: int, item: str, buttons: list[w.Button]) -> w.Widget:
        text = w.Text(
            value=item,
            description=f"{self.item_label} {index + 1}",
            style={"description_width": "initial"},
            disabled=self.read_only,
            layout=w.Layout(flex="1 1 14em", min_width="0"),
        )
        text.observe(self._edited(index), "value")
        self.row_texts.append(text)
        return wrapped_row([text, *buttons])

    def _edited(self, index: int):
        def on_edit(change: dict) -> None:
            if self._showing:
                return
            self.items[index] = change["new"]
            self._changed()

        return on_edit

    # ------------------------------------------------------- Exercise hooks

    def empty_value(self) -> list[str]:
        return []

    def validate(self, value: Any) -> str | None:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return "This answer must be a list of short texts."
        if len(value) > self.max_items:
            return f"This list holds up to {self.max_items} items."
        if any(len(item) > MAX_ITEM_CHARS for item in value):
            return f"Keep each item under {MAX_ITEM_CHARS} characters; your last save is safe."
        return None

    def _read(self) -> list[str]:
        return [item.strip() for item in self.items if item.strip()]

    def _show(self, value: Any) -> None:
        self.list.show([str(item) for item in value] if isinstance(value, list) else [])

    def _set_disabled(self, disabled: bool) -> None:
        self.new_item.disabled = disabled
        self.add_button.disabled = disabled
        self.adder.layout.display = "none" if disabled else None
