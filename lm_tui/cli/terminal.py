"""Whether this terminal can show the full-screen app, checked before Textual starts.

On a terminal that cannot move the cursor (TERM=dumb: Emacs shell buffers, some CI consoles and
serial lines) Textual would print escape codes as garbage; without a terminal at all (input from
/dev/null, output to a file) it would wait forever for keys, or spin. One clear line pointing to
the line-by-line mode is better. Every full-screen command (`run`, `teach` with its picker)
calls `require_terminal` before it imports Textual.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TextIO

from lm_tui.flow.errors import LmTuiError

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


class NoTerminal(LmTuiError):
    """The full-screen app cannot run here; the message points to `--plain`."""


def require_terminal(
    environ: Mapping[str, str] | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> None:
    """Raise NoTerminal unless standard input and output are a terminal that can show the app."""
    reason = unusable_terminal(os.environ if environ is None else environ)
    if reason is None:
        streams = (stdin or sys.stdin, stdout or sys.stdout)
        if not all(_is_terminal(stream) for stream in streams):
            reason = (
                "the full-screen app needs a terminal for its input and output (they are "
                f"redirected here); {PLAIN_HINT}"
            )
    if reason is not None:
        raise NoTerminal(reason)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed, or replaced by something without a file
        return False
