"""Fixtures shared by the unit tests: a temporary store, a pack, a spec per kind."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest

from widgets.config import WorkbookConfig, set_config
from widgets.content import ExerciseSpec, load_pack
from widgets.session import Session, reset_session
from widgets.store import AnswerStore

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
sys.path.insert(0, str(Path(__file__).parent))  # for voila_app


class FixedClock:
    """A clock that returns a given time and can be moved on."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(dt.datetime(2026, 11, 23, 21, 14, tzinfo=dt.UTC))


@pytest.fixture
def store(tmp_path: Path, clock: FixedClock) -> AnswerStore:
    answers = AnswerStore(tmp_path / "data" / "answers.sqlite3", clock=clock)
    yield answers
    answers.close()


@pytest.fixture(scope="session")
def default_pack():
    return load_pack(DATA)


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A writable copy of the default pack that a test may break."""
    target = tmp_path / "pack"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
def session(tmp_path: Path):
    """A page session using the default pack and a temporary data folder."""
    config = WorkbookConfig(pack_dir=str(DATA), data_dir=str(tmp_path / "user"))
    set_config(config)
    current = reset_session(Session(config=config))
    yield current
    reset_session(None)
    set_config(None)


def make_spec(kind: str, **options) -> ExerciseSpec:
    defaults = {
        "journal": {"placeholder": "", "timer_minutes": 0, "rows": 8},
        "scale": {"low_label": "none", "high_label": "a lot", "min": 0, "max": 10},
        "single_choice": {"options": ("Rest", "Walk", "Call a friend")},
        "multiple_choice": {"options": ("Sad", "Angry", "Numb", "Relieved")},
        "list_builder": {"item_label": "Person", "placeholder": "", "max_items": 5},
    }[kind]
    return ExerciseSpec(
        id=f"test-{kind.replace('_', '-')}",
        kind=kind,
        title=f"A {kind} exercise",
        prompt="Answer this <b>prompt</b>.",
        help="Some help.",
        options={**defaults, **options},
    )
