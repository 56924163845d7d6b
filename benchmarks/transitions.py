"""Key press to the next screen painted, over full walks of the acceptance examples (Pilot).

Each example's `[answers]` is walked through the app headless at 80x24, exactly as a user types
it: option keys (1-9, a-z), Enter; for numbers Ctrl+A Ctrl+K, the digits, Enter; for a critical
pitfall, `a` then `y`. Only the key that moves on (the last Enter, or `y`) is timed: from just
before it is sent to the first frame painted for a different screen than the one on top before
it (the next question, the outcome, or the acknowledgement dialog). The preceding keys (picking
options, typing digits) change only the screen on show and are not transitions.
"""

from __future__ import annotations

import asyncio
import time
import tomllib
from collections.abc import Awaitable, Callable
from decimal import Decimal
from pathlib import Path
from typing import Any


class _PaintClock:
    """Records when the first frame showing another node (or another screen) is painted.

    The app reuses one screen per node kind and refills it, so a transition is a change of
    (screen, node shown), not only of the screen object.
    """

    def __init__(self, app: Any) -> None:
        self.previous: object = None
        self.armed = False
        self.painted_at = 0.0
        self.event = asyncio.Event()
        original = app._display

        def display(screen: object, renderable: object) -> None:
            shown = (id(screen), getattr(screen, "node_id", None))
            if self.armed and renderable is not None and shown != self.previous:
                self.painted_at = time.perf_counter()
                self.armed = False
                self.event.set()
            original(screen, renderable)

        app._display = display

    def arm(self, previous: object) -> None:
        self.previous = (id(previous), getattr(previous, "node_id", None))
        self.armed = True
        self.event.clear()


def _keys(app: Any, node_id: str, raw: Any) -> tuple[list[str], str]:
    """The keys that answer `node_id` with `raw`: (keys before the last, the last)."""
    from lm_tui.ui.widgets.option_keys import option_key

    flow = app.session.flow
    kind = flow.nodes[node_id].kind
    offered = list(flow.offered_values(node_id))
    if kind == "choice":
        return [option_key(offered.index(raw))], "enter"
    if kind == "multi":
        return [option_key(offered.index(value)) for value in raw], "enter"
    if kind == "number":
        text = format(Decimal(str(raw)).normalize(), "f")
        return ["ctrl+a", "ctrl+k", *text], "enter"
    return [], "enter"


async def _walk(flow: Any, answers: dict[str, Any], folder: Path) -> list[float]:
    """One example walked through a fresh app; the transition times in milliseconds."""
    from lm_tui.session.engine import Session
    from lm_tui.ui.app import LmTuiApp

    app = LmTuiApp(Session(flow, interface="tui"), folder, blink=False)
    clock = _PaintClock(app)
    times: list[float] = []
    async with app.run_test(headless=True, size=(80, 24)) as pilot:

        async def timed(key: str) -> None:
            clock.arm(app.screen)
            started = time.perf_counter()
            await pilot.press(key)
            await asyncio.wait_for(clock.event.wait(), timeout=30)
            times.append((clock.painted_at - started) * 1000)

        await pilot.pause()
        await answer_to_the_outcome(app, pilot, answers, timed)
    return times


async def answer_to_the_outcome(
    app: Any, pilot: Any, answers: dict[str, Any], timed: Callable[[str], Awaitable[None]]
) -> None:
    """Type the example's answers until the outcome; `timed` sends each key that moves on."""
    from lm_tui.ui.modals.acknowledge import AcknowledgeModal

    flow = app.session.flow
    for _ in range(200):
        await pilot.pause()
        if isinstance(app.screen, AcknowledgeModal):
            await pilot.press("a")
            await timed("y")
            continue
        if app.session.is_complete:
            break
        node_id = app.session.current
        variable = flow.asked_variable(node_id)
        before, last = _keys(app, node_id, answers[variable] if variable else None)
        if before:
            await pilot.press(*before)
        await timed(last)
    if not app.session.is_complete:
        raise RuntimeError("the walk did not reach the outcome")


def example_answers(folder: Path) -> list[dict[str, Any]]:
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise FileNotFoundError(f"no acceptance examples in {folder}")
    return [tomllib.loads(path.read_text("utf-8"))["answers"] for path in files]


def measure_transitions(
    examples: Path, walks: int, folder: Path, only: list[int] | None = None
) -> list[float]:
    """Every timed transition of `walks` passes over the examples (or those at the indexes in
    `only`), in milliseconds."""
    from lm_tui.flow.loader import load_flow
    from lm_tui.resources import bundled_flow_path

    flow = load_flow(bundled_flow_path())
    everything = example_answers(examples)
    if only is not None:
        everything = [everything[index] for index in only]
    times: list[float] = []
    for _ in range(walks):
        for answers in everything:
            times += asyncio.run(_walk(flow, answers, folder))
    return times
