"""The per-node proof of this tree against another revision's, in the same run.

    python benchmarks/proof_against.py --against REVISION [--rounds 3] [--repeats 40]

For the bundled flow, the diamond chain at k = 20 and 200 and bundled-shape modules of 1,000
and 10,000 nodes: `--rounds` fresh processes per flow and tree (verify_child.py), the two trees
alternating so that a busy moment on a shared machine hits both; the medians of the proof's
wall-clock and CPU seconds. The growth from k = 20 to k = 40 is measured apart, in one process
per tree: both chains proved `--repeats` times in turn, the ratio of the medians. A k = 20
proof takes milliseconds, so one fresh process per size gives a ratio of two noisy figures;
many repeats in one process give a stable one (the first proofs, which import and warm up,
count like the others in the median but not much).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from flow_start import tree_at
from proof_families import flow_files
from verify_scale import run_child

FLOWS = ("bundled flow", "diamond k=20", "diamond k=200", "modules 1000", "modules 10000")

RATIO = """
import statistics, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from lm_tui.flow.loader import load_flow
from lm_tui.proof.prove import prove
flows = [load_flow(Path(sys.argv[2])), load_flow(Path(sys.argv[3]))]
times = [[], []]
for _ in range(int(sys.argv[4])):
    for position, flow in enumerate(flows):
        started = time.perf_counter()
        prove(flow)
        times[position].append(time.perf_counter() - started)
small, large = (statistics.median(t) for t in times)
print(small, large)
"""


def ratio(tree: Path, small: Path, large: Path, repeats: int) -> tuple[float, float]:
    """Medians of the proof of `small` and of `large`, each proved `repeats` times in turn."""
    done = subprocess.run(
        [sys.executable, "-c", RATIO, str(tree), str(small), str(large), str(repeats)],
        capture_output=True,
        text=True,
        check=True,
    )
    first, second = done.stdout.split()
    return float(first), float(second)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", metavar="REVISION", required=True)
    parser.add_argument("--rounds", type=int, default=3, help="fresh processes per flow")
    parser.add_argument("--repeats", type=int, default=40, help="proofs per size, k=20 vs 40")
    args = parser.parse_args(argv)
    here = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        trees = {"this tree": here, args.against: tree_at(args.against, folder)}
        files = flow_files(folder)
        print(f"| flow | {' | '.join(f'{name}: proof (CPU)' for name in trees)} |")
        print(f"|---|{'---|' * len(trees)}")
        for name in FLOWS:
            runs: dict[str, list[dict[str, float]]] = {tree: [] for tree in trees}
            for _ in range(args.rounds):
                for tree, path in trees.items():
                    runs[tree].append(run_child(files[name], tree=path))
            cells = [
                f"{statistics.median(r['proof_seconds'] for r in runs[tree]):.3f} s "
                f"({statistics.median(r['proof_cpu_seconds'] for r in runs[tree]):.3f} s)"
                for tree in trees
            ]
            print(f"| {name} | {' | '.join(cells)} |", flush=True)
        cells = []
        for path in trees.values():
            small, large = ratio(path, files["diamond k=20"], files["diamond k=40"], args.repeats)
            cells.append(f"{large / small:.2f} ({large * 1000:.1f} ms / {small * 1000:.1f} ms)")
        print(f"| diamond k=40 over k=20 | {' | '.join(cells)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
