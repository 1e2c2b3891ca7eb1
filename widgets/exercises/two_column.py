"""Two lists side by side, e.g. "Honest downsides" beside "What I gain", then a kind word.

Step 2's honest reframe: thinking about an ex's negative traits eases love
feelings but also lowers mood (Langeslag & Sanchez 2018), and finding a silver
lining predicts lower distress the next day (Slotter & Ward 2015). So once both
columns hold something, a calm self-compassion card (Neff) follows the table,
when the pack gives one (CONTENT.md, "Reappraisal after a breakup"). On a phone
the two columns stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import ipywidgets as w

from ..content import FieldSpec, int_range, nonblank
from ..words import esc
from ._base import Exercise, html_block, plain_button
from ._rows import RowList, wrapped_row

__all__ = ["MAX_ITEM_CHARS", "SIDES", "TwoColumnExercise"]

MAX_ITEM_CHARS = 500
#: The two columns, as the answer names them.
SIDES = ("left", "right")


class _Column:
    """One column: its heading, its rows and the box to add a line."""

    def __init__(
        self, side: str, label: str, owner: TwoColumnExercise, on_add: Callable[[str, str], bool]
    ) -> None:
        self.side = side
        self.label = label
        self.texts: list[w.Text] = []
        self.heading = html_block(f'<h4 class="hw-two_column-heading">{esc(label)}</h4>')
        self.list = RowList(
            lambda index, item, buttons: owner._row(self, index, item, buttons),
            lambda index, _item: f"line {index + 1} from “{label}”",
            owner._changed,
            read_only=owner.read_only,
            on_redraw=self.texts.clear,
            empty_text='<p class="hw-help">Nothing here yet.</p>',
        )
        self.list.rows.add_class("hw-two_column-rows")
        self.new_item = w.Text(
            description=f"Add to “{label}”",
            style={"description_width": "initial"},
            layout=w.Layout(flex="1 1 12em", min_width="0"),
        )
        self.add_button = plain_button(
            description="Add",
            tooltip=f"Add to “{label}”",
        )
        self.add_button.add_class("hw-name-from-tooltip")  # two "Add" buttons on one table
        self.add_button.on_click(lambda _b: on_add(side, self.new_item.value))
        self.adder = w.HBox(
            [self.new_item, self.add_button],
            layout=w.Layout(flex_flow="row wrap", align_items="flex-end"),
        )
        self.adder.add_class("hw-row")
        self.box = w.VBox(
            [self.heading, self.list, self.adder],
            layout=w.Layout(flex="1 1 18em", min_width="0"),
        )
        self.box.add_class("hw-two_column-column")
        self.box.add_class(f"hw-two_column-{side}")

    @property
    def items(self) -> list[str]:
        """The column's lines as they stand (edits included)."""
        return self.list.items

    @property
    def rows(self) -> w.VBox:
        """The box of the column's rows."""
        return self.list.rows


class TwoColumnExercise(Exercise):
    """Two lists the person adds to, edits and removes from; a kind card once both have lines.

    The answer is ``{"left": [...], "right": [...]}``.
    """

    kind = "two_column"
    options: ClassVar[dict[str, FieldSpec]] = {
        "left_label": FieldSpec(str, check=nonblank),
        "right_label": FieldSpec(str, check=nonblank),
        "card_title": FieldSpec(str, required=False, default=""),
        "card_text": FieldSpec(str, required=False, default=""),
        "max_rows": FieldSpec(int, required=False, default=30, check=int_range(1, 200)),
    }
    example_options: ClassVar[dict[str, Any]] = {
        "left_label": "Went well",
        "right_label": "Didn't go well",
    }
    example_answer: ClassVar[Any] = {"left": ["Laughing together"], "right": ["Long silences"]}

    def _build(self) -> list[w.Widget]:
        options = self.spec.options
        self.max_rows = options.get("max_rows") or 30
        self.columns = {
            "left": _Column("left", options["left_label"], self, self.add_item),
            "right": _Column("right", options["right_label"], self, self.add_item),
        }
        table = w.Box(
            [column.box for column in self.columns.values()],
            layout=w.Layout(flex_flow="row wrap", align_items="flex-start", width="100%"),
        )
        table.add_class("hw-two_column-table")
        self.card = html_block(self._card_html(), layout=w.Layout(display="none"))
        self.card.add_class("hw-two_column-card-box")
        return [table, self.card]

    # ------------------------------------------------------------- actions

    def add_item(self, side: str, text: str) -> bool:
        """Append ``text`` to one column; return False (with a message) if refused.

        Parameters
        ----------
        side
            ``"left"`` or ``"right"``.
        text
            One line, under 500 characters.
        """
        column = self.columns[side]
        text = (text or "").strip()
        if not text:
            self._set_problem(f"Type something under “{column.label}” first, then press Add.")
            return False
        if len(column.items) >= self.max_rows:
            self._set_problem(f"Each column holds up to {self.max_rows} lines.")
            return False
        if len(text) > MAX_ITEM_CHARS:
            self._set_problem(f"Keep each line under {MAX_ITEM_CHARS} characters.")
            return False
        column.new_item.value = ""
        column.list.add(text)
        return True

    def edit_item(self, side: str, index: int, text: str) -> None:
        """Replace the text of one line (as typing in its box does)."""
        self.columns[side].texts[index].value = text

    def remove_item(self, side: str, index: int) -> None:
        """Remove one line from the ``"left"`` or ``"right"`` column."""
        self.columns[side].list.remove(index)

    @property
    def card_shown(self) -> bool:
        """True when the self-compassion card is visible below the table."""
        return self.card.layout.display != "none"

    # ---------------------------------------------------------------- rows

    def _row(self, column: _Column, index: int, item: str, buttons: list[w.Button]) -> w.Widget:
        text = w.Text(
            value=item,
            description=f"{column.label}, line {index + 1}",
            disabled=self.read_only,
            layout=w.Layout(flex="1 1 12em", min_width="0"),
        )
        # The column heading above is the visible label; a screen reader hears the
        # column and the line number.
        text.add_class("hw-sr-label")
        text.observe(self._edited(column, index), "value")
        column.texts.append(text)
        return wrapped_row([text, *buttons])

    def _edited(self, column: _Column, index: int):
        def on_edit(change: dict) -> None:
            if self._showing:
                return
            column.items[index] = change["new"]
            self._changed()

        return on_edit

    def _redraw(self) -> None:
        self._update_card()

    def _update_card(self) -> None:
        both = all(any(item.strip() for item in c.items) for c in self.columns.values())
        show = both and bool(self.spec.options.get("card_text", "").strip())
        self.card.layout.display = None if show else "none"

    def _card_html(self) -> str:
        options = self.spec.options
        title, text = options.get("card_title") or "", options.get("card_text") or ""
        parts = ['<div class="hw-two_column-card" role="note">']
        if title.strip():
            parts.append(f'<h4 class="hw-two_column-card-title">{esc(title)}</h4>')
        parts.append(f'<p class="hw-two_column-card-text">{esc(text)}</p></div>')
        return "".join(parts)

    # ------------------------------------------------------- Exercise hooks

    def empty_value(self) -> dict[str, list[str]]:
        return {"left": [], "right": []}

    def validate(self, value: Any) -> str | None:
        if not isinstance(value, dict) or set(value) != set(SIDES):
            return "This answer must have a left and a right list."
        for side in SIDES:
            items = value[side]
            if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
                return "Each column must be a list of short texts."
            if len(items) > self.max_rows:
                return f"Each column holds up to {self.max_rows} lines."
            if any(len(item) > MAX_ITEM_CHARS for item in items):
                return f"Keep each line under {MAX_ITEM_CHARS} characters; your last save is safe."
        return None

    def _read(self) -> dict[str, list[str]]:
        return {
            side: [item.strip() for item in self.columns[side].items if item.strip()]
            for side in SIDES
        }

    def _show(self, value: Any) -> None:
        chosen = value if isinstance(value, dict) else {}
        for side, column in self.columns.items():
            items = chosen.get(side)
            column.list.show([str(item) for item in items] if isinstance(items, list) else [])
        self._update_card()

    def _set_disabled(self, disabled: bool) -> None:
        for column in self.columns.values():
            column.new_item.disabled = disabled
            column.add_button.disabled = disabled
            column.adder.layout.display = "none" if disabled else None
