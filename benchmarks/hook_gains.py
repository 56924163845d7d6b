"""What each speed hook of lm_tui/ui/textual_hooks.py gains: key press to the next screen
painted, with every hook and with one hook left out, alternating in the same run.

    python benchmarks/hook_gains.py [--rounds N] [--json OUT]

Each round walks every acceptance example once per variant, in a fresh app at 80x24, as
benchmarks/transitions.py does, except that each walk first waits for the screens to be built
ahead (a user reads the first question for seconds). The variants take turns walking each
example, so that a busy moment on a shared machine weighs on all of them. Every timed key press is
labelled by what it shows: a question or outcome screen shown for the first time in that app
(the build-ahead hooks act there), a dialog (always new), a screen shown again after another
one (the skipped restyle acts there), or the same screen refilled in place.
The figure for a hook is the median over the key presses it acts on, with and without it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from transitions import _PaintClock, answer_to_the_outcome, example_answers  # noqa: E402

from tests.acceptance_examples import examples_folder  # noqa: E402  (after the path is set)


def _never_equal(app: Any) -> object:
    return object()  # a fresh object each time: the screen is always restyled


def _no_screens(app: Any) -> dict[str, str]:
    return {}


VARIANTS: dict[str, tuple[str, str, Callable[..., Any]] | None] = {
    "all hooks": None,
    "without mount_unseen (no screens built ahead)": (
        "lm_tui.ui.build_ahead",
        "first_node_of_each_kind",
        _no_screens,
    ),
    "without lay_out_unseen + draw_into_cache": (
        "lm_tui.ui.textual_hooks",
        "lay_out_unseen+draw_into_cache",
        lambda *args: None,
    ),
    "without start_repaint_timer": (
        "lm_tui.ui.textual_hooks",
        "start_repaint_timer",
        lambda *args: None,
    ),
    "without mark_bindings_ready": (
        "lm_tui.ui.textual_hooks",
        "mark_bindings_ready",
        lambda *args: None,
    ),
    "without the four draw-ahead hooks (screens mounted only)": (
        "lm_tui.ui.textual_hooks",
        "lay_out_unseen+draw_into_cache+start_repaint_timer+mark_bindings_ready",
        lambda *args: None,
    ),
    "without css_update_count (always restyled)": (
        "lm_tui.ui.textual_hooks",
        "css_update_count",
        _never_equal,
    ),
}


@contextmanager
def _variant(name: str) -> Iterator[None]:
    """The hook named by the variant replaced by a stand-in that does without it."""
    change = VARIANTS[name]
    if change is None:
        yield
        return
    import importlib

    module_name, attributes, stand_in = change
    module = importlib.import_module(module_name)
    saved = {attribute: getattr(module, attribute) for attribute in attributes.split("+")}
    for attribute in saved:
        setattr(module, attribute, stand_in)
    try:
        yield
    finally:
        for attribute, original in saved.items():
            setattr(module, attribute, original)


async def _walk(flow: Any, answers: dict[str, Any], folder: Path) -> list[tuple[str, float]]:
    """One example walked through a fresh app: (label, milliseconds) per timed key press."""
    from lm_tui.session.engine import Session
    from lm_tui.ui.app import LmTuiApp
    from lm_tui.ui.screens.node import NodeScreen

    app = LmTuiApp(Session(flow, interface="tui"), folder, blink=False)
    clock = _PaintClock(app)
    times: list[tuple[str, float]] = []
    shown: list[object] = []  # the screens themselves, so that no id is reused
    async with app.run_test(headless=True, size=(80, 24)) as pilot:

        async def timed(key: str) -> None:
            before = app.screen
            if not any(screen is before for screen in shown):
                shown.append(before)
            clock.arm(before)
            started = time.perf_counter()
            await pilot.press(key)
            await asyncio.wait_for(clock.event.wait(), timeout=30)
            elapsed = (clock.painted_at - started) * 1000
            after = app.screen
            if not any(screen is after for screen in shown):
                label = "first show" if isinstance(after, NodeScreen) else "first dialog"
            elif after is not before:
                label = "shown again"
            else:
                label = "refilled in place"
            times.append((label, elapsed))

        await pilot.pause()
        await asyncio.wait_for(app.built_ahead.wait(), timeout=60)
        await answer_to_the_outcome(app, pilot, answers, timed)
    return times


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--only", type=int, nargs="+", metavar="I", help="the variants at these indexes (0 first)"
    )
    args = parser.parse_args()

    from lm_tui.flow.loader import load_flow
    from lm_tui.resources import bundled_flow_path

    flow = load_flow(bundled_flow_path())
    examples = example_answers(examples_folder())
    names = list(VARIANTS)
    if args.only is not None:
        names = [names[index] for index in args.only]
    results: dict[str, list[tuple[str, float]]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory() as work:
        for _ in range(args.rounds):
            for answers in examples:
                for name in names:
                    with _variant(name):
                        results[name] += asyncio.run(_walk(flow, answers, Path(work)))
    summary: dict[str, dict[str, Any]] = {}
    for name, timed in results.items():
        by_label: dict[str, list[float]] = {}
        for label, ms in timed:
            by_label.setdefault(label, []).append(ms)
        every = [ms for _, ms in timed]
        summary[name] = {
            "key presses": len(every),
            "median_ms": _median(every),
            "p95_ms": round(statistics.quantiles(every, n=20)[-1], 2) if len(every) > 1 else None,
            **{f"{label} median_ms": _median(ms) for label, ms in sorted(by_label.items())},
            **{f"{label} count": len(ms) for label, ms in sorted(by_label.items())},
            "sum per walk ms": round(sum(every) / (args.rounds * len(examples)), 1),
        }
    text = json.dumps(
        {"rounds": args.rounds, "walks": len(examples), "variants": summary}, indent=2
    )
    print(text)
    if args.json:
        args.json.write_text(text + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
