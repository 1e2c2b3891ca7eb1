"""Does the loader read the pack, and name the file, line and field of every mistake?"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from widgets.content import ExerciseSpec, InvalidExercise, load_pack

STEP1 = "steps/01_grieve.yaml"


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def test_default_pack_is_valid(default_pack):
    """Is the shipped pack free of errors, with ten steps in order?"""
    assert default_pack.errors == ()
    assert [step.number for step in default_pack.steps] == list(range(1, 11))
    assert default_pack.name


def test_step_one_has_the_required_exercises(default_pack):
    """Does step 1 offer the feelings check-in, writing, permission note and support list?"""
    step = default_pack.step("grieve")
    kinds = {default_pack.exercises[i].kind for i in step.exercise_ids}
    assert 4 <= len(step.exercise_ids) <= 6
    assert {"feelings_picker", "journal", "list_builder"} <= kinds
    families = default_pack.exercises["grieve-feelings-check-in"].options["families"]
    assert len(families) >= 4 and all(family["colour"] and family["name"] for family in families)
    writing = default_pack.exercises["grieve-expressive-writing"]
    assert writing.options["timer_minutes"] == 15
    assert "optional" in writing.caution.lower() and "Sbarra" in writing.caution


def test_crisis_resources_have_dates_and_numbers(default_pack):
    """Does every crisis service have a way to reach it and a last-verified date?"""
    crisis = default_pack.crisis
    assert crisis.country(None).code == "INTL"
    codes = {country.code for country in crisis.countries}
    assert {"INTL", "US", "GB", "IE", "AU", "CA", "NZ"} <= codes
    for country in crisis.countries:
        for service in country.services:
            assert isinstance(service.last_verified, dt.date)
            assert all(contact.value for contact in service.contacts)
            assert service.source, f"{service.name} does not say where it was checked"
    us = crisis.country("US").services[0]
    assert ("call", "988") in {(c.kind, c.value) for c in us.contacts}


# Each case: (what to change in which file, the exact report line expected).
BROKEN = [
    pytest.param(
        STEP1,
        "    kind: journal\n    title: A note",
        "    kind: jornal\n    title: A note",
        "exercises[2].kind",
        "unknown exercise kind 'jornal' (did you mean 'journal'?)",
        id="unknown-kind",
    ),
    pytest.param(
        STEP1,
        "    title: People I can reach out to\n",
        "",
        "exercises[3].title",
        "missing (required)",
        id="missing-field",
    ),
    pytest.param(
        STEP1,
        "    timer_minutes: 15",
        "    timer_minutes: fifteen",
        "exercises[1].timer_minutes",
        "must be a whole number, not text",
        id="mistyped-value",
    ),
    pytest.param(
        STEP1,
        "    prompt: Which of these could you do",
        "    promt: Which of these could you do",
        "exercises[4].promt",
        "unknown field (did you mean 'prompt'?)",
        id="misspelt-field-name",
    ),
    pytest.param(
        STEP1,
        "  - id: grieve-permission-note",
        "  - id: grieve-support-people",
        "exercises[3].id",
        "'grieve-support-people' is already used at pack/steps/01_grieve.yaml:",
        id="duplicate-id",
    ),
    pytest.param(
        "pack.yaml",
        "  - steps/02_reflect.yaml",
        "  - steps/02_reflekt.yaml",
        "steps[1]",
        "refers to steps/02_reflekt.yaml, which does not exist",
        id="bad-reference",
    ),
    pytest.param(
        STEP1,
        "        words: [Numb, Tired, Restless]\n",
        "        words: [Numb, Tired, Restless]\n     - Broken: [\n",
        "(yaml)",
        "malformed YAML",
        id="malformed-yaml",
    ),
    pytest.param(
        STEP1,
        "      - Let myself cry without judging it\n",
        "      - Let myself cry without judging it\n      - Go outside for a short walk\n",
        "exercises[4].options",
        "repeats an option: Go outside for a short walk",
        id="repeated-option",
    ),
    pytest.param(
        STEP1,
        '        colour: "#7a5c99"',
        "        colour: purple",
        "exercises[0].families[2].colour",
        "must be a colour like #4a7bd0",
        id="nested-record-field",
    ),
    pytest.param(
        STEP1,
        "        words: [Numb, Tired, Restless]",
        "        words: [Numb, Tired, Sad]",
        "exercises[0].families",
        "a word is in two families: Sad",
        id="word-in-two-families",
    ),
    pytest.param(
        "crisis_resources.yaml",
        '            value: "116 123"',
        '            value: ""',
        "countries[2].services[0].contacts[0].value",
        "must not be empty",
        id="empty-number",
    ),
    pytest.param(
        "crisis_resources.yaml",
        "        last_verified: 2026-11-23\n  - code: US",
        "        last_verified: last week\n  - code: US",
        "countries[0].services[0].last_verified",
        "must be a date like 2026-11-23",
        id="bad-date",
    ),
    pytest.param(
        "crisis_resources.yaml",
        '            value: "13 11 14"',
        "            value: thirteen eleven fourteen",
        "countries[4].services[0].contacts[0].value",
        "must be a phone number",
        id="number-that-is-not-a-number",
    ),
    pytest.param(
        "crisis_resources.yaml",
        "            value: https://988lifeline.org",
        "            value: http://988lifeline.org",
        "countries[1].services[0].contacts[2].value",
        "must be a web address starting with https://",
        id="chat-address-not-https",
    ),
    pytest.param(
        "crisis_resources.yaml",
        "        last_verified: 2026-11-23\n  - code: US",
        "        last_verified: 2099-01-01\n  - code: US",
        "countries[0].services[0].last_verified",
        "is in the future",
        id="verified-in-the-future",
    ),
    pytest.param(
        "crisis_resources.yaml",
        "        source: CONTENT.md (lifeline.org.au)\n",
        "",
        "countries[4].services[0].source",
        "missing (required)",
        id="no-source",
    ),
    pytest.param(
        "crisis_resources.yaml",
        "default_country: INTL",
        "default_country: XX",
        "default_country",
        "refers to 'XX', which is not among the countries",
        id="bad-default-country",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "field", "message"), BROKEN)
def test_broken_pack_is_reported_with_file_line_field(pack_copy, file, old, new, field, message):
    """Is each kind of mistake reported as `file:line: field: what is wrong`?"""
    path = pack_copy / file
    replace_in(path, old, new)
    pack = load_pack(pack_copy)
    report = [str(error) for error in pack.errors]
    expected_prefix = f"pack/{file}:"
    matching = [
        line for line in report if line.startswith(expected_prefix) and f": {field}: " in line
    ]
    assert matching, f"no error for {field} in:\n" + "\n".join(report)
    assert any(message in line for line in matching), "\n".join(report)


def test_error_line_points_at_the_mistake(pack_copy):
    """Does the reported line number match the line holding the bad value?"""
    path = pack_copy / STEP1
    replace_in(path, "    timer_minutes: 15", "    timer_minutes: 99")
    pack = load_pack(pack_copy)
    (error,) = pack.errors
    assert error.line == line_of(path, "timer_minutes: 99")
    assert str(error) == (
        f"pack/{STEP1}:{error.line}: exercises[1].timer_minutes: must be between 1 and 60"
    )


def test_all_errors_are_reported_at_once(pack_copy):
    """Are mistakes in several files all reported, not just the first?"""
    replace_in(pack_copy / STEP1, "kind: journal", "kind: jurnal")
    replace_in(pack_copy / STEP1, "    item_label: Person", "    item_label: 7")
    replace_in(pack_copy / "crisis_resources.yaml", "    name: Australia", "    name: ''")
    replace_in(pack_copy / "steps/05_new-memories.yaml", "number: 5", "number: 4")
    pack = load_pack(pack_copy)
    fields = {error.field for error in pack.errors}
    assert {"exercises[1].kind", "exercises[3].item_label", "countries[4].name", "number"} <= fields


def test_invalid_exercise_does_not_hide_the_rest_of_its_step(pack_copy):
    """Is a broken exercise kept as an error entry while its neighbours still load?"""
    replace_in(pack_copy / STEP1, "kind: feelings_picker", "kind: feelings")
    pack = load_pack(pack_copy)
    step = pack.step("grieve")
    assert isinstance(pack.exercises["grieve-feelings-check-in"], InvalidExercise)
    assert isinstance(pack.exercises["grieve-expressive-writing"], ExerciseSpec)
    assert "grieve-support-people" in step.exercise_ids


def test_broken_resources_fall_back_to_the_international_directory(pack_copy):
    """With a broken resources file, is there still somewhere to turn?"""
    replace_in(pack_copy / "crisis_resources.yaml", '            value: "988"\n', "")
    pack = load_pack(pack_copy)
    assert pack.errors
    country = pack.crisis.country(None)
    assert country.code == "INTL"
    assert "findahelpline" in country.services[0].contacts[0].value


def test_missing_pack_folder_is_reported(tmp_path):
    """Is pointing at an empty folder reported rather than crashing?"""
    pack = load_pack(tmp_path)
    assert [error.field for error in pack.errors] == ["(file)"]
    assert "no pack.yaml" in pack.report()


def test_duplicate_yaml_key_is_reported(pack_copy):
    """Is a field written twice in one block reported (YAML would silently keep one)?"""
    replace_in(pack_copy / STEP1, "number: 1\n", "number: 1\nnumber: 2\n")
    pack = load_pack(pack_copy)
    assert any("appears twice" in str(error) for error in pack.errors)
