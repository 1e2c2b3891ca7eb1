"""The answer store: one SQLite file per person, where nothing is ever overwritten.

Every save appends a revision; reading gives the newest; the full history stays.
This is the only module that speaks SQL. Schema changes are named migrations,
applied in order, each in its own transaction.

A store that cannot be opened, or that fails SQLite's own check, is renamed
aside with a timestamp (never deleted) and a fresh store is started; the
person is told where the old file went (:attr:`AnswerStore.recovery`).

Privacy: the folder is made readable by its owner only (0700) and the file
likewise (0600). Answer text is never put in a log record or an exception
message; errors name the exercise id at most.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .clock import Clock, current

__all__ = ["MIGRATIONS", "SET_ASIDE_MARK", "AnswerStore", "Recovery", "Revision", "StoreError"]

#: What the name of a set-aside (unreadable) answers file carries after the store's name.
SET_ASIDE_MARK = ".unreadable-"

log = logging.getLogger(__name__)

#: Named, ordered schema migrations. Never edit one that has shipped: add a new one.
MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_create_revisions",
        """
        CREATE TABLE revisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            exercise_id TEXT NOT NULL,
            value_json TEXT NOT NULL,
            saved_at TEXT NOT NULL
        );
        CREATE INDEX revisions_by_exercise ON revisions (exercise_id, id);
        """,
    ),
    (
        "0002_create_settings",
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value_json TEXT NOT NULL,
            saved_at TEXT NOT NULL
        );
        """,
    ),
    (
        # An import looks each incoming revision up by answer and time: without this
        # index it read every revision of the answer each time (quadratic).
        "0003_index_revisions_by_time",
        "CREATE INDEX revisions_by_time ON revisions (exercise_id, saved_at);",
    ),
)


#: The newest revision of each answer: latest saved time, then latest stored.
_NEWEST = (
    "SELECT id, exercise_id, value_json, saved_at FROM ("
    " SELECT *, ROW_NUMBER() OVER (PARTITION BY exercise_id ORDER BY saved_at DESC, id DESC)"
    " AS newness FROM revisions) WHERE newness = 1"
)


class StoreError(Exception):
    """The store could not do what was asked. The message never holds answer text."""


@dataclass(frozen=True)
class Revision:
    """One saved version of one answer."""

    id: int
    exercise_id: str
    value: Any
    saved_at: dt.datetime

    def __repr__(self) -> str:  # keep answer text out of tracebacks and logs
        return f"Revision(id={self.id}, exercise_id={self.exercise_id!r}, saved_at={self.saved_at})"


@dataclass(frozen=True)
class Recovery:
    """A store file that was moved aside because it could not be used."""

    moved_to: Path
    reason: str

    def message(self) -> str:
        """A plain explanation for the person, naming where the old file is."""
        return (
            "Your saved answers file could not be opened "
            f"({self.reason}), so a fresh one was started. Nothing was deleted: "
            f"the old file is kept at {self.moved_to}."
        )


class AnswerStore:
    """Append-only revisions of answers in one private SQLite file.

    Parameters
    ----------
    path
        The database file. Its folder is created (mode 0700) if missing.
    clock
        Where "now" comes from; ``None`` (the default) is the workbook's one clock
        (:func:`widgets.clock.current`), read at each save.
    """

    def __init__(self, path: str | Path, clock: Clock | None = None) -> None:
        self.path = Path(path)
        self._clock = clock
        self.recovery: Recovery | None = None
        self._lock = threading.RLock()
        _private_folder(self.path.parent)
        try:
            self._conn = self._open()
        except sqlite3.DatabaseError as exc:
            self.recovery = self._move_aside(_reason(exc))
            self._conn = self._open()

    # ----------------------------------------------------------------- opening

    def _open(self) -> sqlite3.Connection:
        existed = self.path.exists()
        if existed and not os.access(self.path, os.R_OK | os.W_OK):
            raise sqlite3.DatabaseError("file is not readable and writable")
        if not existed:
            fd = os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
        os.chmod(self.path, 0o600)
        conn = sqlite3.connect(
            self.path, timeout=5.0, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            result = conn.execute("PRAGMA quick_check").fetchone()
            if not result or result[0] != "ok":
                raise sqlite3.DatabaseError("integrity check failed")
            self._migrate(conn, self._now())
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def set_aside_files(self) -> list[Path]:
        """Answer files moved aside because they could not be opened (oldest name first)."""
        return sorted(
            path
            for path in self.path.parent.glob(f"{self.path.name}{SET_ASIDE_MARK}*")
            if not path.name.endswith(("-wal", "-shm"))
        )

    def _move_aside(self, reason: str) -> Recovery:
        stamp = self._now().strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}{SET_ASIDE_MARK}{stamp}")
        counter = 1
        while target.exists():
            counter += 1
            target = self.path.with_name(f"{self.path.name}{SET_ASIDE_MARK}{stamp}-{counter}")
        self.path.rename(target)
        for suffix in ("-wal", "-shm"):
            companion = self.path.with_name(self.path.name + suffix)
            if companion.exists():
                companion.rename(target.with_name(target.name + suffix))
        log.warning("answer store was unreadable (%s); moved aside to %s", reason, target)
        return Recovery(moved_to=target, reason=reason)

    def _now(self) -> dt.datetime:
        """The current instant in UTC, from this store's clock."""
        return (self._clock or current()).now()

    @staticmethod
    def _migrate(conn: sqlite3.Connection, now: dt.datetime | None = None) -> None:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                    (name, (now or current().now()).isoformat()),
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def applied_migrations(self) -> list[str]:
        """Names of the migrations this store has applied, in order."""
        with self._reading():
            rows = self._conn.execute("SELECT name FROM schema_migrations ORDER BY name")
            return [row[0] for row in rows]

    def close(self) -> None:
        """Close the connection (the data is already on disk)."""
        with self._lock:
            self._conn.close()

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """Hold the lock for a read; a database error becomes a :class:`StoreError`."""
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise StoreError(f"could not read the answers: {_reason(exc)}") from None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    # --------------------------------------------------------------- answers

    def save(self, exercise_id: str, value: Any) -> Revision:
        """Append a new revision of ``exercise_id`` holding ``value`` (JSON-serialisable)."""
        try:
            value_json = json.dumps(value, ensure_ascii=False, sort_keys=True)
        except (TypeError, ValueError):
            raise StoreError(f"the answer to {exercise_id} is not plain data") from None
        saved_at = self._now()
        try:
            with self._transaction() as conn:
                cursor = conn.execute(
                    "INSERT INTO revisions (exercise_id, value_json, saved_at) VALUES (?, ?, ?)",
                    (exercise_id, value_json, saved_at.isoformat()),
                )
        except sqlite3.Error as exc:
            raise StoreError(f"could not save {exercise_id}: {_reason(exc)}") from None
        return Revision(cursor.lastrowid, exercise_id, json.loads(value_json), saved_at)

    def latest(self, exercise_id: str) -> Revision | None:
        """The newest revision of ``exercise_id``, or ``None`` if never saved.

        Newest by the time it was saved (then by the order it was stored), so an
        import of older revisions never hides a newer answer.
        """
        with self._reading():
            row = self._conn.execute(
                "SELECT id, exercise_id, value_json, saved_at FROM revisions"
                " WHERE exercise_id = ? ORDER BY saved_at DESC, id DESC LIMIT 1",
                (exercise_id,),
            ).fetchone()
        return _revision(row) if row else None

    def history(self, exercise_id: str) -> list[Revision]:
        """Every revision of ``exercise_id``, oldest first."""
        with self._reading():
            rows = self._conn.execute(
                "SELECT id, exercise_id, value_json, saved_at FROM revisions"
                " WHERE exercise_id = ? ORDER BY saved_at, id",
                (exercise_id,),
            ).fetchall()
        return [_revision(row) for row in rows]

    def latest_revisions(self, prefix: str = "") -> list[Revision]:
        """The newest revision (as :meth:`latest`) of each answer, in answer id order.

        Only answers whose id starts with ``prefix`` (all of them by default).
        """
        with self._reading():
            rows = self._conn.execute(
                f"SELECT id, exercise_id, value_json, saved_at FROM ({_NEWEST})"
                " WHERE substr(exercise_id, 1, ?) = ? ORDER BY exercise_id",
                (len(prefix), prefix),
            ).fetchall()
        return [_revision(row) for row in rows]

    def saved_since(self, since: dt.datetime) -> list[tuple[str, dt.datetime]]:
        """The answer id and time of every revision saved at or after ``since``.

        Every time is stored in UTC as ISO text, so SQLite compares them as text
        (``since`` without a zone is taken as local time).
        """
        with self._reading():
            rows = self._conn.execute(
                "SELECT exercise_id, saved_at FROM revisions WHERE saved_at >= ? ORDER BY id",
                (_utc(since).isoformat(),),
            ).fetchall()
        return [(exercise_id, dt.datetime.fromisoformat(stamp)) for exercise_id, stamp in rows]

    def exercise_ids(self) -> list[str]:
        """Ids of every exercise with at least one saved revision, sorted."""
        with self._reading():
            rows = self._conn.execute(
                "SELECT DISTINCT exercise_id FROM revisions ORDER BY exercise_id"
            )
            return [row[0] for row in rows]

    def revision_count(self) -> int:
        """How many revisions the store holds in all."""
        with self._reading():
            return self._conn.execute("SELECT COUNT(*) FROM revisions").fetchone()[0]

    def all_revisions(self) -> list[Revision]:
        """Every revision of every answer, in the order they were saved."""
        with self._reading():
            rows = self._conn.execute(
                "SELECT id, exercise_id, value_json, saved_at FROM revisions ORDER BY id"
            ).fetchall()
        return [_revision(row) for row in rows]

    def add_revisions(
        self,
        revisions: list[tuple[str, Any, dt.datetime]],
        settings: dict[str, Any] | None = None,
    ) -> int:
        """Add revisions from elsewhere (an import), keeping their times; return how many.

        All or nothing, in one transaction. A revision already here (same answer,
        same time, same value) is not added twice; nothing here is changed or lost.
        ``settings`` are added in the same transaction, each only if not set here.
        """
        added = 0
        try:
            with self._transaction() as conn:
                for exercise_id, value, saved_at in revisions:
                    value_json = json.dumps(value, ensure_ascii=False, sort_keys=True)
                    stamp = _utc(saved_at).isoformat()
                    present = conn.execute(
                        "SELECT 1 FROM revisions WHERE exercise_id = ? AND saved_at = ?"
                        " AND value_json = ? LIMIT 1",
                        (exercise_id, stamp, value_json),
                    ).fetchone()
                    if present:
                        continue
                    conn.execute(
                        "INSERT INTO revisions (exercise_id, value_json, saved_at)"
                        " VALUES (?, ?, ?)",
                        (exercise_id, value_json, stamp),
                    )
                    added += 1
                for key, value in (settings or {}).items():
                    conn.execute(
                        "INSERT INTO settings (key, value_json, saved_at) VALUES (?, ?, ?)"
                        " ON CONFLICT(key) DO NOTHING",
                        (key, json.dumps(value), self._now().isoformat()),
                    )
        except sqlite3.Error as exc:
            raise StoreError(f"could not add the revisions: {_reason(exc)}") from None
        return added

    def erase_all(self) -> None:
        """Delete every answer and setting, and overwrite the freed space.

        ``secure_delete`` zeroes deleted content, ``VACUUM`` rebuilds the file and a
        WAL checkpoint empties the write-ahead log, so no answer text stays behind.
        """
        try:
            with self._lock:
                self._conn.execute("PRAGMA secure_delete=ON")
                with self._transaction() as conn:
                    conn.execute("DELETE FROM revisions")
                    conn.execute("DELETE FROM settings")
                self._conn.execute("VACUUM")
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            raise StoreError(f"could not erase the answers: {_reason(exc)}") from None

    def settings(self) -> dict[str, Any]:
        """Every remembered preference."""
        with self._reading():
            rows = self._conn.execute("SELECT key, value_json FROM settings ORDER BY key")
            return {key: json.loads(value) for key, value in rows}

    # -------------------------------------------------------------- settings

    def set_setting(self, key: str, value: Any) -> None:
        """Remember a preference (such as the chosen country)."""
        try:
            with self._transaction() as conn:
                conn.execute(
                    "INSERT INTO settings (key, value_json, saved_at) VALUES (?, ?, ?)"
                    " ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json,"
                    " saved_at = excluded.saved_at",
                    (key, json.dumps(value), self._now().isoformat()),
                )
        except sqlite3.Error as exc:
            raise StoreError(f"could not save the setting {key}: {_reason(exc)}") from None

    def get_setting(self, key: str, default: Any = None) -> Any:
        """Return a remembered preference, or ``default``."""
        with self._reading():
            row = self._conn.execute(
                "SELECT value_json FROM settings WHERE key = ?", (key,)
            ).fetchone()
        return json.loads(row[0]) if row else default

    def __repr__(self) -> str:
        return f"AnswerStore({str(self.path)!r})"


def _revision(row: tuple) -> Revision:
    return Revision(row[0], row[1], json.loads(row[2]), dt.datetime.fromisoformat(row[3]))


def _utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` in UTC, as every save stores it (a naive time is taken as local)."""
    return moment.astimezone(dt.UTC)


def _statements(sql: str) -> list[str]:
    return [part.strip() for part in sql.split(";") if part.strip()]


def _reason(exc: BaseException) -> str:
    # SQLite's messages describe the file, never its contents, so they are safe to show.
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]


def _private_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
