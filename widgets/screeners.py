"""The screening questionnaires of step 8 (PHQ-9 and GAD-7), word for word.

The items are the published wording (phqscreeners.com) and must never be altered,
paraphrased or moved into the content pack: a changed item is no longer the
validated instrument. Scores and bands follow Kroenke et al. 2001 (PHQ-9) and
Spitzer et al. 2006 (GAD-7). A score is something to take to a GP or therapist;
it cannot diagnose anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ATTRIBUTION",
    "GAD7",
    "INSTRUMENTS",
    "PHQ9",
    "RESPONSE_OPTIONS",
    "Band",
    "Instrument",
    "band",
    "get_instrument",
    "score",
]

#: The four answers to every item, with the points each one scores.
RESPONSE_OPTIONS: tuple[tuple[str, int], ...] = (
    ("Not at all", 0),
    ("Several days", 1),
    ("More than half the days", 2),
    ("Nearly every day", 3),
)

ATTRIBUTION = (
    "PHQ-9 and GAD-7: developed by Drs. Robert L. Spitzer, Janet B.W. Williams, "
    "Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. "
    "No permission required to reproduce, translate, display or distribute."
)


@dataclass(frozen=True)
class Band:
    """A range of totals (both ends included) and its published name."""

    low: int
    high: int
    name: str


@dataclass(frozen=True)
class Instrument:
    """One questionnaire: its items in order, the question they answer, and its bands."""

    key: str
    title: str
    stem: str
    items: tuple[str, ...]
    bands: tuple[Band, ...]
    #: Index (from 0) of an item where any answer above 0 must show crisis
    #: resources at once, or ``None``.
    crisis_item: int | None = None

    @property
    def max_score(self) -> int:
        """The highest possible total (3 points per item)."""
        return 3 * len(self.items)


PHQ9 = Instrument(
    key="phq9",
    title="PHQ-9 (Patient Health Questionnaire)",
    stem=(
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    ),
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself "
        "or your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite "
        "— being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 19, "moderately severe"),
        Band(20, 27, "severe"),
    ),
    crisis_item=8,
)

GAD7 = Instrument(
    key="gad7",
    title="GAD-7 (Generalized Anxiety Disorder questionnaire)",
    # The GAD-7 form's own stem has no "any of" (the PHQ-9's has).
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it's hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid as if something awful might happen",
    ),
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 21, "severe"),
    ),
)

#: Instrument key (as written in the content pack's ``instrument`` option) -> instrument.
INSTRUMENTS: dict[str, Instrument] = {PHQ9.key: PHQ9, GAD7.key: GAD7}


def get_instrument(instrument: str | Instrument) -> Instrument:
    """Return the instrument named by its key (``"phq9"``, ``"gad7"``), or the one given.

    Raises
    ------
    KeyError
        If the key names no instrument.
    """
    if isinstance(instrument, Instrument):
        return instrument
    return INSTRUMENTS[instrument]


def _is_points(answer: Any) -> bool:
    return isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer <= 3


def score(instrument: str | Instrument, answers: Sequence[int | None]) -> int | None:
    """The total of ``answers``, or ``None`` while any item is unanswered.

    Parameters
    ----------
    instrument
        The instrument or its key.
    answers
        One entry per item: 0–3, or ``None`` for not answered.

    Raises
    ------
    ValueError
        If there is not one answer per item, or an answer is not 0–3 or ``None``.
    """
    questionnaire = get_instrument(instrument)
    answers = list(answers)
    if len(answers) != len(questionnaire.items):
        raise ValueError(f"{questionnaire.key} has {len(questionnaire.items)} items")
    if not all(answer is None or _is_points(answer) for answer in answers):
        raise ValueError("each answer must be 0, 1, 2, 3 or None")
    if any(answer is None for answer in answers):
        return None
    return sum(answers)


def band(instrument: str | Instrument, total: int) -> str:
    """The published name of the band ``total`` falls in, e.g. ``"moderately severe"``.

    Raises
    ------
    ValueError
        If ``total`` is not a possible total of the instrument.
    """
    questionnaire = get_instrument(instrument)
    for entry in questionnaire.bands:
        if entry.low <= total <= entry.high:
            return entry.name
    raise ValueError(f"{total!r} is not a {questionnaire.key} total (0–{questionnaire.max_score})")
