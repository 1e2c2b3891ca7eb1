"""Name what you feel: emotion words in families, each chosen word with a strength 1–10.

Putting feelings into words ("affect labelling") is the first step of noticing
them, and one question with optional emotion words is the usual way mood is
tracked (CONTENT.md, "Mood tracking"). Each family is shown with its colour *and*
its name, so colour never carries the meaning alone (WCAG 1.4.1). A strength can
be typed or stepped in a number box; the slider beside it is only a shortcut
(WCAG 2.5.7).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import ipywidgets as w

from ..content import FieldSpec, hex_colour, nonblank, option_list
from ..words import esc
from ._base import Exercise, checkbox, html_block

__all__ = ["DEFAULT_INTENSITY", "MAX_INTENSITY", "MIN_INTENSITY", "FeelingsPickerExercise"]

MIN_INTENSITY = 1
MAX_INTENSITY = 10
#: The strength a word starts at when it is ticked: the middle, so neither end is suggested.
DEFAULT_INTENSITY = 5

_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_FALLBACK_COLOUR = "#8a9a96"


class _WordControls:
    """The checkbox of one emotion word, and its strength controls once it is ticked.

    A page shows some thirty words, so the number box and slider of a word are
    only built when first needed: that keeps a step page close to the speed of a
    single widget (bench/), as most words are never ticked.
    """

    def __init__(self, word: str, family: str, strengths: w.VBox, on_build) -> None:
        self.word = word
        self.family = family
        self.box = checkbox(word)
        self._strengths = strengths
        self._on_build = on_build
        self._number: w.BoundedIntText | None = None
        self._slider: w.IntSlider | None = None
        self._row: w.HBox | None = None

    @property
    def built(self) -> bool:
        """True once the strength controls exist."""
        return self._row is not None

    @property
    def number(self) -> w.BoundedIntText:
        """The number box for the strength (built on first use)."""
        self._build()
        return self._number

    @property
    def slider(self) -> w.IntSlider:
        """The slider beside the number box (built on first use)."""
        self._build()
        return self._slider

    @property
    def row(self) -> w.HBox:
        """The row holding the number box and the slider (built on first use)."""
        self._build()
        return self._row

    def _build(self) -> None:
        if self._row is not None:
            return
        word = self.word
        self._number = w.BoundedIntText(
            value=DEFAULT_INTENSITY,
            min=MIN_INTENSITY,
            max=MAX_INTENSITY,
            description=f"How strong is {word}? ({MIN_INTENSITY} to {MAX_INTENSITY})",
            style={"description_width": "initial"},
            layout=w.Layout(width="auto", max_width="100%"),
        )
        self._number.add_class("hw-feelings_picker-number")
        self._slider = w.IntSlider(
            value=DEFAULT_INTENSITY,
            min=MIN_INTENSITY,
            max=MAX_INTENSITY,
            description=f"{word} strength slider",
            readout=False,
            continuous_update=False,
            layout=w.Layout(flex="1 1 10em", min_width="0", max_width="18em"),
        )
        self._slider.add_class("hw-sr-label")  # the number box beside it is the visible label
        # No jslink beside the kernel's own syncing: with both, a burst of arrow keys on
        # a busy machine let the kernel's copy of an older value overwrite a newer one
        # in the page, and the number box jumped back. The kernel alone keeps the two
        # in step (_number_moved, _slider_moved), as for every other slider pair.
        self._row = w.HBox(
            [self._number, self._slider],
            layout=w.Layout(flex_flow="row wrap", align_items="center", display="none"),
        )
        self._row.add_class("hw-row")
        self._row.add_class("hw-feelings_picker-strength")
        self._strengths.children = (*self._strengths.children, self._row)
        self._on_build(self)


class FeelingsPickerExercise(Exercise):
    """Tick the feelings that fit and say how strong each one is.

    The answer maps each ticked word to its strength, e.g. ``{"Sad": 7}``;
    un-ticking a word removes it from the answer.
    """

    kind = "feelings_picker"
    options: ClassVar[dict[str, FieldSpec]] = {
        "families": FieldSpec(
            list,
            min_items=2,
            records={
                "name": FieldSpec(str, check=nonblank),
                "colour": FieldSpec(str, check=hex_colour),
                "words": FieldSpec(list, check=option_list(2)),
            },
        ),
    }
    example_options: ClassVar[dict[str, Any]] = {
        "families": (
            {"name": "Sadness", "colour": "#4a7bd0", "words": ("Sad", "Lonely")},
            {"name": "Relief", "colour": "#2f7d5b", "words": ("Relieved", "Calm")},
        )
    }
    example_answer: ClassVar[Any] = {"Sad": 7}
    free_text = False  # its answer holds no words the person typed

    @classmethod
    def cross_check(cls, options: dict[str, Any]) -> list[tuple[str, str]]:
        """A feeling word belongs to one family only."""
        words = [word for family in options["families"] for word in family["words"]]
        repeated = sorted({word for word in words if words.count(word) > 1})
        return (
            [("families", f"a word is in two families: {', '.join(repeated)}")] if repeated else []
        )

    def _build(self) -> list[w.Widget]:
        self.families = [
            (str(family["name"]), str(family["colour"]), [str(word) for word in family["words"]])
            for family in self.spec.options["families"]
        ]
        self.words: dict[str, _WordControls] = {}
        groups: list[w.Widget] = []
        for name, colour, words in self.families:
            strengths = w.VBox()
            controls = [_WordControls(word, name, strengths, self._wire) for word in words]
            for control in controls:
                self.words[control.word] = control
                control.box.observe(self._ticked(control), "value")
            groups.append(self._family_group(name, colour, controls, strengths))
        self.summary = html_block()
        self.summary.add_class("hw-feelings_picker-summary-line")
        self._update_summary()
        return [*groups, self.summary]

    def _wire(self, control: _WordControls) -> None:
        """Connect a word's newly built strength controls."""
        control.number.observe(self._number_moved(control), "value")
        control.slider.observe(self._slider_moved(control), "value")
        control.number.disabled = control.slider.disabled = control.box.disabled

    def _family_group(
        self, name: str, colour: str, controls: list[_WordControls], strengths: w.VBox
    ) -> w.VBox:
        colour = colour if _HEX_COLOUR.fullmatch(colour) else _FALLBACK_COLOUR
        heading = html_block(
            '<h4 class="hw-feelings_picker-family">'
            f'<span class="hw-feelings_picker-swatch" style="background-color: {colour}" '
            f'aria-hidden="true"></span>{esc(name)}</h4>'
        )
        checklist = w.Box(
            [control.box for control in controls], layout=w.Layout(flex_flow="row wrap")
        )
        checklist.add_class("hw-checklist")
        group = w.VBox(
            [heading, checklist, strengths],
            layout=w.Layout(border_left=f"6px solid {colour}"),
        )
        group.add_class("hw-feelings_picker-group")
        return group

    # ------------------------------------------------------------- actions

    def choose(self, word: str, intensity: int = DEFAULT_INTENSITY) -> bool:
        """Tick ``word`` with a strength; return False (with a message) if refused.

        Parameters
        ----------
        word
            One of the emotion words shown.
        intensity
            How strong the feeling is, from 1 to 10.
        """
        if word not in self.words:
            self._set_problem("Choose a feeling from the lists shown.")
            return False
        if not _is_intensity(intensity):
            self._set_problem(
                f"Choose how strong {word} is with a whole number "
                f"from {MIN_INTENSITY} to {MAX_INTENSITY}."
            )
            return False
        control = self.words[word]
        control.number.value = intensity
        control.box.value = True
        return True

    def unchoose(self, word: str) -> None:
        """Un-tick ``word``; it leaves the answer."""
        if word in self.words:
            self.words[word].box.value = False

    def set_intensity(self, word: str, intensity: int) -> bool:
        """Change the strength of a ticked ``word`` (as typing in its number box does)."""
        if word not in self.words or not self.words[word].box.value:
            self._set_problem("Tick the feeling first, then say how strong it is.")
            return False
        return self.choose(word, intensity)

    # ------------------------------------------------------------ handlers

    def _ticked(self, control: _WordControls):
        def on_tick(change: dict) -> None:
            if not change["new"] and not control.built:
                return  # never ticked before: nothing to hide
            control.row.layout.display = None if change["new"] else "none"
            if not change["new"] and not self._showing:
                # Un-ticked: start from the middle again if it is ticked later.
                control.number.value = DEFAULT_INTENSITY
            self._update_summary()
            self._changed()

        return on_tick

    def _number_moved(self, control: _WordControls):
        def on_number(change: dict) -> None:
            if control.slider.value != change["new"]:
                control.slider.value = change["new"]
            self._update_summary()
            if control.box.value:
                self._changed()

        return on_number

    def _slider_moved(self, control: _WordControls):
        def on_slide(change: dict) -> None:
            # The number box is the one source of truth; its handler does the rest.
            if control.number.value != change["new"]:
                control.number.value = change["new"]

        return on_slide

    def _update_summary(self) -> None:
        chosen = [
            f"{control.word} {control.number.value}"
            for control in self.words.values()
            if control.box.value
        ]
        text = ", ".join(chosen) if chosen else "nothing yet"
        self.summary.value = (
            f'<p class="hw-feelings_picker-summary"><strong>You chose:</strong> {esc(text)}</p>'
        )

    # ------------------------------------------------------- Exercise hooks

    def empty_value(self) -> dict[str, int]:
        return {}

    def validate(self, value: Any) -> str | None:
        if not isinstance(value, dict):
            return "This answer must pair each chosen feeling with how strong it is."
        for word, intensity in value.items():
            if word not in self.words:
                return "Choose feelings from the lists shown."
            if not _is_intensity(intensity):
                return (
                    f"Choose how strong {word} is with a whole number "
                    f"from {MIN_INTENSITY} to {MAX_INTENSITY}."
                )
        return None

    def _read(self) -> dict[str, int]:
        return {
            control.word: control.number.value
            for control in self.words.values()
            if control.box.value
        }

    def _show(self, value: Any) -> None:
        chosen = value if isinstance(value, dict) else {}
        for word, control in self.words.items():
            intensity = chosen.get(word)
            ticked = _is_intensity(intensity)
            if ticked or control.built:
                control.number.value = intensity if ticked else DEFAULT_INTENSITY
                control.slider.value = control.number.value
                control.row.layout.display = None if ticked else "none"
            control.box.value = ticked
        self._update_summary()

    def _set_disabled(self, disabled: bool) -> None:
        for control in self.words.values():
            control.box.disabled = disabled
            if control.built:
                control.number.disabled = disabled
                control.slider.disabled = disabled


def _is_intensity(value: Any) -> bool:
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and MIN_INTENSITY <= value <= MAX_INTENSITY
    )
