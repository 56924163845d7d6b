"""`lm-tui paths [FLOW] [--list]`: count (or list) every distinct path to an outcome."""

from __future__ import annotations

import argparse
from pathlib import Path

from lm_tui.resources import bundled_flow_path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "paths",
        help="count or list every distinct path to an outcome",
        description="Enumerate every distinct sequence of nodes from the start to an outcome.",
        epilog="Example: lm-tui paths --list",
    )
    parser.add_argument(
        "flow", nargs="?", type=Path, metavar="FLOW", help="flow file (default: the bundled flow)"
    )
    parser.add_argument("--list", action="store_true", help="print each path, one per line")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from lm_tui.flow.loader import load_flow  # deferred: the app never needs the verifier
    from lm_tui.flow.verify import verify

    flow = load_flow(args.flow or bundled_flow_path())
    report = verify(flow, keep_paths=args.list)
    if args.list:
        for number, path in enumerate(report.paths, start=1):
            print(f"{number:4d}  " + " > ".join(path.nodes))
    print(f"{report.path_count} distinct paths to an outcome in '{flow.id}' {flow.version}")
    if not report.ok:
        print(f"note: the flow has {len(report.problems)} problem(s); run lm-tui check")
        return 2
    return 0
