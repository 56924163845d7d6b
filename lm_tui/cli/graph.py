"""`lm-tui graph [FLOW] --format mermaid|dot`: the flow as a diagram on standard output."""

from __future__ import annotations

import argparse
from pathlib import Path

from lm_tui.exports.diagram import FORMATS, render
from lm_tui.flow.loader import load_flow
from lm_tui.resources import bundled_flow_path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "graph",
        help="write the flow as a Mermaid or Graphviz diagram",
        description="Print the flow as a diagram: one shape per node kind (diamond = choice, "
        "hexagon = multi-select, parallelogram = number, note = information, double border = "
        "outcome), every route as an arrow labelled with its condition as written in the flow.",
        epilog="Examples:\n"
        "  lm-tui graph > flow.mmd                      (paste into any Mermaid viewer)\n"
        "  lm-tui graph --format dot | dot -Tsvg > flow.svg",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "flow", nargs="?", type=Path, metavar="FLOW", help="flow file (default: the bundled flow)"
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="mermaid", help="diagram language (default: mermaid)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    flow = load_flow(args.flow or bundled_flow_path())
    print(render(flow, args.format), end="")
    return 0
