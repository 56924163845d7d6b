"""The single-file builds run on a machine with nothing else of lm-tui: check, plain mode, app.

`scripts/build-single-file` is run as a user runs it, once for the PyInstaller executable and
once for the shiv zipapp; each is then started from an empty folder with no trace of the
checkout on the path (no PYTHONPATH, no virtual environment), its data and cache folders in
the test's own folder. It must find the bundled flow inside itself, walk a session in plain
mode to the outcome `replay` computes, and open the app's first screen in a pseudo-terminal,
which reads the stylesheets; Ctrl+Q must then quit with exit code 0.

Slow (about a minute for the executable, less for the zipapp; the zipapp's dependencies come
from the package index).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from lm_tui.cli.replay import replay_session
from lm_tui.flow.definition import Flow
from lm_tui.session.outcome import outcome_table
from tests.conftest import EXAMPLES
from tests.example_cases import plain_script, read_example
from tests.pty_app import quit_on_the_first_screen, spawn_app

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "build-single-file"
EXAMPLE = EXAMPLES / "colorectal-lack-of-evidence.toml"

pytestmark = pytest.mark.slow


def clean_environment(home: Path) -> dict[str, str]:
    """This environment without anything that points Python at the checkout or the venv."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env.pop("VIRTUAL_ENV", None)
    env.update(
        LM_TUI_DATA_DIR=str(home / "data"),
        LM_TUI_CACHE_DIR=str(home / "cache"),
        SHIV_ROOT=str(home / "shiv"),
        NO_COLOR="1",
    )
    return env


def build(kind: str, outdir: Path) -> Path:
    module = "shiv" if kind == "zipapp" else "PyInstaller"
    pytest.importorskip(module, reason=f"{module} is not installed (the build extra)")
    flags = ["--zipapp"] if kind == "zipapp" else []
    result = subprocess.run(
        [sys.executable, str(SCRIPT), *flags, "--outdir", str(outdir)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    [built] = [path for path in outdir.iterdir() if path.is_file()]
    assert f"wrote {built}" in result.stdout
    return built


@pytest.fixture(scope="module", params=["executable", "zipapp"])
def single_file(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """(the command that starts the built file, the folder it is run from)."""
    base = tmp_path_factory.mktemp(request.param)
    built = build(request.param, base / "dist")
    # The zipapp runs on the Python this venv was made from, as `python3 lm-tui.pyz` would.
    python = Path(getattr(sys, "_base_executable", sys.executable))
    command = [python, built] if request.param == "zipapp" else [built]
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    return command, elsewhere


def run(
    command: list[Path], *args: str, cwd: Path, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*map(str, command), *args],
        input=stdin,
        cwd=cwd,
        env=clean_environment(cwd),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_single_file_checks_the_flow_it_carries(single_file) -> None:
    command, elsewhere = single_file
    result = run(command, "check", cwd=elsewhere)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK  flow 'leptomeningeal'" in result.stdout
    flow_path = Path(result.stdout.split(": OK", 1)[0])
    assert flow_path.parts[-4:] == ("lm_tui", "_bundled", "flows", "leptomeningeal.toml")
    assert not flow_path.is_relative_to(ROOT), flow_path  # from inside the build
    assert "OK  case 'kps-70-borderline'" in result.stdout  # the teaching cases came along
    # The proof's cache key hashed the source it was built from (it is inside too).
    assert list((elsewhere / "cache" / "proof").glob("*.json"))


def test_the_single_file_walks_a_session_in_plain_mode(single_file, bundled_flow: Flow) -> None:
    command, elsewhere = single_file
    answers, _ = read_example(EXAMPLE)
    script = "\n".join(plain_script(bundled_flow, answers)) + "\n"
    target = elsewhere / "plain.toml"
    result = run(command, "--plain", "--export", str(target), cwd=elsewhere, stdin=script)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    document = tomllib.loads(target.read_text("utf-8"))
    assert document["session"]["interface"] == "plain"
    replayed, _ = replay_session(bundled_flow, EXAMPLE)
    assert document["outcome"] == outcome_table(replayed.evaluator)
    assert list((elsewhere / "cache").glob("flow-*.pickle"))  # the start-up cache works too


def test_the_single_file_opens_the_app_and_quits(single_file) -> None:
    command, elsewhere = single_file
    program, *args = command
    env = clean_environment(elsewhere)
    env.pop("NO_COLOR")
    child = spawn_app([*map(str, args)], program=program, cwd=elsewhere, env=env, inherit=False)
    status, last = quit_on_the_first_screen(child)
    assert "internal error" not in last
    assert status == 0
