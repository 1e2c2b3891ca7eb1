"""The pack model: what a loaded pack holds, each part a frozen dataclass.

Steps and exercises, stories and worked examples, crisis resources and patterns.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .fields import (
    ContentError,
)

CONTACT_KINDS = ("call", "text", "chat", "web")


STEP_STATUSES = ("ready", "coming")


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
