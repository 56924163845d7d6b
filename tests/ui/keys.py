"""Walking the app by keys, the way a user does: one helper per kind of screen."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

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
    from lm_tui.flow.autosave import Autosaver

    app = app_factory(autosaver=Autosaver(folder))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await answer_until(pilot, answers, stop_at)
