"""`lm-tui paths [FLOW] [--list]`: count (or list) every distinct path to an outcome."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lm_tui.resources import bundled_flow_path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "paths",
        help="count or list every distinct path to an outcome",
        description="Count every distinct sequence of nodes from the start to an outcome (exact, "
        "by dynamic programming over the routes some answers take, however many), or list them.",
        epilog="Example: lm-tui paths --list --limit 20",
    )
    parser.add_argument(
        "flow", nargs="?", type=Path, metavar="FLOW", help="flow file (default: the bundled flow)"
    )
    parser.add_argument("--list", action="store_true", help="print each path, one per line")
    parser.add_argument("--limit", type=int, metavar="N", help="with --list: print at most N paths")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from lm_tui.flow.loader import load_flow  # deferred: the app never needs the proof
    from lm_tui.proof.paths import list_paths
    from lm_tui.proof.prove import Proof

    if args.limit is not None and args.limit < 1:
        print(
            f"lm-tui paths: --limit {args.limit}: give a number of paths, 1 or more",
            file=sys.stderr,
        )
        return 2
    flow = load_flow(args.flow or bundled_flow_path())
    proof = Proof(flow)
    report = proof.run()
    if args.list:
        for number, path in enumerate(list_paths(flow, proof.reach, args.limit), start=1):
            print(f"{number:4d}  " + " > ".join(path))
    print(f"{report.path_count} distinct paths to an outcome in '{flow.id}' {flow.version}")
    if not report.ok:
        print(f"note: the flow has {len(report.problems)} problem(s); run lm-tui check")
        return 2
    return 0
