"""TERM=dumb: one clear line pointing to the plain mode, before Textual starts; no garbage."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lm_tui.cli.terminal import unusable_terminal

PROJECT = Path(__file__).resolve().parents[2]


def lm_tui(*args: str, term: str | None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    env.pop("TERM", None)
    if term is not None:
        env["TERM"] = term
    # Reports whether Textual was imported, after main() returns.
    code = (
        "import sys\nfrom lm_tui.cli import main\ncode = main(sys.argv[1:])\n"
        "print('textual loaded' if 'textual' in sys.modules else 'textual not loaded')\n"
        "raise SystemExit(code)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("args", [(), ("run",), ("--export-dir", "/tmp")])
def test_dumb_terminal_gets_one_line_pointing_to_plain_mode(args: tuple[str, ...]) -> None:
    result = lm_tui(*args, term="dumb")
    assert result.returncode == 2
    assert result.stdout == "textual not loaded\n"
    [line] = result.stderr.splitlines()
    assert line.startswith("lm-tui: this terminal (TERM=dumb) cannot show the full-screen app")
    assert "lm-tui --plain" in line
    assert "\x1b" not in result.stderr  # no escape sequences: a dumb terminal prints them raw


def test_only_dumb_is_refused() -> None:
    assert unusable_terminal({"TERM": "dumb"}) is not None
    assert unusable_terminal({"TERM": "xterm-256color"}) is None
    assert unusable_terminal({"TERM": "linux"}) is None
    assert unusable_terminal({}) is None  # Windows consoles have no TERM at all


@pytest.mark.parametrize(
    ("args", "term"),
    [
        (("teach", "kps-70-borderline"), "dumb"),  # never exited before
        (("teach",), "dumb"),  # the case picker is full-screen too
        ((), "xterm"),  # input from /dev/null, output to a file: spun at 60 % CPU
        (("teach", "kps-70-borderline"), "xterm"),
    ],
    ids=["teach dumb", "teach picker dumb", "run no tty", "teach no tty"],
)
def test_every_full_screen_command_needs_a_terminal(args: tuple[str, ...], term: str) -> None:
    result = lm_tui(*args, term=term)  # stdin /dev/null, stdout a pipe
    assert result.returncode == 2
    assert result.stdout == "textual not loaded\n"
    [line] = result.stderr.splitlines()
    assert "lm-tui --plain" in line
    assert "\x1b" not in result.stderr
