"""Walking the app by keys, the way a user does: one helper per kind of screen."""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from textual.command import Command, CommandList, CommandPalette
from textual.pilot import Pilot

from lm_tui.ui.app import LmTuiApp
from lm_tui.ui.modals.acknowledge import AcknowledgeModal
from lm_tui.ui.screens.node import NodeScreen
from lm_tui.ui.widgets.option_keys import option_key


def keys_for(app: LmTuiApp, node_id: str, raw: Any) -> list[str]:
    """The key presses that answer `node_id` with `raw` (ending with Enter)."""
    flow = app.session.flow
    kind = flow.nodes[node_id].kind
    offered = list(flow.offered_values(node_id))
    if kind == "choice":
        return [option_key(offered.index(raw)), "enter"]
    if kind == "multi":
        return [*(option_key(offered.index(value)) for value in raw), "enter"]
    if kind == "number":
        text = format(Decimal(str(raw)).normalize(), "f")
        return ["ctrl+a", "ctrl+k", *text, "enter"] if text else ["enter"]
    return ["enter"]


async def answer(pilot: Pilot[Any], raw: Any) -> None:
    app = pilot.app
    assert isinstance(app, LmTuiApp)
    assert isinstance(app.screen, NodeScreen), f"expected a question, got {app.screen!r}"
    await pilot.press(*keys_for(app, app.screen.node_id, raw))
    await pilot.pause()


async def acknowledge_all(pilot: Pilot[Any]) -> list[str]:
    """Acknowledge every critical-pitfall modal on screen (a, then y); returns their ids."""
    acknowledged = []
    while isinstance(pilot.app.screen, AcknowledgeModal):
        acknowledged.append(pilot.app.screen.pitfall_id)
        await pilot.press("a", "y")
        await pilot.pause()
    return acknowledged


async def walk(pilot: Pilot[Any], answers: dict[str, Any]) -> list[str]:
    """Answer every question the path asks from `answers` until the outcome; returns the
    critical pitfalls acknowledged on the way."""
    app = pilot.app
    assert isinstance(app, LmTuiApp)
    acknowledged: list[str] = []
    for _ in range(100):
        if app.session.is_complete:
            break
        variable = app.session.flow.asked_variable(app.session.current)
        await answer(pilot, answers[variable] if variable else None)
        acknowledged += await acknowledge_all(pilot)
    assert app.session.is_complete
    return acknowledged


async def start(pilot: Pilot[Any]) -> None:
    """Wait for the first question: with nothing to decide first, the app opens on it."""
    await pilot.pause()
    assert isinstance(pilot.app.screen, NodeScreen), (
        f"expected a question, got {pilot.app.screen!r}"
    )


async def answer_until(pilot: Pilot[Any], answers: dict[str, Any], stop_at: str) -> None:
    """Answer from `answers` until `stop_at` is current (critical pitfalls acknowledged)."""
    app = pilot.app
    assert isinstance(app, LmTuiApp)
    for _ in range(100):
        if app.session.current == stop_at:
            return
        variable = app.session.flow.asked_variable(app.session.current)
        await answer(pilot, answers[variable] if variable else None)
        await acknowledge_all(pilot)
    raise AssertionError(f"never reached {stop_at}; at {app.session.current}")


async def leave_unfinished(app_factory: Any, folder: Any, answers: dict[str, Any], stop_at: str):
    """A session answered up to `stop_at` and left without an export: its autosave remains."""
    from lm_tui.session.autosave import Autosaver

    app = app_factory(autosaver=Autosaver(folder))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await answer_until(pilot, answers, stop_at)


async def wait_for(
    pilot: Pilot[Any], condition: Callable[[], bool], what: str, timeout: float = 10.0
) -> None:
    """Let the app run until `condition()` holds, instead of sleeping a guessed time: a fixed
    pause is too short on a loaded machine and wasted on a fast one. Fails naming `what`."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:g} s for {what}; screen {pilot.app.screen!r}")
        await pilot.pause(0.02)


def _palette_top(app: Any) -> str | None:
    """The command the palette would run on Enter (its highlighted entry), as plain text."""
    if not isinstance(app.screen, CommandPalette):
        return None
    commands = app.screen.query_one(CommandList)
    if commands.highlighted is None:
        return None
    option = commands.get_option_at_index(commands.highlighted)
    return option.hit.text if isinstance(option, Command) else None


async def run_command(pilot: Pilot[Any], text: str) -> None:
    """Open the command palette, type `text` and run the command it finds (Enter), once the
    palette's search has put that command on top."""
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CommandPalette), "the palette")
    await pilot.press(*text)
    await wait_for(
        pilot,
        lambda: (_palette_top(pilot.app) or "").startswith(text),
        f"the palette to offer '{text}'",
    )
    await pilot.press("enter")
    await pilot.pause()
