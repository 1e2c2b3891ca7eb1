"""Are the stories whole, their worked examples faithful to each exercise, and can a
facilitator add a story with nothing but data?"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import ipywidgets as w
import pytest

import widgets as wb
from conftest import DATA, page_session
from widgets.__main__ import main as cli
from widgets.content import load_pack
from widgets.exercises import KINDS
from widgets.stories import (
    WorkedExampleBox,
    example_errors,
    example_problem,
    scene_anchor,
    story_reader_html,
)

EXTRA_STORY = Path(__file__).parent / "fixtures" / "extra_story.yaml"

#: Content notes each source story must carry (seeds README and CONTENT.md).
REQUIRED_NOTES = {
    "sound-of-goodbye": ("infidelity", "drinking"),
    "lost-love": ("drinking",),
    "heartstrings": ("pressure",),
    "healing-journal": ("depression",),
}


def with_extra_story(pack_dir: Path, text: str | None = None) -> Path:
    """Drop the test story (or ``text``) into a pack's stories folder; return the file."""
    target = pack_dir / "stories" / "zz_rosa.yaml"
    target.write_text(text or EXTRA_STORY.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def line_of(path: Path, needle: str) -> int:
    """The number of the last line of ``path`` that contains ``needle``."""
    found = [
        number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if needle in line
    ]
    assert found, f"{needle!r} not in {path}"
    return found[-1]


@pytest.fixture
def extra_session(pack_copy, tmp_path):
    """A page session on a pack copy with the test story added."""
    with_extra_story(pack_copy)
    with page_session(pack_copy, tmp_path / "user") as current:
        yield current


# ------------------------------------------------------------ the default stories


def test_four_stories_each_retold_in_named_scenes(default_pack):
    """Are all four stories there, each with credit, characters and several scenes?"""
    assert {story.slug for story in default_pack.stories} == set(REQUIRED_NOTES)
    for story in default_pack.stories:
        assert story.credit and story.summary and story.characters
        assert len(story.scenes) >= 4, story.slug
        for scene in story.scenes:
            assert scene.steps and len(scene.paragraphs) >= 1
            words = sum(len(paragraph.split()) for paragraph in scene.paragraphs)
            assert 80 <= words <= 400, (story.slug, scene.id, words)


@pytest.mark.parametrize("slug", sorted(REQUIRED_NOTES))
def test_each_story_carries_its_content_notes(default_pack, slug):
    """Does each story warn about what it touches on (betrayal, drinking, pressure...)?"""
    notes = " ".join(default_pack.story(slug).content_notes).lower()
    for topic in REQUIRED_NOTES[slug]:
        assert topic in notes, f"{slug} lacks a content note about {topic}"


def test_every_step_has_two_examples_from_two_stories(default_pack):
    """Does every step show at least two worked examples, from at least two stories?"""
    by_step = defaultdict(list)
    for story in default_pack.stories:
        for example in story.examples:
            by_step[example.step].append(story.slug)
    for step in default_pack.steps:
        stories = by_step[step.slug]
        assert len(stories) >= 2 and len(set(stories)) >= 2, (step.slug, stories)
    assert sum(len(found) for found in by_step.values()) >= 20
    assert all(story.examples for story in default_pack.stories)


def test_every_worked_example_fits_its_exercise_widget(default_pack):
    """Is every stored answer exactly what its exercise's own widget would save?"""
    assert example_errors(default_pack) == []


def test_the_examples_the_issue_names_are_there(default_pack):
    """Zane's check-in, Max as support, the journal's tracker, Alex's apology..."""
    wanted = {
        ("lost-love", "grieve-feelings-check-in"),
        ("lost-love", "grieve-support-people"),
        ("lost-love", "boundaries-go-between"),
        ("lost-love", "boundaries-builder"),
        ("healing-journal", "take-it-slow-contact"),
        ("heartstrings", "communicate-message-builder"),
        ("heartstrings", "communicate-i-statements"),
        ("heartstrings", "forgiveness-or-reconciliation"),
        ("sound-of-goodbye", "communicate-message-builder"),
        ("sound-of-goodbye", "professional-help-what-i-want"),
        ("sound-of-goodbye", "take-it-slow-pacing-plan"),
    }
    found = {(s.slug, e.exercise) for s in default_pack.stories for e in s.examples}
    assert wanted <= found
    supports = default_pack.story("lost-love")
    people = next(e for e in supports.examples if e.exercise == "grieve-support-people").value
    assert any("Max" in person for person in people)
    tracker = next(
        e.value
        for e in default_pack.story("healing-journal").examples
        if e.exercise == "take-it-slow-contact"
    )
    assert tracker["slips"], "the journal writer's tracker shows her slips"


def test_every_scene_an_example_names_exists_and_shows_its_step(default_pack):
    """Does each example point at a scene of its story that illustrates its step?"""
    for story in default_pack.stories:
        for example in story.examples:
            scene = story.scene(example.scene)
            assert scene is not None
            assert example.step in scene.steps, (story.slug, example.id)


# ------------------------------------------------------------------ on the page


def test_step_page_shows_examples_just_before_their_exercise(session):
    """On step 1, does each worked example come right before the exercise it fills in?"""
    box = wb.exercises("grieve")
    children = list(box.children[1:])
    examples = [child for child in children if isinstance(child, WorkedExampleBox)]
    assert len(examples) >= 2
    for example in examples:
        following = children[children.index(example) + 1 :]
        target = next(child for child in following if not isinstance(child, WorkedExampleBox))
        assert target.exercise_id == example.example.exercise


def test_example_answer_is_built_on_request_read_only_and_never_saved(session):
    """Is the character's answer shown in the same widget, disabled, only when asked?"""
    box = next(
        child for child in wb.exercises("grieve").children if isinstance(child, WorkedExampleBox)
    )
    assert box.answer is None and not box.showing
    assert box.toggle.description.startswith("Show how ")
    box.toggle.click()
    answer = box.answer
    assert box.children[2] is answer and "Your turn" in box.children[3].value
    spec = session.pack.exercises[box.example.exercise]
    assert isinstance(answer, KINDS[spec.kind]) and answer.read_only
    assert answer._read() == box.example.value
    assert answer.save() is False
    assert session.store.latest(box.example.exercise) is None
    assert box.toggle.description.startswith("Hide how ")
    box.toggle.click()
    assert len(box.children) == 2 and box.answer is answer  # built once
    assert "Your turn" in box.children[0].value


def test_example_text_links_to_its_scene_and_is_escaped(extra_session):
    """Does the example link to its scene in the reader, with pack text escaped?"""
    boxes = [c for c in wb.exercises("grieve").children if isinstance(c, WorkedExampleBox)]
    rosa = next(box for box in boxes if box.story.slug == "rosa-and-the-garden")
    intro = rosa.children[0].value
    assert f'href="stories.ipynb#{scene_anchor("rosa-and-the-garden", "the-empty-shed")}"' in intro
    assert "&lt;em&gt;garden&lt;/em&gt;" in intro and "<em>" not in intro
    assert "Content note:</strong> a move away." in intro
    assert "What to notice" in intro and "Your turn" in intro


def test_a_value_that_no_longer_fits_shows_an_error_panel_not_a_crash(session):
    """If an example's value stops fitting (the exercise changed), does the page survive?"""
    story, example = session.pack.examples_for("grieve-feelings-check-in")[0]
    spec = session.pack.exercises["grieve-feelings-check-in"]
    broken = type(example)(**{**example.__dict__, "value": {"Nonsense": 99}})
    box = WorkedExampleBox(story, broken, spec)
    box.show()
    panel = box.answer
    assert isinstance(panel, w.HTML) and "cannot be shown" in panel.value
    assert example.location in panel.value


# ----------------------------------------------------------------- story reader


def test_reader_shows_content_notes_before_each_story_text(default_pack):
    """Does every story's content note come before its first scene, with a way to skip?"""
    page = story_reader_html(default_pack)
    for story in default_pack.stories:
        start = page.index(f'id="{story.slug}"')
        note = page.index("Content note:", start)
        first_scene = page.index(f'id="{scene_anchor(story.slug, story.scenes[0].id)}"')
        assert start < note < first_scene
        assert "Skip" in page[note:first_scene]


def test_reader_has_every_scene_with_its_step_links(default_pack):
    """Can each scene be linked to, and does it link to the steps it illustrates?"""
    page = story_reader_html(default_pack)
    steps = {step.slug: step for step in default_pack.steps}
    for story in default_pack.stories:
        for scene in story.scenes:
            anchor = f'id="{scene_anchor(story.slug, scene.id)}"'
            assert page.count(anchor) == 1
            part = page[page.index(anchor) :]
            part = part[: part.index("</section>")]
            for slug in scene.steps:
                assert f'href="{steps[slug].notebook}"' in part


def test_reader_escapes_story_text(pack_copy):
    """Is a story's text shown as text, even when it contains markup?"""
    with_extra_story(pack_copy)
    page = story_reader_html(load_pack(pack_copy))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;robin&quot;)&lt;/script&gt;" in page


# ------------------------------------------------------- a facilitator's new story


def test_a_new_story_file_appears_in_the_reader_and_the_steps(extra_session):
    """Does adding one story file put it in the reader and on its steps, with no code?"""
    pack = extra_session.pack
    assert pack.errors == () and example_errors(pack) == []
    assert pack.story("rosa-and-the-garden") is not None
    assert "Rosa and the &lt;em&gt;garden&lt;/em&gt;" in wb.stories().data
    for step in ("grieve", "new-memories"):
        boxes = [c for c in wb.exercises(step).children if isinstance(c, WorkedExampleBox)]
        assert any(box.story.slug == "rosa-and-the-garden" for box in boxes), step


BROKEN_STORIES = [
    (
        "steps: [grieve, new-memories]",
        "steps: [grieve, new-memoirs]",
        "scenes[0].steps",
        "unknown step 'new-memoirs' (did you mean 'new-memories'?)",
        "steps: [grieve, new-memoirs]",
    ),
    (
        "    step: new-memories\n",
        "    step: new-memory\n",
        "examples[1].step",
        "unknown step 'new-memory'",
        "    step: new-memory",
    ),
    (
        "exercise: new-memories-places",
        "exercise: new-memories-place",
        "examples[1].exercise",
        "unknown exercise 'new-memories-place'",
        "exercise: new-memories-place",
    ),
    (
        "exercise: new-memories-places",
        "exercise: grieve-permission-note",
        "examples[1].exercise",
        "belongs to step 'grieve', not 'new-memories'",
        "exercise: grieve-permission-note",
    ),
    (
        "scene: first-harvest",
        "scene: last-harvest",
        "examples[1].scene",
        "unknown scene 'last-harvest'",
        "scene: last-harvest",
    ),
    (
        "    character: Rosa\n    retelling: Rosa makes",
        "    character: Devon\n    retelling: Rosa makes",
        "examples[1].character",
        "'Devon' is not in this story's characters",
        "character: Devon",
    ),
    (
        "id: rosa-a-place-of-my-own",
        "id: rosa-feelings-in-the-shed",
        "examples[1].id",
        "is already used at",
        "id: rosa-feelings-in-the-shed",
    ),
    (
        "    notice: She changed one thing at a time.\n",
        "",
        "examples[1].notice",
        "missing (required)",
        "  - id: rosa-a-place-of-my-own",
    ),
    (
        "title: First harvest alone",
        "title: [First, harvest]",
        "scenes[1].title",
        "must be text",
        "title: [First, harvest]",
    ),
    (
        "slug: rosa-and-the-garden",
        "slug: Rosa's garden",
        "slug",
        "use lowercase-words",
        "slug: Rosa's garden",
    ),
    ("slug: rosa-and-the-garden", "slug: [rosa", "(yaml)", "malformed YAML", None),
]


@pytest.mark.parametrize(
    ("old", "new", "field", "message", "line_text"),
    BROKEN_STORIES,
    ids=[case[2] + ":" + case[3][:24] for case in BROKEN_STORIES],
)
def test_a_broken_story_is_reported_with_file_line_and_field(
    pack_copy, old, new, field, message, line_text
):
    """Is each mistake in a story file named by file, line and field?"""
    text = EXTRA_STORY.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r}"
    path = with_extra_story(pack_copy, text.replace(old, new, 1))
    pack = load_pack(pack_copy)
    matching = [e for e in pack.errors if e.field == field and message in e.message]
    assert matching, pack.report()
    assert matching[0].path.endswith("stories/zz_rosa.yaml")
    if line_text is not None:
        assert matching[0].line == line_of(path, line_text)
    # the broken story is left out; the four others and every step still load
    assert pack.story("rosa-and-the-garden") is None
    assert len(pack.stories) == 4 and len(pack.steps) == 10


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("{Lonely: 7, Joyful: 3}", "not a valid answer"),
        ("{Lonely: 70}", "not a valid answer"),
        ("[Lonely, Relieved]", "must pair each chosen feeling"),
        ("Lonely", "must pair each chosen feeling"),
    ],
)
def test_an_example_value_that_does_not_fit_its_kind_is_reported(pack_copy, value, message):
    """Is a feelings check-in value with an unknown word, a bad number or a wrong shape
    reported at the line of its value?"""
    text = EXTRA_STORY.read_text(encoding="utf-8")
    path = with_extra_story(pack_copy, text.replace("{Lonely: 7, Relieved: 3}", value, 1))
    errors = example_errors(load_pack(pack_copy))
    assert len(errors) == 1, errors
    error = errors[0]
    assert error.path.endswith("stories/zz_rosa.yaml")
    assert error.field == "examples[0].value"
    assert error.line == line_of(path, f"value: {value}")
    assert message in error.message


def test_example_problem_accepts_the_canonical_answer(default_pack):
    """Is a correct value accepted, so the check is not simply refusing everything?"""
    spec = default_pack.exercises["grieve-support-people"]
    assert example_problem(spec, ["Max", "My sister"]) is None
    assert example_problem(spec, "Max") is not None


def test_validate_command_reports_a_bad_example_value(pack_copy, capsys):
    """Does `python -m widgets validate` list a bad example value and exit non-zero?"""
    text = EXTRA_STORY.read_text(encoding="utf-8")
    with_extra_story(pack_copy, text.replace("{Lonely: 7, Relieved: 3}", "{Joyful: 3}", 1))
    assert cli(["validate", str(pack_copy)]) == 1
    out = capsys.readouterr().out
    assert "stories/zz_rosa.yaml:" in out and "examples[0].value" in out


def test_validate_command_counts_stories_of_the_default_pack(capsys):
    """Does the clean default pack validate, stories and examples included?"""
    assert cli(["validate", str(DATA)]) == 0
    assert "4 stories" in capsys.readouterr().out
