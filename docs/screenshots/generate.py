"""Regenerate the README screenshots: `python docs/screenshots/generate.py` from the repo root.

Walks the bundled flow by keys with Textual's Pilot (the same helpers as the app tests) and saves
an SVG of each main screen at 80x24 with a fixed clock, so the images change only when the app
does.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from lm_tui.flow.loader import load_flow  # noqa: E402
from lm_tui.resources import bundled_flow_path  # noqa: E402
from tests.ui.answers import BORDERLINE, OBSTRUCTED, example_answers  # noqa: E402
from tests.ui.conftest import SIZE, make_app  # noqa: E402
from tests.ui.keys import acknowledge_all, answer, answer_until, start  # noqa: E402

OUT = Path(__file__).resolve().parent


async def main() -> None:
    flow = load_flow(bundled_flow_path())
    with tempfile.TemporaryDirectory() as export_dir:
        app = make_app(flow, Path(export_dir))
        async with app.run_test(size=SIZE) as pilot:

            def shot(name: str) -> None:
                app.save_screenshot(f"{name}.svg", OUT)

            await start(pilot)
            shot("01-first-question")
            borderline = example_answers(BORDERLINE)
            await answer_until(pilot, borderline, "symptoms")
            await pilot.press("5")
            shot("02-checklist")
            await pilot.press("enter")
            await answer_until(pilot, borderline, "csf_cytology")
            shot("03-choice-with-context")
            await answer_until(pilot, borderline, "kps")
            await pilot.press("7", "5", "enter")
            await pilot.pause()
            shot("04-number")
            await pilot.press("backspace", "backspace")
            await answer_until(pilot, borderline, "branch_choice")
            await pilot.press("1", "tab", *"agreed at the MDT")
            await pilot.pause()
            shot("05-borderline-branch")
            await pilot.press("enter")
            await pilot.pause()
            obstructed = example_answers(OBSTRUCTED)
            await answer_until(pilot, borderline | {"planned": obstructed["planned"]}, "planned")
            await answer(pilot, obstructed["planned"])
            shot("06-critical-pitfall")
            await acknowledge_all(pilot)
            await answer(pilot, "preservative_free")
            shot("07-outcome")
            await pilot.press("r")
            await pilot.pause()
            shot("08-review")
            await pilot.press("f1")
            await pilot.pause()
            shot("09-help")
            await pilot.press("escape", "ctrl+s")
            await pilot.pause()
            app.screen.query_one("#export-path").value = "~/lm-sessions/leptomeningeal-session.toml"
            await pilot.pause()
            shot("10-export")


if __name__ == "__main__":
    asyncio.run(main())
