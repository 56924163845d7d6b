"""The key line at the bottom of the question screens: Textual's footer, rebuilt only when the
keys it shows change.

Textual's footer throws its keys away and builds new ones whenever the screen's bindings might
have changed: every focus change, every time a screen is shown. A question screen is reused for
every node of its kind and shows the same keys almost always, so the rebuild was pure cost, and
the new keys had to be drawn from scratch the next time the screen came up (several
milliseconds of a key press that moves to another kind of question).

Nor is it rebuilt while its screen is not the one on top (under a dialog, or switched away).
The keys are worked out for the app's top screen (the map key, for one, is off over a dialog),
so they would be wrong for this screen when it comes back; and a rebuild under a dialog, which
removes the keys before it mounts the new ones, could leave the dimmed footer beneath blank:
the dialog draws the screen beneath from that screen's layout, which a covered screen brings up
to date only when something else wakes it. The screen publishes its bindings again when it is
back on top (Textual's screen resume does), and the keys are compared then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Footer

from lm_tui.ui import textual_hooks

if TYPE_CHECKING:
    from textual.screen import Screen


def is_on_top(screen: Screen[object]) -> bool:
    """Whether `screen` is the app's top screen, the one its key bindings are checked for."""
    stack = screen.app.screen_stack
    return bool(stack) and stack[-1] is screen


def shown_keys(screen: Screen[object]) -> tuple[object, ...]:
    """Everything about the screen's bindings that the footer draws."""
    return tuple(
        (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
        for _node, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show or binding.action == "app.command_palette"
    )


class KeyFooter(Footer):
    """Looks and works exactly as Textual's `Footer`; recomposes only on a real change."""

    def __init__(self) -> None:
        super().__init__()
        self.composed_for: tuple[object, ...] | None = None
        """`shown_keys` when the keys on show were built (None: not built yet)."""

    def compose(self) -> ComposeResult:
        keys = shown_keys(self.screen)
        widgets = list(super().compose())
        if widgets:  # built for real (Textual's footer is empty until the bindings are ready)
            self.composed_for = keys
        yield from widgets

    def bindings_changed(self, screen: Screen[object]) -> None:
        if is_on_top(screen) and shown_keys(screen) != self.composed_for:
            super().bindings_changed(screen)

    async def recompose(self) -> None:
        # A rebuild requested earlier may come after the keys were built anyway (see
        # `compose_keys`): then it would only replace them with copies that must be laid out
        # and drawn again. One requested while the screen was on top may come after a dialog
        # was pushed over it: it waits for the screen's return, as a new request would.
        if self.children and (
            not is_on_top(self.screen) or shown_keys(self.screen) == self.composed_for
        ):
            return
        await super().recompose()

    async def compose_keys(self) -> None:
        """Build the keys now rather than after the screen's first bindings update: a screen
        built ahead, unseen (`backstage.py`), then lays them out and draws them before it
        is first shown, instead of on the key press that first shows it."""
        textual_hooks.mark_bindings_ready(self)
        await self.recompose()
