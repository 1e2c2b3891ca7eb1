"""The exercise kit: one widget class per exercise kind, one module per kind.

Every module in this package (except those starting with ``_``) holds one kind,
named like its module (``timeline.py`` holds the ``timeline`` kind) and declares
everything about its kind: its option fields (``options``), example options and
answer, checks across fields (``cross_check``) and what counts as started
(``is_started``). The pack loader, the tests' samples and the docs check read these
declarations, so adding a kind means adding its module and its test file. A module
is imported the first time its kind is asked for.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Iterator, Mapping

from ..content import ExerciseSpec, Pack
from ..store import AnswerStore
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
    "started_ids",
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

    def register(self, kind_class: type[Exercise]) -> None:
        """Add a kind defined outside this package (a test, or a host's own kind)."""
        if kind_class.kind in self._names:
            raise ValueError(f"there is already a kind named {kind_class.kind!r}")
        self._names = sorted([*self._names, kind_class.kind])
        self._classes[kind_class.kind] = kind_class

    def unregister(self, kind: str) -> None:
        """Remove a kind added with :meth:`register`."""
        self._names = [name for name in self._names if name != kind]
        self._classes.pop(kind, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


#: Exercise kind name (as written in the content pack) -> widget class.
KINDS: Mapping[str, type[Exercise]] = _KindRegistry()


def started_ids(pack: Pack, store: AnswerStore, among: Iterable[str] | None = None) -> set[str]:
    """Ids of the answers the person has started, each judged by its own kind.

    ``among`` limits the question to some answers (a step's exercises), so a step
    page's progress line does not read two years of check-ins after every save. An
    answer whose kind the pack does not know (a check-in, or an exercise a
    facilitator removed) is started when it holds anything at all.
    """
    if among is None:
        revisions = store.latest_revisions()
    else:
        revisions = [r for r in map(store.latest, among) if r is not None]
    started = set()
    for revision in revisions:
        spec = pack.exercises.get(revision.exercise_id)
        kind = KINDS.get(spec.kind) if isinstance(spec, ExerciseSpec) else None
        if (kind or Exercise).is_started(revision.value):
            started.add(revision.exercise_id)
    return started
