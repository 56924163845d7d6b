"""`lm-tui show SESSION.toml`: a readable summary of an exported session."""

from __future__ import annotations

import argparse
from pathlib import Path

from lm_tui.cli.common import add_flow_option, flow_from
from lm_tui.session.record_check import restore_warnings
from lm_tui.session.session_file import read_session_file, restore
from lm_tui.session.summary import summary_lines


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "show",
        help="print a readable summary of an exported session",
        description="Summarise an exported session: answers, branch, IT checks, recommendations "
        "and pitfalls. Warns when the session was recorded with a different version of the flow.",
        epilog="Example: lm-tui show ~/lm-sessions/2026-11-22-0930.toml",
    )
    parser.add_argument("session", type=Path, metavar="SESSION.toml")
    add_flow_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    record = read_session_file(args.session)
    flow = flow_from(args)
    restored = restore(record, flow)
    for warning in restore_warnings(record, restored):
        print(f"WARNING: {warning}")
    for line in summary_lines(restored.session, recorded=record.document):
        print(line)
    return 0
