"""The exercise kit: one widget class per exercise kind, one module per kind.

Every module in this package (except those starting with ``_``) is imported, and
each :class:`Exercise` subclass it defines with a ``kind`` is registered under
that name, so adding a kind means adding its module and its option schema in
``widgets.content.KIND_SCHEMAS``.
"""

from __future__ import annotations

import importlib
import pkgutil

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


def _discover() -> dict[str, type[Exercise]]:
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
    kinds: dict[str, type[Exercise]] = {}
    pending = list(Exercise.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith(__name__) and cls.__dict__.get("kind"):
            kinds[cls.kind] = cls
    return dict(sorted(kinds.items()))


#: Exercise kind name (as written in the content pack) -> widget class.
KINDS: dict[str, type[Exercise]] = _discover()
