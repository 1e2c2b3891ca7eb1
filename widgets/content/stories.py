"""Stories and their worked examples (``stories/*.yaml``, see docs/stories.md).

Every step, exercise, scene and character an example names must exist, and every
example's answer must be exactly what its exercise would save.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .fields import (
    ContentError,
    FieldSpec,
    _FileReader,
    _LocatedDict,
    _LocatedList,
    _slug_check,
    nonblank,
    option_list,
)
from .model import (
    ExerciseSpec,
    InvalidExercise,
    Scene,
    Step,
    Story,
    WorkedExample,
)

STORY_FIELDS = {
    "slug": FieldSpec(str, check=_slug_check),
    "title": FieldSpec(str, check=nonblank),
    "credit": FieldSpec(str, check=nonblank),
    "summary": FieldSpec(str, check=nonblank),
    "characters": FieldSpec(
        list,
        min_items=1,
        records={
            "name": FieldSpec(str, check=nonblank),
            "about": FieldSpec(str, required=False, default=""),
        },
    ),
    "content_notes": FieldSpec(list, check=option_list(0)),
    "scenes": FieldSpec(
        list,
        min_items=1,
        records={
            "id": FieldSpec(str, check=_slug_check),
            "title": FieldSpec(str, check=nonblank),
            "steps": FieldSpec(list, check=option_list(1)),
            "text": FieldSpec(str, check=nonblank),
        },
    ),
    "examples": FieldSpec(list, required=False, default=()),
}


EXAMPLE_FIELDS = {
    "id": FieldSpec(str, check=_slug_check),
    "step": FieldSpec(str, check=nonblank),
    "exercise": FieldSpec(str, check=nonblank),
    "scene": FieldSpec(str, check=nonblank),
    "character": FieldSpec(str, check=nonblank),
    "retelling": FieldSpec(str, check=nonblank),
    "notice": FieldSpec(str, check=nonblank),
    "value": FieldSpec(object),  # its shape depends on the exercise's kind
    "reflect": FieldSpec(str, check=nonblank),
}


def _load_stories(
    root: Path,
    steps: list[Step],
    exercises: Mapping[str, ExerciseSpec | InvalidExercise],
    errors: list[ContentError],
) -> tuple[Story, ...]:
    """Every ``stories/*.yaml`` file, in name order; a broken story is left out."""
    folder = root / "stories"
    if not folder.is_dir():
        return ()
    step_slugs = {step.slug for step in steps}
    stories: list[Story] = []
    seen_slugs: dict[str, str] = {}
    seen_examples: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        reader = _FileReader(path, root, errors)
        story = _load_story(reader, step_slugs, exercises, seen_examples)
        if story is None:
            continue
        if story.slug in seen_slugs:
            reader.error(1, "slug", f"'{story.slug}' is already used by {seen_slugs[story.slug]}")
            continue
        seen_slugs[story.slug] = reader.name
        stories.append(story)
    return tuple(stories)


def _load_story(
    reader: _FileReader,
    step_slugs: set[str],
    exercises: Mapping[str, ExerciseSpec | InvalidExercise],
    seen_examples: dict[str, str],
) -> Story | None:
    raw = reader.load()
    if raw is None:
        return None
    head = reader.fields(raw, STORY_FIELDS, "", 1)
    if head is None:
        return None
    before = len(reader.errors)
    if any(not isinstance(note, str) or not note.strip() for note in head["content_notes"]):
        reader.error(raw.line_of("content_notes"), "content_notes", "each note must be text")
    scenes: list[Scene] = []
    raw_scenes = raw["scenes"]
    for index, record in enumerate(head["scenes"]):
        where = f"scenes[{index}]"
        located = raw_scenes[index]
        if record["id"] in {scene.id for scene in scenes}:
            reader.error(
                located.line_of("id"),
                f"{where}.id",
                f"'{record['id']}' is used by an earlier scene",
            )
        for step in record["steps"]:
            if step not in step_slugs:
                reader.error(
                    located.line_of("steps"),
                    f"{where}.steps",
                    f"unknown step '{step}'{_hint(step, step_slugs)}",
                )
        scenes.append(Scene(record["id"], record["title"], tuple(record["steps"]), record["text"]))
    characters = tuple((c["name"], c["about"]) for c in head["characters"])
    examples = _load_examples(
        reader, raw, head["slug"], step_slugs, exercises, scenes, characters, seen_examples
    )
    if len(reader.errors) > before:
        return None
    return Story(
        slug=head["slug"],
        title=head["title"],
        credit=head["credit"],
        summary=head["summary"],
        characters=characters,
        content_notes=tuple(head["content_notes"]),
        scenes=tuple(scenes),
        examples=examples,
        location=f"{reader.name}:1",
    )


def _load_examples(
    reader: _FileReader,
    raw: _LocatedDict,
    story: str,
    step_slugs: set[str],
    exercises: Mapping[str, ExerciseSpec | InvalidExercise],
    scenes: list[Scene],
    characters: tuple[tuple[str, str], ...],
    seen: dict[str, str],
) -> tuple[WorkedExample, ...]:
    records = raw.get("examples") or _LocatedList()
    scene_ids = {scene.id for scene in scenes}
    names = {name for name, _about in characters}
    examples = []
    for index, record in enumerate(records):
        where = f"examples[{index}]"
        line = records.line_of(index)
        values = reader.fields(record, EXAMPLE_FIELDS, where, line)
        if values is None:
            continue
        problems = _example_problems(values, step_slugs, exercises, scene_ids, names, seen)
        for field_name, message in problems:
            reader.error(record.line_of(field_name), f"{where}.{field_name}", message)
        if problems:
            continue
        seen[values["id"]] = f"{reader.name}:{line}"
        examples.append(
            WorkedExample(
                id=values["id"],
                story=story,
                step=values["step"],
                exercise=values["exercise"],
                scene=values["scene"],
                character=values["character"],
                retelling=values["retelling"],
                notice=values["notice"],
                value=_json_value(record["value"]),
                reflect=values["reflect"],
                location=f"{reader.name}:{line}",
                value_line=record.line_of("value"),
                field=f"{where}.value",
            )
        )
    return tuple(examples)


def _example_problems(
    values: Mapping[str, Any],
    step_slugs: set[str],
    exercises: Mapping[str, ExerciseSpec | InvalidExercise],
    scene_ids: set[str],
    names: set[str],
    seen: Mapping[str, str],
) -> list[tuple[str, str]]:
    """What a worked example refers to that does not exist: (field, problem) pairs."""
    step, exercise_id = values["step"], values["exercise"]
    problems = []
    if step not in step_slugs:
        problems.append(("step", f"unknown step '{step}'{_hint(step, step_slugs)}"))
    exercise = exercises.get(exercise_id)
    if exercise is None:
        hint = _hint(exercise_id, exercises)
        problems.append(("exercise", f"unknown exercise '{exercise_id}'{hint}"))
    elif exercise.step_slug != step:
        problems.append(
            ("exercise", f"'{exercise_id}' belongs to step '{exercise.step_slug}', not '{step}'")
        )
    if values["scene"] not in scene_ids:
        hint = _hint(values["scene"], scene_ids)
        problems.append(("scene", f"unknown scene '{values['scene']}'{hint}"))
    if values["character"] not in names:
        problems.append(("character", f"'{values['character']}' is not in this story's characters"))
    if values["id"] in seen:
        problems.append(("id", f"'{values['id']}' is already used at {seen[values['id']]}"))
    return problems


def _hint(value: str, known: Any) -> str:
    match = difflib.get_close_matches(value, list(known), n=1)
    return f" (did you mean '{match[0]}'?)" if match else ""


def _json_value(value: Any) -> Any:
    """A YAML value as the JSON an exercise saves: lists, dicts, and dates as ISO text."""
    if isinstance(value, list):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value
