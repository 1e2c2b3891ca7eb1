"""Sort statements into categories, with a short explanation after each one.

Used in step 9 to tell forgiveness from reconciliation (Enright; Worthington;
CONTENT.md): forgiving happens inside you, while reconciling needs both people
and trust rebuilt over time. Each statement gets a row of category choices; once
the person picks one, the pack's ``why`` for that statement is shown. The
wording is the same gentle explanation whether or not the choice matched the
usual ``answer``: it is a way to think, not a test, so nothing says "wrong".
"""

from __future__ import annotations

from typing import Any, ClassVar

import ipywidgets as w
from traitlets import Int

from ..content import FieldSpec, nonblank, option_list
from ..words import esc
from ._base import Exercise, html_block

__all__ = ["SorterExercise"]


class SorterExercise(Exercise):
    """One choice of category per statement, an explanation once chosen, and a count."""

    kind = "sorter"
    options: ClassVar[dict[str, FieldSpec]] = {
        "categories": FieldSpec(list, check=option_list(2)),
        "items": FieldSpec(
            list,
            min_items=2,
            records={
                "text": FieldSpec(str, check=nonblank),
                "answer": FieldSpec(str, check=nonblank),
                "why": FieldSpec(str, check=nonblank),
            },
        ),
    }
    example_options: ClassVar[dict[str, Any]] = {
        "categories": ("Forgiveness", "Reconciliation"),
        "items": (
            {"text": "Needs trust", "answer": "Reconciliation", "why": "Trust is rebuilt."},
            {"text": "Needs no contact", "answer": "Forgiveness", "why": "It is inner."},
        ),
    }
    example_answer: ClassVar[Any] = {"1": "Reconciliation"}
    free_text = False  # its answer holds no words the person typed

    @classmethod
    def cross_check(cls, options: dict[str, Any]) -> list[tuple[str, str]]:
        """Every statement's answer must be one of the categories."""
        categories = options["categories"]
        return [
            (
                "items",
                f"entry {number}: answer '{item['answer']}' is not one of the "
                f"categories ({', '.join(categories)})",
            )
            for number, item in enumerate(options["items"], start=1)
            if item["answer"] not in categories
        ]

    sorted_count = Int(0, help="How many statements have a category chosen.")

    def _build(self) -> list[w.Widget]:
        options = self.spec.options
        self.categories: list[str] = list(options["categories"])
        self.items: list[dict[str, str]] = [dict(item) for item in options["items"]]
        self.choices: list[w.RadioButtons] = []
        self.explanations: list[w.HTML] = []
        rows = []
        for number, item in enumerate(self.items, start=1):
            choice = w.RadioButtons(
                options=self.categories,
                value=None,
                description=f"{number}. {item['text']}",
                orientation="horizontal",
                layout=w.Layout(width="100%"),
            )
            choice.add_class("hw-sorter-choice")
            choice.observe(self._picked(number), "value")
            explanation = html_block()
            self.choices.append(choice)
            self.explanations.append(explanation)
            row = w.VBox([choice, explanation], layout=w.Layout(width="100%"))
            row.add_class("hw-sorter-item")
            rows.append(row)
        self.progress = html_block()
        self._refresh()
        return [*rows, self.progress]

    def _picked(self, number: int):
        def on_pick(change: dict) -> None:
            if self._showing:
                return
            self._refresh()
            self._changed(change)

        return on_pick

    # -------------------------------------------------------------- actions

    def sort_item(self, number: int, category: str) -> None:
        """Put statement ``number`` (from 1) in ``category``, as clicking its choice does.

        Raises
        ------
        ValueError
            If there is no such statement or category.
        """
        if not 1 <= number <= len(self.items) or category not in self.categories:
            raise ValueError("no such statement or category")
        self.choices[number - 1].value = category

    def explanation_text(self, number: int) -> str:
        """The explanation shown for statement ``number`` once sorted, as plain text."""
        item = self.items[number - 1]
        chosen = self.choices[number - 1].value
        if chosen is None:
            return ""
        lead = "Yes. " if chosen == item["answer"] else f"You chose {chosen}. "
        return f"{lead}This one is usually {item['answer']}: {item['why']}"

    # --------------------------------------------------------------- showing

    def _refresh(self) -> None:
        for number, explanation in enumerate(self.explanations, start=1):
            text = self.explanation_text(number)
            explanation.value = (
                f'<p class="hw-sorter-why" role="status">{esc(text)}</p>' if text else ""
            )
        self.sorted_count = sum(choice.value is not None for choice in self.choices)
        self.progress.value = (
            f'<p class="hw-sorter-progress" role="status">'
            f"You have sorted {self.sorted_count} of {len(self.items)}.</p>"
        )

    # ------------------------------------------------------- Exercise hooks

    def empty_value(self) -> dict[str, str]:
        return {}

    def validate(self, value: Any) -> str | None:
        if not isinstance(value, dict):
            return "This answer must pair statement numbers with categories."
        numbers = {str(number) for number in range(1, len(self.items) + 1)}
        for key, category in value.items():
            if key not in numbers:
                return f"Statements are numbered 1 to {len(self.items)}."
            if category not in self.categories:
                return f"Choose one of: {', '.join(self.categories)}."
        return None

    def _read(self) -> dict[str, str]:
        return {
            str(number): choice.value
            for number, choice in enumerate(self.choices, start=1)
            if choice.value is not None
        }

    def _show(self, value: Any) -> None:
        value = value if isinstance(value, dict) else {}
        for number, choice in enumerate(self.choices, start=1):
            category = value.get(str(number))
            choice.value = category if category in self.categories else None
        self._refresh()

    def _set_disabled(self, disabled: bool) -> None:
        for choice in self.choices:
            choice.disabled = disabled
