"""Small helpers for writing text: numbers and lists in plain English, and text as HTML."""

from __future__ import annotations

import html

__all__ = ["esc", "join_words", "plural"]


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word`` agreeing: ``1 day``, ``3 days`` (or ``many`` if given)."""
    return f"{count} {word}" if count == 1 else f"{count} {many or word + 's'}"


def join_words(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def esc(text: object) -> str:
    """``text`` as HTML shows it literally: every tag and quote escaped."""
    return html.escape(str(text), quote=True)
