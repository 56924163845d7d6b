"""Helpers shared by tests that walk the acceptance examples (plain mode, exports, diff)."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from lm_tui.flow.definition import Flow
from lm_tui.flow.records import MultiVariable, NumberVariable
from lm_tui.session.engine import Session


def read_example(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The example's `[answers]` and `[expect]` tables."""
    content = tomllib.loads(path.read_text("utf-8"))
    return content["answers"], content["expect"]


def assert_outcome_matches(outcome: dict[str, Any], expect: dict[str, Any], name: str) -> None:
    """Every expected key equal; recommendations and pitfalls compared as exact sets."""
    for key, wanted in expect.items():
        got = outcome.get(key)
        if key in ("recommendations", "pitfalls"):
            assert sorted(got or []) == sorted(wanted), f"{name}: {key} {got} != {wanted}"
        else:
            assert got == wanted, f"{name}: {key} = {got!r}, expected {wanted!r}"


def plain_script(flow: Flow, answers: dict[str, Any], note: str = "") -> list[str]:
    """The lines a person types in plain mode to give `answers`: option numbers, `ack` for each
    critical pitfall as it is raised, and `note` (empty = skip) where a node offers a note.

    The order of questions comes from walking the engine with the same answers; the plain mode
    has to ask in that order, or the numbers typed would pick the wrong options.
    """
    session = Session(flow)
    lines: list[str] = []
    while True:
        pending = session.unacknowledged_critical()
        if pending:
            session.acknowledge(pending[0])
            lines.append("ack")
            continue
        if session.is_complete:
            return lines
        node_id = session.current
        variable_id = flow.asked_variable(node_id)
        if variable_id is None:
            session.answer(None)
            lines.append("")
            continue
        value = answers[variable_id]
        variable = flow.variables[variable_id]
        offered = flow.offered_values(node_id)
        if isinstance(variable, MultiVariable):
            lines.append(" ".join(str(offered.index(v) + 1) for v in value))
        elif isinstance(variable, NumberVariable):
            lines.append(str(Decimal(str(value))))
        else:
            lines.append(str(offered.index(value) + 1))
        session.answer(value)
        if getattr(flow.nodes[node_id], "allow_note", False):
            lines.append(note)
