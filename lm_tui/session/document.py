"""The session export: one TOML document, written atomically and never over a file silently.

The document holds the whole event log, so `--resume` and `lm-tui show` rebuild the session by
replaying it rather than trusting the summary tables written beside it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from lm_tui import __version__
from lm_tui.flow.values import Value, exportable
from lm_tui.session.atomic_files import write_atomically
from lm_tui.session.engine import Session
from lm_tui.session.outcome import outcome_table

__all__ = ["export_session", "render_toml", "session_document", "write_atomically"]

EXPORT_FORMAT = 1
"""Bumped when the layout of the export changes incompatibly."""


def session_document(
    session: Session, finished_at: datetime | None = None, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The export as a dict in TOML's types (tomli-w writes it as is)."""
    flow = session.flow
    finished = finished_at or session.clock()
    info: dict[str, Any] = {
        "flow_id": flow.id,
        "flow_title": flow.title,
        "flow_version": flow.version,
        "flow_sha256": flow.sha256,
        "app_version": __version__,
        "export_format": EXPORT_FORMAT,
        "mode": session.mode,
        "interface": session.interface,
        "started_at": session.started_at,
        "finished_at": finished,
        "complete": session.is_complete,
        "current_node": session.current,
        "disclaimer": flow.file.flow.disclaimer,
    }
    if session.case_label:
        info["case_label"] = session.case_label  # optional: older files have none
    document: dict[str, Any] = {
        "session": info,
        "answers": {name: _plain(session, name, value) for name, value in session.answers.items()},
    }
    if session.is_complete:
        document["outcome"] = outcome_table(session.evaluator)
    document["path"] = [
        {
            "node": step.node,
            **({"variable": step.variable} if step.variable else {}),
            **(
                {"value": _plain(session, step.variable, step.value)}
                if step.variable and step.value is not None
                else {}
            ),
            "answered_at": step.answered_at,
        }
        for step in session.path
    ]
    document["raised_pitfalls"] = [
        {
            "id": pit_id,
            "severity": flow.pitfalls[pit_id].severity,
            "title": flow.pitfalls[pit_id].title,
            "acknowledged": pit_id in session.acknowledged,
            **(
                {"acknowledged_at": session.acknowledged[pit_id]}
                if pit_id in session.acknowledged
                else {}
            ),
        }
        for pit_id in session.raised_pitfalls()
    ]
    document["notes"] = [{"node": n.node, "text": n.text, "at": n.at} for n in session.notes]
    document["events"] = [
        {
            "kind": event.kind,
            "at": event.at,
            **({"node": event.node} if event.node else {}),
            **({"value": exportable(event.value)} if event.value is not None else {}),
            **({"pitfall": event.pitfall} if event.pitfall else {}),
            **({"text": event.text} if event.text else {}),
        }
        for event in session.events
    ]
    document["sources"] = {source_id: s.citation for source_id, s in flow.file.sources.items()}
    if extra:
        document.update(extra)
    return document


def _plain(session: Session, variable: str | None, value: Value | None) -> Any:
    """Multi-selects in the flow's order of choices, which is how clinicians read them."""
    if isinstance(value, frozenset) and variable:
        declared = session.flow.variables[variable]
        order = {choice.value: i for i, choice in enumerate(getattr(declared, "choices", []))}
        return sorted(value, key=lambda item: order.get(item, len(order)))
    assert value is not None
    return exportable(value)


def render_toml(document: dict[str, Any]) -> bytes:
    import tomli_w  # deferred: only needed when something is written

    return tomli_w.dumps(document).encode("utf-8")


def export_session(
    session: Session,
    path: Path,
    overwrite: bool = False,
    extra: dict[str, Any] | None = None,
    finished_at: datetime | None = None,
) -> dict[str, Any]:
    """Build, render and write the export; returns the document written."""
    document = session_document(session, finished_at=finished_at, extra=extra)
    write_atomically(path, render_toml(document), overwrite=overwrite)
    return document
