"""Counter-examples: the planted gap of the diamond chain, a question built to change nothing,
and answers files that `lm-tui replay` walks to the problem they show."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import tomli_w

from lm_tui.flow.loader import build_flow
from lm_tui.proof.example_files import write_examples
from lm_tui.proof.prove import prove
from tests.proof.replaying import confirms, walk

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from diamond_chain import diamond_chain, with_planted_gap

K = 24
"""2^24 paths: far beyond what a path-by-path proof walks, proved per node in a blink."""


def test_the_gap_only_yes_to_every_question_reaches_is_found_with_that_example() -> None:
    flow = build_flow(with_planted_gap(K), Path("gap.toml"), "gap")
    report = prove(flow)
    routes = [p for p in report.problems if p.where.endswith(".routes")]
    assert [p.where for p in routes] == [f"nodes.q{K}.routes"], report.problems
    (gap,) = routes
    assert gap.message.startswith("no route applies when ")
    assert {gap.answers[f"v{i}"] for i in range(1, K)} == {"yes"}
    assert gap.answers[f"v{K}"] == "no"
    # The path is the longest one: every follow-up is asked.
    expected = [node for i in range(1, K) for node in (f"q{i}", f"f{i}")] + [f"q{K}"]
    assert list(gap.path) == expected
    assert confirms(flow, gap)


def test_the_same_chain_without_the_gap_is_sound_and_counts_its_paths() -> None:
    report = prove(build_flow(diamond_chain(K), Path("chain.toml"), "chain"))
    assert report.ok, report.problems
    assert report.path_count == 2**K


def test_follow_ups_no_condition_reads_are_questions_that_cannot_change_the_outcome() -> None:
    """In the chain only the last follow-up is read (by the pitfall): the others are warned
    about, each with a path that reaches it, and `--strict` would fail the flow on them."""
    flow = build_flow(diamond_chain(6), Path("chain.toml"), "chain")
    report = prove(flow)
    assert report.ok
    assert [w.where for w in report.warnings] == [f"nodes.f{i}" for i in range(1, 6)]
    for warning in report.warnings:
        assert warning.warning and "can change the outcome" in warning.message
        assert warning.path[-1] == warning.where.removeprefix("nodes.")
        assert walk(flow, warning), warning


def test_a_question_whose_answer_is_read_is_not_warned_about() -> None:
    content = diamond_chain(3)
    content["recommendations"]["graded"] = {
        "title": "Graded",
        "text": "Grade 1 is high.",
        "when": "v1 == 'yes' and n1 > 5",
        "sources": ["s"],
    }
    report = prove(build_flow(content, Path("chain.toml"), "chain"))
    assert "nodes.f1" not in {w.where for w in report.warnings}
    assert "nodes.f2" in {w.where for w in report.warnings}


def test_a_question_that_only_chooses_between_routes_to_the_same_node_is_warned_about() -> None:
    """Two routes to one node take the same path: an answer that only decides which of them
    applies changes nothing (found by the brute-force comparison on a random small flow)."""
    content = diamond_chain(2)
    del content["nodes"]["f2"]["next"]
    content["nodes"]["f2"]["routes"] = [
        {"when": "n2 > 5", "to": "done"},
        {"otherwise": True, "to": "done"},
    ]
    content["pitfalls"] = {}
    flow = build_flow(content, Path("chain.toml"), "chain")
    report = prove(flow)
    assert report.ok, report.problems
    assert "nodes.f2" in {w.where for w in report.warnings}


def test_lm_tui_replay_walks_a_written_counter_example_to_its_problem(tmp_path: Path) -> None:
    flow_file = tmp_path / "gap.toml"
    flow_file.write_text(tomli_w.dumps(with_planted_gap(5)), encoding="utf-8")
    flow = build_flow(with_planted_gap(5), flow_file, "gap")
    report = prove(flow)
    folder = tmp_path / "examples"
    folder.mkdir()
    (example,) = write_examples(report.problems, folder)
    replayed = subprocess.run(
        [
            sys.executable,
            "-m",
            "lm_tui",
            "replay",
            str(example),
            "--flow",
            str(flow_file),
            "--export",
            str(tmp_path / "out.toml"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    # The replay stops at the node the problem names, for the reason it names.
    assert replayed.returncode == 2, replayed
    assert "0 routes apply at node 'q5'" in replayed.stderr
    assert "Traceback" not in replayed.stderr


def _check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lm_tui", "check", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_warns_passes_and_fails_with_strict(tmp_path: Path) -> None:
    flow_file = tmp_path / "chain.toml"
    flow_file.write_text(tomli_w.dumps(diamond_chain(3)), encoding="utf-8")
    plain = _check(str(flow_file))
    assert plain.returncode == 0, plain
    warned = [line for line in plain.stderr.splitlines() if ": warning: " in line]
    assert [line.split(": warning: ")[1].split(":")[0] for line in warned] == [
        "nodes.f1",
        "nodes.f2",
    ]
    strict = _check(str(flow_file), "--strict")
    assert strict.returncode == 2
    assert strict.stderr.splitlines()[-1].endswith("FAILED (2 warning(s), --strict)")


def test_check_writes_every_counter_example_for_replay(tmp_path: Path) -> None:
    flow_file = tmp_path / "gap.toml"
    flow_file.write_text(tomli_w.dumps(with_planted_gap(4)), encoding="utf-8")
    folder = tmp_path / "examples"
    folder.mkdir()
    result = _check(str(flow_file), "--examples", str(folder))
    assert result.returncode == 2
    names = sorted(path.name for path in folder.iterdir())
    assert names[0] == "001-nodes.q4.routes.toml"
    missing = _check(str(flow_file), "--examples", str(tmp_path / "nowhere"))
    assert missing.returncode == 2
    assert missing.stderr.strip() == (
        f"lm-tui check: {tmp_path / 'nowhere'}: no such folder; create it first"
    )
