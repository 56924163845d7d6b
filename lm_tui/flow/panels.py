"""The flow's context panels (branch, IT checks, ...) as values known so far.

The flow declares which derived values belong together (`[[flow.panels]]`); this module only
reads them, so the plain mode, the Markdown summary and the app show the same things under the
same titles without knowing anything clinical.
"""

from __future__ import annotations

from dataclasses import dataclass

from lm_tui.flow.engine import Session
from lm_tui.flow.summary import shown
from lm_tui.flow.values import Missing, Value


@dataclass(frozen=True)
class PanelEntry:
    name: str
    """The derived value's (or variable's) id."""
    label: str
    text: str
    """The value as a reader sees it (choice labels, units)."""


@dataclass(frozen=True)
class Panel:
    title: str
    entries: tuple[PanelEntry, ...]


def known_panels(session: Session) -> list[Panel]:
    """Every panel with the entries whose value is known; values not applicable are left out."""
    flow = session.flow
    evaluator = session.evaluator
    panels = []
    for panel in flow.file.flow.panels:
        entries = []
        for name in panel.show:
            value = evaluator.lookup(name)
            if isinstance(value, Missing):
                continue
            if name in flow.derived:
                label = flow.derived[name].label
            elif name in flow.variables:
                label = flow.variables[name].label
            else:
                label = name
            entries.append(PanelEntry(name, label, value_text(session, name, value)))
        panels.append(Panel(panel.title, tuple(entries)))
    return panels


def value_text(session: Session, name: str, value: Value) -> str:
    """An answer or derived value for a reader: choice labels for answers, yes/no for flags.

    Derived values have no labels in the flow, so their ids are shown as written there.
    """
    if name in session.flow.variables:
        return shown(session, name, value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, frozenset):
        return ", ".join(sorted(value)) or "none"
    if isinstance(value, str):
        return value
    return f"{value.normalize():f}"
