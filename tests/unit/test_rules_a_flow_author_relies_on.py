"""Rules of the flow language a flow author relies on, on small flows written in the test.

Each test states one promise of docs/flow-format.md that the bundled flow happens not to
exercise: an undecided recommendation is not listed, two routes that both apply stop the
walk instead of picking one, `not in` holds for a value that does not apply, and a number
grid counts its steps from its minimum.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import AnswerError
from lm_tui.flow.evaluation import Evaluator
from lm_tui.flow.loader import load_flow
from lm_tui.flow.values import ABSENT, UNKNOWN
from lm_tui.session.engine import RouteError, Session
from tests.reference_interpreter import evaluate

HEADER = """
[flow]
id = "rules"
title = "Rules"
version = "0.1"
start = "light"
disclaimer = "Test flow."

[sources.book]
citation = "A book"
year = 2020

[variables.light]
kind = "choice"
label = "Light"
choices = [
  { value = "low", label = "Low" },
  { value = "medium", label = "Medium" },
  { value = "bright", label = "Bright" },
]

[variables.days]
kind = "number"
label = "Days away"
min = 5
max = 45
step = 10

[nodes.days]
kind = "number"
variable = "days"
prompt = "Days away?"
next = "end"

[nodes.end]
kind = "outcome"
title = "End"
"""

ONE_PATH = """
[derived.shade]
label = "Shade"
values = ["deep", "some"]

[[derived.shade.rules]]
when = "light == 'bright'"

[[derived.shade.rules]]
when = "light == 'low'"
value = "deep"

[[derived.shade.rules]]
otherwise = true
value = "some"

[nodes.light]
kind = "choice"
variable = "light"
prompt = "Light?"
next = "days"


[recommendations.tough_plant]
title = "A tough plant"
text = "For a dark room or a long absence."
when = "light == 'low' or days >= 25"
sources = ["book"]

[pitfalls.sun_scorch]
title = "Scorch"
text = "Shade the window."
severity = "warning"
when = "shade not in ['deep', 'some']"
sources = ["book"]
"""

OVERLAPPING_ROUTES = """
[nodes.light]
kind = "choice"
variable = "light"
prompt = "Light?"

[[nodes.light.routes]]
when = "light != 'bright'"
to = "days"

[[nodes.light.routes]]
when = "light == 'low'"
to = "end"

[[nodes.light.routes]]
otherwise = true
to = "end"

"""


def _flow(tmp_path: Path, body: str) -> Flow:
    path = tmp_path / "rules.toml"
    path.write_text(HEADER + body, encoding="utf-8")
    return load_flow(path)


def test_a_recommendation_still_undecided_is_not_listed(tmp_path: Path) -> None:
    flow = _flow(tmp_path, ONE_PATH)
    # Medium light: the recommendation now depends on the days away, not asked yet.
    partial = Evaluator(flow, {"light": "medium"})
    assert partial.recommendations() == []
    session = Session(flow)
    session.answer("medium")
    assert session.evaluator.recommendations() == []
    session.answer("25")
    assert session.evaluator.recommendations() == ["tough_plant"]


def test_a_pitfall_still_undecided_is_not_raised(tmp_path: Path) -> None:
    flow = _flow(tmp_path, ONE_PATH)
    assert Evaluator(flow, {}).pitfalls() == []
    assert Evaluator(flow, {"light": "medium"}).pitfalls() == []
    assert Evaluator(flow, {"light": "bright"}).pitfalls() == ["sun_scorch"]


def test_not_in_holds_for_a_derived_value_that_does_not_apply(tmp_path: Path) -> None:
    flow = _flow(tmp_path, ONE_PATH)
    condition = flow.pitfall_conditions["sun_scorch"]
    lookup = Evaluator(flow, {"light": "bright"}).lookup
    assert lookup("shade") is ABSENT
    # Both the compiled condition and the reference interpreter it must agree with.
    assert condition.evaluate(lookup) is True
    assert evaluate(condition.root, lookup) is True
    assert evaluate(condition.root, lambda name: UNKNOWN) is UNKNOWN


def test_two_routes_that_both_apply_stop_the_walk_instead_of_picking_one(
    tmp_path: Path,
) -> None:
    flow = _flow(tmp_path, OVERLAPPING_ROUTES)
    session = Session(flow)
    with pytest.raises(RouteError, match="2 routes apply at node 'light'"):
        session.answer("low")
    # One route applies for medium light: the walk goes on as usual.
    other = Session(flow)
    other.answer("medium")
    assert other.current == "days"


@pytest.mark.parametrize("typed", ["5", "15", "25", "45"])
def test_a_number_grid_counts_its_steps_from_its_minimum(tmp_path: Path, typed: str) -> None:
    session = Session(_flow(tmp_path, ONE_PATH))
    session.answer("low")
    session.answer(typed)
    assert session.answers["days"] == Decimal(typed)


@pytest.mark.parametrize("typed", ["10", "20", "40"])
def test_a_number_between_the_grid_points_is_refused(tmp_path: Path, typed: str) -> None:
    session = Session(_flow(tmp_path, ONE_PATH))
    session.answer("low")
    # the message names the two grid points either side, then the allowed range
    lower = int(typed) - 5
    with pytest.raises(
        AnswerError,
        match=rf"not on the step; .* steps of 10: {lower} or {lower + 10}; "
        r"allowed: 5 to 45 in steps of 10",
    ):
        session.answer(typed)
    assert session.current == "days"
