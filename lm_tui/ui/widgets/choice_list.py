"""A numbered list of choices: a digit, a letter, Space or a click picks an option, Enter
confirms the pick.

Nothing is picked when a question starts: the cursor (`›`) rests on an option, but Enter
without a pick records nothing and asks for one, so no question is ever answered by a bare
Enter. The only pre-selection is an answer given before (back, edit, resume), marked `(•)`
like any pick. Picking and confirming are two steps on purpose: the picked answer is on
screen before it counts, so a stray key press never answers a clinical question.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message

from lm_tui.ui.widgets.numbered_options import ChoiceItem, NumberedOptions

__all__ = ["ChoiceItem", "ChoiceList"]


class ChoiceList(NumberedOptions):
    """Options with their keys; `OptionSelected` is posted when a pick is confirmed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "confirm", "Confirm", tooltip="Confirm the picked answer"),
        Binding("space", "select", "Pick", tooltip="Pick the option under the cursor"),
    ]

    class NothingPicked(Message):
        """Enter was pressed before any option was picked."""

    def __init__(self, items: list[ChoiceItem], selected: str | None, *, id: str | None = None):
        self.picked: int | None = index_of(items, selected)
        """The picked option (marked `(•)`); None until a digit, Space or a click picks one."""
        super().__init__(items, id=id)

    def on_mount(self) -> None:
        self.highlighted = self.picked if self.picked is not None else (0 if self.items else None)

    def set_items(self, items: list[ChoiceItem], selected: str | None) -> None:
        """Another node's options; `selected` (an answer given before) is the only pick."""
        self.picked = index_of(items, selected)
        self.replace_items(
            items, self.picked if self.picked is not None else (0 if items else None)
        )

    def mark_for(self, index: int) -> str:
        return "(•) " if index == self.picked else "( ) "

    def pick(self, index: int) -> None:
        old, self.picked = self.picked, index
        self.highlighted = index
        for changed in {old, index}:
            if changed is not None and changed < len(self.items):
                self.replace_option_prompt_at_index(changed, self.prompt_for(changed))

    def action_select(self) -> None:
        # Space and a click land here (Textual's OptionList selects on a click): both pick.
        if self.highlighted is not None:
            self.pick(self.highlighted)

    def action_confirm(self) -> None:
        if self.picked is None:
            self.post_message(self.NothingPicked())
            return
        option = self.get_option_at_index(self.picked)
        self.post_message(self.OptionSelected(self, option, self.picked))

    @property
    def highlighted_value(self) -> str | None:
        """The value under the cursor (not an answer until it is picked and confirmed)."""
        if self.highlighted is None:
            return None
        return self.items[self.highlighted].value

    @property
    def picked_value(self) -> str | None:
        """The value picked but not confirmed yet, or None."""
        return None if self.picked is None else self.items[self.picked].value


def index_of(items: list[ChoiceItem], selected: str | None) -> int | None:
    """Where `selected` is among `items`, or None when it is not there."""
    values = [item.value for item in items]
    return values.index(selected) if selected in values else None
