"""`lm-tui run` (the default): the terminal app."""

from __future__ import annotations

import argparse
import gc
from pathlib import Path

from lm_tui.cli.common import add_flow_option


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
    # Start-up (imports included) allocates many objects that live as long as the app; the
    # cyclic collector would walk them again and again before the first screen is painted. It
    # is paused until then: the app resumes it after its first paint (LmTuiApp.resume_collection).
    paused = gc.isenabled()
    gc.disable()
    try:
        from lm_tui.cli.run_app import launch  # deferred: loaded with collection paused

        return launch(args)
    finally:
        if paused:
            gc.enable()
