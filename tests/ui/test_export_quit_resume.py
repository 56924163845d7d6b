"""The export dialog (default name, Enter saves, overwrite only after `y`, errors shown with the
session intact), quitting with and without unsaved changes, and `--resume`."""

from __future__ import annotations

import argparse
import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from lm_tui.cli.common import export_folder
from lm_tui.cli.replay import replay_session
from lm_tui.cli.run_app import launch, resume
from lm_tui.flow.errors import ExportError, SessionFileError
from lm_tui.flow.loader import load_flow
from lm_tui.session.document import export_session
from lm_tui.ui.modals.acknowledge import AcknowledgeModal
from lm_tui.ui.modals.confirm import ConfirmModal
from lm_tui.ui.modals.export import ExportDialog, default_export_path
from lm_tui.ui.screens.choice import ChoiceScreen
from lm_tui.ui.screens.outcome import OutcomeScreen
from lm_tui.ui.screens.welcome import WelcomeScreen
from tests.conftest import EXAMPLES
from tests.ui.answers import EGFR, OBSTRUCTED, example_answers
from tests.ui.conftest import SIZE, make_app
from tests.ui.keys import answer, answer_until, start, walk


def dialog_error(app) -> str:
    return str(app.screen.query_one("#export-error", Static).render())


async def test_ctrl_s_offers_a_default_name_in_the_export_folder_and_enter_saves(
    app_factory, tmp_path
):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer(pilot, "lung")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        field = app.screen.query_one("#export-path", Input)
        expected = default_export_path(app.session, tmp_path)
        assert Path(field.value) == expected and expected.parent == tmp_path
        assert app.unsaved
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen) is ChoiceScreen  # back where the user was
        assert not app.unsaved
    saved = tomllib.loads(expected.read_text())
    assert saved["answers"] == {"primary_tumor": "lung"}
    assert saved["session"]["complete"] is False


async def test_an_existing_file_is_replaced_only_after_y(app_factory, tmp_path):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer(pilot, "lung")
        target = default_export_path(app.session, tmp_path)
        target.write_text("precious\n")
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)  # the dialog stays to pick another name
        assert target.read_text() == "precious\n"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        assert type(app.screen) is ChoiceScreen
    assert tomllib.loads(target.read_text())["answers"] == {"primary_tumor": "lung"}


async def test_an_export_error_is_shown_in_the_dialog_and_the_session_is_kept(
    app_factory, tmp_path
):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer(pilot, "breast")
        await pilot.press("ctrl+s")
        await pilot.pause()
        field = app.screen.query_one("#export-path", Input)
        field.value = str(tmp_path / "no-such-folder" / "session.toml")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert "does not exist" in dialog_error(app)
        assert app.session.answers == {"primary_tumor": "breast"} and app.unsaved
        field.value = "relative-name.toml"  # a bare name goes into the export folder
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
    assert (tmp_path / "relative-name.toml").is_file()


async def test_quit_without_changes_does_not_ask(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_quit_with_unsaved_changes_asks_for_y(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer(pilot, "lung")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen) is ChoiceScreen and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_quit_after_saving_does_not_ask(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer(pilot, "lung")
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


def replayed_export(flow, example: str, target: Path) -> Path:
    session, _ = replay_session(flow, EXAMPLES / f"{example}.toml")
    export_session(session, target)
    return target


async def test_resume_of_a_complete_session_opens_the_outcome_with_unacknowledged_pitfalls(
    bundled_flow, tmp_path
):
    saved = replayed_export(bundled_flow, OBSTRUCTED, tmp_path / "replayed.toml")
    session, lines, warnings = resume(saved, bundled_flow)
    assert session.is_complete
    assert any("not acknowledged" in w for w in warnings)
    assert not any("changed" in w for w in warnings)
    app = make_app(
        bundled_flow, tmp_path, session=session, resume_lines=lines, resume_warnings=warnings
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen) is WelcomeScreen
        assert "complete" in str(app.screen.query_one("#resume-box", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen) is OutcomeScreen  # no modal in the way of reading it
        pending = app.session.unacknowledged_critical()
        assert len(pending) == 2
        banner = str(app.screen.query_one("#pending-banner", Static).render())
        assert "2 critical pitfall(s) NOT acknowledged" in banner
        assert not app.unsaved
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AcknowledgeModal)
        await pilot.press("escape")  # from the outcome, Escape only closes
        await pilot.pause()
        assert type(app.screen) is OutcomeScreen and app.session.is_complete
        await pilot.press("a", "a", "y", "a", "y")
        await pilot.pause()
        assert app.session.unacknowledged_critical() == []
        assert type(app.screen) is OutcomeScreen
        assert not any(banner.display for banner in app.screen.query("#pending-banner"))
        assert app.unsaved


async def test_resume_of_an_unfinished_session_goes_on_where_it_stopped(bundled_flow, tmp_path):
    first = make_app(bundled_flow, tmp_path)
    async with first.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer_until(pilot, example_answers(EGFR), "kps")
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
    saved = next(tmp_path.glob("*.toml"))
    session, lines, warnings = resume(saved, bundled_flow)
    assert session.current == "kps" and warnings == []
    app = make_app(bundled_flow, tmp_path, session=session, resume_lines=lines)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)  # nothing to decide first: straight to where it stopped
        assert app.screen.node_id == "kps"
        told = [n.message for n in app._notifications]
        assert any(lines[0] in message for message in told), told
        assert app.screen.query("#start-note")  # the disclaimer, as on any first screen
        await walk(pilot, example_answers(EGFR))
        assert type(app.screen) is OutcomeScreen


async def test_resume_warns_when_the_flow_file_changed(bundled_flow, tmp_path):
    saved = replayed_export(bundled_flow, EGFR, tmp_path / "session.toml")
    changed = tmp_path / "changed.toml"
    changed.write_text(bundled_flow.path.read_text() + "\n# a local edit\n")
    flow = load_flow(changed)
    session, _lines, warnings = resume(saved, flow)
    assert session.is_complete
    assert any("flow file has changed" in w for w in warnings)


def test_launch_refuses_an_export_folder_whose_parent_is_missing(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        export_folder(tmp_path / "missing" / "deeper")
    assert not (tmp_path / "missing").exists()
    args = argparse.Namespace(flow=None, resume=None, export_dir=tmp_path / "missing" / "deeper")
    with pytest.raises(ExportError):
        launch(args)


def test_launch_refuses_a_file_that_is_not_a_session(tmp_path):
    bad = tmp_path / "answers.toml"
    bad.write_text('[answers]\nprimary_tumor = "lung"\n')
    args = argparse.Namespace(flow=None, resume=bad, export_dir=None)
    with pytest.raises(SessionFileError, match="not an lm-tui session export"):
        launch(args)


def test_cli_prints_one_line_for_a_bad_resume_file(tmp_path, capsys):
    from lm_tui.cli import main

    bad = tmp_path / "broken.toml"
    bad.write_text("this is = = not toml")
    assert main(["--resume", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(bad) in err[0]
