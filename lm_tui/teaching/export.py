"""The export of an attempt in any of the session export formats (`lm_tui.exports.formats`).

- toml: the session export plus a `[teaching]` table with the case, the score and the marks;
- md: the debrief for a reader (score, decisions beside the expected ones, reasons, sources),
  followed by the session's clinical summary;
- any other format (fhir): the trainee's session exactly as the registry writes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lm_tui.exports.formats import export_format, write_session
from lm_tui.session.document import export_session, write_atomically
from lm_tui.teaching.attempt import CaseAttempt
from lm_tui.teaching.case_values import plain_value
from lm_tui.teaching.debrief import NOT_REACHED, build_debrief
from lm_tui.teaching.report import debrief_markdown


def teaching_table(attempt: CaseAttempt) -> dict[str, Any]:
    """`[teaching]`: the case, the score and one entry per expected decision."""
    flow = attempt.flow
    return {
        "case_id": attempt.case.id,
        "case_title": attempt.case.title,
        "case_sha256": attempt.case.sha256,
        "feedback": attempt.feedback,
        "score": _number(attempt.score),
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
                "points": _number(mark.points),
                **(
                    {"items": {item.value: item.verdict for item in mark.items}}
                    if mark.items
                    else {}
                ),
            }
            for mark in attempt.marks()
        ],
    }


def _number(points: float) -> int | float:
    """Whole points as an integer (`score = 2`), others to two decimals."""
    return int(points) if points == int(points) else round(points, 2)


def export_attempt(
    attempt: CaseAttempt, path: Path, format_name: str = "toml", overwrite: bool = False
) -> None:
    """Write the attempt atomically; never over an existing file unless `overwrite`."""
    fmt = export_format(format_name)
    if fmt.name == "toml":
        extra = {"teaching": teaching_table(attempt)}
        export_session(attempt.session, path, overwrite=overwrite, extra=extra)
    elif fmt.name == "md":
        debrief = debrief_markdown(build_debrief(attempt), attempt.flow).encode("utf-8")
        summary = fmt.render(attempt.session)
        write_atomically(path, debrief + b"\n---\n\n" + summary, overwrite=overwrite)
    else:
        write_session(attempt.session, path, fmt, overwrite=overwrite)
