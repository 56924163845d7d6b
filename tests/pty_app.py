"""The app started as a user starts it: a program in a pseudo-terminal at 80x24, colours on.

Shared by the tests that drive the real terminal (tests/e2e, the stop signals, the single-file
build): each gets a pexpect child whose screen output it reads and whose keys it sends.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect

ROOT = Path(__file__).resolve().parents[1]
CTRL_Q = "\x11"
FIRST_SCREEN = ("Which cancer", "does not replace")
"""Text of the first question and of the disclaimer under it (rows are drawn in order)."""


def spawn_app(
    args: list[str],
    *,
    program: Path | None = None,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
    inherit: bool = True,
) -> pexpect.spawn:
    """`program args` in a pty; without a program, `python -m lm_tui` from this checkout.
    `env` is added to this process's environment, or (`inherit=False`) is all of it."""
    environment = {
        **(os.environ if inherit else {}),
        "TERM": "xterm-256color",
        "COLUMNS": "80",
        "LINES": "24",
        **(env or {}),
    }
    environment.pop("NO_COLOR", None)
    if program is None:  # only this checkout's lm_tui is put on the path
        program, args = Path(sys.executable), ["-m", "lm_tui", *args]
        environment["PYTHONPATH"] = str(ROOT)
    return pexpect.spawn(
        str(program),
        args,
        cwd=str(cwd),
        env=environment,
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=30,
    )


def quit_on_the_first_screen(child: pexpect.spawn) -> tuple[int | None, str]:
    """Wait for the first screen, press Ctrl+Q; the exit code and what was printed last."""
    try:
        for text in FIRST_SCREEN:
            child.expect(text)
        child.send(CTRL_Q)
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    return child.exitstatus, child.before or ""
