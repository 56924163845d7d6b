"""Small promises checked on their own: a number's unit in the singular after exactly 1 (in the
flow file's model as in the engine's record), the export's multi-select order, and a teaching
case's fact left behind by an edit not reported as an answer the user lost."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

from lm_tui.flow.definition import Flow
from lm_tui.flow.loader import load_flow
from lm_tui.flow.model import NumberVariable as NumberModel
from lm_tui.flow.records import NumberVariable as NumberRecord
from lm_tui.session.document import render_toml, session_document
from lm_tui.session.engine import Session

WEEK = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def test_the_singular_unit_follows_exactly_one() -> None:
    fields = {"kind": "number", "label": "Samples", "min": 0, "max": 5, "step": 1}
    for number in (
        NumberModel(**fields, unit="samples", unit_one="sample"),
        NumberRecord(**fields, unit="samples", unit_one="sample"),
    ):
        assert number.unit_after(Decimal(1)) == " sample"
        assert number.unit_after(Decimal(2)) == " samples"
        assert number.unit_after(Decimal(0)) == " samples"


def test_a_long_multi_select_is_exported_in_the_flows_order(tmp_path: Path) -> None:
    choices = ", ".join(f'{{ value = "{day}", label = "{day.title()}" }}' for day in WEEK)
    path = tmp_path / "week.toml"
    path.write_text(
        '[flow]\nid = "week"\ntitle = "Days"\nversion = "0.1"\nstart = "days"\n'
        'disclaimer = "Test flow."\n\n'
        f'[variables.days]\nkind = "multi"\nlabel = "Days"\nchoices = [{choices}]\n\n'
        '[nodes.days]\nkind = "multi"\nvariable = "days"\nprompt = "Which days?"\n'
        'next = "end"\n\n[nodes.end]\nkind = "outcome"\ntitle = "End"\n',
        encoding="utf-8",
    )
    session = Session(load_flow(path))
    session.answer(list(reversed(WEEK)))
    document = tomllib.loads(render_toml(session_document(session)).decode("utf-8"))
    assert document["answers"]["days"] == WEEK
    assert document["path"][0]["value"] == WEEK


def test_an_edit_that_leaves_a_cases_fact_behind_does_not_report_it_dropped(
    houseplant_flow: Flow,
) -> None:
    session = Session(houseplant_flow, mode="teaching", locked={"humid": "yes"})
    session.answer("low")
    assert session.answers["humid"] == "yes"  # the fact, filled in when the walk reached it
    session.answer(["dog"])
    session.edit("light", "bright")
    assert "humid" not in session.answers
    assert session.last_dropped == ()
    session.edit("light", "low")
    assert session.answers["humid"] == "yes"
