"""How an answer or derived value reads: choice labels and units, plain words for derived ids."""

from __future__ import annotations

from decimal import Decimal

from lm_tui.flow.values import Value
from lm_tui.session.engine import Session


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
    unit = number.unit_after(value) if number else ""
    return f"{value.normalize():f}{unit}"


def evidence_grade(grade: str | None) -> str:
    """A recommendation's evidence: its grade where the source gives one, else "not graded",
    so a missing grade is never read as a grade left out by mistake."""
    return f"Evidence grade: {grade}" if grade else "Evidence: not graded"
