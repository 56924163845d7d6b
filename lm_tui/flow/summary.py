"""A plain-text summary of a session, shared by `lm-tui show` and the plain mode."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from lm_tui.flow.engine import Session
from lm_tui.flow.values import Missing, Value


def shown(session: Session, variable: str, value: Value) -> str:
    """A value in a reader's words: choice labels, units; derived values as written."""
    if variable not in session.flow.variables:
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, Decimal):
            return f"{value.normalize():f}"
        return str(value).replace("_", " ") if isinstance(value, str) else str(value)
    if isinstance(value, frozenset):
        labels = [session.flow.choice_label(variable, v) for v in sorted(value)]
        return ", ".join(labels) if labels else "none"
    if isinstance(value, str):
        return session.flow.choice_label(variable, value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    number = session.flow.number_variable(variable)
    unit = f" {number.unit}" if number and number.unit else ""
    return f"{value.normalize():f}{unit}"


def panel_lines(session: Session) -> list[str]:
    lines = []
    evaluator = session.evaluator
    for panel in session.flow.file.flow.panels:
        lines.append(f"{panel.title}:")
        for name in panel.show:
            value = evaluator.lookup(name)
            label = session.flow.derived[name].label if name in session.flow.derived else name
            if value is Missing.ABSENT:
                continue
            text = "not known yet" if isinstance(value, Missing) else shown(session, name, value)
            lines.append(f"  {label}: {text}")
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
