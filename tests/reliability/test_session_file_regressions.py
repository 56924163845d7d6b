"""Regressions for crashes found while fuzzing and probing the session loader and `show`."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import tomli_w

from lm_tui.cli import main
from lm_tui.flow.errors import SessionFileError
from lm_tui.session.session_file import read_session_file
from tests.conftest import example_files


def session_file(tmp_path: Path, events: list[dict[str, object]]) -> Path:
    at = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
    document = {
        "session": {"flow_id": "houseplant", "started_at": at},
        "events": [{"at": at, **event} for event in events],
    }
    path = tmp_path / "session.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ({"kind": {"nested": "table"}}, "events[0].kind = {'nested': 'table'} is not one of"),
        ({"kind": ["answer"]}, "events[0].kind = ['answer'] is not one of"),
        ({"kind": "edit", "value": "low"}, "events[0]: a 'edit' event needs a 'node'"),
        ({"kind": "acknowledge"}, "events[0]: a 'acknowledge' event needs a 'pitfall'"),
    ],
)
def test_malformed_events_are_session_file_errors(
    tmp_path: Path, event: dict[str, object], message: str
) -> None:
    """Were TypeError (a table as kind) and AssertionError (edit/acknowledge without target)."""
    path = session_file(tmp_path, [event])
    with pytest.raises(SessionFileError) as caught:
        read_session_file(path)
    assert str(caught.value).startswith(f"{path}: {message}")


def test_show_of_a_complete_bundled_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Was KeyError in choice_label: panels show derived values, which have no choice labels."""
    out = tmp_path / "session.toml"
    assert main(["replay", str(example_files()[0]), "--export", str(out)]) == 0
    capsys.readouterr()
    assert main(["show", str(out)]) == 0
    shown = capsys.readouterr().out
    assert "Complete" in shown.splitlines()
    assert "Diagnostic certainty: " in shown
