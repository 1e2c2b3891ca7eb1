"""The exercise kit: one widget class per exercise kind."""

from __future__ import annotations

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

#: Exercise kind name (as written in the content pack) -> widget class.
KINDS: dict[str, type[Exercise]] = {
    cls.kind: cls
    for cls in (
        JournalExercise,
        ScaleExercise,
        SingleChoiceExercise,
        MultipleChoiceExercise,
        ListBuilderExercise,
    )
}
