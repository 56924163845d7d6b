"""Every screen of the flow fits 80x24, or says in characters that there is more (issue 14,
item 6).

At 80x24 the borderline decision and the plan checklist are taller than the screen; the only
sign was the scrollbar's coloured thumb, which NO_COLOR removes. Every node is shown, on the
acceptance examples' paths (so the context panel is as full as in use) and on its own, with
NO_COLOR set; each column that scrolls must show `more ↓`.
"""

from __future__ import annotations

import tomllib

import pytest

from lm_tui.flow.definition import Flow
from lm_tui.ui.modals.acknowledge import AcknowledgeModal
from lm_tui.ui.screens.outcome import OutcomeScreen
from lm_tui.ui.widgets.scroll_mark import MarkedScroll
from tests.conftest import example_files
from tests.ui.conftest import SIZE
from tests.ui.keys import acknowledge_all, answer


def problems_on_screen(app) -> list[str]:
    """Columns on the screen that scroll without a visible `more` mark."""
    found = []
    width, height = SIZE
    for column in app.screen.query(MarkedScroll):
        if not column.display or column.max_scroll_y <= 0:
            continue
        marks = column.query_children(".scroll-mark")
        mark = marks.first() if marks else None
        region = mark.region if mark is not None else None
        visible = (
            mark is not None
            and mark.display
            and "more" in str(mark.render())
            and region is not None
            and region.bottom <= height
            and region.right <= width
        )
        if not visible:
            found.append(f"{app.session.current}: #{column.id} scrolls with no 'more' mark")
    return found


@pytest.fixture(autouse=True)
def no_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.mark.parametrize("example", example_files(), ids=lambda path: path.stem)
async def test_every_screen_on_an_example_path_fits_or_is_marked(example, app_factory):
    answers = tomllib.loads(example.read_text())["answers"]
    app = app_factory()
    problems: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(100):
            await pilot.pause()
            problems += problems_on_screen(app)
            if app.session.is_complete:
                break
            variable = app.session.flow.asked_variable(app.session.current)
            await answer(pilot, answers[variable] if variable else None)
            if isinstance(app.screen, AcknowledgeModal):
                problems += problems_on_screen(app)
            await acknowledge_all(pilot)
        assert type(app.screen) is OutcomeScreen
        await pilot.press("r")
        await pilot.pause()
        problems += problems_on_screen(app)
    assert problems == []


def shown_alone(flow: Flow) -> list[str]:
    return [node for node in flow.nodes if not flow.is_outcome(node)]


async def check_every_node_alone(app) -> list[str]:
    problems: list[str] = []
    flow = app.session.flow
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for node_id in shown_alone(flow):
            app.present(node_id)
            await pilot.pause()
            await pilot.pause()
            problems += [
                p.replace(app.session.current, node_id, 1) for p in problems_on_screen(app)
            ]
    return problems


async def test_every_node_of_the_bundled_flow_fits_or_is_marked(app_factory):
    assert await check_every_node_alone(app_factory()) == []


async def test_every_node_of_the_test_flow_fits_or_is_marked(app_factory, houseplant_flow):
    assert await check_every_node_alone(app_factory(houseplant_flow)) == []


async def test_the_borderline_decision_is_marked_at_80x24(app_factory):
    """The screen the issue names: it scrolls, and says so."""
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.present("branch_choice")
        await pilot.pause()
        await pilot.pause()
        column = app.screen.query_one("#question", MarkedScroll)
        assert column.max_scroll_y > 0
        assert "more ↓" in column.mark
