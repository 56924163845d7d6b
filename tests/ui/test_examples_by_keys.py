"""Each acceptance example walked by keys in the app, exported with Ctrl+S, and compared with
what `lm-tui replay` gives for the same answers."""

from __future__ import annotations

import tomllib

import pytest

from lm_tui.cli.replay import replay_session
from lm_tui.session.outcome import outcome_table
from lm_tui.ui.screens.outcome import OutcomeScreen
from tests.conftest import example_files
from tests.ui.conftest import SIZE
from tests.ui.keys import walk


@pytest.mark.parametrize("example", example_files(), ids=lambda path: path.stem)
async def test_example_walked_by_keys_exports_the_replay_outcome(
    example, app_factory, bundled_flow, tmp_path
):
    answers = tomllib.loads(example.read_text())["answers"]
    expected_session, _unused = replay_session(bundled_flow, example)
    expected_outcome = outcome_table(expected_session.evaluator)

    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the app opens on the first question
        acknowledged = await walk(pilot, answers)
        assert type(app.screen) is OutcomeScreen
        assert sorted(acknowledged) == sorted(
            p
            for p in expected_outcome["pitfalls"]
            if bundled_flow.pitfalls[p].severity == "critical"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen) is OutcomeScreen
        assert not app.unsaved

    saved = list(tmp_path.glob("*.toml"))
    assert len(saved) == 1
    exported = tomllib.loads(saved[0].read_text())
    assert exported["outcome"] == expected_outcome
    assert exported["session"]["interface"] == "tui"
    for pitfall in exported["raised_pitfalls"]:
        if pitfall["severity"] == "critical":
            assert pitfall["acknowledged"] is True
