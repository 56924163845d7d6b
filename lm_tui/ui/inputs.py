"""Text fields follow the app's cursor setting (no blink in tests and screenshots)."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Input


def apply_cursor_setting(screen: Screen[Any]) -> None:
    blink = bool(getattr(screen.app, "blink", True))
    for field in screen.query(Input):
        field.cursor_blink = blink
