"""Reading back a saved session: a log that holds edits, and a hand-edited file whose times
carry no zone.

A governance group re-reads old sessions against an edited flow (`lm-tui show`, `diff
--sessions`); a clinician resumes one. Whatever the log holds, what is restored is either what
was recorded or stops, saying where, at the first event the flow no longer accepts: never a
state reached by applying later events on top of a refused one.
"""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from pathlib import Path

from lm_tui.flow.definition import Flow
from lm_tui.session.document import render_toml, session_document
from lm_tui.session.engine import Session
from lm_tui.session.session_file import read_session_file, restore

START = "2026-01-05T09:00:00"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "session.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _events(*events: str) -> str:
    return "".join(f"\n[[events]]\n{event}\n" for event in events)


def test_an_exported_session_with_edits_is_restored_as_it_was(
    houseplant_flow: Flow, tmp_path: Path
) -> None:
    session = Session(houseplant_flow, require_acknowledgement=False)
    session.answer("medium")
    session.answer(["dog"])
    session.edit("light", "low")
    given = {"humid": "no", "pets": ["dog"]}
    while session.current != "away":
        variable = houseplant_flow.asked_variable(session.current)
        assert variable in given, session.current
        session.answer(given[variable])
    session.edit("pets", ["bird", "dog"])
    path = tmp_path / "exported.toml"
    path.write_bytes(render_toml(session_document(session)))

    restored = restore(read_session_file(path), houseplant_flow)

    assert restored.problems == []
    assert dict(restored.session.answers) == dict(session.answers)
    assert [s.node for s in restored.session.path] == [s.node for s in session.path]
    assert restored.session.current == "away"


def test_an_edit_the_flow_refuses_stops_the_replay_there(
    houseplant_flow: Flow, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        f'[session]\nflow_id = "houseplant"\nstarted_at = {START}Z\n'
        + _events(
            f'kind = "answer"\nat = {START}Z\nnode = "light"\nvalue = "medium"',
            f'kind = "answer"\nat = {START}Z\nnode = "pets"\nvalue = []',
            # "dim" is not a choice of this flow (an older flow had it, say).
            f'kind = "edit"\nat = {START}Z\nnode = "light"\nvalue = "dim"',
            f'kind = "answer"\nat = {START}Z\nnode = "away"\nvalue = 3',
        ),
    )

    restored = restore(read_session_file(path), houseplant_flow)

    assert len(restored.problems) == 2
    assert restored.problems[0].startswith("events[2]")
    assert "does not fit the current flow" in restored.problems[0]
    assert restored.problems[1] == ("1 later event(s) not applied; the session resumes at 'away'")
    assert restored.session.current == "away"
    assert "hours_away" not in restored.session.answers


def test_times_without_a_zone_are_read_as_utc(houseplant_flow: Flow, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        f'[session]\nflow_id = "houseplant"\nstarted_at = {START}\n'
        + _events(
            'kind = "answer"\nat = 2026-01-05T09:01:00\nnode = "light"\nvalue = "bright"',
            'kind = "answer"\nat = 2026-01-05T09:02:00\nnode = "pets"\nvalue = ["dog"]',
        ),
    )

    record = read_session_file(path)
    assert [event.at for event in record.events] == [
        datetime(2026, 1, 5, 9, 1, tzinfo=UTC),
        datetime(2026, 1, 5, 9, 2, tzinfo=UTC),
    ]
    restored = restore(record, houseplant_flow)
    assert restored.problems == []
    assert restored.session.started_at == datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    assert [step.answered_at for step in restored.session.path] == [
        datetime(2026, 1, 5, 9, 1, tzinfo=UTC),
        datetime(2026, 1, 5, 9, 2, tzinfo=UTC),
    ]
    exported = tomllib.loads(render_toml(session_document(restored.session)).decode("utf-8"))
    assert exported["events"][0]["at"] == datetime(2026, 1, 5, 9, 1, tzinfo=UTC)
    assert exported["session"]["started_at"].tzinfo is not None
