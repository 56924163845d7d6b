"""One timed load + proof of a flow file, in a fresh process (run by verify_scale.py).

    python benchmarks/verify_child.py FLOW.toml [--path-walk [TREE] | --tree TREE]

Prints one JSON line: seconds spent in `load_flow` (read, TOML, schema, conditions) and in the
proof, apart and together, the CPU seconds (all, and the proof's), and what the proof reports.
The per-node proof (lm_tui/proof/) by default; `--path-walk TREE` runs the earlier
path-by-path verifier from TREE (a copy of lm-tui at a commit that still had it, see
proof_families.py), for the same-run baseline; `--tree TREE` the per-node proof of another
copy (an earlier revision, to compare with in the same run: proof_against.py). Module imports
are done before the clock starts: they are the same for every flow size.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ARGS = sys.argv[1:]
PATH_WALK = "--path-walk" in ARGS
TREE_OPTION = "--path-walk" if PATH_WALK else "--tree"
TREE = (
    ARGS[ARGS.index(TREE_OPTION) + 1]
    if TREE_OPTION in ARGS and len(ARGS) > ARGS.index(TREE_OPTION) + 1
    else None
)
sys.path.insert(0, TREE or str(Path(__file__).resolve().parent.parent))

from lm_tui.flow.loader import load_flow  # noqa: E402


def main() -> None:
    path = Path(ARGS[0])
    if PATH_WALK:
        from lm_tui.flow.verify import verify as prove  # type: ignore[import-not-found]
    else:
        from lm_tui.proof.prove import prove
    started, cpu_started = time.perf_counter(), time.process_time()
    flow = load_flow(path)
    loaded, cpu_loaded = time.perf_counter(), time.process_time()
    report = prove(flow)
    finished, cpu_finished = time.perf_counter(), time.process_time()
    print(
        json.dumps(
            {
                "seconds": finished - started,
                "load_seconds": loaded - started,
                "proof_seconds": finished - loaded,
                "cpu_seconds": cpu_finished - cpu_started,
                "proof_cpu_seconds": cpu_finished - cpu_loaded,
                "ok": report.ok,
                "problems": [str(p) for p in report.problems[:5]],
                "nodes": len(flow.nodes),
                "paths": report.path_count,
                "checks": report.checks,
            }
        )
    )


if __name__ == "__main__":
    main()
