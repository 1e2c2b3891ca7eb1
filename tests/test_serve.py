"""Only the person who started the workbook can open it: the rules, in plain Python.

The same rules against the real server are in test_serve_probes.py.
"""

from __future__ import annotations

import pytest

from widgets.serve import Guard, allowed_hosts, write_redirect_file

# ------------------------------------------------------------------ the rules


@pytest.fixture
def guard() -> Guard:
    return Guard("the-secret", 8866, allowed_hosts("journal.home, other.lan"))


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("127.0.0.1:8866", True),
        ("localhost:8866", True),
        ("LOCALHOST:8866", True),
        ("[::1]:8866", True),
        ("127.0.0.2:8866", True),  # all of 127/8 is this computer
        ("journal.home:8866", True),  # configured by the person
        ("evil.example:8866", False),
        ("localhost.evil.example:8866", False),
        ("192.168.1.20:8866", False),
        ("[::ffff:8.8.8.8]:8866", False),
        ("", False),
        (None, False),
    ],
)
def test_only_this_computers_names_are_answered(guard, host, allowed):
    assert guard.host_allowed(host) is allowed


def test_an_origin_must_be_this_server(guard):
    assert guard.origin_allowed(None, "127.0.0.1:8866")  # not sent: a same-origin GET
    assert guard.origin_allowed("http://127.0.0.1:8866", "127.0.0.1:8866")
    assert not guard.origin_allowed("http://evil.example", "127.0.0.1:8866")
    assert not guard.origin_allowed("http://127.0.0.1:9999", "127.0.0.1:8866")
    assert not guard.origin_allowed("null", "127.0.0.1:8866")


def test_the_cookie_is_a_second_secret_not_the_token(guard):
    assert guard.session and guard.session != guard.token
    assert guard.has_session(guard.session)
    assert not guard.has_session(guard.token) and not guard.has_session(None)
    assert guard.token_matches("the-secret") and not guard.token_matches("the-secreT")
    assert Guard("the-secret", 8866).session != guard.session  # new for every start


def test_the_redirect_file_is_the_owners_alone(tmp_path):
    url = "http://127.0.0.1:8866/voila/render/00_start.ipynb?token=abc&x=<b>"
    path = write_redirect_file(tmp_path / "private", url)
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert oct(path.parent.stat().st_mode & 0o777) == "0o700"
    text = path.read_text()
    assert "token=abc&amp;x=&lt;b&gt;" in text and "<b>" not in text
