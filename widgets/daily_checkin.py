"""The daily check-in: mood, the feelings named, the urge to contact the ex, one line.

One check-in per day, saved like every answer (a new revision on each save) under
the id ``checkin-YYYY-MM-DD`` of the person's local date. Today's check-in can be
changed all day; earlier days are kept as they were and feed the journey page's
chart and summary.

The answer is plain data::

    {"mood": 6, "emotions": ["hopeful", "tired"], "urge": 3, "note": "Walked by the sea."}

``mood`` and ``urge`` are whole numbers from 0 to 10, or ``None`` when not rated.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

import ipywidgets as w

from .content import ExerciseSpec, Pack
from .exercises._base import Exercise, checkbox, html_block
from .exercises._rating import Rating
from .store import AnswerStore, Revision

__all__ = [
    "CHECKIN_PREFIX",
    "MAX_NOTE_CHARS",
    "CheckIn",
    "CheckInExercise",
    "checkin_id",
    "checkin_spec",
    "checkins",
    "day_of",
]

#: Every check-in's exercise id starts with this, followed by the ISO date.
CHECKIN_PREFIX = "checkin-"
#: One line: a short sentence, not a journal entry.
MAX_NOTE_CHARS = 200
_ID = re.compile(r"checkin-(\d{4}-\d{2}-\d{2})")


def checkin_id(day: dt.date) -> str:
    """The exercise id of the check-in of ``day`` (``checkin-2026-11-23``)."""
    return f"{CHECKIN_PREFIX}{day.isoformat()}"


def day_of(exercise_id: str) -> dt.date | None:
    """The day a check-in id names, or ``None`` when ``exercise_id`` is not a check-in."""
    found = _ID.fullmatch(exercise_id)
    if found is None:
        return None
    try:
        return dt.date.fromisoformat(found.group(1))
    except ValueError:
        return None


def checkin_spec(pack: Pack, day: dt.date) -> ExerciseSpec:
    """The check-in of ``day`` as an exercise, with the pack's feeling words."""
    return ExerciseSpec(
        id=checkin_id(day),
        kind=CheckInExercise.kind,
        title=_title(day),
        prompt=(
            "How are you today? It takes a minute. Only the mood is needed; "
            "the rest is there if it helps."
        ),
        help="You can change today's check-in until midnight. It is saved as you go.",
        options={"emotions": tuple(pack.checkin_emotions)},
    )


def _title(day: dt.date) -> str:
    return f"Check-in for {day:%A} {day.day} {day:%B}"


@dataclass(frozen=True)
class CheckIn:
    """One day's check-in as saved (its latest revision)."""

    day: dt.date
    mood: int | None
    urge: int | None
    emotions: tuple[str, ...]
    note: str
    saved_at: dt.datetime

    def __repr__(self) -> str:  # keep the person's words out of tracebacks
        return f"CheckIn(day={self.day}, mood={self.mood}, urge={self.urge})"


def _rating(value: Any) -> int | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10
    return value if ok else None


def checkin_from(revision: Revision) -> CheckIn | None:
    """The check-in a revision holds, or ``None`` if it is not a readable check-in."""
    day = day_of(revision.exercise_id)
    value = revision.value
    if day is None or not isinstance(value, dict):
        return None
    emotions = value.get("emotions")
    note = value.get("note")
    return CheckIn(
        day=day,
        mood=_rating(value.get("mood")),
        urge=_rating(value.get("urge")),
        emotions=tuple(e for e in emotions if isinstance(e, str))
        if isinstance(emotions, list)
        else (),
        note=note if isinstance(note, str) else "",
        saved_at=revision.saved_at,
    )


def checkins(store: AnswerStore) -> list[CheckIn]:
    """Every day's check-in (its latest revision), oldest day first."""
    found = (checkin_from(r) for r in store.latest_revisions(prefix=CHECKIN_PREFIX))
    return sorted((c for c in found if c is not None), key=lambda c: c.day)


class CheckInExercise(Exercise):
    """Today's check-in, saved and reloaded like any exercise.

    The day comes from the workbook's one clock (:mod:`widgets.clock`). A page left
    open past local midnight saves to the new day's check-in, and says so in its title.
    """

    kind = "checkin"

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.day = day_of(self.exercise_id)

    def save(self) -> bool:
        """Save to today's check-in, moving on to a new day's after midnight."""
        today = self.clock.today()
        if not self.read_only and self.day is not None and today != self.day:
            self.day = today
            self.spec = replace(self.spec, id=checkin_id(today), title=_title(today))
            self.exercise_id = self.spec.id
            self._last_saved_json = None  # nothing is saved for the new day yet
            self.children[0].value = self._header_html()
        return super().save()

    def _build(self) -> list[w.Widget]:
        self.mood = Rating("Mood", "very low", "very good", self._changed)
        self.urge = Rating(
            "Urge to contact your ex", "no pull at all", "very strong pull", self._changed
        )
        self.emotion_words = list(self.spec.options.get("emotions", ()))
        self.emotion_boxes = [checkbox(word) for word in self.emotion_words]
        self._other_emotions: list[str] = []
        for box in self.emotion_boxes:
            box.observe(self._changed, "value")
        feelings = w.Box(self.emotion_boxes, layout=w.Layout(flex_flow="row wrap"))
        feelings.add_class("hw-checklist")
        self.note_box = w.Text(
            description="One line about today",
            placeholder="For example: slept badly, walked with a friend",
            continuous_update=True,
            layout=w.Layout(width="100%", max_width="40em"),
        )
        self.note_box.add_class("hw-sr-label")
        self.note_box.observe(self._changed, "value")
        return [
            html_block('<h4 class="hw-subhead">Mood</h4>'),
            *self.mood.widgets,
            html_block(
                '<h4 class="hw-subhead" id="hw-checkin-feelings">'
                "Feelings today (optional, tick any)</h4>"
            ),
            feelings,
            html_block('<h4 class="hw-subhead">Urge to contact your ex (optional)</h4>'),
            *self.urge.widgets,
            html_block('<h4 class="hw-subhead">One line about today (optional)</h4>'),
            self.note_box,
        ]

    def empty_value(self) -> dict[str, Any]:
        """Nothing rated, nothing ticked, no note."""
        return {"mood": None, "emotions": [], "urge": None, "note": ""}

    def validate(self, value: Any) -> str | None:
        """A mood and urge from 0 to 10 (or not rated), known feelings, a short note."""
        if not isinstance(value, dict) or set(value) != {"mood", "emotions", "urge", "note"}:
            return "A check-in holds a mood, feelings, an urge and a note."
        for key in ("mood", "urge"):
            if value[key] is not None and _rating(value[key]) is None:
                return "Choose a whole number from 0 to 10."
        emotions = value["emotions"]
        if not isinstance(emotions, list) or not all(isinstance(e, str) for e in emotions):
            return "Tick feelings from the list shown."
        note = value["note"]
        if not isinstance(note, str):
            return "The note must be text."
        if len(note) > MAX_NOTE_CHARS:
            return f"Keep the note to one line of up to {MAX_NOTE_CHARS} characters."
        return None

    def _read(self) -> dict[str, Any]:
        return {
            "mood": self.mood.value,
            "emotions": [box.description for box in self.emotion_boxes if box.value]
            + self._other_emotions,
            "urge": self.urge.value,
            "note": " ".join(self.note_box.value.split()),
        }

    def _show(self, value: Any) -> None:
        if not isinstance(value, dict):
            value = self.empty_value()
        self.mood.show(_rating(value.get("mood")))
        self.urge.show(_rating(value.get("urge")))
        named = value.get("emotions")
        named = [e for e in named if isinstance(e, str)] if isinstance(named, list) else []
        for box in self.emotion_boxes:
            box.value = box.description in named
        # Words this pack does not offer (from another pack, or an import) are kept.
        self._other_emotions = [e for e in named if e not in self.emotion_words]
        note = value.get("note")
        self.note_box.value = note if isinstance(note, str) else ""

    def _set_disabled(self, disabled: bool) -> None:
        self.mood.disable(disabled)
        self.urge.disable(disabled)
        self.note_box.disabled = disabled
        for box in self.emotion_boxes:
            box.disabled = disabled
