"""The flow's context panels (branch, IT checks, ...) as values known so far.

The flow declares which derived values belong together (`[[flow.panels]]`); this module only
reads them, so `lm-tui show`, the plain mode, the Markdown summary and the app show the same
things under the same titles without knowing anything clinical.
"""

from __future__ import annotations

from dataclasses import dataclass

from lm_tui.flow.definition import Flow
from lm_tui.flow.values import UNKNOWN, Missing, Value
from lm_tui.session.engine import Session
from lm_tui.session.summary_text import shown


@dataclass(frozen=True)
class PanelEntry:
    name: str
    """The derived value's (or variable's) id."""
    label: str
    text: str
    """The value as a reader sees it (choice labels, units, plain words)."""
    value: Value


@dataclass(frozen=True)
class Panel:
    title: str
    entries: tuple[PanelEntry, ...]
    pending: bool
    """Some value of the panel is not known yet (as opposed to: does not apply)."""


def label_of(flow: Flow, name: str) -> str:
    """The label a reader sees for a derived value or variable."""
    if name in flow.derived:
        return flow.derived[name].label
    if name in flow.variables:
        return flow.variables[name].label
    return name.replace("_", " ")


def known_panels(session: Session) -> list[Panel]:
    """Every panel with the entries whose value is known; values not applicable are left out."""
    flow = session.flow
    evaluator = session.evaluator
    panels = []
    for panel in flow.file.flow.panels:
        entries = []
        pending = False
        for name in panel.show:
            value = evaluator.lookup(name)
            if value is UNKNOWN:
                pending = True
            if isinstance(value, Missing):
                continue
            entries.append(
                PanelEntry(name, label_of(flow, name), shown(session, name, value), value)
            )
        panels.append(Panel(panel.title, tuple(entries), pending))
    return panels
