"""Made-up data for the journey page: years of check-ins and thousands of answer revisions.

Used by the benchmark (two years of daily check-ins and 5,000 revisions) and by
tests that need a full store. Everything is written into the store it is given,
which must live in a temporary folder. The values are deterministic.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from widgets.content import ExerciseSpec, Pack
from widgets.daily_checkin import checkin_id
from widgets.store import AnswerStore

__all__ = ["fill_journey"]

_WORDS = (
    *("today", "I", "walked", "to", "the", "river", "and", "thought", "about", "weeks"),
    *("some", "mornings", "are", "still", "heavy", "but", "evenings", "feel", "lighter"),
    *("I", "called", "my", "sister", "and", "we", "laughed", "about", "something", "small"),
)


def _paragraph(rng: random.Random, words: int = 60) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + "."


def _value_for(pack: Pack, spec: ExerciseSpec, rng: random.Random) -> Any:
    """A value the exercise's own widget accepts: a worked example's if there is one."""
    examples = pack.examples_for(spec.id)
    if examples:
        return examples[0][1].value
    return _paragraph(rng)


def fill_journey(
    store: AnswerStore,
    pack: Pack,
    today: dt.date,
    days: int = 730,
    revisions: int = 5_000,
    seed: int = 7,
) -> dict[str, int]:
    """Fill ``store`` with ``days`` daily check-ins up to ``today`` and ``revisions`` answers.

    The answers' revisions are spread over the pack's exercises; step 6's
    contact tracker gets a start date ``days`` ago and a slip now and then.
    Returns how many rows of each were written.
    """
    rng = random.Random(seed)
    start = today - dt.timedelta(days=days - 1)
    rows: list[tuple[str, Any, dt.datetime]] = []
    mood = 3.0
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        if rng.random() < 0.1:
            continue  # a missed day now and then
        mood = min(10.0, max(0.0, mood + rng.uniform(-1.2, 1.4)))
        value = {
            "mood": round(mood),
            "emotions": rng.sample(list(pack.checkin_emotions), k=rng.randint(0, 3)),
            "urge": rng.randint(0, 10) if rng.random() < 0.7 else None,
            "note": _paragraph(rng, 8) if rng.random() < 0.5 else "",
        }
        stamp = dt.datetime.combine(day, dt.time(21, 30), dt.UTC)
        rows.append((checkin_id(day), value, stamp))
    checkin_rows = len(rows)
    specs = [s for s in pack.exercises.values() if isinstance(s, ExerciseSpec)]
    tracker = next((s for s in specs if s.kind == "contact_tracker"), None)
    for index in range(revisions):
        spec = specs[index % len(specs)]
        moment = dt.datetime.combine(start, dt.time(20), dt.UTC) + dt.timedelta(
            minutes=index * max(1, days * 24 * 60 // max(revisions, 1))
        )
        if spec is tracker:
            slips = [
                {"date": (start + dt.timedelta(days=d)).isoformat(), "note": "sent a message"}
                for d in range(10, days, 45)
            ]
            value: Any = {
                "start": start.isoformat(),
                "mode": "no contact",
                "slips": slips,
                "urges": [],
            }
        else:
            value = _value_for(pack, spec, rng)
        rows.append((spec.id, value, moment))
    store.add_revisions(rows)
    return {"checkins": checkin_rows, "revisions": revisions}
