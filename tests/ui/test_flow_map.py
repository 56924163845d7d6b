"""The flow map screen: opened by `m` and from the palette, the path taken and the current node
marked (by text, so NO_COLOR keeps it), Esc back to the same question untouched."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from lm_tui.ui.screens.choice import ChoiceScreen
from lm_tui.ui.screens.flow_map import FlowMapScreen
from lm_tui.ui.screens.node import NodeScreen
from tests.ui.answers import EGFR, example_answers
from tests.ui.conftest import SIZE
from tests.ui.keys import answer, run_command, start


def shown_lines(screen: FlowMapScreen) -> list[tuple[str, set[str]]]:
    """Every line on the map as rendered text with its CSS classes."""
    return [
        (str(line.render()), set(line.classes))
        for line in screen.query_one("#flow-map", VerticalScroll).query(Static)
    ]


def node_title(app, node_id: str) -> str:
    return app.session.flow.nodes[node_id].title or node_id


async def test_m_opens_the_map_with_the_path_answered_and_the_current_node_marked(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer(pilot, "lung")
        await pilot.pause()
        passed = [step.node for step in app.session.path]
        current = app.session.current
        question = app.screen
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FlowMapScreen)
        lines = shown_lines(screen)

        current_lines = [(t, c) for t, c in lines if "map-current" in c and "map-node" in c]
        assert len(current_lines) == 1
        text, _ = current_lines[0]
        assert text.startswith("[>]") and "you are here" in text
        assert node_title(app, current) in text

        for node_id in passed:
            matching = [t for t, c in lines if "map-node" in c and node_title(app, node_id) in t]
            assert any(t.startswith("[x]") and "lung" in t.lower() for t in matching), matching
        taken = [t for t, c in lines if "map-taken" in c]
        assert len(taken) == len(passed)
        assert all(t.lstrip().startswith("->") for t in taken)
        assert any(node_title(app, current) in t for t in taken)  # the route into "you are here"

        # The current line is scrolled into view at 80x24.
        marked = screen.current_line()
        scroll = screen.query_one("#flow-map", VerticalScroll)
        assert marked is not None
        assert scroll.scrollable_content_region.contains_region(marked.region) or (
            marked.region.y >= scroll.region.y and marked.region.bottom <= scroll.region.bottom
        )

        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is question and app.session.current == current


async def test_the_palette_opens_the_map_and_the_map_changes_nothing(app_factory):
    answers = example_answers(EGFR)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        first = app.session.current
        await answer(pilot, answers[app.session.flow.asked_variable(first)])
        second = app.session.current
        events = len(app.session.events)
        await run_command(pilot, "Flow map")
        assert isinstance(app.screen, FlowMapScreen)
        lines = shown_lines(app.screen)
        done = [t for t, c in lines if {"map-node", "map-done"} <= c]
        assert [t for t in done if node_title(app, first) in t]
        assert all(t.startswith("[x]") for t in done)
        assert sum("map-current" in c and "map-node" in c for _, c in lines) == 1
        assert any(node_title(app, second) in t and t.startswith("[>]") for t, _ in lines)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, NodeScreen)
        assert app.session.current == second and len(app.session.events) == events


async def test_the_map_is_not_opened_over_a_dialog_nor_twice(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        assert type(app.screen) is ChoiceScreen
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen is dialog  # F2 is not typed into the path field either
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FlowMapScreen)
        depth = len(app.screen_stack)
        app.action_flow_map()
        await pilot.pause()
        assert len(app.screen_stack) == depth
        await pilot.press("m")  # m again closes it
        await pilot.pause()
        assert type(app.screen) is ChoiceScreen
