"""Load + proof time of flow files, each in a fresh process (see proof_families.py).

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


def run_child(
    path: Path, timeout: float = 1800.0, path_walk: Path | None = None, tree: Path | None = None
) -> dict[str, Any]:
    """One fresh-process load + proof (`path_walk`: the earlier verifier, from that copy;
    `tree`: the per-node proof of that copy); `{"timed_out": True, "seconds": timeout}` if the
    time limit stopped it (a lower bound, reported as such)."""
    try:
        done = subprocess.run(
            [
                sys.executable,
                str(CHILD),
                str(path),
                *(["--path-walk", str(path_walk)] if path_walk else []),
                *(["--tree", str(tree)] if tree else []),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"timed_out": True, "seconds": timeout, "proof_seconds": timeout}
    if done.returncode != 0 and path_walk:
        # The earlier verifier's tree cannot read every flow written since (the bundled flow
        # 2.0.0 uses number anchors, a later format key): no figure, said so.
        reason = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"
        return {"unavailable": True, "reason": reason, "seconds": 0.0, "proof_seconds": None}
    if done.returncode != 0:
        raise RuntimeError(f"verify_child failed on {path}: {done.stderr.strip()[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    refused = any("split the flow" in problem for problem in result["problems"])
    if path_walk and refused:
        # The path walk refuses flows of more than 200,000 paths: no figure, said so.
        return {**result, "refused": True}
    if not result["ok"]:
        raise RuntimeError(f"the flow {path} does not verify: {result['problems']}")
    return result


def prepare(folder: Path, sizes: list[int], shape: str = "compact") -> dict[int, Path]:
    """Write one synthetic flow file per size."""
    files = {}
    for size in sizes:
        files[size] = folder / f"synthetic-{shape}-{size}.toml"
        write_synthetic_flow(files[size], size, shape=shape)
    return files
