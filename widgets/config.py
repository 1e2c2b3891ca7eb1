"""The one configuration object: where content and answers live.

Every option has a default and a ``help=`` text, and can be overridden by an
environment variable, so a host (JupyterHub, Binder) or a facilitator changes
behaviour without touching code. Nothing else in the package reads the
environment for these settings.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs
from traitlets import Float, HasTraits, Unicode, default, validate

from .clock import Clock, RunningClock, parse_start_time

__all__ = [
    "ENV_ALLOWED_HOSTS",
    "ENV_DATA_DIR",
    "ENV_DEBOUNCE",
    "ENV_EXPORT_DIR",
    "ENV_PACK",
    "ENV_START_TIME",
    "ENV_START_TIME_SINCE",
    "WorkbookConfig",
    "get_config",
    "set_config",
]

ENV_PACK = "HEALING_WORKBOOK_PACK"
ENV_DATA_DIR = "HEALING_WORKBOOK_DATA_DIR"
ENV_DEBOUNCE = "HEALING_WORKBOOK_DEBOUNCE_SECONDS"
ENV_EXPORT_DIR = "HEALING_WORKBOOK_EXPORT_DIR"
ENV_START_TIME = "HEALING_WORKBOOK_START_TIME"
ENV_ALLOWED_HOSTS = "HEALING_WORKBOOK_ALLOWED_HOSTS"
#: Set by the workbook's server for its page kernels: the real moment the start time
#: stood for, so every page's clock runs from the same moment, not from its own start.
ENV_START_TIME_SINCE = "HEALING_WORKBOOK_START_TIME_SINCE"
EXPORT_FOLDER = "my-exports"

APP_NAME = "healing-workbook"
STORE_FILENAME = "answers.sqlite3"

_REPO_ROOT = Path(__file__).resolve().parent.parent
#: The content pack that ships with the workbook (also the fallback for crisis patterns).
DEFAULT_PACK_DIR = _REPO_ROOT / "data"


class WorkbookConfig(HasTraits):
    """Settings for one running workbook (one person, one kernel)."""

    pack_dir = Unicode(
        help=(
            "Folder of the content pack (steps, exercises, crisis resources). "
            f"Default: the project's data/ folder. Environment: {ENV_PACK}."
        )
    )
    data_dir = Unicode(
        help=(
            "Private folder holding this person's answer store. Default: the "
            f"per-user data folder from platformdirs. Environment: {ENV_DATA_DIR}."
        )
    )
    export_dir = Unicode(
        "",
        help=(
            "Folder where JupyterLab users also find their exported files. Default: "
            f"'{EXPORT_FOLDER}' beside the notebooks, so the file browser shows it. "
            f"Environment: {ENV_EXPORT_DIR}."
        ),
    )
    debounce_seconds = Float(
        1.0,
        help=(
            "Quiet time after the last change before an answer is saved. "
            f"Environment: {ENV_DEBOUNCE}."
        ),
    )

    allowed_hosts = Unicode(
        "",
        help=(
            "Host names, besides 127.0.0.1, localhost and [::1], under which the app "
            "answers (comma-separated; empty by default). Any other Host header is "
            f"refused, which stops DNS rebinding. Environment: {ENV_ALLOWED_HOSTS}."
        ),
    )
    start_time = Unicode(
        "",
        help=(
            "Start the workbook's clock at this time (ISO 8601 with a UTC offset) and let "
            "it run on from there, for demonstrations and browser tests. Empty: the "
            f"computer's clock. Environment: {ENV_START_TIME}."
        ),
    )

    @validate("start_time")
    def _check_start_time(self, proposal: dict) -> str:
        if proposal["value"]:
            parse_start_time(proposal["value"])  # raises ValueError with the reason
        return proposal["value"]

    start_time_since = Unicode(
        "",
        help=(
            "The real moment the start time stood for (set by the server for its page "
            "kernels, so every page's clock runs from the same moment). "
            f"Environment: {ENV_START_TIME_SINCE}."
        ),
    )

    def make_clock(self) -> Clock | None:
        """The clock this configuration asks for, or ``None`` for the computer's own."""
        if not self.start_time:
            return None
        since = parse_start_time(self.start_time_since) if self.start_time_since else None
        return RunningClock(parse_start_time(self.start_time), since=since)

    @default("pack_dir")
    def _default_pack_dir(self) -> str:
        return str(DEFAULT_PACK_DIR)

    @default("data_dir")
    def _default_data_dir(self) -> str:
        return platformdirs.user_data_dir(APP_NAME, appauthor=False)

    @property
    def store_path(self) -> Path:
        """Path of this person's SQLite answer store."""
        return Path(self.data_dir) / STORE_FILENAME

    @property
    def export_path(self) -> Path:
        """Folder for exported files (written when not running behind Voila)."""
        return Path(self.export_dir) if self.export_dir else Path.cwd() / EXPORT_FOLDER

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> WorkbookConfig:
        """Build a configuration from defaults overridden by environment variables."""
        environ = os.environ if environ is None else environ
        overrides: dict[str, object] = {}
        if environ.get(ENV_PACK):
            overrides["pack_dir"] = str(Path(environ[ENV_PACK]).expanduser().resolve())
        if environ.get(ENV_DATA_DIR):
            overrides["data_dir"] = str(Path(environ[ENV_DATA_DIR]).expanduser().resolve())
        if environ.get(ENV_EXPORT_DIR):
            overrides["export_dir"] = str(Path(environ[ENV_EXPORT_DIR]).expanduser().resolve())
        if environ.get(ENV_ALLOWED_HOSTS):
            overrides["allowed_hosts"] = environ[ENV_ALLOWED_HOSTS]
        if environ.get(ENV_START_TIME):
            overrides["start_time"] = environ[ENV_START_TIME]
        if environ.get(ENV_START_TIME_SINCE):
            overrides["start_time_since"] = environ[ENV_START_TIME_SINCE]
        if environ.get(ENV_DEBOUNCE):
            overrides["debounce_seconds"] = float(environ[ENV_DEBOUNCE])
        return cls(**overrides)


_current: WorkbookConfig | None = None


def get_config() -> WorkbookConfig:
    """Return the configuration of this process, read from the environment once."""
    global _current
    if _current is None:
        _current = WorkbookConfig.from_environ()
    return _current


def set_config(config: WorkbookConfig | None) -> None:
    """Replace the process configuration (tests; ``None`` re-reads the environment)."""
    global _current
    _current = config
