"""`lm-tui schema`: print the JSON Schema of the flow file format, for editors."""

from __future__ import annotations

import argparse
import json

from lm_tui.flow.schema import flow_json_schema


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of the flow format (editor completion and validation)",
        description="Print the JSON Schema of flow files, generated from the same models the "
        "loader validates with. Save it and point your editor at it: see the README, section "
        "'Editing flows with completion'.",
        epilog="Example: lm-tui schema > flow.schema.json",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    print(json.dumps(flow_json_schema(), indent=2, ensure_ascii=False))
    return 0
