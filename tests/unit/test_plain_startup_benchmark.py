"""The start-up benchmark the runner imports: it finds the first prompt and reports ratios.

Timings are not asserted here (they depend on the machine's load); `benchmarks/run.py` reports
them. This only checks the measurement works and measures what it says.
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from plain_startup import measure_plain_startup, time_to_first_prompt  # noqa: E402


def test_first_prompt_is_detected_in_a_fresh_process(tmp_path: Path) -> None:
    env = {**os.environ, "LM_TUI_CACHE_DIR": str(tmp_path)}
    seconds = time_to_first_prompt(env=env)
    assert 0 < seconds < 60


def test_measurement_reports_warm_and_cold_ratios() -> None:
    result = measure_plain_startup(repeats=1)
    for key in ("baseline_s", "first_prompt_s", "first_prompt_cold_s", "ratio", "cold_ratio"):
        assert math.isfinite(result[key]) and result[key] > 0, key
    assert result["ratio"] == result["first_prompt_s"] / result["baseline_s"]
