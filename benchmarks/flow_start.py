"""Reading flows: the 10,000-node synthetic flow's load and the bundled flow's start, cold and warm.

    python benchmarks/flow_start.py [--rounds 9] [--against REVISION] [--nodes 10000]

Each figure is a median over fresh processes (imports before the clock for the load, included
for the start):

* `load_large_s`, `load_large_cpu_s`: `load_flow` of the synthetic flow of `--nodes` nodes
  (10,000 unless told; TOML, schema, records, conditions), wall-clock and CPU seconds, pydantic
  and the models imported first; `parse_large_s` its TOML reading alone.
* `start_warm_ms`, `start_cold_ms`: a fresh process importing the flow cache and loading the
  bundled flow through it, as the app and the plain mode do before their first screen: warm
  from a filled cache (what a user sees from the second start on), cold with
  `LM_TUI_NO_CACHE=1`; and whether the warm start imported pydantic (it must not).

`--against REVISION` measures lm_tui at that git revision too (unpacked from `git archive`),
alternating with this checkout round by round, so both see the same machine load: the same-run
baseline for a change to how flows are read.
"""

from __future__ import annotations

import argparse
import compileall
import io
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synthetic_flow import write_synthetic_flow  # noqa: E402  (after the path is set)

LOAD = """
import inspect, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
import pydantic
import lm_tui.flow.model
from lm_tui.flow import toml_files
from lm_tui.flow.loader import load_flow
path = Path(sys.argv[2])
data = path.read_bytes()
flow_file = {"flow": True} if "flow" in inspect.signature(toml_files.parse_toml).parameters else {}
started = time.perf_counter()
toml_files.parse_toml(data, **flow_file)
parse = time.perf_counter() - started
started, cpu = time.perf_counter(), time.process_time()
load_flow(path)
print(parse, time.perf_counter() - started, time.process_time() - cpu)
"""

START = """
import sys, time
started = time.perf_counter()
sys.path.insert(0, sys.argv[1])
from lm_tui.flow.flow_cache import load_flow_cached
from lm_tui.resources import bundled_flow_path
load_flow_cached(bundled_flow_path())
print(time.perf_counter() - started, "pydantic" in sys.modules)
"""


def tree_at(revision: str, folder: Path) -> Path:
    """lm_tui as of `revision`, unpacked under `folder`."""
    archive = subprocess.run(
        ["git", "archive", revision, "lm_tui", "flows"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    tree = folder / "against"
    with tarfile.open(fileobj=io.BytesIO(archive)) as unpacked:
        unpacked.extractall(tree, filter="data")
    return tree


def run(code: str, *args: str, env: dict[str, str] | None = None) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout.split()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--against", metavar="REVISION", help="a git revision to compare with")
    parser.add_argument("--nodes", type=int, default=10000, help="size of the large flow")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="lm-tui-flow-start-"))
    trees = {"this checkout": ROOT}
    if args.against:
        trees = {args.against: tree_at(args.against, work), **trees}
    large = work / f"modules-{args.nodes}.toml"
    write_synthetic_flow(large, args.nodes, shape="bundled")
    figures: dict[str, dict[str, list[float]]] = {name: {} for name in trees}
    pydantic_when_warm: dict[str, bool] = {}
    environments = {}
    for name, tree in trees.items():
        # Bytecode first, as an installed copy has it (see startup.compile_bytecode): with
        # PYTHONDONTWRITEBYTECODE set, every start would otherwise compile the changed modules.
        compileall.compile_dir(str(tree / "lm_tui"), quiet=1)
        warm = {**os.environ, "LM_TUI_CACHE_DIR": str(work / f"cache-{len(environments)}")}
        warm.pop("LM_TUI_NO_CACHE", None)
        environments[name] = (warm, {**os.environ, "LM_TUI_NO_CACHE": "1"})
        run(START, str(tree), env=warm)  # fills the cache
    for _ in range(args.rounds):
        for name, tree in trees.items():
            warm, cold = environments[name]
            parse, load, cpu = map(float, run(LOAD, str(tree), str(large)))
            warm_s, imported = run(START, str(tree), env=warm)
            cold_s, _ = run(START, str(tree), env=cold)
            pydantic_when_warm[name] = imported == "True"
            for key, value in (
                ("parse_large_s", parse),
                ("load_large_s", load),
                ("load_large_cpu_s", cpu),
                ("start_warm_ms", float(warm_s) * 1000),
                ("start_cold_ms", float(cold_s) * 1000),
            ):
                figures[name].setdefault(key, []).append(value)
    heading = f"{args.nodes} nodes, median of {args.rounds}"
    print(f"{heading:28s}" + "".join(f"{name:>18s}" for name in trees))
    for key in figures["this checkout"]:
        row = "".join(f"{statistics.median(figures[n][key]):18.3f}" for n in trees)
        print(f"{key:28s}{row}")
    imports = "".join(f"{pydantic_when_warm[name]!s:>18s}" for name in trees)
    print(f"{'warm start imports pydantic':28s}{imports}")
    print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
