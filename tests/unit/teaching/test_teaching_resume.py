"""Going on with a saved teaching attempt: the case is kept, the facts stay locked, the log is
the same; a clinical `--resume` of a teaching file is refused with the right command."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from lm_tui.cli import main
from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import CaseError
from lm_tui.resources import cases_dir
from lm_tui.session.document import export_session
from lm_tui.session.engine import Event
from lm_tui.session.session_file import read_session_file
from lm_tui.teaching.attempt import CaseAttempt
from lm_tui.teaching.cases import Case, load_cases
from lm_tui.teaching.export import export_attempt
from lm_tui.teaching.resume import read_attempt_file, resume_attempt

CASE_ID = "kps-70-borderline"
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def ticking_clock() -> Callable[[], datetime]:
    """A clock one minute later at every reading, so every event has its own time."""
    moments = (T0 + timedelta(minutes=n) for n in range(10_000))
    return lambda: next(moments)


def bundled_case(case_id: str = CASE_ID) -> Case:
    return load_cases([cases_dir()]).find(case_id)


def started_attempt(flow: Flow) -> CaseAttempt:
    return CaseAttempt.start(bundled_case(), flow, feedback="immediate", clock=ticking_clock())


def logged(events: list[Event]) -> list[tuple[str, str | None, object, datetime]]:
    return [(e.kind, e.node, e.value, e.at) for e in events]


def saved(attempt: CaseAttempt, folder: Path) -> Path:
    path = folder / "attempt.toml"
    export_attempt(attempt, path)
    return path


def test_a_half_done_attempt_comes_back_where_it_stopped(
    bundled_flow: Flow, tmp_path: Path
) -> None:
    attempt = started_attempt(bundled_flow)
    attempt.session.answer(60)
    attempt.session.back()
    attempt.session.answer(70)
    stopped_at = attempt.session.current
    path = saved(attempt, tmp_path)

    record, case_id = read_attempt_file(path)
    resumed = resume_attempt(record, bundled_case(case_id), bundled_flow)

    assert case_id == CASE_ID
    assert resumed.session.mode == "teaching"
    assert resumed.feedback == "immediate"
    assert resumed.session.current == stopped_at
    assert dict(resumed.session.answers) == dict(attempt.session.answers)
    assert logged(resumed.session.events) == logged(attempt.session.events)
    # The facts are still the case's: locked, not editable answers of a clinical session.
    assert resumed.session.is_locked("primary_tumor")
    assert not resumed.session.is_locked("kps")


def test_a_finished_attempt_keeps_its_marks(bundled_flow: Flow, tmp_path: Path) -> None:
    attempt = started_attempt(bundled_flow)
    attempt.session.fill_from(
        {"kps": 70, "branch_choice": "poor", "planned": ["systemic_targeted"]}
    )
    assert attempt.session.is_complete
    resumed = resume_attempt(*_record_and_case(saved(attempt, tmp_path)), bundled_flow)
    assert resumed.session.is_complete
    assert [(m.variable, m.correct) for m in resumed.marks()] == [
        (m.variable, m.correct) for m in attempt.marks()
    ]
    assert resumed.score == attempt.score < attempt.max_score


def _record_and_case(path: Path) -> tuple[object, Case]:
    record, case_id = read_attempt_file(path)
    return record, bundled_case(case_id)


def test_an_attempt_at_another_case_is_refused(bundled_flow: Flow, tmp_path: Path) -> None:
    record, _ = read_attempt_file(saved(started_attempt(bundled_flow), tmp_path))
    other = next(case for case in load_cases([cases_dir()]).cases if case.id != CASE_ID)
    with pytest.raises(CaseError, match=f"an attempt at case '{CASE_ID}', not '{other.id}'"):
        resume_attempt(record, other, bundled_flow)


def test_events_the_case_no_longer_accepts_refuse_the_attempt(
    bundled_flow: Flow, tmp_path: Path
) -> None:
    attempt = started_attempt(bundled_flow)
    attempt.session.answer(80)
    path = saved(attempt, tmp_path)
    # The recorded answer is now at a node the walk does not reach with these facts.
    text = path.read_text(encoding="utf-8").replace('node = "kps"', 'node = "csf_samples"')
    path.write_text(text, encoding="utf-8")
    record, case_id = read_attempt_file(path)
    with pytest.raises(CaseError, match=f"start it afresh with: lm-tui teach {CASE_ID}"):
        resume_attempt(record, bundled_case(case_id), bundled_flow)


def test_a_clinical_session_is_not_a_teaching_attempt(bundled_flow: Flow, tmp_path: Path) -> None:
    from lm_tui.session.engine import Session

    path = tmp_path / "clinical.toml"
    export_session(Session(bundled_flow), path)
    with pytest.raises(CaseError, match=r"not a teaching attempt.*lm-tui run --resume"):
        read_attempt_file(path)


def test_run_resume_of_a_teaching_file_points_to_teach(
    bundled_flow: Flow, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = saved(started_attempt(bundled_flow), tmp_path)
    assert main(["run", "--resume", str(path)]) == 2
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0, "one line"
    assert f"a teaching attempt at case '{CASE_ID}'" in error
    assert f"lm-tui teach --resume {path}" in error


def test_teach_refuses_resume_with_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text("[answers]\nkps = 70\n", encoding="utf-8")
    code = main(["teach", CASE_ID, "--resume", str(answers), "--answers", str(answers)])
    assert code == 2
    assert "use one" in capsys.readouterr().err


def test_teach_resume_of_a_clinical_file_names_the_right_command(
    bundled_flow: Flow, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lm_tui.session.engine import Session

    path = tmp_path / "clinical.toml"
    export_session(Session(bundled_flow), path)
    assert main(["teach", "--resume", str(path)]) == 2
    assert "lm-tui run --resume" in capsys.readouterr().err


def test_the_recorded_file_is_untouched_by_a_refusal(bundled_flow: Flow, tmp_path: Path) -> None:
    path = saved(started_attempt(bundled_flow), tmp_path)
    before = path.read_bytes()
    assert main(["run", "--resume", str(path)]) == 2
    assert path.read_bytes() == before
    assert read_session_file(path).events  # still a readable record
