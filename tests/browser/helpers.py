"""Helpers for browser tests: watched pages, waiting, finding exercises."""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from voila_app import VoilaApp

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
#: Long enough for a cold kernel on a busy 2-core machine.
PAGE_TIMEOUT_MS = 60_000
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Console noise that is not an error of ours: chromium's note about a missing
# favicon is the only one expected.
_IGNORED_CONSOLE = (re.compile(r"favicon\.ico"),)


@dataclass
class PageWatch:
    """What went wrong on a page while a test used it."""

    app_host: str
    js_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def on_request(self, request) -> None:
        url = urllib.parse.urlsplit(request.url)
        if url.scheme in {"data", "blob", "about"}:
            return
        if url.netloc != self.app_host:
            self.foreign_requests.append(request.url)

    def on_console(self, message) -> None:
        if message.type != "error":
            return
        text = message.text
        if any(pattern.search(text) for pattern in _IGNORED_CONSOLE):
            return
        self.console_errors.append(text)

    def problems(self) -> list[str]:
        return [
            *(f"JavaScript error: {e}" for e in self.js_errors),
            *(f"console error: {e}" for e in self.console_errors),
            *(f"request to another host: {u}" for u in self.foreign_requests),
        ]


class Pages:
    """Opens watched pages in fresh browser contexts (like new tabs)."""

    def __init__(self, browser, app: VoilaApp, request) -> None:
        self.browser = browser
        self.app = app
        self.test_name = re.sub(r"[^\w.-]+", "_", request.node.name)
        self.opened: list[tuple[object, PageWatch]] = []

    def open(self, notebook: str, *, viewport: dict | None = None, wait: bool = True):
        context = self.browser.new_context(viewport=viewport or DESKTOP)
        context.set_default_timeout(PAGE_TIMEOUT_MS)
        page = context.new_page()
        watch = PageWatch(urllib.parse.urlsplit(self.app.base_url).netloc)
        page.on("request", watch.on_request)
        page.on("console", watch.on_console)
        page.on("pageerror", lambda error: watch.js_errors.append(str(error)))
        self.opened.append((page, watch))
        # The private link, as the person's browser opens it: the server sets the
        # session cookie and sends the page on to the same address without the token.
        page.goto(self.app.open_url(notebook), wait_until="domcontentloaded")
        if wait:
            wait_until_interactive(page)
        return page

    def screenshot(self, page, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{self.test_name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    def close_all(self) -> list[str]:
        problems = []
        for page, watch in self.opened:
            if not page.is_closed():
                body = page.locator("body").inner_text()
                if "Traceback" in body or "Error in cell" in body:
                    problems.append(f"traceback text on {page.url}")
                page.context.close()
            problems += watch.problems()
        return problems


def wait_until_interactive(page) -> None:
    """Wait for the page's own signal that it is whole (static/page.js, repair 9).

    Voila shows the cells, footer included, before the widgets in them have
    rendered; the page marks its body ready only once every output has rendered
    and the page has been still for a moment.
    """
    page.locator('body[data-hw-ready="true"]').wait_for(state="attached")
    page.locator("nav.hw-nav").wait_for(state="visible")


def wait_settled(page) -> None:
    """Wait until the page script's accessibility repairs have caught up with the page."""
    page.locator('body[data-hw-settled="true"]').wait_for(state="attached")


def close_tab(page) -> None:
    """Close a page as a person closing the tab does (its unload handlers run)."""
    with page.expect_event("close"):
        page.close(run_before_unload=True)


def exercise(page, title: str):
    """The exercise box whose heading is ``title``."""
    return page.locator(".hw-exercise").filter(
        has=page.locator(".hw-exercise-title", has_text=title)
    )


def wait_saved(box) -> None:
    """Wait until the exercise says it is saved."""
    box.locator(".hw-status").filter(has_text="Saved at").wait_for(state="visible")


def whole_page_screenshot(pages: Pages, page, name: str) -> Path:
    """Like ``pages.screenshot``, but of the whole page, not just the first screen.

    Voila scrolls the ``#rendered_cells`` box, not the document, so a full-page
    screenshot alone stops at the window's height: grow the window to the
    content's height for the picture, then put it back.
    """
    size = page.viewport_size
    height = page.evaluate(
        "(document.querySelector('#rendered_cells') || document.documentElement).scrollHeight"
    )
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    try:
        return pages.screenshot(page, name)
    finally:
        page.set_viewport_size(size)


def sideways_overflow(page) -> int:
    """How many pixels the page (or Voila's scrolling box) can be scrolled sideways."""
    return page.evaluate(
        """() => Math.max(...[document.documentElement, document.querySelector('#rendered_cells')]
            .filter(Boolean).map(el => el.scrollWidth - el.clientWidth))"""
    )


def cut_off_at_right_edge(page, within=None, slack: int = 8) -> list[str]:
    """What a person cannot see without scrolling a box, or the page, sideways.

    Two kinds of finding, on the page or ``within`` one locator: an element
    reaching past the window's right edge, and a box (a widget box clips or
    scrolls what does not fit) whose content is more than ``slack`` pixels wider
    than the box, named with its first element that sticks out. A few pixels of
    a full-width field's border are not a finding; nor is long text scrolling
    inside a text box, nor a visually hidden label (1 px wide on purpose).
    """
    root = within.element_handle() if within is not None else None
    return page.evaluate(
        """({root, slack}) => {
          const width = document.documentElement.clientWidth;
          root = root || document.querySelector('#rendered_cells') || document.body;
          const shown = (el) => {
            const box = el.getBoundingClientRect();
            return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
          };
          const pastWindow = (el) => shown(el) && el.getBoundingClientRect().right > width + 1;
          const say = (el) => {
            const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60);
            return `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${text}"`;
          };
          const found = [];
          for (const el of [root, ...root.querySelectorAll('*')]) {
            if (!shown(el)) continue;
            if (pastWindow(el) && !(el.parentElement && pastWindow(el.parentElement))) {
              const right = Math.round(el.getBoundingClientRect().right);
              found.push(`${say(el)} ends at ${right}px, past the window (${width}px)`);
            }
            if (el.matches('input, textarea, select') || el.clientWidth <= 1) continue;
            if (getComputedStyle(el).overflowX === 'visible') continue;
            const hidden = el.scrollWidth - el.clientWidth;
            if (hidden <= slack) continue;
            const edge = el.getBoundingClientRect().left + el.clientLeft + el.clientWidth;
            const out = [...el.querySelectorAll('*')].find(
              (inner) => shown(inner) && inner.getBoundingClientRect().right > edge + slack);
            found.push(`${say(el)} hides ${hidden}px of its content on the right` +
                       (out ? `, e.g. ${say(out)}` : ''));
          }
          return found;
        }""",
        {"root": root, "slack": slack},
    )


def serious_axe_violations(page, where: str) -> list[str]:
    """Run axe; print every finding, return the serious and critical ones."""
    from axe_playwright_python.sync_playwright import Axe

    wait_settled(page)
    violations = Axe().run(page).response["violations"]
    found = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    ]
    if found:
        print(f"axe on {where}:\n" + "\n".join(found))
    return [
        line
        for line, violation in zip(found, violations, strict=True)
        if violation["impact"] in {"serious", "critical"}
    ]
