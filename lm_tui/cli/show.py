"""`lm-tui show SESSION.toml`: a readable summary of an exported session."""

from __future__ import annotations

import argparse
from pathlib import Path

from lm_tui.cli.common import add_flow_option, flow_from


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
    # Deferred: registering this command must not load these when the app starts.
    from lm_tui.flow.session_file import read_session_file, restore
    from lm_tui.flow.summary import summary_lines

    record = read_session_file(args.session)
    flow = flow_from(args)
    restored = restore(record, flow)
    if restored.flow_changed:
        print(
            f"WARNING: {args.session} was recorded with flow '{record.flow_id}' sha256 "
            f"{record.flow_sha256[:12]}…, not the flow shown against ({flow.sha256[:12]}…, "
            f"version {flow.version}); the summary below is recomputed with the current flow."
        )
    for problem in restored.problems:
        print(f"WARNING: no longer valid under the current flow: {problem}")
    for line in summary_lines(restored.session, recorded=record.document):
        print(line)
    return 0
