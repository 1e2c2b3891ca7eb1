"""What every exercise kind shares: loading, debounced saving, status, read-only mode.

A kind subclasses :class:`Exercise`. It declares its option fields, an example and
its checks (docs/exercise-kinds.md, "Adding a kind"), and supplies the widget hooks:
the controls it is made of (``_build``), how to read its answer from them
(``_read``), how to show an answer in them (``_show``), how to disable them for a
worked example (``_set_disabled``), its untouched answer (``empty_value``), how to
check an answer (``validate``) and, when it shows something derived from the answer,
how to redraw that (``_redraw``). It calls :meth:`Exercise._changed` whenever the
person changes something; this class does the rest.

When saving happens
-------------------
* on change, after ``debounce_seconds`` of quiet (about 1 s);
* on blur, where the stock widget reports it (text boxes sync on every keystroke
  in ipywidgets 8, which has no blur event, so the debounce covers them);
* when the Save button is pressed, or :meth:`save` is called;
* when the kernel exits (Voila ends a page's kernel when the tab closes), any
  pending save is flushed by an ``atexit`` hook.
"""

from __future__ import annotations

import asyncio
import atexit
import datetime as dt
import json
import threading
import weakref
from collections.abc import Callable
from typing import Any, ClassVar

import ipywidgets as w
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_button import ButtonStyle
from ipywidgets.widgets.widget_string import HTMLStyle
from traitlets import Any as AnyTrait
from traitlets import Bool, Int, Unicode

from ..clock import Clock, current
from ..content import ExerciseSpec, FieldSpec
from ..safety import SafetyNet
from ..store import AnswerStore, StoreError
from ..words import esc

__all__ = [
    "Debouncer",
    "Exercise",
    "checkbox",
    "html_block",
    "plain_button",
    "shared",
]


# ------------------------------------------------------------ shared models
# Every ipywidgets control brings its own style model (and most their own layout
# model): on a step page these were more than half of all widget models, each
# one a message to the browser and an object it builds before the page is ready.
# Style and layout models that nothing changes after creation are shared instead.

_shared_models: dict[tuple, w.Widget] = {}


def shared(model_class: type[w.Widget], **traits: Any) -> w.Widget:
    """The one ``model_class(**traits)`` model of this kernel, shared by all who ask.

    Only for style and layout models that are never changed after creation: a
    change would show on every widget that shares it.
    """
    key = (model_class, tuple(sorted(traits.items())))
    model = _shared_models.get(key)
    if model is None or model.comm is None:  # first use, or closed since
        model = _shared_models[key] = model_class(**traits)
    return model


def html_block(value: str = "", **kwargs: Any) -> w.HTML:
    """An HTML widget with shared style and layout models.

    Pass ``layout=w.Layout()`` for one that will be hidden or resized later.
    """
    kwargs.setdefault("style", shared(HTMLStyle))
    kwargs.setdefault("layout", shared(w.Layout))
    return w.HTML(value, **kwargs)


def plain_button(description: str, **kwargs: Any) -> w.Button:
    """A button as wide as its words, with shared style and layout models.

    Pass ``layout=w.Layout(...)`` for one that will be hidden later.
    """
    kwargs.setdefault("style", shared(ButtonStyle))
    kwargs.setdefault("layout", shared(w.Layout, width="auto"))
    return w.Button(description=description, **kwargs)


def checkbox(description: str, **kwargs: Any) -> w.Checkbox:
    """A checkbox sized to its label, with shared style and layout models.

    Its layout is shared too, so hide a checkbox by hiding the box it sits in.
    """
    kwargs.setdefault("style", shared(CheckboxStyle))
    kwargs.setdefault("layout", shared(w.Layout, width="auto"))
    return w.Checkbox(description=description, indent=False, **kwargs)


class QuietSetter:
    """Sets a control's value from code while the control's observers know to ignore it.

    An observer that should react only to the person checks ``if self._quiet: return``;
    code that shows a value calls ``self._quiet.set(control, value)``.
    """

    def __init__(self) -> None:
        self.active = False

    def __bool__(self) -> bool:
        return self.active

    def set(self, control: w.Widget, value: Any) -> None:
        """Give ``control`` the ``value`` without it counting as the person's change."""
        self.active = True
        try:
            control.value = value
        finally:
            self.active = False


class Debouncer:
    """Run ``callback`` once, ``delay`` seconds after the last :meth:`trigger`.

    It uses the running asyncio loop (the kernel's) when there is one, and a
    timer thread otherwise. :meth:`flush` runs a pending call at once.
    """

    def __init__(self, delay: float, callback: Callable[[], Any]) -> None:
        self.delay = delay
        self.callback = callback
        self._handle: asyncio.TimerHandle | threading.Timer | None = None
        self._lock = threading.Lock()

    @property
    def pending(self) -> bool:
        """True while a call is scheduled and has not run yet."""
        return self._handle is not None

    def trigger(self) -> None:
        """(Re)start the quiet period."""
        with self._lock:
            self._cancel_locked()
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                timer = threading.Timer(self.delay, self._fire)
                timer.daemon = True
                self._handle = timer
                timer.start()
            else:
                self._handle = loop.call_later(self.delay, self._fire)

    def flush(self) -> None:
        """Run the pending call now, if there is one."""
        with self._lock:
            was_pending = self._handle is not None
            self._cancel_locked()
        if was_pending:
            self.callback()

    def cancel(self) -> None:
        """Drop the pending call."""
        with self._lock:
            self._cancel_locked()

    def _cancel_locked(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _fire(self) -> None:
        with self._lock:
            self._handle = None
        self.callback()


_live_exercises: weakref.WeakSet[Exercise] = weakref.WeakSet()


@atexit.register
def _flush_pending_saves() -> None:
    """Save whatever is still waiting when the kernel shuts down."""
    for exercise in list(_live_exercises):
        exercise._debouncer.flush()


class Exercise(w.VBox):
    """Base class of every exercise widget.

    Parameters
    ----------
    spec
        The exercise as the content pack defines it.
    store
        Where answers are saved. ``None`` only in read-only mode.
    read_only
        Show ``value`` in disabled controls, with no saving (worked examples).
    value
        The answer to show in read-only mode.
    debounce_seconds
        Quiet time after a change before saving.
    clock
        Where "now" and "today" come from; ``None`` (the default) is the workbook's
        one clock (:func:`widgets.clock.current`), read each time it is needed.
    safety
        Watches what is saved for crisis language and supplies the card to show
        (:class:`widgets.safety.SafetyNet`); ``None`` turns watching off.
    """

    kind: ClassVar[str] = ""
    #: The option fields a pack may give this kind (types, defaults, ranges, help);
    #: the pack loader checks every exercise of the kind against them.
    options: ClassVar[dict[str, FieldSpec]] = {}
    #: Values for the required options, enough to build one (tests, docs).
    example_options: ClassVar[dict[str, Any]] = {}
    #: One answer this kind saves, for :attr:`example_options` (tests, docs).
    example_answer: ClassVar[Any] = None
    #: False for kinds whose answers hold no words the person typed (a choice, a
    #: number): their option labels come from the pack and are not watched.
    free_text: ClassVar[bool] = True

    exercise_id = Unicode(help="Id of the exercise in the content pack.")
    value = AnyTrait(None, allow_none=True, help="The current answer, as plain JSON data.")
    read_only = Bool(False, help="Shown as a worked example: disabled, never saved.")
    status = Unicode("", help="What the status line says (also announced to screen readers).")
    problem = Unicode("", help="Why the current answer cannot be saved, or empty.")
    dirty = Bool(False, help="True when the answer has changes not yet saved.")
    saves = Int(0, help="How many revisions this widget has stored (observe it to redraw).")

    def __init__(
        self,
        spec: ExerciseSpec,
        store: AnswerStore | None = None,
        *,
        read_only: bool = False,
        value: Any = None,
        debounce_seconds: float = 1.0,
        clock: Clock | None = None,
        safety: SafetyNet | None = None,
    ) -> None:
        if store is None and not read_only:
            raise ValueError("an exercise that saves needs a store")
        super().__init__()
        self.spec = spec
        self.store = store
        self.exercise_id = spec.id
        self.read_only = read_only
        self.safety = safety
        self._clock = clock
        # The crisis card: built the first time it is needed. Which finding was
        # dismissed is kept in memory only: nothing about it is ever stored.
        self.crisis_box: w.VBox | None = None
        self._dismissed: set[str] = set()
        self._current_findings: set[str] = set()
        self._debouncer = Debouncer(debounce_seconds, self._autosave)
        self._showing = False
        self._last_saved_json: str | None = None
        self._saved_at: dt.datetime | None = None
        # A refusal shown for one action (a bad date, say) stays on screen until the
        # person changes something; a debounced save of earlier edits does not hide it.
        self._store_failed = False

        self._status_line = html_block(layout=shared(w.Layout, min_height="1.5em"))
        self._status_line.add_class("hw-status")
        self._problem_line = html_block()
        self._problem_line.add_class("hw-alert")
        self.save_button = plain_button(
            description="Save",
            tooltip="Save this answer now",
            layout=shared(w.Layout, width="auto", min_width="6em"),
        )
        self.save_button.add_class("hw-save")
        self.save_button.on_click(lambda _button: self.save())

        controls = self._build()
        self.add_class("hw-exercise")
        self.add_class(f"hw-kind-{self.kind}")
        header = [html_block(self._header_html())]
        if read_only:
            self.add_class("hw-read-only")
            self._set_disabled(True)
            self.children = (*header, *controls)
            self._display(value)
            return
        footer = w.HBox(
            [self.save_button, self._status_line],
            layout=shared(w.Layout, align_items="center", flex_flow="row wrap"),
        )
        footer.add_class("hw-row")
        self.children = (*header, *controls, self._problem_line, footer)
        self.load()
        _live_exercises.add(self)

    # ---------------------------------------------------------- for subclasses

    def _build(self) -> list[w.Widget]:
        raise NotImplementedError

    def _read(self) -> Any:
        raise NotImplementedError

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def _set_disabled(self, disabled: bool) -> None:
        raise NotImplementedError

    def empty_value(self) -> Any:
        """The answer of an exercise nobody has touched."""
        return None

    def validate(self, value: Any) -> str | None:
        """Return why ``value`` cannot be saved, in plain words, or ``None``."""
        return None

    def _redraw(self) -> None:
        """Update what the kind derives from its answer (a summary, a card, a total).

        Called on every change, before saving is scheduled; kinds with such parts
        override it. Nothing by default.
        """

    def _changed(self, *_args: Any) -> None:
        """Call when the person changed something in a control."""
        self._redraw()
        if self._showing or self.read_only:
            return
        self.value = self._read()
        problem = self.validate(self.value)
        self._set_problem(problem)
        if problem:
            self._debouncer.cancel()
            return
        self.dirty = self._json(self.value) != self._last_saved_json
        if self.dirty:
            self._set_status("Not saved yet…")
            self._debouncer.trigger()

    # ---------------------------------------------------------- the declaration

    @classmethod
    def cross_check(cls, options: dict[str, Any]) -> list[tuple[str, str]]:
        """Problems that span several option fields, as ``(field, message)`` pairs."""
        return []

    @classmethod
    def is_started(cls, value: Any) -> bool:
        """Say whether a saved answer holds anything the person gave ("started").

        By default anything but nothing: ``None``, blank text, an empty list or an
        empty mapping. Kinds whose empty answer has a shape (a mapping of empty
        fields) override this.
        """
        return _holds_something(value)

    # ------------------------------------------------------------------ public

    @property
    def clock(self) -> Clock:
        """Where this exercise reads "now" and "today" (the workbook's one clock)."""
        return self._clock or current()

    def load(self) -> None:
        """Show the latest saved answer (or the empty answer)."""
        revision = None
        try:
            revision = self.store.latest(self.exercise_id)
        except Exception:
            self._set_problem("Your saved answer could not be read, so this box starts empty.")
        value = self.empty_value() if revision is None else revision.value
        if revision is not None and self.validate(value) is not None:
            value = self.empty_value()
        self._display(value)
        self._last_saved_json = self._json(value) if revision is not None else None
        self.dirty = False
        if revision is not None:
            self._saved_at = Clock.local(revision.saved_at)
            self._set_status(self._saved_text())

    def save(self) -> bool:
        """Save the current answer now as a new revision; return True when it is stored.

        An answer that has not changed since the last save is not stored again.
        """
        if self.read_only:
            return False
        self._debouncer.cancel()
        self.value = self._read()
        problem = self.validate(self.value)
        if problem:
            self._set_problem(problem)
            return False
        if self._store_failed:
            self._set_problem(None)  # the earlier failure is over once a save works
        value_json = self._json(self.value)
        if value_json == self._last_saved_json:  # already saved, and already read
            self.dirty = False
            self._set_status(self._saved_text())
            return True
        self._watch_words(self.value)
        try:
            self.store.save(self.exercise_id, self.value)
        except StoreError as exc:
            self._set_problem(f"This answer could not be saved: {exc}. Keep this page open.")
            self._store_failed = True
            return False
        self._store_failed = False
        self._last_saved_json = value_json
        self.dirty = False
        self._saved_at = self.clock.local_now()
        self._set_status(self._saved_text())
        self.saves += 1
        return True

    def flush(self) -> None:
        """Save at once if a debounced save is waiting."""
        self._debouncer.flush()

    def on_data_changed(self, erased: bool = False) -> None:
        """The store changed under this widget: show what it holds now.

        After an erase, edits still waiting are dropped (the person asked for
        everything to go). After an import they are saved first, and words that
        cannot be saved yet (a problem is shown) stay on screen untouched.
        """
        if self.read_only:
            return
        if erased:
            self._debouncer.cancel()
            self._set_problem(None)
            self._set_status("")
        else:
            self._debouncer.flush()
            if self.dirty or self.problem:
                return
        self.load()

    # ------------------------------------------------------------ crisis card

    @property
    def crisis_box_shown(self) -> bool:
        """True while the crisis card is on screen."""
        return self.crisis_box is not None and self.crisis_box in self.children

    def _watch_words(self, value: Any) -> None:
        """Show the crisis card when what is being saved speaks of crisis.

        Saving goes on either way, and the text is never changed or stored elsewhere.
        """
        if self.safety is None or not self.free_text:
            return
        clauses = {finding.clause for finding in self.safety.finds(value)}
        self._current_findings = clauses
        if clauses - self._dismissed:
            self.show_crisis_box()

    def show_crisis_box(self) -> None:
        """Put the crisis card just below the controls (building it the first time)."""
        if self.safety is None:
            return
        if self.crisis_box is None:
            message = html_block(layout=w.Layout())
            close = plain_button(description="Close this message")
            close.on_click(lambda _button: self.dismiss_crisis_box())
            self.crisis_box = w.VBox([message, close])
            self.crisis_box.add_class("hw-crisis")
        self.crisis_box.children[0].value = self.safety.card_html()
        if not self.crisis_box_shown:
            children = list(self.children)
            children.insert(children.index(self._problem_line), self.crisis_box)
            self.children = tuple(children)

    def dismiss_crisis_box(self) -> None:
        """Close the card; the same words do not bring it back, new ones may."""
        self._dismissed |= self._current_findings
        if self.crisis_box_shown:
            self.children = tuple(child for child in self.children if child is not self.crisis_box)

    # ----------------------------------------------------------------- private

    def _autosave(self) -> None:
        if self.dirty:
            self.save()

    def _display(self, value: Any) -> None:
        self._showing = True
        try:
            self._show(value)
            self.value = value
        finally:
            self._showing = False

    def _saved_text(self) -> str:
        return f"Saved at {self._saved_at or self.clock.local_now():%H:%M}"

    def _set_status(self, text: str) -> None:
        self.status = text
        self._status_line.value = (
            f'<span class="hw-status-text" role="status" aria-live="polite">{esc(text)}</span>'
        )

    def _set_problem(self, text: str | None) -> None:
        self.problem = text or ""
        self._problem_line.value = (
            f'<p class="hw-problem" role="alert">{esc(text)}</p>' if text else ""
        )

    def _header_html(self) -> str:
        spec = self.spec
        parts = [f'<h3 class="hw-exercise-title">{esc(spec.title)}</h3>']
        if self.read_only:
            parts.insert(0, '<p class="hw-badge">Worked example (read only)</p>')
        if spec.caution:
            parts.append(
                f'<div class="hw-caution"><strong>Before you start:</strong> '
                f"{esc(spec.caution)}</div>"
            )
        parts.append(f'<p class="hw-prompt">{esc(spec.prompt)}</p>')
        if spec.help:
            parts.append(f'<p class="hw-help">{esc(spec.help)}</p>')
        return "\n".join(parts)

    @staticmethod
    def _json(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def __repr__(self) -> str:  # never show the answer itself
        return f"<{type(self).__name__} {self.exercise_id!r}>"


def _holds_something(value: Any) -> bool:
    """True when ``value`` holds any text, number or choice (nested anywhere)."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, dict):
        return any(_holds_something(item) for item in value.values())
    if isinstance(value, list | tuple):
        return any(_holds_something(item) for item in value)
    return True  # a number, a boolean
