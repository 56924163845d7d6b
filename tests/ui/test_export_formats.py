"""The export dialog's format choice: TOML by default, Markdown and FHIR JSON by keys alone, the
file name's extension following the format, atomic writes with the same overwrite question."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from textual.widgets import Input, RadioButton, RadioSet, Static

from lm_tui.exports.formats import FORMATS
from lm_tui.ui.modals.confirm import ConfirmModal
from lm_tui.ui.modals.export import FORMAT_KEYS, ExportDialog, default_export_path
from lm_tui.ui.screens.outcome import OutcomeScreen
from tests.ui.answers import EGFR, OBSTRUCTED, example_answers
from tests.ui.conftest import SIZE
from tests.ui.keys import start, walk

FORMAT_ORDER = list(FORMATS)


async def choose_format(pilot, name: str) -> None:
    """The format's own letter (`t`, `m`, `f`) picks it; the format choice keeps the focus."""
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    if not isinstance(pilot.app.focused, RadioSet):
        await pilot.press("shift+tab")  # from the file name back to the formats
        await pilot.pause()
    assert isinstance(pilot.app.focused, RadioSet)
    await pilot.press(FORMAT_KEYS[name])
    await pilot.pause()


def path_field(app) -> Input:
    return app.screen.query_one("#export-path", Input)


async def finish_and_open_export(pilot, example: str) -> None:
    await start(pilot)
    await walk(pilot, example_answers(example))
    assert isinstance(pilot.app.screen, OutcomeScreen)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ExportDialog)


async def test_toml_is_the_default_and_each_format_swaps_the_extension(app_factory, tmp_path):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await finish_and_open_export(pilot, EGFR)
        dialog = app.screen
        default = default_export_path(app.session, tmp_path)
        assert dialog.format_name == "toml" and Path(path_field(app).value) == default
        for name in ["md", "fhir", "toml"]:
            await choose_format(pilot, name)
            assert dialog.format_name == name
            assert Path(path_field(app).value) == default.with_suffix(FORMATS[name].extension)
            assert isinstance(app.focused, RadioSet)  # Enter saves from here
            dots = {b.id: b.BUTTON_INNER for b in dialog.query(RadioButton)}
            # Only the chosen format shows its dot: readable without colour (NO_COLOR).
            assert dots == {f"format-{other}": "●" if other == name else " " for other in FORMATS}
        path_field(app).value = str(tmp_path / "chosen-name.txt")
        await choose_format(pilot, "md")
        assert path_field(app).value == str(tmp_path / "chosen-name.txt")  # the user's own name


async def test_markdown_export_holds_every_recommendation_of_the_outcome(app_factory, tmp_path):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await finish_and_open_export(pilot, OBSTRUCTED)
        await choose_format(pilot, "md")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        evaluator = app.session.evaluator
        titles = [
            evaluator.fill(app.session.flow.recommendations[rec_id].title)
            for rec_id in evaluator.recommendations()
        ]
        # A Markdown file cannot be resumed: the session is still unsaved until a TOML save.
        assert app.unsaved
    written = default_export_path(app.session, tmp_path).with_suffix(".md")
    text = written.read_text(encoding="utf-8")
    assert titles, "the example reaches an outcome with recommendations"
    for title in titles:
        assert title in text
    assert not text.lstrip().startswith("[")  # Markdown, not the TOML session
    assert list(tmp_path.iterdir()) == [written]  # atomic: no temporary file left behind


async def test_fhir_export_is_a_questionnaire_response(app_factory, tmp_path):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await finish_and_open_export(pilot, EGFR)
        await choose_format(pilot, "fhir")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
    written = default_export_path(app.session, tmp_path).with_suffix(".json")
    resource = json.loads(written.read_text(encoding="utf-8"))
    assert resource["resourceType"] == "QuestionnaireResponse"
    assert resource["status"] == "completed"


async def test_another_format_asks_before_replacing_and_errors_stay_in_the_dialog(
    app_factory, tmp_path
):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await finish_and_open_export(pilot, EGFR)
        await choose_format(pilot, "md")
        target = Path(path_field(app).value)
        target.write_text("precious\n")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog) and app.screen.format_name == "md"
        assert target.read_text() == "precious\n"
        path_field(app).value = str(tmp_path / "missing" / "summary.md")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        error = str(app.screen.query_one("#export-error", Static).render())
        assert "does not exist" in error
        path_field(app).value = str(target)
        await pilot.press("enter", "y")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        await save_again_as_toml(pilot)
    assert "precious" not in target.read_text()
    saved = tomllib.loads(default_export_path(app.session, tmp_path).read_text())
    assert saved["session"]["complete"] is True


async def save_again_as_toml(pilot) -> None:
    """Ctrl+S again opens on TOML: a new dialog does not remember an earlier Markdown export."""
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert pilot.app.screen.format_name == "toml"
    assert path_field(pilot.app).value.endswith(".toml")
    await pilot.press("enter")
    await pilot.pause()
    assert not pilot.app.unsaved


async def test_arrows_pick_at_once_and_the_footer_shows_the_dialogs_keys(app_factory, tmp_path):
    """Issue 14, item 9: the format was hard to change (Tab, arrow, Space) and the footer
    showed the screen beneath's "Change answer"."""
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await finish_and_open_export(pilot, EGFR)
        dialog = app.screen
        await pilot.press("right")
        await pilot.pause()
        assert dialog.format_name == FORMAT_ORDER[1]
        await pilot.press("t")
        await pilot.pause()
        assert dialog.format_name == "toml"
        footer_keys = {
            binding.description
            for _node, binding, _enabled, _tip in dialog.active_bindings.values()
            if binding.show
        }
        assert {"Save", "Cancel", "TOML", "Markdown"} <= footer_keys
        assert "Change answer" not in footer_keys
        assert dialog.query("KeyFooter")
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is path_field(app)
