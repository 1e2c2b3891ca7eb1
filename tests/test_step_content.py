"""Is every step complete: teaching present and readable, 3 to 6 known exercises?"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import textstat

from widgets.content import load_pack
from widgets.exercises import KINDS

ROOT = Path(__file__).resolve().parent.parent
PACK = load_pack(ROOT / "data")
STEPS = list(PACK.steps)
MAX_GRADE = 8.0

#: Reading grade of each step's teaching, printed at the end of the test run.
READING_GRADES: dict[str, float] = {}


def teaching_text(notebook: Path) -> str:
    """The prose of a notebook: its markdown cells, without markdown syntax."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    text = "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links: keep the words
    text = re.sub(r"^\s{0,3}(#+|[-*]|\d+\.)\s+", "", text, flags=re.MULTILINE)
    text = re.sub(r"[*_`>]", "", text)
    return text


def test_the_pack_has_ten_ready_steps():
    """Are all ten steps present, numbered 1 to 10, and none still marked as coming?"""
    assert [step.number for step in STEPS] == list(range(1, 11))
    assert [step.slug for step in STEPS if step.status != "ready"] == []
    assert PACK.ok, PACK.report()


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.slug)
def test_step_has_three_to_six_exercises_of_known_kinds(step):
    """Does the step have 3 to 6 exercises, each of a kind the kit can show?"""
    assert 3 <= len(step.exercise_ids) <= 6, step.exercise_ids
    for exercise_id in step.exercise_ids:
        assert PACK.exercises[exercise_id].kind in KINDS


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.slug)
def test_step_teaching_is_present(step):
    """Does the step's notebook open with its title and real teaching prose?"""
    notebook = ROOT / "workbook" / step.notebook
    text = teaching_text(notebook)
    assert f"Step {step.number}: {step.title}" in text
    assert len(text.split()) >= 150, f"{step.notebook} has only {len(text.split())} words"


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.slug)
def test_step_teaching_reads_at_grade_eight_or_below(step):
    """Is the step's teaching easy to read (Flesch-Kincaid grade 8 or lower)?"""
    grade = textstat.flesch_kincaid_grade(teaching_text(ROOT / "workbook" / step.notebook))
    READING_GRADES[f"{step.number:02d} {step.slug}"] = grade
    assert grade <= MAX_GRADE, f"{step.notebook} reads at grade {grade}"


def test_readability_measure_tells_easy_from_hard_text():
    """Does the measure itself rank a plain sentence below a dense one (so it can fail)?"""
    plain = "You are allowed to be sad. It will not always hurt this much."
    dense = (
        "Notwithstanding considerable interindividual heterogeneity, longitudinal "
        "investigations consistently demonstrate attenuation of psychological distress."
    )
    assert textstat.flesch_kincaid_grade(plain) < MAX_GRADE < textstat.flesch_kincaid_grade(dense)


#: Topics that need a content note before the exercise (issue: safety by design).
SENSITIVE = re.compile(
    r"\b(betray\w*|cheat\w*|affair|lied to (me|you)|alcohol|drinking|drunk|self-harm\w*|"
    r"hurt(ing)? yourself|suicid\w*|ending your life|death)\b",
    re.IGNORECASE,
)


def test_exercises_touching_betrayal_alcohol_or_self_harm_carry_a_content_note(default_pack):
    """Does every exercise whose words touch a hard topic warn before it starts?"""
    missing = []
    for exercise in default_pack.exercises.values():
        words = " ".join(
            str(part) for part in (exercise.title, exercise.prompt, exercise.help, exercise.options)
        )
        asks_about_self_harm = exercise.options.get("instrument") == "phq9"  # item 9
        sensitive = asks_about_self_harm or SENSITIVE.search(words)
        if sensitive and not exercise.caution.strip():
            missing.append(f"{exercise.id}: {SENSITIVE.findall(words)}")
    assert not missing, "no content note before:\n" + "\n".join(missing)
