"""Under NO_COLOR every focus and selection is a character mark (issue 14, item 5).

The review list's cursor, the export dialog's format and the focus on the borderline screen's
reason field were shown by colour alone.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from lm_tui.ui.modals.export import ExportDialog
from lm_tui.ui.screens.outcome import ReviewList
from tests.ui.answers import BORDERLINE, EGFR, example_answers
from tests.ui.conftest import SIZE
from tests.ui.keys import answer_until, start, walk


@pytest.fixture(autouse=True)
def no_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")


def prompt_text(review: ReviewList, index: int) -> str:
    return str(review.get_option_at_index(index).prompt)


async def test_the_review_lists_cursor_is_a_pointer(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await walk(pilot, example_answers(EGFR))
        await pilot.press("r", "down")
        await pilot.pause()
        review = app.screen.query_one(ReviewList)
        assert review.highlighted == 1
        assert prompt_text(review, 1).startswith("› ")
        assert prompt_text(review, 0).startswith("  ")


async def test_the_reason_fields_focus_is_drawn_in_other_characters(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer_until(pilot, example_answers(BORDERLINE), "branch_choice")
        note = app.screen.query_one("#note", Input)
        unfocused = note.styles.border_top[0]
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is note
        assert note.styles.border_top[0] != unfocused


async def test_the_export_format_is_marked_and_the_focus_shows(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await walk(pilot, example_answers(EGFR))
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        choice = dialog.query_one("#export-format")
        field = dialog.query_one("#export-path", Input)
        assert app.focused is choice
        assert choice.styles.border_top[0] != field.styles.border_top[0]
