"""The command palette's provider: the app's commands (`Backstage.commands`) in their own order.

Textual's provider sorts the commands by name, which put "Jump to: Age" before "Jump to:
Primary tumour"; this one lists them as the app gives them. It is a module of its own, loaded
when the palette first opens: the start does not need Textual's palette classes.
"""

from __future__ import annotations

from textual.command import DiscoveryHit, Hits
from textual.system_commands import SystemCommandsProvider


class SessionCommandsProvider(SystemCommandsProvider):
    """The app's commands in their own order when the palette opens (not sorted by name)."""

    async def discover(self) -> Hits:
        for name, help_text, callback, discover in self.app.get_system_commands(self.screen):
            if discover:
                yield DiscoveryHit(name, callback, help=help_text)
