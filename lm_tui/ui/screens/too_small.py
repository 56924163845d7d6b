"""Shown instead of a broken layout while the terminal is smaller than the app needs."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

MIN_WIDTH = 80
MIN_HEIGHT = 24


def too_small_text(width: int, height: int) -> str:
    return (
        f"The terminal is {width}×{height}; lm-tui needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\n"
        "Enlarge the window (or make the font smaller): the session carries on where it was.\n"
        "Ctrl+Q quits."
    )


class TooSmallScreen(Screen[None]):
    """Sits on top of the session's screens and leaves them untouched until the size is back."""

    def compose(self) -> ComposeResult:
        yield Static(too_small_text(*self.app.size), id="too-small")

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#too-small", Static).update(too_small_text(*event.size))
