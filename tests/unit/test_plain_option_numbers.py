"""Plain mode's option numbers run from 1: a typed `0` (or a number past the last option) is
refused with the range to type, never read as some option the clinician did not choose."""

from __future__ import annotations

import pytest

from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import AnswerError
from lm_tui.plain.questions import parse_answer


def test_the_numbers_shown_pick_their_options(houseplant_flow: Flow) -> None:
    assert parse_answer(houseplant_flow, "light", "1") == "bright"
    assert parse_answer(houseplant_flow, "light", "3") == "low"
    assert parse_answer(houseplant_flow, "pets", "3 1") == ["bird", "cat"]


@pytest.mark.parametrize("typed", ["0", "4", "00"])
def test_a_number_outside_the_options_is_refused(houseplant_flow: Flow, typed: str) -> None:
    with pytest.raises(
        AnswerError, match=f"'{typed}' is not an option here; type a number from 1 to 3"
    ):
        parse_answer(houseplant_flow, "light", typed)


def test_zero_among_several_choices_is_refused(houseplant_flow: Flow) -> None:
    with pytest.raises(AnswerError, match="'0' is not an option here; type numbers from 1 to 3"):
        parse_answer(houseplant_flow, "pets", "1 0")
