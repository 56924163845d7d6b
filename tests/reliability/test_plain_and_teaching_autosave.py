"""Plain mode and the teaching app autosave every event like the clinical app, and offer to resume;
plain mode's `--export` is checked for writability at start, a failed save asks for another place,
and the export's extension picks its format.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect

from lm_tui.cli import main
from lm_tui.exports import formats
from lm_tui.flow.errors import ExportError
from lm_tui.flow.loader import load_flow
from lm_tui.session.autosave import Autosaver
from lm_tui.session.session_file import read_session_file
from lm_tui.teaching.resume import read_attempt_file
from tests.reliability.hostile_flows import HOUSEPLANT

PROJECT = Path(__file__).resolve().parents[2]
ANSWERS = "3\n1\n2\n10\n"
"""light low, humid yes, pets dog, away 10: four answers, no critical pitfall."""


def wait_for(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


def autosaved_answers(folder: Path) -> dict:
    files = list(folder.glob("*.toml"))
    if len(files) != 1:
        return {}
    try:
        return dict(read_session_file(files[0]).document.get("answers", {}))
    except Exception:  # half-way through a rename: look again
        return {}


def test_plain_mode_autosaves_every_answer_and_survives_kill_9(tmp_path):
    env = {**os.environ, "LM_TUI_DATA_DIR": str(tmp_path), "PYTHONPATH": str(PROJECT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "lm_tui", "plain", "--flow", str(HOUSEPLANT)],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    try:
        assert process.stdin is not None
        process.stdin.write(ANSWERS)  # stdin stays open: plain mode waits at the info screen
        process.stdin.flush()
        wait_for(lambda: len(autosaved_answers(tmp_path / "autosave")) == 4)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        process.kill()
    [pending] = Autosaver(tmp_path / "autosave").pending()
    assert not pending.in_use  # the killed process's lock went with it
    restored = Autosaver(tmp_path / "autosave").resume(pending, load_flow(HOUSEPLANT))
    assert dict(restored.session.answers) == {
        "light": "low",
        "humid": "yes",
        "pets": frozenset({"dog"}),
        "hours_away": 10,
    }


def test_plain_mode_at_a_terminal_offers_the_unfinished_session_and_resumes_it(tmp_path):
    env = {**os.environ, "LM_TUI_DATA_DIR": str(tmp_path), "PYTHONPATH": str(PROJECT)}
    first = subprocess.run(
        [sys.executable, "-m", "lm_tui", "plain", "--flow", str(HOUSEPLANT)],
        input="3\n1\n",  # two answers, then input ends: the autosave is kept
        capture_output=True,
        env=env,
        text=True,
        timeout=60,
    )
    assert first.returncode == 3
    assert "autosaved" in first.stdout
    child = pexpect.spawn(
        sys.executable,
        ["-m", "lm_tui", "plain", "--flow", str(HOUSEPLANT)],
        env={**env, "TERM": "xterm"},
        encoding="utf-8",
        timeout=30,
    )
    try:
        child.expect("An unfinished session was found")
        child.expect("2 answer\\(s\\), stopped at “pets”")  # no title: the node id
        child.expect("resume it")
        child.sendline("r")
        child.expect("Resumed")
        child.expect("Which pets live with you")  # the question where it stopped
        child.sendline("2")
        child.expect("How many days")
        child.sendline("quit")
        child.expect("Save the unfinished session")
        child.sendline("")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert list((tmp_path / "autosave").glob("*.toml")) == []  # discarded on request


def plain(capsys, monkeypatch, stdin: str, *args: str | Path) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["plain", "--flow", str(HOUSEPLANT), *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_an_unwritable_export_folder_is_refused_before_the_first_question(
    tmp_path, capsys, monkeypatch
):
    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    # (as root, permission bits do not stop a write: a read-only mount is simulated)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, out, err = plain(capsys, monkeypatch, ANSWERS + "\n", "--export", tmp_path / "x.toml")
    assert code == 2
    assert "cannot write there (Read-only file system)" in err
    assert "Question 1" not in out  # found before any answer was given
    assert [p for p in tmp_path.iterdir()] == []  # the probe left nothing


def test_a_failed_save_asks_for_another_place(tmp_path, capsys, monkeypatch):
    real = formats.write_session
    first = tmp_path / "first.toml"

    def full_disk_once(session, path, fmt, **kwargs):
        if path == first:
            raise ExportError(f"{path}: the disk is full; free space or choose another place")
        return real(session, path, fmt, **kwargs)

    monkeypatch.setattr("lm_tui.plain.runner.write_session", full_disk_once)
    other = tmp_path / "other.toml"
    code, out, _ = plain(capsys, monkeypatch, ANSWERS + f"\n{other}\n", "--export", first)
    assert code == 0
    assert "Not saved:" in out and "Type another file name" in out
    assert other.is_file()


def test_the_export_extension_picks_the_format_or_disagrees_with_format(
    tmp_path, capsys, monkeypatch
):
    target = tmp_path / "case.md"
    code, _, _ = plain(capsys, monkeypatch, ANSWERS + "\n", "--export", target)
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("# ")  # Markdown, not TOML
    code, _, err = plain(
        capsys, monkeypatch, ANSWERS, "--export", tmp_path / "b.md", "--format", "toml"
    )
    assert code == 2
    assert "the extension .md is the md format, but --format is toml" in err


def test_the_teaching_app_autosaves_each_decision_with_its_case_and_survives_kill_9(tmp_path):
    env = {
        **os.environ,
        "LM_TUI_DATA_DIR": str(tmp_path),
        "PYTHONPATH": str(PROJECT),
        "TERM": "xterm",
    }
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "lm_tui", "teach", "kps-70-borderline", "--feedback", "end"],
        env=env,
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=30,
    )
    try:
        child.expect("palette")  # the footer: the case brief is up
        child.send("\r")  # on to the first decision (KPS)
        time.sleep(1)
        child.send("70\r")
        wait_for(lambda: autosaved_answers(tmp_path / "autosave").get("kps") == 70)
        child.send("1\r")  # the borderline branch: the first rule's branch
        wait_for(lambda: "branch_choice" in autosaved_answers(tmp_path / "autosave"))
        child.kill(signal.SIGKILL)
    finally:
        child.close(force=True)
    [autosave] = (tmp_path / "autosave").glob("*.toml")
    record, case_id = read_attempt_file(autosave)  # what `lm-tui teach --resume` reads
    assert case_id == "kps-70-borderline"
    assert record.document["answers"]["kps"] == 70
