"""Rate how much each part of life matters and how closely you live by it now.

Values clarification from acceptance and commitment therapy (Hayes, Strosahl &
Wilson 1999), in the spirit of Lundgren's bull's-eye (CONTENT.md, steps 6 and
10): for each life domain the person rates importance and "how closely I live by
it now" from 0 to 10. The biggest gap (importance − living) is marked in words,
not by colour alone, and the person writes one small action for this week.

Each rating is ``None`` until a number is typed in its box (the box is empty
until then, so typing 0 rates 0), so an untouched row is "not rated" rather than
zero; "Clear" returns a row to not rated.
"""

from __future__ import annotations

from typing import Any, ClassVar

import ipywidgets as w
from ipywidgets.widgets.widget_string import TextStyle

from ..content import FieldSpec, option_list
from ..words import esc
from ._base import Exercise, QuietSetter, html_block, plain_button, shared
from ._rating import is_rating, parse_rating

__all__ = ["MAX_ACTION_CHARS", "ValuesGridExercise", "biggest_gaps"]

#: Longest text of the small action (a short field).
MAX_ACTION_CHARS = 500
_SCORES = ("importance", "living")


def _box_text(value: int | None) -> str:
    """What a rating box shows for a saved rating: empty until rated."""
    return "" if value is None else str(value)


def biggest_gaps(ratings: dict[str, dict[str, int | None]]) -> tuple[list[str], int | None]:
    """The domains sharing the largest positive gap, and that gap.

    Parameters
    ----------
    ratings
        Domain -> ``{"importance": ..., "living": ...}``, in display order.

    Returns
    -------
    tuple
        The domains (in the order given) whose importance − living is largest
        and above zero, and that gap; ``([], None)`` when no rated domain has a
        positive gap.
    """
    gaps = {
        domain: pair["importance"] - pair["living"]
        for domain, pair in ratings.items()
        if is_rating(pair.get("importance"))
        and is_rating(pair.get("living"))
        and pair.get("importance") is not None
        and pair.get("living") is not None
    }
    if not gaps or max(gaps.values()) <= 0:
        return [], None
    top = max(gaps.values())
    return [domain for domain, gap in gaps.items() if gap == top], top


class ValuesGridExercise(Exercise):
    """One row per life domain with two 0–10 number boxes, and one small action."""

    kind = "values_grid"
    options: ClassVar[dict[str, FieldSpec]] = {
        "domains": FieldSpec(list, check=option_list(2)),
    }
    example_options: ClassVar[dict[str, Any]] = {"domains": ("Friends", "Health", "Work")}
    example_answer: ClassVar[Any] = {
        "ratings": {
            "Friends": {"importance": 9, "living": 4},
            "Health": {"importance": None, "living": None},
            "Work": {"importance": None, "living": None},
        },
        "action": "Call Max",
    }

    def _build(self) -> list[w.Widget]:
        self.domains: list[str] = [str(domain) for domain in self.spec.options["domains"]]
        self.ratings: dict[str, dict[str, int | None]] = {
            domain: dict.fromkeys(_SCORES) for domain in self.domains
        }
        self._quiet = QuietSetter()  # set while code, not the person, sets a box
        self.boxes: dict[str, dict[str, w.Text]] = {}
        self.row_boxes: dict[str, w.VBox] = {}
        self.row_heads: dict[str, w.HTML] = {}
        self.row_notes: dict[str, w.HTML] = {}
        self.clear_buttons: dict[str, w.Button] = {}
        rows = []
        for domain in self.domains:
            boxes = {
                "importance": self._number_box(f"{domain}: importance (0–10)"),
                "living": self._number_box(f"{domain}: how closely I live by it now (0–10)"),
            }
            for score, box in boxes.items():
                box.observe(self._typed(domain, score), "value")
            clear = plain_button(
                description="Clear",
                tooltip=f"Clear the ratings for {domain}",
                layout=w.Layout(width="auto"),
            )
            clear.add_class("hw-name-from-tooltip")  # "Clear" alone names no row
            clear.on_click(lambda _b, d=domain: self.clear(d))
            line = w.HBox(
                [boxes["importance"], boxes["living"], clear],
                layout=w.Layout(flex_flow="row wrap", align_items="flex-end"),
            )
            line.add_class("hw-row")
            head, note = html_block(), html_block()
            row = w.VBox([head, line, note])
            row.add_class("hw-values_grid-row")
            self.boxes[domain] = boxes
            self.row_boxes[domain] = row
            self.row_heads[domain] = head
            self.row_notes[domain] = note
            self.clear_buttons[domain] = clear
            rows.append(row)
        self.grid = w.VBox(rows)
        self.grid.add_class("hw-values_grid-rows")
        self.summary = html_block()
        self.summary.add_class("hw-values_grid-summary-box")
        self.action = w.Text(
            placeholder="Something small you can do this week",
            style={"description_width": "initial"},
            layout=w.Layout(width="100%"),
        )
        self.action.add_class("hw-values_grid-action")
        self.action.observe(self._changed, "value")
        self._refresh()
        return [self.grid, self.summary, self.action]

    @staticmethod
    def _number_box(description: str) -> w.Text:
        box = w.Text(
            value="",
            placeholder="–",
            description=description,
            continuous_update=True,
            style=shared(TextStyle, description_width="initial"),
            layout=shared(w.Layout, flex="0 1 18em", min_width="0"),
        )
        box.add_class("hw-values_grid-field")  # label above the box, see values_grid.css
        return box

    # ------------------------------------------------------------- actions

    def rate(self, domain: str, importance: int | None = None, living: int | None = None) -> bool:
        """Rate ``domain``; leave a score as ``None`` to keep it as it is.

        A number outside 0–10 or an unknown domain is refused with a message and
        changes nothing; returns False then.
        """
        if domain not in self.ratings:
            self._set_problem("That part of life is not on this list.")
            return False
        scores = {"importance": importance, "living": living}
        if not all(is_rating(value) for value in scores.values()):
            self._set_problem("Choose a whole number from 0 to 10.")
            return False
        for score, value in scores.items():
            if value is not None:
                self.ratings[domain][score] = value
                self._quiet.set(self.boxes[domain][score], _box_text(value))
        self._changed()
        return True

    def clear(self, domain: str) -> None:
        """Return ``domain`` to not rated (both scores ``None``)."""
        for score in _SCORES:
            self.ratings[domain][score] = None
            self._quiet.set(self.boxes[domain][score], _box_text(None))
        self._changed()

    def biggest_gap(self) -> tuple[list[str], int | None]:
        """The domains with the biggest positive gap now, and that gap."""
        return biggest_gaps(self.ratings)

    # ------------------------------------------------------------ showing

    def _typed(self, domain: str, score: str):
        def on_change(change: dict) -> None:
            if self._showing or self._quiet:
                return
            self.ratings[domain][score] = parse_rating(change["new"])
            self._changed()

        return on_change

    def _redraw(self) -> None:
        self._refresh()

    def _refresh(self) -> None:
        top, gap = self.biggest_gap()
        for domain in self.domains:
            importance, living = (self.ratings[domain][score] for score in _SCORES)
            is_top = domain in top
            tag = ' <strong class="hw-values_grid-tag">Biggest gap</strong>' if is_top else ""
            self.row_heads[
                domain
            ].value = f'<p class="hw-values_grid-domain">{esc(domain)}{tag}</p>'
            if is_top:
                self.row_boxes[domain].add_class("hw-values_grid-biggest")
            else:
                self.row_boxes[domain].remove_class("hw-values_grid-biggest")
            if not (is_rating(importance) and is_rating(living)):
                note = "Choose whole numbers from 0 to 10."
            elif importance is None and living is None:
                note = "Not rated yet."
            elif importance is None or living is None:
                note = "Rate both to see the gap."
            elif importance > living:
                note = f"Gap: {importance - living}."
            else:
                note = "No gap."
            self.row_notes[domain].value = f'<p class="hw-values_grid-note">{note}</p>'
        if top:
            described = "; ".join(
                f"{domain} (importance {self.ratings[domain]['importance']}, "
                f"living {self.ratings[domain]['living']})"
                for domain in top
            )
            label = "Biggest gap" if len(top) == 1 else f"Biggest gaps ({gap} points each)"
            summary = f"{label}: {described}."
            target = " or ".join(top)
        elif any(
            pair["importance"] is not None and pair["living"] is not None
            for pair in self.ratings.values()
        ):
            summary = "No gaps right now: you live by each rated value as much as it matters."
            target = "a value that matters to you"
        else:
            summary = "Rate a part of life on both numbers to see where the biggest gap is."
            target = "a value that matters to you"
        self.summary.value = f'<p class="hw-values_grid-summary">{esc(summary)}</p>'
        self.action.description = f"One small action this week toward {target}"

    # ------------------------------------------------------- Exercise hooks

    def empty_value(self) -> dict[str, Any]:
        return {
            "ratings": {domain: dict.fromkeys(_SCORES) for domain in self.domains},
            "action": "",
        }

    def validate(self, value: Any) -> str | None:
        if not isinstance(value, dict) or set(value) != {"ratings", "action"}:
            return "This answer must hold the ratings and the small action."
        ratings, action = value["ratings"], value["action"]
        if not isinstance(ratings, dict):
            return "The ratings must be listed by part of life."
        for domain, pair in ratings.items():
            if domain not in self.domains:
                return f"“{domain}” is not one of the parts of life on this list."
            if not isinstance(pair, dict) or set(pair) != set(_SCORES):
                return f"{domain} needs an importance and a living rating."
            if not all(is_rating(pair[score]) for score in _SCORES):
                return f"{domain}: choose whole numbers from 0 to 10."
        if not isinstance(action, str):
            return "The small action must be text."
        if len(action) > MAX_ACTION_CHARS:
            return (
                f"Keep the action under {MAX_ACTION_CHARS} characters; your last save is safe. "
                "A small step is easier to take."
            )
        return None

    def _read(self) -> dict[str, Any]:
        return {
            "ratings": {domain: dict(self.ratings[domain]) for domain in self.domains},
            "action": self.action.value,
        }

    def _show(self, value: Any) -> None:
        # A worked example is shown as given (no load check): skip one that is malformed.
        if self.validate(value) is not None:
            value = self.empty_value()
        for domain in self.domains:
            pair = value["ratings"].get(domain) or dict.fromkeys(_SCORES)
            for score in _SCORES:
                self.ratings[domain][score] = pair[score]
                self._quiet.set(self.boxes[domain][score], _box_text(pair[score]))
        self.action.value = value["action"]
        self._refresh()

    def _set_disabled(self, disabled: bool) -> None:
        for domain in self.domains:
            for box in self.boxes[domain].values():
                box.disabled = disabled
            self.clear_buttons[domain].disabled = disabled
            self.clear_buttons[domain].layout.display = "none" if disabled else None
        self.action.disabled = disabled
