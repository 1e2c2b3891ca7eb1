"""Each exercise kind declares itself in its own module: options, example, checks.

The pack loader, the test samples and docs/exercise-kinds.md all read these
declarations, so a new kind is one module and one test file. The last test
shows it with a throwaway kind that lives only in this file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, ClassVar

import ipywidgets as w
import pytest

from conftest import make_spec
from widgets.content import FieldSpec, load_pack, nonblank, option_list
from widgets.exercises import KINDS, Exercise
from widgets.exports import export_markdown

DOCS = Path(__file__).resolve().parents[2] / "docs" / "exercise-kinds.md"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_declares_its_options_and_an_example(kind, store):
    """Does the kind's example answer validate, save and reload as itself?"""
    declared = KINDS[kind]
    assert declared.kind == kind
    assert all(isinstance(spec, FieldSpec) for spec in declared.options.values())
    required = {name for name, spec in declared.options.items() if spec.required}
    assert required <= set(declared.example_options), "example_options must fill required"
    widget = declared(make_spec(kind), store, debounce_seconds=60)
    assert widget.validate(declared.example_answer) is None
    assert declared.is_started(declared.example_answer)
    assert not declared.is_started(widget.empty_value())
    store.save(widget.exercise_id, declared.example_answer)
    again = declared(make_spec(kind), store, debounce_seconds=60)
    assert again.value == declared.example_answer


def _doc_of(kind: str, text: str) -> str:
    """The table row or the section of docs/exercise-kinds.md about ``kind``."""
    row = re.search(rf"^\| `{kind}` \|.*$", text, re.M)
    if row:
        return row.group(0)
    section = re.search(rf"^### `{kind}`.*?(?=^### |^## |\Z)", text, re.M | re.S)
    assert section, f"docs/exercise-kinds.md says nothing about {kind}"
    return section.group(0)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_docs_list_exactly_the_declared_options(kind):
    """Does docs/exercise-kinds.md name every option of the kind, required ones with *?"""
    doc = _doc_of(kind, DOCS.read_text(encoding="utf-8"))
    options = doc.split("Answer:")[0] if "Answer:" in doc else doc.rsplit("|", 2)[0]
    for name, spec in KINDS[kind].options.items():
        assert f"`{name}`" in options, f"{kind}: the docs do not name option {name}"
        marked = f"`{name}`*" in options
        assert marked == spec.required, f"{kind}.{name}: required is {spec.required}"


def test_started_is_the_kinds_own_idea():
    """Is a typed-then-emptied answer of a dict-shaped kind not counted as started?"""
    assert not KINDS["distanced_journal"].is_started({"text": " ", "voice": "you", "name": ""})
    assert KINDS["distanced_journal"].is_started({"text": "I", "voice": "I", "name": ""})
    assert not KINDS["contact_tracker"].is_started(
        {"start": "", "mode": "low contact", "slips": [], "urges": []}
    )
    assert not KINDS["guided_flow"].is_started(
        {"position": 1, "answers": {"1": ""}, "state": "in progress"}
    )
    assert KINDS["guided_flow"].is_started({"position": 1, "answers": {}, "state": "paused"})


# ------------------------------------------------- a new kind: this file only


class WordPairExercise(Exercise):
    """A throwaway kind: pick one of two words and say why (exists only in this test)."""

    kind = "word_pair"
    options: ClassVar[dict[str, FieldSpec]] = {
        "words": FieldSpec(list, check=option_list(2), help="The two words to choose from."),
        "why_label": FieldSpec(str, required=False, default="Why?", check=nonblank),
    }
    example_options: ClassVar[dict[str, Any]] = {"words": ["rest", "move"]}
    example_answer: ClassVar[Any] = {"word": "rest", "why": "I am tired"}

    @classmethod
    def cross_check(cls, options: dict[str, Any]) -> list[tuple[str, str]]:
        return [("words", "needs exactly two words")] if len(options["words"]) != 2 else []

    def _build(self) -> list[w.Widget]:
        self.word = w.RadioButtons(options=self.spec.options["words"], value=None)
        self.why = w.Text(description=self.spec.options["why_label"])
        self.word.observe(self._changed, "value")
        self.why.observe(self._changed, "value")
        return [self.word, self.why]

    def empty_value(self) -> dict[str, Any]:
        return {"word": None, "why": ""}

    def validate(self, value: Any) -> str | None:
        if not isinstance(value, dict) or set(value) != {"word", "why"}:
            return "This answer must hold a word and why."
        return None

    def _read(self) -> dict[str, Any]:
        return {"word": self.word.value, "why": self.why.value}

    def _show(self, value: dict[str, Any]) -> None:
        self.word.value, self.why.value = value["word"], value["why"]

    def _set_disabled(self, disabled: bool) -> None:
        self.word.disabled = self.why.disabled = disabled


@pytest.fixture
def word_pair_kind():
    KINDS.register(WordPairExercise)
    yield WordPairExercise
    KINDS.unregister("word_pair")


STEP_WITH_NEW_KIND = """
  - id: grieve-word-pair
    kind: word_pair
    title: Rest or move
    prompt: Which do you need tonight?
    words: [rest, move]
"""


def test_a_new_kind_is_one_module_and_one_test_file(word_pair_kind, pack_copy, store):
    """Declared once, is the new kind checked by the loader, saved, reloaded and exported?"""
    step = pack_copy / "steps" / "01_grieve.yaml"
    step.write_text(step.read_text(encoding="utf-8") + STEP_WITH_NEW_KIND, encoding="utf-8")
    pack = load_pack(pack_copy)
    assert pack.ok, pack.errors
    spec = pack.exercises["grieve-word-pair"]
    assert spec.options == {"words": ("rest", "move"), "why_label": "Why?"}  # the default

    widget = word_pair_kind(spec, store, debounce_seconds=60)
    widget.word.value, widget.why.value = "move", "a walk clears my head"
    assert widget.save()
    again = word_pair_kind(spec, store, debounce_seconds=60)
    assert again.value == {"word": "move", "why": "a walk clears my head"}
    assert "a walk clears my head" in export_markdown(store, pack)

    broken = STEP_WITH_NEW_KIND.replace("[rest, move]", "[rest, move, sleep]")
    step.write_text(step.read_text(encoding="utf-8").replace(STEP_WITH_NEW_KIND, broken))
    errors = [str(error) for error in load_pack(pack_copy).errors]
    assert any(".words: needs exactly two words" in error for error in errors), errors
