"""The command palette (Ctrl+P): export, flow map, help, theme, jump to an answer on the path, quit.

Textual's own entries are left out on purpose: its Quit would skip the unsaved-changes question.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.screen import Screen

from lm_tui.ui.display import answered_steps

if TYPE_CHECKING:
    from lm_tui.ui.app import LmTuiApp


def session_commands(app: LmTuiApp, screen: Screen[Any]) -> Iterable[SystemCommand]:
    yield SystemCommand(
        "Export the session",
        "Save as TOML, or export as Markdown or FHIR JSON (Ctrl+S)",
        app.action_export,
    )
    yield SystemCommand(
        "Flow map",
        "The decision tree, the path taken so far and where you are (m)",
        app.action_flow_map,
    )
    yield SystemCommand(
        "Help for this screen", "Why this question, its sources and the keys (F1)", app.action_help
    )
    yield SystemCommand(
        "Theme: dark", "Light text on a dark background", lambda: app.action_set_theme("dark")
    )
    yield SystemCommand(
        "Theme: light", "Dark text on a light background", lambda: app.action_set_theme("light")
    )
    for node_id, _variable, label, text in answered_steps(app.session):
        yield SystemCommand(
            f"Jump to: {label}",
            f"Change this answer (now: {text})",
            lambda node_id=node_id: app.edit_node(node_id),
        )
    yield SystemCommand(
        "Quit", "Quit lm-tui (asks first when something is unsaved)", app.action_request_quit
    )
