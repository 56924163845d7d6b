"""The command palette (Ctrl+P): export, flow map, help, theme, jump to an answer on the path, quit.

Textual's own entries are left out on purpose: its Quit would skip the unsaved-changes question.
The commands are listed in the order given here, answers in path order: Textual's provider
sorts them by name, which put "Jump to: Age" before "Jump to: Primary tumour".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hits
from textual.screen import Screen
from textual.system_commands import SystemCommandsProvider

from lm_tui.ui.app import THEMES
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
    for name, words in (
        ("dark", "Light text on a dark background"),
        ("light", "Dark text on a light background"),
    ):
        active = " (active)" if app.theme == THEMES[name] else ""
        yield SystemCommand(
            f"Theme: {name}{active}", words, lambda name=name: app.action_set_theme(name)
        )
    for node_id, _variable, label, text in answered_steps(app.session):
        if app.session.is_locked(node_id):
            continue  # a teaching case's fact: shown, never changed
        yield SystemCommand(
            f"Jump to: {label}",
            f"Change this answer (now: {text})",
            lambda node_id=node_id: app.edit_node(node_id),
        )
    yield SystemCommand(
        "Quit", "Quit lm-tui (asks first when something is unsaved)", app.action_request_quit
    )


class SessionCommandsProvider(SystemCommandsProvider):
    """The app's commands in their own order when the palette opens (not sorted by name)."""

    async def discover(self) -> Hits:
        for name, help_text, callback, discover in self.app.get_system_commands(self.screen):
            if discover:
                yield DiscoveryHit(name, callback, help=help_text)
