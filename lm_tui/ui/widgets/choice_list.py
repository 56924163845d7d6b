"""A numbered list of choices: a digit (or letter) moves to an option, Enter confirms it.

Picking and confirming are two steps on purpose: the highlighted answer is on screen before it
counts, so a stray key press never answers a clinical question.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from lm_tui.ui.widgets.numbered_options import ChoiceItem, NumberedOptions

__all__ = ["ChoiceItem", "ChoiceList"]


class ChoiceList(NumberedOptions):
    """Options with their keys; `OptionSelected` (Enter or a click) means confirmed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Confirm", tooltip="Confirm the highlighted answer")
    ]

    def __init__(self, items: list[ChoiceItem], selected: str | None, *, id: str | None = None):
        super().__init__(items, id=id)
        self._initial = selected

    def on_mount(self) -> None:
        self.highlight_value(self._initial)

    def set_items(self, items: list[ChoiceItem], selected: str | None) -> None:
        self.replace_items(items, index_of(items, selected))

    def highlight_value(self, selected: str | None) -> None:
        index = index_of(self.items, selected)
        if index is not None:
            self.highlighted = index

    @property
    def highlighted_value(self) -> str | None:
        """The value the user has picked but not confirmed yet."""
        if self.highlighted is None:
            return None
        return self.items[self.highlighted].value


def index_of(items: list[ChoiceItem], selected: str | None) -> int | None:
    """Where `selected` is among `items`: the first item when it is not there, None if empty."""
    values = [item.value for item in items]
    if not values:
        return None
    return values.index(selected) if selected in values else 0
