"""What the plain mode prints besides questions: panels, pitfalls and the outcome summary."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lm_tui.session.engine import Session
from lm_tui.session.panels import Panel, known_panels
from lm_tui.session.summary_text import evidence_grade, shown


def panel_line(panel: Panel) -> str:
    values = "; ".join(f"{entry.label}: {entry.text}" for entry in panel.entries)
    return f"{panel.title}: {values}"


def panel_state(session: Session) -> dict[str, str]:
    """Panel title → its line, for panels with something known (to print only what changed)."""
    return {panel.title: panel_line(panel) for panel in known_panels(session) if panel.entries}


def sources_text(session: Session, sources: Iterable[str]) -> str:
    return ", ".join(f"[{source_id}]" for source_id in sources)


def pitfall_lines(session: Session, pit_id: str) -> list[str]:
    pitfall = session.flow.pitfalls[pit_id]
    severity = "CRITICAL pitfall" if pitfall.severity == "critical" else "Warning"
    return [
        f"{severity}: {pitfall.title}",
        "  " + " ".join(session.evaluator.fill(pitfall.text).split()),
        f"  Sources: {sources_text(session, pitfall.sources)}",
    ]


def answers_lines(session: Session) -> list[str]:
    flow = session.flow
    if not session.answers:
        return ["No answers given yet."]
    lines = ["Answers so far:"]
    for variable, value in session.answers.items():
        lines.append(f"  {flow.variables[variable].label}: {shown(session, variable, value)}")
    return lines


def outcome_lines(session: Session) -> list[str]:
    """The outcome screen in plain text: panels, sections, recommendations, pitfalls, notes."""
    flow = session.flow
    node = flow.nodes[session.current]
    evaluator = session.evaluator
    lines = ["", f"Outcome: {node.title or session.current}"]
    if node.prompt:
        lines.append(" ".join(node.prompt.split()))
    lines += [panel_line(panel) for panel in known_panels(session) if panel.entries]
    for title, text, sources in evaluator.sections(session.current):
        lines += ["", title, " ".join(text.split())]
        if sources:
            lines.append(f"Sources: {sources_text(session, sources)}")
    recommended = evaluator.recommendations()
    lines += ["", f"Recommendations ({len(recommended)}):"]
    if not recommended:
        lines.append("  none")
    for number, rec_id in enumerate(recommended, start=1):
        rec = flow.recommendations[rec_id]
        grade = f" {evidence_grade(rec.grade)}."
        lines += [
            f"  {number}. {rec.title}",
            "     " + " ".join(evaluator.fill(rec.text).split()),
            f"     Sources: {sources_text(session, rec.sources)}.{grade}",
        ]
    raised = session.raised_pitfalls()
    lines += ["", f"Pitfalls ({len(raised)}):"]
    if not raised:
        lines.append("  none raised")
    for pit_id in raised:
        pitfall = flow.pitfalls[pit_id]
        severity = "CRITICAL" if pitfall.severity == "critical" else "warning"
        state = "acknowledged" if pit_id in session.acknowledged else "not acknowledged"
        lines.append(f"  {severity}: {pitfall.title} ({state})")
    if session.notes:
        lines += ["", "Notes:"]
        for note in session.notes:
            title = getattr(flow.nodes.get(note.node), "title", "") or note.node
            lines.append(f"  {title}: {note.text}")
    cited = _cited(session, recommended, raised)
    if cited:
        lines += ["", "Sources:"]
        for source_id in cited:
            source = flow.file.sources.get(source_id)
            lines.append(f"  [{source_id}] {source.citation if source else '(not declared)'}")
    lines += ["", " ".join(flow.file.flow.disclaimer.split())]
    return lines


def _cited(session: Session, recommended: list[str], raised: list[str]) -> list[str]:
    flow = session.flow
    cited: list[str] = []
    groups: list[Sequence[str]] = [s for _, _, s in session.evaluator.sections(session.current)]
    groups += [flow.recommendations[r].sources for r in recommended]
    groups += [flow.pitfalls[p].sources for p in raised]
    for group in groups:
        for source_id in group:
            if source_id not in cited:
                cited.append(source_id)
    return cited
