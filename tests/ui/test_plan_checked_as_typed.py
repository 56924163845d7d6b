"""The plan checklist says, option by option, what ticking it would raise (issue 14, feature
"plan checked as it is typed"): built from the flow's own pitfalls, the same in plain mode."""

from __future__ import annotations

import io
import tomllib

from lm_tui.flow.engine import Session
from lm_tui.flow.formats import FORMATS
from lm_tui.plain.console import Console
from lm_tui.plain.runner import ExportTarget, PlainRunner
from lm_tui.ui.screens.checklist import ChecklistScreen
from lm_tui.ui.widgets.checklist import Checklist
from tests.conftest import EXAMPLES
from tests.ui.answers import OBSTRUCTED, example_answers
from tests.ui.conftest import SIZE
from tests.ui.keys import answer_until, start


def prompt(checklist: Checklist, value: str) -> str:
    index = [item.value for item in checklist.items].index(value)
    return str(checklist.get_option_at_index(index).prompt)


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
        assert "‼ raises pitfall:" in prompt(checklist, option)
        assert title.split()[0] in prompt(checklist, option)
        assert app.session.raised_pitfalls() == []  # shown before anything is recorded


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
    assert f"  {number}) ‼ raises pitfall: {title}" in out.getvalue()


def test_the_markdown_export_lists_the_ticked_items_and_what_they_raised(bundled_flow):
    from lm_tui.flow.markdown_export import render_markdown

    option, title = intrathecal_drug_and_its_pitfall(bundled_flow)
    answers = tomllib.loads((EXAMPLES / f"{OBSTRUCTED}.toml").read_text())["answers"]
    session = Session(bundled_flow, require_acknowledgement=False)
    session.fill_from({**answers, "planned": [option]})
    markdown = render_markdown(session)
    label = bundled_flow.choice_label("planned", option)
    assert f"- {label}: ‼ raises pitfall: {title}" in markdown
