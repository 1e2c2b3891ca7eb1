"""Probes of the real server, as a stranger would try them: every path, forged hosts,
foreign origins, the kernel websocket, another Unix account, and where the secret goes.
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from voila_app import ROOT, voila_env

from widgets.serve import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.server


PROTECTED = [
    "voila/render/00_start.ipynb",
    "voila/render/01_grieve.ipynb",
    "voila/templates/healing/static/page.js",
    "voila/templates/healing/static/healing-page.css",
    "voila/static/voila.js",
    "voila/api/themes/@jupyterlab/theme-light-extension/index.css",
    "api/kernels",
    "api/kernels/00000000-0000-0000-0000-000000000000/channels",
    "voila/api/shutdown/00000000-0000-0000-0000-000000000000",
    "",
    "login",
]


@pytest.mark.parametrize("path", PROTECTED)
def test_without_the_secret_every_path_is_refused(app, path):
    """No token, or a wrong one: a plain 403 with nothing of the workbook in it."""
    for query in ("", "?token=wrong", f"?token={app.token[:-1]}"):
        status, body, headers = app.fetch(path + query, signed_in=False)
        assert status == 403, (path, query, status)
        assert "This workbook is private" in body
        assert "Step" not in body and "widget" not in body.lower()
        assert "set-cookie" not in headers


def test_the_secret_link_sets_a_private_cookie_and_drops_the_token(app):
    status, body, headers = app.fetch(
        f"voila/render/01_grieve.ipynb?token={app.token}&theme=light", signed_in=False
    )
    # A page of this server moves on (a redirect would drop the Strict cookie for a
    # browser arriving from the local link file), to the address without the token.
    assert status == 200 and app.token not in body
    assert 'content="0;url=/voila/render/01_grieve.ipynb?theme=light"' in body
    cookie = headers["set-cookie"]
    assert f"healing-workbook-{app.port}=" in cookie and app.token not in cookie
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie


def test_a_token_in_the_address_is_always_taken_off(app):
    """Signed in already, a link with the token still never reaches Voila or its kernel."""
    status, body, _headers = app.fetch(f"voila/render/00_start.ipynb?token={app.token}")
    assert status == 200 and "0;url=/voila/render/00_start.ipynb" in body
    assert "The Healing Workbook" not in body  # not the page itself, which Voila renders
    status, _body, _headers = app.fetch("voila/render/00_start.ipynb?token=wrong")
    assert status == 403
    status, _body, _headers = app.fetch("//evil.example/x?token=" + app.token, signed_in=False)
    assert status in {200, 404}  # never a redirect to another host


def test_a_strange_cookie_is_refused_not_a_crash(app):
    """A cookie another local program set (non-ASCII, say) is refused, not a traceback."""
    status, body, _headers = app.fetch(
        "voila/render/00_start.ipynb",
        signed_in=False,
        headers={"Cookie": f"healing-workbook-{app.port}=café"},
    )
    assert status == 403 and "This workbook is private" in body


def test_with_the_cookie_the_pages_and_files_are_served(app):
    for path in PROTECTED[:4]:
        status, _body, _headers = app.fetch(path)
        assert status == 200, path


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:{port}", "attacker.test:80", "10.0.0.5:{port}"]
)
def test_a_forged_host_is_refused_even_with_the_cookie(app, host):
    """DNS rebinding: the browser sends the attacker's name as Host. Refused."""
    status, body, _headers = app.fetch(
        "voila/render/01_grieve.ipynb", headers={"Host": host.format(port=app.port)}
    )
    assert status == 403 and "This workbook is private" in body


def test_a_request_from_another_site_is_refused(app):
    status, _body, _headers = app.fetch(
        "voila/render/00_start.ipynb", headers={"Origin": "http://evil.example"}
    )
    assert status == 403


def test_every_answer_carries_the_strict_headers(app):
    for path, signed_in in [
        ("voila/render/00_start.ipynb", True),
        ("voila/templates/healing/static/page.js", True),
        ("voila/render/00_start.ipynb", False),
    ]:
        _status, _body, headers = app.fetch(path, signed_in=signed_in)
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def _kernel_id(app) -> str:
    status, page, _headers = app.fetch("voila/render/00_start.ipynb")
    assert status == 200
    config = re.search(r'<script id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S)
    return json.loads(config.group(1))["kernelId"]


def _websocket(app, kernel_id: str, origin: str, cookie: bool = True):
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    headers = {"Origin": origin}
    if cookie:
        _s, _b, answer = app.fetch(
            f"voila/render/00_start.ipynb?token={app.token}", signed_in=False
        )
        headers["Cookie"] = answer["set-cookie"].split(";", 1)[0]
    url = f"ws://127.0.0.1:{app.port}/api/kernels/{kernel_id}/channels"

    async def connect():
        connection = await websocket_connect(HTTPRequest(url, headers=headers))
        connection.close()
        return True

    return asyncio.run(connect())


def test_the_kernel_websocket_answers_only_its_own_page(app):
    """A websocket from another origin, or without the cookie, is refused; the page's own works."""
    from tornado.httpclient import HTTPClientError

    kernel_id = _kernel_id(app)
    own = f"http://127.0.0.1:{app.port}"
    assert _websocket(app, kernel_id, own)
    with pytest.raises(HTTPClientError, match="403"):
        _websocket(app, kernel_id, "http://evil.example")
    with pytest.raises(HTTPClientError, match="403"):
        _websocket(app, kernel_id, own, cookie=False)


def test_another_account_on_this_computer_is_refused(app):
    """Run as the Unix user nobody: the server is reachable, the workbook is not."""
    if os.geteuid() != 0 or not shutil.which("runuser") or not shutil.which("curl"):
        pytest.skip("OTHER-ACCOUNT PROBE NOT RUN: needs root, runuser and curl")
    result = subprocess.run(
        [
            *("runuser", "-u", "nobody", "--", "curl", "-s", "-o", "-", "-w", "\n%{http_code}"),
            app.url("01_grieve.ipynb"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    body, _, code = result.stdout.rpartition("\n")
    assert code == "403" and "This workbook is private" in body


def test_the_token_never_reaches_the_log_the_command_line_or_the_kernels(app):
    """After pages and refusals, is the secret nowhere a stranger or a log could read it?"""
    _kernel_id(app)
    app.fetch(f"voila/render/01_grieve.ipynb?token={app.token}x", signed_in=False)
    assert app.token not in app.log()
    import psutil

    server = psutil.Process(app.process.pid)
    kernels = [p for p in server.children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]
    assert kernels
    for process in [server, *kernels]:
        assert app.token not in " ".join(process.cmdline())  # what `ps` shows to anyone
    for kernel in kernels:
        assert app.token not in json.dumps(kernel.environ())
    # The server was handed the token in its environment, which only its owner can read.
    assert os.stat(f"/proc/{server.pid}/environ").st_mode & 0o077 == 0


def _start_serve(tmp_path, extra_args: list[str]) -> tuple[subprocess.Popen, Path]:
    """``python -m widgets.serve`` as run.py starts it, with a stand-in browser."""
    record = tmp_path / "browser-was-given.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\necho "$1" > "{record}"\n')
    browser.chmod(0o700)
    env = voila_env(tmp_path / "data")
    env["BROWSER"] = str(browser)  # what Python's webbrowser module opens
    env.pop("HEALING_WORKBOOK_TOKEN", None)  # the server makes its own secret
    process = subprocess.Popen(
        [sys.executable, "-m", "widgets.serve", "workbook", "--port=0", *extra_args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return process, record


def _read_until(process: subprocess.Popen, marker: str, timeout: float = 90) -> str:
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        seen.append(line)
        if marker in line:
            return "".join(seen)
    raise AssertionError("the server never said: " + marker + "\n" + "".join(seen))


def _stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=60)  # it ends every page kernel first
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_the_app_opens_the_browser_through_a_private_file(tmp_path):
    """Like jupyter lab: the browser is handed a 0600 local page, never the token itself."""
    process, record = _start_serve(tmp_path, [])
    try:
        printed = _read_until(process, "Press Ctrl+C")
        deadline = time.monotonic() + 30
        while not record.exists():
            assert time.monotonic() < deadline, "no browser was opened"
            time.sleep(0.1)
        given = record.read_text().strip()
        assert given.startswith("file://") and "token" not in given
        opened = Path(urllib.parse.unquote(urllib.parse.urlsplit(given).path))
        assert oct(opened.stat().st_mode & 0o777) == "0o600"
        assert oct(opened.parent.stat().st_mode & 0o777) == "0o700"
        link = re.search(r'url=(http://127\.0\.0\.1:(\d+)/[^"]+)"', opened.read_text())
        url = html.unescape(link.group(1))
        assert "/voila/render/00_start.ipynb?token=" in url
        token = url.rsplit("token=", 1)[1]
        assert token not in printed  # output that is not a terminal may be a log file
        assert str(opened) in printed and "127.0.0.1" in printed
        # The link works as a browser uses it: the cookie it sets carries on to the page.
        browser_like = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        opening = browser_like.open(url, timeout=60).read().decode()
        clean = re.search(r'url=(/[^"]+)"', opening).group(1)
        assert clean == "/voila/render/00_start.ipynb"
        answer = browser_like.open(url.split("/voila/")[0] + clean, timeout=60)
        assert answer.status == 200 and "The Healing Workbook" in answer.read().decode()
    finally:
        _stop(process)
    assert not opened.exists(), "the private link file outlived the server"


def test_no_browser_only_prints_where_to_open_it(tmp_path):
    process, record = _start_serve(tmp_path, ["--no-browser"])
    try:
        printed = _read_until(process, "Press Ctrl+C")
        assert "open-healing-workbook.html" in printed
        time.sleep(1)  # the browser would have been started by now
        assert not record.exists()
    finally:
        _stop(process)
