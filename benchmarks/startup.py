"""Cold starts of the app and of the bare Textual baseline, each in a fresh process.

Runs alternate (app, bare, app, bare, ...) so that a busy moment on a shared machine weighs on
both. lm-tui's bytecode is compiled first, as an installed copy has it (see compile_bytecode).
Each run's time is from just before the process is started to the first question painted (see
startup_child.py); its peak RSS is read at that moment.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

CHILD = Path(__file__).resolve().parent / "startup_child.py"
PACKAGE = CHILD.parent.parent / "lm_tui"


def compile_bytecode() -> None:
    """Compile lm-tui's modules to bytecode once, as `pip install` does for an installed copy.

    Python writes that cache itself on a first run, unless PYTHONDONTWRITEBYTECODE is set (as on
    some build machines): then every start of a source checkout compiles each lm-tui module
    again, which neither an installed lm-tui nor the installed Textual of the baseline ever does.
    """
    import compileall

    compileall.compile_dir(str(PACKAGE), quiet=1)


def cold_start(mode: str) -> dict[str, float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(CHILD), mode], capture_output=True, text=True, check=False, timeout=120
    )
    lines = done.stdout.strip().splitlines()
    if not lines:
        raise RuntimeError(f"startup_child {mode} printed nothing: {done.stderr.strip()[-2000:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    return {"seconds": result["painted"] - started, "peak_rss_mib": result["peak_rss_kib"] / 1024}


def measure_startup(repeats: int) -> dict[str, list[dict[str, float]]]:
    runs: dict[str, list[dict[str, float]]] = {"app": [], "bare": []}
    compile_bytecode()
    cold_start("bare")  # warm the OS file cache once, for both
    cold_start("app")
    for _ in range(repeats):
        for mode in ("app", "bare"):
            runs[mode].append(cold_start(mode))
    return runs
