"""A numbered checklist: a digit, a letter or Space toggles, Enter confirms the whole set.

`[x]` and `[ ]` show the state in words and brackets, so it reads the same without colour.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList

from lm_tui.ui.widgets.numbered_options import ChoiceItem, NumberedOptions


class Checklist(NumberedOptions):
    """Toggles with Space, a key, or a click; only Enter confirms."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_item", "Toggle", tooltip="Tick or untick the highlighted item"),
        Binding("enter", "confirm", "Confirm", tooltip="Confirm the ticked items"),
    ]

    class Toggled(Message):
        """The ticks changed (the screen may update what each option would raise)."""

    class Confirmed(Message):
        """The user confirmed the ticked items (possibly none)."""

        def __init__(self, values: list[str]) -> None:
            super().__init__()
            self.values = values

    def __init__(self, items: list[ChoiceItem], ticked: set[str], *, id: str | None = None):
        self.ticked = {value for value in ticked if value in {item.value for item in items}}
        super().__init__(items, id=id)

    def mark_for(self, index: int) -> str:
        return "[x] " if self.items[index].value in self.ticked else "[ ] "

    def on_mount(self) -> None:
        if self.items:
            self.highlighted = 0

    def set_items(self, items: list[ChoiceItem], ticked: set[str]) -> None:
        self.ticked = {value for value in ticked if value in {item.value for item in items}}
        self.replace_items(items, 0 if items else None)

    def toggle(self, index: int) -> None:
        self.ticked ^= {self.items[index].value}
        self.replace_option_prompt_at_index(index, self.prompt_for(index))
        self.post_message(self.Toggled())

    def set_marks(self, marks: dict[str, tuple[str, ...]]) -> None:
        """New marks per option value; only the prompts whose marks changed are rebuilt."""
        for index, item in enumerate(self.items):
            new = marks.get(item.value, ())
            if new != item.marks:
                self.items[index] = ChoiceItem(item.value, item.label, item.help, new)
                self.replace_option_prompt_at_index(index, self.prompt_for(index))

    def pick(self, index: int) -> None:
        self.highlighted = index
        self.toggle(index)

    def action_toggle_item(self) -> None:
        if self.highlighted is not None:
            self.toggle(self.highlighted)

    def action_confirm(self) -> None:
        # In the flow's order, which is how the choices are read and exported.
        self.post_message(self.Confirmed([i.value for i in self.items if i.value in self.ticked]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # Only a mouse click gets here (Enter is bound to confirm): a click toggles.
        event.stop()
        self.toggle(event.option_index)
