"""`lm-tui diff`: a flow edited in a known way reports exactly that edit, and the sessions whose
outcome it changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from lm_tui.cli import main
from lm_tui.exports.flow_diff import diff_flows, report_lines
from lm_tui.flow.definition import Flow
from lm_tui.flow.loader import load_flow
from lm_tui.resources import bundled_flow_path
from lm_tui.session.session_impact import assess_sessions, session_files
from tests.conftest import example_files
from tests.example_cases import read_example

ORIGINAL = bundled_flow_path().read_text("utf-8")


def edited(tmp_path: Path, name: str, *replacements: tuple[str, str]) -> Path:
    text = ORIGINAL
    for old, new in replacements:
        assert text.count(old) == 1, f"the edit {old!r} must match exactly once"
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


ADULT_DOSE = ("otherwise = true\nvalue = 15\n", "otherwise = true\nvalue = 12\n")
VERSION = ('version = "2.0.0"', 'version = "2.1.0"')


def test_identical_content_with_other_layout_is_no_change(
    tmp_path: Path, bundled_flow: Flow
) -> None:
    relaid = tmp_path / "relaid.toml"
    relaid.write_text("# a new comment\n" + ORIGINAL.replace("\n\n", "\n\n\n"), "utf-8")
    diff = diff_flows(bundled_flow, load_flow(relaid))
    assert diff.identical
    assert "No changes in content" in report_lines(diff)[-1]


def test_changed_rule_value_and_version_are_reported_exactly(
    tmp_path: Path, bundled_flow: Flow
) -> None:
    new = load_flow(edited(tmp_path, "new.toml", ADULT_DOSE, VERSION))
    diff = diff_flows(bundled_flow, new)
    summary = [(c.table, c.item, c.kind, c.field) for c in diff.changes]
    assert summary == [
        ("flow", "", "changed", "version"),
        ("derived", "it_mtx_dose_mg", "changed", "rules"),
    ]
    assert diff.changes[0].details == ("was: '2.0.0'", "now: '2.1.0'")
    assert diff.changes[1].details == ("- #7 otherwise -> 15", "+ #7 otherwise -> 12")
    report = "\n".join(report_lines(diff))
    assert "~ derived value 'it_mtx_dose_mg': rules" in report
    assert "NOTE" not in report  # the version was bumped


@pytest.mark.parametrize(
    ("replacement", "expected"),
    [
        (
            (
                'prompt = "Is the cancer outside the CNS controlled?"',
                'prompt = "Is the extracranial cancer controlled?"',
            ),
            ("nodes", "extracranial", "changed", "prompt"),
        ),
        (
            (
                'when = "csf_flow == \'obstructed\'"\nto = "flow_restored"',
                'when = "csf_flow in [\'obstructed\']"\nto = "flow_restored"',
            ),
            ("nodes", "csf_flow", "changed", "routes"),
        ),
        (
            (
                "[sources.grossman_1999]",
                '[sources.new_trial]\ncitation = "A new trial"\n\n[sources.grossman_1999]',
            ),
            ("sources", "new_trial", "added", ""),
        ),
        (
            (
                '{ value = "hearing_loss", label = "Hearing loss" }',
                '{ value = "hearing_loss", label = "Hearing loss or tinnitus" }',
            ),
            ("variables", "symptoms", "changed", "choices"),
        ),
    ],
    ids=["node prompt", "route condition", "source added", "choice label"],
)
def test_one_known_edit_is_the_only_change(
    replacement: tuple[str, str],
    expected: tuple[str, str, str, str],
    tmp_path: Path,
    bundled_flow: Flow,
) -> None:
    new = load_flow(edited(tmp_path, "new.toml", replacement))
    changes = diff_flows(bundled_flow, new).changes
    assert [(c.table, c.item, c.kind, c.field) for c in changes] == [expected]
    if expected[2] == "changed":
        old_line = next(line for line in changes[0].details if line.startswith(("- ", "was: ")))
        new_line = next(line for line in changes[0].details if line.startswith(("+ ", "now: ")))
        assert old_line != new_line


def test_removed_pitfall_and_its_reader(tmp_path: Path, bundled_flow: Flow) -> None:
    start = ORIGINAL.index("[pitfalls.liposomal_cytarabine_withdrawn]")
    end = ORIGINAL.index("\n[", start + 1)
    path = tmp_path / "new.toml"
    path.write_text(ORIGINAL[:start] + ORIGINAL[end + 1 :], "utf-8")
    changes = diff_flows(bundled_flow, load_flow(path)).changes
    assert [(c.table, c.item, c.kind) for c in changes] == [
        ("pitfalls", "liposomal_cytarabine_withdrawn", "removed")
    ]
    assert "severity 'warning'" in changes[0].details[0]


def replayed_exports(folder: Path, capsys: pytest.CaptureFixture[str]) -> list[Path]:
    folder.mkdir()
    assert main(["replay", *map(str, example_files()), "--export-dir", str(folder)]) == 0
    capsys.readouterr()
    return session_files(folder)


def test_sessions_whose_outcome_changes_are_exactly_those_with_the_adult_dose(
    tmp_path: Path, bundled_flow: Flow, capsys: pytest.CaptureFixture[str]
) -> None:
    files = replayed_exports(tmp_path / "sessions", capsys)
    new = load_flow(edited(tmp_path, "new.toml", ADULT_DOSE, VERSION))
    report = assess_sessions(bundled_flow, new, files)
    adult_dose = {p.stem for p in example_files() if read_example(p)[1].get("it_mtx_dose_mg") == 15}
    assert adult_dose, "the examples include adults given intrathecal methotrexate"
    changed = {impact.path.stem: impact.differences for impact in report.with_verdict("changed")}
    assert set(changed) == adult_dose
    assert all(d == ("it_mtx_dose_mg: 15 -> 12",) for d in changed.values())
    assert len(report.with_verdict("same")) == len(files) - len(adult_dose)


def test_diff_command_output_exit_codes_and_session_listing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sessions = tmp_path / "sessions"
    replayed_exports(sessions, capsys)
    (sessions / "notes.toml").write_text("not = 'a session'\n", "utf-8")
    new = edited(tmp_path, "new.toml", ADULT_DOSE)
    old = str(bundled_flow_path())
    assert main(["diff", old, str(new), "--sessions", str(sessions)]) == 0
    out = capsys.readouterr().out
    assert "NOTE: the content changed but [flow].version did not" in out
    assert "+ #7 otherwise -> 12" in out
    adult_dose = [p for p in example_files() if read_example(p)[1].get("it_mtx_dose_mg") == 15]
    assert f"outcome would change: {len(adult_dose)}" in out
    assert "it_mtx_dose_mg: 15 -> 12" in out
    assert "not readable as session exports (skipped): 1" in out
    assert main(["diff", old, str(new), "--exit-code"]) == 1
    capsys.readouterr()
    assert main(["diff", old, old, "--exit-code"]) == 0


def test_diff_with_a_broken_new_flow_is_exit_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = edited(
        tmp_path, "broken.toml", ('start = "primary_tumor"', 'start = "primary_tumour"')
    )
    assert main(["diff", str(bundled_flow_path()), str(broken)]) == 2
    err = capsys.readouterr().err
    assert "flow.start" in err and "Traceback" not in err
    assert (
        main(["diff", str(bundled_flow_path()), str(broken), "--sessions", str(tmp_path / "x")])
        == 2
    )
