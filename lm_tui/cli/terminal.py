"""Whether this terminal can show the full-screen app, checked before Textual starts.

On a terminal that cannot move the cursor (TERM=dumb: Emacs shell buffers, some CI consoles and
serial lines) Textual would print escape codes as garbage. One clear line pointing to the
line-by-line mode is better.
"""

from __future__ import annotations

from collections.abc import Mapping

PLAIN_HINT = "use `lm-tui --plain` for the line-by-line mode"


def unusable_terminal(environ: Mapping[str, str]) -> str | None:
    """Why the full-screen app cannot run here, or None when it can."""
    term = environ.get("TERM", "")
    if term == "dumb":
        return (
            "this terminal (TERM=dumb) cannot show the full-screen app; "
            f"{PLAIN_HINT}, or run lm-tui in a terminal such as xterm"
        )
    return None
