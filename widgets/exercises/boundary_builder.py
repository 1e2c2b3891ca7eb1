"""Boundaries: my limit, my words, what I will do if it is crossed, and whether it held.

Step 7. A boundary is about what *I* will do; a request asks something of the
other person, who may say no (CONTENT.md, Boundaries). Each boundary has a type
(physical, emotional, time, mental, material, digital), the limit, the words to
say it, and the action if it is crossed; later the person can check whether it
held, and the summary counts those checks without judging.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import ipywidgets as w

from ..clock import parse_day
from ..content import FieldSpec, int_range
from ..words import esc
from ._base import Exercise, html_block, plain_button, shared
from ._rows import RowList

__all__ = [
    "BOUNDARY_TYPES",
    "HELD_CHOICES",
    "MAX_FIELD_CHARS",
    "REMINDER",
    "BoundaryBuilderExercise",
    "check_summary",
]

#: Each boundary type with a one-line, plain explanation.
BOUNDARY_TYPES: dict[str, str] = {
    "physical": "Your body and your space: touch, hugs, visits, who comes into your home.",
    "emotional": "Your feelings: what you share, and not taking on their feelings as yours to fix.",
    "time": "Your time: when you are available, for what, and for how long.",
    "mental": "Your thoughts and beliefs: you can keep them without arguing them out again.",
    "material": "Your money and belongings: what you lend, share, give back or keep.",
    "digital": "Your phone and online life: messages, calls, social media, photos, passwords.",
}
#: The answers to "Did it hold?", in words, with what is saved.
HELD_CHOICES: tuple[tuple[str, str], ...] = (
    ("Yes, it held", "yes"),
    ("Partly", "partly"),
    ("No, not this time", "no"),
)
REMINDER = (
    "Remember: a boundary is about what you will do. A request asks something of the "
    "other person, and they can say no."
)
MAX_FIELD_CHARS = 500

_FIELDS = ("type", "limit", "words", "if_crossed")
_LABELS = {
    "limit": "My limit",
    "words": "My words (what I will say)",
    "if_crossed": "What I will do if it is crossed",
}
_HELD_VALUES = tuple(value for _label, value in HELD_CHOICES)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def check_summary(boundaries: list[dict[str, Any]]) -> list[str]:
    """The follow-through checks in kind words, e.g. ``["You checked 2 boundaries; 1 held."]``."""
    held = [b["check"]["held"] for b in boundaries if b["check"]["held"] in _HELD_VALUES]
    if not held:
        return ["After you have tried a boundary, come back and note whether it held."]
    parts = []
    if held.count("yes"):
        parts.append(f"{held.count('yes')} held")
    if held.count("partly"):
        parts.append(f"{held.count('partly')} partly")
    if held.count("no"):
        parts.append(f"{held.count('no')} did not hold this time")
    lines = [f"You checked {_count(len(held), 'boundary', 'boundaries')}; {', '.join(parts)}."]
    if "no" in held:
        lines.append(
            "A boundary that did not hold is not a failure. "
            "You can try it again, or change what you will do."
        )
    return lines


class BoundaryBuilderExercise(Exercise):
    """A list of boundaries the person can add, edit, check and remove.

    A check made without a date gets today's, from the workbook's one clock.
    """

    kind = "boundary_builder"
    options: ClassVar[dict[str, FieldSpec]] = {
        "max_items": FieldSpec(int, required=False, default=20, check=int_range(1, 100)),
    }
    example_answer: ClassVar[Any] = [
        {
            "type": "digital",
            "limit": "No messages after 10 pm",
            "words": "I will answer tomorrow.",
            "if_crossed": "I mute the chat.",
            "check": {"date": "2026-11-20", "held": "partly", "note": ""},
        }
    ]

    def _build(self) -> list[w.Widget]:
        self.max_items = self.spec.options.get("max_items") or 20
        #: Per boundary, its controls by field name (``type``, ``limit``, ``date``, ...).
        self.cards: list[dict[str, w.Widget]] = []
        reminder = html_block(f'<p class="hw-boundary_builder-reminder">{esc(REMINDER)}</p>')
        self.list = RowList(
            self._card,
            lambda index, _boundary: f"boundary {index + 1}",
            self._changed,
            read_only=self.read_only,
            empty_text='<p class="hw-help">No boundaries yet.</p>',
            on_redraw=self.cards.clear,
        )
        self.list.rows.add_class("hw-boundary_builder-list")
        self.summary = html_block()
        #: What the summary says, as plain text.
        self.summary_lines: list[str] = []

        self.new_type, new_type_note = self._type_picker("physical", "Type of boundary")
        self.new_limit = self._field("limit", "", textarea=False)
        self.new_words = self._field("words", "")
        self.new_if_crossed = self._field("if_crossed", "")
        self.add_button = plain_button(
            description="Add this boundary",
            layout=shared(w.Layout, width="auto", align_self="flex-start"),
        )
        self.add_button.on_click(
            lambda _b: self.add_boundary(
                self.new_type.value,
                self.new_limit.value,
                self.new_words.value,
                self.new_if_crossed.value,
            )
        )
        self.adder = w.VBox(
            [
                html_block('<h4 class="hw-boundary_builder-heading">Add a boundary</h4>'),
                self.new_type,
                new_type_note,
                self.new_limit,
                self.new_words,
                self.new_if_crossed,
                self.add_button,
            ]
        )
        self.adder.add_class("hw-boundary_builder-adder")
        return [reminder, self.list, self.summary, self.adder]

    @property
    def boundaries(self) -> list[dict[str, Any]]:
        """The boundaries as they stand, in order (edits included)."""
        return self.list.items

    @property
    def rows(self) -> w.VBox:
        """The box of cards, one per boundary."""
        return self.list.rows

    # ------------------------------------------------------------ controls

    def _field(self, name: str, value: str, textarea: bool = True, label: str = "") -> w.Widget:
        cls = w.Textarea if textarea else w.Text
        extra = {"rows": 2} if textarea else {}
        control = cls(
            value=value,
            description=label or _LABELS[name],
            style={"description_width": "initial"},
            layout=w.Layout(width="100%"),
            **extra,
        )
        control.add_class("hw-boundary_builder-stacked")  # label above the box, phone-friendly
        return control

    def _type_picker(self, value: str, label: str) -> tuple[w.Dropdown, w.HTML]:
        picker = w.Dropdown(
            options=[(name.capitalize(), name) for name in BOUNDARY_TYPES],
            value=value if value in BOUNDARY_TYPES else "physical",
            description=label,
            style={"description_width": "initial"},
            layout=w.Layout(width="auto", max_width="100%"),
        )
        note = html_block()
        note.add_class("hw-boundary_builder-type-note")

        def explain(_change: Any = None) -> None:
            note.value = f'<p class="hw-help">{esc(BOUNDARY_TYPES[picker.value])}</p>'

        picker.observe(explain, "value")
        explain()
        return picker, note

    # ------------------------------------------------------------- actions

    def add_boundary(self, type: str, limit: str, words: str = "", if_crossed: str = "") -> bool:
        """Add a boundary; return False (with a message) if refused.

        Parameters
        ----------
        type
            One of :data:`BOUNDARY_TYPES`.
        limit
            My limit (required).
        words
            What I will say.
        if_crossed
            What I will do if it is crossed.
        """
        limit, words, if_crossed = ((text or "").strip() for text in (limit, words, if_crossed))
        if type not in BOUNDARY_TYPES:
            return self._refuse("Choose a type of boundary from the list.")
        if not limit:
            return self._refuse("Write your limit first, then press Add.")
        if any(len(text) > MAX_FIELD_CHARS for text in (limit, words, if_crossed)):
            return self._refuse(f"Keep each box under {MAX_FIELD_CHARS} characters.")
        if len(self.boundaries) >= self.max_items:
            return self._refuse(f"This list holds up to {self.max_items} boundaries.")
        self.new_limit.value = self.new_words.value = self.new_if_crossed.value = ""
        self.list.add(
            {
                "type": type,
                "limit": limit,
                "words": words,
                "if_crossed": if_crossed,
                "check": {"date": "", "held": None, "note": ""},
            }
        )
        return True

    def edit_boundary(self, index: int, **fields: str) -> None:
        """Change fields (``type``, ``limit``, ``words``, ``if_crossed``) as typing does."""
        for name, text in fields.items():
            if name not in _FIELDS:
                raise KeyError(name)
            self.cards[index][name].value = text

    def check_boundary(
        self,
        index: int,
        held: str | None = None,
        date: str | None = None,
        note: str | None = None,
    ) -> None:
        """Record whether boundary ``index`` held (``yes``, ``partly``, ``no``), as clicks do."""
        card = self.cards[index]
        if date is not None:
            card["date"].value = date
        if held is not None:
            card["held"].value = held
        if note is not None:
            card["note"].value = note

    def remove_boundary(self, index: int) -> None:
        """Remove the boundary at ``index``."""
        self.list.remove(index)

    def _refuse(self, message: str) -> bool:
        self._set_problem(message)
        return False

    # --------------------------------------------------------------- cards

    def _card(self, index: int, boundary: dict[str, Any], buttons: list[w.Button]) -> w.Widget:
        picker, type_note = self._type_picker(boundary["type"], "Type")
        controls: dict[str, w.Widget] = {"type": picker}
        for name in ("limit", "words", "if_crossed"):
            controls[name] = self._field(name, boundary[name], textarea=name != "limit")
        check = boundary["check"]
        controls["date"] = w.Text(
            value=check["date"],
            description="Date checked",
            placeholder="YYYY-MM-DD",
            style={"description_width": "initial"},
            layout=w.Layout(width="auto", max_width="20em"),
        )
        controls["held"] = w.RadioButtons(
            options=list(HELD_CHOICES),
            value=check["held"] if check["held"] in _HELD_VALUES else None,
            description="Did it hold?",
            style={"description_width": "initial"},
            layout=w.Layout(width="auto"),
        )
        controls["note"] = self._field("note", check["note"], label="Note")
        for name, control in controls.items():
            control.disabled = self.read_only
            control.observe(self._edited(index, name), "value")
        self.cards.append(controls)
        for button in buttons:  # under the card, not stretched across it
            button.layout = shared(w.Layout, width="auto", align_self="flex-start")
        card = w.VBox(
            [
                html_block(f'<h4 class="hw-boundary_builder-heading">Boundary {index + 1}</h4>'),
                picker,
                type_note,
                controls["limit"],
                controls["words"],
                controls["if_crossed"],
                html_block('<p class="hw-boundary_builder-check-title">Later: how did it go?</p>'),
                controls["date"],
                controls["held"],
                controls["note"],
                *buttons,
            ]
        )
        card.add_class("hw-boundary_builder-card")
        return card

    def _edited(self, index: int, name: str) -> Callable[[dict], None]:
        def on_edit(change: dict) -> None:
            if self._showing:
                return
            boundary = self.boundaries[index]
            if name in _FIELDS:
                boundary[name] = change["new"]
            else:
                boundary["check"][name] = change["new"]
                card = self.cards[index]
                if name == "held" and change["new"] and not card["date"].value.strip():
                    card["date"].value = self.clock.today().isoformat()  # saves once, below
                    return
            self._changed()

        return on_edit

    def _refresh_summary(self) -> None:
        self.summary_lines = check_summary(self.boundaries)
        self.summary.value = (
            '<div class="hw-boundary_builder-summary" role="status">'
            + "".join(f"<p>{esc(line)}</p>" for line in self.summary_lines)
            + "</div>"
        )

    # ------------------------------------------------------- Exercise hooks

    def _redraw(self) -> None:
        self._refresh_summary()

    def empty_value(self) -> list[dict[str, Any]]:
        """No boundaries yet."""
        return []

    def validate(self, value: Any) -> str | None:
        """Check the list of boundaries, each with its fields and its check."""
        if not isinstance(value, list):
            return "This answer must be a list of boundaries."
        if len(value) > self.max_items:
            return f"This list holds up to {self.max_items} boundaries."
        for number, boundary in enumerate(value, start=1):
            if not isinstance(boundary, dict) or set(boundary) != {*_FIELDS, "check"}:
                return f"Boundary {number} is missing some of its parts."
            if boundary["type"] not in BOUNDARY_TYPES:
                return f"Choose a type for boundary {number} from the list."
            texts = [boundary[name] for name in ("limit", "words", "if_crossed")]
            if not all(isinstance(text, str) for text in texts):
                return f"Boundary {number} must be written as text."
            if not boundary["limit"].strip():
                return (
                    f"Boundary {number} needs a limit. Write your limit, or remove the "
                    "boundary. Your last save is safe."
                )
            check = boundary["check"]
            if not isinstance(check, dict) or set(check) != {"date", "held", "note"}:
                return f"The check of boundary {number} is missing some of its parts."
            if not isinstance(check["date"], str) or not isinstance(check["note"], str):
                return f"The check of boundary {number} must be written as text."
            if check["date"].strip() and parse_day(check["date"]) is None:
                return "Write the date like 2026-11-20."
            if check["held"] is not None and check["held"] not in _HELD_VALUES:
                return "Choose yes, partly or no."
            if any(len(text) > MAX_FIELD_CHARS for text in [*texts, check["note"]]):
                return f"Keep each box under {MAX_FIELD_CHARS} characters; your last save is safe."
        return None

    def _read(self) -> list[dict[str, Any]]:
        return [
            {
                "type": boundary["type"],
                "limit": boundary["limit"].strip(),
                "words": boundary["words"].strip(),
                "if_crossed": boundary["if_crossed"].strip(),
                "check": {
                    "date": boundary["check"]["date"].strip(),
                    "held": boundary["check"]["held"],
                    "note": boundary["check"]["note"].strip(),
                },
            }
            for boundary in self.boundaries
        ]

    def _show(self, value: Any) -> None:
        # Worked examples are shown without validation: keep only what fits.
        self.list.show(
            [_clean(entry) for entry in value if isinstance(entry, dict)]
            if isinstance(value, list)
            else []
        )
        self._refresh_summary()

    def _set_disabled(self, disabled: bool) -> None:
        for control in (
            self.new_type,
            self.new_limit,
            self.new_words,
            self.new_if_crossed,
            self.add_button,
        ):
            control.disabled = disabled
        self.adder.layout.display = "none" if disabled else None


def _clean(entry: dict[str, Any]) -> dict[str, Any]:
    def text(source: Any, name: str) -> str:
        found = source.get(name) if isinstance(source, dict) else None
        return found if isinstance(found, str) else ""

    check = entry.get("check")
    held = check.get("held") if isinstance(check, dict) else None
    return {
        "type": entry.get("type") if entry.get("type") in BOUNDARY_TYPES else "physical",
        "limit": text(entry, "limit"),
        "words": text(entry, "words"),
        "if_crossed": text(entry, "if_crossed"),
        "check": {
            "date": text(check, "date"),
            "held": held if held in _HELD_VALUES else None,
            "note": text(check, "note"),
        },
    }
