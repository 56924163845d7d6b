"""Work done while the user reads the first question, so that later key presses only refill.

A question screen is built once per node kind and then refilled (see `screens/node.py`), but
the first node of each kind would still pay for composing its screen (tens of milliseconds, on
the key press that reaches it). The first question stays on screen for seconds while it is
read: that idle time builds the screen of every other kind the flow uses, unseen, so the first
number or checklist question is as quick as the tenth.

Then the garbage collector's full pass is taken off the objects that live as long as the app
(the flow, Textual's widgets and stylesheets, these screens): with them in the heap a full pass
costs 100 ms or more, and it lands on whichever key press happens to allocate the object that
triggers it. `freeze_long_lived()` moves everything alive at that point out of the collector's
sight; garbage made later is collected as before. The app hands them back (`thaw`) when it
exits, so a process that runs many apps (the tests, the benchmark) can still collect each one.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from lm_tui.garbage_collection import freeze_long_lived, thaw_long_lived
from lm_tui.ui import textual_hooks

if TYPE_CHECKING:
    from textual.screen import Screen

    from lm_tui.ui.app import LmTuiApp


def first_node_of_each_kind(app: LmTuiApp) -> dict[str, str]:
    """A node id per node kind in the flow, in the flow's order (the outcome screen waits
    unfilled until an outcome is reached)."""
    found: dict[str, str] = {}
    for node_id, node in app.session.flow.nodes.items():
        found.setdefault(node.kind, node_id)
    return found


async def build_ahead(app: LmTuiApp) -> None:
    """Compose and mount, off screen, a reusable screen for each node kind not built yet;
    then freeze the heap. Runs once per app, after the first question has been painted."""
    from lm_tui.ui.screens import screen_for

    for kind, node_id in first_node_of_each_kind(app).items():
        if kind in app.node_screens:
            continue
        screen = screen_for(app.session, node_id)
        app.node_screens[kind] = screen
        app.install_screen(screen, name=f"node-{kind}")
        # Textual composes a screen when it is first shown; this is the same step (register
        # and mount its widgets) without showing it.
        await textual_hooks.mount_unseen(app, screen)
        await compose_footer_keys(screen)
        draw_unseen(app, screen)
    if any(pitfall.severity == "critical" for pitfall in app.session.flow.pitfalls.values()):
        # The dialog's style file too: otherwise it is read and parsed on the key press that
        # raises the first critical pitfall.
        from lm_tui.ui.modals.acknowledge import AcknowledgeModal

        app.load_styles_for(AcknowledgeModal)
    if not app.heap_frozen:
        app.heap_frozen = True
        freeze_long_lived()


async def compose_footer_keys(screen: Screen[Any]) -> None:
    """Build the footer's keys now, so that `draw_unseen` lays them out and draws them too
    (Textual's footer builds them only after the screen's first bindings update, which for a
    screen built unseen comes after it is drawn: they were drawn on the key press that first
    showed the screen). Run in the footer's own message loop: Textual binds its keys' data to
    the widget whose loop is running."""
    from lm_tui.ui.widgets.key_footer import KeyFooter

    for footer in screen.query(KeyFooter):
        built: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        async def build(footer: KeyFooter = footer, built: asyncio.Future[None] = built) -> None:
            try:
                await footer.compose_keys()
            finally:
                built.set_result(None)

        if footer.call_later(build):
            await built


def draw_unseen(app: LmTuiApp, screen: Screen[Any]) -> None:
    """Lay the screen out at the terminal's size and draw every widget into its own cache,
    without painting anything: when the screen is first shown only what its refill changed
    is drawn again (the footer, the title bar, the frames are already drawn). Textual does
    these steps itself on a screen's first show (see textual_hooks.py)."""
    if screen.is_current or not app.size:
        return
    textual_hooks.lay_out_unseen(screen, app.size)
    textual_hooks.draw_into_cache(screen)
    textual_hooks.start_repaint_timer(screen)


def thaw(app: LmTuiApp) -> None:
    """Give the frozen objects back to the collector (the app is exiting)."""
    if app.heap_frozen:
        app.heap_frozen = False
        thaw_long_lived()
