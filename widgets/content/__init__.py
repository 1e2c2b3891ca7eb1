"""Read and check a content pack: steps, exercises and crisis resources.

This package is the only code that reads the pack folder. It never stops at the first
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

from .fields import (
    SLUG,
    ContentError,
    FieldSpec,
    hex_colour,
    int_range,
    name_template,
    nonblank,
    one_of,
    option_list,
)
from .model import (
    DEFAULT_CHECKIN_EMOTIONS,
    FALLBACK_RESOURCES,
    GUARD_NAMES,
    Contact,
    Country,
    CrisisPatterns,
    CrisisResources,
    ExerciseSpec,
    InvalidExercise,
    Pack,
    Scene,
    Service,
    Step,
    Story,
    WorkedExample,
)
from .pack import (
    COMMON_FIELDS,
    load_pack,
)

__all__ = [
    "COMMON_FIELDS",
    "DEFAULT_CHECKIN_EMOTIONS",
    "FALLBACK_RESOURCES",
    "GUARD_NAMES",
    "SLUG",
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
