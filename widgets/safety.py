"""A calm response to crisis language in anything the person writes.

When a saved answer contains a phrase about wanting to die, self-harm, not wanting
to be here or having a plan (the crisis patterns of the pack), the exercise
shows a card with the crisis lines for the person's country. It never blocks
typing or saving, never changes the text, and stores nothing: not the match, not
a flag. Matching happens here, in memory, and nothing about it is logged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .content import CrisisPatterns, CrisisResources
from .crisis import services_html
from .words import esc

__all__ = [
    "CrisisFinding",
    "SafetyNet",
    "all_crisis_language",
    "crisis_card_html",
    "find_crisis_language",
    "texts_in",
]

_CLAUSE_BREAK = re.compile(r"[.!?;:\n\r,]+|\s+but\s+|\s+[-–—]\s+")
_WORD = re.compile(r"[a-z0-9']+|\S")
_CURLY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "`": "'"})


@dataclass(frozen=True)
class CrisisFinding:
    """Which pattern matched, and the clause it matched in (kept in memory only)."""

    pattern_id: str
    clause: str

    def __repr__(self) -> str:  # never show what the person wrote
        return f"CrisisFinding({self.pattern_id!r})"


def texts_in(value: Any) -> Iterator[str]:
    """Every piece of text inside an answer (strings in lists and mappings)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from texts_in(item)


def _normalise(text: str, spelling: dict[str, str]) -> str:
    text = text.translate(_CURLY).lower()
    if not spelling:
        return text
    return _WORD.sub(lambda m: spelling.get(m.group(0), m.group(0)), text)


def _clauses(text: str) -> list[str]:
    return [part.strip() for part in _CLAUSE_BREAK.split(text) if part.strip()]


def _last_words(text: str, count: int) -> str:
    return " ".join(text.split()[-count:])


def _nearest_subject_is_someone_else(before: str, patterns: CrisisPatterns) -> bool:
    """True when, reading back from the match, another person is named before "I"."""
    other = [m.end() for m in patterns.guards["other_person"].finditer(before)]
    mine = [m.end() for m in patterns.guards["first_person"].finditer(before)]
    return bool(other) and (not mine or other[-1] > mine[-1])


def find_crisis_language(text: str, patterns: CrisisPatterns | None) -> CrisisFinding | None:
    """The first unguarded crisis phrase in ``text``, or ``None``."""
    return next(all_crisis_language(text, patterns), None)


def all_crisis_language(text: str, patterns: CrisisPatterns | None) -> Iterator[CrisisFinding]:
    """Every clause of ``text`` with an unguarded crisis phrase (one finding each)."""
    if not patterns or not text or not text.strip():
        return
    guards = patterns.guards
    window = patterns.window_words
    for clause in _clauses(_normalise(text, dict(patterns.spelling))):
        for pattern_id, regex, guarded, first_person in patterns.patterns:
            if any(
                not (
                    guarded
                    and _guarded(clause[: m.start()], window, guards, patterns, first_person)
                )
                for m in regex.finditer(clause)
            ):
                yield CrisisFinding(pattern_id, clause)
                break


def _guarded(
    before: str, window: int, guards: dict, patterns: CrisisPatterns, first_person: bool
) -> bool:
    """True when the words before a match make it not about the writer, now."""
    near = _last_words(before, window)
    if guards["negation"].search(near) or guards["past"].search(near):
        return True
    if guards["reported"].search(_last_words(before, window + 4)):
        return True
    return not first_person and _nearest_subject_is_someone_else(near, patterns)


# ----------------------------------------------------------------------- the card

CARD_OPENING = "It sounds like things may feel very heavy right now."


def crisis_card_html(
    crisis: CrisisResources, country_code: str | None, announce: bool = True
) -> str:
    """The calm card: a kind word, the lines for the person's country, and the way out.

    Safe-messaging: no judgement, no alarm, help first; the person's words are
    neither repeated nor quoted. ``announce`` makes the opening line an alert; a
    caller that announces the card itself (the PHQ-9) turns it off, so a screen
    reader hears one alert, not two.
    """
    services = services_html(crisis, country_code)
    role = ' role="alert"' if announce else ""
    return (
        '<div class="hw-crisis-card">'
        f'<p class="hw-crisis-opening"{role}><strong>{esc(CARD_OPENING)}'
        "</strong></p>"
        "<p>You do not have to face this on your own. If you are thinking about ending "
        "your life or hurting yourself, please reach out to someone now. These services "
        "are free and confidential, and they will listen.</p>"
        f"<p><strong>{esc(crisis.emergency_advice)}</strong></p>"
        f"{services}"
        "<p>What you wrote is saved, and only you can see it. You can keep writing, "
        "and Get help now stays at the top of every page.</p></div>"
    )


class SafetyNet:
    """What an exercise needs to respond to crisis language: patterns and the card.

    Parameters
    ----------
    patterns
        The pack's compiled crisis patterns (``None`` turns detection off, for tests).
    crisis
        The pack's crisis resources.
    country
        Returns the person's chosen country code (read when a card is shown).
    """

    def __init__(
        self,
        patterns: CrisisPatterns | None,
        crisis: CrisisResources,
        country: Callable[[], str | None] = lambda: None,
    ) -> None:
        self.patterns = patterns
        self.crisis = crisis
        self.country = country

    def finds(self, value: Any) -> list[CrisisFinding]:
        """Every clause with a crisis phrase, in any text of ``value``."""
        return [
            finding
            for text in texts_in(value)
            for finding in all_crisis_language(text, self.patterns)
        ]

    def card_html(self, announce: bool = True) -> str:
        """The card, with the lines for the person's country as chosen right now."""
        return crisis_card_html(self.crisis, self.country(), announce)
