"""The field-spec engine: YAML with line numbers, field specs and the file reader.

What a field must hold is a :class:`FieldSpec` with its checks; the reader collects
every mistake of a file as ``file:line: field: message`` instead of stopping at the
first.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


COUNTRY_CODE = re.compile(r"^[A-Z]{2,4}$")


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in a pack, located to the file, line and field."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


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


def _slug_check(value: str) -> str | None:
    return None if SLUG.match(value) else "use lowercase-words-like-this"
