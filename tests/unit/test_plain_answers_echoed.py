"""Plain mode takes what is shown and says what it recorded (issue 14, items 1 and 8).

`80%` was refused although the prompt shows the unit `%`; `1,2` was recorded with no echo; an
empty line on a checklist answered before silently recorded "none".
"""

from __future__ import annotations

from decimal import Decimal

from lm_tui.flow.definition import Flow
from tests.unit.test_plain_runner import run

# houseplant: light (1 bright ...) -> pets (multi) -> away (0..30 days step 0.5) -> tip -> done.


def test_a_number_may_carry_the_unit_shown(houseplant_flow: Flow) -> None:
    _, out, session = run(houseplant_flow, ["1", "", "3 days", ""])
    assert session.answers["hours_away"] == Decimal(3)
    assert "Not accepted" not in out


def test_every_answer_is_echoed_as_recorded(houseplant_flow: Flow) -> None:
    _, out, session = run(houseplant_flow, ["1", "2,3", "4.5", ""])
    assert session.answers["pets"] == frozenset({"dog", "bird"})
    assert "Recorded: Bright, direct sun" in out
    assert "Recorded: Bird, Dog" in out or "Recorded: Dog, Bird" in out
    assert "Recorded: 4.5" in out


def test_an_empty_line_on_a_checklist_answered_before_asks_before_recording_none(
    houseplant_flow: Flow,
) -> None:
    # pets answered Dog, back from the number, then an empty line: asked, n keeps Dog
    _, out, session = run(houseplant_flow, ["1", "2", "back", "", "n", "1", ""])
    assert "Record none? y = none, n = keep the earlier answer (Dog)" in out
    assert session.answers["pets"] == frozenset({"dog"})
    _, out, session = run(houseplant_flow, ["1", "2", "back", "", "y", "1", ""])
    assert session.answers["pets"] == frozenset()
    assert "Recorded: none" in out
