"""The app autosaves every change, clears the autosave once the session is exported, and offers
an unfinished session (a crash) on the first screen: `r` resumes it, `d` discards it."""

from __future__ import annotations

import tomllib

from textual.widgets import Static

from lm_tui.session.autosave import Autosaver
from lm_tui.ui.screens.choice import ChoiceScreen
from lm_tui.ui.screens.welcome import WelcomeScreen
from tests.ui.answers import EGFR, example_answers
from tests.ui.conftest import SIZE
from tests.ui.keys import answer, answer_until, start


async def test_every_change_is_autosaved_and_an_export_clears_it(app_factory, tmp_path):
    folder = tmp_path / "autosave"
    app = app_factory(autosaver=Autosaver(folder))
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        assert list(folder.glob("*.toml")) == []  # nothing answered, nothing to keep
        await answer(pilot, "lung")
        [saved] = folder.glob("*.toml")
        assert tomllib.loads(saved.read_text())["answers"] == {"primary_tumor": "lung"}
        await answer(pilot, "egfr_mutant")
        assert tomllib.loads(saved.read_text())["answers"]["driver"] == "egfr_mutant"
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
        assert list(folder.glob("*.toml")) == []


async def test_an_unfinished_session_is_offered_and_resumed_with_r(app_factory, tmp_path):
    folder = tmp_path / "autosave"
    crashed = app_factory(autosaver=Autosaver(folder))
    async with crashed.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer_until(pilot, example_answers(EGFR), "mri_pattern")
    # the app stopped without an export: the autosave is what is left
    saver = Autosaver(folder)
    pending = saver.pending()
    assert len(pending) == 1
    app = app_factory(autosaver=saver, pending=pending)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen) is WelcomeScreen
        assert "unfinished session" in str(app.screen.query_one("#pending-box", Static).render())
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen) is WelcomeScreen
        assert not app.screen.query("#pending-box")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen) is ChoiceScreen
        assert app.session.current == "mri_pattern"
        assert app.session.answers["primary_tumor"] == "lung"
        await answer(pilot, "linear")
        [saved] = folder.glob("*.toml")  # the resumed session goes on in the same file
        assert tomllib.loads(saved.read_text())["answers"]["mri_pattern"] == "linear"


async def test_d_discards_the_unfinished_session(app_factory, tmp_path):
    folder = tmp_path / "autosave"
    crashed = app_factory(autosaver=Autosaver(folder))
    async with crashed.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer(pilot, "breast")
    saver = Autosaver(folder)
    app = app_factory(autosaver=saver, pending=saver.pending())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")  # asks first
        await pilot.pause()
        assert len(list(folder.glob("*.toml"))) == 1
        await pilot.press("y")
        await pilot.pause()
        assert list(folder.glob("*.toml")) == []
        assert not app.screen.query("#pending-box")
        assert app.session.answers == {}
