"""`benchmarks/run.py --quick` still runs and writes every figure (the numbers are not judged
here: they depend on the machine; the benchmark's own table says whether targets are met)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIGURES = (
    "startup_ratio",
    "transition_ms_median",
    "transition_ms_p95",
    "verify_10k_nodes_s",
    "verify_growth_10k_over_1k",
    "replay_1000_s",
    "peak_rss_extra_mib",
)
NOT_UI = ("verify_10k_nodes_s", "verify_growth_10k_over_1k", "replay_1000_s")
UI = ("startup_ratio", "transition_ms_median", "transition_ms_p95", "peak_rss_extra_mib")


def app_importable() -> bool:
    try:
        import lm_tui.ui.app  # noqa: F401
    except ImportError:
        return False
    return True


def test_quick_benchmark_writes_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--quick", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(out.read_text("utf-8"))
    for key in FIGURES:
        assert key in figures, key
    for key in NOT_UI:
        assert isinstance(figures[key], int | float) and figures[key] > 0, (key, figures[key])
    for key in UI:
        if app_importable():
            assert isinstance(figures[key], int | float), (key, figures[key])
        else:
            assert figures[key] == "not measured: app not available"
    if (ROOT / "benchmarks" / "plain_startup.py").exists():
        assert isinstance(figures["plain_startup_ratio"], int | float)
    assert figures["machine"]["nproc"] >= 1
    for key in FIGURES:  # the table names every figure
        assert key in done.stdout
