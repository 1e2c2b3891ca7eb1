"""Do the page pieces show help everywhere, escape text, and survive a broken pack?"""

from __future__ import annotations

import ipywidgets as w
import pytest

import widgets as wb
from conftest import page_session
from widgets.config import WorkbookConfig, set_config
from widgets.exercises import KINDS
from widgets.pages import started_exercises
from widgets.session import Session, reset_session
from widgets.stories import WorkedExampleBox


def test_header_has_get_help_with_resources(session):
    """Does every page header carry "Get help now" with the crisis lines?"""
    html = wb.header("grieve").value
    assert '<details class="hw-get-help"><summary>Get help now</summary>' in html
    assert "988" in html and "Samaritans" in html and "13 11 14" in html
    assert 'href="tel:116123"' in html
    assert "last checked 23 November 2026" in html
    assert html.index("Get help now") < html.index("findahelpline")


def test_help_is_in_the_same_place_on_every_page(session):
    """Is the help panel the same markup, at the same position, on start and step pages?"""
    start = wb.header("start").value
    step = wb.header("reflect").value

    def help_part(page_html):
        return page_html[page_html.index('<details class="hw-get-help">') :]

    assert help_part(start) == help_part(step)


def test_step_exercises_render_as_widgets(session):
    """Does step 1 render all its exercises, each as its kind's widget?"""
    box = wb.exercises("grieve")
    step = session.pack.step("grieve")
    progress, *children = box.children
    shown = [child for child in children if not isinstance(child, WorkedExampleBox)]
    assert "hw-progress" in progress._dom_classes
    assert len(shown) == len(step.exercise_ids)
    for child, exercise_id in zip(shown, step.exercise_ids, strict=True):
        assert isinstance(child, KINDS[session.pack.exercises[exercise_id].kind])


def test_progress_line_counts_started_exercises_as_they_save(session):
    """Does "0 of N exercises started" become "1 of N" when one answer is saved?"""
    box = wb.exercises("grieve")
    progress, *children = box.children
    shown = [child for child in children if not isinstance(child, WorkedExampleBox)]
    total = len(shown)
    assert f"0 of {total} exercises started" in progress.value
    note = next(child for child in shown if child.exercise_id == "grieve-permission-note")
    note.text.value = "Allowed to feel this."
    note.save()
    assert f"1 of {total} exercises started" in progress.value
    note.text.value = ""
    note.save()  # emptied again: no longer counted as started
    assert f"0 of {total} exercises started" in progress.value
    assert f"0 of {total}" in wb.exercises("grieve").children[0].value


def test_crisis_resources_are_shown_in_full(session):
    """Does the inline resources block list every country's lines, open, not folded?"""
    html = wb.crisis_resources().data
    assert "<details" not in html
    assert "988" in html and "116 123" in html and "findahelpline.com" in html


def test_exercises_save_into_the_configured_data_folder(session, tmp_path):
    """Does an answer land in the store under the configured data folder?"""
    exercise = wb.exercise("grieve-permission-note")
    exercise.text.value = "It is okay to be sad."
    assert exercise.save()
    assert session.store.path == tmp_path / "user" / "answers.sqlite3"
    assert session.store.latest("grieve-permission-note").value == "It is okay to be sad."


def test_unknown_exercise_shows_an_error_panel(session):
    """Is an id missing from the pack shown as a clear panel, not a traceback?"""
    panel = wb.exercise("no-such-exercise")
    assert isinstance(panel, w.HTML)
    assert "not in the content pack" in panel.value and 'role="alert"' in panel.value


@pytest.fixture
def broken_session(pack_copy, tmp_path):
    path = pack_copy / "steps" / "01_grieve.yaml"
    text = path.read_text()
    assert text.count("kind: single_choice") == 1
    path.write_text(text.replace("kind: single_choice", "kind: single_choise"))
    with page_session(pack_copy, tmp_path / "user") as current:
        yield current


def test_broken_exercise_shows_a_panel_and_the_rest_still_works(broken_session):
    """With one exercise broken, is it replaced by a panel naming file:line while others work?"""
    box = wb.exercises("grieve")
    panels = [child for child in box.children if isinstance(child, w.HTML)][1:]  # after progress
    assert len(panels) == 1
    panel = panels[0]
    assert "pack/steps/01_grieve.yaml:" in panel.value
    assert "unknown exercise kind &#x27;single_choise&#x27; (did you mean" in panel.value
    assert "The rest of this page still works" in panel.value
    journal = next(
        c for c in box.children if getattr(c, "exercise_id", "") == "grieve-permission-note"
    )
    journal.text.value = "still saving"
    assert journal.save()


def test_step_list_links_every_step(session):
    """Does the start page list link all ten step notebooks?"""
    html = wb.step_list().data
    for step in session.pack.steps:
        assert f'href="{step.notebook}"' in html
    assert html.count("<li>") == 10


def test_footer_links_previous_start_and_next(session):
    """Does a step's footer link to its neighbours and the start page?"""
    html = wb.footer("reflect").data
    assert 'href="01_grieve.ipynb"' in html
    assert 'href="00_start.ipynb"' in html
    assert 'href="03_self-esteem.ipynb"' in html
    assert 'href="01_grieve.ipynb">Begin with' in wb.footer("start").data
    assert "Next" not in wb.footer("love-again").data
    assert 'href="stories.ipynb">Read the stories' in html
    assert "Read the stories" not in wb.footer("stories").data  # not a link to itself


def test_help_stays_put_on_the_stories_page(session):
    """Is the stories page's header the start page's, help in the same place?"""
    start, stories = wb.header("start").value, wb.header("stories").value
    assert stories[stories.index("<details") :] == start[start.index("<details") :]
    assert "could not be loaded" not in stories


def test_privacy_note_names_the_file_escaped(tmp_path):
    """Does the privacy note show where the file lives, with the path escaped?"""
    odd = tmp_path / "<b>me</b>"
    config = WorkbookConfig(pack_dir=str(wb.get_config().pack_dir), data_dir=str(odd))
    set_config(config)
    reset_session(Session(config=config))
    try:
        html = wb.privacy_note().data
    finally:
        reset_session(None)
        set_config(None)
    assert "&lt;b&gt;me&lt;/b&gt;" in html and "<b>me</b>" not in html


def test_recovered_store_is_announced_in_the_header(tmp_path):
    """After a corrupt store was moved aside, does the page say where the old file is?"""
    data_dir = tmp_path / "user"
    data_dir.mkdir()
    (data_dir / "answers.sqlite3").write_bytes(b"garbage" * 50)
    config = WorkbookConfig(pack_dir=str(wb.get_config().pack_dir), data_dir=str(data_dir))
    reset_session(Session(config=config))
    try:
        html = wb.header("start").value
    finally:
        reset_session(None)
    assert "a fresh one was started" in html and "unreadable-" in html
    assert 'role="alert"' in html


def test_unusable_data_folder_is_explained(tmp_path):
    """If the data folder cannot be created, is the person told, without a crash?"""
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    config = WorkbookConfig(pack_dir=str(wb.get_config().pack_dir), data_dir=str(blocker / "sub"))
    reset_session(Session(config=config))
    try:
        html = wb.header("grieve").value
        panel = wb.exercise("grieve-permission-note")
    finally:
        reset_session(None)
    assert "cannot be saved right now" in html
    assert isinstance(panel, w.HTML) and "cannot be saved right now" in panel.value


def test_coming_step_says_so(pack_copy, tmp_path):
    """Is a step whose exercises are not written yet clearly marked?"""
    path = pack_copy / "steps" / "02_reflect.yaml"
    path.write_text(
        "number: 2\nslug: reflect\ntitle: Reflect\nsummary: Soon.\nstatus: coming\nexercises: []\n"
    )
    config = WorkbookConfig(pack_dir=str(pack_copy), data_dir=str(tmp_path / "user"))
    reset_session(Session(config=config))
    try:
        assert "being written" in wb.step_summary("reflect").data
        assert "being written" not in wb.step_summary("grieve").data
        assert "being written" in wb.step_list().data
    finally:
        reset_session(None)


def test_unloadable_step_page_names_the_broken_file(pack_copy, tmp_path):
    """If a step file is malformed, does its page say so and name file:line?"""
    path = pack_copy / "steps" / "02_reflect.yaml"
    path.write_text("number: 2\nslug: reflect\ntitle: [unclosed\n")
    config = WorkbookConfig(pack_dir=str(pack_copy), data_dir=str(tmp_path / "user"))
    reset_session(Session(config=config))
    try:
        html = wb.header("reflect").value
    finally:
        reset_session(None)
    assert "This step could not be loaded" in html
    assert "pack/steps/02_reflect.yaml:" in html and "malformed YAML" in html
    assert "Get help now" in html


def test_a_step_counts_only_its_own_exercises_as_each_kind_judges(session):
    """A check-in or another step's answer is not this step's; an emptied answer is not started."""
    session.store.save("checkin-2026-11-23", {"mood": 4, "emotions": [], "urge": None, "note": ""})
    session.store.save("grieve-permission-note", "It is allowed.")
    session.store.save("reflect-from-the-outside", {"text": " ", "voice": "you", "name": ""})
    assert started_exercises(session.pack.step("grieve").exercise_ids) == ["grieve-permission-note"]
    assert started_exercises(session.pack.step("reflect").exercise_ids) == []
