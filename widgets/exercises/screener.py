"""A screening questionnaire (PHQ-9 or GAD-7), with its total and a safety net.

Step 8 offers these beside the help resources, as something to take to a GP or
therapist: a total cannot diagnose anything. The items are the published wording
from :mod:`widgets.screeners`, never the pack's. On the PHQ-9, any answer above
"Not at all" on item 9 (thoughts of being better off dead or of self-harm)
shows crisis resources at once, whatever the total and before the last answers
(CONTENT.md, Screening; safe-messaging guidance: calm, kind, about help).
"""

from __future__ import annotations

from typing import Any, ClassVar

import ipywidgets as w
from ipywidgets.widgets.widget_description import DescriptionStyle

from ..content import FieldSpec, one_of
from ..screeners import ATTRIBUTION, RESPONSE_OPTIONS, band, get_instrument, score
from ..words import esc
from ._base import Exercise, html_block, shared

__all__ = ["CRISIS_MESSAGE", "DISCLAIMER", "ScreenerExercise"]

DISCLAIMER = (
    "This cannot diagnose anything. It is something to take to a GP or therapist, "
    "who can talk it through with you."
)
CRISIS_MESSAGE = (
    "Thank you for answering honestly. Thoughts like these are more common than people "
    "think, and you deserve support right now. You can talk to someone today:"
)
GAD7_PROFESSIONAL = "A score of 10 or more is a good reason to talk to a professional."


class ScreenerExercise(Exercise):
    """The items of one instrument, each answered with four radio buttons.

    The total and its band are shown once every item is answered; the crisis card
    (PHQ-9 item 9 above 0) is shown as soon as that answer is chosen.
    """

    kind = "screener"
    options: ClassVar[dict[str, FieldSpec]] = {
        "instrument": FieldSpec(str, check=one_of("phq9", "gad7")),
    }
    example_options: ClassVar[dict[str, Any]] = {"instrument": "phq9"}
    example_answer: ClassVar[Any] = {"answers": [1, 0, 2, 1, 0, 0, 1, 0, 0]}
    free_text = False  # its answer holds no words the person typed

    def _build(self) -> list[w.Widget]:
        self.instrument = get_instrument(self.spec.options["instrument"])
        count = len(self.instrument.items)
        stem = html_block(
            f'<p class="hw-screener-stem"><strong>{esc(self.instrument.stem)}</strong></p>'
        )
        self.radios: list[w.RadioButtons] = []
        items: list[w.Widget] = []
        for number, text in enumerate(self.instrument.items, start=1):
            question = html_block(
                '<p class="hw-screener-question">'
                f'<span class="hw-screener-number">{number}.</span> {esc(text)}</p>'
            )
            # The description is the radio group's accessible name; the same words
            # are shown above it, so the description itself is visually hidden.
            radio = w.RadioButtons(
                options=list(RESPONSE_OPTIONS),
                value=None,
                description=f"{number}. {text}",
                style=shared(DescriptionStyle),
                layout=shared(w.Layout, width="auto"),
            )
            radio.add_class("hw-sr-label")
            radio.add_class("hw-screener-options")
            radio.observe(self._changed, "value")
            self.radios.append(radio)
            item = w.VBox([question, radio])
            item.add_class("hw-screener-item")
            items.append(item)
        self.crisis_card = html_block(layout=w.Layout(display="none"))
        self.crisis_card.add_class("hw-screener-crisis-box")
        self.result = html_block()
        self.result.add_class("hw-screener-result-box")
        notes = html_block(f'<p class="hw-screener-attribution">{esc(ATTRIBUTION)}</p>')
        self._count = count
        return [stem, *items, self.crisis_card, self.result, notes]

    # ------------------------------------------------------------- reading

    @property
    def answers(self) -> list[int | None]:
        """The points chosen for each item (``None`` where nothing is chosen yet)."""
        return [radio.value for radio in self.radios]

    def answer(self, item: int, points: int | None) -> None:
        """Choose ``points`` (0–3) for item number ``item`` (counted from 1), as a click does."""
        self.radios[item - 1].value = points

    @property
    def total(self) -> int | None:
        """The total score, or ``None`` until every item is answered."""
        return score(self.instrument, self.answers)

    @property
    def crisis_shown(self) -> bool:
        """True while the crisis card is visible."""
        return self.crisis_card.layout.display != "none"

    # ------------------------------------------------------------ showing

    def _redraw(self) -> None:
        self._refresh()

    def _refresh(self) -> None:
        answers = self.answers
        self._show_crisis_card(self._needs_crisis_card(answers))
        total = score(self.instrument, answers)
        disclaimer = f'<p class="hw-screener-disclaimer">{esc(DISCLAIMER)}</p>'
        if total is None:
            answered = sum(answer is not None for answer in answers)
            self.result.value = (
                f'<p class="hw-screener-progress">{answered} of {self._count} answered. '
                f"Your total appears when every question has an answer.</p>{disclaimer}"
            )
            return
        lines = [
            f"Your total is {total} out of {self.instrument.max_score}, "
            f"in the {band(self.instrument, total)} range."
        ]
        if self.instrument.key == "gad7" and total >= 10:
            lines.append(GAD7_PROFESSIONAL)
        self.result.value = (
            '<div class="hw-screener-result" role="status">'
            + "".join(f"<p>{esc(line)}</p>" for line in lines)
            + f"{disclaimer}</div>"
        )

    def _needs_crisis_card(self, answers: list[int | None]) -> bool:
        index = self.instrument.crisis_item
        return index is not None and (answers[index] or 0) > 0

    def _show_crisis_card(self, show: bool) -> None:
        if not show:
            self.crisis_card.value = ""
            self.crisis_card.layout.display = "none"
            return
        if not self.crisis_card.value:  # a new alert is announced by screen readers
            if self.safety is not None:  # the same card as for crisis words anywhere
                self.crisis_card.value = (
                    '<div class="hw-screener-crisis" role="alert">'
                    f'<p class="hw-screener-crisis-message">{esc(CRISIS_MESSAGE)}</p>'
                    f"{self.safety.card_html(announce=False)}</div>"
                )
            else:
                self.crisis_card.value = (
                    '<div class="hw-screener-crisis" role="alert">'
                    f'<p class="hw-screener-crisis-message">{esc(CRISIS_MESSAGE)}</p>'
                    f"{self._resources_html()}</div>"
                )
        self.crisis_card.layout.display = None

    def _resources_html(self) -> str:
        """Without a safety net: the pack's crisis lines, or the built-in fallback."""
        from ..content import FALLBACK_RESOURCES
        from ..crisis import resources_html

        try:
            from ..session import current_session

            return resources_html(current_session().pack.crisis)
        except Exception:
            return resources_html(FALLBACK_RESOURCES)

    # ------------------------------------------------------- Exercise hooks

    def empty_value(self) -> dict[str, list[None]]:
        """An unanswered questionnaire: ``None`` for every item."""
        return {"answers": [None] * self._count}

    def validate(self, value: Any) -> str | None:
        """Check the answer is ``{"answers": [...]}`` with one 0–3 or ``None`` per item."""
        if not isinstance(value, dict) or set(value) != {"answers"}:
            return "This answer must hold the list of answers."
        answers = value["answers"]
        if not isinstance(answers, list) or len(answers) != self._count:
            return f"This questionnaire has {self._count} questions."
        for answer in answers:
            if answer is not None and (
                not isinstance(answer, int) or isinstance(answer, bool) or not 0 <= answer <= 3
            ):
                return "Choose one of the four answers for each question."
        return None

    def _read(self) -> dict[str, list[int | None]]:
        return {"answers": self.answers}

    def _show(self, value: Any) -> None:
        answers = value.get("answers") if isinstance(value, dict) else None
        if not isinstance(answers, list) or len(answers) != self._count:
            answers = [None] * self._count
        for radio, answer in zip(self.radios, answers, strict=True):
            valid = isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer <= 3
            radio.value = answer if valid else None
        self._refresh()

    def _set_disabled(self, disabled: bool) -> None:
        for radio in self.radios:
            radio.disabled = disabled
