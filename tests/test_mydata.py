"""Download, share, import and erase on the journey page, driven in plain pytest."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
import re
import stat
from pathlib import Path

import pytest

import widgets as wb
from widgets.daily_checkin import checkin_id
from widgets.exports import export_checkins_csv, export_html, export_json, export_markdown
from widgets.mydata import DataPanel, all_files, in_voila, share_files, write_files

TODAY = dt.date(2026, 11, 23)
EVIL = '<script>alert("x")</script> <img src=x onerror=alert(1)>'


def fill(store) -> None:
    store.save("grieve-permission-note", "I am allowed to be sad")
    store.save("grieve-support-people", ["Max", "My sister"])
    store.save("reflect-what-i-learned", "the second step's words")
    store.save("old-pack-exercise", "kept from an older pack")
    store.save(
        checkin_id(TODAY),
        {"mood": 4, "emotions": ["tired"], "urge": 6, "note": "=cmd|' /C calc'!A0"},
    )
    store.save(
        checkin_id(TODAY - dt.timedelta(days=1)),
        {"mood": 6, "emotions": [], "urge": None, "note": EVIL},
    )
    store.set_setting("country", "GB")


def links(markup: str) -> dict[str, bytes]:
    """File name -> the bytes a download link in ``markup`` would save."""
    found = re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', markup)
    return {name: base64.b64decode(data) for name, data in found}


def panel(store, default_pack, tmp_path: Path | None = None, changes: list | None = None):
    return DataPanel(
        default_pack,
        store,
        export_dir=tmp_path,
        on_change=lambda erased: (changes if changes is not None else []).append(
            "erased" if erased else "changed"
        ),
    )


# --------------------------------------------------------------------- exports


def test_readable_exports_hold_checkins_and_answers_the_pack_lacks(store, default_pack):
    fill(store)
    markdown = export_markdown(store, default_pack)
    assert "## Daily check-ins" in markdown
    assert "Sun 22 November 2026: mood 6/10; urge not rated; note: &lt;script&gt;" in markdown
    assert "kept from an older pack" in markdown  # nothing the person wrote is left out
    page = export_html(store, default_pack)
    assert "<h2>Daily check-ins</h2>" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script" not in page and "<img" not in page
    assert "Other saved answers" in page


def test_a_share_export_holds_only_what_was_ticked(store, default_pack):
    fill(store)
    chosen = ["grieve-support-people"]
    for text in (
        export_markdown(store, default_pack, chosen, include_checkins=False),
        export_html(store, default_pack, chosen, include_checkins=False),
    ):
        assert "My sister" in text
        for other in ("allowed to be sad", "second step", "older pack", "mood", "GB"):
            assert other not in text
    with_days = export_html(store, default_pack, [], include_checkins=True)
    assert "mood 4/10" in with_days and "My sister" not in with_days


def test_checkins_as_csv_open_safely_in_a_spreadsheet(store):
    fill(store)
    rows = list(csv.reader(io.StringIO(export_checkins_csv(store))))
    assert rows[0] == ["date", "mood", "urge", "feelings", "note"]
    assert rows[1] == ["2026-11-22", "6", "", "", EVIL]
    assert rows[2] == ["2026-11-23", "4", "6", "tired", "'=cmd|' /C calc'!A0"]  # not a formula


# ---------------------------------------------------------------------- panel


def test_prepared_files_are_exactly_the_exports(store, default_pack):
    fill(store)
    data = panel(store, default_pack)
    files = data.download.prepare()
    offered = links(data.download.files.value)
    assert (
        sorted(offered)
        == sorted(f.name for f in files)
        == [
            "healing-workbook-2026-11-23.html",
            "healing-workbook-2026-11-23.json",
            "healing-workbook-2026-11-23.md",
            "healing-workbook-checkins-2026-11-23.csv",
        ]
    )
    exported = json.loads(offered["healing-workbook-2026-11-23.json"])
    expected = export_json(store)
    assert (
        exported["answers"] == expected["answers"] and exported["checksum"] == expected["checksum"]
    )
    assert offered["healing-workbook-2026-11-23.md"].decode() == export_markdown(
        store, default_pack
    )
    assert "<script" not in data.download.files.value


def test_in_jupyterlab_files_are_also_written_privately(store, default_pack, tmp_path):
    fill(store)
    folder = tmp_path / "my-exports"
    data = panel(store, default_pack, folder)
    files = data.download.prepare()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for file in files:
        path = folder / file.name
        assert path.read_bytes() == file.data
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert str(folder) in data.download.files.value


def test_a_folder_that_cannot_be_written_still_leaves_the_downloads(store, default_pack, tmp_path):
    fill(store)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    data = panel(store, default_pack, blocked / "exports")
    data.download.prepare()
    assert "could not be written" in data.download.files.value
    assert len(links(data.download.files.value)) == 4


def test_voila_is_told_apart_from_jupyterlab(monkeypatch):
    monkeypatch.delenv("VOILA_KERNEL_ID", raising=False)
    monkeypatch.delenv("SERVER_SOFTWARE", raising=False)
    assert not in_voila()
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    assert in_voila()


def test_sharing_ticks_steps_or_single_exercises(store, default_pack):
    fill(store)
    data = panel(store, default_pack)
    data.share.choose()
    assert set(data.share.ticks) == {
        "grieve-permission-note",
        "grieve-support-people",
        "reflect-what-i-learned",
    }
    data.share.make()
    assert "Tick at least one answer" in data.share.result.value
    data.share.step_ticks["grieve"].value = True  # a whole step ticks its exercises
    assert data.share.chosen() == (["grieve-permission-note", "grieve-support-people"], False)
    data.share.ticks["grieve-permission-note"].value = False
    data.share.checkin_tick.value = True
    files = data.share.make()
    offered = links(data.share.result.value)
    assert sorted(offered) == sorted(f.name for f in files)
    shared_html = offered["healing-workbook-shared-2026-11-23.html"].decode()
    assert "My sister" in shared_html and "mood 4/10" in shared_html
    assert "allowed to be sad" not in shared_html and "second step" not in shared_html
    assert "My daily check-ins" in data.share.result.value


def test_share_files_match_the_exports(store, default_pack):
    fill(store)
    html_file, md_file = share_files(store, default_pack, ["reflect-what-i-learned"], False, TODAY)
    assert html_file.data.decode() == export_html(
        store, default_pack, ["reflect-what-i-learned"], False
    )
    assert md_file.data.decode() == export_markdown(
        store, default_pack, ["reflect-what-i-learned"], False
    )


def test_an_import_is_checked_shown_and_only_then_merged(store, default_pack, tmp_path):
    fill(store)
    raw = json.dumps(export_json(store)).encode()
    store.erase_all()
    changes: list[str] = []
    data = panel(store, default_pack, changes=changes)
    assert data.importer.offer(raw, "backup.json")
    assert store.revision_count() == 0  # nothing is added before the person agrees
    assert "4 answers and 2 check-ins, 6 saved versions" in data.importer.message.value
    assert data.importer.actions.layout.display is None
    data.importer.confirm()
    assert store.revision_count() == 6 and changes == ["changed"]
    assert "6 saved versions added; 0 already here" in data.importer.message.value
    assert data.importer.offer(raw, "backup.json")
    data.importer.confirm()  # the same file again adds nothing
    assert store.revision_count() == 6
    assert "0 saved versions added; 6 already here" in data.importer.message.value


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda text: text[: len(text) // 2], "not a complete JSON export"),
        (lambda text: text.replace("My sister", "Someone else"), "checksum"),
        (lambda text: text.replace('"version": 1', '"version": 2'), "version 2"),
        (lambda text: '{"hello": 1}', "not a Healing Workbook export"),
    ],
)
def test_a_bad_import_is_refused_and_changes_nothing(store, default_pack, change, reason):
    fill(store)
    raw = change(json.dumps(export_json(store)))
    before = store.all_revisions()
    data = panel(store, default_pack)
    assert not data.importer.offer(raw.encode(), "backup.json")
    assert reason in data.importer.message.value
    assert "Nothing was changed" in data.importer.message.value
    assert data.importer.actions.layout.display == "none"
    data.importer.confirm()  # nothing pending: nothing happens
    assert store.all_revisions() == before


def test_cancelling_an_import_adds_nothing(store, default_pack):
    fill(store)
    raw = json.dumps(export_json(store)).encode()
    store.erase_all()
    data = panel(store, default_pack)
    data.importer.offer(raw, "backup.json")
    data.importer.cancel()
    data.importer.confirm()
    assert store.revision_count() == 0
    assert "Nothing was imported" in data.importer.message.value


def test_erasing_names_what_goes_and_offers_a_copy_first(store, default_pack):
    fill(store)
    aside = store.path.with_name(store.path.name + ".unreadable-20261101T000000Z")
    aside.write_bytes(b"an old store")
    data = panel(store, default_pack)
    data.eraser.ask()
    question = data.eraser.confirmation.children[0].value
    assert "Delete all your data?" in question
    for item in (
        "your answers to 4 exercises",
        "2 daily check-ins",
        "every earlier version of them (6 in all)",
        "your choice of country",
        str(aside),
        "cannot be undone",
    ):
        assert item in question
    backup = links(question)
    assert list(backup) == ["healing-workbook-2026-11-23.json"]
    assert len(json.loads(backup["healing-workbook-2026-11-23.json"])["answers"]) == 6
    data.eraser.cancel()
    assert store.revision_count() == 6 and aside.exists()
    assert "Nothing was deleted" in data.eraser.message.value


def test_erasing_empties_the_store_and_the_app_works_as_new(store, default_pack):
    fill(store)
    aside = store.path.with_name(store.path.name + ".unreadable-20261101T000000Z")
    aside.write_bytes(b"an old store")
    changes: list[str] = []
    data = panel(store, default_pack, changes=changes)
    assert data.importer.offer(json.dumps(export_json(store)).encode(), "old.json")
    data.eraser.ask()
    data.eraser.erase()
    # the file waiting to be imported is forgotten, with what was said about it
    assert data.importer.message.value == ""
    assert data.importer.actions.layout.display == "none"
    assert store.revision_count() == 0 and store.settings() == {}
    assert not aside.exists()
    assert changes == ["erased"]
    assert "Everything is deleted" in data.eraser.message.value
    assert b"I am allowed to be sad" not in store.path.read_bytes()
    store.save("grieve-permission-note", "a new beginning")
    assert store.latest("grieve-permission-note").value == "a new beginning"
    data.eraser.ask()
    data.eraser.erase()
    data.eraser.ask()
    assert "nothing saved to delete" in data.eraser.confirmation.children[0].value


def test_erase_on_the_page_clears_open_exercises_and_the_journey(session, tmp_path):
    """After an erase, do the check-in, the pictures and the country show a fresh start?"""
    session.config.export_dir = str(tmp_path / "exports")
    note = wb.exercise("grieve-permission-note")
    note.text.value = "words to lose on purpose"
    note.save()
    checkin = wb.checkin()
    checkin.mood.number.value = "3"
    checkin.save()
    session.set_country("GB")
    header = wb.header("journey")
    view = wb.journey()
    data = wb.my_data()
    assert "mood 3" in view.chart.value
    assert "Other countries" in header.value  # the UK first, the rest folded away
    data.eraser.ask()
    data.eraser.erase()
    assert note.value == "" and note.text.value == ""
    assert checkin.value["mood"] is None and checkin.mood.number.value == ""
    assert "starts with your first check-in" in view.chart.value
    assert "You have started 0 of 10 steps" in view.progress.value
    assert session.country == session.pack.crisis.default_country
    assert "Other countries" not in header.value  # no country chosen: every line open


def test_write_files_replaces_an_older_copy(tmp_path):
    from widgets.mydata import ExportFile

    folder = tmp_path / "out"
    write_files(folder, [ExportFile("a.txt", "A", b"first", "text/plain")])
    write_files(folder, [ExportFile("a.txt", "A", b"second", "text/plain")])
    assert (folder / "a.txt").read_bytes() == b"second"
    assert "first" not in repr(ExportFile("a.txt", "A", b"first", "text/plain"))


def test_all_files_leaves_out_the_csv_without_checkins(store, default_pack):
    store.save("grieve-permission-note", "only words")
    assert [f.name.rsplit(".", 1)[1] for f in all_files(store, default_pack, TODAY)] == [
        "json",
        "html",
        "md",
    ]


def test_a_file_chosen_in_the_upload_box_is_offered(store, default_pack):
    """Does choosing a file in the upload control check it and ask before adding?"""
    fill(store)
    raw = json.dumps(export_json(store)).encode()
    store.erase_all()
    data = panel(store, default_pack)
    upload = {
        "name": "my-backup.json",
        "type": "application/json",
        "size": len(raw),
        "content": memoryview(raw),
        "last_modified": dt.datetime(2026, 11, 20, tzinfo=dt.UTC),
    }
    data.importer.upload.value = (upload,)
    assert "my-backup.json is a workbook export" in data.importer.message.value
    assert store.revision_count() == 0
    data.importer.confirm()
    assert data.importer.upload.value == ()  # the file is let go once used
    assert store.revision_count() == 6


def test_an_erase_that_fails_says_so_and_keeps_the_page_working(store, default_pack, monkeypatch):
    from widgets.store import StoreError

    fill(store)

    def locked() -> None:  # what the store raises when another program holds the file
        raise StoreError("could not erase the answers: database is locked")

    monkeypatch.setattr(store, "erase_all", locked)
    changes: list[str] = []
    data = panel(store, default_pack, changes=changes)
    data.eraser.ask()
    data.eraser.erase()
    assert "Not everything could be deleted (StoreError)" in data.eraser.message.value
    assert changes == ["erased"]  # the page still redraws from what is there
    assert data.eraser.button.layout.display is None


def test_an_import_keeps_what_is_being_typed(session):
    """Does an import save a check-in still waiting to be saved, not throw it away?"""
    checkin = wb.checkin()
    checkin._debouncer.delay = 60  # the person is still typing: nothing saved yet
    checkin.mood.number.value = "6"
    checkin.note_box.value = "a long day"
    assert checkin.dirty and session.store.revision_count() == 0
    data = wb.my_data()
    other = json.dumps(export_json(session.store)).encode()
    data.importer.offer(other, "empty.json")
    data.importer.confirm()
    assert checkin.value["note"] == "a long day"
    assert session.store.latest(checkin.exercise_id).value["mood"] == 6
    checkin.note_box.value = "x" * 300  # cannot be saved: too long for one line
    data.importer.offer(other, "empty.json")
    data.importer.confirm()
    assert checkin.note_box.value == "x" * 300  # left on screen, untouched


def test_an_erase_asks_again_if_answers_changed_after_the_question(store, default_pack):
    """Is nothing deleted that the confirmation did not list?"""
    fill(store)
    data = panel(store, default_pack)
    data.eraser.ask()
    store.save("grieve-permission-note", "written in another tab after the question")
    data.eraser.erase()
    assert store.revision_count() == 7  # nothing deleted yet
    assert "changed since this question was shown" in data.eraser.message.value
    assert "7 in all" in data.eraser.confirmation.children[0].value
    data.eraser.erase()
    assert store.revision_count() == 0


def test_a_csv_cell_with_spaces_before_a_formula_is_still_text(store):
    store.save(checkin_id(TODAY), {"mood": 1, "emotions": [], "urge": None, "note": "  =1+1"})
    rows = list(csv.reader(io.StringIO(export_checkins_csv(store))))
    assert rows[1][4] == "'  =1+1"


def test_files_go_into_an_existing_folder_without_changing_it(tmp_path):
    from widgets.mydata import ExportFile

    folder = tmp_path / "home"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    write_files(folder, [ExportFile("a.json", "A", b"{}", "application/json")])
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert stat.S_IMODE((folder / "a.json").stat().st_mode) == 0o600
