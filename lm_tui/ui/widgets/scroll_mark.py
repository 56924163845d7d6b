"""A scrolling column that says, in characters, when part of it is out of view.

Textual's scrollbar tells "there is more" by a thumb drawn in colour, which NO_COLOR and many
hospital terminals lose. At 80x24 a long question (the borderline decision, the plan
checklist) does not fit, so the column carries a one-line mark at its bottom edge: `more ↓`
while there is more below, `more ↑` once the end is in view and the start is not.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static


def scroll_mark_text(scroll_y: float, max_scroll_y: float) -> str:
    """The mark for a column scrolled to `scroll_y` of `max_scroll_y` (empty: all in view)."""
    if max_scroll_y <= 0:
        return ""
    if round(scroll_y) < max_scroll_y:
        return "more ↓ (scroll)" if round(scroll_y) == 0 else "more ↑ ↓"
    return "more ↑"


class MarkedScroll(VerticalScroll):
    """A VerticalScroll with a `more ↓` / `more ↑` line when its content is taller than it.

    The mark is worked out after the next refresh, when the layout is settled, and touched only
    when its text changes: a key press that refills a screen must not pay for a second layout.
    """

    def __init__(self, *children: object, **options: object) -> None:
        super().__init__(*children, **options)  # type: ignore[arg-type]
        self.shown_mark = ""
        self.mark_pending = False

    def on_mount(self) -> None:
        self.mount(Static("", classes="scroll-mark"))
        self.schedule_mark()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.schedule_mark()

    def watch_virtual_size(self) -> None:
        self.schedule_mark()

    def on_resize(self) -> None:
        self.schedule_mark()

    def schedule_mark(self) -> None:
        if not self.mark_pending and self.is_mounted:
            self.mark_pending = True
            self.call_after_refresh(self.update_mark)

    @property
    def mark(self) -> str:
        """What the mark says now (empty when everything is in view)."""
        return scroll_mark_text(self.scroll_y, self.max_scroll_y)

    def update_mark(self) -> None:
        self.mark_pending = False
        text = self.mark
        if text == self.shown_mark:
            return
        marks = self.query_children(".scroll-mark")
        if not marks:
            return
        mark = marks.first(Static)
        mark.update(text)
        mark.display = bool(text)
        self.shown_mark = text
