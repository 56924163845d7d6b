"""`lm-tui check [FLOW ...]`: load and exhaustively verify flows."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lm_tui.cli.case_check import check_cases
from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import FlowLoadError
from lm_tui.resources import bundled_flow_path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "check",
        help="verify flow files exhaustively",
        description="Load each flow and prove it sound: every node reachable, no dead end, no "
        "undeclared cycle, exactly one route for every answer, no read of an unasked answer, "
        "every recommendation and pitfall reachable, every source declared. Then check the "
        "teaching cases of each flow: values in their domains, the expected path reaching an "
        "outcome and asking every expected decision, explanation sources declared.",
        epilog="Example: lm-tui check flows/leptomeningeal.toml --cases my-cases/",
    )
    parser.add_argument(
        "flows", nargs="*", type=Path, metavar="FLOW", help="flow files (default: the bundled flow)"
    )
    parser.add_argument(
        "--cases",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="teaching case files or folders to check against the flows "
        "(default: the cases/ folder beside each flow, cases naming that flow)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # Deferred: registering this command must not load the verifier when the app starts.
    from lm_tui.flow.loader import load_flow
    from lm_tui.flow.verify import verify
    from lm_tui.flow.verify_cache import verify_cached

    bundled = bundled_flow_path().resolve()
    paths = args.flows or [bundled_flow_path()]
    failed = 0
    loaded: dict[str, Flow] = {}
    for path in paths:
        try:
            flow = load_flow(path)
        except FlowLoadError as error:
            print(error.summary(), file=sys.stderr)
            print(f"{path}: FAILED to load ({len(error.problems)} problem(s))", file=sys.stderr)
            failed += 1
            continue
        loaded.setdefault(flow.id, flow)
        # The bundled flow's proof is remembered by content hash (see verify_cache.py).
        report = verify_cached(flow)[0] if Path(path).resolve() == bundled else verify(flow)
        if report.ok:
            print(
                f"{path}: OK  flow '{flow.id}' {flow.version}: {len(flow.nodes)} nodes, "
                f"{report.path_count} paths, {report.checks} checks, "
                f"{len(flow.recommendations)} recommendations, {len(flow.pitfalls)} pitfalls"
            )
        else:
            for problem in report.problems:
                print(f"{path}: {problem}", file=sys.stderr)
            print(f"{path}: FAILED ({len(report.problems)} problem(s))", file=sys.stderr)
            failed += 1
    failed += check_cases(loaded, args.cases)
    return 2 if failed else 0
