"""What the choice list and the checklist share: numbered options that wrap with a hanging
indent and a `›` pointer on the highlighted one, so neither relies on colour or focus."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from lm_tui.ui.widgets.option_keys import option_index, option_key


@dataclass(frozen=True)
class ChoiceItem:
    value: str
    label: str
    help: str = ""
    marks: tuple[str, ...] = ()
    """What the answers so far say about this option (`‼ raises pitfall: ...`), shown bold."""


def item_prompt(
    key: str, item: ChoiceItem, mark: str = "", pointer: bool = False, width: int = 0
) -> Content:
    """`› 1 [x] Label`, wrapped to `width` (0: no wrapping) under the label's first letter."""
    prefix = f"{'›' if pointer else ' '}{key} {mark}"
    indent = " " * len(prefix)
    room = width - len(prefix)
    label_lines = textwrap.wrap(item.label, room) if room > 10 else [item.label]
    help_lines = (
        textwrap.wrap(item.help, room)
        if item.help and room > 10
        else ([item.help] if item.help else [])
    )
    parts: list[str | tuple[str, str]] = [
        (prefix[:1], "bold"),
        (prefix[1 : len(key) + 2], "bold"),
        prefix[len(key) + 2 :],
        label_lines[0],
    ]
    for line in label_lines[1:]:
        parts.append(f"\n{indent}{line}")
    for mark in item.marks:
        for line in textwrap.wrap(mark, room) if room > 10 else [mark]:
            parts.append((f"\n{indent}{line}", "bold"))
    for line in help_lines:
        parts.append((f"\n{indent}{line}", "$text-muted"))
    return Content.assemble(*parts)


class NumberedOptions(OptionList):
    """Options keyed 1-9 then a-z; subclasses decide what picking a key does."""

    def __init__(self, items: list[ChoiceItem], *, id: str | None = None) -> None:
        self.items = items
        self.pointer_at: int | None = None
        """The option whose prompt carries the `›` pointer (None: no prompt has it)."""
        # Not mounted yet: no width to wrap to and nothing highlighted (see `refresh_prompts`).
        options = [
            Option(item_prompt(option_key(i), item, self.mark_for(i)), id=item.value)
            for i, item in enumerate(items)
        ]
        super().__init__(*options, id=id)

    def replace_items(self, items: list[ChoiceItem], highlight: int | None) -> None:
        """Show another node's options in the same list (the screen is reused), `highlight`
        highlighted. The prompts are built with the pointer already in place: building them
        all again when the highlight lands would double the work of the key press."""
        self.items = items
        self.clear_options()
        self.pointer_at = highlight
        self.add_options(
            [
                Option(self.prompt_for(i, pointer=i == highlight), id=item.value)
                for i, item in enumerate(items)
            ]
        )
        self.highlighted = highlight

    def mark_for(self, index: int) -> str:
        """Text between the key and the label (a checklist's `[x] `)."""
        return ""

    def prompt_for(self, index: int, pointer: bool | None = None) -> Content:
        if pointer is None:
            pointer = index == self.highlighted
        width = self.scrollable_content_region.width if self.is_mounted else 0
        return item_prompt(
            option_key(index), self.items[index], self.mark_for(index), pointer, width
        )

    def refresh_prompts(self) -> None:
        """Every prompt again (the width to wrap to changed)."""
        for index in range(len(self.items)):
            self.replace_option_prompt_at_index(index, self.prompt_for(index))
        self.pointer_at = self.highlighted

    def move_pointer(self) -> None:
        """The pointer follows the highlight: only the prompts it leaves and lands on change."""
        old, new = self.pointer_at, self.highlighted
        if old == new:
            return
        for index in (old, new):
            if index is not None and index < len(self.items):
                self.replace_option_prompt_at_index(index, self.prompt_for(index, index == new))
        self.pointer_at = new

    def on_resize(self, event: events.Resize) -> None:
        self.refresh_prompts()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.move_pointer()

    def on_key(self, event: events.Key) -> None:
        index = option_index(event.character, len(self.items))
        if index is not None:
            event.stop()
            event.prevent_default()
            self.pick(index)

    def pick(self, index: int) -> None:
        self.highlighted = index
