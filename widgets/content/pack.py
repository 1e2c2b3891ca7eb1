"""The pack and its steps: reading ``pack.yaml``, the step files and their exercises.

Each exercise is checked against its kind's own declaration (``widgets/exercises``);
then the stories and the crisis files are read.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from .crisis import (
    _load_patterns,
    _load_resources,
)
from .fields import (
    SLUG,
    ContentError,
    FieldSpec,
    _construct_mapping,
    _construct_sequence,
    _FileReader,
    _LineLoader,
    _LocatedDict,
    int_range,
    nonblank,
    option_list,
)
from .model import (
    DEFAULT_CHECKIN_EMOTIONS,
    FALLBACK_RESOURCES,
    STEP_STATUSES,
    ExerciseSpec,
    InvalidExercise,
    Pack,
    Step,
)
from .stories import (
    _load_stories,
)

_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


COMMON_FIELDS: dict[str, FieldSpec] = {
    "id": FieldSpec(
        str, check=lambda v: None if SLUG.match(v) else "use lowercase-words-like-this"
    ),
    "kind": FieldSpec(str),
    "title": FieldSpec(str, check=nonblank),
    "prompt": FieldSpec(str, check=nonblank),
    "help": FieldSpec(str, required=False, default=""),
    "caution": FieldSpec(str, required=False, default=""),
}


PACK_FIELDS = {
    "name": FieldSpec(str, check=nonblank),
    "checkin_emotions": FieldSpec(
        list, required=False, default=list(DEFAULT_CHECKIN_EMOTIONS), check=option_list(2)
    ),
    "steps": FieldSpec(list),
    "crisis_resources": FieldSpec(str, check=nonblank),
    "crisis_patterns": FieldSpec(str, required=False, default="crisis_patterns.yaml"),
}


STEP_FIELDS = {
    "number": FieldSpec(int, check=int_range(1, 99)),
    "slug": FieldSpec(str, check=lambda v: None if SLUG.match(v) else "use lowercase-words"),
    "title": FieldSpec(str, check=nonblank),
    "summary": FieldSpec(str, check=nonblank),
    "status": FieldSpec(
        str,
        required=False,
        default="ready",
        check=lambda v: (
            None if v in STEP_STATUSES else f"must be one of {', '.join(STEP_STATUSES)}"
        ),
    ),
    "exercises": FieldSpec(list, required=False, default=()),
}


def load_pack(root: str | Path) -> Pack:
    """Read the pack at ``root``, check everything, and return what is valid plus all errors."""
    root = Path(root)
    errors: list[ContentError] = []
    pack_file = _FileReader(root / "pack.yaml", root, errors)
    raw = pack_file.load() if (root / "pack.yaml").exists() else None
    if raw is None and not (root / "pack.yaml").exists():
        pack_file.error(1, "(file)", f"no pack.yaml in {root}")
    head = pack_file.fields(raw, PACK_FIELDS, "", 1) if raw is not None else None

    steps: list[Step] = []
    exercises: dict[str, ExerciseSpec | InvalidExercise] = {}
    first_seen: dict[str, str] = {}
    crisis = FALLBACK_RESOURCES
    name = "(unnamed pack)"
    emotions = DEFAULT_CHECKIN_EMOTIONS
    if head is not None:
        name = head["name"]
        emotions = tuple(head["checkin_emotions"])
        step_list = raw["steps"]
        for index, entry in enumerate(step_list):
            line = step_list.line_of(index)
            if not isinstance(entry, str) or not entry.strip():
                pack_file.error(line, f"steps[{index}]", "must be the path of a step file")
                continue
            path = root / entry
            if not path.is_file():
                pack_file.error(line, f"steps[{index}]", f"refers to {entry}, which does not exist")
                continue
            step = _load_step(path, root, errors, exercises, first_seen)
            if step is not None:
                steps.append(step)
        _check_unique_steps(steps, errors)
        resources_path = root / head["crisis_resources"]
        if not resources_path.is_file():
            pack_file.error(
                raw.line_of("crisis_resources"),
                "crisis_resources",
                f"refers to {head['crisis_resources']}, which does not exist",
            )
        else:
            crisis = _load_resources(resources_path, root, errors) or FALLBACK_RESOURCES

    steps.sort(key=lambda s: s.number)
    stories = _load_stories(root, steps, exercises, errors)
    patterns_file = head["crisis_patterns"] if head is not None else "crisis_patterns.yaml"
    patterns = _load_patterns(root / patterns_file, root, errors)
    return Pack(
        root=root,
        name=name,
        steps=tuple(steps),
        exercises=exercises,
        crisis=crisis,
        errors=tuple(sorted(set(errors))),
        stories=stories,
        crisis_patterns=patterns,
        checkin_emotions=emotions,
    )


def _check_unique_steps(steps: list[Step], errors: list[ContentError]) -> None:
    for attribute in ("number", "slug"):
        seen: dict[Any, Step] = {}
        for step in steps:
            value = getattr(step, attribute)
            if value in seen:
                path, line = step.location.rsplit(":", 1)
                errors.append(
                    ContentError(
                        path,
                        int(line),
                        attribute,
                        f"{value} is already used by {seen[value].location}",
                    )
                )
            else:
                seen[value] = step


def _load_step(
    path: Path,
    root: Path,
    errors: list[ContentError],
    exercises: dict[str, ExerciseSpec | InvalidExercise],
    first_seen: dict[str, str],
) -> Step | None:
    reader = _FileReader(path, root, errors)
    raw = reader.load()
    if raw is None:
        return None
    head = reader.fields(raw, STEP_FIELDS, "", 1)
    slug = raw.get("slug") if isinstance(raw, dict) and isinstance(raw.get("slug"), str) else ""
    ids: list[str] = []
    raw_exercises = raw.get("exercises") if isinstance(raw, dict) else None
    if isinstance(raw_exercises, list):
        for index, record in enumerate(raw_exercises):
            exercise = _load_exercise(reader, record, index, raw_exercises.line_of(index), slug)
            if exercise is None:
                continue
            location = f"{reader.name}:{raw_exercises.line_of(index)}"
            if exercise.id in first_seen:
                reader.error(
                    raw_exercises.line_of(index),
                    f"exercises[{index}].id",
                    f"'{exercise.id}' is already used at {first_seen[exercise.id]}",
                )
                continue
            first_seen[exercise.id] = location
            exercises[exercise.id] = exercise
            ids.append(exercise.id)
    if head is None:
        return None
    return Step(
        number=head["number"],
        slug=head["slug"],
        title=head["title"],
        summary=head["summary"],
        status=head["status"],
        exercise_ids=tuple(ids),
        location=f"{reader.name}:{raw.line}",
    )


def _load_exercise(
    reader: _FileReader, record: Any, index: int, line: int, step_slug: str
) -> ExerciseSpec | InvalidExercise | None:
    prefix = f"exercises[{index}]"
    before = len(reader.errors)
    if not isinstance(record, _LocatedDict):
        reader.error(line, prefix, "must be a block of `field: value` lines")
        return None
    exercise_id = record.get("id") if isinstance(record.get("id"), str) else None
    kind = record.get("kind")
    specs = dict(COMMON_FIELDS)
    kinds = _kinds()
    kind_class = kinds[kind] if isinstance(kind, str) and kind in kinds else None
    if kind_class is not None:
        specs.update(kind_class.options)
    else:
        if "kind" in record:
            _report_unknown_kind(reader, record, prefix)
        # Without a known kind only the common fields can be checked.
        record = _subset(record, specs)
    values = reader.fields(record, specs, prefix, line)
    if values is not None and kind_class is not None:
        for field_name, message in kind_class.cross_check(values):
            reader.error(record.line_of(field_name), f"{prefix}.{field_name}", message)
            values = None
    if values is None or len(reader.errors) > before:
        if exercise_id is None:
            return None
        return InvalidExercise(exercise_id, tuple(reader.errors[before:]), step_slug)
    common = {key: values.pop(key) for key in COMMON_FIELDS}
    return ExerciseSpec(
        **common, options=values, step_slug=step_slug, location=f"{reader.name}:{line}"
    )


def _kinds() -> Mapping[str, Any]:
    """The exercise kinds (each declares its own option fields and checks)."""
    from ..exercises import KINDS  # the kit imports this package: import it when needed

    return KINDS


def _report_unknown_kind(reader: _FileReader, record: _LocatedDict, prefix: str) -> None:
    kind = record["kind"]
    known = list(_kinds())
    hint = difflib.get_close_matches(str(kind), known, n=1)
    suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
    reader.error(
        record.line_of("kind"),
        f"{prefix}.kind",
        f"unknown exercise kind '{kind}'{suggestion}; known kinds: {', '.join(known)}",
    )


def _subset(record: _LocatedDict, keep: Mapping[str, Any]) -> _LocatedDict:
    subset = _LocatedDict()
    subset.line = record.line
    for key, value in record.items():
        if key in keep:
            subset[key] = value
            subset.lines[key] = record.line_of(key)
    return subset
