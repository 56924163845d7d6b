"""Sessions recorded with another version of the flow: warned about, never silently guessed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from lm_tui.cli import main
from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import SessionFileError
from lm_tui.flow.loader import load_flow
from lm_tui.resources import bundled_flow_path
from lm_tui.session.document import export_session
from lm_tui.session.engine import Session
from lm_tui.session.record_check import restore_warnings
from lm_tui.session.session_file import read_session_file, restore
from tests.conftest import FIXTURES, example_files

HOUSEPLANT = FIXTURES / "flows" / "houseplant.toml"
T0 = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)


def recorded_session(flow: Flow, path: Path, acknowledge: bool = False) -> Path:
    """A complete houseplant session: low light, humid, a cat, 10 days away."""
    session = Session(flow, clock=lambda: T0, started_at=T0, require_acknowledgement=False)
    session.answer("low")
    session.answer("yes")
    session.answer(["cat"])
    if acknowledge:
        session.acknowledge("lily_and_cat")
    session.answer(10)
    session.answer()
    assert session.is_complete
    export_session(session, path)
    return path


def edited_flow(tmp_path: Path, *replacements: tuple[str, str]) -> Flow:
    text = HOUSEPLANT.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "edited.toml"
    path.write_text(text, encoding="utf-8")
    return load_flow(path)


def test_same_flow_restores_exactly_with_no_warning(tmp_path: Path, houseplant_flow: Flow) -> None:
    record = read_session_file(recorded_session(houseplant_flow, tmp_path / "s.toml"))
    restored = restore(record, houseplant_flow)
    assert restored.flow_changed is False
    assert restored.problems == []
    assert restore_warnings(record, restored) == []
    assert restored.session.is_complete
    assert dict(restored.session.answers) == record.document["answers"] | {
        "pets": frozenset({"cat"}),
        "hours_away": 10,
    }


def test_cosmetic_edit_is_still_reported(tmp_path: Path, houseplant_flow: Flow) -> None:
    record = read_session_file(recorded_session(houseplant_flow, tmp_path / "s.toml"))
    flow = edited_flow(tmp_path, ("Gardening advice only.", "Gardening advice only!"))
    restored = restore(record, flow)
    assert restored.flow_changed is True
    assert restored.problems == []
    [warning] = restore_warnings(record, restored)
    assert houseplant_flow.sha256[:12] in warning and flow.sha256[:12] in warning
    assert "edited without a new version number" in warning


def test_narrowed_range_reports_the_answer_and_stops_there(
    tmp_path: Path, houseplant_flow: Flow
) -> None:
    record = read_session_file(recorded_session(houseplant_flow, tmp_path / "s.toml"))
    flow = edited_flow(tmp_path, ("max = 30", "max = 8"), ('version = "0.3"', 'version = "0.4"'))
    restored = restore(record, flow)
    assert restored.flow_changed
    assert restored.problems == [
        "events[3] (answer at 'away', 2026-01-05 09:30:00 UTC) does not fit the current flow: "
        "hours_away = 10 is out of range; allowed: 0 to 8 days in steps of 0.5",
        "1 later event(s) not applied; the session resumes at 'away'",
    ]
    # Nothing is guessed: the session waits at the question whose answer no longer fits.
    assert restored.session.current == "away"
    assert "hours_away" not in restored.session.answers
    warnings = restore_warnings(record, restored)
    assert "version 0.3" in warnings[0] and "version 0.4" in warnings[0]
    assert (
        warnings[-1]
        == "the recorded session was complete; with the current flow it stops at 'away'"
    )


def test_renamed_choice_value_stops_at_the_first_question(
    tmp_path: Path, houseplant_flow: Flow
) -> None:
    record = read_session_file(recorded_session(houseplant_flow, tmp_path / "s.toml"))
    flow = edited_flow(tmp_path, ("'low'", "'dim'"), ('"low"', '"dim"'))
    restored = restore(record, flow)
    assert restored.problems[0].startswith("events[0] (answer at 'light'")
    assert (
        "light = 'low' is not allowed here; allowed: one of: bright, medium, dim"
        in restored.problems[0]
    )
    assert restored.problems[1] == "4 later event(s) not applied; the session resumes at 'light'"
    assert restored.session.answers == {}


def test_inserted_question_is_reported_not_skipped(tmp_path: Path, houseplant_flow: Flow) -> None:
    record = read_session_file(recorded_session(houseplant_flow, tmp_path / "s.toml"))
    flow = edited_flow(
        tmp_path,
        (
            'variable = "humid"\nprompt = "Is the room humid (a bathroom, say)?"\nnext = "pets"',
            'variable = "humid"\nprompt = "Is the room humid (a bathroom, say)?"\nnext = "tip0"',
        ),
        (
            "[nodes.pets]",
            '[nodes.tip0]\nkind = "info"\nprompt = "New advice."\nnext = "pets"\n\n[nodes.pets]',
        ),
    )
    restored = restore(record, flow)
    assert "logged answer at 'pets' but the flow is at 'tip0'" in restored.problems[0]
    assert restored.session.current == "tip0"


def test_removed_pitfall_acknowledgement_is_reported_and_replay_goes_on(
    tmp_path: Path, houseplant_flow: Flow
) -> None:
    record = read_session_file(
        recorded_session(houseplant_flow, tmp_path / "s.toml", acknowledge=True)
    )
    text = HOUSEPLANT.read_text(encoding="utf-8")
    start = text.index("[pitfalls.lily_and_cat]")
    end = text.index("[pitfalls.nothing_chosen]")
    path = tmp_path / "no-lily.toml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    restored = restore(record, load_flow(path))
    assert restored.problems == [
        "events[3] (acknowledge at 'lily_and_cat', 2026-01-05 09:30:00 UTC) does not fit the "
        "current flow: 'lily_and_cat' is not a pitfall of this flow"
    ]
    assert restored.session.is_complete  # an acknowledgement does not change the path
    warnings = restore_warnings(record, restored)
    assert "outcome.pitfalls was ['lily_and_cat'], is now []" in warnings


def test_changed_rule_reports_each_outcome_difference(
    tmp_path: Path, houseplant_flow: Flow
) -> None:
    record = read_session_file(recorded_session(houseplant_flow, tmp_path / "s.toml"))
    flow = edited_flow(tmp_path, ("hours_away >= 7", "hours_away >= 12"))
    warnings = restore_warnings(record, restore(record, flow))
    # 10 days away is now below the threshold; the snake plant is still recommended for low light.
    assert warnings[1:] == ["outcome.care was 'easy', is now 'moderate'"]


def test_another_flow_is_refused(tmp_path: Path, houseplant_flow: Flow, bundled_flow: Flow) -> None:
    record = read_session_file(recorded_session(houseplant_flow, tmp_path / "s.toml"))
    with pytest.raises(
        SessionFileError, match="recorded with flow 'houseplant', not 'leptomeningeal'"
    ):
        restore(record, bundled_flow)


def test_show_warns_and_recomputes(
    tmp_path: Path, houseplant_flow: Flow, capsys: pytest.CaptureFixture[str]
) -> None:
    session_path = recorded_session(houseplant_flow, tmp_path / "s.toml")
    edited_flow(tmp_path, ("max = 30", "max = 8"))
    assert main(["show", str(session_path), "--flow", str(tmp_path / "edited.toml")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"WARNING: {session_path} was recorded with flow 'houseplant'")
    assert out[1].startswith("WARNING: events[3] (answer at 'away'")
    assert "Not complete: stopped at 'away'" in out


def test_bundled_flow_session_against_an_edited_copy(tmp_path: Path, bundled_flow: Flow) -> None:
    """The real flow: a threshold moved in a copy changes what an example session concludes."""
    example = next(p for p in example_files() if "kps70" in p.name)
    out = tmp_path / "session.toml"
    assert main(["replay", str(example), "--export", str(out)]) == 0
    text = bundled_flow_path().read_text(encoding="utf-8")
    assert text.count("kps > 70") >= 1
    copy = tmp_path / "edited.toml"
    copy.write_text(text.replace("kps > 70", "kps >= 70"), encoding="utf-8")
    edited = load_flow(copy)
    record = read_session_file(out)
    restored = restore(record, edited)
    warnings = restore_warnings(record, restored)
    assert restored.flow_changed
    assert warnings[0].startswith(f"{out} was recorded with flow 'leptomeningeal'")
    # KPS 70 with controlled disease now reaches the poor-risk checklist and, without a
    # feature, "good" by rule, so the clinician's borderline choice is no longer asked: the
    # recorded answer is reported, not silently dropped or applied elsewhere.
    assert any("answer at 'branch_choice'" in problem for problem in restored.problems)
    assert restored.session.current == "nccn_poor_risk"
    restored.session.answer([])
    assert restored.session.evaluator.lookup("branch_by_rule") == "good"
