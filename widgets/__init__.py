"""The Healing Workbook: exercise widgets, content loader, answer store.

Notebooks use the page functions re-exported here, one call per cell::

    import widgets as wb
    wb.header("grieve")
"""

from __future__ import annotations

from .config import WorkbookConfig, get_config, set_config
from .content import Pack, load_pack
from .pages import (
    checkin,
    country_choice,
    crisis_resources,
    exercise,
    exercises,
    footer,
    get_help,
    header,
    journey,
    my_data,
    privacy_note,
    step_list,
    step_summary,
    stories,
)
from .store import AnswerStore

__all__ = [
    "AnswerStore",
    "Pack",
    "WorkbookConfig",
    "checkin",
    "country_choice",
    "crisis_resources",
    "exercise",
    "exercises",
    "footer",
    "get_config",
    "get_help",
    "header",
    "journey",
    "load_pack",
    "my_data",
    "privacy_note",
    "set_config",
    "step_list",
    "step_summary",
    "stories",
]
