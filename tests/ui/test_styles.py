"""Style files are read when a screen first needs them, and no screen goes without its own."""

from __future__ import annotations

import os

from textual.screen import Screen

from lm_tui.resources import screens_dir
from lm_tui.ui.modals.export import ExportDialog
from lm_tui.ui.screens.checklist import ChecklistScreen
from lm_tui.ui.screens.choice import ChoiceScreen
from lm_tui.ui.screens.number import NumberScreen
from lm_tui.ui.screens.outcome import OutcomeScreen
from lm_tui.ui.styles import SHARED, style_files_for
from lm_tui.ui.teaching.export import AttemptExportDialog
from tests.ui.conftest import SIZE


def read_files(app) -> set[str]:
    folder = os.path.abspath(screens_dir())
    return {os.path.basename(path) for path, _ in app.stylesheet.source if path.startswith(folder)}


def test_each_screen_kind_names_files_that_exist() -> None:
    every_file = {path.name for path in screens_dir().glob("*.tcss")}
    assert set(SHARED) <= every_file
    assert style_files_for(ChoiceScreen) == ("choice.tcss",)
    assert style_files_for(NumberScreen) == ("number.tcss",)
    assert style_files_for(OutcomeScreen) == ("summary.tcss",)
    assert style_files_for(ExportDialog) == ("dialogs.tcss",)
    assert set(style_files_for(AttemptExportDialog) or ()) == {"teaching.tcss", "dialogs.tcss"}


def test_a_screen_from_an_unlisted_module_gets_every_file() -> None:
    class Unlisted(Screen[None]):
        pass

    Unlisted.__module__ = "lm_tui.ui.somewhere_new"
    assert style_files_for(Unlisted) is None


async def test_the_start_reads_only_what_the_first_question_needs(app_factory) -> None:
    app = app_factory()
    # The other kinds' screens are built (and their files read) once the first question is up;
    # this test is about what the start itself reads, so that later step is left out here.
    app.build_ahead = lambda: None
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert read_files(app) == {*SHARED, "choice.tcss"}
        await pilot.press("4", "enter")  # colorectal: the symptoms checklist comes next
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen)
        assert "checklist.tcss" in read_files(app)
        checklist = app.screen.query_one("Checklist")
        assert checklist.styles.max_height is not None  # its own file's rule applies
        assert checklist.styles.max_height.value == 16
