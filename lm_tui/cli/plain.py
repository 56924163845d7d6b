"""`lm-tui plain` (also `lm-tui --plain`): the flow line by line, without the full-screen app.

Kept free of heavy imports: the first question is on screen before the flow core is loaded.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from lm_tui.cli.common import add_flow_option
from lm_tui.exports.formats import DEFAULT_FORMAT, FORMATS


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "plain",
        help="walk the flow line by line (screen readers, dumb terminals, scripts)",
        description="Ask the flow's questions one per line on standard input and output, with "
        "numbered options, the same checks, panels and pitfalls as the app, and export at the "
        "end. Works with piped input. At any question type help, back, map or quit. Exit codes: "
        "0 completed, 2 bad usage or export failed, 3 input ended or quit before the outcome.",
        epilog="Examples:\n"
        "  lm-tui --plain\n"
        "  lm-tui plain --export-dir ~/lm-sessions --format md\n"
        "  printf '2\\n1\\n...' | lm-tui plain --export case.toml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_flow_option(parser)
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--export", type=Path, metavar="OUT", help="save the session to this file")
    target.add_argument(
        "--export-dir",
        type=Path,
        metavar="DIR",
        help="save to DIR/<flow>-<UTC time>.<ext>, the extension following --format",
    )
    parser.add_argument(
        "--format",
        choices=tuple(FORMATS),
        default=None,
        help="export format: "
        + "; ".join(f"{f.name} = {f.description}" for f in FORMATS.values())
        + f" (default: the --export file's extension, else {DEFAULT_FORMAT})",
    )
    parser.add_argument(
        "--overwrite", action="store_true", help="replace an existing export file (default: refuse)"
    )
    parser.add_argument(
        "--keep-partial",
        action="store_true",
        help="when input ends before the outcome, save the unfinished session "
        "to the export target (marked complete = false)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from lm_tui.plain.startup import start

    return start(args)
