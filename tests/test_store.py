"""Does the answer store keep every word, privately, and survive a broken file?"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import stat
from pathlib import Path

import pytest

from widgets.store import MIGRATIONS, AnswerStore, StoreError

SECRET = "I still sleep on the left side of the bed"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_save_is_a_new_revision(store, clock):
    """Does saving twice keep both versions, with the newest as the answer?"""
    store.save("grieve-permission-note", "first draft")
    clock.advance(60)
    store.save("grieve-permission-note", "second draft")
    assert store.latest("grieve-permission-note").value == "second draft"
    history = store.history("grieve-permission-note")
    assert [revision.value for revision in history] == ["first draft", "second draft"]
    assert history[1].saved_at > history[0].saved_at
    assert store.revision_count() == 2


def test_latest_of_an_unsaved_exercise_is_none(store):
    """Is an exercise never saved reported as having no answer?"""
    assert store.latest("never-saved") is None
    assert store.history("never-saved") == []


def test_values_round_trip_as_json(store):
    """Do lists, numbers, None, emoji and right-to-left text come back unchanged?"""
    values = [["Max", "Mum"], 7, None, "💔 still here", "أنا بخير", {"mood": 4}]
    for index, value in enumerate(values):
        store.save(f"exercise-{index}", value)
    assert [store.latest(f"exercise-{i}").value for i in range(len(values))] == values


def test_answers_persist_after_reopening(store):
    """Is a saved answer there after the store is closed and opened again?"""
    store.save("grieve-support-people", ["Max"])
    store.close()
    again = AnswerStore(store.path)
    assert again.latest("grieve-support-people").value == ["Max"]
    again.close()


def test_folder_and_file_are_private(store):
    """Is the data folder 0700 and the store file 0600?"""
    assert mode(store.path.parent) == 0o700
    assert mode(store.path) == 0o600


def test_store_uses_wal_journal(store):
    """Are writes journalled with WAL?"""
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_migrations_are_applied_in_order_once(store):
    """Are all named migrations recorded, and is reopening a no-op?"""
    names = [name for name, _sql in MIGRATIONS]
    assert names == sorted(names)
    assert store.applied_migrations() == names
    store.close()
    again = AnswerStore(store.path)
    assert again.applied_migrations() == names
    again.close()


def test_a_new_migration_upgrades_an_old_store(tmp_path, monkeypatch):
    """Does a store made by an older version gain the newer tables, keeping its answers?"""
    path = tmp_path / "answers.sqlite3"
    import widgets.store as store_module

    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS[:1])
    old = AnswerStore(path)
    old.save("grieve-permission-note", "kept")
    old.close()
    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS)
    new = AnswerStore(path)
    assert new.applied_migrations() == [name for name, _ in MIGRATIONS]
    assert new.latest("grieve-permission-note").value == "kept"
    new.set_setting("country", "GB")
    assert new.get_setting("country") == "GB"
    new.close()


def test_failed_migration_changes_nothing(tmp_path, monkeypatch):
    """Does a migration that fails part-way roll back instead of half-applying?"""
    import widgets.store as store_module

    broken = (*MIGRATIONS, ("0099_broken", "CREATE TABLE extra (x); SELECT * FROM missing_table"))
    monkeypatch.setattr(store_module, "MIGRATIONS", broken)
    with pytest.raises(sqlite3.DatabaseError):
        AnswerStore._migrate(sqlite3.connect(tmp_path / "a.sqlite3", isolation_level=None))
    conn = sqlite3.connect(tmp_path / "a.sqlite3")
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "extra" not in tables
    conn.close()


def test_corrupt_store_is_moved_aside_not_deleted(tmp_path, clock):
    """Is an unreadable file renamed with a timestamp, kept byte for byte, and reported?"""
    path = tmp_path / "answers.sqlite3"
    garbage = b"this is not a database" * 100
    path.write_bytes(garbage)
    fresh = AnswerStore(path, clock=clock)
    assert fresh.recovery is not None
    moved = fresh.recovery.moved_to
    assert moved.name == f"answers.sqlite3.unreadable-{clock.now():%Y%m%dT%H%M%SZ}"
    assert moved.read_bytes() == garbage
    assert str(moved) in fresh.recovery.message()
    fresh.save("grieve-permission-note", "a new start")
    assert fresh.latest("grieve-permission-note").value == "a new start"
    fresh.close()


def test_damaged_pages_fail_the_integrity_check(tmp_path, clock):
    """Is a store with damaged pages caught by the integrity check and moved aside?"""
    path = tmp_path / "answers.sqlite3"
    first = AnswerStore(path, clock=clock)
    for index in range(300):
        first.save(f"exercise-{index % 7}", "words " * 50)
    first.close()
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, len(data) - 4096, 4096 * 3):
        data[offset + 100 : offset + 400] = b"\xff" * 300
    path.write_bytes(bytes(data))
    again = AnswerStore(path, clock=clock)
    assert again.recovery is not None
    assert again.recovery.moved_to.exists()
    assert again.revision_count() == 0
    again.close()


def test_two_corruptions_in_the_same_second_keep_both_files(tmp_path, clock):
    """Is an earlier moved-aside file never overwritten by a later one?"""
    path = tmp_path / "answers.sqlite3"
    path.write_bytes(b"first broken file")
    AnswerStore(path, clock=clock).close()
    path.unlink()
    path.write_bytes(b"second broken file")
    path.with_name("answers.sqlite3-wal").unlink(missing_ok=True)
    # the fresh store from the first recovery was replaced by garbage again
    second = AnswerStore(path, clock=clock)
    moved = tmp_path.glob("answers.sqlite3.unreadable-*")
    kept = sorted(p.read_bytes() for p in moved if not p.name.endswith(("-wal", "-shm")))
    assert kept == [b"first broken file", b"second broken file"]
    second.close()


def test_answer_text_never_reaches_logs_or_errors(store, caplog):
    """Does a failed save name the exercise but never the words?"""
    caplog.set_level(logging.DEBUG)
    store.save("grieve-permission-note", SECRET)
    store.close()
    with pytest.raises(StoreError) as info:
        store.save("grieve-permission-note", SECRET)
    assert "grieve-permission-note" in str(info.value)
    assert SECRET not in str(info.value)
    assert info.value.__suppress_context__  # the sqlite error is not chained into tracebacks
    assert SECRET not in caplog.text


def test_unserialisable_value_is_refused_without_echoing_it(store):
    """Is a value that is not plain data refused with a message that hides it?"""
    with pytest.raises(StoreError) as info:
        store.save("x", {SECRET: object()})
    assert SECRET not in str(info.value)
    assert store.latest("x") is None


def test_revision_repr_hides_the_answer(store):
    """Would a revision printed in a traceback show the answer text? (It must not.)"""
    revision = store.save("grieve-permission-note", SECRET)
    assert SECRET not in repr(revision)


def test_settings_are_overwritten_in_place(store):
    """Does a preference keep one current value?"""
    assert store.get_setting("country", "INTL") == "INTL"
    store.set_setting("country", "AU")
    store.set_setting("country", "IE")
    assert store.get_setting("country") == "IE"


def test_latest_revisions_give_the_newest_of_each_answer(store):
    """Are the newest revisions read in one query, by prefix or all?"""
    store.save("a", "words")
    store.save("b", "words")
    store.save("b", "")  # emptied again
    store.save("c", [])
    store.save("d", {"x": 1})
    store.save("checkin-2026-11-23", {"mood": 3})
    store.save("checkin-2026-11-23", {"mood": 4})
    latest = store.latest_revisions(prefix="checkin-")
    assert [(r.exercise_id, r.value) for r in latest] == [("checkin-2026-11-23", {"mood": 4})]
    assert [r.exercise_id for r in store.latest_revisions()] == [
        "a",
        "b",
        "c",
        "checkin-2026-11-23",
        "d",
    ]


def test_saved_since_compares_times_in_any_zone(store, clock):
    store.save("a", "early")
    clock.advance(3600)
    store.save("b", "late")
    cut = clock.now() - dt.timedelta(minutes=30)
    assert [e for e, _ in store.saved_since(cut)] == ["b"]
    naive_local = cut.astimezone().replace(tzinfo=None)
    assert [e for e, _ in store.saved_since(naive_local)] == ["b"]


def test_an_import_finds_each_revision_by_index(store):
    """Does the duplicate check of an import use an index, not a scan of the answer?

    Without it, importing thousands of revisions of one long-kept journal took
    minutes (each row read every earlier one); the benchmark times imports.
    """
    plan = store._conn.execute(
        "EXPLAIN QUERY PLAN SELECT 1 FROM revisions WHERE exercise_id = ? AND saved_at = ?"
        " AND value_json = ? LIMIT 1",
        ("a", "2026-11-23T21:14:00+00:00", '"x"'),
    ).fetchall()
    assert "revisions_by_time" in " ".join(str(row) for row in plan)


def test_an_import_of_older_revisions_never_hides_a_newer_answer(store, clock):
    """After merging a laptop's older draft, is the newer final version still the answer?"""
    store.save("letter", "final version")  # saved now (the fixed clock)
    older = clock.now() - dt.timedelta(days=2)
    store.add_revisions([("letter", "monday draft", older)])
    assert store.latest("letter").value == "final version"
    assert [r.value for r in store.history("letter")] == ["monday draft", "final version"]
    assert store.latest_revisions()[0].value == "final version"
    naive_local = (clock.now() + dt.timedelta(hours=1)).astimezone().replace(tzinfo=None)
    store.add_revisions([("letter", "later still", naive_local)])  # a local time, no zone
    assert store.latest("letter").value == "later still"


def test_a_database_error_while_reading_is_a_store_error(store):
    """Do reads report a broken database as StoreError, never a raw sqlite3 error?"""
    store.save("grieve-permission-note", SECRET)
    store._conn.close()  # what a vanished or locked file looks like to the next read
    for read in (
        lambda: store.latest("grieve-permission-note"),
        store.all_revisions,
        store.revision_count,
        store.settings,
        lambda: store.get_setting("country"),
        lambda: store.set_setting("country", "uk"),
        store.erase_all,
    ):
        with pytest.raises(StoreError) as caught:
            read()
        assert SECRET not in str(caught.value)


def test_the_store_names_its_own_set_aside_files(tmp_path):
    """Does the store list the files it moved aside (not their -wal or -shm companions)?"""
    path = tmp_path / "answers.sqlite3"
    path.write_bytes(b"not a database" * 100)
    fresh = AnswerStore(path)
    (tmp_path / f"{fresh.recovery.moved_to.name}-wal").write_bytes(b"")
    assert fresh.set_aside_files() == [fresh.recovery.moved_to]
    fresh.close()
