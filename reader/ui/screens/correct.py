"""The correction menu (`x`) and the add-highlight dialog (`X`): small lists that end in one operation.

What the menus offer and which operation a choice makes are pure functions of the Article and the
highlight (tested without a screen); `ChoiceScreen` is one small modal list, filterable when it
lists entities, and `ask_correction` chains at most two of them. The app records the operation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.corrections import (
    ADD_LABELS,
    ENTITY_LABELS,
    Add,
    Drop,
    Merge,
    Operation,
    Ref,
    Relabel,
    SetCharge,
    SetSpeaker,
)
from reader.layers import layer
from reader.model import CHARGE_STATUSES, Article, Span
from reader.shown import shown_line, shown_text

NOBODY = "-"  # the choice "nobody named" in a speaker or person list
NO_STATUS = "-"


@dataclass(frozen=True)
class Choice:
    """One line of a menu: what it does (`id`) and what it says."""

    id: str
    prompt: str


def _title(label: str) -> str:
    """The singular name of a layer: Person, Organisation, ..."""
    found = layer(label)
    return found.name if found is not None else label.title()


def menu_for(span: Span) -> list[Choice]:
    """What can be corrected about this highlight."""
    if span.label == "QUOTE":
        return [Choice("speaker", "Change speaker…"), Choice("drop", "Not a quote")]
    if span.label == "CHARGE":
        return [Choice("subject", "Change person…"), Choice("status", "Change status…"),
                Choice("drop", "Not a charge")]
    choices = [Choice(f"label:{label}", f"Change label to {_title(label)}") for label in ENTITY_LABELS
               if label != span.label or span.entity is None]
    choices.append(Choice("drop", "Not an entity"))
    if span.entity is not None:
        choices.append(Choice("merge", "Merge into another entity…"))
    return choices


def entity_choices(article: Article, exclude: str | None = None, nobody: str | None = None) -> list[Choice]:
    """The entities one can pick (those with a highlight to name them by), by name."""
    drawn = {s.entity for s in article.spans if s.entity is not None}
    choices = [Choice(e.id, f"{e.name}  ({_title(e.label)}, {len(e.mentions)}×)")
               for e in sorted(article.entities, key=lambda e: e.name.lower())
               if e.id in drawn and e.id != exclude]
    return ([Choice(NOBODY, nobody)] if nobody else []) + choices


def status_choices() -> list[Choice]:
    return [Choice(s, s.replace("_", " ")) for s in CHARGE_STATUSES] + [Choice(NO_STATUS, "status unknown")]


def label_choices() -> list[Choice]:
    return [Choice(label, _title(label)) for label in ADD_LABELS]


def mention_of(article: Article, entity_id: str) -> Ref:
    """An entity named by its first highlight (what an operation addresses it by)."""
    span = min((s for s in article.spans if s.entity == entity_id), key=lambda s: s.start)
    return Ref(span.start, span.end, span.text)


def follow_up(article: Article, span: Span, action: str) -> tuple[str, list[Choice], bool] | None:
    """The second list an action needs (title, choices, filterable), or None when it needs none."""
    if action == "merge":
        return "Merge into…", entity_choices(article, exclude=span.entity), True
    if action == "speaker":
        return "Who said it?", entity_choices(article, nobody="nobody named"), True
    if action == "subject":
        return "Whose charge is it?", entity_choices(article, nobody="not tied to a person"), True
    if action == "status":
        return "Status of the charge", status_choices(), False
    return None


def operation_for(article: Article, span: Span, action: str, value: str | None = None) -> Operation:
    """The operation a menu choice (and its follow-up value) stands for."""
    target = Ref(span.start, span.end, span.text)
    if action.startswith("label:"):
        return Relabel(target, action.removeprefix("label:"))
    if action == "drop":
        return Drop(target)
    if action == "merge" and value is not None:
        return Merge(target, mention_of(article, value))
    if action == "speaker":
        return SetSpeaker(target, None if value in (None, NOBODY) else mention_of(article, str(value)))
    if action == "subject":
        return SetCharge(target, subject=None if value in (None, NOBODY) else mention_of(article, str(value)))
    if action == "status":
        return SetCharge(target, status=None if value in (None, NO_STATUS) else value)
    raise ValueError(f"no correction {action!r}")


class ChoiceScreen(ModalScreen[str | None]):
    """A small modal list; dismisses with the chosen id, or None on escape."""

    DEFAULT_CSS = """
    ChoiceScreen { align: center middle; }
    ChoiceScreen #choice-dialog {
        width: 60; max-width: 100%; height: auto; max-height: 80%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ChoiceScreen .choice-title { text-style: bold; margin: 1 0; }
    ChoiceScreen OptionList { height: auto; max-height: 16; }
    ChoiceScreen .choice-hint { color: $text-muted; margin-bottom: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="choice-cancel")]

    def __init__(self, title: str, choices: list[Choice], filterable: bool = False) -> None:
        super().__init__()
        self.heading = title
        self.choices = choices
        self.filterable = filterable

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-dialog"):
            yield Label(shown_text(shown_line(self.heading)), classes="choice-title")
            if self.filterable:
                yield Input(placeholder="type to filter", id="choice-filter")
            yield OptionList(*self._options(""), id="choice-list")
            yield Label("enter choose · esc cancel", classes="choice-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0 if self.choices else None
        (self.query_one(Input) if self.filterable else options).focus()

    def _options(self, needle: str) -> list[Option]:
        words = needle.lower().split()
        return [Option(shown_text(shown_line(c.prompt)), id=c.id) for c in self.choices
                if all(w in c.prompt.lower() for w in words)]

    @on(Input.Changed, "#choice-filter")
    def _filter(self, event: Input.Changed) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options(event.value))
        options.highlighted = 0 if options.option_count else None

    @on(Input.Submitted, "#choice-filter")
    def _submit_filter(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def on_key(self, event: events.Key) -> None:
        """Up and down move through the list while the filter keeps the focus."""
        if self.filterable and event.key in ("up", "down"):
            options = self.query_one(OptionList)
            if event.key == "down":
                options.action_cursor_down()
            else:
                options.action_cursor_up()
            event.stop()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def ask_correction(app: App[Any], article: Article, span: Span, done: Callable[[Operation], None]) -> None:
    """The correction menu for `span`, then the follow-up list its choice needs; `done` gets the operation."""
    def chosen(action: str | None) -> None:
        if action is None:
            return
        second = follow_up(article, span, action)
        if second is None:
            done(operation_for(article, span, action))
            return
        title, choices, filterable = second

        def picked(value: str | None) -> None:
            if value is not None:
                done(operation_for(article, span, action, value))

        app.push_screen(ChoiceScreen(title, choices, filterable), picked)

    heading = f"Correct {_title(span.label).lower()} “{shown_line(span.text, 40)}”"
    app.push_screen(ChoiceScreen(heading, menu_for(span)), chosen)


def ask_label(app: App[Any], text: str, start: int, done: Callable[[Operation], None]) -> None:
    """Which layer to highlight `text` (at `start`) in; `done` gets the Add operation."""
    def picked(label: str | None) -> None:
        if label is not None:
            done(Add(Ref(start, start + len(text), text), label))

    app.push_screen(ChoiceScreen(f"Highlight “{shown_line(text, 40)}” as", label_choices()), picked)
