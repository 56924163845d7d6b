"""The proof on the flows a real author writes, against the path walk in the same run.

Families (issue 15): (a) the diamond chain (k yes/no questions each with an optional follow-up,
2^k paths; diamond_chain.py) at k = 10, 20, 40, 50, 200; (b) modules with every rejoin of the
bundled flow (synthetic_flow.py, shape "bundled") at 1,000 and 10,000 nodes; (c) the bundled
flow. Each flow is loaded and proved in a fresh process (verify_child.py), load and proof timed
apart; the path walk runs on the same file right after, stopped at a time limit (its figure
is then a lower bound, marked `>`; past 200,000 paths it refuses the flow, marked "refused").
"""

from __future__ import annotations

import io
import statistics
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import tomli_w
from diamond_chain import diamond_chain
from synthetic_flow import write_synthetic_flow
from verify_scale import run_child

from lm_tui.resources import bundled_flow_path

PATH_WALK_REVISION = "6b50cd6"
"""The last commit with the path-by-path verifier (lm_tui/flow/verify.py and its helpers)."""

ROOT = Path(__file__).resolve().parent.parent

DIAMONDS = (10, 20, 40, 50, 200)
MODULES = (1000, 10000)


def flow_files(folder: Path) -> dict[str, Path]:
    files: dict[str, Path] = {"bundled flow": bundled_flow_path()}
    for k in DIAMONDS:
        files[f"diamond k={k}"] = folder / f"diamond-{k}.toml"
        files[f"diamond k={k}"].write_text(tomli_w.dumps(diamond_chain(k)), encoding="utf-8")
    for nodes in MODULES:
        files[f"modules {nodes}"] = folder / f"modules-{nodes}.toml"
        write_synthetic_flow(files[f"modules {nodes}"], nodes, shape="bundled")
    return files


def path_walk_tree(folder: Path) -> Path | None:
    """lm_tui as of PATH_WALK_REVISION, unpacked under `folder` (None outside a git clone)."""
    try:
        archive = subprocess.run(
            ["git", "archive", PATH_WALK_REVISION, "lm_tui"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    tree = folder / "path-walk"
    with tarfile.open(fileobj=io.BytesIO(archive)) as unpacked:
        try:
            unpacked.extractall(tree, filter="data")
        except TypeError:  # Python before 3.11.4 has no filters; the archive is our own
            unpacked.extractall(tree)
    return tree


def measure(
    folder: Path, repeats: int, old_limit: float, new_limit: float, skip: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Per flow: nodes, paths, load and proof medians of the per-node proof, the path walk's
    proof (or its lower bound)."""
    rows: dict[str, Any] = {}
    tree = path_walk_tree(folder)
    for name, path in flow_files(folder).items():
        if name in skip:
            continue
        # The largest flow is proved once: repeating it would take the run's whole budget.
        times = 1 if name == f"modules {MODULES[-1]}" else repeats
        runs = [run_child(path, timeout=new_limit) for _ in range(times)]
        finished = [r for r in runs if not r.get("timed_out")]
        old = (
            run_child(path, timeout=old_limit, path_walk=tree)
            if tree is not None
            else {"seconds": 0.0, "proof_seconds": None, "unavailable": True}
        )
        row: dict[str, Any] = {
            "nodes": finished[0]["nodes"] if finished else None,
            "paths": finished[0]["paths"] if finished else None,
            "load_s": round(statistics.median(r["load_seconds"] for r in finished), 3)
            if finished
            else None,
            "proof_s": round(statistics.median(r["proof_seconds"] for r in finished), 3)
            if finished
            else None,
            "proof_lower_bound": not finished,
            "path_walk_s": None if old.get("unavailable") else round(old["proof_seconds"], 3),
            "path_walk_lower_bound": bool(old.get("timed_out")),
            "path_walk_refused": bool(old.get("refused")),
        }
        if not finished:
            row["proof_s"] = new_limit
        rows[name] = row
    return rows
