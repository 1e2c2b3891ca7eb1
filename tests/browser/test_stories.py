"""Can a person see a character's answer beside an exercise, follow it to the scene,
and read the stories whole, at desktop and phone width?"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser.helpers import (
    PHONE,
    cut_off_at_right_edge,
    exercise,
    serious_axe_violations,
    sideways_overflow,
)
from widgets.content import load_pack
from widgets.stories import scene_anchor

pytestmark = pytest.mark.browser

STEP1 = "01_grieve.ipynb"
STORIES = "stories.ipynb"
PACK = load_pack("data")


def test_a_worked_example_shows_the_characters_answer_read_only(pages):
    """On step 1, does "Show how Zane filled it in" reveal his answer, disabled, unsaved?"""
    page = pages.open(STEP1)
    story, example = PACK.examples_for("grieve-feelings-check-in")[0]
    card = page.locator(".hw-example").filter(has_text=f"Worked example from “{story.title}”")
    card = card.filter(has_text=example.retelling[:40]).first
    expect(card.locator(".hw-content-note")).to_be_visible()
    toggle = card.get_by_role("button", name=f"Show how {example.character} filled it in")
    toggle.click()
    answer = card.locator(".hw-exercise")
    expect(answer.locator(".hw-badge")).to_have_text("Worked example (read only)")
    chosen = next(iter(example.value))
    ticked = answer.get_by_role("checkbox", name=chosen)
    expect(ticked).to_be_checked()
    expect(ticked).to_be_disabled()
    expect(answer.get_by_role("button", name="Save")).to_have_count(0)
    # the person's own exercise below is untouched
    own = exercise(page, PACK.exercises["grieve-feelings-check-in"].title).last
    expect(own.get_by_role("checkbox", name=chosen)).not_to_be_checked()
    card.get_by_role("button", name=f"Hide how {example.character} filled it in").click()
    expect(answer).to_have_count(0)
    pages.screenshot(page, "example")


def test_the_scene_link_opens_the_story_at_that_scene(pages):
    """Does "Read this scene in the story" open the reader scrolled to the scene?"""
    page = pages.open(STEP1)
    story, example = PACK.examples_for("grieve-feelings-check-in")[0]
    card = page.locator(".hw-example").filter(has_text=example.retelling[:40]).first
    card.get_by_role("link", name="Read this scene in the story").click()
    page.wait_for_url(f"**/{STORIES}#{scene_anchor(story.slug, example.scene)}")
    page.locator(".hw-story").first.wait_for(state="visible")
    scene = page.locator(f"#{scene_anchor(story.slug, example.scene)}")
    expect(scene).to_be_in_viewport()
    expect(scene).to_be_focused()


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_story_reader_is_whole_accessible_and_fits(pages, viewport):
    """Does the reader show every story, notes first, with no serious axe finding?"""
    page = pages.open(STORIES, viewport=viewport)
    stories = page.locator("section.hw-story")
    expect(stories).to_have_count(len(PACK.stories))
    for story in PACK.stories:
        section = page.locator(f"section#{story.slug}")
        expect(section.locator(".hw-content-note")).to_contain_text("Content note")
        expect(section.locator("section.hw-scene")).to_have_count(len(story.scenes))
    assert serious_axe_violations(page, STORIES) == []
    assert sideways_overflow(page) <= 1
    assert cut_off_at_right_edge(page) == []
    expect(page.get_by_role("link", name="Back to the start page")).to_be_visible()
    pages.screenshot(page, "reader")


@pytest.mark.parametrize("step", PACK.steps, ids=lambda step: step.slug)
def test_every_step_shows_examples_from_two_stories_in_read_only_widgets(pages, step):
    """Does each step offer two or more worked examples, from different stories, each
    opening in its exercise's own widget, read-only?"""
    page = pages.open(step.notebook)
    cards = page.locator(".hw-example")
    cards.first.wait_for(state="visible")
    labels = [cards.nth(i).locator(".hw-example-label").inner_text() for i in range(cards.count())]
    assert len(labels) >= 2 and len(set(labels)) >= 2, labels
    for index in range(cards.count()):
        card = cards.nth(index)
        card.locator("button.hw-example-toggle").click()
        answer = card.locator(".hw-exercise")
        expect(answer.locator(".hw-badge")).to_have_text("Worked example (read only)")
        expect(answer.get_by_role("button", name="Save")).to_have_count(0)
        editable = answer.locator(
            "textarea:not([disabled]), input:not([disabled]), select:not([disabled])"
        )
        expect(editable).to_have_count(0)
