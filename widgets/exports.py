"""The person's data, theirs to take away and bring back: export, import, erase.

JSON export format (version 1), documented in ``docs/export-format.md``::

    {
      "format": "healing-workbook-export",
      "version": 1,
      "exported_at": "2026-11-23T21:14:00",
      "answers": [
        {"exercise_id": "grieve-permission-note",
         "revisions": [{"saved_at": "2026-11-20T22:01:05", "value": "..."}, ...]},
        ...
      ],
      "settings": {"country": "GB"},
      "checksum": "sha256:<hex>"
    }

The checksum covers ``answers`` and ``settings`` (canonical JSON), so a file that
was truncated or edited is refused rather than half-imported. Importing never
overwrites or loses anything already in the store: revisions are merged, and one
already present is not added twice.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .clock import Clock
from .clock import current as current_clock
from .content import Pack, Step
from .daily_checkin import CHECKIN_PREFIX, CheckIn, checkins, day_of
from .store import AnswerStore, Revision
from .words import esc

__all__ = [
    "FORMAT",
    "VERSION",
    "ImportRefused",
    "ImportResult",
    "export_checkins_csv",
    "export_html",
    "export_json",
    "export_markdown",
    "import_json",
    "read_export",
]

FORMAT = "healing-workbook-export"
VERSION = 1
#: An export far larger than years of daily use is refused before it is parsed.
MAX_IMPORT_BYTES = 50 * 1024 * 1024


class ImportRefused(ValueError):
    """An import file was refused; the message says why and nothing was changed."""


@dataclass(frozen=True)
class ImportResult:
    """What an import added, and what it found already there."""

    added: int
    already_there: int


def _canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _checksum(answers: Any, settings: Any) -> str:
    digest = hashlib.sha256(_canonical({"answers": answers, "settings": settings}).encode())
    return f"sha256:{digest.hexdigest()}"


def export_json(store: AnswerStore, now: dt.datetime | None = None) -> dict[str, Any]:
    """Every answer with its full revision history, and the settings, as export data."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for revision in store.all_revisions():
        grouped.setdefault(revision.exercise_id, []).append(
            {"saved_at": revision.saved_at.isoformat(), "value": revision.value}
        )
    answers = [
        {"exercise_id": exercise_id, "revisions": revisions}
        for exercise_id, revisions in sorted(grouped.items())
    ]
    settings = store.settings()
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": (now or current_clock().local_now()).isoformat(timespec="seconds"),
        "answers": answers,
        "settings": settings,
        "checksum": _checksum(answers, settings),
    }


def read_export(raw: bytes | str) -> dict[str, Any]:
    """Check an export file completely; return its data or raise :class:`ImportRefused`."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportRefused("the file is larger than any export of this workbook could be")
    try:
        data = json.loads(raw)
        _canonical(data).encode()  # text a UTF-8 file cannot hold (a lone surrogate)
    except (ValueError, UnicodeError, RecursionError):
        raise ImportRefused(
            "the file is not a complete JSON export (it may be cut short or damaged)"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRefused("the file is not a Healing Workbook export")
    if data.get("version") != VERSION:
        raise ImportRefused(
            f"the file is export version {data.get('version')!r}; this workbook reads "
            f"version {VERSION}"
        )
    answers, settings = data.get("answers"), data.get("settings")
    if not isinstance(answers, list) or not isinstance(settings, dict):
        raise ImportRefused("the file is missing its answers or settings")
    if data.get("checksum") != _checksum(answers, settings):
        raise ImportRefused(
            "the file's contents do not match its checksum: it was changed or damaged "
            "after it was exported"
        )
    for key, value in settings.items():
        if not isinstance(value, str | int | float | bool) and value is not None:
            raise ImportRefused(f"the file's setting {key!r} is not in the export format")
    for index, answer in enumerate(answers):
        _check_answer(answer, index)
    return data


#: Times and check-in days outside these years are a damaged file, not a person's data.
_YEARS = range(2000, 2101)


def _check_answer(answer: Any, index: int) -> None:
    where = f"answer {index + 1}"
    if not isinstance(answer, dict) or not isinstance(answer.get("exercise_id"), str):
        raise ImportRefused(f"{where} has no exercise id")
    revisions = answer.get("revisions")
    if not isinstance(revisions, list) or not revisions:
        raise ImportRefused(f"{where} has no revisions")
    if answer["exercise_id"].startswith(CHECKIN_PREFIX):
        day = day_of(answer["exercise_id"])
        if day is None or day.year not in _YEARS:
            raise ImportRefused(f"{where} is a check-in without a valid day")
    for number, revision in enumerate(revisions, start=1):
        if not isinstance(revision, dict) or set(revision) != {"saved_at", "value"}:
            raise ImportRefused(f"{where}, revision {number}, is not in the export format")
        try:
            saved_at = dt.datetime.fromisoformat(revision["saved_at"])
        except (TypeError, ValueError):
            raise ImportRefused(f"{where}, revision {number}, has no valid time") from None
        if saved_at.year not in _YEARS:
            raise ImportRefused(f"{where}, revision {number}, has a time outside 2000 to 2100")


def import_json(store: AnswerStore, raw: bytes | str) -> ImportResult:
    """Merge an export into the store, all or nothing; nothing already there is lost."""
    data = read_export(raw)
    revisions = [
        (answer["exercise_id"], revision["value"], dt.datetime.fromisoformat(revision["saved_at"]))
        for answer in data["answers"]
        for revision in answer["revisions"]
    ]
    new_settings = tuple(
        key for key in sorted(data["settings"]) if store.get_setting(key) is None
    )  # never overwrite a choice made here
    added = store.add_revisions(revisions, {key: data["settings"][key] for key in new_settings})
    return ImportResult(added, len(revisions) - added)


# ---------------------------------------------------------------- readable exports


def export_markdown(
    store: AnswerStore,
    pack: Pack,
    exercise_ids: list[str] | None = None,
    include_checkins: bool = True,
) -> str:
    """The latest answer to each exercise (or to those chosen), as Markdown, step by step.

    With ``exercise_ids`` (a share export) only those exercises are included, and
    the check-ins only if ``include_checkins``. Text the person wrote is shown as
    text: Markdown and HTML in it are escaped.
    """
    lines = ["# My Healing Workbook", ""]
    for heading, answers in _sections(store, pack, exercise_ids):
        lines += [f"## {_md(heading)}", ""]
        for title, revision in answers:
            lines += [
                f"### {_md(title)}",
                "",
                f"_Saved {Clock.local(revision.saved_at):%d %B %Y, %H:%M}_",
                "",
            ]
            lines += _md_value(revision.value)
            lines.append("")
    days = checkins(store) if include_checkins else []
    if days:
        lines += ["## Daily check-ins", ""]
        lines += [f"- {_md(_checkin_line(day))}" for day in days]
    return "\n".join(lines).rstrip() + "\n"


def _checkin_line(day: CheckIn) -> str:
    parts = [f"{day.day:%a %d %B %Y}: mood {_rated(day.mood)}", f"urge {_rated(day.urge)}"]
    if day.emotions:
        parts.append("feelings: " + ", ".join(day.emotions))
    if day.note:
        parts.append(f"note: {day.note}")
    return "; ".join(parts)


def _rated(value: int | None) -> str:
    return "not rated" if value is None else f"{value}/10"


def _sections(
    store: AnswerStore, pack: Pack, exercise_ids: list[str] | None
) -> Iterator[tuple[str, list[tuple[str, Revision]]]]:
    """Headings and answers: each step's, then (in a full export) answers the pack lacks."""
    for step, answers in _latest_by_step(store, pack, exercise_ids):
        yield f"Step {step.number}: {step.title}", answers
    if exercise_ids is not None:
        return
    others = [
        (revision.exercise_id, revision)
        for revision in store.latest_revisions()
        if revision.exercise_id not in pack.exercises
        and not revision.exercise_id.startswith(CHECKIN_PREFIX)
    ]
    if others:
        yield "Other saved answers (not in this workbook's steps)", others


def _latest_by_step(
    store: AnswerStore, pack: Pack, exercise_ids: list[str] | None
) -> Iterator[tuple[Step, list[tuple[str, Revision]]]]:
    """Each step with answers, and its exercises' titles and latest revisions, in order.

    With ``exercise_ids``, only those exercises (a share export).
    """
    wanted = set(exercise_ids) if exercise_ids is not None else None
    for step in pack.steps:
        answers = []
        for exercise_id in step.exercise_ids:
            revision = (
                store.latest(exercise_id) if wanted is None or exercise_id in wanted else None
            )
            if revision is not None:
                title = getattr(pack.exercises[exercise_id], "title", exercise_id)
                answers.append((title, revision))
        if answers:
            yield step, answers


#: Characters that make Markdown anywhere in a line (with ``[`` escaped, no link or
#: image can form, so ``(``, ``)`` and ``!`` stay as they are).
_MD_SPECIAL = str.maketrans({ch: f"\\{ch}" for ch in "\\`*_{}[]#|~"})
#: A line that starts like a list item ("- ", "+ ", "3. ", "3) ") would become one.
_MD_RULE = re.compile(r"\s*([-=]\s*){2,}")
_MD_LIST_START = re.compile(r"^(\s*)([-+]|\d+)([.)]?)(?=\s|$)")


def _md(text: Any) -> str:
    """Text as Markdown shows it literally: markup escaped, HTML made inert."""
    escaped = html.escape(str(text), quote=False).translate(_MD_SPECIAL)
    if _MD_RULE.fullmatch(escaped):  # "---" or "===" would draw a line or a heading
        return "\\" + escaped.lstrip()
    return _MD_LIST_START.sub(_escape_list_start, escaped)


def _escape_list_start(found: re.Match) -> str:
    spaces, marker, dot = found.groups()
    if marker.isdigit():
        return f"{spaces}{marker}\\{dot}" if dot else found.group(0)
    return f"{spaces}\\{marker}{dot}"


#: Shown for an answer, or a part of one, that holds nothing.
NOTHING = "(nothing written)"

Readable = str | list[tuple[str | None, "Readable"]]


def _readable(value: Any) -> Readable:
    """An answer as a person reads it: text, or entries of (label or ``None``, part).

    Keys become labels ("what_helped" reads "What helped"), yes/no replaces
    true/false, and a list of small records (slips, rows of a table) gives one
    line per record.
    """
    if value is None or value in ("", [], {}):
        return NOTHING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return [(_label(key), _readable(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [(None, _record_line(item) or _readable(item)) for item in value]
    return str(value)


def _label(key: Any) -> str:
    text = str(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _record_line(item: Any) -> str:
    """A record of plain values on one line ("Date: 2026-11-13; Note: ..."), else ``""``."""
    if not isinstance(item, dict) or any(isinstance(v, dict | list) for v in item.values()):
        return ""
    parts = [
        f"{_label(key)}: {_readable(value)}"
        for key, value in item.items()
        if value is not None and value != ""
    ]
    return "; ".join(parts) or NOTHING


def _md_value(value: Any) -> list[str]:
    return _md_lines(_readable(value), 0)


def _md_lines(node: Readable, depth: int) -> list[str]:
    indent = "  " * depth
    if isinstance(node, str):
        return [f"{indent}{_md(line)}" if line else "" for line in node.splitlines()]
    lines = []
    for label, part in node:
        lead = f"{indent}- " + (f"{_md(label)}: " if label else "")
        if isinstance(part, str) and "\n" not in part:
            lines.append(lead + _md(part))
        else:
            lines.append(lead.rstrip() if label else f"{indent}-")
            lines += _md_lines(part, depth + 1)
    return lines


_HTML_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.6;color:#1f2933}h1,h2,h3{line-height:1.25}.saved{color:#4a5563;"
    "font-size:.9rem}.answer{white-space:pre-wrap;border-left:4px solid #c8d3d0;"
    "padding-left:.75rem}ul ul{margin:0}"
)


def export_html(
    store: AnswerStore,
    pack: Pack,
    exercise_ids: list[str] | None = None,
    include_checkins: bool = True,
) -> str:
    """The latest answers as one self-contained HTML file: no scripts, no links out.

    The choice of what to include is as for :func:`export_markdown`. Every piece
    of text (the person's and the pack's) is escaped.
    """
    body = ["<h1>My Healing Workbook</h1>"]
    for heading, answers in _sections(store, pack, exercise_ids):
        body.append(f"<h2>{esc(heading)}</h2>")
        for title, revision in answers:
            body.append(f"<h3>{esc(title)}</h3>")
            saved = Clock.local(revision.saved_at)
            body.append(f'<p class="saved">Saved {saved:%d %B %Y, %H:%M}</p>')
            body.append(f'<div class="answer">{_html_value(revision.value)}</div>')
    days = checkins(store) if include_checkins else []
    if days:
        body.append("<h2>Daily check-ins</h2><ul>")
        body += [f"<li>{esc(_checkin_line(day))}</li>" for day in days]
        body.append("</ul>")
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        f"<title>My Healing Workbook</title><style>{_HTML_STYLE}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )


def _html_value(value: Any) -> str:
    return _html_node(_readable(value))


def _html_node(node: Readable) -> str:
    if isinstance(node, str):
        return esc(node)
    items = "".join(
        f"<li>{f'<strong>{esc(label)}:</strong> ' if label else ''}{_html_node(part)}</li>"
        for label, part in node
    )
    return f"<ul>{items}</ul>"


# ------------------------------------------------------------------------- CSV

#: Spreadsheets run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """Text a spreadsheet shows as text: a leading formula sign is quoted with ``'``."""
    return f"'{text}" if text.lstrip(" ").startswith(_FORMULA_START) else text


def export_checkins_csv(store: AnswerStore) -> str:
    """Every day's check-in as CSV: date, mood, urge, feelings (``; `` between), note."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["date", "mood", "urge", "feelings", "note"])
    for day in checkins(store):
        writer.writerow(
            [
                day.day.isoformat(),
                "" if day.mood is None else day.mood,
                "" if day.urge is None else day.urge,
                _cell("; ".join(day.emotions)),
                _cell(day.note),
            ]
        )
    return buffer.getvalue()
