"""An unfinished session's optional case label (issue 14, item 3): typed for a pending autosave,
shown first in its resume-list line, kept by the session once resumed, and absent from older
files, which still load."""

from __future__ import annotations

from pathlib import Path

import pytest

from lm_tui.flow.definition import Flow
from lm_tui.session.autosave import AutosaveError, Autosaver
from lm_tui.session.case_label import MAX_CASE_LABEL, clean_case_label
from lm_tui.session.document import render_toml, session_document
from lm_tui.session.engine import Session


def left_unfinished(flow: Flow, folder: Path) -> Path:
    saver = Autosaver(folder)
    session = Session(flow)
    session.answer("bright")
    saver.save(session)
    saver.close()
    assert saver.path is not None
    return saver.path


def test_a_label_is_shown_in_the_resume_list_and_kept_once_resumed(
    houseplant_flow: Flow, tmp_path: Path
) -> None:
    left_unfinished(houseplant_flow, tmp_path)
    saver = Autosaver(tmp_path)
    [pending] = saver.pending()
    assert pending.case_label == ""
    labelled = saver.label(pending, "  fern,   waiting for light ")
    assert labelled.case_label == "fern, waiting for light"
    [again] = saver.pending()
    assert again.describe(houseplant_flow).startswith("“fern, waiting for light” · started ")
    restored = saver.resume(again, houseplant_flow)
    assert restored.session.case_label == "fern, waiting for light"
    restored.session.answer(["dog"])
    saver.save(restored.session)  # a later autosave keeps it
    saver.close()
    [after] = Autosaver(tmp_path).pending()
    assert after.case_label == "fern, waiting for light"


def test_an_older_file_without_a_label_still_loads(houseplant_flow: Flow, tmp_path: Path) -> None:
    session = Session(houseplant_flow)
    session.answer("bright")
    document = session_document(session)
    assert "case_label" not in document["session"]  # none given: the file is as before
    (tmp_path / "old.toml").write_bytes(render_toml(document))
    [pending] = Autosaver(tmp_path).pending()
    assert pending.record is not None and pending.case_label == ""
    assert "“" not in pending.describe(houseplant_flow).split("started")[0]
    assert Autosaver(tmp_path).resume(pending, houseplant_flow).session.case_label == ""


def test_a_label_is_short_one_line_and_can_be_removed(
    houseplant_flow: Flow, tmp_path: Path
) -> None:
    assert clean_case_label("a\tb") == "a b"
    with pytest.raises(Exception, match="control characters"):
        clean_case_label("a\x1b[31mb")
    with pytest.raises(Exception, match=str(MAX_CASE_LABEL)):
        clean_case_label("x" * (MAX_CASE_LABEL + 1))
    left_unfinished(houseplant_flow, tmp_path)
    saver = Autosaver(tmp_path)
    [pending] = saver.pending()
    with pytest.raises(AutosaveError):
        saver.label(pending, "x" * (MAX_CASE_LABEL + 1))
    assert saver.label(saver.label(pending, "fern"), "").case_label == ""
