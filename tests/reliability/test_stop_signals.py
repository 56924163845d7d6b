"""SIGTERM and SIGHUP: the app autosaves, then gives the terminal back (main screen, no mouse
reporting, cursor shown), instead of dying with the terminal left in its full-screen state."""

from __future__ import annotations

import signal
import time

import pexpect
import pytest

from lm_tui.session.session_file import read_session_file
from tests.pty_app import spawn_app

LEAVE_ALTERNATE_SCREEN = "\x1b[?1049l"
SHOW_CURSOR = "\x1b[?25h"
MOUSE_OFF = "\x1b[?1000l"


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_stop_signal_autosaves_and_restores_the_terminal(name, tmp_path):
    child = spawn_app(
        ["--export-dir", str(tmp_path)], env={"LM_TUI_DATA_DIR": str(tmp_path / "data")}
    )
    try:
        child.expect("Which cancer")
        child.send("2\r")  # one answer: autosaved
        deadline = time.monotonic() + 30
        while not list((tmp_path / "data" / "autosave").glob("*.toml")):
            assert time.monotonic() < deadline, "no autosave"
            time.sleep(0.05)
        time.sleep(0.5)  # let the screen settle: what follows the signal is the restore
        child.read_nonblocking(100_000, timeout=0.5)
        child.kill(getattr(signal, name))
        child.expect(pexpect.EOF)
        after = child.before
    finally:
        child.close(force=True)
    assert LEAVE_ALTERNATE_SCREEN in after
    assert SHOW_CURSOR in after
    assert MOUSE_OFF in after
    assert child.exitstatus == 128 + getattr(signal, name)
    [autosave] = (tmp_path / "data" / "autosave").glob("*.toml")
    assert read_session_file(autosave).document["answers"]  # the answer is kept
