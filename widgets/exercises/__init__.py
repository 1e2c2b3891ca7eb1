"""The exercise kit: one widget class per exercise kind, one module per kind.

Every module in this package (except those starting with ``_``) holds one kind,
named like its module (``timeline.py`` holds the ``timeline`` kind), so adding a
kind means adding its module and its option schema in
``widgets.content.KIND_SCHEMAS``. A module is imported the first time its kind is
asked for: a page loads only the kinds it shows.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator, Mapping

from ._base import Debouncer, Exercise
from .journal import JournalExercise, WritingTimer
from .list_builder import ListBuilderExercise
from .multiple_choice import MultipleChoiceExercise
from .scale import ScaleExercise
from .single_choice import SingleChoiceExercise

__all__ = [
    "KINDS",
    "Debouncer",
    "Exercise",
    "JournalExercise",
    "ListBuilderExercise",
    "MultipleChoiceExercise",
    "ScaleExercise",
    "SingleChoiceExercise",
    "WritingTimer",
]


class _KindRegistry(Mapping):
    """Exercise kind name -> widget class, importing each kind's module on first use."""

    def __init__(self) -> None:
        self._names = sorted(
            module.name
            for module in pkgutil.iter_modules(__path__)
            if not module.name.startswith("_")
        )
        self._classes: dict[str, type[Exercise]] = {}

    def __getitem__(self, kind: str) -> type[Exercise]:
        if kind not in self._classes:
            if kind not in self._names:
                raise KeyError(kind)
            module = importlib.import_module(f"{__name__}.{kind}")
            found = [
                value
                for value in vars(module).values()
                if isinstance(value, type)
                and issubclass(value, Exercise)
                and value.__dict__.get("kind") == kind
            ]
            if len(found) != 1:
                raise KeyError(f"{kind}: its module defines {len(found)} widget classes for it")
            self._classes[kind] = found[0]
        return self._classes[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


#: Exercise kind name (as written in the content pack) -> widget class.
KINDS: Mapping[str, type[Exercise]] = _KindRegistry()
