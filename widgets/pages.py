"""What the notebooks show: header with "Get help now", exercises, navigation.

Each function returns something a notebook cell displays as its last line, so a
notebook holds prose and one-line calls only. All text from the pack or from
the person is escaped before it becomes HTML.
"""

from __future__ import annotations

import importlib
import threading
from functools import cache
from importlib import resources

import ipywidgets as w
from IPython.display import HTML

from .clock import current as current_clock
from .content import ContentError, ExerciseSpec, Step
from .crisis import help_details, ordered_countries, resources_html
from .exercises import KINDS, started_ids
from .exercises._base import Exercise, HTMLStyle, html_block, shared
from .session import current_session
from .stories import STORIES_NOTEBOOK, WorkedExampleBox, story_reader_html
from .words import esc

__all__ = [
    "checkin",
    "country_choice",
    "crisis_resources",
    "exercise",
    "exercises",
    "footer",
    "get_help",
    "header",
    "journey",
    "my_data",
    "privacy_note",
    "started_exercises",
    "step_list",
    "step_summary",
    "stories",
    "worked_examples",
]

START_NOTEBOOK = "00_start.ipynb"
JOURNEY_NOTEBOOK = "journey.ipynb"
START = "start"
STORIES = "stories"
JOURNEY = "journey"
#: Pages that are not steps.
OTHER_PAGES = (START, STORIES, JOURNEY)


@cache
def _css() -> str:
    """The workbook's stylesheet, then each exercise kind's own (static/kinds/*.css)."""
    static = resources.files("widgets").joinpath("static")
    sheets = [static.joinpath("workbook.css")]
    kinds = static.joinpath("kinds")
    if kinds.is_dir():
        sheets += sorted(
            (item for item in kinds.iterdir() if item.name.endswith(".css")),
            key=lambda item: item.name,
        )
    return "\n".join(sheet.read_text(encoding="utf-8") for sheet in sheets)


# ------------------------------------------------------------------ header & help


class PageHeader(w.HTML):
    """The top of a page; its "Get help now" panel follows the person's country."""

    def __init__(self, page: str) -> None:
        super().__init__(style=shared(HTMLStyle), layout=shared(w.Layout))
        self.page = page
        self.value = self.render()
        current_session().country_listeners.add(self)

    def on_country(self, _code: str) -> None:
        """Redraw with the newly chosen country's services first."""
        self.value = self.render()

    def render(self) -> str:
        """The header's HTML: styles, navigation, help, and any notice about the store."""
        session = current_session()
        pack = session.pack
        page = self.page
        parts = [f"<style>{_css()}</style>", '<div class="hw-top">']
        parts.append(_top_nav(page))
        parts.append(help_details(pack.crisis, session.country))
        parts.append("</div>")
        store = session.store
        if store is not None and store.recovery is not None:
            parts.append(
                f'<div class="hw-notice" role="alert">{esc(store.recovery.message())}</div>'
            )
        if session.store_problem:
            parts.append(
                f'<div class="hw-error-panel" role="alert">{esc(session.store_problem)}</div>'
            )
        if page not in OTHER_PAGES and pack.step(page) is None:
            parts.append(
                _error_panel(
                    "This step could not be loaded from the content pack.",
                    pack.step_file_errors(page),
                )
            )
        return "\n".join(parts)


def header(page: str = START) -> PageHeader:
    """The top of every page: where am I, the way around, and "Get help now".

    ``page`` is ``"start"``, ``"stories"``, ``"journey"`` or a step's slug.
    """
    if page == JOURNEY:
        # The mood chart needs pandas, whose import is most of the page's own cost:
        # start it now, so it overlaps with drawing the cells above the chart.
        threading.Thread(
            target=importlib.import_module, args=("pandas",), name="import-pandas", daemon=True
        ).start()
    return PageHeader(page)


def _top_nav(page: str) -> str:
    items = [f'<li><a href="{START_NOTEBOOK}">Start page</a></li>']
    step = current_session().pack.step(page)
    if step is not None:
        items.append(f'<li aria-current="page">Step {step.number} of {_step_count()}</li>')
    if page == STORIES:
        items.append('<li aria-current="page">Stories</li>')
    if page == JOURNEY:
        items.append('<li aria-current="page">My journey</li>')
    else:
        items.append(f'<li><a href="{JOURNEY_NOTEBOOK}">My journey</a></li>')
    return f'<nav aria-label="Workbook"><ul>{"".join(items)}</ul></nav>'


def _step_count() -> int:
    return len(current_session().pack.steps)


def get_help() -> HTML:
    """The crisis resources on their own (the same panel as in the header)."""
    session = current_session()
    return HTML(f"<style>{_css()}</style>" + help_details(session.pack.crisis, session.country))


# -------------------------------------------------------------------- exercises


def exercise(exercise_id: str) -> w.Widget:
    """The widget for one exercise, or a clear error panel if it cannot be shown."""
    session = current_session()
    spec = session.pack.exercises.get(exercise_id)
    if spec is None:
        return html_block(
            _error_panel(f"The exercise '{exercise_id}' is not in the content pack.", [])
        )
    if not isinstance(spec, ExerciseSpec):
        return html_block(
            _error_panel("This exercise has a mistake in the content pack.", spec.errors)
        )
    store = session.store
    if store is None:
        return html_block(
            _error_panel(
                f"'{spec.title}' cannot be shown because answers cannot be saved right now.", []
            )
        )
    widget_class = KINDS.get(spec.kind)
    if widget_class is None:
        return html_block(
            _error_panel(f"'{spec.title}' needs the '{spec.kind}' widget, which is missing.", [])
        )
    widget = widget_class(
        spec,
        store,
        debounce_seconds=session.config.debounce_seconds,
        safety=session.safety_net,
    )
    session.data_listeners.add(widget)
    return widget


def exercises(step: str) -> w.Widget:
    """Every exercise of a step in pack order, under a live progress line."""
    session = current_session()
    found = session.pack.step(step)
    if found is None:
        return html_block(_error_panel(f"There is no step '{step}' in the content pack.", []))
    shown = [exercise(exercise_id) for exercise_id in found.exercise_ids]
    progress = html_block()
    progress.add_class("hw-progress")

    def update(_change: object = None) -> None:
        started = started_exercises(found.exercise_ids)
        progress.value = (
            f'<p class="hw-progress-text">{len(started)} of {len(found.exercise_ids)} '
            f"exercises started</p>"
        )

    for widget in shown:
        if isinstance(widget, Exercise):
            widget.observe(update, "status")
    update()
    children: list[w.Widget] = [progress]
    for exercise_id, widget in zip(found.exercise_ids, shown, strict=True):
        children += worked_examples(exercise_id)
        children.append(widget)
    box = w.VBox(children)
    box.add_class("hw-page")
    return box


def worked_examples(exercise_id: str) -> list[w.Widget]:
    """The stories' worked examples of one exercise, to show just before it."""
    pack = current_session().pack
    spec = pack.exercises.get(exercise_id)
    if not isinstance(spec, ExerciseSpec):
        return []
    return [
        WorkedExampleBox(story, example, spec) for story, example in pack.examples_for(exercise_id)
    ]


def stories() -> HTML:
    """The story reader: every story whole, scene by scene, content notes first."""
    return HTML(story_reader_html(current_session().pack))


def started_exercises(exercise_ids: tuple[str, ...] | list[str]) -> list[str]:
    """The ids among ``exercise_ids`` the person has started (as each kind judges)."""
    session = current_session()
    if session.store is None:
        return []
    try:
        answered = started_ids(session.pack, session.store, among=exercise_ids)
    except Exception:  # an unreadable store is reported by the page's widgets
        return []
    return [exercise_id for exercise_id in exercise_ids if exercise_id in answered]


# ------------------------------------------------------------------- journey


def checkin() -> w.Widget:
    """Today's check-in (mood, feelings, urge, one line), saved like every answer."""
    session = current_session()
    store = session.store
    if store is None:
        return html_block(
            _error_panel("The check-in cannot be shown: answers cannot be saved.", [])
        )
    from .daily_checkin import CheckInExercise, checkin_spec

    widget = CheckInExercise(
        checkin_spec(session.pack, current_clock().today()),
        store,
        debounce_seconds=session.config.debounce_seconds,
        safety=session.safety_net,
    )
    widget.observe(lambda _change: session.data_changed(source=widget), "saves")
    session.data_listeners.add(widget)
    widget.add_class("hw-checkin")
    return widget


def journey() -> w.Widget:
    """Progress over the steps, the mood chart, the days of distance, the last 30 days."""
    session = current_session()
    store = session.store
    if store is None:
        return html_block(_error_panel("Your journey cannot be shown: answers cannot be read.", []))
    from .journey_view import JourneyView

    view = JourneyView(session.pack, store)
    session.data_listeners.add(view)
    return view


def my_data() -> w.Widget:
    """Download, share, import and erase the person's answers."""
    session = current_session()
    store = session.store
    if store is None:
        return html_block(_error_panel("Your answers cannot be reached right now.", []))
    from .mydata import DataPanel, in_voila

    def changed(erased: bool) -> None:
        session.data_changed(erased=erased)
        for listener in list(session.country_listeners):
            listener.on_country(session.country)

    return DataPanel(
        session.pack,
        store,
        export_dir=None if in_voila() else session.config.export_path,
        on_change=changed,
    )


def crisis_resources() -> HTML:
    """The crisis resources shown in full on the page (step 8), the person's country first."""
    session = current_session()
    # The page's header already carries the stylesheet; do not send it twice.
    return HTML(
        '<section class="hw-resources" aria-label="Crisis resources">'
        f"{resources_html(session.pack.crisis, heading=3, first=session.country)}</section>"
    )


def _error_panel(message: str, errors: list[ContentError] | tuple[ContentError, ...]) -> str:
    details = "".join(f"<li><code>{esc(error)}</code></li>" for error in errors)
    for_facilitator = (
        f"<p>For whoever prepared this workbook:</p><ul>{details}</ul>" if details else ""
    )
    return (
        '<div class="hw-error-panel" role="alert">'
        f"<p><strong>{esc(message)}</strong> The rest of this page still works.</p>"
        f"{for_facilitator}</div>"
    )


# ------------------------------------------------------------ start page & footer


def step_list() -> HTML:
    """Links to every step with its summary (for the start page)."""
    rows = []
    for step in current_session().pack.steps:
        coming = (
            ' <span class="hw-coming">(being written)</span>' if step.status == "coming" else ""
        )
        rows.append(
            f'<li><a href="{esc(step.notebook)}">Step {step.number}: {esc(step.title)}</a>'
            f"{coming}<br>{esc(step.summary)}</li>"
        )
    return HTML(f'<ol class="hw-steps" role="list">{"".join(rows)}</ol>')


class CountryChoice(w.VBox):
    """Where the person lives, so "Get help now" shows their country's lines first.

    Chosen from the resources file's countries (nothing is guessed from the
    browser or the network) and remembered in the person's own store.
    """

    def __init__(self) -> None:
        session = current_session()
        crisis = session.pack.crisis
        options = [(country.name, country.code) for country in ordered_countries(crisis)]
        self.picker = w.Dropdown(
            options=options,
            value=session.country,
            description="My country",
            style={"description_width": "initial"},
            layout=w.Layout(width="auto", max_width="100%"),
        )
        self.status = html_block(layout=w.Layout(min_height="1.5em"))
        self.status.add_class("hw-status")
        self.picker.observe(self._chosen, "value")
        super().__init__([self.picker, self.status])
        self.add_class("hw-country")

    def _chosen(self, change: dict) -> None:
        session = current_session()
        try:
            session.set_country(change["new"])
        except Exception as exc:  # a store that cannot be written: say so, keep going
            self.status.value = (
                f'<p class="hw-problem">This choice could not be saved ({type(exc).__name__}). '
                "Get help now still lists every country.</p>"
            )
            return
        name = session.pack.crisis.country(change["new"]).name
        self.status.value = (
            f'<p class="hw-status-text">Saved. Get help now shows {esc(name)} first, '
            "on every page.</p>"
        )


def country_choice() -> CountryChoice:
    """The country picker for the start page."""
    return CountryChoice()


def privacy_note() -> HTML:
    """Where this person's answers are kept, in plain words."""
    session = current_session()
    path = session.config.store_path
    return HTML(
        '<div class="hw-notice"><p>Your answers are saved in one file on this computer '
        "(or on the server you signed in to), readable only by you:</p>"
        f"<p><code>{esc(path)}</code></p>"
        "<p>Nothing is sent anywhere: the workbook makes no connections to the internet, "
        "keeps no statistics about you, and shows no adverts.</p></div>"
    )


def step_summary(step: str) -> HTML:
    """A step's summary, and a note if the step is still being written."""
    found = current_session().pack.step(step)
    if found is None:
        return HTML(_error_panel(f"There is no step '{step}' in the content pack.", []))
    note = (
        '<p class="hw-coming">This step\'s exercises are being written. You can read its '
        "summary now and come back to it later.</p>"
        if found.status == "coming"
        else ""
    )
    return HTML(f'<p class="hw-prompt">{esc(found.summary)}</p>{note}')


def footer(page: str) -> HTML:
    """Links to the previous step, the start page and the next step."""
    steps = list(current_session().pack.steps)
    links = []
    index = next((i for i, s in enumerate(steps) if s.slug == page), None)
    if index is not None and index > 0:
        links.append(_step_link(steps[index - 1], "Previous"))
    links.append(f'<a href="{START_NOTEBOOK}">Back to the start page</a>')
    if page != STORIES and current_session().pack.stories:
        links.append(f'<a href="{STORIES_NOTEBOOK}">Read the stories</a>')
    if index is None and page == START and steps:
        links.append(_step_link(steps[0], "Begin with"))
    elif index is not None and index + 1 < len(steps):
        links.append(_step_link(steps[index + 1], "Next"))
    return HTML(f'<nav class="hw-nav" aria-label="Steps">{"".join(links)}</nav>')


def _step_link(step: Step, verb: str) -> str:
    return f'<a href="{esc(step.notebook)}">{verb}: step {step.number}, {esc(step.title)}</a>'
