"""Serve the workbook to the person who started it, and to nobody else.

``python -m widgets.serve`` (what ``python3 run.py app`` runs) starts Voila on the
workbook with four additions, all at one choke point that every request and every
websocket passes through (the Tornado application's ``find_handler``), so the pages,
the kernel websocket, Voila's APIs and every static file of the template are covered
alike:

1. **A secret for each start.** A fresh token from :mod:`secrets`. Opening the
   workbook with ``?token=…`` once sets a cookie (HttpOnly, SameSite=Strict, holding
   a second secret of this start, never the token) and moves on to the same address
   without the token, so links between pages keep working and the token does not stay
   in the address bar or history; any request that carries ``?token=`` is answered
   that way, so the token never reaches Voila, a kernel or a log. Browsers send a
   cookie to every port of a host, so another local server the person visits would
   receive the session cookie (named after this port): it is worth nothing once this
   server stops, and the Host check keeps other sites from using it.
   Without the cookie or the token every path answers 403 with a plain page that
   holds no answer text. The token is never logged, never put on a command line
   (``ps`` cannot show it) and never passed to the page kernels.
2. **Host and origin checks.** A request whose ``Host`` is not 127.0.0.1, localhost,
   [::1] or a name listed in ``HEALING_WORKBOOK_ALLOWED_HOSTS`` is refused, which
   stops DNS rebinding; so is any request (a websocket upgrade included) whose
   ``Origin`` is not this server's own address.
3. **Strict headers** on every answer: a Content-Security-Policy that allows only
   this server (plus inline script and style, and ``data:`` images and fonts, which
   Voila's page and the widget manager need; no eval, no other host), ``frame-ancestors 'none'``,
   ``X-Frame-Options: DENY``, ``X-Content-Type-Options: nosniff`` and
   ``Referrer-Policy: no-referrer``.
4. **A browser that opens itself**, like ``jupyter lab``: through a redirect file
   readable by its owner only (0600, in a 0700 folder), so the token does not appear
   in the process list; the address is printed for those who open it by hand (with
   the token only when the output is a terminal, so a log file never holds it).
   ``--no-browser`` turns the browser off.

Why Voila's own server and not Voila as a Jupyter Server extension: the extension
brings Jupyter Server's tokens and checks, but also its whole REST API (files, any
kernel with code execution, terminals) on the same origin as the person's journal;
standalone Voila serves only the workbook's pages and refuses code execution from the
page. Inside JupyterHub, where Voila runs as an extension of each person's own server,
JupyterHub's login does this job.
"""

from __future__ import annotations

import argparse
import hmac
import ipaddress
import logging
import os
import secrets
import shutil
import socket
import sys
import tempfile
import webbrowser
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import tornado.ioloop
import tornado.web

from .clock import current as current_clock
from .config import ENV_START_TIME, ENV_START_TIME_SINCE, get_config
from .words import esc

__all__ = ["CONTENT_SECURITY_POLICY", "ENV_TOKEN", "Guard", "guard_application", "main"]

log = logging.getLogger(__name__)

#: Set by a parent process (the browser tests) to choose the secret; read once and
#: removed from the environment before any page kernel starts.
ENV_TOKEN = "HEALING_WORKBOOK_TOKEN"
START_PAGE = "voila/render/00_start.ipynb"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

#: Measured, not guessed (every browser test fails on a violation, which chromium
#: reports as a console error): Voila's page runs inline scripts (its cell loop and
#: config) and widgets set inline styles; the page uses data: images (its favicon)
#: and fonts; the kernel websocket is this server ('self' covers ws: on the same host
#: and port in CSP 3). Nothing needs eval, blob: or another host.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}

REFUSED_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>This workbook is private</title>
<link rel="icon" href="data:,">
<style>body{{font:1.1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;
padding:0 1rem;color:#1d1d1d}}</style></head>
<body><main><h1>This workbook is private</h1><p>{reason}</p>
<p>Open it on the computer and account that started it, with the link it opened or
printed. If you closed that window, stop the workbook and start it again with
<code>python3 run.py app</code>.</p></main></body></html>
"""


@dataclass(frozen=True)
class Guard:
    """Decides, for each request, whether it may reach the workbook.

    Parameters
    ----------
    token
        The secret of this start.
    port
        The port the server listens on (the cookie is named after it, so two
        workbooks on one computer do not share a cookie).
    extra_hosts
        Host names the person allowed besides the local ones.
    """

    token: str
    port: int
    extra_hosts: frozenset[str] = frozenset()
    #: What the cookie holds: another secret of this start, never the token itself.
    session: str = ""

    def __post_init__(self) -> None:
        if not self.session:
            object.__setattr__(self, "session", secrets.token_urlsafe(32))

    @property
    def cookie_name(self) -> str:
        """The cookie carrying this start's session, named after the port.

        Two workbooks on one computer then do not overwrite each other's cookie.
        """
        return f"healing-workbook-{self.port}"

    def host_allowed(self, host_header: str | None) -> bool:
        """Say whether ``Host`` is this computer (or a name the person configured)."""
        host = _host_name(host_header)
        if host is None:
            return False
        if host in self.extra_hosts or host in LOCAL_HOSTS:
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False

    def origin_allowed(self, origin: str | None, host_header: str | None) -> bool:
        """Say whether ``Origin``, when the browser sent one, is this server's own address."""
        if origin is None:
            return True
        parts = urlsplit(origin)
        return (
            parts.scheme in {"http", "https"}
            and parts.netloc.lower() == (host_header or "").lower()
        )

    def has_session(self, cookie: str | None) -> bool:
        """Say whether ``cookie`` is this start's session (compared in constant time)."""
        return cookie is not None and _same_secret(cookie, self.session)

    def token_matches(self, candidate: str) -> bool:
        """Say whether ``candidate`` is this start's token (compared in constant time)."""
        return _same_secret(candidate, self.token)


def _same_secret(candidate: str, secret: str) -> bool:
    """Constant-time comparison that any text (non-ASCII too) can be fed."""
    return hmac.compare_digest(
        candidate.encode("utf-8", "surrogateescape"), secret.encode("utf-8", "surrogateescape")
    )


def _host_name(host_header: str | None) -> str | None:
    """The host part of a ``Host`` header, without its port or IPv6 brackets."""
    if not host_header:
        return None
    host = host_header.strip().lower()
    if host.startswith("["):
        end = host.find("]")
        return host[1:end] if end > 0 else None
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class RefusedHandler(tornado.web.RequestHandler):
    """A plain 403 page (or a bare 403 for a websocket): nothing of the workbook."""

    def initialize(self, reason: str) -> None:
        self.reason = reason

    def prepare(self) -> None:
        self.set_status(403)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(REFUSED_PAGE.format(reason=esc(self.reason)))

    def log_exception(self, *args: Any) -> None:  # a refusal is not an error
        return


OPENING_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="0;url={target}">
<link rel="icon" href="data:,">
<title>Opening the Healing Workbook</title></head>
<body><p><a href="{target}">Open the Healing Workbook</a></p></body></html>
"""


class OpenWithTokenHandler(tornado.web.RequestHandler):
    """A visit with ``?token=``: set the session cookie, then go on without the token.

    It answers with a small page that moves on to the same address without the
    token, not with a redirect: a browser that arrived from the local link file
    (another site) does not send a SameSite=Strict cookie along a redirect, but does
    on a navigation this server's own page starts.
    """

    def initialize(self, guard: Guard) -> None:
        self.guard = guard

    def prepare(self) -> None:
        self.set_cookie(
            self.guard.cookie_name,
            self.guard.session,
            path="/",
            httponly=True,
            samesite="Strict",
        )
        query = [(k, v) for k, v in parse_qsl(self.request.query, True) if k != "token"]
        path = "/" + self.request.path.lstrip("/")  # never //other.host
        target = path + (f"?{urlencode(query)}" if query else "")
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(OPENING_PAGE.format(target=esc(target)))


class SecurityHeaders(tornado.web.OutputTransform):
    """Adds the strict headers to every answer (replacing Jupyter's weaker CSP)."""

    def transform_first_chunk(self, status_code, headers, chunk, finishing):
        for name, value in SECURITY_HEADERS.items():
            headers[name] = value
        return status_code, headers, chunk


def check(guard: Guard, request) -> tuple[str, str]:
    """``("allow", "")``, ``("open", "")`` or ``("refuse", reason)`` for ``request``."""
    host = request.headers.get("Host")
    if not guard.host_allowed(host):
        return "refuse", "This address is not the computer the workbook runs on."
    if not guard.origin_allowed(request.headers.get("Origin"), host):
        return "refuse", "A page from another site cannot reach this workbook."
    offered = [v for k, v in parse_qsl(request.query, True) if k == "token"]
    if offered:  # never let the token reach Voila, the kernel or a log: take it off
        if guard.token_matches(offered[0]) and request.method in {"GET", "HEAD"}:
            return "open", ""
        return "refuse", "This link's secret is not the one the workbook gave when it started."
    if guard.has_session(_cookie(request, guard.cookie_name)):
        return "allow", ""
    return "refuse", "This page needs the secret link the workbook gave when it started."


def _cookie(request, name: str) -> str | None:
    morsel = request.cookies.get(name) if hasattr(request, "cookies") else None
    return morsel.value if morsel is not None else None


def guard_application(app: tornado.web.Application, guard: Guard) -> None:
    """Put ``guard`` in front of every handler of ``app`` and add the strict headers."""
    find_handler = app.find_handler

    def guarded_find_handler(request, **kwargs):
        verdict, reason = check(guard, request)
        if verdict == "allow":
            return find_handler(request, **kwargs)
        if verdict == "open":
            return app.get_handler_delegate(request, OpenWithTokenHandler, {"guard": guard})
        return app.get_handler_delegate(request, RefusedHandler, {"reason": reason})

    app.find_handler = guarded_find_handler  # the router every connection asks
    app.transforms.append(SecurityHeaders)
    app.settings["log_function"] = _log_request


def _log_request(handler: tornado.web.RequestHandler) -> None:
    """Log a request by its path only: never its query (a token) or its body."""
    status = handler.get_status()
    if status < 400:
        return
    log.warning("%d %s %s", status, handler.request.method, handler.request.path)


def allowed_hosts(text: str) -> frozenset[str]:
    """Host names from a comma- or space-separated setting."""
    return frozenset(name.strip().lower() for name in text.replace(",", " ").split() if name)


def write_redirect_file(folder: Path, url: str) -> Path:
    """A local page, readable by its owner only, that sends the browser to ``url``."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    path = folder / "open-healing-workbook.html"
    safe = esc(url)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="0;url={safe}">'
            "<title>Opening the Healing Workbook</title></head>"
            f'<body><p><a href="{safe}">Open the Healing Workbook</a></p></body></html>'
        )
    return path


def make_voila_class():
    """Voila's app with the guard put in front of it just before it listens."""
    from voila.app import Voila

    class GuardedVoila(Voila):
        guard: Guard | None = None
        on_listening: Any = None
        on_stopping: Any = None

        def listen(self) -> None:
            guard_application(self.app, self.guard)
            if self.on_listening is not None:
                tornado.ioloop.IOLoop.current().add_callback(self.on_listening, self)
            super().listen()

        def stop(self) -> None:
            # First what must not outlive the server (the private link), then the
            # kernels, which can take a while to end on a busy machine.
            if self.on_stopping is not None:
                self.on_stopping()
            super().stop()

    return GuardedVoila


def free_port(preferred: int) -> int:
    """``preferred`` if it is free on 127.0.0.1, else any free port."""
    for port in (preferred, 0):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError("no free port on 127.0.0.1")


def parse_args(argv: Iterable[str]) -> argparse.Namespace:
    """The command line of ``python -m widgets.serve``."""
    parser = argparse.ArgumentParser(
        prog="python -m widgets.serve", description="Serve the Healing Workbook privately."
    )
    parser.add_argument("notebooks", nargs="?", default=str(_default_notebooks()))
    parser.add_argument("--port", type=int, default=8866, help="preferred port (default 8866)")
    parser.add_argument(
        "--no-browser", action="store_true", help="do not open a browser; print the address"
    )
    return parser.parse_known_args(list(argv))


def _default_notebooks() -> Path:
    return Path(__file__).resolve().parent.parent / "workbook"


def main(argv: Iterable[str] | None = None) -> int:
    """Start the guarded workbook server; return its exit status."""
    (args, voila_args) = parse_args(sys.argv[1:] if argv is None else argv)
    token = os.environ.pop(ENV_TOKEN, "") or secrets.token_urlsafe(32)
    if os.environ.get(ENV_START_TIME):  # every page kernel's clock runs from now
        os.environ[ENV_START_TIME_SINCE] = current_clock().now().isoformat()
    port = free_port(args.port)
    guard = Guard(token, port, allowed_hosts(get_config().allowed_hosts))
    start_url = f"http://127.0.0.1:{port}/{START_PAGE}"
    private = Path(tempfile.mkdtemp(prefix="healing-workbook-"))
    redirect = write_redirect_file(private, f"{start_url}?token={token}")

    def announce(_app: Any) -> None:
        print("\nThe Healing Workbook is running, for you only.", flush=True)
        if sys.stdout.isatty():
            print(f"Open it with this private link:\n\n    {start_url}?token={token}\n")
        else:
            print(f"Open it with the private link in {redirect}\n(address: {start_url})\n")
        print("Press Ctrl+C here to stop it.\n", flush=True)
        if not args.no_browser:
            try:
                opened = webbrowser.open(redirect.as_uri())
            except webbrowser.Error:
                opened = False
            if not opened:
                print("No web browser could be opened: use the link above.", flush=True)

    app_class = make_voila_class()
    app = app_class()
    app.guard = guard
    app.on_listening = announce
    app.on_stopping = lambda: shutil.rmtree(private, ignore_errors=True)
    try:
        app.initialize(
            [
                args.notebooks,
                f"--port={port}",
                "--Voila.port_retries=0",
                "--Voila.ip=127.0.0.1",
                "--no-browser",
                *voila_args,
            ]
        )
        app.start()
    except KeyboardInterrupt:
        pass
    finally:
        shutil.rmtree(private, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
