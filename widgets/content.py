"""Read and check a content pack: steps, exercises and crisis resources.

This is the only module that reads the pack folder. It never stops at the first
mistake: every problem is collected as a :class:`ContentError` that names the
file, the line and the field, so a facilitator can fix a pack in one pass. What
is valid is still loaded, so one broken exercise does not take a page down.

Pack layout::

    pack.yaml                 name, the list of step files, the resources file
    steps/NN_slug.yaml        one step and its exercises
    crisis_resources.yaml     help lines per country, each with a last-verified date
    stories/*.yaml            retold stories and their worked examples (docs/stories.md)
    crisis_patterns.yaml      phrases that show the crisis card when a person writes them
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .clock import current as current_clock

__all__ = [
    "Contact",
    "ContentError",
    "Country",
    "CrisisPatterns",
    "CrisisResources",
    "ExerciseSpec",
    "FieldSpec",
    "InvalidExercise",
    "Pack",
    "Scene",
    "Service",
    "Step",
    "Story",
    "WorkedExample",
    "hex_colour",
    "int_range",
    "load_pack",
    "name_template",
    "nonblank",
    "one_of",
    "option_list",
]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY_CODE = re.compile(r"^[A-Z]{2,4}$")
CONTACT_KINDS = ("call", "text", "chat", "web")
STEP_STATUSES = ("ready", "coming")


# --------------------------------------------------------------------------- errors


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in a pack, located to the file, line and field."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


# ------------------------------------------------------------ YAML with line numbers


class _LocatedDict(dict):
    """A mapping that remembers the line of itself and of each key."""

    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int:
        return self.lines.get(key, self.line)


class _LocatedList(list):
    """A sequence that remembers the line of itself and of each item."""

    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.line


# libyaml's parser (when PyYAML was built with it) is several times faster than the
# pure-Python one, and a page loads the whole pack; marks and errors are the same.
_SafeLoaderBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoaderBase):
    """Safe YAML loader that records line numbers and duplicate keys."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicate_keys: list[tuple[int, str]] = []


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LocatedDict:
    loader.flatten_mapping(node)
    mapping = _LocatedDict()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str | int):
            key = str(key)
        if key in mapping:
            loader.duplicate_keys.append((line, str(key)))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = line
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> _LocatedList:
    sequence = _LocatedList()
    sequence.line = node.start_mark.line + 1
    for item in node.value:
        sequence.append(loader.construct_object(item, deep=True))
        sequence.lines.append(item.start_mark.line + 1)
    return sequence


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


# ------------------------------------------------------------------ field checking

_TYPE_NAMES = {
    dict: "a block of `field: value` lines",
    str: "text",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
    object: "a value",
}


@dataclass(frozen=True)
class FieldSpec:
    """What one field of a content record must hold.

    A list field whose ``records`` is set holds blocks of fields; each block is
    checked against ``records`` and its errors name the block's own line.
    """

    type: type
    required: bool = True
    default: Any = None
    check: Callable[[Any], str | None] | None = None
    records: Mapping[str, FieldSpec] | None = None
    min_items: int = 0
    #: One line for facilitators (docs/exercise-kinds.md says the same).
    help: str = ""


def nonblank(value: str) -> str | None:
    """Check that text is not empty or only spaces."""
    return "must not be empty" if not value.strip() else None


def int_range(low: int, high: int) -> Callable[[int], str | None]:
    """Check that a whole number lies from ``low`` to ``high``."""

    def check(value: int) -> str | None:
        return None if low <= value <= high else f"must be between {low} and {high}"

    return check


def option_list(minimum: int) -> Callable[[list], str | None]:
    """Check a list of at least ``minimum`` distinct, non-empty texts."""

    def check(value: list) -> str | None:
        if len(value) < minimum:
            return f"needs at least {minimum} options"
        if not all(isinstance(item, str) and item.strip() for item in value):
            return "every option must be non-empty text"
        if len(set(value)) != len(value):
            dupes = sorted({item for item in value if value.count(item) > 1})
            return f"repeats an option: {', '.join(dupes)}"
        return None

    return check


def hex_colour(value: str) -> str | None:
    """Check a colour written like ``#4a7bd0``."""
    if re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        return None
    return "must be a colour like #4a7bd0"


def name_template(value: str) -> str | None:
    """Check text holding ``{name}`` where the person's chosen name goes."""
    if "{name}" not in value:
        return "must contain {name} where the person's chosen name goes"
    return nonblank(value)


def one_of(*allowed: str) -> Callable[[str], str | None]:
    """Check that text is one of ``allowed``."""

    def check(value: str) -> str | None:
        return None if value in allowed else f"must be one of: {', '.join(allowed)}"

    return check


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


def _type_ok(value: Any, expected: type) -> bool:
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


class _FileReader:
    """Collects the errors of one pack file while reading its fields."""

    def __init__(self, path: Path, root: Path, errors: list[ContentError]) -> None:
        self.path = path
        self.name = _relative(path, root)
        self.errors = errors

    def error(self, line: int, field_name: str, message: str) -> None:
        self.errors.append(ContentError(self.name, line, field_name, message))

    def load(self) -> Any:
        """Parse the file; report unreadable or malformed YAML and return ``None``."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self.error(1, "(file)", "file not found")
            return None
        except (OSError, UnicodeDecodeError) as exc:
            self.error(1, "(file)", f"cannot be read ({type(exc).__name__})")
            return None
        loader = _LineLoader(text)
        try:
            data = loader.get_single_data()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 1
            problem = exc.problem or "malformed YAML"
            self.error(line, "(yaml)", f"malformed YAML: {problem}")
            return None
        except yaml.YAMLError as exc:
            self.error(1, "(yaml)", f"malformed YAML: {type(exc).__name__}")
            return None
        finally:
            loader.dispose()
        for line, key in loader.duplicate_keys:
            self.error(line, key, "appears twice in the same block")
        return data

    def fields(
        self,
        record: Any,
        specs: Mapping[str, FieldSpec],
        prefix: str,
        line: int,
    ) -> dict[str, Any] | None:
        """Check a mapping against ``specs``; return the clean values, or ``None``."""
        if not isinstance(record, _LocatedDict):
            self.error(line, prefix or "(top)", "must be a block of `field: value` lines")
            return None
        ok = True
        values: dict[str, Any] = {}
        for key in record:
            if key not in specs:
                hint = difflib.get_close_matches(str(key), list(specs), n=1)
                suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
                known = ", ".join(specs)
                self.error(
                    record.line_of(key),
                    _join(prefix, key),
                    f"unknown field{suggestion}; known fields: {known}",
                )
                ok = False
        for name, spec in specs.items():
            where = _join(prefix, name)
            if name not in record or record[name] is None:
                if spec.required:
                    self.error(record.line, where, "missing (required)")
                    ok = False
                values[name] = spec.default
                continue
            value = record[name]
            if not _type_ok(value, spec.type):
                self.error(
                    record.line_of(name),
                    where,
                    f"must be {_TYPE_NAMES[spec.type]}, not {_describe(value)}",
                )
                ok = False
                continue
            problem = spec.check(value) if spec.check else None
            if problem:
                self.error(record.line_of(name), where, problem)
                ok = False
                continue
            if spec.records is not None:
                checked = self._records(value, spec, where, record.line_of(name))
                if checked is None:
                    ok = False
                    continue
                values[name] = checked
                continue
            values[name] = _plain(value)
        return values if ok else None

    def _records(
        self, items: _LocatedList, spec: FieldSpec, where: str, line: int
    ) -> tuple[dict[str, Any], ...] | None:
        if len(items) < spec.min_items:
            self.error(line, where, f"needs at least {spec.min_items} entries")
            return None
        checked = [
            self.fields(item, spec.records, f"{where}[{index}]", items.line_of(index))
            for index, item in enumerate(items)
        ]
        if any(item is None for item in checked):
            return None
        return tuple(checked)


def _join(prefix: str, name: Any) -> str:
    return f"{prefix}.{name}" if prefix else str(name)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of fields"
    return type(value).__name__


def _plain(value: Any) -> Any:
    """Turn located containers into plain, immutable-friendly values."""
    if isinstance(value, list):
        return tuple(_plain(item) for item in value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root.parent).as_posix()
    except ValueError:
        return path.as_posix()


# ------------------------------------------------------------------ the pack model


@dataclass(frozen=True)
class ExerciseSpec:
    """One exercise as the facilitator wrote it, checked."""

    id: str
    kind: str
    title: str
    prompt: str
    help: str = ""
    caution: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)
    step_slug: str = ""
    location: str = ""


@dataclass(frozen=True)
class InvalidExercise:
    """An exercise that failed its checks; shown as an error panel in its place."""

    id: str
    errors: tuple[ContentError, ...]
    step_slug: str = ""


@dataclass(frozen=True)
class Step:
    """One healing step and the ids of its exercises, in page order."""

    number: int
    slug: str
    title: str
    summary: str
    status: str
    exercise_ids: tuple[str, ...]
    location: str = ""

    @property
    def notebook(self) -> str:
        """File name of the step's notebook in ``workbook/``."""
        return f"{self.number:02d}_{self.slug}.ipynb"


@dataclass(frozen=True)
class Contact:
    """One way to reach a service: a number to call or text, a chat or web address."""

    kind: str
    value: str
    label: str = ""


@dataclass(frozen=True)
class Service:
    """A crisis line or directory."""

    name: str
    contacts: tuple[Contact, ...]
    hours: str
    description: str
    last_verified: dt.date
    source: str = ""


@dataclass(frozen=True)
class Country:
    """The crisis services for one country (or ``INTL`` for anywhere)."""

    code: str
    name: str
    services: tuple[Service, ...]


@dataclass(frozen=True)
class CrisisResources:
    """Every country's crisis services, plus the advice that applies everywhere."""

    default_country: str
    emergency_advice: str
    countries: tuple[Country, ...]

    def country(self, code: str | None) -> Country | None:
        """Return the country with ``code``, or the default country."""
        wanted = code or self.default_country
        for country in self.countries:
            if country.code == wanted:
                return country
        for country in self.countries:
            if country.code == self.default_country:
                return country
        return None


#: Shown if the resources file itself is broken: never show nothing.
FALLBACK_RESOURCES = CrisisResources(
    default_country="INTL",
    emergency_advice=(
        "If you might act on thoughts of ending your life, or you are in danger, "
        "call your local emergency number now."
    ),
    countries=(
        Country(
            code="INTL",
            name="Anywhere",
            services=(
                Service(
                    name="Find A Helpline",
                    contacts=(Contact("web", "https://findahelpline.com", "findahelpline.com"),),
                    hours="Directory of free, confidential lines in over 130 countries",
                    description="Find a free, confidential helpline in your country.",
                    last_verified=dt.date(2026, 11, 23),
                ),
            ),
        ),
    ),
)


@dataclass(frozen=True)
class Scene:
    """One named scene of a retold story, and the steps it illustrates."""

    id: str
    title: str
    steps: tuple[str, ...]
    text: str

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The scene's text, split at blank lines."""
        return tuple(part.strip() for part in re.split(r"\n\s*\n", self.text) if part.strip())


@dataclass(frozen=True)
class WorkedExample:
    """One exercise as a story's character might have filled it in."""

    id: str
    story: str
    step: str
    exercise: str
    scene: str
    character: str
    retelling: str
    notice: str
    value: Any
    reflect: str
    location: str = ""
    value_line: int = 0
    field: str = "value"


@dataclass(frozen=True)
class Story:
    """A story retold in the workbook's own words, with its worked examples."""

    slug: str
    title: str
    credit: str
    summary: str
    characters: tuple[tuple[str, str], ...]
    content_notes: tuple[str, ...]
    scenes: tuple[Scene, ...]
    examples: tuple[WorkedExample, ...]
    location: str = ""

    def scene(self, scene_id: str) -> Scene | None:
        """The scene with ``scene_id``, if the story has it."""
        return next((scene for scene in self.scenes if scene.id == scene_id), None)


@dataclass(frozen=True)
class CrisisPatterns:
    """Compiled crisis-language patterns and their guards (see crisis_patterns.yaml)."""

    #: (id, regex, guarded, first_person): see crisis_patterns.yaml
    patterns: tuple[tuple[str, re.Pattern, bool, bool], ...]
    guards: Mapping[str, re.Pattern]
    spelling: Mapping[str, str]
    window_words: int
    source: str = ""


GUARD_NAMES = ("negation", "reported", "past", "other_person", "first_person")


#: The daily check-in's feeling words when pack.yaml names none.
DEFAULT_CHECKIN_EMOTIONS = (
    "sad",
    "lonely",
    "angry",
    "anxious",
    "numb",
    "tired",
    "confused",
    "calm",
    "relieved",
    "hopeful",
    "grateful",
    "okay",
)


@dataclass(frozen=True)
class Pack:
    """A loaded content pack: everything valid in it, and every error found."""

    root: Path
    name: str
    steps: tuple[Step, ...]
    exercises: Mapping[str, ExerciseSpec | InvalidExercise]
    crisis: CrisisResources
    errors: tuple[ContentError, ...]
    stories: tuple[Story, ...] = ()
    crisis_patterns: CrisisPatterns | None = None
    #: The feeling words the daily check-in offers (``checkin_emotions`` in pack.yaml).
    checkin_emotions: tuple[str, ...] = DEFAULT_CHECKIN_EMOTIONS

    def story(self, slug: str) -> Story | None:
        """The story with ``slug``, if the pack has it."""
        return next((story for story in self.stories if story.slug == slug), None)

    def examples_for(self, exercise_id: str) -> tuple[tuple[Story, WorkedExample], ...]:
        """Every worked example of one exercise, with its story, in story order."""
        return tuple(
            (story, example)
            for story in self.stories
            for example in story.examples
            if example.exercise == exercise_id
        )

    @property
    def ok(self) -> bool:
        """True when the pack has no errors at all."""
        return not self.errors

    def step(self, slug: str) -> Step | None:
        """Return the step with ``slug`` (or its number as text), if the pack has it."""
        for step in self.steps:
            if slug in (step.slug, str(step.number)):
                return step
        return None

    def step_file_errors(self, slug: str) -> tuple[ContentError, ...]:
        """Errors in the step file named after ``slug`` (``NN_slug.yaml``)."""
        return tuple(error for error in self.errors if error.path.endswith(f"_{slug}.yaml"))

    def report(self) -> str:
        """All errors, one per line, sorted by file and line."""
        return "\n".join(str(error) for error in sorted(self.errors))


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

RESOURCES_FIELDS = {
    "default_country": FieldSpec(str),
    "emergency_advice": FieldSpec(str, check=nonblank),
    "countries": FieldSpec(list),
}
COUNTRY_FIELDS = {
    "code": FieldSpec(str, check=lambda v: None if COUNTRY_CODE.match(v) else "use a code like GB"),
    "name": FieldSpec(str, check=nonblank),
    "services": FieldSpec(list),
}
SERVICE_FIELDS = {
    "name": FieldSpec(str, check=nonblank),
    "contacts": FieldSpec(list),
    "hours": FieldSpec(str, check=nonblank),
    "description": FieldSpec(str, required=False, default=""),
    "source": FieldSpec(str, check=nonblank),  # where the details were checked
    "last_verified": FieldSpec(str),  # a date; checked by hand below
}
CONTACT_FIELDS = {
    "kind": FieldSpec(
        str,
        check=lambda v: (
            None if v in CONTACT_KINDS else f"must be one of {', '.join(CONTACT_KINDS)}"
        ),
    ),
    "value": FieldSpec(str, check=nonblank),
    "label": FieldSpec(str, required=False, default=""),
}


def _slug_check(value: str) -> str | None:
    return None if SLUG.match(value) else "use lowercase-words-like-this"


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
PATTERN_FILE_FIELDS = {
    "window_words": FieldSpec(int, required=False, default=5, check=int_range(1, 20)),
    "spelling": FieldSpec(dict, required=False, default={}),
    "patterns": FieldSpec(
        list,
        min_items=1,
        records={
            "id": FieldSpec(str, check=_slug_check),
            "about": FieldSpec(str, required=False, default=""),
            "regex": FieldSpec(str, check=nonblank),
            "guarded": FieldSpec(bool, required=False, default=True),
            "first_person": FieldSpec(bool, required=False, default=False),
        },
    ),
    "guards": FieldSpec(dict),
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


# ----------------------------------------------------------------------- loading


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


def _load_patterns(path: Path, root: Path, errors: list[ContentError]) -> CrisisPatterns | None:
    """The pack's crisis patterns; if they are missing or broken, the default pack's.

    Detection never turns off silently: a broken file is reported like any other
    pack error, and the patterns that ship with the workbook are used instead.
    """
    from .config import DEFAULT_PACK_DIR  # the shipped pack; config does not import content

    own = _read_patterns(path, root, errors) if path.is_file() else None
    if own is not None:
        return own
    default = DEFAULT_PACK_DIR / "crisis_patterns.yaml"
    if default.resolve() == path.resolve():
        return None
    return _read_patterns(default, DEFAULT_PACK_DIR, [])


def _read_patterns(path: Path, root: Path, errors: list[ContentError]) -> CrisisPatterns | None:
    reader = _FileReader(path, root, errors)
    raw = reader.load()
    if raw is None:
        return None
    values = reader.fields(raw, PATTERN_FILE_FIELDS, "", 1)
    if values is None:
        return None
    before = len(errors)
    compiled = []
    for index, record in enumerate(values["patterns"]):
        located = raw["patterns"][index]
        regex = _compile(
            reader, record["regex"], located.line_of("regex"), f"patterns[{index}].regex"
        )
        if regex is not None:
            compiled.append((record["id"], regex, record["guarded"], record["first_person"]))
    guards = {}
    raw_guards = raw["guards"]
    for name in GUARD_NAMES:
        if not isinstance(raw_guards.get(name), str):
            reader.error(
                raw_guards.line_of(name),
                f"guards.{name}",
                "missing (required): a regular expression",
            )
            continue
        guard = _compile(reader, raw_guards[name], raw_guards.line_of(name), f"guards.{name}")
        if guard is not None:
            guards[name] = guard
    for key in raw_guards:
        if key not in GUARD_NAMES:
            reader.error(
                raw_guards.line_of(key),
                f"guards.{key}",
                f"unknown guard; known: {', '.join(GUARD_NAMES)}",
            )
    spelling = {}
    for word, replacement in values["spelling"].items():
        if not isinstance(replacement, str):
            reader.error(raw["spelling"].line_of(word), f"spelling.{word}", "must be text")
            continue
        spelling[str(word).lower()] = replacement.lower()
    if len(errors) > before:
        return None
    return CrisisPatterns(
        patterns=tuple(compiled),
        guards=guards,
        spelling=spelling,
        window_words=values["window_words"],
        source=reader.name,
    )


def _compile(reader: _FileReader, text: str, line: int, field_name: str) -> re.Pattern | None:
    try:
        return re.compile(text, re.IGNORECASE)
    except re.error as exc:
        where = f" (at position {exc.pos})" if exc.pos is not None else ""
        reader.error(line, field_name, f"invalid regular expression: {exc.msg}{where}")
        return None


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
    from .exercises import KINDS  # the kit imports this module: import it when needed

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


def _load_resources(path: Path, root: Path, errors: list[ContentError]) -> CrisisResources | None:
    reader = _FileReader(path, root, errors)
    raw = reader.load()
    if raw is None:
        return None
    before = len(errors)
    head = reader.fields(raw, RESOURCES_FIELDS, "", 1)
    countries: list[Country] = []
    raw_countries = raw.get("countries") if isinstance(raw, dict) else None
    if isinstance(raw_countries, list):
        for c_index, c_raw in enumerate(raw_countries):
            c_prefix = f"countries[{c_index}]"
            country = reader.fields(c_raw, COUNTRY_FIELDS, c_prefix, raw_countries.line_of(c_index))
            if country is None:
                continue
            services = []
            raw_services = c_raw["services"]
            if not raw_services:
                reader.error(c_raw.line_of("services"), f"{c_prefix}.services", "lists no service")
            for s_index, s_raw in enumerate(raw_services):
                service = _load_service(
                    reader, s_raw, f"{c_prefix}.services[{s_index}]", raw_services.line_of(s_index)
                )
                if service is not None:
                    services.append(service)
            countries.append(Country(country["code"], country["name"], tuple(services)))
    if head is None or len(errors) > before:
        return None
    codes = [country.code for country in countries]
    if head["default_country"] not in codes:
        reader.error(
            raw.line_of("default_country"),
            "default_country",
            f"refers to '{head['default_country']}', which is not among the countries",
        )
        return None
    return CrisisResources(head["default_country"], head["emergency_advice"], tuple(countries))


def _load_service(reader: _FileReader, raw: Any, prefix: str, line: int) -> Service | None:
    if isinstance(raw, _LocatedDict) and isinstance(raw.get("last_verified"), dt.date):
        # YAML reads 2026-11-23 as a date; the field spec expects text, so normalise.
        raw = _with_text_date(raw)
    values = reader.fields(raw, SERVICE_FIELDS, prefix, line)
    if values is None:
        return None
    try:
        verified = dt.date.fromisoformat(values["last_verified"])
    except ValueError:
        reader.error(
            raw.line_of("last_verified"),
            f"{prefix}.last_verified",
            "must be a date like 2026-11-23",
        )
        return None
    if verified > current_clock().today():
        reader.error(raw.line_of("last_verified"), f"{prefix}.last_verified", "is in the future")
        return None
    contacts = []
    raw_contacts = raw["contacts"]
    if not raw_contacts:
        reader.error(raw.line_of("contacts"), f"{prefix}.contacts", "lists no way to reach it")
        return None
    for index, c_raw in enumerate(raw_contacts):
        contact = reader.fields(
            c_raw, CONTACT_FIELDS, f"{prefix}.contacts[{index}]", raw_contacts.line_of(index)
        )
        if contact is None:
            continue
        problem = _contact_problem(contact["kind"], contact["value"].strip())
        if problem:
            reader.error(c_raw.line_of("value"), f"{prefix}.contacts[{index}].value", problem)
            continue
        contacts.append(Contact(contact["kind"], contact["value"].strip(), contact["label"]))
    if len(contacts) != len(raw_contacts):
        return None
    return Service(
        name=values["name"],
        contacts=tuple(contacts),
        hours=values["hours"],
        description=values["description"],
        last_verified=verified,
        source=values["source"],
    )


_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]*$")


def _contact_problem(kind: str, value: str) -> str | None:
    """Why a way to reach a service cannot work, or ``None``."""
    if kind in ("call", "text") and not _PHONE.match(value):
        return "must be a phone number: digits, spaces and an optional leading +"
    if kind in ("chat", "web") and not value.startswith("https://"):
        return "must be a web address starting with https://"
    return None


def _with_text_date(raw: _LocatedDict) -> _LocatedDict:
    copy = _LocatedDict()
    copy.line = raw.line
    for key, value in raw.items():
        copy[key] = value.isoformat() if key == "last_verified" else value
        copy.lines[key] = raw.line_of(key)
    return copy
