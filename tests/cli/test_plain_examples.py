"""Plain mode, run as a user runs it: `python -m lm_tui --plain` with the answers piped in.

Each acceptance example is typed as option numbers; the export must carry the example's
expected outcome, the same outcome `replay` computes, interface = "plain", and every critical
pitfall raised must be recorded as acknowledged (plain mode asks for it; replay does not).
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
from tests.conftest import example_files
from tests.example_cases import assert_outcome_matches, plain_script, read_example

ROOT = Path(__file__).resolve().parents[2]


def run_plain(
    args: list[str], script: str, cache: Path, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LM_TUI_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "lm_tui", *args],
        input=script,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
    )


@pytest.mark.parametrize("example", example_files(), ids=lambda p: p.stem)
def test_plain_mode_reaches_the_examples_outcome(
    example: Path, bundled_flow: Flow, tmp_path: Path
) -> None:
    answers, expect = read_example(example)
    script = "\n".join(plain_script(bundled_flow, answers, note="decided at the MDT")) + "\n"
    out = tmp_path / "session.toml"
    result = run_plain(["--plain", "--export", str(out)], script, tmp_path / "cache")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    assert "Traceback" not in result.stderr
    document = tomllib.loads(out.read_text("utf-8"))
    assert document["session"]["interface"] == "plain"
    assert document["session"]["complete"] is True
    assert_outcome_matches(document["outcome"], expect, example.stem)
    replayed, _ = replay_session(bundled_flow, example)
    assert document["outcome"] == outcome_table(replayed.evaluator)
    for raised in document["raised_pitfalls"]:
        if raised["severity"] == "critical":
            assert raised["acknowledged"] is True, raised
    assert f"Saved the complete session to {out}" in result.stdout
    # Every recommendation of the outcome is printed on the outcome screen.
    for rec_id in document["outcome"]["recommendations"]:
        assert bundled_flow.recommendations[rec_id].title in result.stdout


def test_plain_word_and_plain_flag_are_the_same_command(bundled_flow: Flow, tmp_path: Path) -> None:
    example = example_files()[0]
    answers, _ = read_example(example)
    script = "\n".join(plain_script(bundled_flow, answers)) + "\n"
    outputs = []
    for args in (["--plain"], ["plain"]):
        result = run_plain(
            [*args, "--export", str(tmp_path / f"{args[0]}.toml")], script, tmp_path / "c"
        )
        assert result.returncode == 0, result.stderr
        outputs.append(tomllib.loads((tmp_path / f"{args[0]}.toml").read_text())["outcome"])
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize(
    ("fmt", "extension"), [("md", ".md"), ("fhir", ".json"), ("toml", ".toml")]
)
def test_plain_export_dir_names_the_file_by_format(
    fmt: str, extension: str, bundled_flow: Flow, tmp_path: Path
) -> None:
    answers, _ = read_example(example_files()[0])
    script = "\n".join(plain_script(bundled_flow, answers)) + "\n"
    folder = tmp_path / "out"
    folder.mkdir()
    result = run_plain(
        ["--plain", "--export-dir", str(folder), "--format", fmt], script, tmp_path / "c"
    )
    assert result.returncode == 0, result.stderr
    written = list(folder.iterdir())
    assert len(written) == 1 and written[0].suffix == extension
    assert written[0].name.startswith("leptomeningeal-")


def test_plain_export_dir_not_there_yet_is_created_and_said(
    bundled_flow: Flow, tmp_path: Path
) -> None:
    answers, _ = read_example(example_files()[0])
    script = "\n".join(plain_script(bundled_flow, answers)) + "\n"
    folder = tmp_path / "new-sessions"
    result = run_plain(["--plain", "--export-dir", str(folder)], script, tmp_path / "c")
    assert result.returncode == 0, result.stderr
    assert f"lm-tui: created the export folder {folder}" in result.stderr
    assert len(list(folder.glob("leptomeningeal-*.toml"))) == 1
    assert oct(folder.stat().st_mode & 0o777) == "0o700"


def test_end_of_input_before_the_outcome_exits_3_and_keeps_nothing_unless_asked(
    bundled_flow: Flow, tmp_path: Path
) -> None:
    answers, _ = read_example(example_files()[0])
    script = "\n".join(plain_script(bundled_flow, answers)[:4]) + "\n"
    out = tmp_path / "partial.toml"
    result = run_plain(["--plain", "--export", str(out)], script, tmp_path / "c")
    assert result.returncode == 3
    assert "Input ended before the flow was complete" in result.stdout
    assert "Answers so far:" in result.stdout
    assert not out.exists()
    assert result.stderr == ""

    kept = run_plain(["--plain", "--export", str(out), "--keep-partial"], script, tmp_path / "c")
    assert kept.returncode == 3
    document = tomllib.loads(out.read_text("utf-8"))
    assert document["session"]["complete"] is False
    assert "outcome" not in document
    assert len(document["answers"]) == 4


def test_first_screen_comes_from_the_cache_and_a_stale_cache_corrects_itself(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    first = run_plain(["--plain"], "", cache)
    assert first.returncode == 3
    cached = list(cache.glob("plain-first-screen-*.txt"))
    assert len(cached) == 1
    screen = cached[0].read_text("utf-8")
    assert first.stdout.startswith(screen)

    second = run_plain(["--plain"], "", cache)
    assert second.stdout == first.stdout, "a cache hit must print exactly the same screen"

    cached[0].write_text("Question 1: something that is no longer in the flow\n> ", "utf-8")
    third = run_plain(["--plain"], "", cache)
    assert "changed since it was cached" in third.stdout
    assert screen in third.stdout
    assert cached[0].read_text("utf-8") == screen


def test_bad_export_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    folder = tmp_path / "missing" / "deeper"
    result = run_plain(["--plain", "--export-dir", str(folder)], "", tmp_path / "c")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "does not exist" in result.stderr


def test_bad_flow_is_reported_without_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(
        '[flow]\nid = "x"\ntitle = "X"\nversion = "1"\nstart = "nowhere"\n'
        '[nodes.a]\nkind = "info"\n'
    )
    result = run_plain(["--plain", "--flow", str(broken)], "", tmp_path / "c")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert str(broken) in result.stderr and "flow.start" in result.stderr


def test_plain_mode_reads_the_bundled_flow_from_the_cache(tmp_path: Path) -> None:
    """The second plain start takes the bundled flow from the flow cache: no validation, so
    pydantic is never imported (the first start fills the cache)."""
    cache = tmp_path / "cache"
    probe = (
        "import sys, atexit\n"
        "atexit.register(lambda: print('PYDANTIC', 'pydantic' in sys.modules, file=sys.stderr))\n"
        "from lm_tui.cli import main\n"
        "sys.exit(main(['plain']))\n"
    )
    env = {**os.environ, "LM_TUI_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", probe],
            input="",
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=60,
        )
        for _ in range(2)
    ]
    assert [run.returncode for run in runs] == [3, 3]  # input ended before the outcome
    assert "PYDANTIC True" in runs[0].stderr
    assert "PYDANTIC False" in runs[1].stderr
    assert list(cache.glob("flow-*.pickle"))
