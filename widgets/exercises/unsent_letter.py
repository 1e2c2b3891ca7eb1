"""A letter that is never sent: to an ex, to someone who hurt you, or to yourself.

Used in step 9 (a letter to the person who hurt you, as part of forgiving) and
step 10 (a letter to yourself at the start). It is expressive writing with a
letter's frame (CONTENT.md: expressive writing; forgiveness): a "To" box, a
"Dear <name>," line that follows what is typed there, and a large box for the
letter. The pack's ``reminder`` says plainly that the letter is never sent.

There is no send button, no address field and no network: the letter is saved
in the workbook like any other answer and nowhere else.
"""

from __future__ import annotations

from typing import Any, ClassVar

import ipywidgets as w

from ..content import FieldSpec, int_range
from ..words import esc
from ._base import Exercise, html_block
from .journal import MAX_CHARS

__all__ = ["MAX_CHARS", "MAX_TO_CHARS", "UnsentLetterExercise"]

#: Longest "To" line: a name or a short description such as "Me, at the start".
MAX_TO_CHARS = 500


class UnsentLetterExercise(Exercise):
    """A "To" line, a live "Dear …," greeting and a large box for the letter."""

    kind = "unsent_letter"
    options: ClassVar[dict[str, FieldSpec]] = {
        "recipient_label": FieldSpec(str, required=False, default="Who is this letter to?"),
        "reminder": FieldSpec(
            str,
            required=False,
            default="This letter is never sent. Nobody will read it unless you choose to share it.",
        ),
        "rows": FieldSpec(int, required=False, default=14, check=int_range(4, 40)),
    }
    example_answer: ClassVar[Any] = {"to": "Alina", "text": "I wish you well."}

    def _build(self) -> list[w.Widget]:
        options = self.spec.options
        self.to = w.Text(
            description=options.get("recipient_label") or "Who is this letter to?",
            placeholder="A name, or a few words",
            style={"description_width": "initial"},
            layout=w.Layout(width="100%"),
        )
        self.to.add_class("hw-unsent_letter-field")
        reminder = options.get("reminder") or self.options["reminder"].default
        self.reminder = html_block(
            f'<p class="hw-unsent_letter-reminder" role="note"><strong>{esc(reminder)}</strong></p>'
        )
        self.greeting = html_block()
        self.text = w.Textarea(
            description="Your letter",
            placeholder="Write whatever you need to say.",
            continuous_update=True,
            rows=options.get("rows") or 14,
            layout=w.Layout(width="100%"),
        )
        # The "Dear …," line just above is the box's visible label.
        self.text.add_class("hw-sr-label")
        self.text.add_class("hw-unsent_letter-text")
        self.to.observe(self._to_changed, "value")
        self.text.observe(self._changed, "value")
        self._refresh_greeting()
        return [self.to, self.reminder, self.greeting, self.text]

    def greeting_text(self) -> str:
        """The greeting above the letter, as plain text ("Dear Sam," or "Dear …,")."""
        to = " ".join(self.to.value.split())
        if not to or len(to) > MAX_TO_CHARS:
            return "Dear …,"
        return f"Dear {to},"

    def _refresh_greeting(self) -> None:
        self.greeting.value = (
            f'<p class="hw-unsent_letter-greeting" dir="auto">{esc(self.greeting_text())}</p>'
        )

    def _to_changed(self, change: Any = None) -> None:
        self._refresh_greeting()
        self._changed(change)

    # ------------------------------------------------------- Exercise hooks

    def empty_value(self) -> dict[str, str]:
        return {"to": "", "text": ""}

    def validate(self, value: Any) -> str | None:
        if not isinstance(value, dict) or set(value) != {"to", "text"}:
            return "This answer must hold who the letter is to and the letter itself."
        if not all(isinstance(part, str) for part in value.values()):
            return "The name and the letter must be text."
        if len(value["to"]) > MAX_TO_CHARS:
            return (
                f"Keep who the letter is to under {MAX_TO_CHARS} characters. "
                "Your last saved version is safe."
            )
        if len(value["text"]) > MAX_CHARS:
            return (
                f"This letter is longer than one answer can hold ({len(value['text']):,} "
                f"characters; the limit is {MAX_CHARS:,}). Your last saved version is safe. "
                "Shorten it, or write a second letter another day."
            )
        return None

    def _read(self) -> dict[str, str]:
        return {"to": self.to.value, "text": self.text.value}

    def _show(self, value: Any) -> None:
        value = value if isinstance(value, dict) else {}
        to, text = value.get("to"), value.get("text")
        self.to.value = to if isinstance(to, str) else ""
        self.text.value = text if isinstance(text, str) else ""
        self._refresh_greeting()

    def _set_disabled(self, disabled: bool) -> None:
        self.to.disabled = disabled
        self.text.disabled = disabled
