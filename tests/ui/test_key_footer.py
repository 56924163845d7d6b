"""The footer (`KeyFooter`) under dialogs: its keys stay drawn while a dialog covers its screen,
and are brought up to date when the screen is back on top.

The snapshot of the critical-pitfall dialog once showed the dimmed footer beneath it blank: the
dialog's push made the question screen's footer rebuild (its keys are worked out for the app's
top screen, and the map key is off over a dialog), and a rebuild removes the keys before it
mounts new ones, which a covered screen may not lay out while it is covered. Whatever the
dialog drew after the removal showed an empty key line.
"""

from __future__ import annotations

import asyncio
import io
from typing import Any

from rich.console import Console
from textual.screen import Screen
from textual.widgets._footer import FooterKey

from lm_tui.cli.run_app import resume
from lm_tui.ui.app import LmTuiApp
from lm_tui.ui.modals.acknowledge import AcknowledgeModal
from lm_tui.ui.screens.outcome import OutcomeScreen
from lm_tui.ui.widgets.key_footer import KeyFooter
from tests.ui.answers import OBSTRUCTED, example_answers
from tests.ui.conftest import SIZE, make_app
from tests.ui.keys import answer, answer_until, start
from tests.ui.test_export_quit_resume import replayed_export


def footer_keys(screen: Screen[Any]) -> list[FooterKey]:
    return list(screen.query(FooterKey))


async def rebuild_requested(footer: KeyFooter) -> None:
    """Run `footer.recompose` as Textual's footer requests it: in the footer's own message loop
    (its keys bind their data to the widget whose loop runs); return once it has run."""
    done = asyncio.Event()
    footer.call_later(footer.recompose)
    footer.call_later(done.set)  # callbacks run one after the other, each awaited
    await done.wait()


def drawn_lines(app: LmTuiApp) -> list[str]:
    """The whole terminal as text, drawn afresh the way a screenshot draws it (pinned Textual
    8.2.8: checked against `App.export_screenshot`)."""
    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=io.StringIO(),
        force_terminal=True,
        record=True,
        legacy_windows=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text().splitlines()


async def test_the_footer_under_the_pitfall_dialog_keeps_its_keys(app_factory):
    """The snapshot's scene, made to draw what it had drawn by chance: before the fix the
    footer line under the dialog was blank whenever the dialog drew after the rebuild began."""
    app = app_factory()
    answers = example_answers(OBSTRUCTED)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer_until(pilot, answers, "planned")
        planned = app.screen  # a checklist; the question after it is a choice
        planned_keys = footer_keys(planned)
        question = app.node_screens["choice"]
        keys = footer_keys(question)
        assert "Map" in [key.description for key in keys]
        await answer(pilot, answers["planned"])
        assert isinstance(app.screen, AcknowledgeModal)
        assert app.screen_stack[-2] is question
        await pilot.pause()
        assert footer_keys(question) == keys  # not rebuilt: the same widgets, laid out
        # A rebuild asked for while the question was on top can run after the push: it waits too.
        await rebuild_requested(question.query_one(KeyFooter))
        assert footer_keys(question) == keys
        # The dialog draws everything again (as on any full repaint): the dimmed screen beneath
        # is drawn from the question screen's layout, footer included.
        app.screen.refresh()
        await pilot.pause()
        bottom = drawn_lines(app)[-1]
        for shown in ("Confirm", "Back", "Quit", "Export", "Help", "Map"):
            assert shown in bottom, bottom
        await pilot.press("escape")  # back to change the answer: the same keys, as they were
        await pilot.pause()
        assert app.screen is planned
        assert footer_keys(planned) == planned_keys


async def test_keys_changed_while_a_dialog_was_up_are_rebuilt_on_return(bundled_flow, tmp_path):
    """The outcome offers `a` while a critical pitfall waits; acknowledged in the dialogs over
    it, the key is gone when the outcome is back on top."""
    saved = replayed_export(bundled_flow, OBSTRUCTED, tmp_path / "replayed.toml")
    session, lines, warnings = resume(saved, bundled_flow)
    assert session.unacknowledged_critical()
    app = make_app(
        bundled_flow, tmp_path, session=session, resume_lines=lines, resume_warnings=warnings
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # past the welcome screen's resume box
        await pilot.pause()
        outcome = app.screen
        assert isinstance(outcome, OutcomeScreen)
        assert "Acknowledge" in [key.description for key in footer_keys(outcome)]
        await pilot.press("a", "a", "y", "a", "y")  # both pitfalls, each in its own dialog
        await pilot.pause()
        assert app.screen is outcome and not app.session.unacknowledged_critical()
        shown = [key.description for key in footer_keys(outcome)]
        assert "Acknowledge" not in shown
        assert "Map" in shown
