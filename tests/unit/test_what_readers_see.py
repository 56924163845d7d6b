"""What a reader finds in the exports, summaries and messages, on the houseplant flow and small
flows written here: each test names a promise a second mutation sample showed unchecked."""

from __future__ import annotations

import os
import tomllib
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from lm_tui.exports.markdown import render_markdown
from lm_tui.flow.definition import Flow
from lm_tui.flow.loader import load_flow
from lm_tui.flow.records import Choice
from lm_tui.plain.report import outcome_lines
from lm_tui.proof.cache import KEEP_FILES, prove_cached
from lm_tui.session.autosave import PendingSession
from lm_tui.session.document import render_toml, session_document
from lm_tui.session.engine import RouteError, Session
from lm_tui.session.flow_map import reading_order
from lm_tui.session.session_file import SessionRecord
from lm_tui.session.session_impact import assess_sessions
from lm_tui.session.summary_text import shown
from tests.conftest import FIXTURES

HOUSEPLANT = FIXTURES / "flows" / "houseplant.toml"
T0 = datetime(2026, 4, 1, 10, 0, tzinfo=UTC)


def _write(tmp_path: Path, name: str, text: str) -> Flow:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_flow(path)


def test_an_unfinished_export_says_where_the_session_stopped(houseplant_flow: Flow) -> None:
    session = Session(houseplant_flow, clock=lambda: T0, started_at=T0)
    session.answer("low")
    document = tomllib.loads(render_toml(session_document(session)).decode("utf-8"))
    assert document["session"]["complete"] is False
    assert document["session"]["current_node"] == "humid"


def test_a_note_in_the_markdown_names_its_node_by_title(houseplant_flow: Flow) -> None:
    session = Session(houseplant_flow, clock=lambda: T0, started_at=T0)
    session.answer("bright")
    session.answer([])
    session.answer("3")
    session.answer(None)
    session.note("sunny flat", node_id="done")
    session.note("north side", node_id="light")
    markdown = render_markdown(session)
    assert "- Suggested plants (2026-04-01T10:00:00Z): sunny flat" in markdown
    assert "- light (2026-04-01T10:00:00Z): north side" in markdown  # no title: its id


def test_answers_and_derived_values_read_in_words(tmp_path: Path, houseplant_flow: Flow) -> None:
    session = Session(houseplant_flow)
    assert shown(session, "pets", frozenset({"dog", "cat"})) == "Cat, Dog"
    assert shown(session, "pets", frozenset()) == "none"
    assert shown(session, "care", "easy") == "easy"
    # A yes/no derived value (not a variable of the flow) reads as yes or no.
    assert shown(session, "fits_the_room", True) == "yes"
    assert shown(session, "fits_the_room", False) == "no"
    assert shown(session, "hours_away", Decimal("2.50")) == "2.5 days"


def test_the_plain_outcome_shows_each_pitfalls_severity(
    houseplant_flow: Flow,
) -> None:
    session = Session(houseplant_flow)
    session.answer("bright")
    session.answer(["cat"])
    session.acknowledge("lily_and_cat")
    session.answer("3")
    session.answer(None)
    lines = outcome_lines(session)
    assert "  CRITICAL: Lilies are toxic to cats (acknowledged)" in lines


def test_the_plain_outcome_prints_the_outcome_prompt_on_one_line(tmp_path: Path) -> None:
    text = HOUSEPLANT.read_text(encoding="utf-8").replace(
        'title = "Suggested plants"\n',
        'title = "Suggested plants"\nprompt = "Read   these\\nfirst."\n',
    )
    flow = _write(tmp_path, "prompted.toml", text)
    session = Session(flow)
    for answer in ("bright", [], "3", None):
        session.answer(answer)
    assert outcome_lines(session)[:3] == ["", "Outcome: Suggested plants", "Read these first."]


def test_a_completed_autosave_is_described_as_complete(tmp_path: Path) -> None:
    info = {"complete": True, "flow_id": "houseplant", "flow_version": "0.3", "started_at": T0}
    record = SessionRecord(tmp_path / "done.toml", {"session": info, "answers": {}}, [])
    assert PendingSession(record.path, record).describe() == (
        "started 2026-04-01 10:00 UTC, flow houseplant 0.3, 0 answer(s), complete"
    )


def test_a_record_reads_with_its_fields_in_messages() -> None:
    choice = Choice(value="low", label="Low light")
    assert repr(choice) == "Choice(value='low', label='Low light', help='')"


def test_a_route_reading_an_answer_not_given_yet_stops_with_what_to_do(tmp_path: Path) -> None:
    text = HOUSEPLANT.read_text(encoding="utf-8").replace(
        'when = "light == \'low\'"\nto = "humid"', 'when = "humid == \'yes\'"\nto = "humid"'
    )
    session = Session(_write(tmp_path, "early-read.toml", text))
    with pytest.raises(RouteError) as caught:
        session.answer("low")
    assert str(caught.value) == (
        "the routes at 'light' read an answer not given yet; run `lm-tui check` on the flow"
    )


def test_the_map_lists_a_node_after_every_node_leading_to_it(tmp_path: Path) -> None:
    # Declared out of walking order: `late` is declared before `early`, which leads to it.
    flow = _write(
        tmp_path,
        "order.toml",
        '[flow]\nid = "order"\ntitle = "Order"\nversion = "0.1"\nstart = "first"\n'
        'disclaimer = "Test."\n\n[variables.go]\nkind = "choice"\nlabel = "Go"\n'
        'choices = [{ value = "short", label = "Short" }, { value = "long", label = "Long" }]\n\n'
        '[nodes.first]\nkind = "choice"\nvariable = "go"\nprompt = "Which way?"\n\n'
        '[[nodes.first.routes]]\nwhen = "go == \'short\'"\nto = "late"\n\n'
        '[[nodes.first.routes]]\notherwise = true\nto = "early"\n\n'
        '[nodes.late]\nkind = "info"\nprompt = "Late."\nnext = "end"\n\n'
        '[nodes.early]\nkind = "info"\nprompt = "Early."\nnext = "late"\n\n'
        '[nodes.end]\nkind = "outcome"\ntitle = "End"\n',
    )
    assert reading_order(flow) == ["first", "early", "late", "end"]


def test_an_incomplete_session_is_listed_by_its_file_in_a_diff(
    tmp_path: Path, houseplant_flow: Flow
) -> None:
    session = Session(houseplant_flow, clock=lambda: T0, started_at=T0)
    session.answer("low")
    path = tmp_path / "unfinished.toml"
    path.write_bytes(render_toml(session_document(session)))
    [impact] = assess_sessions(houseplant_flow, houseplant_flow, [path]).sessions
    assert (impact.path, impact.verdict) == (path, "incomplete")


def test_the_proof_cache_keeps_only_its_newest_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LM_TUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("LM_TUI_NO_CACHE", raising=False)
    text = HOUSEPLANT.read_text(encoding="utf-8")
    for number in range(KEEP_FILES + 2):
        flow = _write(tmp_path, f"v{number}.toml", text.replace('"0.3"', f'"0.{number + 10}"'))
        prove_cached(flow)
        for entry in (tmp_path / "cache" / "proof").glob("*.json"):
            # Older entries first: the files' times, not the order of a fast loop, decide.
            os.utime(entry, (entry.stat().st_mtime - 1,) * 2)
    assert len(list((tmp_path / "cache" / "proof").glob("*.json"))) == KEEP_FILES
