"""Answer domains: numbers on a step grid with decimal arithmetic, choices a node offers.

Uses the bundled flow's own declarations: KPS 0..100 in steps of 10, age 0..120 in steps of 0.1
(clinical contract, section 1), and the driver node that offers only what fits a breast cancer.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from lm_tui.flow.definition import Flow
from lm_tui.flow.domains import check_answer, describe_domain
from lm_tui.flow.errors import AnswerError


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (17.9, Decimal("17.9")),  # a binary float that is not exactly 17.9
        ("17.9", Decimal("17.9")),
        (" 17,9 ", Decimal("17.9")),  # a decimal comma as typed on many keyboards
        (0.3, Decimal("0.3")),  # 0.1 + 0.2 drift must not matter
        (Decimal("2.0"), Decimal("2")),
        (0, Decimal(0)),
        (120, Decimal(120)),
    ],
)
def test_age_on_a_tenth_of_a_year_grid_is_accepted(
    bundled_flow: Flow, raw: object, expected: Decimal
) -> None:
    assert check_answer(bundled_flow, "age_years", raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (17.95, "not on the step"),
        ("120.1", "out of range"),
        (-0.1, "out of range"),
        ("seventeen", "not a number"),
        ("", "not a number"),
        (True, "not a number"),
        ("nan", "not a number"),
        ("inf", "not a number"),
        (None, "not a number"),
    ],
)
def test_age_off_the_grid_or_not_a_number_is_refused(
    bundled_flow: Flow, raw: object, reason: str
) -> None:
    with pytest.raises(AnswerError) as refused:
        check_answer(bundled_flow, "age_years", raw)
    message = str(refused.value)
    assert message.startswith("age_years")
    assert reason in message
    assert "0 to 120 years in steps of 0.1" in message


def test_kps_75_with_step_10_is_refused_and_70_accepted(bundled_flow: Flow) -> None:
    assert check_answer(bundled_flow, "kps", 70) == Decimal(70)
    with pytest.raises(AnswerError) as refused:
        check_answer(bundled_flow, "kps", 75)
    assert "kps = 75 is not on the step" in str(refused.value)
    assert "0 to 100 % in steps of 10" in str(refused.value)


def test_a_node_offers_only_its_options(bundled_flow: Flow) -> None:
    assert check_answer(bundled_flow, "driver_breast", "her2_positive") == "her2_positive"
    with pytest.raises(AnswerError) as refused:
        check_answer(bundled_flow, "driver_breast", "egfr_mutant")
    assert "one of: her2_positive, none, not_tested" in str(refused.value)
    assert describe_domain(bundled_flow, "driver_lung") == (
        "one of: egfr_mutant, alk_positive, none, not_tested"
    )


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("headache", "must be a list"),
        (["headache", "headache"], "listed twice"),
        (["headache", "fever"], "'fever' is not allowed here"),
        ([1], "is not allowed here"),
    ],
)
def test_multi_select_answers(bundled_flow: Flow, raw: object, reason: str) -> None:
    assert check_answer(bundled_flow, "symptoms", []) == frozenset()
    assert check_answer(bundled_flow, "symptoms", ("headache",)) == frozenset({"headache"})
    with pytest.raises(AnswerError, match=reason):
        check_answer(bundled_flow, "symptoms", raw)


def test_info_and_outcome_nodes_take_no_answer(bundled_flow: Flow) -> None:
    assert describe_domain(bundled_flow, "treatment_outcome") == "no answer"
    with pytest.raises(AnswerError, match="asks nothing"):
        check_answer(bundled_flow, "treatment_outcome", "x")
