"""A journal that can be written as "I", as "you", or in the person's own name.

Self-distancing (Kross & Ayduk 2017; Orvell et al. 2019; CONTENT.md, step 2):
looking back on a painful event as an observer would, calling yourself "you" or
by your own name instead of "I", makes it easier to think about without being
pulled back into it. The person picks a voice and the question above the text
box is rewritten in that voice: the pack's ``prompt`` for "I", ``prompt_you``
for "you", and ``prompt_name`` with ``{name}`` replaced by the name they type.

The voice changes only the question; the writing itself is kept exactly as
typed, with the same length limit as the plain journal.
"""

from __future__ import annotations

from typing import Any, ClassVar

import ipywidgets as w
from traitlets import Unicode

from ..content import FieldSpec, int_range, name_template, nonblank
from ..words import esc
from ._base import Exercise, html_block
from .journal import MAX_CHARS

__all__ = ["MAX_CHARS", "MAX_NAME_CHARS", "VOICES", "DistancedJournalExercise"]

#: A name is a word or two; longer input is refused with a message.
MAX_NAME_CHARS = 60

#: The voices as stored in the answer, with what the person sees for each.
VOICES = {"I": "I", "you": "you", "name": "my name"}

NAME_HINT = "Type the name you want to use."


class DistancedJournalExercise(Exercise):
    """Free writing with a "Write as: I / you / my name" choice that rewrites the question."""

    kind = "distanced_journal"
    options: ClassVar[dict[str, FieldSpec]] = {
        "prompt_you": FieldSpec(str, check=nonblank),
        "prompt_name": FieldSpec(str, check=name_template),
        "placeholder": FieldSpec(str, required=False, default=""),
        "rows": FieldSpec(int, required=False, default=8, check=int_range(2, 30)),
    }
    example_options: ClassVar[dict[str, Any]] = {
        "prompt_you": "What did you learn?",
        "prompt_name": "What did {name} learn?",
    }
    example_answer: ClassVar[Any] = {
        "text": "Zane learned to ask.",
        "voice": "name",
        "name": "Zane",
    }

    @classmethod
    def is_started(cls, value: Any) -> bool:
        """Started once there is writing (the voice alone is only a setting)."""
        return isinstance(value, dict) and bool(str(value.get("text") or "").strip())

    shown_prompt = Unicode(help="The question as it is shown now, in the chosen voice.")

    def _build(self) -> list[w.Widget]:
        options = self.spec.options
        self.voice = w.RadioButtons(
            options=[(label, voice) for voice, label in VOICES.items()],
            value="I",
            description="Write as",
            orientation="horizontal",
            tooltip="Choose how to refer to yourself in this writing",
            layout=w.Layout(width="auto", max_width="100%"),
        )
        self.voice.add_class("hw-distanced_journal-voice")
        self.name_box = w.Text(
            description="The name to use",
            placeholder="e.g. your first name",
            style={"description_width": "initial"},
            layout=w.Layout(flex="1 1 14em", min_width="0", max_width="20em"),
        )
        self.name_box.add_class("hw-distanced_journal-name")
        self.name_hint = html_block()
        self.name_row = w.HBox(
            [self.name_box, self.name_hint],
            layout=w.Layout(flex_flow="row wrap", align_items="center"),
        )
        self.name_row.add_class("hw-row")
        self.text = w.Textarea(
            placeholder=options.get("placeholder") or "",
            continuous_update=True,
            rows=options.get("rows") or 8,
            layout=w.Layout(width="100%"),
        )
        # The question in the header is the box's visible label; screen readers
        # hear it from the description, which follows the chosen voice.
        self.text.add_class("hw-sr-label")
        self.voice.observe(self._voice_changed, "value")
        self.name_box.observe(self._name_changed, "value")
        self.text.observe(self._changed, "value")
        self._refresh_prompt()
        return [self.voice, self.name_row, self.text]

    # ------------------------------------------------------------- prompt

    def prompt_for(self, voice: str, name: str = "") -> str:
        """The question in ``voice`` ("I", "you" or "name"), as plain text.

        Parameters
        ----------
        voice
            One of the keys of :data:`VOICES`.
        name
            The person's chosen name, used when ``voice`` is ``"name"``. When it
            is blank, the "you" question is used instead.

        Returns
        -------
        str
            Plain text (not HTML); escape it before putting it in markup.
        """
        options = self.spec.options
        if voice == "you":
            return options["prompt_you"]
        if voice == "name":
            name = " ".join(name.split())
            if not name or len(name) > MAX_NAME_CHARS:
                return options["prompt_you"]
            # str.replace, not str.format: braces in a name or the pack stay as they are.
            return options["prompt_name"].replace("{name}", name)
        return self.spec.prompt

    def _refresh_prompt(self) -> None:
        voice = self.voice.value
        name = self.name_box.value
        self.shown_prompt = self.prompt_for(voice, name)
        if self.children:  # the header exists once the base class has laid out the widget
            self.children[0].value = self._header_html()
        self.text.description = self.shown_prompt
        self.name_row.layout.display = None if voice == "name" else "none"
        if voice == "name" and not name.strip() and not self.read_only:
            self.name_hint.value = f'<p class="hw-help">{esc(NAME_HINT)}</p>'
        else:
            self.name_hint.value = ""

    def _voice_changed(self, change: Any = None) -> None:
        self._refresh_prompt()
        self._changed(change)

    def _name_changed(self, change: Any = None) -> None:
        self._refresh_prompt()
        self._changed(change)

    # ------------------------------------------------------- Exercise hooks

    def empty_value(self) -> dict[str, str]:
        return {"text": "", "voice": "I", "name": ""}

    def validate(self, value: Any) -> str | None:
        if not isinstance(value, dict) or set(value) != {"text", "voice", "name"}:
            return "This answer must hold the writing, the voice and the name."
        if not all(isinstance(part, str) for part in value.values()):
            return "The writing and the name must be text."
        if value["voice"] not in VOICES:
            return "Choose to write as I, you or your name."
        if len(value["name"]) > MAX_NAME_CHARS:
            return (
                f"Keep the name under {MAX_NAME_CHARS} characters. Your last saved version is safe."
            )
        if len(value["text"]) > MAX_CHARS:
            return (
                f"This is longer than one answer can hold ({len(value['text']):,} characters; "
                f"the limit is {MAX_CHARS:,}). Your last saved version is safe. Shorten it, "
                "or split it across days."
            )
        return None

    def _read(self) -> dict[str, str]:
        return {"text": self.text.value, "voice": self.voice.value, "name": self.name_box.value}

    def _show(self, value: Any) -> None:
        value = value if isinstance(value, dict) else {}
        voice = value.get("voice")
        self.voice.value = voice if voice in VOICES else "I"
        name = value.get("name")
        self.name_box.value = name if isinstance(name, str) else ""
        text = value.get("text")
        self.text.value = text if isinstance(text, str) else ""
        self._refresh_prompt()

    def _set_disabled(self, disabled: bool) -> None:
        for control in (self.voice, self.name_box, self.text):
            control.disabled = disabled

    def _header_html(self) -> str:
        # The question is asked in the chosen voice, and last, just above the
        # "Write as" choice and the box, so that a change of voice is seen.
        header = super()._header_html()
        first_person = f'<p class="hw-prompt">{esc(self.spec.prompt)}</p>'
        header = header.replace(first_person, "", 1).rstrip("\n")
        return (
            f'{header}\n<p class="hw-prompt hw-distanced_journal-prompt" dir="auto">'
            f"{esc(self.shown_prompt)}</p>"
        )
