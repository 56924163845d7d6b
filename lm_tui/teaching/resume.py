"""Going on with a saved teaching attempt (`lm-tui teach --resume FILE`).

A teaching export is a session export with a `[teaching]` table naming the case. Resuming it as a
clinical session would drop the case: the facts would be editable and the marks lost. So the
attempt is rebuilt the way it began (the case's facts locked, the same feedback mode) and the
recorded events are replayed on top. If the case or the flow has changed so that the recorded
events no longer fit, the attempt is refused rather than half-restored; the file is untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import CaseError
from lm_tui.session.engine import utc_now
from lm_tui.session.session_file import (
    SessionRecord,
    apply_recorded,
    read_session_file,
    recorded_clock,
)
from lm_tui.teaching.attempt import FEEDBACK_MODES, CaseAttempt, Feedback
from lm_tui.teaching.cases import Case


def recorded_case_id(record: SessionRecord) -> str | None:
    """The case a session export was a teaching attempt at, or None for a clinical session."""
    teaching = record.document.get("teaching")
    if not isinstance(teaching, dict):
        return None
    case_id = teaching.get("case_id")
    return case_id if isinstance(case_id, str) and case_id else None


def read_attempt_file(path: Path) -> tuple[SessionRecord, str]:
    """The record of a teaching export and its case id; CaseError if it is not one."""
    record = read_session_file(path)
    case_id = recorded_case_id(record)
    if case_id is None:
        raise CaseError(
            f"{path}: not a teaching attempt (no [teaching] table with a case_id); "
            "open a clinical session with: lm-tui run --resume FILE"
        )
    return record, case_id


def resume_attempt(record: SessionRecord, case: Case, flow: Flow) -> CaseAttempt:
    """The attempt recorded in `record`, rebuilt on `case` and replayed; CaseError if it no
    longer fits (another case, another flow, or events the case and flow now refuse)."""
    path = record.path
    if recorded_case_id(record) != case.id:
        raise CaseError(
            f"{path}: an attempt at case '{recorded_case_id(record)}', not '{case.id}'; "
            "leave out CASE_ID or name the recorded case"
        )
    if record.flow_id != flow.id:
        raise CaseError(
            f"{path}: recorded with flow '{record.flow_id}', not '{flow.id}'; "
            "pass the matching --flow"
        )
    attempt = CaseAttempt.start(
        case,
        flow,
        feedback=_recorded_feedback(record),
        interface="tui",
        clock=_replay_clock(record),
    )
    problems = apply_recorded(attempt.session, record.events)
    attempt.session.clock = utc_now
    if problems:
        raise CaseError(
            f"{path}: the attempt no longer fits case '{case.id}' ({problems[0]}); "
            f"start it afresh with: lm-tui teach {case.id}"
        )
    return attempt


def _replay_clock(record: SessionRecord) -> Callable[[], datetime]:
    """The recorded times in order: the start, then each fact filled in as the attempt began.

    A new attempt reads the clock once for its start and once per fact it fills before the first
    open question, and those fills are the first recorded events; so the rebuilt log keeps the
    recorded times.
    """
    started = record.info["started_at"]
    if started.tzinfo is None:
        started = started.replace(tzinfo=UTC)
    return recorded_clock([started, *(event.at for event in record.events)], started)


def _recorded_feedback(record: SessionRecord) -> Feedback:
    teaching = record.document.get("teaching", {})
    feedback = teaching.get("feedback") if isinstance(teaching, dict) else None
    for mode in FEEDBACK_MODES:
        if feedback == mode:
            return mode
    return "end"
