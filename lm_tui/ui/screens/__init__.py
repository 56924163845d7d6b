"""One Screen class per node kind, chosen from the node's `kind`; nodes differ by data only.

Each kind's module is imported when a node of that kind is first shown, so the first screen
does not pay for the others.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lm_tui.session.engine import Session
    from lm_tui.ui.screens.node import NodeScreen

SCREEN_FOR_KIND = {
    "choice": ("lm_tui.ui.screens.choice", "ChoiceScreen"),
    "multi": ("lm_tui.ui.screens.checklist", "ChecklistScreen"),
    "number": ("lm_tui.ui.screens.number", "NumberScreen"),
    "info": ("lm_tui.ui.screens.info", "InfoScreen"),
    "outcome": ("lm_tui.ui.screens.outcome", "OutcomeScreen"),
}
"""Node kind → (module, class). A new kind is one module and one line here."""


def screen_class(kind: str) -> type[NodeScreen]:
    module_name, class_name = SCREEN_FOR_KIND[kind]
    screen: type[NodeScreen] = getattr(importlib.import_module(module_name), class_name)
    return screen


def screen_for(
    session: Session, node_id: str, *, editing: bool = False, notice: str = ""
) -> NodeScreen:
    """The screen that shows `node_id`: the current node, or an earlier one being edited."""
    kind = session.flow.nodes[node_id].kind
    return screen_class(kind)(session, node_id, editing=editing, notice=notice)
