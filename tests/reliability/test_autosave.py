"""Autosave: every event on disk, atomically and privately; resumable; cleared by an export."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from lm_tui.flow.definition import Flow
from lm_tui.session import atomic_files
from lm_tui.session.autosave import AutosaveError, Autosaver, data_dir
from lm_tui.session.document import export_session
from lm_tui.session.engine import Session
from lm_tui.session.session_file import read_session_file
from tests.conftest import FIXTURES

PROJECT = Path(__file__).resolve().parents[2]


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_data_dir_follows_override_then_xdg_then_home(tmp_path: Path) -> None:
    assert data_dir({"LM_TUI_DATA_DIR": str(tmp_path / "mine")}) == tmp_path / "mine"
    assert data_dir({"XDG_DATA_HOME": str(tmp_path / "xdg")}) == tmp_path / "xdg" / "lm-tui"
    both = {"LM_TUI_DATA_DIR": str(tmp_path / "mine"), "XDG_DATA_HOME": str(tmp_path / "xdg")}
    assert data_dir(both) == tmp_path / "mine"
    # A relative XDG_DATA_HOME is invalid by the XDG spec and falls back to the home folder.
    assert data_dir({"XDG_DATA_HOME": "relative"}) == Path.home() / ".local/share/lm-tui"
    assert data_dir({}) == Path.home() / ".local/share/lm-tui"


def test_default_folder_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LM_TUI_DATA_DIR", str(tmp_path / "data"))
    assert Autosaver().folder == tmp_path / "data" / "autosave"


def test_nothing_is_written_before_the_first_event(tmp_path: Path, houseplant_flow: Flow) -> None:
    saver = Autosaver(tmp_path / "data" / "autosave")
    assert saver.save(Session(houseplant_flow)) is False
    assert not (tmp_path / "data").exists()


def test_every_event_is_saved_and_the_file_replays_to_the_same_session(
    tmp_path: Path, houseplant_flow: Flow
) -> None:
    saver = Autosaver(tmp_path / "data" / "autosave")
    session = Session(houseplant_flow)
    actions = [
        lambda: session.answer("low"),
        lambda: session.answer("yes"),
        lambda: session.back(),
        lambda: session.answer("no"),
        lambda: session.note("north-facing window"),
        lambda: session.answer(["dog"]),
    ]
    for action in actions:
        action()
        assert saver.save(session) is True
        assert saver.path is not None
        record = read_session_file(saver.path)
        assert len(record.events) == len(session.events)
        assert record.document["session"]["current_node"] == session.current
    assert record.document["answers"] == {"light": "low", "humid": "no", "pets": ["dog"]}


def test_folders_are_private_and_files_owner_only(tmp_path: Path, houseplant_flow: Flow) -> None:
    data = tmp_path / "data"
    saver = Autosaver(data / "autosave")
    session = Session(houseplant_flow)
    session.answer("bright")
    old_umask = os.umask(0o022)  # a typical, permissive umask must not leak into our files
    try:
        saver.save(session)
    finally:
        os.umask(old_umask)
    assert saver.path is not None
    assert mode_of(data) == 0o700
    assert mode_of(data / "autosave") == 0o700
    assert mode_of(saver.path) == 0o600


def test_a_too_open_autosave_folder_is_tightened(tmp_path: Path, houseplant_flow: Flow) -> None:
    folder = tmp_path / "autosave"
    folder.mkdir(mode=0o777)
    os.chmod(folder, 0o777)
    session = Session(houseplant_flow)
    session.answer("bright")
    Autosaver(folder).save(session)
    assert mode_of(folder) == 0o700


def test_unchanged_session_is_not_rewritten(tmp_path: Path, houseplant_flow: Flow) -> None:
    saver = Autosaver(tmp_path)
    session = Session(houseplant_flow)
    session.answer("bright")
    assert saver.save(session) is True
    assert saver.path is not None
    before = saver.path.stat().st_mtime_ns
    assert saver.save(session) is False
    assert saver.path.stat().st_mtime_ns == before


def test_pending_lists_other_unfinished_sessions_newest_first(
    tmp_path: Path, houseplant_flow: Flow
) -> None:
    first, second = Session(houseplant_flow), Session(houseplant_flow)
    first.answer("low")
    second.answer("bright")
    second.answer(["cat"])
    Autosaver(tmp_path).save(first)
    time.sleep(0.01)
    Autosaver(tmp_path).save(second)
    (tmp_path / "broken.toml").write_text("not = [toml", encoding="utf-8")
    os.utime(tmp_path / "broken.toml", (0, 0))
    (tmp_path / ".half-written.toml.abc.tmp").write_text("x", encoding="utf-8")

    fresh = Autosaver(tmp_path)
    pending = fresh.pending()
    assert [p.record is not None for p in pending] == [True, True, False]
    assert pending[0].record is not None
    assert pending[0].record.document["answers"] == {"light": "bright", "pets": ["cat"]}
    assert "2 answer(s)" in pending[0].describe()
    assert "stopped at “away”" in pending[0].describe()  # the node id: no flow given
    title = houseplant_flow.nodes["away"].title or "away"
    labelled = pending[0].describe(houseplant_flow)
    assert f"stopped at “{title}”" in labelled and "Bright, direct sun" in labelled
    assert pending[2].path.name == "broken.toml"
    assert "not valid TOML" in pending[2].describe()


def test_pending_excludes_own_file_and_tolerates_missing_folder(
    tmp_path: Path, houseplant_flow: Flow
) -> None:
    assert Autosaver(tmp_path / "never-created").pending() == []
    saver = Autosaver(tmp_path)
    session = Session(houseplant_flow)
    session.answer("low")
    saver.save(session)
    assert saver.pending() == []


def test_resume_continues_in_the_same_file(tmp_path: Path, houseplant_flow: Flow) -> None:
    crashed = Session(houseplant_flow)
    crashed.answer("low")
    crashed.answer("yes")
    Autosaver(tmp_path).save(crashed)

    saver = Autosaver(tmp_path)
    [pending] = saver.pending()
    restored = saver.resume(pending, houseplant_flow)
    assert restored.flow_changed is False
    assert restored.problems == []
    assert restored.session.current == crashed.current == "pets"
    assert saver.save(restored.session) is False  # nothing new yet
    restored.session.answer([])
    assert saver.save(restored.session) is True
    assert saver.path == pending.path
    assert sorted(tmp_path.glob("*.toml")) == [pending.path]
    assert read_session_file(pending.path).document["session"]["current_node"] == "away"


def test_unreadable_pending_cannot_be_resumed_but_can_be_discarded(
    tmp_path: Path, houseplant_flow: Flow
) -> None:
    (tmp_path / "broken.toml").write_bytes(b"\xff\xfe")
    saver = Autosaver(tmp_path)
    [pending] = saver.pending()
    with pytest.raises(AutosaveError, match="cannot be resumed"):
        saver.resume(pending, houseplant_flow)
    saver.discard(pending)
    assert not (tmp_path / "broken.toml").exists()


def test_export_then_discard_clears_the_autosave(tmp_path: Path, houseplant_flow: Flow) -> None:
    saver = Autosaver(tmp_path / "autosave")
    session = Session(houseplant_flow)
    session.answer("bright")
    saver.save(session)
    autosave = saver.path
    assert autosave is not None and autosave.exists()
    export_session(session, tmp_path / "export.toml")
    saver.discard()
    assert not autosave.exists()
    assert Autosaver(tmp_path / "autosave").pending() == []
    # The same saver then serves the next session in a new file.
    session.answer(["cat"])
    saver.save(session)
    assert saver.path is not None and saver.path != autosave


def test_a_new_session_gets_a_new_file(tmp_path: Path, houseplant_flow: Flow) -> None:
    saver = Autosaver(tmp_path)
    first, second = Session(houseplant_flow), Session(houseplant_flow)
    first.answer("low")
    saver.save(first)
    first_path = saver.path
    second.answer("bright")
    saver.save(second)
    assert saver.path != first_path
    assert len(list(tmp_path.glob("*.toml"))) == 2


def test_full_disk_raises_autosave_error_and_keeps_the_previous_save(
    tmp_path: Path, houseplant_flow: Flow, monkeypatch: pytest.MonkeyPatch
) -> None:
    saver = Autosaver(tmp_path)
    session = Session(houseplant_flow)
    session.answer("low")
    saver.save(session)
    assert saver.path is not None
    good = saver.path.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_files.os, "fsync", disk_full)
    session.answer("yes")
    with pytest.raises(AutosaveError, match="disk is full") as caught:
        saver.save(session)
    assert str(caught.value).startswith("autosave failed:")
    assert saver.path.read_bytes() == good  # the last good autosave is intact
    # no temp file left (the lock beside the autosave is held while the session runs)
    assert [p.name for p in tmp_path.iterdir() if p.suffix != ".lock"] == [saver.path.name]
    monkeypatch.undo()
    assert saver.save(session) is True  # the unsaved event is written on the next try


def test_unusable_folder_is_a_clear_autosave_error(tmp_path: Path, houseplant_flow: Flow) -> None:
    (tmp_path / "data").write_text("a file where the folder should be", encoding="utf-8")
    saver = Autosaver(tmp_path / "data" / "autosave")
    session = Session(houseplant_flow)
    session.answer("low")
    with pytest.raises(AutosaveError, match="LM_TUI_DATA_DIR"):
        saver.save(session)


def test_autosave_survives_kill_9(tmp_path: Path) -> None:
    """A process killed with SIGKILL mid-session leaves a resumable autosave behind."""
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from lm_tui.session.autosave import Autosaver
        from lm_tui.session.engine import Session
        from lm_tui.flow.loader import load_flow
        flow = load_flow(Path({str(FIXTURES / "flows" / "houseplant.toml")!r}))
        saver = Autosaver()
        session = Session(flow)
        session.answer("low"); saver.save(session)
        session.answer("yes"); saver.save(session)
        print("saved", flush=True)
        time.sleep(60)
        """
    )
    env = {**os.environ, "LM_TUI_DATA_DIR": str(tmp_path), "PYTHONPATH": str(PROJECT)}
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, env=env, text=True
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "saved"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        process.kill()
    assert process.returncode == -signal.SIGKILL
    from lm_tui.flow.loader import load_flow

    flow = load_flow(FIXTURES / "flows" / "houseplant.toml")
    saver = Autosaver(tmp_path / "autosave")
    [pending] = saver.pending()
    restored = saver.resume(pending, flow)
    assert dict(restored.session.answers) == {"light": "low", "humid": "yes"}
    assert restored.session.current == "pets"


def test_save_cost_is_small(tmp_path: Path, bundled_flow: Flow) -> None:
    """Calls with nothing new cost microseconds; a real save stays well under a frame (16 ms).

    The bound for a real save is generous (fsync speed varies between disks); the measured
    numbers on the development machine are in docs/reliability.md.
    """
    saver = Autosaver(tmp_path)
    session = Session(bundled_flow)
    session.answer(bundled_flow.offered_values(session.current)[0])
    saver.save(session)
    start = time.perf_counter()
    for _ in range(10_000):
        saver.save(session)
    unchanged = (time.perf_counter() - start) / 10_000
    assert unchanged < 20e-6

    timings = []
    for _ in range(20):
        session.note("x")  # a new event each time
        start = time.perf_counter()
        saver.save(session)
        timings.append(time.perf_counter() - start)
    timings.sort()
    assert timings[len(timings) // 2] < 0.05
