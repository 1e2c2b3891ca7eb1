"""Crisis resources and the crisis-language patterns.

Help lines per country, each with its source and last-verified date; the phrases
that open the crisis card, with their guards.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..clock import current as current_clock
from .fields import (
    COUNTRY_CODE,
    ContentError,
    FieldSpec,
    _FileReader,
    _LocatedDict,
    _slug_check,
    int_range,
    nonblank,
)
from .model import (
    CONTACT_KINDS,
    GUARD_NAMES,
    Contact,
    Country,
    CrisisPatterns,
    CrisisResources,
    Service,
)

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


def _load_patterns(path: Path, root: Path, errors: list[ContentError]) -> CrisisPatterns | None:
    """The pack's crisis patterns; if they are missing or broken, the default pack's.

    Detection never turns off silently: a broken file is reported like any other
    pack error, and the patterns that ship with the workbook are used instead.
    """
    from ..config import DEFAULT_PACK_DIR  # the shipped pack; config does not import content

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
