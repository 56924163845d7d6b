"""Pieces several sub-commands share: the --flow option and loading it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from lm_tui.resources import bundled_flow_path

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
    path = getattr(args, "flow", None)
    if path is None:
        # The bundled flow changes only with a release: loaded once, then read from the cache.
        from lm_tui.flow.flow_cache import load_flow_cached

        return load_flow_cached(bundled_flow_path())
    from lm_tui.flow.loader import load_flow

    return load_flow(path)
