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

Usage::

    .venv/bin/python bench/run_bench.py [--loads N] [--pages a.ipynb,b.ipynb]
                                        [--skip-pages] [--skip-store] [--strict]

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
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from voila_app import VoilaApp, running_voila  # noqa: E402

import widgets  # noqa: E402
from widgets.config import WorkbookConfig  # noqa: E402
from widgets.content import load_pack  # noqa: E402
from widgets.store import AnswerStore  # noqa: E402

HELLO_DIR = ROOT / "bench" / "hello"
HELLO = "hello.ipynb"
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

# Runs in the page on every animation frame until it returns true. The first
# time the page is interactive it records performance.now(): milliseconds since
# the navigation started (the document's time origin).
READY_JS = """
([kind, expected]) => {
  if (window.__benchReady !== undefined) return true;
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) return false;
    return el.checkVisibility ? el.checkVisibility({visibilityProperty: true}) : true;
  };
  const count = (selector) =>
    Array.from(document.querySelectorAll(selector)).filter(shown).length;
  const ready = kind === "hello"
    ? count(".widget-slider") > 0
    : count("nav.hw-nav") > 0 && count(".hw-exercise") >= expected;
  if (ready) window.__benchReady = performance.now();
  return ready;
}
"""

# What the page looked like when it became interactive (or timed out): for
# finding out what makes a page slow.
FACTS_JS = """
() => {
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
  };
}
"""


def log(message: str) -> None:
    """Print a progress line to standard error.

    Parameters
    ----------
    message
        The line to print.
    """
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------- expectations


def expected_exercises(pages: list[str]) -> dict[str, int]:
    """How many exercises each page shows once it is fully rendered.

    Parameters
    ----------
    pages
        Notebook file names in ``workbook/``.

    Returns
    -------
    dict
        Page name to exercise count. A step notebook ``NN_slug.ipynb`` shows
        every exercise of the step whose slug is ``slug``; any other page
        (such as the start page) shows none.
    """
    pack = load_pack(WorkbookConfig.from_environ().pack_dir)
    if pack.errors:
        log(f"warning: the content pack has {len(pack.errors)} error(s):\n{pack.report()}")
    expected = {}
    for page in pages:
        stem = Path(page).stem
        slug = stem.split("_", 1)[1] if "_" in stem else stem
        step = next((step for step in pack.steps if step.slug == slug), None)
        expected[page] = len(step.exercise_ids) if step is not None else 0
    return expected


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
        return self.app.url(notebook)

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


def load_once(browser: Any, server: Server, page_name: str, expected: int) -> dict[str, Any]:
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
        The Voila server that serves ``page_name``.
    page_name
        Notebook file name.
    expected
        Exercises the page must show; ``-1`` for the hello baseline.

    Returns
    -------
    dict
        ``tti_ms`` (``None`` when the page never became interactive),
        ``wall_ms``, kernel memory, kernel counts and the facts of ``FACTS_JS``.
    """
    from playwright.sync_api import Error as PlaywrightError

    kind = "hello" if expected < 0 else "workbook"
    result: dict[str, Any] = {"page": page_name, "error": None, "load_average": os.getloadavg()[0]}
    kernel = None
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        start = time.perf_counter()
        try:
            page.goto(server.url(page_name), wait_until="commit", timeout=LOAD_TIMEOUT_MS)
            page.wait_for_function(
                READY_JS, arg=[kind, max(expected, 0)], polling="raf", timeout=LOAD_TIMEOUT_MS
            )
        except PlaywrightError as exc:
            result["error"] = str(exc).splitlines()[0][:300]
        result["wall_ms"] = round((time.perf_counter() - start) * 1000, 1)
        try:
            result.update(page.evaluate(FACTS_JS))
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


def bench_pages(pages: list[str], loads: int, log_prefix: Path) -> dict[str, Any]:
    """Measure TTI and kernel memory of every page and of the hello baseline.

    Parameters
    ----------
    pages
        Notebook file names in ``workbook/``.
    loads
        Loads of each page (the baseline gets one load per page load).
    log_prefix
        The two Voila servers' logs are kept as ``<log_prefix>-voila-*.log``.

    Returns
    -------
    dict
        ``expected_exercises``, ``warmup`` and ``loads`` (every raw load) and
        ``summary`` (medians and ratios, see :func:`summarise_pages`).
    """
    from playwright.sync_api import sync_playwright

    expected = expected_exercises(pages)
    data_dir = Path(tempfile.mkdtemp(prefix="healing-bench-"))
    raw: list[dict[str, Any]] = []
    warmup: list[dict[str, Any]] = []
    failed = True
    try:
        with ExitStack() as stack:
            workbook = stack.enter_context(
                voila_server(data_dir / "store", None, data_dir / "voila-workbook.log")
            )
            hello = stack.enter_context(
                voila_server(data_dir / "hello-store", HELLO_DIR, data_dir / "voila-hello.log")
            )
            playwright = stack.enter_context(sync_playwright())
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            stack.callback(browser.close)

            def measure(name: str) -> dict[str, Any]:
                if name == HELLO:
                    return load_once(browser, hello, HELLO, -1)
                return load_once(browser, workbook, name, expected[name])

            # Discarded: the first loads pay for cold disk caches and .pyc files.
            for name in (HELLO, pages[0]):
                warmup.append(measure(name))
                log(f"warm-up {name}: {_describe(warmup[-1])}")
            order = load_order(pages, loads)
            for number, (round_number, name) in enumerate(order, start=1):
                result = measure(name)
                result["round"] = round_number
                result["pair"] = (number - 1) // 2  # a page load and its hello load
                raw.append(result)
                log(f"[{number}/{len(order)}] round {round_number + 1} {name}: {_describe(result)}")
        logs = {"workbook": workbook.app.log(), "hello": hello.app.log()}
        failed = False
    finally:
        if failed:
            log(f"Voila logs kept in {data_dir}")
        else:
            log_prefix.parent.mkdir(parents=True, exist_ok=True)
            for name in ("workbook", "hello"):
                shutil.copy(data_dir / f"voila-{name}.log", f"{log_prefix}-voila-{name}.log")
            shutil.rmtree(data_dir, ignore_errors=True)
    tracebacks = {
        name: text.count("Traceback (most recent call last)") for name, text in logs.items()
    }
    return {
        "expected_exercises": expected,
        "server_tracebacks": tracebacks,
        "warmup": warmup,
        "loads": raw,
        "summary": summarise_pages(pages, raw),
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


def summarise_pages(pages: list[str], raw: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians per page and their ratios to the hello baseline.

    Parameters
    ----------
    pages
        The workbook pages measured.
    raw
        Every load, as returned by :func:`load_once`.

    Returns
    -------
    dict
        ``hello`` and one entry per page with the median TTI, median kernel
        memory, the ratios to the baseline, failures and whether each target
        is met. Kernel memory is USS where available, else RSS.
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
            "page_facts": {
                key: last.get(key)
                for key in (
                    "document_bytes",
                    "resources",
                    "dom_elements",
                    "style_elements",
                    "style_chars",
                    "widget_views",
                )
            },
        }

    hello = stats(HELLO)
    summary: dict[str, Any] = {"hello": hello}
    for page in pages:
        row = stats(page)
        row["tti_ratio"] = _ratio(row["tti_median_ms"], hello["tti_median_ms"])
        row["tti_paired_ratios"] = _paired_ratios(page, raw)
        row["tti_paired_ratio_median"] = _median(row["tti_paired_ratios"])
        row["kernel_memory_ratio"] = _ratio(
            row["kernel_memory_median_bytes"], hello["kernel_memory_median_bytes"]
        )
        row["tti_ok"] = _meets(row["tti_ratio"], TARGETS["tti_ratio"])
        row["kernel_memory_ok"] = _meets(row["kernel_memory_ratio"], TARGETS["kernel_memory_ratio"])
        summary[page] = row
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


# --------------------------------------------------------------------- report


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def _verdict(ok: bool, failures: int = 0) -> str:
    if failures:
        return f"{failures} FAILED"
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
            if not row["tti_ok"]:
                misses.append(f"{name}: TTI ratio {_fmt(row['tti_ratio'], '.3f')}")
            if not row["kernel_memory_ok"]:
                ratio = _fmt(row["kernel_memory_ratio"], ".3f")
                misses.append(f"{name}: kernel memory ratio {ratio}")
            if row["exercises_seen"] and min(row["exercises_seen"]) > expected:
                misses.append(f"{name}: shows {row['exercises_seen']} exercise boxes")
        print(
            f"targets: TTI ratio <= {TARGETS['tti_ratio']}, "
            f"kernel memory ratio <= {TARGETS['kernel_memory_ratio']}\n"
            "HTML ms: median time until Voila finished sending the page (kernel started, "
            "notebook run);\nwidgets: widget views on the page; paired: median of each "
            "load's TTI over its paired hello load's;\nkernel memory: USS, memory unique "
            "to the kernel process"
        )
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
    return misses


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
        help="comma-separated notebooks in workbook/ (default: every workbook/*.ipynb)",
    )
    parser.add_argument("--skip-pages", action="store_true", help="skip TTI and kernel memory")
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
        args.pages = [path.name for path in sorted(WORKBOOK_DIR.glob("*.ipynb"))]
    missing = [name for name in args.pages if not (WORKBOOK_DIR / name).is_file()]
    if missing:
        parser.error(f"not in workbook/: {', '.join(missing)}")
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
    started = dt.datetime.now(dt.UTC)
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
        },
    }
    if not args.skip_store:
        log("answer store ...")
        results["store"] = bench_store()
    if not args.skip_pages:
        log(f"pages: {len(args.pages)} page(s), {args.loads} load(s) each, plus hello ...")
        results["pages"] = bench_pages(args.pages, args.loads, RESULTS_DIR / f"bench-{stamp}")
        results["pages"]["kernels"] = _kernel_summary(results["pages"]["loads"])
    results["seconds"] = round((dt.datetime.now(dt.UTC) - started).total_seconds(), 1)
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
