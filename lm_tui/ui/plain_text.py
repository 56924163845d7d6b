"""The one way the app shows text from a flow, a session, a path or the user: as plain text.

Textual reads a `str` handed to a widget, a border title or a notification as markup, so
"Age [years]" loses its unit, `[@click=app.quit]` becomes a live action and "[/b]" crashes the
app. `plain` turns such text into `Content` (never parsed as markup) after making its control
characters visible (`lm_tui.flow.visible_text`); the app's `notify` does the same for every
notification.
"""

from __future__ import annotations

from textual.content import Content

from lm_tui.flow.visible_text import visible


def plain(text: str) -> Content:
    """`text` exactly as written: no markup, no escape codes."""
    return Content(visible(text))
