"""The autosave's everyday promises, in the fast unit tests: where it writes by default, that an
unchanged session is not rewritten, and how an autosave missing its flow details is described
at the resume prompt."""

from __future__ import annotations

from pathlib import Path

import pytest

from lm_tui.flow.definition import Flow
from lm_tui.session.autosave import AUTOSAVE_FOLDER, Autosaver, PendingSession
from lm_tui.session.engine import Session
from lm_tui.session.session_file import SessionRecord


def test_by_default_it_writes_in_the_users_data_folder(
    houseplant_flow: Flow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LM_TUI_DATA_DIR", str(tmp_path))
    saver = Autosaver()
    assert saver.folder == tmp_path / AUTOSAVE_FOLDER
    session = Session(houseplant_flow)
    session.answer("bright")
    assert saver.save(session) is True
    assert saver.path is not None and saver.path.parent == tmp_path / AUTOSAVE_FOLDER


def test_an_unchanged_session_is_not_written_again(houseplant_flow: Flow, tmp_path: Path) -> None:
    saver = Autosaver(tmp_path)
    session = Session(houseplant_flow)
    assert saver.save(session) is False  # nothing answered yet: no file
    session.answer("bright")
    assert saver.save(session) is True
    assert saver.save(session) is False
    session.answer(["dog"])
    assert saver.save(session) is True


def test_an_autosave_without_flow_details_is_described_with_question_marks(
    tmp_path: Path,
) -> None:
    path = tmp_path / "odd.toml"
    record = SessionRecord(path, {"session": {}, "answers": {"a": 1}}, [])
    assert PendingSession(path, record).describe() == (
        "started ?, flow ? ?, 1 answer(s), stopped at “?”"
    )
