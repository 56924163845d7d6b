"""The plan checklist says, option by option, what the answers already say about it (issue 14,
feature "plan checked as it is typed"): `✓ recommended`, `✗ not eligible: ...` (ticked alone it
raises a critical pitfall), `‼ raises pitfall: ...` (only with the other ticks), and a line of
recommended items not in the plan; built from the flow's own pitfalls and recommendations
(`carried_out_by`), the same in plain mode and the Markdown export."""

from __future__ import annotations

import io
import tomllib

from lm_tui.exports.formats import FORMATS
from lm_tui.plain.console import Console
from lm_tui.plain.runner import ExportTarget, PlainRunner
from lm_tui.session.engine import Session
from lm_tui.ui.screens.checklist import ChecklistScreen
from lm_tui.ui.widgets.checklist import Checklist
from tests.conftest import EXAMPLES
from tests.ui.answers import OBSTRUCTED, example_answers
from tests.ui.conftest import SIZE
from tests.ui.keys import answer_until, start


def prompt(checklist: Checklist, value: str) -> str:
    index = [item.value for item in checklist.items].index(value)
    return str(checklist.get_option_at_index(index).prompt)


def squeezed(text: str) -> str:
    """Without any white space: a mark wrapped over two lines still reads as one."""
    return "".join(text.split())


def intrathecal_drug_and_its_pitfall(flow) -> tuple[str, str]:
    """An option and the critical pitfall it raises on the obstructed example's answers,
    found from the flow (the example: CSF flow blocked and not restored)."""
    answers = tomllib.loads((EXAMPLES / f"{OBSTRUCTED}.toml").read_text())["answers"]
    session = Session(flow, require_acknowledgement=False)
    while session.current != "planned":
        variable = flow.asked_variable(session.current)
        session.answer(answers[variable] if variable else None)
    for option in flow.offered_values("planned"):
        trial = Session(flow, require_acknowledgement=False)
        trial.fill_from({**answers, "planned": [option]})
        critical = [p for p in trial.raised_pitfalls() if flow.pitfalls[p].severity == "critical"]
        if critical:
            return option, flow.pitfalls[critical[0]].title
    raise AssertionError("no option raises a critical pitfall on this example")


async def test_each_option_shows_the_pitfall_ticking_it_raises(app_factory, bundled_flow):
    option, title = intrathecal_drug_and_its_pitfall(bundled_flow)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer_until(pilot, example_answers(OBSTRUCTED), "planned")
        assert type(app.screen) is ChecklistScreen
        checklist = app.screen.query_one(Checklist)
        assert f"✗ not eligible: {title.split()[0]}" in prompt(checklist, option)
        assert app.session.raised_pitfalls() == []  # shown before anything is recorded


def recommended_option_and_title(flow) -> tuple[str, str]:
    """An option that carries out a recommendation the obstructed example's answers give (the
    recommendation's own `carried_out_by`), and that recommendation's title."""
    answers = tomllib.loads((EXAMPLES / f"{OBSTRUCTED}.toml").read_text())["answers"]
    trial = Session(flow, require_acknowledgement=False)
    trial.fill_from({**answers, "planned": []})
    for rec_id in trial.evaluator.recommendations():
        carried = flow.recommendations[rec_id].carried_out_by
        if carried:
            return carried[0], flow.recommendations[rec_id].title
    raise AssertionError("no recommendation of this example has a plan option")


def pair_raising_a_pitfall_only_together(flow) -> tuple[str, str, str]:
    """Two options neither of which raises a critical pitfall alone on the obstructed example,
    but which do together (the flow's: craniospinal RT with methotrexate)."""
    answers = tomllib.loads((EXAMPLES / f"{OBSTRUCTED}.toml").read_text())["answers"]

    def critical(planned: list[str]) -> set[str]:
        trial = Session(flow, require_acknowledgement=False)
        trial.fill_from({**answers, "planned": planned})
        return {p for p in trial.raised_pitfalls() if flow.pitfalls[p].severity == "critical"}

    options = list(flow.offered_values("planned"))
    base = critical([])
    alone_clear = [o for o in options if not critical([o]) - base]
    for first in alone_clear:
        for second in alone_clear[alone_clear.index(first) + 1 :]:
            new = critical([first, second]) - base
            if new:
                return first, second, flow.pitfalls[sorted(new)[0]].title
    raise AssertionError("no pair of options raises a critical pitfall only together")


async def test_recommended_marks_and_the_pitfall_only_together(app_factory, bundled_flow):
    recommended, rec_title = recommended_option_and_title(bundled_flow)
    first, second, together = pair_raising_a_pitfall_only_together(bundled_flow)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer_until(pilot, example_answers(OBSTRUCTED), "planned")
        checklist = app.screen.query_one(Checklist)
        line = app.screen.query_one("#not-planned")
        assert "✓ recommended" in prompt(checklist, recommended)
        assert "✗ not eligible" not in prompt(checklist, first)
        assert "‼ raises pitfall" not in prompt(checklist, second)
        assert line.display and rec_title in str(line.render())
        assert "Recommended, not in the plan:" in str(line.render())
        checklist.toggle([item.value for item in checklist.items].index(first))
        await pilot.pause()
        assert squeezed(f"‼ raises pitfall: {together}") in squeezed(prompt(checklist, second))
        for option in {first, second, recommended}:
            index = [item.value for item in checklist.items].index(option)
            if option not in checklist.ticked:
                checklist.toggle(index)
        await pilot.pause()
        assert rec_title not in str(line.render())


def test_plain_mode_lists_the_same_marks_after_the_list(bundled_flow):
    option, title = intrathecal_drug_and_its_pitfall(bundled_flow)
    answers = tomllib.loads((EXAMPLES / f"{OBSTRUCTED}.toml").read_text())["answers"]
    session = Session(bundled_flow, interface="plain", require_acknowledgement=False)
    while session.current != "planned":
        variable = bundled_flow.asked_variable(session.current)
        session.answer(answers[variable] if variable else None)
    out = io.StringIO()
    runner = PlainRunner(
        session, Console(io.StringIO(""), out, echo=True), ExportTarget(None, None, FORMATS["toml"])
    )
    runner.run()
    number = list(bundled_flow.offered_values("planned")).index(option) + 1
    assert f"  {number}) ✗ not eligible: {title}" in out.getvalue()
    _, rec_title = recommended_option_and_title(bundled_flow)
    recommended_line = next(
        line for line in out.getvalue().splitlines() if "Recommended, not in the plan:" in line
    )
    assert rec_title in recommended_line


def test_the_markdown_export_lists_the_ticked_items_and_what_they_raised(bundled_flow):
    from lm_tui.exports.markdown import render_markdown

    option, title = intrathecal_drug_and_its_pitfall(bundled_flow)
    answers = tomllib.loads((EXAMPLES / f"{OBSTRUCTED}.toml").read_text())["answers"]
    session = Session(bundled_flow, require_acknowledgement=False)
    session.fill_from({**answers, "planned": [option]})
    markdown = render_markdown(session)
    label = bundled_flow.choice_label("planned", option)
    assert "plan vs recommendations" in markdown
    assert f"- {label}: ✗ not eligible: {title}" in markdown
    _, rec_title = recommended_option_and_title(bundled_flow)
    assert "Recommended, not in the plan:" in markdown and rec_title in markdown
