"""Pieces several sub-commands share: the --flow option and loading it, the export folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lm_tui.flow.definition import Flow


def add_flow_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--flow",
        type=Path,
        metavar="FLOW",
        help="flow file to use (default: the bundled leptomeningeal flow)",
    )


def flow_from(args: argparse.Namespace) -> Flow:
    # Imports deferred: `lm-tui plain` starts before the core.
    from lm_tui.flow.flow_cache import load_chosen_flow

    return load_chosen_flow(getattr(args, "flow", None))


def export_folder(folder: Path | None) -> Path:
    """The folder the app's export dialog offers: `--export-dir` (created when its parent
    exists, and said so on stderr) or the current folder."""
    if folder is None:
        return Path.cwd()
    from lm_tui.exports.export_folder import prepare_export_folder

    created = prepare_export_folder(folder)
    if created:
        print(created, file=sys.stderr)
    return folder.expanduser()
