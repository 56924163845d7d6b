"""lm-tui performance benchmark: each figure a median of repeated runs, baselines in the same run.

    python benchmarks/run.py [--quick] --json OUT

Writes a JSON object (figures under their keys, plus `machine`, `details` and `notes`) and
prints a table: figure, median, target, met?. Not part of the test run; a smoke test runs
`--quick`. `--quick` keeps the whole run under about a minute: fewer repetitions, one walk of
the longest example, and a time limit on the 10,000-node verification (if the limit is hit the
figure is reported as a lower bound, `details.verify_10k_lower_bound = true`, never as a
measurement).

Figures (targets from issue 6):
  startup_ratio            app cold start to first question painted / bare Textual app    <= 1.3
  transition_ms_median/p95 key press to next screen painted, walking the examples      <= 16 / 33
  verify_10k_nodes_s       load + proof of 10,000 nodes of bundled-shape modules             <= 2.0
  verify_growth_10k_over_1k  proof at 10,000 nodes / at 1,000 nodes                           <= 12
  proof_bundled_s, proof_diamond_200_s, proof_1k_nodes_s, proof_10k_nodes_s,
  proof_diamond_40_over_20 the proof alone (issue 15; proof_families.py, with the path walk's
                           time on the same files in `details.proof`; the k=40 / k=20 ratio
                           in one process over 40 repeats, proof_against.py)  <= 0.3, 2, 1, 10, 3
  replay_1000_s            `lm-tui replay` of 1,000 answers files with exports               <= 5.0
  peak_rss_extra_mib       peak RSS at first question, app minus bare Textual app            <= 20
  plain_startup_ratio      from benchmarks/plain_startup.py when present                     <= 1.5

The machine is shared with other work: medians damp that, and the app and its baseline always
run alternately in the same run, but absolute times still move with the load (`machine.load`).
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from tests.acceptance_examples import examples_folder  # noqa: E402  (after the path is set)

NOT_AVAILABLE = "not measured: app not available"

TARGETS: dict[str, tuple[str, float]] = {
    "startup_ratio": ("<=", 1.3),
    "transition_ms_median": ("<=", 16),
    "transition_ms_p95": ("<=", 33),
    "verify_10k_nodes_s": ("<=", 2.0),
    "verify_growth_10k_over_1k": ("<=", 12),
    "proof_bundled_s": ("<=", 0.3),
    "proof_diamond_200_s": ("<=", 2.0),
    "proof_1k_nodes_s": ("<=", 1.0),
    "proof_10k_nodes_s": ("<=", 10.0),
    "proof_diamond_40_over_20": ("<=", 3.0),
    "replay_1000_s": ("<=", 5.0),
    "peak_rss_extra_mib": ("<=", 20),
    "plain_startup_ratio": ("<=", 1.5),
}

QUICK_SECONDS = 55.0
"""What --quick allows in total; the 10,000-node verification gets what is left of it."""


def app_available() -> bool:
    try:
        import lm_tui.cli.run_app
        import lm_tui.ui.app  # noqa: F401
    except ImportError:
        return False
    return True


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 86 values is the 82nd smallest)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-fraction * len(ordered) // 1))))
    return ordered[rank - 1]


def machine() -> dict[str, Any]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load": [round(x, 2) for x in load],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, under a minute")
    parser.add_argument(
        "--json",
        required=True,
        type=Path,
        metavar="OUT",
        help="write the figures here as a JSON object",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    quick = args.quick
    results: dict[str, Any] = {}
    details: dict[str, Any] = {"quick": quick}
    notes: list[str] = []
    work = Path(tempfile.mkdtemp(prefix="lm-tui-bench-"))
    machine_before = machine()

    # --- the app: startup, memory, transitions --------------------------------------------------
    if app_available():
        from startup import measure_startup
        from transitions import example_answers, measure_transitions

        runs = measure_startup(repeats=2 if quick else 9)
        app_s = statistics.median(r["seconds"] for r in runs["app"])
        bare_s = statistics.median(r["seconds"] for r in runs["bare"])
        app_mib = statistics.median(r["peak_rss_mib"] for r in runs["app"])
        bare_mib = statistics.median(r["peak_rss_mib"] for r in runs["bare"])
        results["startup_ratio"] = round(app_s / bare_s, 3)
        results["peak_rss_extra_mib"] = round(app_mib - bare_mib, 2)
        details["startup"] = {
            "app_s": round(app_s, 3),
            "bare_s": round(bare_s, 3),
            "app_peak_rss_mib": round(app_mib, 1),
            "bare_peak_rss_mib": round(bare_mib, 1),
            "runs_each": len(runs["app"]),
        }
        examples = examples_folder()
        chosen = None
        if quick:  # the longest walk only
            answers = example_answers(examples)
            chosen = [max(range(len(answers)), key=lambda i: len(answers[i]))]
        times = measure_transitions(examples, walks=1 if quick else 3, folder=work, only=chosen)
        results["transition_ms_median"] = round(statistics.median(times), 2)
        results["transition_ms_p95"] = round(percentile(times, 0.95), 2)
        details["transitions"] = {
            "count": len(times),
            "examples": str(examples),
            "max_ms": round(max(times), 2),
        }
    else:
        for key in (
            "startup_ratio",
            "peak_rss_extra_mib",
            "transition_ms_median",
            "transition_ms_p95",
        ):
            results[key] = NOT_AVAILABLE
        notes.append("lm_tui.ui is not importable here: the app figures were not measured")

    # --- replay -----------------------------------------------------------------------------------
    from replay_bench import time_replay, write_answer_files

    answers_dir = work / "answers"
    answers_dir.mkdir()
    files = write_answer_files(answers_dir, 1000, distinct=100 if quick else 250)
    replays = [time_replay(files) for _ in range(1 if quick else 5)]
    results["replay_1000_s"] = round(statistics.median(replays), 3)
    details["replay"] = {"runs": len(replays), "files": len(files)}

    # --- plain mode (benchmarks/plain_startup.py, from the plain-mode work) ---------------
    if (HERE / "plain_startup.py").exists():
        import plain_startup

        ratio_of = plain_startup.plain_startup_ratio
        parameters = inspect.signature(ratio_of).parameters
        kwargs: dict[str, Any] = {}
        if "repeats" in parameters:
            kwargs["repeats"] = 3 if quick else 9
        elif "quick" in parameters:
            kwargs["quick"] = quick
        results["plain_startup_ratio"] = round(float(ratio_of(**kwargs)), 3)

    # --- the proof on the families an author writes (proof_families.py) -------------------
    from proof_families import measure

    remaining = max(5.0, QUICK_SECONDS - (time.monotonic() - started)) if quick else 1800.0
    rows = measure(
        work,
        repeats=1 if quick else 3,
        old_limit=10.0 if quick else 120.0,
        new_limit=remaining if quick else 1800.0,
        skip=("diamond k=200",) if quick else (),
    )
    details["proof"] = rows
    large, small = rows["modules 10000"], rows["modules 1000"]
    lower_bound = bool(large["proof_lower_bound"])
    results["verify_10k_nodes_s"] = (
        round(large["load_s"] + large["proof_s"], 3) if not (lower_bound) else large["proof_s"]
    )
    results["proof_10k_nodes_s"] = large["proof_s"]
    results["verify_growth_10k_over_1k"] = round(large["proof_s"] / small["proof_s"], 2)
    results["proof_1k_nodes_s"] = small["proof_s"]
    results["proof_bundled_s"] = rows["bundled flow"]["proof_s"]
    if "diamond k=200" in rows:
        results["proof_diamond_200_s"] = rows["diamond k=200"]["proof_s"]
    # The growth from k=20 to k=40 in one process, over many repeats (proof_against.py): one
    # fresh process per size compares two figures of a few milliseconds.
    from proof_against import ratio

    small_s, large_s = ratio(
        ROOT, work / "diamond-20.toml", work / "diamond-40.toml", repeats=10 if quick else 40
    )
    results["proof_diamond_40_over_20"] = round(large_s / small_s, 2)
    details["verify_10k_lower_bound"] = lower_bound
    if lower_bound:
        notes.append(
            f"--quick stopped the 10,000-node proof at {large['proof_s']:.1f} s; "
            "verify_10k_nodes_s and the growth are lower bounds, not measurements"
        )

    document = {
        **results,
        "machine": {**machine_before, "load_after": machine()["load"]},
        "details": details,
        "notes": notes,
        "seconds_total": round(time.monotonic() - started, 1),
    }
    args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print_table(results, details)
    for note in notes:
        print(f"note: {note}")
    return 0


def print_table(results: dict[str, Any], details: dict[str, Any]) -> None:
    print(f"{'figure':28s} {'median':>12s} {'target':>9s}  met?")
    for key, value in results.items():
        op, target = TARGETS.get(key, ("", float("nan")))
        if isinstance(value, int | float):
            lower = key.startswith("verify_") and details.get("verify_10k_lower_bound")
            shown = (">= " if lower else "") + f"{value:g}"
            met = "no" if value > target else ("?" if lower else "yes")
        else:
            shown, met = str(value), "-"
        print(f"{key:28s} {shown:>12s} {op + ' ' + format(target, 'g'):>9s}  {met}")


if __name__ == "__main__":
    sys.exit(main())
