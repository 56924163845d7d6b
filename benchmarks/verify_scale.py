"""Load + verification time of synthetic flows of 1,000 and 10,000 nodes (see synthetic_flow.py).

Each repetition runs in a fresh process (`verify_child.py`), so no cache of one run helps the
next; sizes alternate so that a busy moment on a shared machine hits both.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from synthetic_flow import write_synthetic_flow

CHILD = Path(__file__).resolve().parent / "verify_child.py"


def run_child(path: Path) -> dict[str, Any]:
    done = subprocess.run([sys.executable, str(CHILD), str(path)], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"verify_child failed on {path}: {done.stderr.strip()[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if not result["ok"]:
        raise RuntimeError(f"the synthetic flow {path} does not verify: {result['problems']}")
    return result


def measure_verify(folder: Path, sizes: list[int], repeats: int,
                   shape: str = "compact") -> dict[int, list[dict[str, Any]]]:
    files = {}
    for size in sizes:
        files[size] = folder / f"synthetic-{shape}-{size}.toml"
        write_synthetic_flow(files[size], size, shape=shape)
    runs: dict[int, list[dict[str, Any]]] = {size: [] for size in sizes}
    for _ in range(repeats):
        for size in sizes:
            runs[size].append(run_child(files[size]))
    return runs
