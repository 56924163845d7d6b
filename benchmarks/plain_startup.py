"""How fast plain mode shows its first question, relative to importing pydantic and tomllib.

`plain_startup_ratio()` is what `benchmarks/run.py` reports (target <= 1.5): the median time
from starting `python -m lm_tui --plain` in a fresh process until its first prompt has been
written to the pipe, divided by the median time of a fresh `python -c "import pydantic,
tomllib"`. Both are measured in the same run, interleaved, so machine load affects both alike.

The plain mode shows its first screen from a cache keyed by the flow file (see
`lm_tui/plain/first_screen_cache.py`), so the ratio is measured with a warm cache, as a user
sees it from the second start on; `measure_plain_startup()` also reports the cold start (no
cache) for honesty. Run directly for a report: `python benchmarks/plain_startup.py`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BASELINE_CODE = "import pydantic, tomllib"
PROMPT_END = b"> "
"""Every plain-mode prompt ends with this; the first screen ends at the first prompt."""


def time_to_first_prompt(
    python: str = sys.executable, env: dict[str, str] | None = None, timeout: float = 60
) -> float:
    """Seconds from process start to the first prompt on its stdout (the process is then ended)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [python, "-m", "lm_tui", "--plain"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        env=env,
    )
    assert process.stdout is not None
    received = b""
    try:
        while not received.endswith(PROMPT_END):
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                raise RuntimeError(f"plain mode ended before its first prompt: {received[-300:]!r}")
            received += chunk
            if time.perf_counter() - started > timeout:
                raise RuntimeError("plain mode showed no prompt in time")
        return time.perf_counter() - started
    finally:
        process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()


def time_baseline(python: str = sys.executable) -> float:
    started = time.perf_counter()
    subprocess.run([python, "-c", BASELINE_CODE], check=True, cwd=ROOT)
    return time.perf_counter() - started


def measure_plain_startup(repeats: int = 7, python: str = sys.executable) -> dict[str, Any]:
    """Medians in seconds and the ratios: warm cache (what users see) and cold (no cache)."""
    with tempfile.TemporaryDirectory(prefix="lm-tui-bench-cache-") as cache:
        warm_env = {**os.environ, "LM_TUI_CACHE_DIR": cache}
        warm_env.pop("LM_TUI_NO_CACHE", None)
        cold_env = {**os.environ, "LM_TUI_NO_CACHE": "1"}
        # Fill the cache with a complete run (input ends at once); not counted.
        subprocess.run(
            [python, "-m", "lm_tui", "--plain"],
            input=b"",
            cwd=ROOT,
            env=warm_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        warm, cold, baseline = [], [], []
        for _ in range(repeats):
            baseline.append(time_baseline(python))
            warm.append(time_to_first_prompt(python, warm_env))
            cold.append(time_to_first_prompt(python, cold_env))
    base = statistics.median(baseline)
    return {
        "repeats": repeats,
        "baseline_s": base,
        "first_prompt_s": statistics.median(warm),
        "first_prompt_cold_s": statistics.median(cold),
        "ratio": statistics.median(warm) / base,
        "cold_ratio": statistics.median(cold) / base,
    }


def plain_startup_ratio(repeats: int = 7, python: str = sys.executable) -> float:
    """First plain-mode prompt ÷ `import pydantic, tomllib`, medians, fresh processes."""
    return float(measure_plain_startup(repeats, python)["ratio"])


if __name__ == "__main__":
    result = measure_plain_startup(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
    print(
        f"plain_startup_ratio = {result['ratio']:.2f} (target <= 1.5)\n"
        f"  first prompt (warm cache) {result['first_prompt_s'] * 1000:.0f} ms, "
        f"cold {result['first_prompt_cold_s'] * 1000:.0f} ms (ratio {result['cold_ratio']:.2f}), "
        f"baseline {result['baseline_s'] * 1000:.0f} ms; medians of {result['repeats']}"
    )
