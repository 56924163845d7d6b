"""A number reads with its unit, in the singular after exactly 1 when the flow gives one."""

from __future__ import annotations

from decimal import Decimal

from lm_tui.flow.definition import Flow
from lm_tui.session.engine import Session
from lm_tui.session.summary_text import shown
from lm_tui.teaching.case_values import shown_value


def test_one_sample_two_samples(bundled_flow: Flow) -> None:
    session = Session(bundled_flow)
    assert shown(session, "csf_samples", Decimal(1)) == "1 sample"
    assert shown(session, "csf_samples", Decimal(2)) == "2 samples"
    assert shown_value(bundled_flow, "csf_samples", Decimal(1)) == "1 sample"
    assert shown_value(bundled_flow, "csf_samples", Decimal(3)) == "3 samples"


def test_a_unit_without_a_singular_is_used_for_every_value(bundled_flow: Flow) -> None:
    kps = bundled_flow.number_variable("kps")
    assert kps is not None and kps.unit and not kps.unit_one
    session = Session(bundled_flow)
    assert shown(session, "kps", Decimal(1)) == f"1 {kps.unit}"
    assert shown(session, "kps", Decimal(70)) == f"70 {kps.unit}"
