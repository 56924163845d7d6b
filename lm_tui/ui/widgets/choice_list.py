"""A numbered list of choices: a digit (or letter) moves to an option, Enter confirms it.

Picking and confirming are two steps on purpose: the highlighted answer is on screen before it
counts, so a stray key press never answers a clinical question.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from lm_tui.ui.widgets.option_keys import option_index, option_key


@dataclass(frozen=True)
class ChoiceItem:
    value: str
    label: str
    help: str = ""


def item_prompt(key: str, item: ChoiceItem, mark: str = "") -> Content:
    parts: list[str | tuple[str, str]] = [(f"{key} ", "bold"), mark, item.label]
    if item.help:
        parts.append((f"\n  {' ' * len(mark)}{item.help}", "$text-muted"))
    return Content.assemble(*parts)


class ChoiceList(OptionList):
    """Options with their keys; `OptionSelected` (Enter or a click) means confirmed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Confirm", tooltip="Confirm the highlighted answer")
    ]

    def __init__(self, items: list[ChoiceItem], selected: str | None, *, id: str | None = None):
        self.items = items
        super().__init__(
            *[
                Option(item_prompt(option_key(i), item), id=item.value)
                for i, item in enumerate(items)
            ],
            id=id,
        )
        self._initial = selected

    def on_mount(self) -> None:
        values = [item.value for item in self.items]
        self.highlighted = values.index(self._initial) if self._initial in values else 0

    def on_key(self, event: events.Key) -> None:
        index = option_index(event.character, len(self.items))
        if index is not None:
            event.stop()
            event.prevent_default()
            self.highlighted = index

    @property
    def highlighted_value(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.items[self.highlighted].value
