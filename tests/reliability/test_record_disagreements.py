"""A session file whose tables disagree with its own event log: `show` and `--resume` say so.

Each file is a real export of the test flow, then edited the way a hand or another program would:
a value in `[answers]` or `[outcome]`, an acknowledgement of a pitfall never raised, times that
run backwards, a note on a node the flow does not have.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from lm_tui.cli import main
from lm_tui.cli.run_app import resume
from lm_tui.flow.loader import load_flow
from lm_tui.session.document import render_toml, session_document
from lm_tui.session.engine import Session
from tests.reliability.hostile_flows import HOUSEPLANT


def edited_export(tmp_path: Path, edit) -> Path:
    session = Session(load_flow(HOUSEPLANT))
    for answer in ("low", "yes", ["dog"], 10, None):
        session.answer(answer)
    document = session_document(session)
    edit(document)
    path = tmp_path / "edited.toml"
    path.write_bytes(render_toml(document))
    return path


def set_answer(document):
    document["answers"]["hours_away"] = 20


def set_outcome(document):
    document["outcome"]["care"] = "moderate"


def acknowledge_unraised(document):
    last = document["events"][-1]
    document["events"].append({"kind": "acknowledge", "at": last["at"], "pitfall": "lily_and_cat"})


def times_backwards(document):
    document["events"][2]["at"] = document["events"][1]["at"] - timedelta(hours=1)


def note_on_unknown_node(document):
    last = document["events"][-1]
    document["events"].append({"kind": "note", "at": last["at"], "node": "attic", "text": "x"})


CASES = {
    "answer": (set_answer, "answers.hours_away is 20 in the file, but its event log gives 10"),
    "outcome": (
        set_outcome,
        "outcome.care is 'moderate' in the file, but its event log gives 'easy'",
    ),
    "acknowledgement": (
        acknowledge_unraised,
        "acknowledges pitfall 'lily_and_cat', which its answers do not raise",
    ),
    "times": (times_backwards, "events[2] at"),
    "note": (note_on_unknown_node, "a note on 'attic', which is not a node"),
}


@pytest.mark.parametrize(("edit", "expected"), CASES.values(), ids=CASES.keys())
def test_show_and_resume_name_what_disagrees(edit, expected, tmp_path, capsys):
    path = edited_export(tmp_path, edit)
    assert main(["show", str(path), "--flow", str(HOUSEPLANT)]) == 0
    assert expected in capsys.readouterr().out
    _, _, warnings = resume(path, load_flow(HOUSEPLANT))
    assert any(expected in warning for warning in warnings)


def test_a_file_that_agrees_with_its_log_gets_no_such_warning(tmp_path, capsys):
    path = edited_export(tmp_path, lambda document: None)
    assert main(["show", str(path), "--flow", str(HOUSEPLANT)]) == 0
    assert "WARNING" not in capsys.readouterr().out
    _, _, warnings = resume(path, load_flow(HOUSEPLANT))
    assert warnings == []
