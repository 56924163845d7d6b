"""Random complete answer sets replay to outcomes that speak only the clinical contract's ids.

The id lists below are copied from ../shared/spec/clinical-contract.md, version 2 (sections 1,
4, 5 and 6),
not from the flow: a renamed or invented id in the flow fails here. Answers are drawn from the
flow's own declared domains, so the test follows the flow when choices are added.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lm_tui.cli.replay import replay_session
from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import AnswerError
from lm_tui.flow.loader import load_flow
from lm_tui.flow.records import ChoiceVariable, MultiVariable, NumberVariable
from lm_tui.resources import bundled_flow_path
from lm_tui.session.document import render_toml, session_document

CONTRACT_VARIABLES = {
    "primary_tumor", "driver", "symptoms", "mri_pattern", "brain_metastases", "raised_icp",
    "csf_cytology", "csf_samples", "suspicion", "kps", "life_expectancy_short", "extracranial",
    "nccn_poor_risk", "branch_choice", "age_years", "focal_symptomatic", "csf_flow",
    "flow_restored", "ommaya_feasible", "planned", "mtx_formulation",
}  # fmt: skip

CONTRACT_RECOMMENDATIONS = {
    # section 2: work-up, any stage
    "mri_neuraxis", "csf_cytology", "repeat_lp", "alternative_diagnosis", "biopsy_molecular",
    "dexamethasone",
    # section 4: good branch
    "systemic_cns", "her2_tdxd_tucatinib", "egfr_osimertinib", "alk_alectinib", "braf_mek",
    "platinum_chemo", "gi_systemic_chemo", "molecular_testing", "clinical_trial", "focal_rt",
    "brain_metastases_treatment",
    "proton_csi_consider", "it_chemotherapy", "ommaya_route", "it_trastuzumab", "csf_flow_study",
    "rt_restore_flow", "monitoring",
    # section 4: poor branch, either branch
    "best_supportive_care", "palliative_focal_rt", "targeted_therapy_poor_ps", "vp_shunt",
    "mdt_discussion",
}  # fmt: skip

CONTRACT_PITFALLS = {
    "single_negative_cytology", "it_with_obstructed_flow", "it_without_flow_assessment",
    "it_with_nodular_disease", "csi_with_methotrexate", "wbrt_with_methotrexate",
    "lumbar_when_ommaya_feasible", "preserved_methotrexate", "aggressive_treatment_poor_ps",
    "routine_wbrt_lung", "liposomal_cytarabine_withdrawn", "it_trastuzumab_without_her2",
    "paediatric_scope", "lp_with_raised_icp",
}  # fmt: skip

CONTRACT_OUTCOME_KEYS = {
    "stage", "eano_type", "eano_subtype", "certainty", "branch", "branch_basis", "it_eligible",
    "it_mtx_dose_mg", "recommendations", "pitfalls", "it_checks",
}  # fmt: skip
CONTRACT_IT_CHECKS = {"good_branch", "no_nodular_disease", "csf_flow_unobstructed"}
ACTIONABLE = {
    ("breast", "her2_positive"), ("lung", "egfr_mutant"), ("lung", "alk_positive"),
    ("melanoma", "braf_mutant"),
}  # fmt: skip
"""Primary and driver pairs the contract calls an actionable driver (section 1)."""

FLOW: Flow = load_flow(bundled_flow_path())


def domain(variable_id: str) -> st.SearchStrategy[Any]:
    """Values of one variable as an answers file writes them, from the flow's declaration."""
    variable = FLOW.variables[variable_id]
    if isinstance(variable, NumberVariable):
        steps = int((variable.max - variable.min) / variable.step)
        return st.integers(0, steps).map(lambda n: _plain(variable.min + n * variable.step))
    values = [choice.value for choice in variable.choices]
    if isinstance(variable, ChoiceVariable):
        return st.sampled_from(values)
    assert isinstance(variable, MultiVariable)
    return st.lists(st.sampled_from(values), unique=True)


def _plain(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() else float(number)


complete_answers = st.fixed_dictionaries({name: domain(name) for name in FLOW.variables})


def replay(answers: dict[str, Any]) -> dict[str, Any] | None:
    """The export document for an answers file, or None when the driver does not fit."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "case.toml"
        path.write_text(tomli_w.dumps({"answers": answers}), encoding="utf-8")
        try:
            session, _ = replay_session(FLOW, path)
        except AnswerError as error:
            # A driver that does not fit the primary is refused by design (contract, section 1).
            assert "driver = " in str(error), str(error)
            return None
    assert session.is_complete
    document = session_document(session)
    render_toml(document)  # the export must be writable as TOML
    return document


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(complete_answers)
def test_random_answer_sets_use_only_contract_ids_and_keys(answers: dict[str, Any]) -> None:
    document = replay(answers)
    if document is None:
        return
    outcome = document["outcome"]
    assert set(outcome["recommendations"]) <= CONTRACT_RECOMMENDATIONS
    assert set(outcome["pitfalls"]) <= CONTRACT_PITFALLS
    assert set(outcome) <= CONTRACT_OUTCOME_KEYS
    assert set(outcome.get("it_checks", {})) <= CONTRACT_IT_CHECKS
    assert set(document["answers"]) <= CONTRACT_VARIABLES
    assert {item["id"] for item in document["raised_pitfalls"]} == set(outcome["pitfalls"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(complete_answers)
def test_random_answer_sets_keep_the_contracts_stated_invariants(answers: dict[str, Any]) -> None:
    """Statements the contract makes in words, checked on whatever the answers are."""
    document = replay(answers)
    if document is None:
        return
    outcome = document["outcome"]
    asked = document["answers"]
    recommendations = set(outcome["recommendations"])

    # Section 1: asked exactly when the contract says.
    assert ("csf_samples" in asked) == (answers["csf_cytology"] in ("negative", "equivocal"))
    assert ("driver" in asked) == (answers["primary_tumor"] in ("breast", "lung", "melanoma"))
    assert ("flow_restored" in asked) == (asked.get("csf_flow") == "obstructed")
    treatment = outcome["stage"] == "treatment"
    for variable in ("brain_metastases", "kps", "age_years", "focal_symptomatic", "planned"):
        assert (variable in asked) == treatment, variable
    kps = asked.get("kps")
    assert ("life_expectancy_short" in asked) == (treatment and kps >= 60)
    assert ("extracranial" in asked) == (
        treatment and kps >= 60 and asked["life_expectancy_short"] == "no"
    )
    assert ("nccn_poor_risk" in asked) == (
        "extracranial" in asked
        and (kps == 60 or (kps > 70 and asked["extracranial"] == "controlled"))
    )
    # Section 2: no MRI, always work-up; positive cytology still confirms LM (type I, no subtype).
    if answers["mri_pattern"] == "not_done":
        assert outcome["stage"] == "workup"
        assert "mri_neuraxis" in recommendations
        assert "eano_subtype" not in outcome
        if answers["csf_cytology"] == "positive":
            assert (outcome["eano_type"], outcome["certainty"]) == ("I", "confirmed")
            assert not {"csf_cytology", "repeat_lp"} & recommendations
        else:
            assert not {"eano_type", "certainty"} & set(outcome)
    if outcome.get("certainty") == "probable":
        assert answers["primary_tumor"] != "unknown"
    if answers["raised_icp"] == "yes":
        assert "dexamethasone" in recommendations
    if answers["primary_tumor"] == "unknown":
        assert "biopsy_molecular" in recommendations
    if answers["csf_cytology"] == "not_done":
        assert "csf_cytology" in recommendations
    # Section 3/4: treatment-only keys.
    if outcome["stage"] == "workup":
        assert not {"branch", "branch_basis", "it_eligible", "it_checks"} & set(outcome)
    else:
        assert outcome["branch"] in ("good", "poor")
        assert ("branch_choice" in asked) == (outcome["branch_basis"] == "clinician")
        actionable = (asked["primary_tumor"], asked.get("driver")) in ACTIONABLE
        poor_with_driver = outcome["branch"] == "poor" and actionable
        assert ("mdt_discussion" in recommendations) == (
            outcome["branch_basis"] == "clinician" or poor_with_driver
        )
        assert ("targeted_therapy_poor_ps" in recommendations) == poor_with_driver
        assert ("paediatric_scope" in outcome["pitfalls"]) == (asked["age_years"] < 18)
        if "proton_csi_consider" in recommendations:
            assert asked["age_years"] >= 18 and asked["primary_tumor"] in ("breast", "lung")
        assert ("clinical_trial" in recommendations) == (outcome["branch"] == "good")
    if outcome.get("branch") == "poor":
        assert outcome["it_eligible"] is False
        assert outcome["it_checks"] == {"good_branch": "not_met"}
        assert (
            not {
                "it_chemotherapy",
                "proton_csi_consider",
                "systemic_cns",
                "clinical_trial",
            }
            & recommendations
        )
    if outcome.get("it_eligible") is True:
        assert set(outcome["it_checks"].values()) == {"met"}
    # Section 6: the dose appears only with intrathecal chemotherapy.
    assert ("it_mtx_dose_mg" in outcome) == ("it_chemotherapy" in recommendations)
    # Section 5: replay acknowledges nothing.
    assert all(item["acknowledged"] is False for item in document["raised_pitfalls"])
