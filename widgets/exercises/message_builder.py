"""Build a message from four parts, Nonviolent Communication style, to copy if wanted.

Rosenberg's Nonviolent Communication (CONTENT.md, step 4) splits a hard message
into an observation (what a camera would record), a feeling, a need and a
request the other person is free to decline. The person fills in each part; a
draft is assembled as they type, and a gentle check points out common slips
(an "always" in the observation, a judgement named as a feeling, a demand
phrased as a request) without ever blocking anything.

Nothing is ever sent from here: there is no send button and no network. The
draft is plain text in a block the person can select and copy when they choose.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import ipywidgets as w

from ..content import FieldSpec
from ..words import esc
from ._base import Exercise, html_block

__all__ = [
    "MAX_PART_CHARS",
    "MAX_TO_CHARS",
    "NOTHING_IS_SENT",
    "PARTS",
    "MessageBuilderExercise",
    "compose_draft",
    "gentle_checks",
]

#: The four parts of the message, in the order they are asked for.
PARTS = ("observation", "feeling", "need", "request")
#: Longest text one part may hold: a message part is a sentence or two, but a
#: careful observation can run longer than a short field, so more than 500.
MAX_PART_CHARS = 2_000
#: Longest name or description of the recipient.
MAX_TO_CHARS = 500
NOTHING_IS_SENT = "Nothing is ever sent from here. Copy it only if and when you choose."

_FIELDS = {
    # part: (label, hint, placeholder, rows)
    "observation": (
        "Observation",
        "what a camera would record, no judgement",
        "e.g. you said you would call on Friday, and you didn't",
        3,
    ),
    "feeling": (
        "Feeling",
        "one or two feeling words",
        "e.g. hurt and a little scared",
        1,
    ),
    "need": (
        "Need",
        "what matters to you underneath the feeling",
        "e.g. to know where I stand",
        1,
    ),
    "request": (
        "Request",
        "something the other person can say no to",
        "e.g. tell me by Sunday whether you want to talk",
        2,
    ),
}
_PART_NAMES = {part: label.lower() for part, (label, *_rest) in _FIELDS.items()}

# ---------------------------------------------------------------- the draft

_LEADS = {
    "observation": re.compile(r"^(?:when|whenever)\s+", re.IGNORECASE),
    "feeling": re.compile(
        r"^(?:i\s+(?:feel|felt|am\s+feeling|was\s+feeling|am|was)|i'm)\s+", re.IGNORECASE
    ),
    "need": re.compile(r"^(?:because\s+)?(?:i\s+(?:need|needed))\s+", re.IGNORECASE),
    "request": re.compile(r"^(?:would\s+you\s+be\s+willing\s+to)\s+", re.IGNORECASE),
}
_OWN_QUESTION = re.compile(r"^(?:would|could|can|will)\s+you\b", re.IGNORECASE)
# Words that start an observation and read better in lower case after "When".
_LOWER_AFTER_WHEN = {
    "a", "an", "after", "at", "he", "in", "it", "last", "my", "on", "our", "she",
    "that", "the", "there", "they", "this", "we", "yesterday", "you", "your",
}  # fmt: skip


def _clean(part: str, text: str) -> str:
    """The part without its lead-in words ("I feel", "When") or closing punctuation."""
    text = " ".join(text.split())
    text = _LEADS[part].sub("", text) if part in _LEADS else text
    return text.rstrip(" .,;:!?…")


def _lower_first_word(text: str) -> str:
    first, _space, rest = text.partition(" ")
    if first.lower() in _LOWER_AFTER_WHEN:
        return first.lower() + (" " + rest if rest else "")
    return text


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def compose_draft(answer: dict[str, str]) -> str:
    """Assemble the message from the parts that are filled in.

    Parameters
    ----------
    answer
        The exercise's answer: ``to``, ``observation``, ``feeling``, ``need``
        and ``request`` (missing keys count as empty).

    Returns
    -------
    str
        Plain text such as "When ..., I feel ..., because I need .... Would you
        be willing to ...?", with a first line naming the recipient when given;
        empty parts are left out, and an empty answer gives ``""``.
    """
    parts = {part: _clean(part, str(answer.get(part) or "")) for part in PARTS}
    observation, feeling, need, request = (parts[part] for part in PARTS)
    sentences = []
    pieces = []
    if observation and (feeling or need):
        pieces.append(f"When {_lower_first_word(observation)}")
    elif observation:
        sentences.append(f"I noticed that {_lower_first_word(observation)}.")
    if feeling:
        pieces.append(f"I feel {feeling}")
    if need:
        pieces.append(f"because I need {need}" if feeling else f"I need {need}")
    if pieces:
        sentences.append(_sentence(", ".join(pieces)) + ".")
    if request:
        if _OWN_QUESTION.match(request):
            sentences.append(_sentence(request) + "?")
        else:
            sentences.append(f"Would you be willing to {request}?")
    body = " ".join(sentences)
    to = " ".join(str(answer.get("to") or "").split())
    if to and body:
        return f"{to},\n\n{body}"
    return body


# ------------------------------------------------------------ gentle checks

_ALWAYS_NEVER = re.compile(r"\b(always|never)\b", re.IGNORECASE)
_THOUGHT_AS_FEELING = re.compile(
    r"^(?:i\s+feel\s+|i\s+felt\s+)?(?:that\b|like\b|as\s+if\b|as\s+though\b|you\b)",
    re.IGNORECASE,
)
_JUDGEMENT_WORDS = (
    "abandoned", "betrayed", "manipulated", "rejected", "ignored", "used", "cheated",
    "neglected", "disrespected", "unappreciated", "unloved", "unwanted", "let down",
    "lied to", "taken for granted",
)  # fmt: skip
_JUDGEMENT = re.compile(
    r"\b(" + "|".join(re.escape(word) for word in _JUDGEMENT_WORDS) + r")\b", re.IGNORECASE
)
_STRATEGY_AS_NEED = re.compile(r"^(?:i\s+need\s+|for\s+)?you\s+to\b", re.IGNORECASE)
_DEMAND = re.compile(
    r"\b(you\s+(?:must|have\s+to|need\s+to|should|had\s+better|'d\s+better|better)|or\s+else"
    r"|i\s+demand|i\s+insist)\b",
    re.IGNORECASE,
)


def gentle_checks(answer: dict[str, str]) -> list[str]:
    """Common slips in a draft, as kind suggestions (they never block saving).

    Parameters
    ----------
    answer
        The exercise's answer (missing keys count as empty).

    Returns
    -------
    list of str
        Plain-text suggestions, one per slip found, in the order of the parts.
    """
    text = {part: " ".join(str(answer.get(part) or "").split()) for part in PARTS}
    tips = []
    found = _ALWAYS_NEVER.search(text["observation"])
    if found:
        tips.append(
            f"Observation: “{found.group(1).lower()}” is a summary, not something a camera "
            "could record. Could you name one time it happened, such as “on Friday evening”?"
        )
    feeling = _LEADS["feeling"].sub("", text["feeling"])
    if feeling and _THOUGHT_AS_FEELING.match(text["feeling"]):
        tips.append(
            "Feeling: “I feel that you…” or “I feel like…” describes a thought about "
            "the other person. What is the feeling underneath it: hurt, lonely, scared, sad?"
        )
    else:
        found = _JUDGEMENT.search(feeling)
        if found:
            tips.append(
                f"Feeling: “{found.group(1).lower()}” says what you believe was done to you. "
                "Underneath it, do you feel hurt, scared, lonely or sad?"
            )
    if _STRATEGY_AS_NEED.match(text["need"]):
        tips.append(
            "Need: “you to…” asks something of the other person, which belongs in the "
            "request. The need under it might be something like respect, honesty, rest "
            "or closeness."
        )
    found = _DEMAND.search(text["request"])
    if found:
        tips.append(
            f"Request: “{found.group(1).lower()}” sounds like a demand. A request is "
            "something the other person can say no to, such as “Would you be willing to…?”"
        )
    return tips


# ----------------------------------------------------------------- the widget


class MessageBuilderExercise(Exercise):
    """Four labelled parts and a "To" field, assembled into a draft to copy."""

    kind = "message_builder"
    options: ClassVar[dict[str, FieldSpec]] = {
        "recipient_label": FieldSpec(str, required=False, default="Who is this message for?"),
    }
    example_answer: ClassVar[Any] = {
        "to": "Alina",
        "observation": "You left on Sunday.",
        "feeling": "hurt",
        "need": "clarity",
        "request": "talk for ten minutes",
    }

    def _build(self) -> list[w.Widget]:
        to_label = self.spec.options.get("recipient_label") or "Who is this message for?"
        self.to = w.Text(
            description=f"{to_label} (optional)",
            placeholder="e.g. Sam",
            style={"description_width": "initial"},
            layout=w.Layout(width="100%"),
        )
        self.to.add_class("hw-message_builder-field")
        self.fields: dict[str, w.Text | w.Textarea] = {}
        for part, (label, hint, placeholder, rows) in _FIELDS.items():
            common = {
                "description": f"{label}: {hint}",
                "placeholder": placeholder,
                "style": {"description_width": "initial"},
                "layout": w.Layout(width="100%"),
            }
            field = w.Textarea(rows=rows, **common) if rows > 1 else w.Text(**common)
            field.add_class("hw-message_builder-field")
            self.fields[part] = field
        for field in (self.to, *self.fields.values()):
            field.observe(self._changed, "value")
        self.checks = html_block()
        self.checks.add_class("hw-message_builder-checks-box")
        self.draft = html_block()
        self.draft.add_class("hw-message_builder-draft-box")
        never_sent = html_block(
            f'<p class="hw-message_builder-private"><strong>{esc(NOTHING_IS_SENT)}</strong></p>'
        )
        return [self.to, *self.fields.values(), self.checks, self.draft, never_sent]

    # ------------------------------------------------------------- reading

    def draft_text(self) -> str:
        """The draft as plain text, as shown in the draft block."""
        return compose_draft(self._read())

    def missing_parts(self) -> list[str]:
        """Names of the four parts that are still empty, in order."""
        return [_PART_NAMES[part] for part in PARTS if not self.fields[part].value.strip()]

    # ------------------------------------------------------------ showing

    def _redraw(self) -> None:
        self._refresh()

    def _refresh(self) -> None:
        answer = self._read()
        too_long = [
            key
            for key, text in answer.items()
            if len(text) > (MAX_TO_CHARS if key == "to" else MAX_PART_CHARS)
        ]
        if too_long:
            # Re-sending a huge paste to the page twice helps nobody; the problem
            # line already says what is wrong.
            self.checks.value = ""
            self.draft.value = (
                '<p class="hw-message_builder-draft-label">Your draft</p>'
                '<p class="hw-help">The draft waits until every part is short enough.</p>'
            )
            return
        tips = gentle_checks(answer)
        self.checks.value = (
            '<div class="hw-message_builder-checks"><p><strong>A gentle check</strong> '
            "(only suggestions; nothing is blocked):</p><ul>"
            + "".join(f"<li>{esc(tip)}</li>" for tip in tips)
            + "</ul></div>"
            if tips
            else ""
        )
        draft = compose_draft(answer)
        missing = self.missing_parts()
        if not draft:
            body = '<p class="hw-help">Your draft appears here as you fill in the parts.</p>'
        else:
            paragraphs = [p for p in draft.split("\n\n") if p]
            body = (
                '<div class="hw-message_builder-draft">'
                + "".join(f'<p dir="auto">{esc(p)}</p>' for p in paragraphs)
                + "</div>"
            )
        if missing and draft:
            status = f"Still empty: {', '.join(missing)}."
        elif missing:
            status = ""
        else:
            status = "All four parts are filled in. Select the draft to copy it."
        self.draft.value = (
            '<p class="hw-message_builder-draft-label">Your draft</p>'
            + body
            + (f'<p class="hw-help">{esc(status)}</p>' if status else "")
        )

    # ------------------------------------------------------- Exercise hooks

    def empty_value(self) -> dict[str, str]:
        return {"to": "", **dict.fromkeys(PARTS, "")}

    def validate(self, value: Any) -> str | None:
        if not isinstance(value, dict) or set(value) != {"to", *PARTS}:
            return "This answer must hold the recipient and the four parts of the message."
        if not all(isinstance(text, str) for text in value.values()):
            return "Each part of the message must be text."
        if len(value["to"]) > MAX_TO_CHARS:
            return f"Keep the name under {MAX_TO_CHARS} characters; your last save is safe."
        for part in PARTS:
            if len(value[part]) > MAX_PART_CHARS:
                return (
                    f"The {_PART_NAMES[part]} is longer than one part can hold "
                    f"({len(value[part]):,} characters; the limit is {MAX_PART_CHARS:,}). "
                    "Your last saved version is safe. A message lands best when it is short."
                )
        return None

    def _read(self) -> dict[str, str]:
        return {"to": self.to.value, **{part: self.fields[part].value for part in PARTS}}

    def _show(self, value: Any) -> None:
        value = value if isinstance(value, dict) else {}
        self.to.value = value.get("to") if isinstance(value.get("to"), str) else ""
        for part in PARTS:
            text = value.get(part)
            self.fields[part].value = text if isinstance(text, str) else ""
        self._refresh()

    def _set_disabled(self, disabled: bool) -> None:
        for field in (self.to, *self.fields.values()):
            field.disabled = disabled
