"""One row list for every kind that keeps rows: add, edit in place, move, remove.

A kind says what one row looks like; :class:`RowList` keeps the items, redraws the
rows (closing the old widgets, so a long session does not pile up widget models),
gives every row button its full name for screen readers ("Remove person 2", not
"Remove": ``static/page.js`` makes the tooltip the accessible name), shows a note
while the list is empty, and tells the kind when the person changed the list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w

from ._base import html_block, plain_button

__all__ = ["RowList", "close_tree"]


def close_tree(widget: w.Widget) -> None:
    """Close ``widget`` and everything inside it (their models leave the page)."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    widget.close()


class RowList(w.VBox):
    """The rows of a list, one per item, with Up, Down and Remove buttons.

    Parameters
    ----------
    make_row
        ``make_row(index, item, buttons)`` returns the widget of one row; ``buttons``
        are the row's buttons (empty when read-only), to place where the row wants.
    name_of
        ``name_of(index, item)`` names a row inside a sentence ("person 2"): the
        buttons are called "Move person 2 up", "Remove person 2".
    on_change
        Called after the person added, moved or removed a row.
    movable
        Offer Up and Down buttons.
    read_only
        Rows without buttons (a worked example).
    empty_text
        What the list says while it is empty (HTML; ``""`` for nothing).
    on_redraw
        Called before the rows are drawn again, so the kind can forget the controls
        of the old rows (they are closed) before ``make_row`` collects the new ones.
    """

    def __init__(
        self,
        make_row: Callable[[int, Any, list[w.Button]], w.Widget],
        name_of: Callable[[int, Any], str],
        on_change: Callable[[], None],
        *,
        movable: bool = False,
        read_only: bool = False,
        empty_text: str = "",
        on_redraw: Callable[[], None] | None = None,
    ) -> None:
        self._make_row, self._name_of, self._on_change = make_row, name_of, on_change
        self._on_redraw = on_redraw
        self.movable, self.read_only = movable, read_only
        self.items: list[Any] = []
        self.rows = w.VBox()
        self.rows.add_class("hw-list-rows")
        self.empty_note = html_block(empty_text, layout=w.Layout())  # hidden and shown
        super().__init__([self.empty_note, self.rows] if empty_text else [self.rows])

    # ----------------------------------------------------------------- items

    def show(self, items: Sequence[Any]) -> None:
        """Show ``items`` (a saved answer): the person did not change anything."""
        self.items = list(items)
        self.render()

    def add(self, item: Any) -> None:
        """Append ``item`` as the person's change."""
        self.items.append(item)
        self.render()
        self._on_change()

    def remove(self, index: int) -> None:
        """Remove the row at ``index`` as the person's change."""
        del self.items[index]
        self.render()
        self._on_change()

    def move(self, index: int, offset: int) -> None:
        """Move the row at ``index`` up (-1) or down (+1) as the person's change."""
        target = index + offset
        if not 0 <= target < len(self.items):
            return
        self.items[index], self.items[target] = self.items[target], self.items[index]
        self.render()
        self._on_change()

    # ------------------------------------------------------------------ rows

    def render(self) -> None:
        """Draw every row again from :attr:`items`."""
        if self._on_redraw is not None:
            self._on_redraw()
        for row in self.rows.children:
            close_tree(row)
        self.rows.children = [
            self._make_row(index, item, self._buttons(index, item))
            for index, item in enumerate(self.items)
        ]
        self.empty_note.layout.display = "none" if self.items else None

    def _buttons(self, index: int, item: Any) -> list[w.Button]:
        if self.read_only:
            return []
        name = self._name_of(index, item)
        buttons = []
        if self.movable:
            last = len(self.items) - 1
            buttons += [
                _row_button("Up", f"Move {name} up", lambda: self.move(index, -1), index == 0),
                _row_button(
                    "Down", f"Move {name} down", lambda: self.move(index, 1), index == last
                ),
            ]
        buttons.append(_row_button("Remove", f"Remove {name}", lambda: self.remove(index)))
        return buttons


def _row_button(
    label: str, full_name: str, action: Callable[[], None], disabled: bool = False
) -> w.Button:
    button = plain_button(description=label, tooltip=full_name, disabled=disabled)
    button.add_class("hw-name-from-tooltip")  # "Up" alone is ambiguous to a screen reader
    button.on_click(lambda _b: action())
    return button


def wrapped_row(widgets: list[w.Widget]) -> w.HBox:
    """A row of controls that wraps on a narrow screen."""
    row = w.HBox(widgets, layout=w.Layout(flex_flow="row wrap", align_items="center"))
    row.add_class("hw-row")
    return row
