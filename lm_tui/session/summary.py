"""A plain-text summary of a session, shared by `lm-tui show` and the plain mode."""

from __future__ import annotations

from typing import Any

from lm_tui.session.engine import Session
from lm_tui.session.panels import known_panels
from lm_tui.session.summary_text import shown


def panel_lines(session: Session) -> list[str]:
    lines = []
    for panel in known_panels(session):
        lines.append(f"{panel.title}:")
        lines += [f"  {entry.label}: {entry.text}" for entry in panel.entries]
        if panel.pending:
            lines.append("  (more not known yet)")
    return lines


def summary_lines(session: Session, recorded: dict[str, Any] | None = None) -> list[str]:
    flow = session.flow
    info = (recorded or {}).get("session", {})
    lines = [
        f"{flow.title} — flow {flow.id} {flow.version}",
        flow.file.flow.disclaimer,
        "",
    ]
    if info:
        lines.append(
            f"Session: {info.get('mode', '?')} via {info.get('interface', '?')}, "
            f"started {info.get('started_at', '?')}, exported {info.get('finished_at', '?')}"
        )
    lines.append(
        "Complete" if session.is_complete else f"Not complete: stopped at '{session.current}'"
    )
    lines += ["", "Answers:"]
    for variable, value in session.answers.items():
        lines.append(f"  {flow.variables[variable].label}: {shown(session, variable, value)}")
    lines.append("")
    lines += panel_lines(session)
    if session.is_complete:
        lines += ["", "Recommendations:"]
        evaluator = session.evaluator
        for rec_id in evaluator.recommendations():
            rec = flow.recommendations[rec_id]
            lines.append(f"  - {rec.title} [{rec_id}] ({', '.join(rec.sources)})")
    lines += ["", "Pitfalls:"]
    raised = session.raised_pitfalls()
    if not raised:
        lines.append("  none raised")
    for pit_id in raised:
        pitfall = flow.pitfalls[pit_id]
        state = "acknowledged" if pit_id in session.acknowledged else "NOT acknowledged"
        severity = "CRITICAL" if pitfall.severity == "critical" else "warning"
        lines.append(f"  ! {severity}: {pitfall.title} [{pit_id}] — {state}")
    for note in session.notes:
        lines.append(f"Note at {note.node}: {note.text}")
    return lines
