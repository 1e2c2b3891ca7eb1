"""The stories as worked examples: checks, the box beside an exercise, the reader.

A worked example is an exercise as a story's character might have filled it in.
It is shown read-only in the very widget the person then fills in, so its value
must be exactly the answer that widget would save. :func:`example_problem` checks
that by building the read-only widget and reading the value back.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from typing import Any

import ipywidgets as w

from .content import ContentError, ExerciseSpec, Pack, Scene, Story, WorkedExample
from .exercises import KINDS
from .exercises._base import html_block, plain_button, shared
from .words import esc

__all__ = [
    "STORIES_NOTEBOOK",
    "WorkedExampleBox",
    "example_errors",
    "example_problem",
    "scene_anchor",
    "story_reader_html",
]

STORIES_NOTEBOOK = "stories.ipynb"


def scene_anchor(story: str, scene: str) -> str:
    """The id of a scene in the story reader (``lost-love--the-empty-room``)."""
    return f"{story}--{scene}"


def scene_link(story: str, scene: str) -> str:
    """Address of a scene in the story reader, relative to a workbook page."""
    return f"{STORIES_NOTEBOOK}#{scene_anchor(story, scene)}"


# -------------------------------------------------------------------- checking


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def example_problem(spec: ExerciseSpec, value: Any) -> str | None:
    """Why ``value`` cannot be shown as ``spec``'s answer, or ``None`` if it can."""
    return _checked_answer(spec, value)[1]


def _checked_answer(spec: ExerciseSpec, value: Any) -> tuple[w.Widget | None, str | None]:
    """The read-only widget showing ``value``, and why it does not fit (or ``None``)."""
    widget_class = KINDS.get(spec.kind)
    if widget_class is None:
        return None, f"the '{spec.kind}' widget is missing"
    try:
        widget = widget_class(spec, None, read_only=True, value=copy.deepcopy(value))
        shown = widget._read()
        problem = widget.validate(value)
    except Exception as exc:  # a value the widget cannot even display
        return None, f"the {spec.kind} widget cannot show it ({type(exc).__name__})"
    if problem:
        return widget, f"not a valid answer to '{spec.id}': {problem}"
    if _canonical(shown) != _canonical(value):
        return widget, f"{_difference(value, shown)} (see docs/exercise-kinds.md, {spec.kind})"
    return widget, None


def _difference(written: Any, shown: Any) -> str:
    """Say, briefly, how a value differs from what the widget reads back."""
    if isinstance(written, dict) and isinstance(shown, dict):
        extra = sorted(set(written) - set(shown))
        missing = sorted(set(shown) - set(written))
        if extra:
            return f"unexpected field(s): {', '.join(extra)}"
        if missing:
            return f"missing field(s): {', '.join(missing)}"
        changed = [key for key in shown if _canonical(shown[key]) != _canonical(written[key])]
        return f"does not fit this exercise in field(s): {', '.join(sorted(changed))}"
    if isinstance(written, list) and isinstance(shown, list) and len(written) != len(shown):
        return f"has {len(written)} entries, but only {len(shown)} fit this exercise"
    return "is not in the shape this exercise saves"


def example_errors(pack: Pack) -> list[ContentError]:
    """Every worked example whose value does not fit its exercise, located to its line."""
    errors = []
    for story in pack.stories:
        path = story.location.rsplit(":", 1)[0]
        for example in story.examples:
            spec = pack.exercises.get(example.exercise)
            if not isinstance(spec, ExerciseSpec):
                continue  # the exercise itself is broken; its own error says so
            problem = example_problem(spec, example.value)
            if problem:
                errors.append(ContentError(path, example.value_line, example.field, problem))
    return errors


# --------------------------------------------------------- beside an exercise


class WorkedExampleBox(w.VBox):
    """One worked example: the moment, what to notice, the answer on request, a question.

    The read-only exercise is built only when the person asks to see it, so a step
    page does not pay for widgets nobody opens.
    """

    def __init__(self, story: Story, example: WorkedExample, spec: ExerciseSpec) -> None:
        self.story = story
        self.example = example
        self.spec = spec
        self.answer: w.Widget | None = None
        self._intro_html = _example_intro(story, example)
        self._reflect_html = (
            f'<p class="hw-reflect"><strong>Your turn:</strong> {esc(example.reflect)}</p>'
        )
        # Closed, the card is two views: its words (the question last) and the button.
        self.intro = html_block(self._intro_html + self._reflect_html, layout=w.Layout())
        self.reflect: w.HTML | None = None
        self.toggle = plain_button(
            description=self._label(showing=False),
            layout=shared(w.Layout, width="auto", max_width="100%"),
        )
        self.toggle.add_class("hw-example-toggle")
        self.toggle.on_click(lambda _button: self.show(not self.showing))
        super().__init__([self.intro, self.toggle])
        self.add_class("hw-example")

    @property
    def showing(self) -> bool:
        """True while the character's answer is on screen."""
        return self.answer is not None and self.answer in self.children

    def _label(self, showing: bool) -> str:
        verb = "Hide" if showing else "Show"
        return f"{verb} how {self.example.character} filled it in"

    def show(self, visible: bool = True) -> None:
        """Show (building it the first time) or hide the character's answer.

        Open, the question moves below the answer, where the person reads it next.
        """
        if visible:
            if self.answer is None:
                self.answer = self._build_answer()
                self.reflect = html_block(self._reflect_html)
            self.intro.value = self._intro_html
            self.children = (self.intro, self.toggle, self.answer, self.reflect)
        else:
            self.intro.value = self._intro_html + self._reflect_html
            self.children = (self.intro, self.toggle)
        self.toggle.description = self._label(self.showing)

    def _build_answer(self) -> w.Widget:
        widget, problem = _checked_answer(self.spec, self.example.value)
        if problem is None:
            return widget
        return html_block(
            '<div class="hw-error-panel" role="alert"><p><strong>This worked example '
            "cannot be shown.</strong> The rest of this page still works.</p>"
            f"<p>For whoever prepared this workbook:</p><ul><li><code>"
            f"{esc(self.example.location)}: value: {esc(problem)}</code></li></ul></div>"
        )


def _example_intro(story: Story, example: WorkedExample) -> str:
    scene = story.scene(example.scene)
    title = scene.title if scene else story.title
    notes = _content_notes(story.content_notes)
    link = (
        f'<a href="{esc(scene_link(story.slug, example.scene))}">Read this scene in the story</a>'
    )
    return (
        f'<p class="hw-example-label">Worked example from “{esc(story.title)}”</p>'
        f'<h3 class="hw-example-title">{esc(example.character)}: {esc(title)}</h3>'
        f"{notes}"
        f'<p class="hw-example-text">{esc(example.retelling)}</p>'
        f'<p class="hw-example-text"><strong>What to notice:</strong> {esc(example.notice)}</p>'
        f'<p class="hw-example-text">{link}</p>'
    )


def _content_notes(notes: Iterable[str]) -> str:
    notes = list(notes)
    if not notes:
        return ""
    return f'<p class="hw-content-note"><strong>Content note:</strong> {esc("; ".join(notes))}.</p>'


# -------------------------------------------------------------- story reader


def story_reader_html(pack: Pack) -> str:
    """Every story, whole, scene by scene, with content notes before each story's text."""
    if not pack.stories:
        return '<p class="hw-prompt">There are no stories in this workbook yet.</p>'
    steps = {step.slug: step for step in pack.steps}
    contents = "".join(
        f'<li><a href="#{esc(story.slug)}">{esc(story.title)}</a></li>' for story in pack.stories
    )
    parts = [f'<nav aria-label="Stories"><ul class="hw-story-list">{contents}</ul></nav>']
    for index, story in enumerate(pack.stories):
        following = pack.stories[index + 1] if index + 1 < len(pack.stories) else None
        parts.append(_story_html(story, steps, following))
    parts.append('<p id="hw-stories-end" class="hw-help">That is the end of the stories.</p>')
    return "".join(parts)


def _story_html(story: Story, steps: dict, following: Story | None) -> str:
    skip = (
        f' <a href="#{esc(following.slug)}">Skip to the next story</a>'
        if following
        else ' <a href="#hw-stories-end">Skip this story</a>'
    )
    notes = "; ".join(story.content_notes)
    note = (
        f'<div class="hw-content-note" role="note"><strong>Content note:</strong> '
        f"{esc(notes)}.{skip}</div>"
        if notes
        else ""
    )
    people = "".join(
        f"<li><strong>{esc(name)}</strong>{': ' + esc(about) if about else ''}</li>"
        for name, about in story.characters
    )
    scenes = "".join(
        _scene_html(story, number, scene, steps)
        for number, scene in enumerate(story.scenes, start=1)
    )
    return (
        f'<section class="hw-story" id="{esc(story.slug)}" '
        f'aria-labelledby="{esc(story.slug)}-title">'
        f'<h2 id="{esc(story.slug)}-title">{esc(story.title)}</h2>'
        f"{note}"
        f'<p class="hw-credit">Retold in our own words from “{esc(story.credit)}”.</p>'
        f'<p class="hw-prompt">{esc(story.summary)}</p>'
        f'<h3>Who is in it</h3><ul class="hw-characters">{people}</ul>'
        f"{scenes}</section>"
    )


def _scene_html(story: Story, number: int, scene: Scene, steps: dict) -> str:
    text = "".join(f"<p>{esc(paragraph)}</p>" for paragraph in scene.paragraphs)
    step_links = ", ".join(
        f'<a href="{esc(steps[slug].notebook)}">Step {steps[slug].number}: '
        f"{esc(steps[slug].title)}</a>"
        for slug in scene.steps
        if slug in steps
    )
    examples = [example for example in story.examples if example.scene == scene.id]
    example_links = ", ".join(
        f'<a href="{esc(steps[example.step].notebook)}">{esc(example.character)} in step '
        f"{steps[example.step].number}</a>"
        for example in examples
        if example.step in steps
    )
    worked = f"<br>Worked examples from this scene: {example_links}." if example_links else ""
    anchor = scene_anchor(story.slug, scene.id)
    return (
        f'<section class="hw-scene" id="{esc(anchor)}" aria-labelledby="{esc(anchor)}-title">'
        f'<h3 id="{esc(anchor)}-title">Scene {number}: {esc(scene.title)}</h3>{text}'
        f'<p class="hw-scene-steps">This scene shows: {step_links}.{worked}</p></section>'
    )
