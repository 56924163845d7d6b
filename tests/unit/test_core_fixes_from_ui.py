"""Two core fixes found while building the app (issue 3).

1. `summary.panel_lines` (used by `lm-tui show`) crashed with KeyError on any derived value that
   is text, because `Flow.choice_label` assumed every name was a variable.
2. After an edit inserted a new question, the answers after it were dropped without a trace;
   now they are held and used again when the walk reaches them (issue 14, edit and return).
"""

from __future__ import annotations

from decimal import Decimal

from lm_tui.session.engine import Session
from lm_tui.session.summary import panel_lines

TREATMENT_START = ["lung", "egfr_mutant", ["headache"], "no", "linear", "positive"]


def test_panel_lines_show_text_derived_values(bundled_flow):
    session = Session(bundled_flow)
    for raw in TREATMENT_START:
        session.answer(raw)
    lines = panel_lines(session)
    assert "  Diagnostic certainty: confirmed" in lines
    assert "  EANO-ESMO type: I" in lines


def test_choice_label_of_a_derived_value_is_the_value(bundled_flow):
    assert bundled_flow.choice_label("certainty", "probable") == "probable"
    assert bundled_flow.choice_label("primary_tumor", "lung") == "Lung cancer"


def test_answers_dropped_by_an_edit_are_offered_again(bundled_flow):
    session = Session(bundled_flow)
    for raw in [*TREATMENT_START, "no", 60, 80, "no", "controlled", [], "no", "unobstructed"]:
        session.answer(raw)
    assert session.current == "ommaya_feasible"
    # KPS 70 is borderline: a new question (branch_choice) now comes before focal_symptomatic,
    # and the poor-risk checklist, which cannot change the branch at 70, is no longer asked.
    before = dict(session.answers)
    session.edit("kps", 70)
    assert session.current == "branch_choice"
    assert session.last_dropped == ()  # held until the walk is back where it was
    assert "focal_symptomatic" not in session.answers
    session.answer("good")
    # the later answers still apply: kept as answers, and the walk is back where it was
    assert session.current == "ommaya_feasible"
    assert session.answers["focal_symptomatic"] == "no"
    # only what left the path is named (the poor-risk checklist, not asked at KPS 70)
    assert set(session.last_dropped) == set(before) - set(session.answers)
    assert session.answers["kps"] == Decimal(70)
