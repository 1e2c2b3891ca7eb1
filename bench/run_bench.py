"""Benchmark the Healing Workbook against baselines measured in the same run.

Machines are noisy, so every figure is compared with a baseline taken in the
same run, alongside it:

* **Time to interactive (TTI)** of every workbook page in Voila, against a
  notebook that shows one ``IntSlider`` (``bench/hello/hello.ipynb``). Loads of
  a page and of the baseline are interleaved, so drift hits both alike.
* **Kernel memory** (USS) of the kernel behind each page, against the kernel
  behind the baseline page.
* **Answer store speed**: ``save()`` and ``latest()`` in a store that already
  holds 100,000 revisions, against the same calls in an empty store.
* **The journey page at scale**: ``journey.ipynb`` over a store holding two
  years of daily check-ins and 5,000 answer revisions (made by
  ``tests/journey_data.py``), served by a Voila server of its own and loaded in
  the same rounds as the other pages, so its TTI and kernel memory are compared
  with the same hello loads.
* **Export and import of that data**, in this process: ``all_files()`` (the
  JSON, HTML, Markdown and CSV downloads) against reading and ``json.dumps``-ing
  the same revisions; ``import_json`` of the JSON into an empty store and again
  into the same store (every revision a duplicate).

Usage::

    .venv/bin/python bench/run_bench.py [--loads N] [--pages a.ipynb,b.ipynb]
                                        [--skip-pages] [--skip-journey]
                                        [--skip-export] [--skip-store] [--strict]

A table goes to standard output (progress to standard error) and every raw
timing to ``bench/results/bench-<UTC timestamp>.json``. The exit status is 0
unless ``--strict`` is given and a figure is over its target or a load failed.

Every server and browser is started on 127.0.0.1 and stopped at the end, even
when the run fails or is interrupted. Answer stores live in fresh temporary
folders, never in a person's data folder. See ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from journey_data import fill_journey  # noqa: E402
from voila_app import SERVER_TODAY, VoilaApp, running_voila  # noqa: E402

import widgets  # noqa: E402
from widgets import journey_view  # noqa: E402
from widgets.clock import current as current_clock  # noqa: E402
from widgets.config import WorkbookConfig  # noqa: E402
from widgets.content import Pack, load_pack  # noqa: E402
from widgets.daily_checkin import checkins  # noqa: E402
from widgets.exports import (  # noqa: E402
    export_checkins_csv,
    export_html,
    export_json,
    export_markdown,
    import_json,
    read_export,
)
from widgets.mydata import DataPanel, all_files  # noqa: E402
from widgets.store import AnswerStore  # noqa: E402

HELLO_DIR = ROOT / "bench" / "hello"
HELLO = "hello.ipynb"
JOURNEY = "journey.ipynb"
#: The journey page over the full store (``journey.ipynb`` alone is the empty-store one).
JOURNEY_FULL = "journey.ipynb (full store)"
WORKBOOK_DIR = ROOT / "workbook"
RESULTS_DIR = ROOT / "bench" / "results"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
VIEWPORT = {"width": 1280, "height": 900}

#: A figure meets its target when it is at most this value.
TARGETS = {
    "tti_ratio": 1.2,
    "kernel_memory_ratio": 1.3,
    "store_save_p95_ms": 5.0,
    # The journey page (full store or not): TTI ratio; its kernel memory has no target.
    "journey_tti_ratio": 1.5,
    # all_files() on the journey data: median seconds, to be under (not at) this.
    "export_median_s": 2.0,
}

#: Longest wait for one page to become interactive (a cold kernel on a busy machine).
LOAD_TIMEOUT_MS = 90_000
#: Longest wait for Voila to end a page's kernel after its tab closed.
KERNEL_EXIT_TIMEOUT_S = 20.0

STORE_REVISIONS = 100_000
STORE_EXERCISES = 500
STORE_FILL_BUDGET_S = 60.0
STORE_CALLS = 200
JOURNAL_TEXT_CHARS = 2_000

#: The journey data (``tests/journey_data.py``): days of daily check-ins, answer revisions.
JOURNEY_DAYS = 730
JOURNEY_REVISIONS = 5_000
#: Timed runs of all_files() and of its baseline (alternating), after one discarded run.
EXPORT_RUNS = 7
#: Imports into a fresh empty store, each followed by a second (all-duplicate) import.
IMPORT_RUNS = 3

# Counts the visible elements matching a CSS selector (shared by the two scripts).
_SHOWN_JS = """
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) return false;
    return el.checkVisibility ? el.checkVisibility({visibilityProperty: true}) : true;
  };
  const count = (selector) =>
    Array.from(document.querySelectorAll(selector)).filter(shown).length;
"""

# Runs in the page on every animation frame until it returns true: the page is
# interactive when, for every [selector, minimum] condition, at least that many
# matching elements are visible. The first time it is, it records
# performance.now(): milliseconds since the navigation started (the document's
# time origin).
READY_JS = (
    """
(conditions) => {
  if (window.__benchReady !== undefined) return true;
"""
    + _SHOWN_JS
    + """
  const ready = conditions.every(
    ([selector, minimum]) => minimum <= 0 || count(selector) >= minimum
  );
  if (ready) window.__benchReady = performance.now();
  return ready;
}
"""
)

# What the page looked like when it became interactive (or timed out): for
# finding out what makes a page slow.
FACTS_JS = (
    """
(conditions) => {
"""
    + _SHOWN_JS
    + """
  const nav = performance.getEntriesByType("navigation")[0] || {};
  const styles = Array.from(document.querySelectorAll("style"));
  return {
    tti_ms: window.__benchReady === undefined ? null : window.__benchReady,
    response_start_ms: nav.responseStart || null,
    response_end_ms: nav.responseEnd || null,
    dom_content_loaded_ms: nav.domContentLoadedEventEnd || null,
    document_bytes: nav.decodedBodySize || null,
    resources: performance.getEntriesByType("resource").length,
    dom_elements: document.getElementsByTagName("*").length,
    style_elements: styles.length,
    style_chars: styles.reduce((total, style) => total + style.textContent.length, 0),
    widget_views: document.querySelectorAll(".jupyter-widgets").length,
    exercises: document.querySelectorAll(".hw-exercise").length,
    error_panels: document.querySelectorAll(".hw-error-panel").length,
    nav_present: document.querySelector("nav.hw-nav") !== null,
    charts: document.querySelectorAll("svg.hw-chart").length,
    chart_dots: document.querySelectorAll("svg.hw-chart circle.hw-dot").length,
    visible: Object.fromEntries(conditions.map(([selector]) => [selector, count(selector)])),
  };
}
"""
)


def log(message: str) -> None:
    """Print a progress line to standard error.

    Parameters
    ----------
    message
        The line to print.
    """
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------- expectations


@dataclass(frozen=True)
class PageSpec:
    """One kind of load: which server serves which notebook, and when it is interactive.

    Attributes
    ----------
    key
        Name of the load in the results and the table (the notebook's file name,
        or ``JOURNEY_FULL`` for the journey page over the full store).
    notebook
        Notebook file name, as the server serves it.
    server
        ``"hello"``, ``"workbook"`` (empty store) or ``"journey"`` (full store).
    exercises
        Exercise boxes the page shows once rendered (``-1`` for hello).
    ready
        ``(CSS selector, minimum)`` pairs: the page is interactive when at least
        ``minimum`` elements matching each selector are visible.
    tti_target, memory_target
        Targets for the ratios to hello (``None``: none).
    """

    key: str
    notebook: str
    server: str
    exercises: int
    ready: tuple[tuple[str, int], ...]
    tti_target: float | None
    memory_target: float | None


HELLO_SPEC = PageSpec(HELLO, HELLO, "hello", -1, ((".widget-slider", 1),), None, None)


def bench_pack() -> Pack:
    """The content pack the Voila servers use (``data/`` unless the environment says else).

    Returns
    -------
    Pack
        The loaded pack; its errors, if any, are logged as a warning.
    """
    pack = load_pack(WorkbookConfig.from_environ().pack_dir)
    if pack.errors:
        log(f"warning: the content pack has {len(pack.errors)} error(s):\n{pack.report()}")
    return pack


def page_specs(pages: list[str], journey: bool, pack: Pack) -> list[PageSpec]:
    """What to load and when each load counts as interactive.

    Every page needs its footer ``nav.hw-nav``. A step notebook ``NN_slug.ipynb``
    also needs every exercise of the pack's step ``slug``; the start and stories
    pages need no exercise. The journey page needs today's check-in (its one
    exercise, ``.hw-exercise.hw-checkin``), the journey view ``.hw-journey`` and
    the data panel ``.hw-my-data``; over the full store also the mood chart
    ``svg.hw-chart`` (an empty store has no chart to draw).

    Parameters
    ----------
    pages
        Notebook file names in ``workbook/``, loaded over an empty store.
    journey
        Also load the journey page over the full store (as ``JOURNEY_FULL``).
    pack
        The content pack the servers use.

    Returns
    -------
    list of PageSpec
        One per page, in the order given, the full-store journey page last.
    """
    specs = []
    for page in pages:
        if page == JOURNEY:
            specs.append(_journey_spec(JOURNEY, "workbook", chart=False))
            continue
        stem = Path(page).stem
        slug = stem.split("_", 1)[1] if "_" in stem else stem
        step = next((step for step in pack.steps if step.slug == slug), None)
        expected = len(step.exercise_ids) if step is not None else 0
        ready = (("nav.hw-nav", 1), (".hw-exercise", expected))
        specs.append(
            PageSpec(
                page,
                page,
                "workbook",
                expected,
                ready,
                TARGETS["tti_ratio"],
                TARGETS["kernel_memory_ratio"],
            )
        )
    if journey:
        specs.append(_journey_spec(JOURNEY_FULL, "journey", chart=True))
    return specs


def _journey_spec(key: str, server: str, chart: bool) -> PageSpec:
    ready = [
        ("nav.hw-nav", 1),
        (".hw-exercise.hw-checkin", 1),
        (".hw-journey", 1),
        (".hw-my-data", 1),
    ]
    if chart:
        ready.append(("svg.hw-chart", 1))
    return PageSpec(key, JOURNEY, server, 1, tuple(ready), TARGETS["journey_tti_ratio"], None)


def make_journey_store(folder: Path, pack: Pack, today: dt.date) -> dict[str, Any]:
    """Fill a new answer store in ``folder`` with the journey data.

    Parameters
    ----------
    folder
        A fresh temporary folder; the store is ``folder / "answers.sqlite3"``,
        where a Voila server given ``folder`` as its data folder finds it.
    pack
        The content pack the servers use.
    today
        The last day with a check-in.

    Returns
    -------
    dict
        What ``fill_journey`` wrote, the revisions and answers in the store, the
        file size and the seconds filling took.
    """
    start = time.perf_counter()
    store = AnswerStore(folder / "answers.sqlite3")
    try:
        written = fill_journey(store, pack, today, days=JOURNEY_DAYS, revisions=JOURNEY_REVISIONS)
        info = {
            "days": JOURNEY_DAYS,
            "today": today.isoformat(),
            "checkins": written["checkins"],
            "answer_revisions": written["revisions"],
            "revisions_in_store": store.revision_count(),
            "answers_in_store": len(store.exercise_ids()),
        }
    finally:
        store.close()
    info["seconds"] = round(time.perf_counter() - start, 2)
    info["file_bytes"] = sum(path.stat().st_size for path in folder.glob("answers.sqlite3*"))
    return info


def store_revisions(folder: Path) -> int:
    """How many revisions the store in ``folder`` holds now."""
    store = AnswerStore(folder / "answers.sqlite3")
    try:
        return store.revision_count()
    finally:
        store.close()


# ----------------------------------------------------------------- processes


def kernel_memory(process: psutil.Process) -> dict[str, int | None]:
    """Unique (USS) and resident (RSS) memory of a kernel, in bytes.

    Parameters
    ----------
    process
        The kernel process.

    Returns
    -------
    dict
        ``uss`` (``None`` where the platform cannot tell) and ``rss``.
    """
    try:
        info = process.memory_full_info()
    except psutil.AccessDenied:
        return {"uss": None, "rss": process.memory_info().rss}
    return {"uss": getattr(info, "uss", None), "rss": info.rss}


def wait_for_exit(process: psutil.Process | None, timeout: float) -> float | None:
    """Wait until ``process`` has ended.

    Parameters
    ----------
    process
        The process to wait for, or ``None``.
    timeout
        Longest wait, in seconds.

    Returns
    -------
    float or None
        Seconds it took, or ``None`` if it was still running at the deadline.
    """
    if process is None:
        return 0.0
    start = time.perf_counter()
    try:
        process.wait(timeout=timeout)
    except psutil.TimeoutExpired:
        return None
    return time.perf_counter() - start


class Server:
    """A running Voila server, and every kernel it was seen to run.

    Parameters
    ----------
    app
        The server, as started by ``tests/voila_app.py``.
    """

    def __init__(self, app: VoilaApp) -> None:
        self.app = app
        self.seen: dict[int, psutil.Process] = {}

    def url(self, notebook: str) -> str:
        """Address of a notebook page.

        Parameters
        ----------
        notebook
            Notebook file name.

        Returns
        -------
        str
            The page's URL.
        """
        return self.app.open_url(notebook)

    def kernels(self) -> list[psutil.Process]:
        """The kernels running now (each is remembered, to clean up after).

        Returns
        -------
        list of psutil.Process
            Descendants of the server whose command line runs
            ``ipykernel_launcher``, oldest first.
        """
        found = []
        for child in psutil.Process(self.app.process.pid).children(recursive=True):
            try:
                if "ipykernel_launcher" in " ".join(child.cmdline()):
                    found.append((child.create_time(), child))
            except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
                continue
        kernels = [process for _, process in sorted(found, key=lambda item: item[0])]
        self.seen.update((kernel.pid, kernel) for kernel in kernels)
        return kernels


@contextmanager
def voila_server(data_dir: Path, notebook_dir: Path | None, log_path: Path) -> Iterator[Server]:
    """Run Voila with the project's ``voila.json`` and template until the block ends.

    Parameters
    ----------
    data_dir
        Answer store folder for the server's kernels (a temporary folder).
    notebook_dir
        Folder of notebooks to serve; ``None`` serves ``workbook/``.
    log_path
        Where the server's output goes.

    Yields
    ------
    Server
        The running server. On the way out it is stopped, and any kernel it
        ran that is still alive afterwards is killed.
    """
    with running_voila(data_dir, notebook_dir=notebook_dir, log_path=log_path) as app:
        server = Server(app)
        try:
            yield server
        finally:
            server.kernels()
    for kernel in server.seen.values():
        if kernel.is_running():
            log(f"killing kernel {kernel.pid}, left running by Voila")
            kernel.kill()


# ---------------------------------------------------------------- page loads


def load_once(browser: Any, server: Server, spec: PageSpec) -> dict[str, Any]:
    """Open one page in a fresh browser context and measure it.

    TTI is ``performance.now()`` in the page, read on the first animation frame
    at which the page is interactive: milliseconds since navigation started,
    so it includes Voila starting a kernel and running the notebook. The wall
    time from just before ``page.goto`` until Playwright saw the condition is
    recorded too, as a cross-check.

    Parameters
    ----------
    browser
        A Playwright browser.
    server
        The Voila server that serves ``spec.notebook``.
    spec
        What to load and when it is interactive.

    Returns
    -------
    dict
        ``page`` (``spec.key``), ``tti_ms`` (``None`` when the page never became
        interactive), ``wall_ms``, kernel memory, kernel counts and the facts of
        ``FACTS_JS``.
    """
    from playwright.sync_api import Error as PlaywrightError

    conditions = [list(condition) for condition in spec.ready]
    result: dict[str, Any] = {"page": spec.key, "error": None, "load_average": os.getloadavg()[0]}
    kernel = None
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        start = time.perf_counter()
        try:
            page.goto(server.url(spec.notebook), wait_until="commit", timeout=LOAD_TIMEOUT_MS)
            page.wait_for_function(READY_JS, arg=conditions, polling="raf", timeout=LOAD_TIMEOUT_MS)
        except PlaywrightError as exc:
            result["error"] = str(exc).splitlines()[0][:300]
        result["wall_ms"] = round((time.perf_counter() - start) * 1000, 1)
        try:
            result.update(page.evaluate(FACTS_JS, conditions))
        except PlaywrightError as exc:
            result["error"] = result["error"] or str(exc).splitlines()[0][:300]
            result["tti_ms"] = None
        if result["error"]:
            result["tti_ms"] = None
        kernels = server.kernels()
        result["kernels_while_open"] = len(kernels)
        if kernels:
            kernel = kernels[-1]  # the newest: the one Voila started for this load
            result["kernel_pid"] = kernel.pid
            result.update({f"kernel_{k}_bytes": v for k, v in kernel_memory(kernel).items()})
        try:
            with page.expect_event("close"):
                page.close(run_before_unload=True)  # page.js then asks Voila to end the kernel
        except PlaywrightError as exc:
            result["error"] = result["error"] or f"closing: {str(exc).splitlines()[0][:300]}"
    finally:
        context.close()
    exit_s = wait_for_exit(kernel, KERNEL_EXIT_TIMEOUT_S)
    result["kernel_exit_s"] = None if exit_s is None else round(exit_s, 2)
    result["kernels_after_close"] = len(server.kernels())
    return result


def load_order(pages: list[str], loads: int) -> list[tuple[int, str]]:
    """The order of loads: rounds over the pages, hello loads alternating with them.

    In even rounds each page load follows a hello load, in odd rounds it comes
    before one, so neither kind always runs right after the other.

    Parameters
    ----------
    pages
        Workbook pages to measure.
    loads
        Loads of each page.

    Returns
    -------
    list of tuple
        ``(round, page)`` pairs; ``page`` is ``HELLO`` for baseline loads.
    """
    order = []
    for round_number in range(loads):
        for page in pages:
            pair = [HELLO, page] if round_number % 2 == 0 else [page, HELLO]
            order += [(round_number, name) for name in pair]
    return order


def bench_pages(pages: list[str], journey: bool, loads: int, log_prefix: Path) -> dict[str, Any]:
    """Measure TTI and kernel memory of every page and of the hello baseline.

    Up to three Voila servers run side by side: the workbook over an empty
    store (``pages``), the workbook over the full journey store (the journey
    page, ``journey``) and the hello notebook. Every page, whichever server
    serves it, is one more page in each round, so all are compared with the
    same hello loads.

    Parameters
    ----------
    pages
        Notebook file names in ``workbook/``, loaded over an empty store.
    journey
        Also load the journey page over a store holding the journey data.
    loads
        Loads of each page (the baseline gets one load per page load).
    log_prefix
        The Voila servers' logs are kept as ``<log_prefix>-voila-*.log``.

    Returns
    -------
    dict
        ``expected_exercises`` and ``ready_conditions`` per page, the journey
        store (``journey_store``), ``warmup`` and ``loads`` (every raw load) and
        ``summary`` (medians and ratios, see :func:`summarise_pages`).
    """
    from playwright.sync_api import sync_playwright

    pack = bench_pack()
    specs = page_specs(pages, journey, pack)
    by_key = {spec.key: spec for spec in [HELLO_SPEC, *specs]}
    data_dir = Path(tempfile.mkdtemp(prefix="healing-bench-"))
    journey_dir = data_dir / "journey-store"
    journey_store = None
    if journey:
        # The served pages' clock starts on SERVER_TODAY (voila_app), so the data ends there.
        journey_store = make_journey_store(journey_dir, pack, SERVER_TODAY)
        log(
            f"journey store: {journey_store['checkins']:,} check-ins over {JOURNEY_DAYS} days and "
            f"{journey_store['answer_revisions']:,} answer revisions "
            f"({journey_store['revisions_in_store']:,} in all) in {journey_store['seconds']} s"
        )
    wanted = {spec.server for spec in specs}
    folders = {
        "workbook": (data_dir / "store", None),
        "journey": (journey_dir, None),
        "hello": (data_dir / "hello-store", HELLO_DIR),
    }
    names = [name for name in folders if name in wanted or name == "hello"]
    raw: list[dict[str, Any]] = []
    warmup: list[dict[str, Any]] = []
    failed = True
    try:
        with ExitStack() as stack:
            servers = {
                name: stack.enter_context(
                    voila_server(folders[name][0], folders[name][1], data_dir / f"voila-{name}.log")
                )
                for name in names
            }
            playwright = stack.enter_context(sync_playwright())
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            stack.callback(browser.close)

            def measure(key: str) -> dict[str, Any]:
                spec = by_key[key]
                return load_once(browser, servers[spec.server], spec)

            # Discarded: the first loads pay for cold disk caches and .pyc files (and
            # the journey page's first pandas import), once per server.
            firsts = [HELLO]
            for name in names:
                firsts += [spec.key for spec in specs if spec.server == name][:1]
            for key in firsts:
                warmup.append(measure(key))
                log(f"warm-up {key}: {_describe(warmup[-1])}")
            order = load_order([spec.key for spec in specs], loads)
            for number, (round_number, key) in enumerate(order, start=1):
                result = measure(key)
                result["round"] = round_number
                result["pair"] = (number - 1) // 2  # a page load and its hello load
                raw.append(result)
                log(f"[{number}/{len(order)}] round {round_number + 1} {key}: {_describe(result)}")
        logs = {name: server.app.log() for name, server in servers.items()}
        if journey_store is not None:
            # A load must not change the data (the check-in saves only when touched).
            journey_store["revisions_after_loads"] = store_revisions(journey_dir)
        failed = False
    finally:
        if failed:
            log(f"Voila logs kept in {data_dir}")
        else:
            log_prefix.parent.mkdir(parents=True, exist_ok=True)
            for name in names:
                shutil.copy(data_dir / f"voila-{name}.log", f"{log_prefix}-voila-{name}.log")
            shutil.rmtree(data_dir, ignore_errors=True)
    tracebacks = {
        name: text.count("Traceback (most recent call last)") for name, text in logs.items()
    }
    return {
        "expected_exercises": {spec.key: spec.exercises for spec in specs},
        "ready_conditions": {spec.key: spec.ready for spec in [HELLO_SPEC, *specs]},
        "notebooks": {spec.key: spec.notebook for spec in specs},
        "servers": {spec.key: spec.server for spec in specs},
        "journey_store": journey_store,
        "server_tracebacks": tracebacks,
        "warmup": warmup,
        "loads": raw,
        "summary": summarise_pages(specs, raw),
    }


def _describe(result: dict[str, Any]) -> str:
    if result["error"]:
        return f"FAILED ({result['error']})"
    memory = result.get("kernel_uss_bytes") or result.get("kernel_rss_bytes") or 0
    return (
        f"{result['tti_ms']:.0f} ms, kernel {memory / 2**20:.1f} MiB, "
        f"{result['kernels_after_close']} kernel(s) left"
    )


def _median(values: list[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return statistics.median(present) if present else None


def _ratio(value: float | None, baseline: float | None) -> float | None:
    if value is None or not baseline:
        return None
    return round(value / baseline, 3)


def summarise_pages(specs: list[PageSpec], raw: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians per page and their ratios to the hello baseline.

    Parameters
    ----------
    specs
        The pages measured.
    raw
        Every load, as returned by :func:`load_once`.

    Returns
    -------
    dict
        ``hello`` and one entry per page (by ``PageSpec.key``) with the median
        TTI, median kernel memory, the ratios to the baseline (the median of
        every hello load), the paired ratios, failures, the targets and whether
        each is met (``None`` where there is no target). Kernel memory is USS
        where available, else RSS.
    """

    def stats(name: str) -> dict[str, Any]:
        mine = [load for load in raw if load["page"] == name]
        ok = [load for load in mine if not load["error"]]
        memory = [load.get("kernel_uss_bytes") or load.get("kernel_rss_bytes") for load in ok]
        last = ok[-1] if ok else {}
        return {
            "loads": len(mine),
            "failures": len(mine) - len(ok),
            "tti_ms": [load["tti_ms"] for load in ok],
            "tti_median_ms": _median([load["tti_ms"] for load in ok]),
            "wall_median_ms": _median([load["wall_ms"] for load in ok]),
            "response_end_median_ms": _median([load.get("response_end_ms") for load in ok]),
            "kernel_memory_bytes": memory,
            "kernel_memory_median_bytes": _median(memory),
            "exercises_seen": sorted({load.get("exercises") for load in ok}),
            "error_panels_seen": max((load.get("error_panels") or 0 for load in ok), default=0),
            "chart_dots_seen": sorted({load.get("chart_dots") for load in ok}),
            "page_facts": {
                key: last.get(key)
                for key in (
                    "document_bytes",
                    "resources",
                    "dom_elements",
                    "style_elements",
                    "style_chars",
                    "widget_views",
                    "charts",
                    "chart_dots",
                )
            },
        }

    hello = stats(HELLO)
    summary: dict[str, Any] = {"hello": hello}
    for spec in specs:
        row = stats(spec.key)
        row["tti_ratio"] = _ratio(row["tti_median_ms"], hello["tti_median_ms"])
        row["tti_paired_ratios"] = _paired_ratios(spec.key, raw)
        row["tti_paired_ratio_median"] = _median(row["tti_paired_ratios"])
        row["kernel_memory_ratio"] = _ratio(
            row["kernel_memory_median_bytes"], hello["kernel_memory_median_bytes"]
        )
        row["tti_target"] = spec.tti_target
        row["kernel_memory_target"] = spec.memory_target
        row["tti_ok"] = _meets_target(row["tti_ratio"], spec.tti_target)
        row["kernel_memory_ok"] = _meets_target(row["kernel_memory_ratio"], spec.memory_target)
        summary[spec.key] = row
    return summary


def _paired_ratios(page: str, raw: list[dict[str, Any]]) -> list[float]:
    """TTI of each load of ``page`` over the TTI of the hello load paired with it."""
    by_pair: dict[int, dict[str, float]] = {}
    for load in raw:
        if not load["error"]:
            by_pair.setdefault(load["pair"], {})[load["page"]] = load["tti_ms"]
    return [
        round(pair[page] / pair[HELLO], 3)
        for pair in by_pair.values()
        if page in pair and pair.get(HELLO)
    ]


def _meets(value: float | None, target: float) -> bool:
    return value is not None and value <= target


def _meets_target(value: float | None, target: float | None) -> bool | None:
    return None if target is None else _meets(value, target)


# --------------------------------------------------------------- answer store


def percentiles(values: list[float]) -> dict[str, float]:
    """Median and 95th percentile of timings.

    Parameters
    ----------
    values
        Timings in milliseconds.

    Returns
    -------
    dict
        ``p50_ms``, ``p95_ms`` (linear interpolation between ranks) and ``max_ms``.
    """
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {
        "p50_ms": round(statistics.median(values), 4),
        "p95_ms": round(cuts[94], 4),
        "max_ms": round(max(values), 4),
    }


def _fill_value(number: int, text: str) -> Any:
    """A plausible answer for revision ``number``: a journal text or a small record."""
    if number % 5 == 0:
        return text[: (number * 37) % len(text)]
    return {"choice": number % 7, "items": [f"item {i}" for i in range(number % 6)]}


def fill_store(store: AnswerStore, revisions: int, budget_s: float, text: str) -> dict[str, Any]:
    """Append up to ``revisions`` revisions with the store's own ``save()``.

    Parameters
    ----------
    store
        The store to fill.
    revisions
        How many revisions to add, spread over ``STORE_EXERCISES`` exercise ids.
    budget_s
        Stop early (and say so) once filling has taken this many seconds.
    text
        Journal text that revisions are cut from.

    Returns
    -------
    dict
        ``requested``, ``saved``, ``seconds`` and ``stopped_early``.
    """
    start = time.perf_counter()
    saved = 0
    for number in range(revisions):
        store.save(f"exercise-{number % STORE_EXERCISES:03d}", _fill_value(number, text))
        saved += 1
        if saved % 1000 == 0 and time.perf_counter() - start > budget_s:
            break
    seconds = time.perf_counter() - start
    return {
        "requested": revisions,
        "saved": saved,
        "seconds": round(seconds, 1),
        "stopped_early": saved < revisions,
    }


def bench_store(revisions: int = STORE_REVISIONS, calls: int = STORE_CALLS) -> dict[str, Any]:
    """Time ``save()`` and ``latest()`` in a full store against an empty one.

    The full and the empty store are timed alternately, call by call, so
    drift hits both alike. Every timed save writes a ~2,000-character journal
    text to one of ten journal exercises that already have revisions in the
    full store; ``latest()`` reads exercises spread over all ids.

    Parameters
    ----------
    revisions
        Revisions to fill the full store with.
    calls
        Timed calls of each kind, per store.

    Returns
    -------
    dict
        The fill, raw timings in milliseconds, p50/p95 per store and call, the
        full/empty ratios and whether the save target is met.
    """
    sentence = "Today I noticed that I reached for my phone to tell you something. "
    journal = (sentence * (JOURNAL_TEXT_CHARS // len(sentence) + 1))[:JOURNAL_TEXT_CHARS]
    folder = Path(tempfile.mkdtemp(prefix="healing-bench-store-"))
    try:
        full = AnswerStore(folder / "full" / "answers.sqlite3")
        try:
            fill = fill_store(full, revisions, STORE_FILL_BUDGET_S, journal)
            log(f"filled store: {fill['saved']:,} revisions in {fill['seconds']} s")
            empty = AnswerStore(folder / "empty" / "answers.sqlite3")
            try:
                timings = _time_alternately({"full": full, "empty": empty}, calls, journal)
            finally:
                empty.close()
            fill["revisions_in_store"] = full.revision_count()
            fill["file_bytes"] = sum(path.stat().st_size for path in folder.glob("full/*"))
        finally:
            full.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    summary = {
        name: {call: percentiles(values) for call, values in calls_.items()}
        for name, calls_ in timings.items()
    }
    save_p95 = summary["full"]["save"]["p95_ms"]
    return {
        "fill": fill,
        "journal_chars": len(journal),
        "calls": calls,
        "raw_ms": timings,
        "summary": summary,
        "save_p95_ratio": _ratio(save_p95, summary["empty"]["save"]["p95_ms"]),
        "save_p50_ratio": _ratio(
            summary["full"]["save"]["p50_ms"], summary["empty"]["save"]["p50_ms"]
        ),
        "latest_p95_ratio": _ratio(
            summary["full"]["latest"]["p95_ms"], summary["empty"]["latest"]["p95_ms"]
        ),
        "save_p95_ok": _meets(save_p95, TARGETS["store_save_p95_ms"]),
    }


def _time_alternately(
    stores: dict[str, AnswerStore], calls: int, journal: str
) -> dict[str, dict[str, list[float]]]:
    timings = {name: {"save": [], "latest": []} for name in stores}
    for number in range(calls):
        exercise_id = f"exercise-{(number % 10) * 5:03d}"  # journal ids: number % 5 == 0
        value = f"{journal[:-6]}{number:06d}"
        for name, store in stores.items():
            start = time.perf_counter()
            store.save(exercise_id, value)
            timings[name]["save"].append((time.perf_counter() - start) * 1000)
    for number in range(calls):
        exercise_id = f"exercise-{(number * 7) % STORE_EXERCISES:03d}"
        for name, store in stores.items():
            start = time.perf_counter()
            store.latest(exercise_id)
            timings[name]["latest"].append((time.perf_counter() - start) * 1000)
    return timings


# ------------------------------------------------------- export and import


def _seconds(values: list[float]) -> dict[str, Any]:
    return {
        "runs": len(values),
        "median_s": round(statistics.median(values), 4),
        "min_s": round(min(values), 4),
        "max_s": round(max(values), 4),
    }


def _timed(call: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    out = call()
    return time.perf_counter() - start, out


def raw_revisions_json(store: AnswerStore) -> str:
    """The export baseline: every revision read from the store and ``json.dumps``-ed.

    The least any export of the same data must do (read it and serialise it),
    without grouping, checksum, indentation or the readable formats.

    Parameters
    ----------
    store
        The store to read.

    Returns
    -------
    str
        One JSON list of ``[exercise_id, saved_at, value]`` triples.
    """
    rows = [[r.exercise_id, r.saved_at.isoformat(), r.value] for r in store.all_revisions()]
    return json.dumps(rows, ensure_ascii=False)


def bench_export(runs: int = EXPORT_RUNS, import_runs: int = IMPORT_RUNS) -> dict[str, Any]:
    """Time the downloads and the import of the journey data, in this process.

    A fresh store in a temporary folder is filled by ``fill_journey``. Then
    ``widgets.mydata.all_files`` (JSON, HTML, Markdown and CSV, as the journey
    page's "Prepare my files" makes them) and the baseline
    :func:`raw_revisions_json` are timed ``runs`` times, alternating (and
    swapping which goes first), after one discarded run of each. Each format's
    builder is then timed on its own, and the journey page's builders on the
    same data (the kernel-side part of the journey page's TTI). Finally the
    JSON file is imported into a fresh empty store and again into the same
    store (every revision then a duplicate), ``import_runs`` times.

    Parameters
    ----------
    runs
        Timed runs of ``all_files`` and of the baseline.
    import_runs
        Imports into a fresh store (each followed by the duplicate import).

    Returns
    -------
    dict
        The data, raw seconds, median/min/max of each, the ratio to the baseline,
        file sizes, the per-format and journey-builder breakdowns, the import
        timings and whether the export target is met.
    """
    pack = bench_pack()
    today = current_clock().today()
    folder = Path(tempfile.mkdtemp(prefix="healing-bench-export-"))
    try:
        data = make_journey_store(folder / "full", pack, today)
        store = AnswerStore(folder / "full" / "answers.sqlite3")
        try:
            files = all_files(store, pack, today)  # discarded warm-up runs
            raw_revisions_json(store)
            timings: dict[str, list[float]] = {"all_files": [], "baseline": []}
            calls = {
                "all_files": lambda: all_files(store, pack, today),
                "baseline": lambda: raw_revisions_json(store),
            }
            for number in range(runs):
                order = ["all_files", "baseline"] if number % 2 == 0 else ["baseline", "all_files"]
                for name in order:
                    timings[name].append(_timed(calls[name])[0])
            parts = {
                "json": lambda: json.dumps(export_json(store), ensure_ascii=False, indent=1),
                "html": lambda: export_html(store, pack),
                "markdown": lambda: export_markdown(store, pack),
                "csv": lambda: export_checkins_csv(store),
            }
            part_s = {name: [_timed(call)[0] for _ in range(3)] for name, call in parts.items()}
            journey_ms = _journey_builders(pack, store, today)
        finally:
            store.close()
        export_file = next(file for file in files if file.name.endswith(".json"))
        imports: dict[str, list[float]] = {"empty": [], "again": []}
        results: dict[str, Any] = {}
        for number in range(import_runs):
            target = AnswerStore(folder / f"import-{number}" / "answers.sqlite3")
            try:
                seconds, first = _timed(lambda t=target: import_json(t, export_file.data))
                imports["empty"].append(seconds)
                seconds, again = _timed(lambda t=target: import_json(t, export_file.data))
                imports["again"].append(seconds)
                results = {
                    "empty": {"added": first.added, "already_there": first.already_there},
                    "again": {"added": again.added, "already_there": again.already_there},
                    "revisions_after": target.revision_count(),
                }
            finally:
                target.close()
        read_s = [_timed(lambda: read_export(export_file.data))[0] for _ in range(import_runs)]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    summary = {name: _seconds(values) for name, values in timings.items()}
    median = summary["all_files"]["median_s"]
    return {
        "data": data,
        "runs": runs,
        "files": {Path(file.name).suffix.lstrip("."): len(file.data) for file in files},
        "raw_s": timings,
        "summary": summary,
        "ratio": _ratio(median, summary["baseline"]["median_s"]),
        "median_ok": median < TARGETS["export_median_s"],
        "formats": {name: _seconds(values) for name, values in part_s.items()},
        "journey_builders_ms": journey_ms,
        "import": {
            "runs": import_runs,
            "raw_s": imports,
            "summary": {name: _seconds(values) for name, values in imports.items()},
            "read_export": _seconds(read_s),
            "counts": results,
        },
    }


def _journey_builders(pack: Pack, store: AnswerStore, today: dt.date) -> dict[str, float]:
    """Median milliseconds (of 3) of what the journey page's kernel builds from the data."""
    items = checkins(store)
    frame = journey_view.mood_frame(items)
    days = journey_view.RANGES[journey_view.DEFAULT_RANGE]
    calls: dict[str, Callable[[], Any]] = {
        "JourneyView": lambda: journey_view.JourneyView(pack, store),
        "checkins": lambda: checkins(store),
        "mood_frame": lambda: journey_view.mood_frame(items),
        "mood_chart_html": lambda: journey_view.mood_chart_html(frame, today, days),
        "mood_chart_html_all": lambda: journey_view.mood_chart_html(frame, today, None),
        "progress_html": lambda: journey_view.progress_html(pack, store),
        "contact_html": lambda: journey_view.contact_html(pack, store, today),
        "summary_sentences": lambda: journey_view.summary_sentences(pack, store, items, today),
        "DataPanel": lambda: DataPanel(pack, store, None, lambda: None),
    }
    return {
        name: round(statistics.median([_timed(call)[0] for _ in range(3)]) * 1000, 2)
        for name, call in calls.items()
    }


# --------------------------------------------------------------------- report


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def _verdict(ok: bool | None, failures: int = 0) -> str:
    if failures:
        return f"{failures} FAILED"
    if ok is None:
        return "no target"
    return "PASS" if ok else "over target"


def print_report(results: dict[str, Any]) -> list[str]:
    """Print the tables and list what missed a target.

    Parameters
    ----------
    results
        Everything measured.

    Returns
    -------
    list of str
        One line per figure over its target or per page with failed loads.
    """
    misses: list[str] = []
    machine = results["machine"]
    print(
        f"Healing Workbook benchmark, {results['started']}\n"
        f"{machine['cpus']} CPUs, Python {machine['python']}, {machine['platform']}, "
        f"load average at start {machine['load_average_start']}"
    )
    pages = results.get("pages")
    if pages:
        summary = pages["summary"]
        hello = summary["hello"]
        loads = results["loads_per_page"]
        print(
            f"\nTime to interactive and kernel memory: median of {loads} loads per page, "
            f"baseline hello page median of {hello['loads'] - hello['failures']} loads"
        )
        head = (
            f"{'page':<27}{'exer.':>6}{'widgets':>8}{'HTML ms':>9}{'TTI ms':>8}{'ratio':>7}"
            f"{'paired':>7}  {'TTI':<12}{'kernel MiB':>10}{'ratio':>7}  {'memory':<11}"
        )
        print(head)
        print("-" * len(head))
        print(
            f"{'hello (baseline)':<27}{'-':>6}{_views(hello):>8}"
            f"{_fmt(hello['response_end_median_ms'], '.0f'):>9}"
            f"{_fmt(hello['tti_median_ms'], '.0f'):>8}{'1.000':>7}{'1.00':>7}  {'':<12}"
            f"{_mib(hello['kernel_memory_median_bytes']):>10}{'1.000':>7}"
        )
        for name, expected in pages["expected_exercises"].items():
            row = summary[name]
            tti = _verdict(row["tti_ok"], row["failures"])
            memory = _verdict(row["kernel_memory_ok"], row["failures"])
            print(
                f"{name:<27}{expected:>6}{_views(row):>8}"
                f"{_fmt(row['response_end_median_ms'], '.0f'):>9}"
                f"{_fmt(row['tti_median_ms'], '.0f'):>8}{_fmt(row['tti_ratio'], '.3f'):>7}"
                f"{_fmt(row['tti_paired_ratio_median'], '.2f'):>7}  {tti:<12}"
                f"{_mib(row['kernel_memory_median_bytes']):>10}"
                f"{_fmt(row['kernel_memory_ratio'], '.3f'):>7}  {memory:<11}"
            )
            if row["failures"]:
                misses.append(f"{name}: {row['failures']} of {row['loads']} loads failed")
            if row["tti_ok"] is False:
                misses.append(f"{name}: TTI ratio {_fmt(row['tti_ratio'], '.3f')}")
            if row["kernel_memory_ok"] is False:
                ratio = _fmt(row["kernel_memory_ratio"], ".3f")
                misses.append(f"{name}: kernel memory ratio {ratio}")
            if row["exercises_seen"] and min(row["exercises_seen"]) > expected:
                misses.append(f"{name}: shows {row['exercises_seen']} exercise boxes")
        print(
            f"targets: TTI ratio <= {TARGETS['tti_ratio']} (journey page: "
            f"<= {TARGETS['journey_tti_ratio']}), kernel memory ratio <= "
            f"{TARGETS['kernel_memory_ratio']} (journey page: no target)\n"
            "HTML ms: median time until Voila finished sending the page (kernel started, "
            "notebook run);\nwidgets: widget views on the page; paired: median of each "
            "load's TTI over its paired hello load's;\nkernel memory: USS, memory unique "
            "to the kernel process"
        )
        journey_store = pages.get("journey_store")
        if journey_store:
            row = summary[JOURNEY_FULL]
            print(
                f"{JOURNEY_FULL}: {journey_store['checkins']:,} daily check-ins over "
                f"{journey_store['days']} days and {journey_store['answer_revisions']:,} answer "
                f"revisions ({journey_store['revisions_in_store']:,} revisions of "
                f"{journey_store['answers_in_store']:,} answers, "
                f"{journey_store['file_bytes'] / 2**20:.1f} MiB);\n"
                f"  ready = footer, today's check-in, journey view, data panel and mood chart "
                f"visible; chart dots seen {row['chart_dots_seen']}"
            )
            before = journey_store["revisions_in_store"]
            after = journey_store.get("revisions_after_loads")
            if after is not None and after != before:
                print(f"  NOTE: the loads changed the store: {before:,} -> {after:,} revisions")
        kernels = pages["kernels"]
        print(
            f"kernels: at most {kernels['max_after_close']} still running after a tab closed, "
            f"{kernels['not_ended_in_time']} not ended within {KERNEL_EXIT_TIMEOUT_S:.0f} s "
            f"of closing, slowest shutdown {_fmt(kernels['slowest_exit_s'], '.1f')} s; "
            f"Voila tracebacks {pages['server_tracebacks']}"
        )
    store = results.get("store")
    if store:
        fill, summary = store["fill"], store["summary"]
        print(
            f"\nAnswer store: {store['calls']} calls of each kind, alternating between a store "
            f"holding {fill['revisions_in_store']:,} revisions\n"
            f"(filled with save() in {fill['seconds']} s, {fill['file_bytes'] / 2**20:.0f} MiB) "
            f"and an empty store; saves write {store['journal_chars']:,} characters"
        )
        if fill["stopped_early"]:
            print(
                f"NOTE: filling stopped after {STORE_FILL_BUDGET_S:.0f} s with "
                f"{fill['saved']:,} of {fill['requested']:,} revisions"
            )
        head = f"{'call':<10}{'full p50':>10}{'full p95':>10}{'empty p50':>11}{'empty p95':>11}"
        head += f"{'p95 ratio':>11}"
        print(head)
        print("-" * len(head))
        for call in ("save", "latest"):
            full, empty = summary["full"][call], summary["empty"][call]
            print(
                f"{call + '()':<10}{full['p50_ms']:>8.3f}ms{full['p95_ms']:>8.3f}ms"
                f"{empty['p50_ms']:>9.3f}ms{empty['p95_ms']:>9.3f}ms"
                f"{_fmt(_ratio(full['p95_ms'], empty['p95_ms']), '.2f'):>11}"
            )
        verdict = _verdict(store["save_p95_ok"])
        print(
            f"target: save() p95 <= {TARGETS['store_save_p95_ms']} ms in the full store: {verdict}"
        )
        if not store["save_p95_ok"]:
            misses.append(f"store: save() p95 {summary['full']['save']['p95_ms']:.2f} ms")
    export = results.get("export")
    if export:
        misses += _print_export(export)
    return misses


def _print_export(export: dict[str, Any]) -> list[str]:
    data, summary = export["data"], export["summary"]
    print(
        f"\nExport and import of the journey data, in this process: {data['checkins']:,} "
        f"check-ins over {data['days']} days and {data['answer_revisions']:,} answer revisions "
        f"({data['revisions_in_store']:,} revisions of {data['answers_in_store']:,} answers)"
    )
    head = f"{'call':<46}{'median':>9}{'min':>9}{'max':>9}{'runs':>6}"
    print(head)
    print("-" * len(head))
    rows = [
        ("all_files(): JSON, HTML, Markdown, CSV", summary["all_files"]),
        ("baseline: all_revisions() + json.dumps", summary["baseline"]),
        *(
            (f"  {name} alone" if name != "json" else "  json alone (indent=1, checksum)", row)
            for name, row in export["formats"].items()
        ),
        ("import_json into an empty store", export["import"]["summary"]["empty"]),
        ("import_json again (every revision there)", export["import"]["summary"]["again"]),
        ("  read_export alone (parse and check)", export["import"]["read_export"]),
    ]
    for label, row in rows:
        print(
            f"{label:<46}{row['median_s']:>8.3f}s{row['min_s']:>8.3f}s{row['max_s']:>8.3f}s"
            f"{row['runs']:>6}"
        )
    sizes = ", ".join(f"{name} {_kib(size)}" for name, size in export["files"].items())
    counts = export["import"]["counts"]
    print(
        f"files: {sizes}; all_files / baseline (medians): {_fmt(export['ratio'], '.2f')}\n"
        f"imports added {counts['empty']['added']:,} revisions, then "
        f"{counts['again']['added']:,} ({counts['again']['already_there']:,} already there); "
        "import has no target"
    )
    builders = ", ".join(f"{name} {ms:.0f}" for name, ms in export["journey_builders_ms"].items())
    print(f"journey page builders on this data (ms, median of 3): {builders}")
    verdict = _verdict(export["median_ok"])
    print(f"target: all_files() median < {TARGETS['export_median_s']} s: {verdict}")
    if not export["median_ok"]:
        return [f"export: all_files() median {summary['all_files']['median_s']:.2f} s"]
    return []


def _kib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB" if size >= 2**20 else f"{size / 1024:.0f} KiB"


def _views(row: dict[str, Any]) -> str:
    views = row["page_facts"].get("widget_views")
    return "-" if views is None else str(views)


def _mib(value: float | None) -> str:
    return "-" if value is None else f"{value / 2**20:.1f}"


# ----------------------------------------------------------------------- main


def machine_info() -> dict[str, Any]:
    """What the numbers were measured on.

    Returns
    -------
    dict
        CPU count, memory, Python, platform, load average and tool versions.
    """
    from importlib.metadata import version

    try:
        chromium = subprocess.run(
            [CHROMIUM, "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout.strip()
    except OSError:
        chromium = None
    return {
        "cpus": os.cpu_count(),
        "memory_bytes": psutil.virtual_memory().total,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_start": [round(value, 2) for value in os.getloadavg()],
        "chromium": chromium,
        "voila": version("voila"),
        "ipywidgets": version("ipywidgets"),
        "playwright": version("playwright"),
        "widgets_package": str(Path(widgets.__file__).parent),
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line.

    Parameters
    ----------
    argv
        Arguments without the program name; ``None`` reads ``sys.argv``.

    Returns
    -------
    argparse.Namespace
        The options.
    """
    parser = argparse.ArgumentParser(
        description="Benchmark the workbook against baselines measured in the same run."
    )
    parser.add_argument(
        "--loads", type=int, default=5, help="loads of each page (default: 5); at least 1"
    )
    parser.add_argument(
        "--pages",
        help="comma-separated notebooks in workbook/, loaded over an empty store (default: "
        f"every workbook/*.ipynb but {JOURNEY}, which is loaded over the full store)",
    )
    parser.add_argument(
        "--skip-pages",
        action="store_true",
        help="skip TTI and kernel memory of the pages over an empty store",
    )
    parser.add_argument(
        "--skip-journey",
        action="store_true",
        help=f"skip TTI and kernel memory of {JOURNEY} over the full journey store",
    )
    parser.add_argument(
        "--skip-export", action="store_true", help="skip export and import of the journey data"
    )
    parser.add_argument("--skip-store", action="store_true", help="skip the answer store")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a figure misses its target"
    )
    args = parser.parse_args(argv)
    if args.loads < 1:
        parser.error("--loads must be at least 1")
    if args.pages:
        args.pages = [Path(name.strip()).name for name in args.pages.split(",") if name.strip()]
    else:
        args.pages = [
            path.name for path in sorted(WORKBOOK_DIR.glob("*.ipynb")) if path.name != JOURNEY
        ]
    missing = [name for name in args.pages if not (WORKBOOK_DIR / name).is_file()]
    if missing:
        parser.error(f"not in workbook/: {', '.join(missing)}")
    if args.skip_pages:
        args.pages = []
    return args


@contextmanager
def exclusive_run() -> Iterator[None]:
    """Hold a lock so that two benchmark runs on this machine never overlap.

    Overlapping runs would slow each other down and skew both. A second run
    waits (and says so) until the first has finished.

    Yields
    ------
    None
        The lock is held until the block ends.
    """
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    with open(RESULTS_DIR / ".run.lock", "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log("another benchmark run is in progress; waiting for it to finish ...")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _stop_on_sigterm(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)  # so every server and browser is stopped on the way out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark.

    Parameters
    ----------
    argv
        Command-line arguments (see the module docstring).

    Returns
    -------
    int
        Exit status: 1 with ``--strict`` when a figure missed its target, else 0.
    """
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    with exclusive_run():
        return run(args)


def run(args: argparse.Namespace) -> int:
    """Measure, print the report and write the JSON file.

    Parameters
    ----------
    args
        The options from :func:`parse_args`.

    Returns
    -------
    int
        Exit status, as for :func:`main`.
    """
    started, started_counter = current_clock().now(), time.monotonic()
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    results: dict[str, Any] = {
        "started": started.strftime("%Y-%m-%d %H:%M:%S UTC"),
        "machine": machine_info(),
        "targets": TARGETS,
        "loads_per_page": args.loads,
        "method": {
            "tti": "performance.now() in the page at the first animation frame on which it "
            "is interactive (ms since navigation start)",
            "kernel_memory": "USS of the newest ipykernel_launcher child of the Voila server, "
            "read once the page is interactive",
            "order": "rounds over the pages; each page load paired with a hello load, the "
            "pair's order alternating",
            "journey": f"{JOURNEY_FULL}: served by its own Voila server whose store holds "
            f"tests/journey_data.fill_journey(days={JOURNEY_DAYS}, "
            f"revisions={JOURNEY_REVISIONS}); one more page in every round",
            "export": "all_files() and the baseline alternating in this process, after one "
            "discarded run of each",
        },
    }
    if not args.skip_store:
        log("answer store ...")
        results["store"] = bench_store()
    if not args.skip_export:
        log("export and import of the journey data ...")
        results["export"] = bench_export()
    journey = not args.skip_journey
    if args.pages or journey:
        count = len(args.pages) + journey
        log(f"pages: {count} page(s), {args.loads} load(s) each, plus hello ...")
        results["pages"] = bench_pages(
            args.pages, journey, args.loads, RESULTS_DIR / f"bench-{stamp}"
        )
        results["pages"]["kernels"] = _kernel_summary(results["pages"]["loads"])
    results["seconds"] = round(time.monotonic() - started_counter, 1)
    results["machine"]["load_average_end"] = [round(value, 2) for value in os.getloadavg()]
    misses = print_report(results)
    results["misses"] = misses
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"bench-{stamp}.json"
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"\n{'Over target: ' + '; '.join(misses) if misses else 'Every target met.'}")
    print(f"Run took {results['seconds']:.0f} s. Raw timings: {out.relative_to(ROOT)}")
    return 1 if misses and args.strict else 0


def _kernel_summary(loads: list[dict[str, Any]]) -> dict[str, Any]:
    exits = [load.get("kernel_exit_s") for load in loads]
    return {
        "max_after_close": max((load["kernels_after_close"] for load in loads), default=0),
        "final": loads[-1]["kernels_after_close"] if loads else 0,
        "not_ended_in_time": sum(1 for value in exits if value is None),
        "slowest_exit_s": max((value for value in exits if value is not None), default=None),
    }


if __name__ == "__main__":
    raise SystemExit(main())
