"""Fixtures shared by the unit tests: a temporary store, a pack, a spec per kind."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from widgets.clock import FixedClock
from widgets.clock import use as use_clock
from widgets.config import WorkbookConfig, set_config
from widgets.content import ExerciseSpec, load_pack
from widgets.exercises import KINDS
from widgets.session import Session, reset_session
from widgets.store import AnswerStore

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
sys.path.insert(0, str(Path(__file__).parent))  # for voila_app


#: The wall time every test starts at, in whatever time zone the test runs in:
#: Monday 23 November 2026, 21:14. Tests move it with ``clock.advance``. It must not
#: be earlier than any ``last_verified`` date in data/ (test_clock.py checks).
TEST_WALL_TIME = (2026, 11, 23, 21, 14)

#: The test modules whose answers depend on the date, the time or the time zone.
#: Each of their tests runs once as it is and once under every moment of
#: :data:`TIME_SWEEP` (the real clock frozen there, the time zone set to its zone),
#: so a part that still reads the real clock, or mixes up UTC and local time, fails.
#: (test_dates.py sets edge moments and zones itself.)
DATE_MODULES = {
    "test_journey",
    "test_exports",
    "test_mydata",
    "test_store",
    "test_contact_tracker",
    "test_activity_planner",
    "test_timeline",
    "test_boundary_builder",
    "test_base",
}


def moment(zone: str, *wall: int, fold: int = 0) -> dt.datetime:
    """The wall time ``wall`` in ``zone`` (``fold=1``: the second of a repeated hour)."""
    return dt.datetime(*wall, fold=fold, tzinfo=ZoneInfo(zone))


#: Where the real clock is frozen, and in which zone, for the time sweep.
TIME_SWEEP = {
    "london-1s-before-midnight": moment("Europe/London", 2027, 6, 14, 23, 59, 59),
    "london-1s-after-midnight": moment("Europe/London", 2027, 6, 15, 0, 0, 1),
    "leap-day-kiritimati-utc+14": moment("Pacific/Kiritimati", 2028, 2, 29, 0, 0, 1),
    "leap-day-end-pago-pago-utc-11": moment("Pacific/Pago_Pago", 2028, 2, 29, 23, 59, 59),
    "new-year-sydney": moment("Australia/Sydney", 2027, 12, 31, 23, 59, 59),
    "london-spring-forward": moment("Europe/London", 2027, 3, 28, 0, 59, 59),
    "london-fall-back": moment("Europe/London", 2027, 10, 31, 1, 30, fold=1),
    "los-angeles-spring-forward": moment("America/Los_Angeles", 2027, 3, 14, 1, 59, 59),
    "los-angeles-fall-back": moment("America/Los_Angeles", 2027, 11, 7, 1, 30),
}


def pytest_generate_tests(metafunc) -> None:
    """Run the date-sensitive modules' tests under every moment of the time sweep."""
    if metafunc.module.__name__ in DATE_MODULES and "swept_time" in metafunc.fixturenames:
        metafunc.parametrize(
            "swept_time", ["here", *TIME_SWEEP], indirect=True, ids=lambda name: f"at-{name}"
        )


@pytest.fixture
def swept_time(request) -> Iterator[dt.datetime | None]:
    """Freeze the real clock at a sweep moment, in its time zone (or leave both as they are)."""
    name = getattr(request, "param", "here")
    if name == "here":
        yield None
        return
    import time_machine

    with time_machine.travel(TIME_SWEEP[name], tick=False):
        yield TIME_SWEEP[name]


@pytest.fixture(autouse=True)
def clock(swept_time) -> Iterator[FixedClock]:
    """The workbook's one clock, fixed for every test: no test reads the real time."""
    with use_clock(FixedClock.at_local(*TEST_WALL_TIME)) as fixed:
        yield fixed


@pytest.fixture
def store(tmp_path: Path) -> AnswerStore:
    answers = AnswerStore(tmp_path / "data" / "answers.sqlite3")
    yield answers
    answers.close()


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The workbook's real server for one test module, its store in a temporary folder."""
    from voila_app import running_voila

    with running_voila(tmp_path_factory.mktemp("served-data")) as running:
        yield running


@pytest.fixture(scope="session")
def default_pack():
    with use_clock(FixedClock.at_local(*TEST_WALL_TIME)):
        return load_pack(DATA)


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A writable copy of the default pack that a test may break."""
    target = tmp_path / "pack"
    shutil.copytree(DATA, target)
    return target


@contextlib.contextmanager
def page_session(pack_dir: Path, data_dir: Path) -> Iterator[Session]:
    """A page session on ``pack_dir`` with its store in ``data_dir``, undone afterwards."""
    config = WorkbookConfig(pack_dir=str(pack_dir), data_dir=str(data_dir))
    set_config(config)
    try:
        yield reset_session(Session(config=config))
    finally:
        reset_session(None)
        set_config(None)


@pytest.fixture
def session(tmp_path: Path):
    """A page session using the default pack and a temporary data folder."""
    with page_session(DATA, tmp_path / "user") as current:
        yield current


def walk(widget) -> Iterator:
    """A widget and every widget inside it, depth first."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def html_values(widget) -> list[str]:
    """The value of every HTML widget in a widget tree, in order."""
    import ipywidgets as w

    return [item.value for item in walk(widget) if isinstance(item, w.HTML)]


def make_spec(kind: str, exercise_id: str | None = None, **options) -> ExerciseSpec:
    """An exercise spec of ``kind``: its declared defaults, its example options, then ``options``.

    Everything comes from the kind's own declaration (``options`` and
    ``example_options`` in its module), so a new kind needs nothing added here.
    """
    declared = KINDS[kind]
    values = {name: spec.default for name, spec in declared.options.items()}
    values.update(declared.example_options)
    values.update(options)
    missing = [
        name for name, spec in declared.options.items() if spec.required and name not in values
    ]
    if missing:
        raise TypeError(f"make_spec({kind!r}) needs options: {', '.join(missing)}")
    return ExerciseSpec(
        id=exercise_id or f"test-{kind.replace('_', '-')}",
        kind=kind,
        title=f"A {kind} exercise",
        prompt="Answer this <b>prompt</b>.",
        help="Some help.",
        options=values,
    )


def pytest_terminal_summary(terminalreporter) -> None:
    """Print each step's reading grade and the crisis-detection figures."""
    module = sys.modules.get("test_step_content")
    grades = getattr(module, "READING_GRADES", {})
    if grades:
        terminalreporter.section("reading grade of each step's teaching (Flesch-Kincaid)")
        for step, grade in sorted(grades.items()):
            terminalreporter.write_line(f"step {step}: grade {grade:.1f}")
    figures = getattr(sys.modules.get("test_safety"), "DETECTION_FIGURES", {})
    if figures:
        terminalreporter.section("crisis language detection on tests/fixtures/crisis_corpus.yaml")
        for name, figure in figures.items():
            terminalreporter.write_line(f"{name}: {figure}")


def pytest_collection_modifyitems(items) -> None:
    """Run browser tests last: Playwright's sync API leaves an asyncio loop behind in
    this process, which would make plain-pytest timers (the Debouncer) schedule on it."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
