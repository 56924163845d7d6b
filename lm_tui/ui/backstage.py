"""What the app does behind its screens: the screens built unseen while the first question is
read, the garbage collector kept off key presses, and the list the command palette offers.

One object (`Backstage`), created with the app and called by it, holds this work and its state;
it reads the app only through `BackstageHost`, the few members it needs, so this module never
imports `ui/app.py` (which imports it).

**Building ahead.** A question screen is built once per node kind and then refilled (see
`screens/node.py`), but the first node of each kind would still pay for composing its screen
(tens of milliseconds, on the key press that reaches it). The first question stays on screen
for seconds while it is read: that idle time builds the screen of every other kind the flow
uses, unseen, so the first number or checklist question is as quick as the tenth.

Then the garbage collector's full pass is taken off the objects that live as long as the app
(the flow, Textual's widgets and stylesheets, these screens): with them in the heap a full pass
costs 100 ms or more, and it lands on whichever key press happens to allocate the object that
triggers it. `freeze_long_lived()` moves everything alive at that point out of the collector's
sight; garbage made later is collected as before. The app hands them back (`close`) when it
exits, so a process that runs many apps (the tests, the benchmark) can still collect each one.

**Holding collection for a key press.** A key press that moves to another question allocates
tens of thousands of short-lived objects (strips, segments, styles, layout maps). The collector
passes they trigger cost about 4 ms of such a key press on average (measured over the
benchmark's walks) and 30 ms or more when an older-generation pass lands on it. None of that
work has to happen before the next screen is on show: the objects are the new frame's own. So
the app holds collection from the moment it starts applying an answer until the screen it then
shows has been refreshed; the passes that fell due meanwhile run right after the paint, while
the user reads. Nothing is skipped, only moved, and a key press allocates far too little for
the wait to matter for memory. The hold never re-enables what it did not pause (the start of
`lm-tui run` pauses collection too, and the app resumes it itself).

**The command palette (Ctrl+P).** Export, flow map, help, theme, jump to an answer on the path,
quit. Textual's own entries are left out on purpose: its Quit would skip the unsaved-changes
question. The provider that lists them in this order is in `palette.py`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Coroutine, Iterable
from typing import TYPE_CHECKING, Any, Protocol

from textual.app import SystemCommand

from lm_tui.garbage_collection import (
    freeze_long_lived,
    hold_for_key_press,
    release_key_press_hold,
    thaw_long_lived,
)
from lm_tui.ui import textual_hooks
from lm_tui.ui.display import answered_steps

if TYPE_CHECKING:
    from textual.geometry import Size
    from textual.screen import Screen

    from lm_tui.session.engine import Session
    from lm_tui.ui.screens.node import NodeScreen

THEMES = {"dark": "textual-dark", "light": "textual-light"}
"""The palette's theme names and the Textual themes they stand for."""


class BackstageHost(textual_hooks.ScreenMounting, Protocol):
    """What the backstage reads and calls of the app (`LmTuiApp` is one); the private Textual
    method it needs is declared with its hook (`textual_hooks.ScreenMounting`)."""

    session: Session
    node_screens: dict[str, NodeScreen]
    theme: str

    @property
    def size(self) -> Size: ...

    def install_screen(self, screen: Screen[Any], name: str) -> None: ...

    def load_styles_for(self, screen: object) -> None: ...

    def action_export(self) -> None: ...

    def action_flow_map(self) -> None: ...

    def action_help(self) -> None: ...

    def action_set_theme(self, name: str) -> None: ...

    def action_request_quit(self) -> None: ...

    def edit_node(self, node_id: str) -> None: ...


class Backstage:
    """The app's work behind its screens; one per app, created in its `__init__`."""

    def __init__(self, app: BackstageHost) -> None:
        self.app = app
        self.building = False
        """Set once the screens of the other kinds are being built unseen (`start_building`)."""
        self.built = asyncio.Event()
        """Set when building ahead has finished (or failed): the app may close its screens."""
        self.heap_frozen = False
        """True while the objects alive after the start are kept from the garbage collector."""
        self.holding = False
        """True while collection is held for a key press (`hold_collection`)."""

    # --- building ahead -------------------------------------------------------------------------

    def start_building(self) -> Coroutine[Any, Any, None] | None:
        """The work that builds the other kinds' screens, for the app to run as a worker; None
        when it was started already (it runs once per app)."""
        if self.building:
            return None
        self.building = True
        return self.build_then_signal()

    async def build_then_signal(self) -> None:
        """Build ahead, then set `built` however it ended (the app's shutdown waits on it)."""
        try:
            await self.build_ahead()
        finally:
            self.built.set()

    async def wait_until_built(self, timeout: float) -> None:
        """Wait (at most `timeout` seconds) for a building that has begun to end."""
        if self.building and not self.built.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.built.wait(), timeout=timeout)

    def first_node_of_each_kind(self) -> dict[str, str]:
        """A node id per node kind in the flow, in the flow's order (the outcome screen waits
        unfilled until an outcome is reached)."""
        found: dict[str, str] = {}
        for node_id, node in self.app.session.flow.nodes.items():
            found.setdefault(node.kind, node_id)
        return found

    async def build_ahead(self) -> None:
        """Compose and mount, off screen, a reusable screen for each node kind not built yet;
        then freeze the heap. Runs once per app, after the first question has been painted."""
        from lm_tui.ui.screens import screen_for

        app = self.app
        for kind, node_id in self.first_node_of_each_kind().items():
            if kind in app.node_screens:
                continue
            screen = screen_for(app.session, node_id)
            app.node_screens[kind] = screen
            app.install_screen(screen, name=f"node-{kind}")
            # Textual composes a screen when it is first shown; this is the same step (register
            # and mount its widgets) without showing it.
            await textual_hooks.mount_unseen(app, screen)
            await compose_footer_keys(screen)
            self.draw_unseen(screen)
        if any(pitfall.severity == "critical" for pitfall in app.session.flow.pitfalls.values()):
            # The dialog's style file too: otherwise it is read and parsed on the key press that
            # raises the first critical pitfall.
            from lm_tui.ui.modals.acknowledge import AcknowledgeModal

            app.load_styles_for(AcknowledgeModal)
        if not self.heap_frozen:
            self.heap_frozen = True
            freeze_long_lived()

    def draw_unseen(self, screen: Screen[Any]) -> None:
        """Lay the screen out at the terminal's size and draw every widget into its own cache,
        without painting anything: when the screen is first shown only what its refill changed
        is drawn again (the footer, the title bar, the frames are already drawn). Textual does
        these steps itself on a screen's first show (see textual_hooks.py)."""
        app = self.app
        if screen.is_current or not app.size:
            return
        textual_hooks.lay_out_unseen(screen, app.size)
        textual_hooks.draw_into_cache(screen)
        textual_hooks.start_repaint_timer(screen)

    # --- the collector --------------------------------------------------------------------------

    def hold_collection(self) -> bool:
        """Pause collection for one key press; False when it was already paused (by this or
        anyone else): then there is nothing for `release_collection` to undo."""
        if self.holding or not hold_for_key_press():
            return False
        self.holding = True
        return True

    def release_collection(self) -> None:
        if self.holding:
            self.holding = False
            release_key_press_hold()

    def close(self) -> None:
        """The app is exiting: collection is released, and the frozen objects are given back
        to the collector."""
        self.release_collection()
        if self.heap_frozen:
            self.heap_frozen = False
            thaw_long_lived()

    # --- the command palette --------------------------------------------------------------------

    def commands(self) -> Iterable[SystemCommand]:
        """The palette's entries, in this order; answers in path order."""
        app = self.app
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
            "Help for this screen",
            "Why this question, its sources and the keys (F1)",
            app.action_help,
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
                # A quit cancels the app's workers as its message loop ends, this one and the
                # future it awaits included, while the footer may still run this: a result set
                # then raised InvalidStateError (a crash at Ctrl+Q on the first question).
                if not built.done():
                    built.set_result(None)

        if footer.call_later(build):
            await built
