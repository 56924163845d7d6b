"""Ctrl+P lists the answers in path order and says which theme is on (issue 14, item 11)."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette

from lm_tui.ui.display import answered_steps
from tests.ui.answers import EGFR, example_answers
from tests.ui.conftest import SIZE
from tests.ui.keys import start, walk


async def palette_entries(pilot) -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause(0.3)
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    commands = palette.query_one(CommandList)
    entries = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
    await pilot.press("escape")
    await pilot.pause()
    return entries


async def test_jump_to_lists_the_answers_in_path_order(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await walk(pilot, example_answers(EGFR))
        entries = await palette_entries(pilot)
        jumps = [entry.split("\n")[0] for entry in entries if entry.startswith("Jump to: ")]
        in_path_order = [f"Jump to: {label}" for _n, _v, label, _t in answered_steps(app.session)]
        assert jumps == in_path_order
        assert jumps != sorted(jumps)  # the example's path is not in alphabetical order


async def test_the_theme_commands_say_which_is_active(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        app.theme = "textual-dark"
        entries = [entry.split("\n")[0] for entry in await palette_entries(pilot)]
        assert "Theme: dark (active)" in entries
        assert "Theme: light" in entries


async def test_a_teaching_cases_locked_facts_are_not_offered_for_change(bundled_flow, tmp_path):
    from tests.ui.teaching.test_teaching_app import teaching_app

    app = teaching_app(bundled_flow, tmp_path, "end")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # past the case brief
        await pilot.pause()
        locked = [n for n, *_ in answered_steps(app.session) if app.session.is_locked(n)]
        assert locked  # the facts before the first decision are filled in
        entries = [entry.split("\n")[0] for entry in await palette_entries(pilot)]
        for node_id, _variable, label, _text in answered_steps(app.session):
            assert (f"Jump to: {label}" in entries) is (node_id not in locked)
