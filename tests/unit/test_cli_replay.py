"""`lm-tui replay`: the acceptance examples, and every way an input can be refused.

The examples in ../shared/spec/examples/ are the clinical contract's worked cases; their
[expect] tables are the expected outcome, written by the contract's authors, not by this code.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from lm_tui.resources import bundled_flow_path
from tests.conftest import example_files
from tests.unit.conftest import RunCli

SET_KEYS = ("recommendations", "pitfalls")


def read_toml(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def answers_file(tmp_path: Path, example: str, replace: dict[str, str | None]) -> Path:
    """An example's answers with some lines changed (value text) or removed (None)."""
    source = next(path for path in example_files() if path.stem == example)
    lines = []
    for line in source.read_text(encoding="utf-8").splitlines():
        key = line.split("=")[0].strip()
        if key in replace:
            if replace[key] is None:
                continue
            line = f"{key} = {replace[key]}"
        lines.append(line)
    path = tmp_path / f"{example}-changed.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("example", example_files(), ids=lambda path: path.stem)
def test_every_example_replays_to_its_expected_outcome(
    run_cli: RunCli, tmp_path: Path, example: Path
) -> None:
    target = tmp_path / "out.toml"
    result = run_cli("replay", example, "--export", target)
    assert result.code == 0, result.err
    exported = read_toml(target)
    outcome = exported["outcome"]
    expect = read_toml(example)["expect"]
    assert set(outcome) == set(expect), "the exported keys must be exactly the expected ones"
    for key, expected in expect.items():
        if key in SET_KEYS:
            assert sorted(outcome[key]) == sorted(expected), key
            assert len(set(outcome[key])) == len(outcome[key]), f"{key} lists an id twice"
        else:
            assert outcome[key] == expected, key
    info = exported["session"]
    assert info["interface"] == "replay"
    assert info["flow_id"] == "leptomeningeal"
    # Replay acknowledges nothing: every raised pitfall is on record as not acknowledged.
    raised = exported.get("raised_pitfalls", [])
    assert sorted(item["id"] for item in raised) == sorted(expect["pitfalls"])
    assert all(item["acknowledged"] is False for item in raised)


def test_unused_answers_are_named_on_stderr(run_cli: RunCli, tmp_path: Path) -> None:
    [example] = [path for path in example_files() if path.stem == "colorectal-lack-of-evidence"]
    result = run_cli("replay", example, "--export", tmp_path / "out.toml")
    assert result.code == 0
    [line] = result.err_lines
    assert line.startswith(f"{example}: ignored, not asked on this path: ")
    assert "kps" in line
    assert "mri_pattern" not in line
    exported = read_toml(tmp_path / "out.toml")
    assert "kps" not in exported["answers"]


def test_export_dir_writes_one_file_per_input(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("replay", *example_files(), "--export-dir", tmp_path)
    assert result.code == 0, result.err
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == sorted(f"{path.stem}.toml" for path in example_files())


def test_export_dir_processes_every_input_and_fails_if_any_failed(
    run_cli: RunCli, tmp_path: Path
) -> None:
    bad = answers_file(tmp_path, "egfr-lung-good-it", {"kps": "75"})
    out = tmp_path / "out"
    out.mkdir()
    first, *rest = example_files()
    result = run_cli("replay", first, bad, *rest, "--export-dir", out)
    assert result.code == 2
    assert sorted(path.name for path in out.iterdir()) == sorted(
        f"{path.stem}.toml" for path in example_files()
    )
    errors = [line for line in result.err_lines if "ignored, not asked" not in line]
    assert errors == [
        f"lm-tui replay: {bad}: kps = 75 is not on the step; Karnofsky performance status is "
        "recorded in steps of 10: 70 or 80; allowed: 0 to 100 % in steps of 10",
        f"lm-tui replay: 1 of {len(example_files()) + 1} file(s) failed",
    ]


def only_error_line(result) -> str:
    assert result.code == 2
    assert len(result.err_lines) == 1, result.err
    assert "Traceback" not in result.err
    return result.err_lines[0]


@pytest.mark.parametrize(
    ("change", "variable", "allowed"),
    [
        ({"kps": None}, "'kps'", "a number from 0 to 100 % in steps of 10"),
        ({"kps": "75"}, "kps = 75", "0 to 100 % in steps of 10"),
        ({"kps": '"eighty"'}, "kps = 'eighty'", "0 to 100 % in steps of 10"),
        (
            {"primary_tumor": '"lungs"'},
            "primary_tumor = 'lungs'",
            "one of: breast, lung, melanoma, colorectal, gastric, other, unknown",
        ),
        (
            {"driver": '"her2_positive"'},  # HER2 does not fit a lung primary
            "driver = 'her2_positive'",
            "one of: egfr_mutant, alk_positive, none, not_tested",
        ),
        ({"symptoms": '"headache"'}, "symptoms = 'headache' must be a list", "a list of any of"),
        ({"age_years": "17.95"}, "age_years = 17.95", "0 to 120 years in steps of 0.1"),
    ],
)
def test_bad_answers_give_one_line_naming_file_variable_and_allowed_values(
    run_cli: RunCli, tmp_path: Path, change: dict, variable: str, allowed: str
) -> None:
    source = answers_file(tmp_path, "egfr-lung-good-it", change)
    target = tmp_path / "out.toml"
    line = only_error_line(run_cli("replay", source, "--export", target))
    assert line.startswith(f"lm-tui replay: {source}: ")
    assert variable in line
    assert f"allowed: {allowed}" in line
    assert not target.exists()


@pytest.mark.parametrize(
    ("make_input", "expected"),
    [
        (lambda tmp: tmp / "absent.toml", "no such file"),
        (lambda tmp: tmp, "is a directory"),
        (lambda tmp: _write(tmp / "broken.toml", "[answers\nkps = 80\n"), "is not valid TOML"),
        (lambda tmp: _write(tmp / "binary.toml", b"\xff\xfe\x00"), "is not UTF-8 text"),
        (lambda tmp: _write(tmp / "other.toml", "[patient]\nkps = 80\n"), "has no [answers]"),
    ],
)
def test_unusable_input_files_give_one_line(
    run_cli: RunCli, tmp_path: Path, make_input, expected: str
) -> None:
    source = make_input(tmp_path)
    line = only_error_line(run_cli("replay", source, "--export", tmp_path / "never.toml"))
    assert line.startswith(f"lm-tui replay: {source}: ")
    assert expected in line
    assert not (tmp_path / "never.toml").exists()


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_export_takes_exactly_one_input(run_cli: RunCli, tmp_path: Path) -> None:
    first, second, *_ = example_files()
    line = only_error_line(run_cli("replay", first, second, "--export", tmp_path / "one.toml"))
    assert "--export takes one input, got 2; use --export-dir" in line
    assert list(tmp_path.iterdir()) == []


def test_export_refuses_to_overwrite(run_cli: RunCli, tmp_path: Path) -> None:
    [example] = [path for path in example_files() if path.stem == "child-it-dose"]
    target = tmp_path / "taken.toml"
    target.write_text("mine = 1\n", encoding="utf-8")
    result = run_cli("replay", example, "--export", target)
    assert result.code == 2
    assert any("already exists" in line for line in result.err_lines)
    assert target.read_text(encoding="utf-8") == "mine = 1\n"


def test_export_dir_whose_parent_is_missing_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "no" / "deeper"
    line = only_error_line(run_cli("replay", example_files()[0], "--export-dir", folder))
    assert f"--export-dir {folder}: the folder it would go in, {folder.parent}, does not exist" in (
        line
    )
    assert not folder.parent.exists()


def test_a_missing_last_export_dir_level_is_created_and_said(
    run_cli: RunCli, tmp_path: Path
) -> None:
    folder = tmp_path / "new-sessions"
    example = example_files()[0]
    result = run_cli("replay", example, "--export-dir", folder)
    assert result.code == 0
    assert f"lm-tui: created the export folder {folder}" in result.err_lines
    assert (folder / f"{example.stem}.toml").is_file()
    assert oct(folder.stat().st_mode & 0o777) == "0o700"


def test_a_missing_target_option_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli("replay", example_files()[0])
    assert result.code == 2
    assert "--export" in result.err


def test_a_broken_flow_is_reported_not_crashed(run_cli: RunCli, tmp_path: Path) -> None:
    flow = tmp_path / "bad-flow.toml"
    flow.write_text(
        bundled_flow_path().read_text(encoding="utf-8").replace('start = "primary_tumor"', ""),
        encoding="utf-8",
    )
    result = run_cli("replay", example_files()[0], "--flow", flow, "--export", tmp_path / "o.toml")
    assert result.code == 2
    assert result.err_lines[0] == f"{flow}: flow.start: required key is missing"
    assert "Traceback" not in result.err
