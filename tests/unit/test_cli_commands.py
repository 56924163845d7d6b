"""`lm-tui show`, `check`, `paths`, `--version` and `--help`; `python -m lm_tui` is the same."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from lm_tui import __version__
from lm_tui.cli import build_parser
from lm_tui.resources import bundled_flow_path
from tests.conftest import FIXTURES, example_files
from tests.unit.conftest import BROKEN, RunCli

HOUSEPLANT = FIXTURES / "flows" / "houseplant.toml"


def example(stem: str) -> Path:
    [path] = [path for path in example_files() if path.stem == stem]
    return path


@pytest.fixture
def exported(run_cli: RunCli, tmp_path: Path) -> Path:
    """An export of the poor-branch melanoma example (it raises a critical pitfall)."""
    target = tmp_path / "melanoma-session.toml"
    result = run_cli("replay", example("melanoma-poor-single-negative"), "--export", target)
    assert result.code == 0, result.err
    return target


# --- show -------------------------------------------------------------------------------------


def test_show_summarises_an_exported_session(run_cli: RunCli, exported: Path) -> None:
    result = run_cli("show", exported)
    assert result.code == 0, result.err
    assert result.err == ""
    out = result.out
    assert "WARNING" not in out
    assert "flow leptomeningeal" in out
    assert "Primary tumour: Melanoma" in out  # answers with their labels
    assert "Branch: poor" in out
    assert "Good performance-status branch: not met" in out  # the IT check
    assert "[best_supportive_care]" in out
    assert "[repeat_lp]" in out
    assert "[single_negative_cytology]" in out
    assert "NOT acknowledged" in out  # replay acknowledges nothing


def test_show_warns_when_the_flow_file_differs(
    run_cli: RunCli, exported: Path, tmp_path: Path
) -> None:
    edited = tmp_path / "edited-flow.toml"
    edited.write_text(
        bundled_flow_path().read_text(encoding="utf-8") + "\n# a reviewer's comment\n",
        encoding="utf-8",
    )
    result = run_cli("show", exported, "--flow", edited)
    assert result.code == 0, result.err
    first = result.out.splitlines()[0]
    assert first.startswith(f"WARNING: {exported} was recorded with flow")
    assert "sha256" in first and "recomputed with the current flow" in first
    assert "[best_supportive_care]" in result.out


def one_error_line(result) -> str:
    assert result.code == 2
    assert result.out == ""
    assert len(result.err_lines) == 1, result.err
    return result.err_lines[0]


def test_show_refuses_a_truncated_file(run_cli: RunCli, exported: Path, tmp_path: Path) -> None:
    data = exported.read_bytes()
    cut = tmp_path / "cut.toml"
    cut.write_bytes(data[: data.index(b"[[events]]") + 5])  # inside a table header
    line = one_error_line(run_cli("show", cut))
    assert line.startswith(f"lm-tui: {cut}: is not valid TOML")

    no_log = tmp_path / "no-log.toml"
    no_log.write_bytes(data[: data.index(b"[[events]]")])  # valid TOML, but the log is gone
    line = one_error_line(run_cli("show", no_log))
    assert line.startswith(f"lm-tui: {no_log}: not an lm-tui session export, or truncated")


@pytest.mark.parametrize(
    ("make_input", "expected"),
    [
        (lambda tmp: example("child-it-dose"), "not an lm-tui session export"),
        (lambda tmp: tmp / "absent.toml", "no such file"),
        (lambda tmp: tmp, "is a directory"),
        (lambda tmp: HOUSEPLANT, "not an lm-tui session export"),
    ],
)
def test_show_refuses_foreign_and_unusable_files(
    run_cli: RunCli, tmp_path: Path, make_input, expected: str
) -> None:
    source = make_input(tmp_path)
    line = one_error_line(run_cli("show", source))
    assert line.startswith(f"lm-tui: {source}: ")
    assert expected in line


def test_show_refuses_a_session_of_another_flow(run_cli: RunCli, exported: Path) -> None:
    line = one_error_line(run_cli("show", exported, "--flow", HOUSEPLANT))
    assert "recorded with flow 'leptomeningeal', not 'houseplant'" in line


# --- check and paths --------------------------------------------------------------------------


def test_check_passes_the_bundled_flow_by_default(run_cli: RunCli) -> None:
    result = run_cli("check")
    assert result.code == 0, result.err
    assert result.out.startswith(f"{bundled_flow_path()}: OK  flow 'leptomeningeal'")


def test_check_reports_every_flow_and_fails_if_any_fails(run_cli: RunCli, tmp_path: Path) -> None:
    not_toml = tmp_path / "notes.toml"
    not_toml.write_text("this is not toml\n", encoding="utf-8")
    result = run_cli("check", HOUSEPLANT, BROKEN / "route_gap.toml", not_toml)
    assert result.code == 2
    assert result.out.startswith(f"{HOUSEPLANT}: OK  flow 'houseplant'")
    assert f"{BROKEN / 'route_gap.toml'}: nodes.kps.routes: no route applies when kps = 70" in (
        result.err
    )
    assert f"{BROKEN / 'route_gap.toml'}: FAILED (1 problem(s))" in result.err
    assert f"{not_toml}: is not valid TOML" in result.err
    assert f"{not_toml}: FAILED to load (1 problem(s))" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize("stem", sorted(path.stem for path in BROKEN.glob("*.toml")))
def test_check_fails_every_broken_fixture(run_cli: RunCli, stem: str) -> None:
    result = run_cli("check", BROKEN / f"{stem}.toml")
    assert result.code == 2
    assert result.out == ""
    assert result.err_lines[-1].endswith("problem(s))")


def test_paths_counts_and_lists(run_cli: RunCli) -> None:
    result = run_cli("paths", HOUSEPLANT, "--list")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert sorted(line.split(maxsplit=1)[1] for line in lines[:2]) == [
        "light > humid > pets > away > tip > done",
        "light > pets > away > tip > done",
    ]
    assert lines[2] == "2 distinct paths to an outcome in 'houseplant' 0.3"
    assert run_cli("paths", HOUSEPLANT).out == lines[2] + "\n"


def test_paths_of_the_bundled_flow(run_cli: RunCli) -> None:
    result = run_cli("paths")
    assert result.code == 0, result.err
    assert result.out.endswith("distinct paths to an outcome in 'leptomeningeal' 2.0.0\n")


def test_paths_exits_2_for_a_flow_with_problems(run_cli: RunCli) -> None:
    result = run_cli("paths", BROKEN / "route_gap.toml")
    assert result.code == 2
    assert "run lm-tui check" in result.out


def test_paths_of_an_unreadable_flow(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("paths", tmp_path / "none.toml")
    assert result.code == 2
    assert result.err_lines[0] == f"{tmp_path / 'none.toml'}: no such file; check the path"


# --- version and help -------------------------------------------------------------------------


def test_version(run_cli: RunCli) -> None:
    result = run_cli("--version")
    assert result.code == 0
    assert result.out.strip() == f"lm-tui {__version__}"


def _command_names() -> list[str]:
    """Sub-command names as typed (module `fhir_questionnaire` is `fhir-questionnaire`)."""
    parser = build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(actions[0].choices)


COMMAND_NAMES = _command_names()


def test_help_lists_every_command(run_cli: RunCli) -> None:
    result = run_cli("--help")
    assert result.code == 0
    assert "does not replace, clinical judgement" in result.out
    for command in COMMAND_NAMES:
        assert command in result.out


@pytest.mark.parametrize("command", COMMAND_NAMES)
def test_every_command_has_help_with_an_example(run_cli: RunCli, command: str) -> None:
    result = run_cli(command, "--help")
    assert result.code == 0
    assert result.out.startswith(f"usage: lm-tui {command}")
    epilog = result.out.split("Example", 1)
    assert len(epilog) == 2, "the help ends with an example"
    assert f"lm-tui {command}" in epilog[1] or "lm-tui --" in epilog[1]


def test_an_unknown_command_is_one_line(run_cli: RunCli) -> None:
    result = run_cli("frobnicate")
    assert result.code == 2
    assert len(result.err_lines) == 1
    assert "see lm-tui --help" in result.err


def run_module(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lm_tui", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=FIXTURES.parent.parent,  # the project root, wherever pytest was started
    )


@pytest.mark.parametrize(
    "args",
    [
        ("--version",),
        ("--help",),
        ("replay", "--help"),
        ("paths", str(HOUSEPLANT), "--list"),
        ("check", str(BROKEN / "route_overlap.toml")),
        ("show", str(HOUSEPLANT)),
        ("replay",),
    ],
    ids=lambda args: " ".join(Path(a).name for a in args),
)
def test_python_m_lm_tui_behaves_like_lm_tui(run_cli: RunCli, args: tuple[str, ...]) -> None:
    direct = run_cli(*args)
    module = run_module(*args)
    assert (module.returncode, module.stdout, module.stderr) == (
        direct.code,
        direct.out,
        direct.err,
    )
