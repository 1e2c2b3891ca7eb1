"""The person's control over their data: download, share, import, erase.

* **Download** everything as JSON (every revision; the format is in
  ``docs/export-format.md``), Markdown, one self-contained HTML file, and the
  check-ins as CSV. The files are offered as browser downloads (``data:`` links
  made in the page; nothing leaves the machine). Outside Voila, in JupyterLab,
  they are also written to a private folder the file browser shows.
* **Share**: tick exactly which answers (whole steps or single exercises, and the
  check-ins) go into a Markdown or HTML file for a therapist or group.
* **Import** a JSON export: checked completely first, then merged so nothing
  already here is lost or doubled; a refused file changes nothing.
* **Erase**: after a confirmation that names what will go and offers an export
  first, every answer, check-in and setting is deleted.

Panels are built when first opened, so the journey page stays quick to show.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w

from .clock import current as current_clock
from .content import ExerciseSpec, Pack
from .daily_checkin import CHECKIN_PREFIX
from .exercises import started_ids
from .exercises._base import checkbox, html_block, shared
from .exports import (
    ImportRefused,
    export_checkins_csv,
    export_html,
    export_json,
    export_markdown,
    import_json,
    read_export,
)
from .store import AnswerStore, StoreError
from .words import esc, plural

__all__ = [
    "DataPanel",
    "ExportFile",
    "all_files",
    "download_link",
    "in_voila",
    "json_file",
    "share_files",
    "write_files",
]


def in_voila() -> bool:
    """True when this kernel runs behind Voila (which sets these for its kernels)."""
    return "VOILA_KERNEL_ID" in os.environ or os.environ.get("SERVER_SOFTWARE", "").startswith(
        "voila/"
    )


class ExportFile:
    """One file to offer: its name, what it is, its bytes and media type."""

    def __init__(self, name: str, label: str, data: bytes, mime: str) -> None:
        self.name, self.label, self.data, self.mime = name, label, data, mime

    def __repr__(self) -> str:  # the bytes are the person's words: never show them
        return f"ExportFile({self.name!r}, {len(self.data)} bytes)"


def json_file(store: AnswerStore, today: dt.date) -> ExportFile:
    """Everything, with every revision, as the JSON export that can be imported again."""
    data = json.dumps(export_json(store), ensure_ascii=False, indent=1)
    return ExportFile(
        f"healing-workbook-{today.isoformat()}.json",
        "Everything, to keep or to import later (JSON)",
        data.encode(),
        "application/json",
    )


def all_files(store: AnswerStore, pack: Pack, today: dt.date) -> list[ExportFile]:
    """Everything, in each export format, named with ``today``'s date."""
    stamp = today.isoformat()
    files = [
        json_file(store, today),
        ExportFile(
            f"healing-workbook-{stamp}.html",
            "Everything, to read or print (HTML)",
            export_html(store, pack).encode(),
            "text/html",
        ),
        ExportFile(
            f"healing-workbook-{stamp}.md",
            "Everything, as plain text (Markdown)",
            export_markdown(store, pack).encode(),
            "text/markdown",
        ),
    ]
    if any(e.startswith(CHECKIN_PREFIX) for e in store.exercise_ids()):
        files.append(
            ExportFile(
                f"healing-workbook-checkins-{stamp}.csv",
                "Check-ins, for a spreadsheet (CSV)",
                export_checkins_csv(store).encode(),
                "text/csv",
            )
        )
    return files


def share_files(
    store: AnswerStore,
    pack: Pack,
    exercise_ids: list[str],
    include_checkins: bool,
    today: dt.date,
) -> list[ExportFile]:
    """Only the chosen answers (and check-ins if chosen), as HTML and Markdown."""
    stamp = today.isoformat()
    return [
        ExportFile(
            f"healing-workbook-shared-{stamp}.html",
            "Shared answers (HTML, to open or print)",
            export_html(store, pack, exercise_ids, include_checkins).encode(),
            "text/html",
        ),
        ExportFile(
            f"healing-workbook-shared-{stamp}.md",
            "Shared answers (Markdown, plain text)",
            export_markdown(store, pack, exercise_ids, include_checkins).encode(),
            "text/markdown",
        ),
    ]


def _size(count: int) -> str:
    if count < 1024:
        return f"{count} bytes"
    if count < 1024 * 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count / 1024 / 1024:.1f} MB"


def download_link(file: ExportFile) -> str:
    """A link that saves ``file`` from the page itself (a ``data:`` address)."""
    encoded = base64.b64encode(file.data).decode("ascii")
    return (
        f'<a class="hw-download" download="{esc(file.name)}" '
        f'href="data:{file.mime};base64,{encoded}">{esc(file.label)}</a> '
        f'<span class="hw-help">{esc(file.name)}, {_size(len(file.data))}</span>'
    )


def write_files(folder: Path, files: list[ExportFile]) -> list[Path]:
    """Write ``files`` into ``folder``, each readable by its owner only (0600).

    A folder made here is private (0700); one that already exists keeps its own
    permissions (it may be a home folder named in the settings).
    """
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        os.chmod(folder, 0o700)
    written = []
    for file in files:
        path = folder / file.name
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(file.data)
        os.chmod(path, 0o600)
        written.append(path)
    return written


def _links(files: list[ExportFile]) -> str:
    return (
        '<ul class="hw-downloads">'
        + "".join(f"<li>{download_link(f)}</li>" for f in files)
        + "</ul>"
    )


def _button(description: str, tooltip: str = "", style: str = "", hideable: bool = False):
    """A button as wide as its words; ``hideable`` gives it a layout of its own to hide."""
    traits = {"width": "auto", "align_self": "flex-start"}
    return w.Button(
        description=description,
        tooltip=tooltip or description,
        button_style=style,
        layout=w.Layout(**traits) if hideable else shared(w.Layout, **traits),
    )


class DownloadPanel(w.VBox):
    """Download everything: JSON, HTML, Markdown and the check-ins as CSV.

    Parameters
    ----------
    pack, store
        The content pack and the person's store.
    export_dir
        Where files are also written outside Voila (``None``: never written).

    File names carry today's date, from the workbook's one clock.
    """

    def __init__(self, pack: Pack, store: AnswerStore, export_dir: Path | None) -> None:
        self.pack, self.store, self.export_dir = pack, store, export_dir
        self.button = _button("Prepare my files", "Make the download files now")
        self.button.on_click(lambda _b: self.prepare())
        self.files = html_block(layout=w.Layout())
        folder_note = (
            ""
            if export_dir is None
            else f" They are also saved in the folder <code>{esc(export_dir)}</code>."
        )
        super().__init__(
            [
                html_block(
                    '<h3 id="download">Download your answers</h3><p>Make a copy of everything '
                    "you have written, to keep, to print, or to move to another computer."
                    f"{folder_note}</p>"
                ),
                self.button,
                self.files,
            ]
        )

    def prepare(self) -> list[ExportFile]:
        """Make every export file now and offer it (and, in JupyterLab, write it)."""
        try:
            files = all_files(self.store, self.pack, current_clock().today())
        except (StoreError, OSError) as exc:
            self.files.value = _problem(f"The files could not be made ({type(exc).__name__}).")
            return []
        note = ""
        if self.export_dir is not None:
            try:
                written = write_files(self.export_dir, files)
            except OSError as exc:
                note = _problem(
                    f"The files could not be written to {self.export_dir} "
                    f"({type(exc).__name__}); the download links still work."
                )
            else:
                names = ", ".join(path.name for path in written)
                note = (
                    f'<p class="hw-status-text">Also saved in <code>{esc(self.export_dir)}'
                    f"</code>: {esc(names)}.</p>"
                )
        self.files.value = (
            f'<div role="status"><p>Your files are ready. Choose one to save it.</p>'
            f"{_links(files)}{note}</div>"
        )
        return files

    def reset(self) -> None:
        """The answers changed (an erase): the prepared files no longer hold them."""
        self.files.value = ""


class SharePanel(w.VBox):
    """Share only what the person ticks, as Markdown and HTML."""

    def __init__(self, pack: Pack, store: AnswerStore) -> None:
        self.pack, self.store = pack, store
        self.button = _button("Choose what to share", hideable=True)
        self.button.on_click(lambda _b: self.choose())
        self.choices = w.VBox()
        self.ticks: dict[str, w.Checkbox] = {}
        self.step_ticks: dict[str, w.Checkbox] = {}
        self.checkin_tick: w.Checkbox | None = None
        self.result = html_block(layout=w.Layout())
        super().__init__(
            [
                html_block(
                    '<h3 id="share">Share some answers</h3><p>Make a file for a therapist or '
                    "a group with only the answers you tick. Nothing else goes in it.</p>"
                ),
                self.button,
                self.choices,
                self.result,
            ]
        )

    def choose(self) -> None:
        """Show every answered exercise, by step, to tick for sharing."""
        try:
            answered = started_ids(self.pack, self.store)
        except StoreError as exc:
            self.result.value = _problem(
                f"Your answers cannot be read right now ({type(exc).__name__})."
            )
            return
        self.ticks, self.step_ticks, rows = {}, {}, []
        for step in self.pack.steps:
            ids = [e for e in step.exercise_ids if e in answered]
            if not ids:
                continue
            step_tick = checkbox(f"All of step {step.number}: {step.title}")
            self.step_ticks[step.slug] = step_tick
            children = []
            for exercise_id in ids:
                spec = self.pack.exercises[exercise_id]
                title = spec.title if isinstance(spec, ExerciseSpec) else exercise_id
                tick = checkbox(title)
                self.ticks[exercise_id] = tick
                children.append(tick)
            step_tick.observe(_tick_all(children), "value")
            group = w.VBox(children)
            group.add_class("hw-share-group")
            rows += [step_tick, group]
        self.checkin_tick = None
        if any(e.startswith(CHECKIN_PREFIX) for e in answered):
            self.checkin_tick = checkbox("My daily check-ins")
            rows.append(self.checkin_tick)
        if not rows:
            self.choices.children = [
                html_block('<p class="hw-empty">There are no answers to share yet.</p>')
            ]
            return
        make = _button("Make the share file", style="primary")
        make.on_click(lambda _b: self.make())
        fieldset = w.VBox(rows)
        fieldset.add_class("hw-share-list")
        self.choices.children = [html_block("<p>Tick what to include:</p>"), fieldset, make]
        self.button.layout.display = "none"

    def chosen(self) -> tuple[list[str], bool]:
        """The exercise ids ticked for sharing, in page order, and whether check-ins are."""
        ids = [exercise_id for exercise_id, tick in self.ticks.items() if tick.value]
        return ids, bool(self.checkin_tick is not None and self.checkin_tick.value)

    def make(self) -> list[ExportFile]:
        """Make the share files from what is ticked."""
        ids, with_checkins = self.chosen()
        if not ids and not with_checkins:
            self.result.value = _problem("Tick at least one answer to share.")
            return []
        files = share_files(self.store, self.pack, ids, with_checkins, current_clock().today())
        titles = [self.ticks[e].description for e in ids]
        if with_checkins:
            titles.append("My daily check-ins")
        listed = "".join(f"<li>{esc(title)}</li>" for title in titles)
        self.result.value = (
            f'<div role="status"><p>Your share file holds only:</p><ul>{listed}</ul>'
            f"{_links(files)}</div>"
        )
        return files

    def reset(self) -> None:
        """Put the list away: after an import or erase it no longer fits."""
        self.result.value = ""
        self.choices.children = []
        self.ticks, self.step_ticks, self.checkin_tick = {}, {}, None
        self.button.layout.display = None


def _tick_all(children: list[w.Checkbox]) -> Callable[[dict], None]:
    def tick_all(change: dict) -> None:
        for child in children:
            child.value = change["new"]

    return tick_all


class ImportPanel(w.VBox):
    """Bring answers back from a JSON export: checked first, then merged.

    Parameters
    ----------
    store
        The person's store.
    on_import
        Called after an import added to the store, so the page redraws.
    """

    def __init__(self, store: AnswerStore, on_import: Callable[[], None]) -> None:
        self.store, self._on_import = store, on_import
        self.upload = w.FileUpload(
            accept=".json,application/json",
            multiple=False,
            description="Choose an export file",
            layout=w.Layout(width="auto", align_self="flex-start"),
        )
        self.upload.observe(self._uploaded, "value")
        self.message = html_block(layout=w.Layout())
        self.confirm_button = _button("Add these answers to my workbook", style="primary")
        self.confirm_button.on_click(lambda _b: self.confirm())
        self.cancel_button = _button("Do not import")
        self.cancel_button.on_click(lambda _b: self.cancel())
        self.actions = w.HBox(
            [self.confirm_button, self.cancel_button], layout=w.Layout(display="none")
        )
        self.actions.add_class("hw-row")
        self._pending: bytes | None = None
        super().__init__(
            [
                html_block(
                    '<h3 id="import">Bring answers back</h3><p>Choose a JSON file exported '
                    "from this workbook. It is checked before anything is added, and nothing "
                    "you already have is changed or lost.</p>"
                ),
                self.upload,
                self.message,
                self.actions,
            ]
        )

    def _uploaded(self, change: dict) -> None:
        uploads = change["new"]
        if not uploads:
            return
        upload = uploads[0]
        self.offer(bytes(upload["content"]), str(upload.get("name", "the file")))

    def offer(self, raw: bytes, name: str) -> bool:
        """Check ``raw`` and ask before adding it; return True if it can be imported."""
        self._pending = None
        try:
            data = read_export(raw)
        except ImportRefused as exc:
            self.message.value = _problem(f"{name} was not imported: {exc}. Nothing was changed.")
            self.actions.layout.display = "none"
            return False
        answers = data["answers"]
        versions = sum(len(answer["revisions"]) for answer in answers)
        days = sum(1 for answer in answers if answer["exercise_id"].startswith(CHECKIN_PREFIX))
        exported = str(data.get("exported_at", ""))[:10] or "an unknown day"
        self._pending = raw
        self.message.value = (
            f'<div role="status"><p>{esc(name)} is a workbook export from {esc(exported)}: '
            f"{plural(len(answers) - days, 'answer')} and {plural(days, 'check-in')}, "
            f"{plural(versions, 'saved version')} in all. Nothing has been added yet.</p></div>"
        )
        self.actions.layout.display = None
        return True

    def confirm(self) -> None:
        """Merge the checked file into the store."""
        raw, self._pending = self._pending, None
        self.actions.layout.display = "none"
        self.upload.value = ()
        if raw is None:
            return
        try:
            result = import_json(self.store, raw)
        except (ImportRefused, StoreError) as exc:
            self.message.value = _problem(f"Not imported: {exc}. Nothing was changed.")
            return
        self.message.value = (
            f'<div role="status"><p>Imported. {plural(result.added, "saved version")} '
            f"added; {result.already_there} already here, not added twice.</p></div>"
        )
        self._on_import()

    def cancel(self) -> None:
        """Forget the chosen file."""
        self.reset()
        self.message.value = '<p class="hw-status-text">Nothing was imported.</p>'

    def reset(self) -> None:
        """Forget a file waiting to be imported (after an erase, it would bring answers back)."""
        self._pending = None
        self.upload.value = ()
        self.actions.layout.display = "none"
        self.message.value = ""  # no "Nothing has been added yet" about a forgotten file


class ErasePanel(w.VBox):
    """Delete everything, after a confirmation that names what goes and offers a copy.

    Parameters
    ----------
    store
        The person's store.
    on_erase
        Called after an erase, with ``True`` when everything was deleted and ``False``
        when it failed part-way (the page redraws from what is left either way).
    """

    def __init__(self, store: AnswerStore, on_erase: Callable[[bool], None]) -> None:
        self.store, self._on_erase = store, on_erase
        self.button = _button(
            "Delete all my data…", "Shows what would be deleted first", hideable=True
        )
        self.button.on_click(lambda _b: self.ask())
        self.confirmation = w.VBox()
        self.message = html_block(layout=w.Layout())
        self._asked_count: int | None = None  # revisions when the confirmation was shown
        super().__init__(
            [
                html_block(
                    '<h3 id="erase">Delete everything</h3><p>Remove every answer, check-in '
                    "and setting from this computer. You will see exactly what goes first.</p>"
                ),
                self.button,
                self.confirmation,
                self.message,
            ]
        )

    def summary(self) -> list[str]:
        """What erasing would delete, in plain words, one item per line."""
        saved = self.store.exercise_ids()
        days = sum(1 for exercise_id in saved if exercise_id.startswith(CHECKIN_PREFIX))
        answers = len(saved) - days
        items = []
        if answers:
            items.append(f"your answers to {plural(answers, 'exercise')}")
        if days:
            items.append(plural(days, "daily check-in"))
        if saved:
            items.append(f"every earlier version of them ({self.store.revision_count()} in all)")
        settings = self.store.settings()
        if "country" in settings:
            items.append("your choice of country")
        elif settings:
            items.append("your settings")
        for copy in self.store.set_aside_files():
            items.append(f"an older answers file that was set aside: {copy}")
        return items

    def ask(self, note: str = "") -> None:
        """Show what would be deleted, offer an export first, and ask to confirm."""
        try:
            items = self.summary()
            backup = json_file(self.store, current_clock().today()) if items else None
            self._asked_count = self.store.revision_count()
        except (StoreError, OSError) as exc:
            self.message.value = _problem(
                f"Your answers cannot be read right now ({type(exc).__name__}). Nothing was "
                "deleted."
            )
            return
        self.message.value = note
        if not items:
            self.confirmation.children = [
                html_block('<p class="hw-empty">There is nothing saved to delete.</p>')
            ]
            return
        listed = "".join(f"<li>{esc(item)}</li>" for item in items)
        keep = _button("Keep my data")
        keep.on_click(lambda _b: self.cancel())
        delete = _button("Delete everything", "Delete every answer now", style="danger")
        delete.on_click(lambda _b: self.erase())
        actions = w.HBox([keep, delete])
        actions.add_class("hw-row")
        self.confirmation.children = [
            html_block(
                '<div class="hw-confirm" role="group" aria-labelledby="hw-erase-title">'
                '<h4 id="hw-erase-title">Delete all your data?</h4>'
                f"<p>This deletes, from <code>{esc(self.store.path.parent)}</code>:</p>"
                f"<ul>{listed}</ul><p><strong>This cannot be undone.</strong> Files you "
                "downloaded are yours and are not touched.</p>"
                f"<p>Want a copy first? {download_link(backup)}</p></div>"
            ),
            actions,
        ]
        self.button.layout.display = "none"

    def cancel(self) -> None:
        """Close the confirmation; nothing is deleted."""
        self.confirmation.children = []
        self.button.layout.display = None
        self.message.value = '<p class="hw-status-text" role="status">Nothing was deleted.</p>'

    def erase(self) -> None:
        """Delete every answer, check-in and setting (and set-aside copies).

        If answers were saved or imported since the confirmation was shown, it is
        shown again with the new list, and nothing is deleted yet.
        """
        try:
            changed = self.store.revision_count() != self._asked_count
        except StoreError:
            changed = True
        if changed:
            self.ask(
                '<p class="hw-problem" role="alert">Your answers changed since this question '
                "was shown. Here is what would be deleted now.</p>"
            )
            return
        self.confirmation.children = []
        self.button.layout.display = None
        try:
            self.store.erase_all()
            for copy in self.store.set_aside_files():
                for part in (
                    copy,
                    copy.with_name(copy.name + "-wal"),
                    copy.with_name(copy.name + "-shm"),
                ):
                    part.unlink(missing_ok=True)
        except (StoreError, OSError) as exc:
            self.message.value = _problem(
                f"Not everything could be deleted ({type(exc).__name__}). Try again, or ask "
                "whoever runs this workbook for help."
            )
            self._on_erase(False)
            return
        self.message.value = (
            '<p class="hw-status-text" role="status">Everything is deleted. The workbook '
            "is empty and ready to use as new.</p>"
        )
        self._on_erase(True)


class DataPanel(w.VBox):
    """The journey page's data section: the four panels, told of each other's changes.

    Parameters
    ----------
    pack, store
        The content pack and the person's store.
    export_dir
        Where files are also written outside Voila (``None``: never written).
    on_change
        Called after an import (with ``False``) or an erase (``True``) changed the
        store, so the page redraws.
    """

    def __init__(
        self,
        pack: Pack,
        store: AnswerStore,
        export_dir: Path | None,
        on_change: Callable[[bool], None],
    ) -> None:
        self._on_change = on_change
        self.download = DownloadPanel(pack, store, export_dir)
        self.share = SharePanel(pack, store)
        self.importer = ImportPanel(store, on_import=lambda: self._changed(erased=False))
        self.eraser = ErasePanel(store, on_erase=self._erased)
        super().__init__([self.download, self.share, self.importer, self.eraser])
        self.add_class("hw-my-data")

    def _changed(self, erased: bool) -> None:
        """An import changed the store: the share list no longer fits."""
        self.share.reset()
        self._on_change(erased)

    def _erased(self, completed: bool) -> None:
        """After an erase, prepared files and a waiting import would bring answers back."""
        if completed:
            self.download.reset()
            self.importer.reset()
            self.share.reset()
        self._on_change(True)


def _problem(text: str) -> str:
    return f'<p class="hw-problem" role="alert">{esc(text)}</p>'
