"""Governance for the move from flow 1.0.0 to 2.0.0 (docs/flow-changes-2.0.md), shown with the
project's own tools: `lm-tui diff` names every changed rule, recommendation and pitfall, and
`lm-tui diff --sessions` names the sessions saved with 1.0.0 whose outcome 2.0.0 cannot keep.

The 1.0.0 flow is kept as a fixture, so the comparison stays reproducible after later edits.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lm_tui.cli import main
from lm_tui.exports.flow_diff import diff_flows, report_lines
from lm_tui.flow.definition import Flow
from lm_tui.flow.loader import load_flow
from lm_tui.flow.record_base import as_plain
from lm_tui.resources import bundled_flow_path
from lm_tui.session.session_impact import assess_sessions, session_files
from tests.acceptance_examples import shared_folder
from tests.conftest import FIXTURES

VERSION_1 = FIXTURES / "flows" / "leptomeningeal-1.0.0.toml"
EXAMPLES_V1 = shared_folder() / "spec" / "examples-v1"


@pytest.fixture(scope="module")
def version_1() -> Flow:
    return load_flow(VERSION_1)


def test_the_fixture_is_version_1_and_the_bundled_flow_version_2(
    version_1: Flow, bundled_flow: Flow
) -> None:
    assert version_1.version == "1.0.0"
    assert bundled_flow.version == "2.0.0"


@pytest.mark.parametrize("table", ["derived", "recommendations", "pitfalls", "variables"])
def test_every_item_that_differs_is_in_the_report(
    version_1: Flow, bundled_flow: Flow, table: str
) -> None:
    old, new = getattr(version_1.file, table), getattr(bundled_flow.file, table)
    differing = {i for i in old.keys() | new.keys() if as_plain(old.get(i)) != as_plain(new.get(i))}
    assert differing
    report = "\n".join(report_lines(diff_flows(version_1, bundled_flow)))
    for item in differing:
        assert f"'{item}'" in report, f"{table}.{item} differs but the diff does not name it"


def test_the_contracts_rule_changes_are_reported_as_such(
    version_1: Flow, bundled_flow: Flow
) -> None:
    changes = {
        (c.table, c.item, c.kind, c.field) for c in diff_flows(version_1, bundled_flow).changes
    }
    for added in [
        ("variables", "nccn_poor_risk"),
        ("variables", "brain_metastases"),
        ("recommendations", "clinical_trial"),
        ("recommendations", "brain_metastases_treatment"),
        ("recommendations", "targeted_therapy_poor_ps"),
        ("pitfalls", "wbrt_with_methotrexate"),
        ("pitfalls", "it_trastuzumab_without_her2"),
        ("pitfalls", "paediatric_scope"),
        ("sources", "grossman_1999"),
    ]:
        assert (*added, "added", "") in changes
    assert ("sources", "chamberlain_1999", "removed", "") in changes
    for changed in [
        ("derived", "branch_by_rule", "rules"),
        ("derived", "certainty", "rules"),
        ("derived", "eano_type", "rules"),
        ("recommendations", "proton_csi_consider", "when"),
        ("recommendations", "mdt_discussion", "when"),
        ("pitfalls", "routine_wbrt_lung", "when"),
        ("pitfalls", "lp_with_raised_icp", "when"),
        ("pitfalls", "lp_with_raised_icp", "severity"),
    ]:
        assert (changed[0], changed[1], "changed", changed[2]) in changes


def test_sessions_saved_with_1_0_0_are_named_when_2_0_0_cannot_keep_their_outcome(
    tmp_path: Path, version_1: Flow, bundled_flow: Flow, capsys: pytest.CaptureFixture[str]
) -> None:
    examples = sorted(EXAMPLES_V1.glob("*.toml"))
    assert examples, f"no version 1 examples in {EXAMPLES_V1}"
    sessions = tmp_path / "v1-sessions"
    sessions.mkdir()
    replay = ["replay", "--flow", str(VERSION_1), "--export-dir", str(sessions)]
    assert main([*replay, *map(str, examples)]) == 0
    report = assess_sessions(version_1, bundled_flow, session_files(sessions))
    stopped = {s.path.stem: s.differences for s in report.with_verdict("no_longer_replays")}
    # Every session that reached the treatment stage meets the new brain-metastases question.
    assert set(stopped) == {
        "breast-kps70-borderline-good",
        "child-it-dose",
        "egfr-lung-good-it",
        "lung-obstructed-csi-mtx",
        "melanoma-poor-single-negative",
    }
    assert all("brain_metastases" in " ".join(lines) for lines in stopped.values())
    assert [s.path.stem for s in report.with_verdict("same")] == ["colorectal-lack-of-evidence"]

    capsys.readouterr()
    command = ["diff", str(VERSION_1), str(bundled_flow_path()), "--sessions", str(sessions)]
    assert main(command) == 0
    out = capsys.readouterr().out
    assert "no longer replay under the new flow (review each): 5" in out
    assert main([*command, "--exit-code"]) == 1
