"""Small helpers for writing numbers and lists in plain English."""

from __future__ import annotations

__all__ = ["join_words", "plural"]


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word`` agreeing: ``1 day``, ``3 days`` (or ``many`` if given)."""
    return f"{count} {word}" if count == 1 else f"{count} {many or word + 's'}"


def join_words(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
