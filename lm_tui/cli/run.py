"""`lm-tui run` (the default): the terminal app."""

from __future__ import annotations

import argparse
from pathlib import Path

from lm_tui.cli.common import add_flow_option
from lm_tui.garbage_collection import paused_for_start_up


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "run",
        help="run the app (the default when no command is given)",
        description="Walk the flow in the terminal, one screen per decision.",
        epilog="Example: lm-tui --export-dir ~/lm-sessions",
    )
    add_flow_option(parser)
    parser.add_argument(
        "--resume",
        type=Path,
        metavar="SESSION.toml",
        help="reopen an exported or autosaved session where it stopped",
    )
    parser.add_argument(
        "--export-dir",
        type=Path,
        metavar="DIR",
        help="folder the export dialog offers (default: the current folder)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # The app resumes collection after its first paint (LmTuiApp.resume_collection).
    with paused_for_start_up():
        from lm_tui.cli.run_app import launch  # deferred: the other commands never load Textual

        return launch(args)
