"""Plan small activities, guess how they will feel, then rate them and compare.

Behavioural activation (Dimidjian et al. 2006; CONTENT.md, step 5): list
activities, schedule small ones, predict the mood they will bring (0–10), and
afterwards rate mood, mastery and pleasure (0–10 each). Comparing the guess with
what happened often shows that doing things feels better than low mood
predicts, which is the point of the exercise.

Ratings are whole numbers 0–10 or ``None`` (not rated); a rating box counts as
rated once the person changes it. Ratings after the activity are kept only
while the activity is marked done.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import ipywidgets as w

from ..clock import parse_day
from ..content import ExerciseSpec, FieldSpec, int_range, option_list
from ..store import AnswerStore
from ..words import esc
from ._base import Exercise, QuietSetter, html_block, plain_button, shared
from ._rating import is_rating
from ._rows import RowList

__all__ = [
    "MAX_ACTIVITY_CHARS",
    "RATINGS",
    "ActivityPlannerExercise",
    "compare_text",
    "summary_text",
]

#: Ratings given after an activity is done, in the order they are asked for.
RATINGS = ("mood", "mastery", "pleasure")
#: Keys of one planned activity in the answer.
ROW_KEYS = ("activity", "day", "predicted", "done", *RATINGS)
#: Longest activity text (a short field).
MAX_ACTIVITY_CHARS = 500

_RATING_LABELS = {
    "predicted": "Predicted mood",
    "mood": "Mood after",
    "mastery": "Mastery",
    "pleasure": "Pleasure",
}


def compare_text(predicted: int | None, mood: int | None) -> str:
    """Put a done activity's predicted mood beside the mood afterwards, in words.

    Parameters
    ----------
    predicted
        The mood guessed beforehand (0–10), or ``None``.
    mood
        The mood rated afterwards (0–10), or ``None``.

    Returns
    -------
    str
        For example "You expected 3; it was 6 — better than expected."
    """
    if predicted is None and mood is None:
        return "Rate your mood afterwards, from 0 to 10."
    if mood is None:
        return f"You expected {predicted}. Rate your mood afterwards to compare."
    if predicted is None:
        return f"Your mood afterwards was {mood}. You made no guess for this one."
    if mood > predicted:
        verdict = "better than expected."
    elif mood == predicted:
        verdict = "just as you expected."
    else:
        verdict = "lower than expected. Doing it still counts."
    return f"You expected {predicted}; it was {mood} — {verdict}"


def summary_text(rows: list[dict[str, Any]]) -> str:
    """One line comparing predictions with outcomes across all done activities.

    Parameters
    ----------
    rows
        Planned activities in the answer's shape.

    Returns
    -------
    str
        For example "Afterwards your mood was higher than you predicted in 3 of
        4 activities."
    """
    compared = [
        row
        for row in rows
        if row.get("done") and row.get("predicted") is not None and row.get("mood") is not None
    ]
    if not compared:
        return (
            "Once you have done an activity and rated your mood afterwards, "
            "you can compare it with your guess here."
        )
    higher = sum(row["mood"] > row["predicted"] for row in compared)
    same = sum(row["mood"] == row["predicted"] for row in compared)
    lower = len(compared) - higher - same
    noun = "activity" if len(compared) == 1 else "activities"
    text = (
        f"Afterwards your mood was higher than you predicted in {higher} of {len(compared)} {noun}."
    )
    others = []
    if same:
        others.append(f"the same in {same}")
    if lower:
        others.append(f"lower in {lower}")
    if others:
        text += " It was " + " and ".join(others) + "."
    return text


class ActivityPlannerExercise(Exercise):
    """A plan of small activities, each with a guess beforehand and ratings after.

    Parameters
    ----------
    spec, store
        As for :class:`~widgets.exercises.Exercise`.
    **kwargs
        Passed on to :class:`~widgets.exercises.Exercise`.
    """

    kind = "activity_planner"
    options: ClassVar[dict[str, FieldSpec]] = {
        "ideas": FieldSpec(list, required=False, default=(), check=option_list(0)),
        "max_items": FieldSpec(int, required=False, default=50, check=int_range(1, 500)),
    }
    example_answer: ClassVar[Any] = [
        {
            "activity": "Walk with Max",
            "day": "2026-11-20",
            "predicted": 3,
            "done": True,
            "mood": 6,
            "mastery": 4,
            "pleasure": 7,
        }
    ]

    def __init__(
        self,
        spec: ExerciseSpec,
        store: AnswerStore | None = None,
        **kwargs: Any,
    ) -> None:
        self._quiet = QuietSetter()  # set while code, not the person, sets a box
        super().__init__(spec, store, **kwargs)

    def _build(self) -> list[w.Widget]:
        options = self.spec.options
        self.max_items = options.get("max_items") or 50
        ideas = [str(idea) for idea in options.get("ideas") or ()]
        self.row_widgets: list[dict[str, w.Widget]] = []
        self.list = RowList(
            self._row,
            lambda index, _entry: f"activity {index + 1}",
            self._list_changed,
            read_only=self.read_only,
            empty_text='<p class="hw-help">No activities planned yet.</p>',
            on_redraw=self.row_widgets.clear,
        )
        self.list.rows.add_class("hw-activity_planner-rows")
        self.summary = html_block()
        self.summary.add_class("hw-activity_planner-summary-box")

        self.ideas = w.Dropdown(
            options=[("Choose an idea (optional)", ""), *((idea, idea) for idea in ideas)],
            value="",
            description="Ideas (choosing one fills in the activity)",
            style={"description_width": "initial"},
            layout=w.Layout(width="auto", display=None if ideas else "none"),
        )
        self.ideas.add_class("hw-activity_planner-field")
        self.ideas.add_class("hw-activity_planner-ideas")
        self.ideas.observe(self._idea_picked, "value")
        self.new_activity = _field(
            w.Text,
            "Activity",
            _WIDE,
            placeholder="Something small, e.g. a 10-minute walk",
        )
        today = self.clock.today().isoformat()
        self.new_day = _field(w.Text, "Day (YYYY-MM-DD)", _NARROW, value=today)
        self.new_predicted = _field(w.BoundedIntText, "Predicted mood (0–10)", _NARROW, max=10)
        self._show_rated(self.new_predicted, False)
        self._new_predicted_set = False
        self.new_predicted.observe(self._prediction_typed, "value")
        self.new_predicted_note = html_block()
        self.add_button = plain_button(
            description="Add activity",
            layout=shared(w.Layout, width="auto", min_width="8em", align_self="flex-start"),
        )
        self.add_button.on_click(lambda _b: self._add_from_form())
        fields = w.HBox(
            [self.new_activity, self.new_day, self.new_predicted, self.new_predicted_note],
            layout=w.Layout(flex_flow="row wrap", align_items="flex-end"),
        )
        fields.add_class("hw-row")
        self.adder = w.VBox(
            [
                html_block('<p class="hw-activity_planner-adder-title">Plan an activity</p>'),
                self.ideas,
                fields,
                self.add_button,
            ]
        )
        self.adder.add_class("hw-activity_planner-adder")
        self._show_prediction_note()
        return [self.list, self.summary, self.adder]

    @property
    def entries(self) -> list[dict[str, Any]]:
        """The planned activities as they stand, in order (edits included)."""
        return self.list.items

    @property
    def rows(self) -> w.VBox:
        """The box of rows, one per activity."""
        return self.list.rows

    # ------------------------------------------------------------- actions

    def add_activity(self, activity: str, day: str, predicted: int | None = None) -> bool:
        """Add a planned activity; return False (with a message) if it is refused.

        Parameters
        ----------
        activity
            What the person plans to do.
        day
            The planned day as ``YYYY-MM-DD``.
        predicted
            The mood they expect afterwards (0–10), or ``None`` for no guess.
        """
        activity = (activity or "").strip()
        if not activity:
            self._set_problem("Type an activity first (or pick an idea), then press Add.")
            return False
        if len(activity) > MAX_ACTIVITY_CHARS:
            self._set_problem(f"Keep the activity under {MAX_ACTIVITY_CHARS} characters.")
            return False
        if parse_day(day) is None:
            self._set_problem(self._day_hint())
            return False
        if not is_rating(predicted):
            self._set_problem("Choose a predicted mood from 0 to 10.")
            return False
        if len(self.entries) >= self.max_items:
            self._set_problem(f"This plan holds up to {self.max_items} activities.")
            return False
        entry = dict.fromkeys(ROW_KEYS)
        entry.update(activity=activity, day=day.strip(), predicted=predicted, done=False)
        self._reset_form()
        self.list.add(entry)
        return True

    def remove_activity(self, index: int) -> None:
        """Remove the activity at ``index`` (counted from 0)."""
        self.list.remove(index)

    def _list_changed(self) -> None:
        self._refresh_summary()
        self._changed()

    def edit_activity(self, index: int, text: str) -> None:
        """Change what activity ``index`` is, as typing in its box does."""
        self.row_widgets[index]["activity"].value = text

    def set_day(self, index: int, day: str) -> None:
        """Change the planned day of activity ``index``, as typing in its box does."""
        self.row_widgets[index]["day"].value = day

    def mark_done(self, index: int, done: bool = True) -> None:
        """Tick (or untick) "Done" for activity ``index``."""
        self.row_widgets[index]["done"].value = done

    def rate(self, index: int, **ratings: int | None) -> bool:
        """Set ratings of activity ``index``, e.g. ``rate(0, mood=6, pleasure=7)``.

        Keys are ``predicted``, ``mood``, ``mastery`` and ``pleasure``; ``None``
        clears a rating. A number outside 0–10 is refused with a message and
        changes nothing; returns False then.
        """
        unknown = set(ratings) - set(_RATING_LABELS)
        if unknown:
            raise TypeError(f"unknown rating: {', '.join(sorted(unknown))}")
        for key, value in ratings.items():
            if not is_rating(value):
                self._set_problem(f"Choose a whole number from 0 to 10 for {key}.")
                return False
        entry = self.entries[index]
        for key, value in ratings.items():
            entry[key] = value
            self._quiet.set(self.row_widgets[index][key], 0 if value is None else value)
            self._show_rated(self.row_widgets[index][key], value is not None)
        self._refresh_row(index)
        self._changed()
        return True

    # -------------------------------------------------------- form helpers

    def _add_from_form(self) -> None:
        predicted = self.new_predicted.value if self._new_predicted_set else None
        self.add_activity(self.new_activity.value, self.new_day.value, predicted)

    def _idea_picked(self, change: dict) -> None:
        if change["new"] and not self._quiet:
            self.new_activity.value = change["new"]

    def _prediction_typed(self, _change: dict) -> None:
        if not self._quiet:
            self._new_predicted_set = True
            self._show_rated(self.new_predicted, True)
            self._show_prediction_note()

    def _show_prediction_note(self) -> None:
        self.new_predicted_note.value = (
            "" if self._new_predicted_set else '<span class="hw-help">No guess yet</span>'
        )

    def _reset_form(self) -> None:
        self.new_activity.value = ""
        self._quiet.set(self.ideas, "")
        self._quiet.set(self.new_predicted, 0)
        self._new_predicted_set = False
        self._show_rated(self.new_predicted, False)
        self._show_prediction_note()

    def _show_rated(self, box: w.BoundedIntText, rated: bool) -> None:
        # An unrated box still holds a number (0); the stylesheet hides it unless
        # focused, so the page never shows a rating the person did not give.
        if rated:
            box.remove_class("hw-activity_planner-unrated")
        else:
            box.add_class("hw-activity_planner-unrated")

    def _day_hint(self) -> str:
        return f"Write the day like {self.clock.today().isoformat()} (year, month, day)."

    # ---------------------------------------------------------------- rows

    def _row(self, index: int, entry: dict[str, Any], buttons: list[w.Button]) -> w.Widget:
        number = index + 1
        parts: dict[str, w.Widget] = {}
        parts["activity"] = _field(
            w.Text,
            f"Activity {number}",
            _WIDE,
            value=entry["activity"],
            disabled=self.read_only,
        )
        parts["day"] = _field(
            w.Text,
            f"Day (activity {number})",
            _NARROW,
            value=entry["day"],
            continuous_update=False,  # check the date when the person leaves the box
            disabled=self.read_only,
        )
        for key in _RATING_LABELS:
            value = entry[key]
            parts[key] = _field(
                w.BoundedIntText,
                f"{_RATING_LABELS[key]} 0–10 (activity {number})",
                _NARROW,
                max=10,
                value=0 if value is None else value,
                disabled=self.read_only,
            )
            self._show_rated(parts[key], value is not None)
        parts["done"] = w.Checkbox(
            value=bool(entry["done"]),
            description=f"Done (activity {number})",
            indent=False,
            disabled=self.read_only,
            layout=w.Layout(width="auto"),
        )
        for key in ROW_KEYS:
            parts[key].observe(self._edited(index, key), "value")
        plan_line = w.HBox(
            [parts["activity"], parts["day"], parts["predicted"]],
            layout=w.Layout(flex_flow="row wrap", align_items="flex-end"),
        )
        done_line = w.HBox(
            [parts["done"], *buttons], layout=w.Layout(flex_flow="row wrap", align_items="center")
        )
        parts["ratings"] = w.HBox(
            [parts[key] for key in RATINGS],
            layout=w.Layout(flex_flow="row wrap", align_items="flex-end"),
        )
        parts["note"] = html_block()
        for line in (plan_line, done_line, parts["ratings"]):
            line.add_class("hw-row")
        row = w.VBox([plan_line, done_line, parts["ratings"], parts["note"]])
        row.add_class("hw-activity_planner-row")
        self.row_widgets.append(parts)
        self._refresh_row(index)
        return row

    def _edited(self, index: int, key: str) -> Callable[[dict], None]:
        def on_edit(change: dict) -> None:
            if self._showing or self._quiet:
                return
            self.entries[index][key] = change["new"]
            if key in _RATING_LABELS:
                self._show_rated(self.row_widgets[index][key], True)
            self._refresh_row(index)
            self._changed()

        return on_edit

    def _refresh_row(self, index: int) -> None:
        entry, parts = self.entries[index], self.row_widgets[index]
        done = bool(entry["done"])
        parts["ratings"].layout.display = None if done else "none"
        lines = []
        if done:
            missing = [key for key in RATINGS if entry[key] is None]
            if missing:
                lines.append(f"Not rated yet: {', '.join(missing)}.")
            lines.append(compare_text(entry["predicted"], entry["mood"]))
        elif entry["predicted"] is None:
            lines.append("No guess yet for this one.")
        parts["note"].value = "".join(
            f'<p class="hw-activity_planner-note">{esc(line)}</p>' for line in lines
        )
        self._refresh_summary()

    def _refresh_summary(self) -> None:
        if not self.entries:
            self.summary.value = ""
            return
        self.summary.value = (
            f'<p class="hw-activity_planner-summary">{esc(summary_text(self._read()))}</p>'
        )

    # ------------------------------------------------------- Exercise hooks

    def empty_value(self) -> list[dict[str, Any]]:
        return []

    def validate(self, value: Any) -> str | None:
        if not isinstance(value, list):
            return "This answer must be a list of planned activities."
        if len(value) > self.max_items:
            return f"This plan holds up to {self.max_items} activities."
        for number, row in enumerate(value, start=1):
            if not isinstance(row, dict) or set(row) != set(ROW_KEYS):
                return f"Activity {number} is missing some of its details."
            activity = row["activity"]
            if not isinstance(activity, str) or not activity.strip():
                return f"Activity {number} needs a name: type what you plan to do."
            if len(activity) > MAX_ACTIVITY_CHARS:
                return (
                    f"Keep activity {number} under {MAX_ACTIVITY_CHARS} characters; "
                    "your last save is safe."
                )
            if not isinstance(row["day"], str) or parse_day(row["day"]) is None:
                return f"Activity {number}: {self._day_hint()}"
            if not isinstance(row["done"], bool):
                return f"Activity {number}: done must be yes or no."
            for key, label in _RATING_LABELS.items():
                if not is_rating(row[key]):
                    return f"Activity {number}: {label.lower()} must be a whole number 0 to 10."
        return None

    def _read(self) -> list[dict[str, Any]]:
        rows = []
        for entry in self.entries:
            done = bool(entry["done"])
            row = {
                "activity": entry["activity"],
                "day": entry["day"],
                "predicted": entry["predicted"],
                "done": done,
            }
            row.update({key: entry[key] if done else None for key in RATINGS})
            rows.append(row)
        return rows

    def _show(self, value: Any) -> None:
        # A worked example is shown as given (no load check): skip one that is malformed.
        rows = value if self.validate(value) is None else []
        self.list.show(
            [{key: row.get(key) for key in ROW_KEYS} for row in rows if isinstance(row, dict)]
        )
        self._refresh_summary()

    def _set_disabled(self, disabled: bool) -> None:
        for widget in (self.ideas, self.new_activity, self.new_day, self.new_predicted):
            widget.disabled = disabled
        self.add_button.disabled = disabled
        self.adder.layout.display = "none" if disabled else None


_WIDE = "1 1 16em"  # flex of a text box: takes the room there is
_NARROW = "0 1 11em"  # flex of a day or a number box


def _field(cls: type[w.Widget], description: str, flex: str, **kwargs: Any) -> w.Widget:
    """An input whose label sits above it (room for long labels at phone width)."""
    if cls is w.BoundedIntText:
        kwargs.setdefault("min", 0)
    widget = cls(
        description=description,
        style={"description_width": "initial"},
        layout=w.Layout(flex=flex, min_width="0"),
        **kwargs,
    )
    widget.add_class("hw-activity_planner-field")
    return widget
