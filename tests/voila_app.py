"""Start and stop the real Voila app for browser tests and the benchmark.

The server runs on 127.0.0.1 on a free port, with the project's voila.json and
template, and with the answer store pointed at a folder the caller gives (never
a real person's data folder).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The server's clock starts here (and runs on), in a fixed time zone, so a browser
#: test sees the same "today" whatever the real date and zone: nothing drifts, and
#: no run crosses midnight. Tests that read dates use :data:`SERVER_TODAY`.
SERVER_ZONE = "Europe/London"
SERVER_START = "2026-11-23T21:14:00+00:00"
SERVER_TODAY = dt.date(2026, 11, 23)


def free_port() -> int:
    """Ask the OS for a free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class VoilaApp:
    """A running workbook server (``python -m widgets.serve``)."""

    base_url: str
    process: subprocess.Popen
    log_path: Path
    #: The secret of this start, as the person's link carries it.
    token: str = ""

    def url(self, notebook: str) -> str:
        """Address of a notebook page, e.g. ``url("01_grieve.ipynb")`` (no token)."""
        return f"{self.base_url}voila/render/{notebook}"

    def open_url(self, notebook: str) -> str:
        """The private link to a page: a browser opening it gets the session cookie."""
        return f"{self.url(notebook)}?token={self.token}"

    def fetch(
        self, path: str, *, signed_in: bool = True, headers: dict[str, str] | None = None
    ) -> tuple[int, str, dict[str, str]]:
        """GET ``path`` (relative to the server) as one request; redirects are not followed.

        ``signed_in`` first opens the start page with the token and sends the
        session cookie it sets, as a browser would.
        """
        sent = dict(headers or {})
        if signed_in:
            status, _body, answer = self.fetch(
                f"voila/render/00_start.ipynb?token={self.token}", signed_in=False
            )
            assert status == 200, status
            sent.setdefault("Cookie", answer["set-cookie"].split(";", 1)[0])
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request("GET", "/" + path, headers=sent)
            response = connection.getresponse()
            body = response.read().decode("utf-8", errors="replace")
            return response.status, body, {k.lower(): v for k, v in response.getheaders()}
        finally:
            connection.close()

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return int(self.base_url.rstrip("/").rsplit(":", 1)[1])

    def log(self) -> str:
        """Everything the server printed so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def tracebacks(self) -> list[str]:
        """Every Python traceback in the server's log, each with the lines that follow it."""
        return tracebacks_in(self.log())


TRACEBACK_START = "Traceback (most recent call last)"


def tracebacks_in(log: str) -> list[str]:
    """Each traceback in ``log``: its first line, its frames and the exception line(s)."""
    blocks = []
    lines = log.splitlines()
    for start, line in enumerate(lines):
        if TRACEBACK_START not in line:
            continue
        end = start + 1
        while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end]):
            end += 1
        # three lines of context before it, and the exception line after its frames
        blocks.append("\n".join(lines[max(0, start - 3) : end + 1]))
    return blocks


def is_workbook_traceback(block: str) -> bool:
    """True when a traceback passes through the workbook package or its notebooks."""
    own = (str(ROOT / "widgets") + os.sep, str(ROOT / "workbook") + os.sep)
    return any(
        line.strip().startswith("File ") and any(marker in line for marker in own)
        for line in block.splitlines()
    )


def voila_env(data_dir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for a Voila server (and its kernels) using ``data_dir`` as the store folder."""
    env = dict(os.environ)
    env["HEALING_WORKBOOK_DATA_DIR"] = str(data_dir)
    env["HEALING_WORKBOOK_START_TIME"] = SERVER_START
    env["TZ"] = SERVER_ZONE
    env["JUPYTER_PATH"] = os.pathsep.join(
        filter(None, [str(ROOT / "share" / "jupyter"), env.get("JUPYTER_PATH")])
    )
    env.setdefault("PYTHONUNBUFFERED", "1")
    env.update(extra or {})
    return env


@contextlib.contextmanager
def running_voila(
    data_dir: Path,
    notebook_dir: Path | None = None,
    log_path: Path | None = None,
    extra_env: dict[str, str] | None = None,
    timeout: float = 90.0,
) -> Iterator[VoilaApp]:
    """Run Voila on the workbook (or ``notebook_dir``) until the block ends."""
    port = free_port()
    log_path = log_path or data_dir / "voila.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "widgets.serve",
        str(notebook_dir or ROOT / "workbook"),
        f"--port={port}",
        "--no-browser",
    ]
    token = secrets.token_urlsafe(32)  # through the environment, never the command line
    with open(log_path, "wb") as log_file:
        process = subprocess.Popen(
            command,
            cwd=ROOT,  # voila.json is read from the working directory
            env={**voila_env(data_dir, extra_env), "HEALING_WORKBOOK_TOKEN": token},
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        app = VoilaApp(f"http://127.0.0.1:{port}/", process, log_path, token)
        try:
            _wait_until_up(app, timeout)
            yield app
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(app: VoilaApp, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.process.poll() is not None:
            raise RuntimeError(f"Voila exited early:\n{app.log()}")
        try:
            with urllib.request.urlopen(app.base_url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # the server answers, even if not with a page: it is up
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"Voila did not start within {timeout} s:\n{app.log()}")
