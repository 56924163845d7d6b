"""The export of an attempt: the session export plus a `[teaching]` table with the marks."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from lm_tui.flow.export import export_session, write_atomically
from lm_tui.teaching.attempt import CaseAttempt
from lm_tui.teaching.case_values import plain_value
from lm_tui.teaching.debrief import NOT_REACHED, build_debrief
from lm_tui.teaching.report import debrief_markdown

ExportFormat = Literal["toml", "md"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("toml", "md")
"""toml: the session export with [teaching] (machine-readable); md: the debrief for a reader."""


def teaching_table(attempt: CaseAttempt) -> dict[str, Any]:
    """`[teaching]`: the case, the score and one entry per expected decision."""
    flow = attempt.flow
    return {
        "case_id": attempt.case.id,
        "case_title": attempt.case.title,
        "case_sha256": attempt.case.sha256,
        "feedback": attempt.feedback,
        "score": attempt.score,
        "max_score": attempt.max_score,
        "decisions": [
            {
                "variable": mark.variable,
                "expected": plain_value(flow, mark.variable, mark.expected),
                "answered": (
                    plain_value(flow, mark.variable, mark.answered)
                    if mark.answered is not None
                    else NOT_REACHED
                ),
                "correct": mark.correct,
            }
            for mark in attempt.marks()
        ],
    }


def export_attempt(
    attempt: CaseAttempt, path: Path, export_format: ExportFormat = "toml", overwrite: bool = False
) -> None:
    """Write the attempt atomically; never over an existing file unless `overwrite`."""
    if export_format == "md":
        text = debrief_markdown(build_debrief(attempt), attempt.flow)
        write_atomically(path, text.encode("utf-8"), overwrite=overwrite)
        return
    export_session(
        attempt.session, path, overwrite=overwrite, extra={"teaching": teaching_table(attempt)}
    )
