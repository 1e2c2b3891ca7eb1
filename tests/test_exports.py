"""Can a person take all their data away, bring it back without losing a word, and
erase it? (The journey page and its buttons build on these.)"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from widgets.exports import (
    FORMAT,
    ImportRefused,
    export_html,
    export_json,
    export_markdown,
    import_json,
    read_export,
)
from widgets.store import AnswerStore

EVIL = '<script>alert("x")</script> <img src=x onerror=alert(1)> *not bold* 💔 قلبي'


def fill(store: AnswerStore, clock) -> None:
    store.save("grieve-permission-note", "first words")
    clock.advance(60)
    store.save("grieve-permission-note", EVIL)
    clock.advance(60)
    store.save("grieve-support-people", ["Max", "My sister"])
    store.set_setting("country", "GB")


def history(store: AnswerStore) -> list[tuple]:
    return [(r.exercise_id, r.value, r.saved_at) for r in store.all_revisions()]


def test_export_holds_every_revision_and_the_settings(store, clock):
    """Is every revision of every answer in the export, oldest first, with settings?"""
    fill(store, clock)
    data = export_json(store)
    assert data["format"] == FORMAT and data["version"] == 1
    note = next(a for a in data["answers"] if a["exercise_id"] == "grieve-permission-note")
    assert [r["value"] for r in note["revisions"]] == ["first words", EVIL]
    assert data["settings"] == {"country": "GB"}
    assert data["checksum"].startswith("sha256:")


def test_export_erase_import_brings_back_every_answer(store, clock):
    """Export, erase, import: is the store exactly as it was?"""
    fill(store, clock)
    before = history(store)
    text = json.dumps(export_json(store))
    store.erase_all()
    assert store.all_revisions() == [] and store.settings() == {}
    result = import_json(store, text)
    assert result.added == 3 and result.already_there == 0
    assert history(store) == before
    assert store.get_setting("country") == "GB"


def test_importing_twice_adds_nothing_the_second_time(store, clock):
    """Is a revision already in the store never added twice?"""
    fill(store, clock)
    text = json.dumps(export_json(store))
    result = import_json(store, text)
    assert result.added == 0 and result.already_there == 3
    assert store.revision_count() == 3


def test_import_merges_without_losing_newer_work(store, clock, tmp_path):
    """Words written here after the export survive the import, and come out newest."""
    fill(store, clock)
    text = json.dumps(export_json(store))
    clock.advance(600)
    store.save("grieve-permission-note", "written after the export")
    other = AnswerStore(tmp_path / "other.sqlite3", clock=clock)
    other.save("grieve-expressive-writing", "from another device")
    store.set_setting("country", "AU")
    import_json(store, text)  # the older export of this same store
    import_json(store, json.dumps(export_json(other)))
    assert store.latest("grieve-permission-note").value == "written after the export"
    assert store.latest("grieve-expressive-writing").value == "from another device"
    assert store.revision_count() == 5
    assert store.get_setting("country") == "AU"  # a choice made here is not overwritten


def _tampered(text: str) -> str:
    data = json.loads(text)
    data["answers"][0]["revisions"][0]["value"] = "changed by someone else"
    return json.dumps(data)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda text: text[: len(text) // 2], "cut short or damaged"),
        (_tampered, "do not match its checksum"),
        (lambda text: text.replace('"version": 1', '"version": 2'), "version 2"),
        (lambda text: text.replace(FORMAT, "some-other-app"), "not a Healing Workbook export"),
        (lambda text: "not json at all", "not a complete JSON export"),
        (lambda text: json.dumps([1, 2, 3]), "not a Healing Workbook export"),
    ],
    ids=["truncated", "tampered", "wrong-version", "wrong-format", "not-json", "not-an-object"],
)
def test_a_bad_import_is_refused_with_the_reason_and_changes_nothing(store, clock, change, reason):
    """Is a truncated, tampered or foreign file refused, leaving the store untouched?"""
    fill(store, clock)
    text = json.dumps(export_json(store))
    store.save("grieve-one-kind-thing", "Rest")
    before = history(store)
    with pytest.raises(ImportRefused, match=reason):
        import_json(store, change(text))
    assert history(store) == before


def test_a_revision_with_a_bad_time_is_refused(store, clock):
    """Does a well-formed file with a broken revision time get refused, by its place?"""
    fill(store, clock)
    data = export_json(store)
    data["answers"][0]["revisions"][0]["saved_at"] = "yesterday"
    from widgets.exports import _checksum

    data["checksum"] = _checksum(data["answers"], data["settings"])
    with pytest.raises(ImportRefused, match="answer 1, revision 1, has no valid time"):
        read_export(json.dumps(data))


def test_erase_leaves_an_empty_store_that_works_as_new(store, clock):
    """After erasing, is nothing left, and can the person start again?"""
    fill(store, clock)
    store.erase_all()
    assert store.revision_count() == 0 and store.exercise_ids() == []
    assert b"first words" not in store.path.read_bytes()
    store.save("grieve-permission-note", "a fresh start")
    assert store.latest("grieve-permission-note").value == "a fresh start"


def test_markdown_export_escapes_what_the_person_wrote(store, clock, default_pack):
    """Is every answer in the Markdown, with HTML and Markdown in it made harmless?"""
    fill(store, clock)
    text = export_markdown(store, default_pack)
    assert "## Step 1: Allow yourself to grieve" in text
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;" in text and "\\*not bold\\*" in text
    assert "- Max" in text and "قلبي" in text
    only = export_markdown(store, default_pack, ["grieve-support-people"])
    assert "Max" in only and "first words" not in only and "قلبي" not in only


def test_export_time_is_recorded(store, clock):
    """Does the export say when it was made?"""
    when = dt.datetime(2026, 11, 23, 21, 14)
    assert export_json(store, now=when)["exported_at"] == "2026-11-23T21:14:00"


def test_html_export_is_self_contained_and_escaped(store, clock, default_pack):
    """One file, no scripts or outside links, and the person's markup shown as text."""
    fill(store, clock)
    page = export_html(store, default_pack)
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "http://" not in page and "https://" not in page  # nothing is fetched
    assert "default-src 'none'" in page  # even a missed escape could run nothing
    assert "<li>Max</li>" in page and "قلبي" in page


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("- not a list", "\\- not a list"),
        ("3. not a numbered list", "3\\. not a numbered list"),
        ("---", "\\---"),
        ("*not bold* [not](a link) #not-a-tag", "\\*not bold\\* \\[not\\](a link) \\#not-a-tag"),
        ("Met James. We talked (a lot)!", "Met James. We talked (a lot)!"),
        ("2026-11-13", "2026-11-13"),
    ],
)
def test_markdown_keeps_the_persons_text_as_written(written, shown):
    """Is what a person wrote shown literally, without escaping what needs none?"""
    from widgets.exports import _md

    assert _md(written) == shown


def test_structured_answers_read_as_sentences(store, default_pack):
    """Do records read "Date: ...; Note: ..." with labels, not raw keys in braces?"""
    store.save(
        "take-it-slow-contact",
        {
            "start": "2026-11-01",
            "mode": "no contact",
            "slips": [{"date": "2026-11-05", "note": "texted"}],
            "urges": [],
        },
    )
    text = export_markdown(store, default_pack)
    assert "- Mode: no contact" in text
    assert "  - Date: 2026-11-05; Note: texted" in text
    assert "- Urges: (nothing written)" in text
    page = export_html(store, default_pack)
    assert "<strong>Start:</strong> 2026-11-01" in page


def _signed(data: dict) -> str:
    """``data`` as an export file with a correct checksum (a damaged export, not a tampered one)."""
    from widgets.exports import _checksum

    data["checksum"] = _checksum(data["answers"], data["settings"])
    return json.dumps(data)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d["settings"].update(country=["GB"]), "setting 'country'"),
        (
            lambda d: d["answers"][0]["revisions"][0].update(saved_at="0001-01-01T00:00:00"),
            "outside 2000 to 2100",
        ),
        (
            lambda d: d["answers"].append(
                {
                    "exercise_id": "checkin-9999-12-31",
                    "revisions": [{"saved_at": "2026-11-23T10:00:00", "value": {}}],
                }
            ),
            "check-in without a valid day",
        ),
    ],
)
def test_an_export_with_impossible_contents_is_refused(store, clock, change, reason):
    """Are a list as a country, a year-1 time and a year-9999 check-in refused?"""
    fill(store, clock)
    data = export_json(store)
    change(data)
    store.erase_all()
    with pytest.raises(ImportRefused, match=reason):
        import_json(store, _signed(data))
    assert store.revision_count() == 0


@pytest.mark.parametrize(
    "raw",
    ["[" * 100_000 + "]" * 100_000, '{"format": "\\ud800"}', b"\xed\xa0\x80"],
    ids=["nested", "lone-surrogate", "wtf-8"],
)
def test_a_file_that_breaks_the_json_reader_is_refused(raw):
    with pytest.raises(ImportRefused, match="not a complete JSON export"):
        read_export(raw)
