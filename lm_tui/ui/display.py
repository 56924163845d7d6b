"""How answers, derived values and sources read on screen; pure functions, no Textual.

The flow's ids (`not_met`, `lack_of_evidence`) are a contract for exports, not words for a
reader, so the screens turn them into plain text here, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from lm_tui.flow.definition import Flow
from lm_tui.flow.values import Value
from lm_tui.session.engine import Session
from lm_tui.session.panels import known_panels, label_of
from lm_tui.session.summary_text import shown

CHECK_MARKS = {"met": "✓", "not_met": "✗", "unknown": "?"}
"""Marks beside the tri-state check values, so met / not met reads without colour."""


@dataclass(frozen=True)
class PanelRow:
    label: str
    text: str
    tone: str
    """`good`, `bad`, `unknown` or `plain`: picks a theme colour; the text alone must suffice."""


@dataclass(frozen=True)
class Panel:
    title: str
    rows: tuple[PanelRow, ...]
    empty_text: str
    """What to say when no row is known yet ("not known yet" or "does not apply")."""


def number_text(value: Decimal) -> str:
    """70, not 70.0 or 7E+1; 17.9 stays 17.9."""
    return format(value.normalize(), "f")


def tone_of(value: Value) -> str:
    if value is True or value == "met":
        return "good"
    if value is False or value == "not_met":
        return "bad"
    if value == "unknown":
        return "unknown"
    return "plain"


def value_text(session: Session, name: str, value: Value) -> str:
    """An answer in its choice labels and unit, or a derived value in plain words; check values
    carry a mark (✓ ✗ ?) so met and not met read apart without colour."""
    text = shown(session, name, value)
    mark = (
        CHECK_MARKS.get(value)
        if isinstance(value, str) and name not in session.flow.variables
        else None
    )
    return f"{mark} {text}" if mark else text


def name_label(flow: Flow, name: str) -> str:
    return label_of(flow, name)


def context_panels(session: Session) -> list[Panel]:
    """The flow's `[[flow.panels]]` with every value known so far, toned for the screen."""
    return [
        Panel(
            panel.title,
            tuple(
                PanelRow(
                    entry.label, value_text(session, entry.name, entry.value), tone_of(entry.value)
                )
                for entry in panel.entries
            ),
            "not known yet" if panel.pending else "does not apply",
        )
        for panel in known_panels(session)
    ]


def node_heading(flow: Flow, node_id: str) -> str:
    """The node's title, else the label of what it asks, else its id."""
    node = flow.nodes[node_id]
    if node.title:
        return node.title
    variable = flow.asked_variable(node_id)
    if variable:
        return flow.variables[variable].label
    return node_id.replace("_", " ")


def citation(flow: Flow, source_id: str) -> str:
    source = flow.file.sources.get(source_id)
    return source.citation if source else source_id


def sources_line(
    flow: Flow,
    source_ids: tuple[str, ...] | list[str],
    grade: str | None,
    *,
    say_ungraded: bool = False,
) -> str:
    """'Sources: eano_esmo_2023, nccn_cns · grade B' — ids, as the help screen expands them.
    `say_ungraded` (recommendations) writes "not graded" where the source gives no grade."""
    parts = []
    if source_ids:
        parts.append("Sources: " + ", ".join(source_ids))
    if grade:
        parts.append(f"grade {grade}")
    elif say_ungraded:
        parts.append("not graded")
    return " · ".join(parts)


def pitfall_state(session: Session, pitfall_id: str) -> str:
    pitfall = session.flow.pitfalls[pitfall_id]
    if pitfall.severity != "critical":
        return "warning"
    if pitfall_id in session.acknowledged:
        return "critical, acknowledged"
    return "critical, NOT acknowledged"


def answered_steps(session: Session) -> list[tuple[str, str, str, str]]:
    """(node id, variable, question heading, answer text) for every answer on the path."""
    rows = []
    for step in session.path:
        if step.variable is None or step.value is None:
            continue
        rows.append(
            (
                step.node,
                step.variable,
                session.flow.variables[step.variable].label,
                value_text(session, step.variable, step.value),
            )
        )
    return rows
