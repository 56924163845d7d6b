"""Session exports and autosaves are readable by their owner only, whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from lm_tui.cli import main
from lm_tui.flow.definition import Flow
from lm_tui.session.autosave import Autosaver
from lm_tui.session.engine import Session
from tests.conftest import example_files


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The most permissive umask: files would be world-writable if we relied on it."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.usefixtures("open_umask")
def test_replay_export_is_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "session.toml"
    assert main(["replay", str(example_files()[0]), "--export", str(target)]) == 0
    assert mode_of(target) == 0o600


@pytest.mark.usefixtures("open_umask")
def test_overwritten_export_becomes_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "session.toml"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o666)
    args = ["replay", str(example_files()[0]), "--export", str(target), "--overwrite"]
    assert main(args) == 0
    assert mode_of(target) == 0o600


@pytest.mark.usefixtures("open_umask")
def test_export_dir_exports_are_owner_only(tmp_path: Path) -> None:
    examples = [str(path) for path in example_files()]
    assert main(["replay", *examples, "--export-dir", str(tmp_path)]) == 0
    written = list(tmp_path.glob("*.toml"))
    assert len(written) == len(examples)
    assert {mode_of(path) for path in written} == {0o600}


@pytest.mark.usefixtures("open_umask")
def test_autosave_file_and_folders_are_owner_only(tmp_path: Path, houseplant_flow: Flow) -> None:
    data = tmp_path / "data"
    saver = Autosaver(data / "autosave")
    session = Session(houseplant_flow)
    session.answer("low")
    saver.save(session)
    assert saver.path is not None
    assert mode_of(saver.path) == 0o600
    assert mode_of(data) == 0o700
    assert mode_of(data / "autosave") == 0o700
