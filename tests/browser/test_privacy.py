"""Private by default, in a real browser: a rebound name or a stranger's tab gets nothing."""

from __future__ import annotations

import pytest

from browser.conftest import CHROMIUM_ARGS
from browser.helpers import exercise, wait_saved, wait_until_interactive

pytestmark = pytest.mark.browser

STEP1 = "01_grieve.ipynb"
JOURNAL = "A note giving yourself permission to feel"
SECRET = "rebind-probe-5e1c: the song from our first night"


def test_a_rebound_host_name_gets_nothing_even_with_the_token(
    pages, app, playwright_instance, chromium_path
):
    """DNS rebinding: evil.example resolves to this computer. Is every answer kept from it?"""
    page = pages.open(STEP1)
    box = exercise(page, JOURNAL)
    box.locator("textarea").fill(SECRET)
    wait_saved(box)

    # What a rebinding attack achieves: the attacker's name now points at 127.0.0.1.
    rebound = playwright_instance.chromium.launch(
        executable_path=str(chromium_path),
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP evil.example 127.0.0.1"],
    )
    try:
        foreign = rebound.new_context().new_page()
        origin = f"http://evil.example:{app.port}"
        # Even the token does not help a page served under the attacker's name.
        response = foreign.goto(f"{origin}/voila/render/{STEP1}?token={app.token}")
        assert response.status == 403
        assert SECRET not in foreign.content()
        assert "This workbook is private" in foreign.content()
        # The attacker's script, running on that origin, asks for the page and a file.
        probes = foreign.evaluate(
            """async () => Promise.all(
                 ['/voila/render/01_grieve.ipynb', '/voila/templates/healing/static/page.js',
                  '/api/kernels'].map(async (path) => {
                   const answer = await fetch(path, {credentials: 'include'});
                   return [answer.status, await answer.text()];
                 }))"""
        )
        for status, body in probes:
            assert status == 403 and SECRET not in body
    finally:
        rebound.close()

    # The person, on 127.0.0.1 with the link, still has every word.
    again = pages.open(STEP1)
    assert exercise(again, JOURNAL).locator("textarea").input_value() == SECRET
    assert SECRET not in app.log() and app.token not in app.log()


def test_a_tab_without_the_link_is_refused(pages, app, browser):
    """Another browser profile (another person at the same computer) opens the address."""
    stranger = browser.new_context().new_page()
    response = stranger.goto(app.url("00_start.ipynb"))
    assert response.status == 403
    assert "This workbook is private" in stranger.content()
    assert "Step 1" not in stranger.content()
    stranger.context.close()


def test_links_between_pages_keep_working_after_the_first_visit(pages):
    """The token is used once; after that the cookie carries the person from page to page."""
    page = pages.open("00_start.ipynb")
    assert "token=" not in page.url
    with page.expect_navigation(url=f"**/{STEP1}"):
        page.locator("ol.hw-steps a", has_text="Step 1:").click()
    wait_until_interactive(page)  # the page's own ready signal, not a guess
    assert page.locator("h1", has_text="Allow yourself to grieve").is_visible()
    assert "token=" not in page.url


def test_the_link_file_opens_the_workbook_as_the_launch_does(app, browser, tmp_path):
    """The person's browser starts at the local link file: does it land, signed in, on the
    start page (a SameSite=Strict cookie set on a redirect from a file would be lost)?"""
    from widgets.serve import write_redirect_file

    link = write_redirect_file(tmp_path / "private", app.open_url("00_start.ipynb"))
    page = browser.new_context().new_page()
    try:
        page.goto(link.as_uri())
        page.wait_for_url("**/voila/render/00_start.ipynb", timeout=60_000)
        wait_until_interactive(page)
        assert "token=" not in page.url
        assert page.locator("ol.hw-steps > li").count() == 10
        with page.expect_navigation(url=f"**/{STEP1}"):  # and the cookie carries on
            page.locator("ol.hw-steps a", has_text="Step 1:").click()
        wait_until_interactive(page)
    finally:
        page.context.close()
