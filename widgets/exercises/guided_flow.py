"""A short sequence of cards, one at a time, that can be paused and picked up later.

Used for Kristin Neff's self-compassion break (step 3: this hurts; struggling is
part of being human; a kind word to yourself) and for Everett Worthington's
REACH forgiveness method (step 9: Recall, Empathize, Altruistic gift, Commit,
Hold on); see CONTENT.md. Each card has a title, a short text and, if the pack
gives it a ``prompt``, a box to write in.

Nobody is pushed through: "Not ready yet" on every card saves the place with the
state ``"paused"`` and says so kindly (the pack's ``not_ready_text``); the page
reopens at the saved card. Back never loses what was written, and "Start again"
after finishing keeps every earlier answer.
"""

from __future__ import annotations

from typing import Any, ClassVar

import ipywidgets as w
from traitlets import Int, Unicode

from ..content import FieldSpec, nonblank
from ..words import esc
from ._base import Exercise, html_block, plain_button, shared
from .journal import MAX_CHARS

__all__ = ["MAX_CHARS", "STATES", "GuidedFlowExercise"]

#: The states an answer can be in ("paused" = the person chose "Not ready yet").
STATES = ("in progress", "paused", "finished")

DEFAULT_NOT_READY = "That is okay. Your place is saved, and you can come back whenever you like."
DEFAULT_FINISH = "You have reached the end. You can come back to these cards whenever you like."
RESUME_NOTE = "You stopped on this card last time. Carry on whenever you are ready."


class GuidedFlowExercise(Exercise):
    """Cards shown one at a time with Back, Next (Finish on the last) and Not ready yet."""

    kind = "guided_flow"
    options: ClassVar[dict[str, FieldSpec]] = {
        "cards": FieldSpec(
            list,
            min_items=2,
            records={
                "title": FieldSpec(str, check=nonblank),
                "text": FieldSpec(str, check=nonblank),
                "prompt": FieldSpec(str, required=False, default=""),
            },
        ),
        "finish_text": FieldSpec(str, required=False, default=""),
        "not_ready_text": FieldSpec(
            str,
            required=False,
            default="That is okay. Your place is saved, and you can come back whenever you like.",
        ),
    }
    example_options: ClassVar[dict[str, Any]] = {
        "cards": (
            {"title": "This hurts", "text": "Notice it.", "prompt": "What hurts?"},
            {"title": "Kindness", "text": "Be kind.", "prompt": ""},
        )
    }
    example_answer: ClassVar[Any] = {
        "position": 2,
        "answers": {"1": "Everything"},
        "state": "paused",
    }

    @classmethod
    def is_started(cls, value: Any) -> bool:
        """Started once the person moved on, wrote on a card, paused or finished."""
        if not isinstance(value, dict):
            return False
        moved = isinstance(value.get("position"), int) and value["position"] > 1
        wrote = any(str(text).strip() for text in (value.get("answers") or {}).values())
        return moved or wrote or value.get("state") in {"paused", "finished"}

    position = Int(1, help="The card shown, counted from 1.")
    flow_state = Unicode("in progress", help='"in progress", "paused" or "finished".')

    def _build(self) -> list[w.Widget]:
        options = self.spec.options
        self.cards: list[dict[str, str]] = [dict(card) for card in options["cards"]]
        self.count = len(self.cards)
        self.not_ready_text = options.get("not_ready_text") or DEFAULT_NOT_READY
        self.finish_text = options.get("finish_text") or DEFAULT_FINISH
        # Answers kept for cards without a box (a pack may drop a card's prompt
        # after someone answered it); they are saved back untouched.
        self._kept_answers: dict[str, str] = {}
        self._note = ""

        self.answer_boxes: dict[int, w.Textarea] = {}
        self.card_boxes: list[w.VBox] = []
        for number, card in enumerate(self.cards, start=1):
            parts: list[w.Widget] = [
                html_block(
                    f'<h4 class="hw-guided_flow-title">'
                    f"{esc(self.card_heading(number))}</h4>"
                    f'<p class="hw-guided_flow-text">{esc(card["text"])}</p>'
                )
            ]
            if card.get("prompt"):
                box = w.Textarea(
                    description=card["prompt"],
                    continuous_update=True,
                    rows=4,
                    layout=w.Layout(width="100%"),
                )
                box.add_class("hw-guided_flow-field")
                box.observe(self._answer_changed, "value")
                self.answer_boxes[number] = box
                parts.append(box)
            card_box = w.VBox(parts, layout=w.Layout(width="100%"))
            card_box.add_class("hw-guided_flow-card")
            self.card_boxes.append(card_box)
        self.cards_area = w.VBox(self.card_boxes, layout=w.Layout(width="100%"))

        # Tells screen readers which card is now shown after Back or Next.
        self.announce = html_block()
        self.announce.add_class("hw-guided_flow-announce")

        self.back_button = self._nav_button("Back", self.previous_card)
        self.next_button = self._nav_button("Next", self.next_card)
        self.not_ready_button = self._nav_button("Not ready yet", self.not_ready)
        self.not_ready_button.tooltip = "Stop here for now; your place is saved"
        self.nav = w.HBox(
            [self.back_button, self.next_button, self.not_ready_button],
            layout=w.Layout(flex_flow="row wrap", align_items="center"),
        )
        self.nav.add_class("hw-row")
        self.nav.add_class("hw-guided_flow-nav")
        self.note = html_block()

        self.start_again_button = self._nav_button("Start again", self.start_again)
        self.start_again_button.tooltip = "Go back to the first card; your answers are kept"
        self.finish_box = w.VBox(
            [
                html_block(
                    f'<div class="hw-guided_flow-finish" role="status">'
                    f"<p>{esc(self.finish_text)}</p></div>"
                ),
                self.start_again_button,
            ],
            layout=w.Layout(align_items="flex-start"),
        )
        return [self.cards_area, self.announce, self.nav, self.note, self.finish_box]

    @staticmethod
    def _nav_button(label: str, action) -> w.Button:
        button = plain_button(
            description=label, layout=shared(w.Layout, width="auto", min_width="6em")
        )
        button.on_click(lambda _button: action())
        return button

    def card_heading(self, number: int) -> str:
        """The heading of card ``number`` as plain text, e.g. "Card 2 of 5: Empathize"."""
        return f"Card {number} of {self.count}: {self.cards[number - 1]['title']}"

    # -------------------------------------------------------------- actions

    def next_card(self) -> None:
        """Show the next card; on the last card, finish."""
        if self.read_only or self.flow_state == "finished":
            return
        if self.position >= self.count:
            self.finish()
            return
        self._move_to(self.position + 1)

    def previous_card(self) -> None:
        """Show the card before this one (answers are kept)."""
        if self.read_only or self.flow_state == "finished" or self.position <= 1:
            return
        self._move_to(self.position - 1)

    def not_ready(self) -> None:
        """Pause here: save this card as the place to come back to, and say so kindly."""
        if self.read_only:
            return
        self.flow_state = "paused"
        self._note = self.not_ready_text
        self._render()
        self.save()

    def finish(self) -> None:
        """Mark the flow finished and show the pack's closing words."""
        if self.read_only:
            return
        self.position = self.count
        self.flow_state = "finished"
        self._note = ""
        self._render()
        self.save()

    def start_again(self) -> None:
        """Go back to the first card, keeping every answer written so far."""
        if self.read_only:
            return
        self._move_to(1)

    def _move_to(self, number: int) -> None:
        self.position = number
        self.flow_state = "in progress"
        self._note = ""
        self._render()
        self.announce.value = (
            f'<p class="hw-guided_flow-sr-only" role="status" aria-live="polite">'
            f"{esc(self.card_heading(number))}</p>"
        )
        self._changed()

    def _answer_changed(self, change: Any = None) -> None:
        if self._showing or self.read_only:
            return
        if self.flow_state == "paused":
            # Writing again means the person carried on.
            self.flow_state = "in progress"
            self._note = ""
            self._render()
        self._changed(change)

    # --------------------------------------------------------------- showing

    def _render(self) -> None:
        finished = self.flow_state == "finished" and not self.read_only
        for number, card_box in enumerate(self.card_boxes, start=1):
            shown = self.read_only or (not finished and number == self.position)
            card_box.layout.display = None if shown else "none"
        self.nav.layout.display = "none" if (self.read_only or finished) else None
        self.finish_box.layout.display = None if finished else "none"
        self.back_button.disabled = self.read_only or self.position <= 1
        last = self.position >= self.count
        self.next_button.description = "Finish" if last else "Next"
        self.next_button.tooltip = (
            "Finish: you have reached the last card"
            if last
            else f"Next: card {self.position + 1} of {self.count}"
        )
        self.back_button.tooltip = (
            f"Back to card {self.position - 1} of {self.count}" if self.position > 1 else ""
        )
        note = "" if self.read_only or finished else self._note
        self.note.value = (
            f'<div class="hw-guided_flow-note" role="status"><p>{esc(note)}</p></div>'
            if note
            else ""
        )

    # ------------------------------------------------------- Exercise hooks

    def empty_value(self) -> dict[str, Any]:
        return {"position": 1, "answers": {}, "state": "in progress"}

    def validate(self, value: Any) -> str | None:
        if not isinstance(value, dict) or set(value) != {"position", "answers", "state"}:
            return "This answer must hold the card reached, the answers and the state."
        position = value["position"]
        if not isinstance(position, int) or isinstance(position, bool):
            return "The card reached must be a whole number."
        if not 1 <= position <= self.count:
            return f"The card reached must be from 1 to {self.count}."
        if value["state"] not in STATES:
            return "The state must be in progress, paused or finished."
        answers = value["answers"]
        if not isinstance(answers, dict):
            return "The answers must be a set of card numbers and texts."
        numbers = {str(number) for number in range(1, self.count + 1)}
        for key, text in answers.items():
            if key not in numbers:
                return f"Answers belong to cards 1 to {self.count}."
            if not isinstance(text, str):
                return "Each answer must be text."
            if len(text) > MAX_CHARS:
                return (
                    f"Your answer on card {key} is longer than one answer can hold "
                    f"({len(text):,} characters; the limit is {MAX_CHARS:,}). Your last "
                    "saved version is safe. Shorten it to carry on."
                )
        return None

    def _read(self) -> dict[str, Any]:
        answers = dict(self._kept_answers)
        for number, box in self.answer_boxes.items():
            if box.value.strip():
                answers[str(number)] = box.value
            else:
                answers.pop(str(number), None)
        ordered = dict(sorted(answers.items(), key=lambda item: int(item[0])))
        return {"position": self.position, "answers": ordered, "state": self.flow_state}

    def _show(self, value: Any) -> None:
        value = value if isinstance(value, dict) else {}
        answers = value.get("answers") if isinstance(value.get("answers"), dict) else {}
        self._kept_answers = {}
        for key, text in answers.items():
            if not isinstance(text, str) or not str(key).isdigit():
                continue
            box = self.answer_boxes.get(int(key))
            if box is None:
                if 1 <= int(key) <= self.count:
                    self._kept_answers[str(key)] = text
            else:
                box.value = text
        for number, box in self.answer_boxes.items():
            if str(number) not in answers:
                box.value = ""
        position = value.get("position")
        valid = isinstance(position, int) and not isinstance(position, bool)
        self.position = position if valid and 1 <= position <= self.count else 1
        state = value.get("state")
        self.flow_state = state if state in STATES else "in progress"
        self._note = RESUME_NOTE if self.flow_state == "paused" else ""
        self._render()

    def _set_disabled(self, disabled: bool) -> None:
        for box in self.answer_boxes.values():
            box.disabled = disabled
        for button in (self.next_button, self.not_ready_button, self.start_again_button):
            button.disabled = disabled
        self.back_button.disabled = disabled or self.position <= 1
