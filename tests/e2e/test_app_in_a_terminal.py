"""The real thing: `python -m lm_tui` in a pseudo-terminal at 80x24, driven by key bytes.

It answers the colorectal work-up example, saves with Ctrl+S, quits with Ctrl+Q (no question,
since the session was just saved) and checks the file against `lm-tui replay`.
"""

from __future__ import annotations

import tomllib

import pexpect

from lm_tui.cli.replay import replay_session
from lm_tui.session.outcome import outcome_table
from tests.conftest import EXAMPLES
from tests.pty_app import CTRL_Q, FIRST_SCREEN, quit_on_the_first_screen, spawn_app

ENTER, CTRL_S = "\r", "\x13"
EXAMPLE = EXAMPLES / "colorectal-lack-of-evidence.toml"

# (key presses, text that the next screen shows): each step waits for its screen.
STEPS = [
    (["4", ENTER], "Which of these neurological"),  # colorectal
    ([ENTER], "raised intracranial"),  # no symptoms ticked
    (["2", ENTER], "contrast-enhanced MRI"),  # raised ICP: no
    (["5", ENTER], "CSF cytology show"),  # MRI normal
    (["4", ENTER], "Work-up to complete"),  # cytology not done: the work-up outcome
    ([CTRL_S], "Save the session"),
    ([ENTER], "Session saved"),
]


def test_run_answer_export_quit_in_a_pty(tmp_path, bundled_flow):
    child = spawn_app(["--export-dir", str(tmp_path)])
    try:
        # The app opens on the first question, the disclaimer under it (rows are drawn in order).
        for text in FIRST_SCREEN:
            child.expect(text)
        for keys, expected in STEPS:
            for key in keys:
                child.send(key)
            child.expect(expected)
        child.send(CTRL_Q)
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0

    assert list((tmp_path / "data").rglob("*.toml")) == []  # the export cleared the autosave
    saved = list(tmp_path.glob("*.toml"))
    assert len(saved) == 1
    exported = tomllib.loads(saved[0].read_text())
    replayed, _ = replay_session(bundled_flow, EXAMPLE)
    assert exported["outcome"] == outcome_table(replayed.evaluator)
    assert exported["session"]["interface"] == "tui"
    assert exported["answers"]["primary_tumor"] == "colorectal"


def test_quit_as_soon_as_the_first_question_shows(tmp_path):
    """Ctrl+Q while the other screens are still being built unseen (ui/backstage.py) quits
    cleanly: that wait is cancelled, and its end must not then be reported as a crash."""
    folders = {"LM_TUI_DATA_DIR": str(tmp_path / "data"), "LM_TUI_CACHE_DIR": str(tmp_path)}
    status, last = quit_on_the_first_screen(spawn_app([], cwd=tmp_path, env=folders))
    assert "internal error" not in last
    assert status == 0


def test_an_export_folder_not_there_yet_is_created_before_the_app_opens(tmp_path):
    folder = tmp_path / "new-sessions"
    child = spawn_app(["--export-dir", str(folder)], env={"LM_TUI_DATA_DIR": str(tmp_path)})
    child.expect(f"created the export folder {folder}")
    status, _ = quit_on_the_first_screen(child)
    assert status == 0
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
