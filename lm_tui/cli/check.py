"""`lm-tui check [FLOW ...]`: load flows and prove them sound (lm_tui/proof/)."""

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
        help="prove flow files sound",
        description="Load each flow and prove it sound: every node reachable, no dead end, no "
        "undeclared cycle, exactly one route for every answer, no read of an unasked answer, "
        "every recommendation and pitfall reachable, every source declared; each problem names "
        "answers that show it and their path. Questions no answer to which can change the "
        "outcome are warnings (errors with --strict). Then check the "
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
    parser.add_argument(
        "--strict", action="store_true", help="fail on warnings too (questions that cannot matter)"
    )
    parser.add_argument(
        "--examples",
        type=Path,
        metavar="DIR",
        help="write each problem's and warning's answers to DIR as a file `lm-tui replay` walks",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # Deferred: registering this command must not load the proof when the app starts.
    from lm_tui.flow.loader import load_flow
    from lm_tui.proof.cache import prove_cached
    from lm_tui.proof.example_files import write_examples

    if args.examples is not None and not args.examples.is_dir():
        print(f"lm-tui check: {args.examples}: no such folder; create it first", file=sys.stderr)
        return 2

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
        # The bundled flow's proof is remembered by content hash (see lm_tui/proof/cache.py).
        if Path(path).resolve() == bundled:
            report = prove_cached(flow)[0]
        else:
            from lm_tui.proof.prove import prove

            report = prove(flow)
        for warning in report.warnings:
            print(f"{path}: warning: {warning}", file=sys.stderr)
        if args.examples is not None:
            folder = args.examples / flow.id if len(paths) > 1 else args.examples
            try:
                folder.mkdir(exist_ok=True)
                write_examples([*report.problems, *report.warnings], folder)
            except OSError as error:
                print(
                    f"lm-tui check: {folder}: cannot write the examples ({error.strerror}); "
                    "choose a folder you can write to",
                    file=sys.stderr,
                )
                failed += 1
        if args.strict and report.warnings and report.ok:
            print(f"{path}: FAILED ({len(report.warnings)} warning(s), --strict)", file=sys.stderr)
            failed += 1
        elif report.ok:
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
