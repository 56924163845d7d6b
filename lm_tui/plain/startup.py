"""Start the plain mode: show the first screen as early as possible, then load and run.

Only the standard library and the tiny cache module are imported before the first screen is
printed; the flow core (the engine, and the bundled flow from its cache, flow_cache.py; the loader
and pydantic only for another flow or on a cache miss) is imported after it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from lm_tui.plain import first_screen_cache
from lm_tui.resources import bundled_flow_path

EXIT_USAGE = 2


def start(
    args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    # A dumb terminal may not encode every character of the flow's text, and piped input may
    # not be UTF-8: show or read a replacement character rather than stop the session.
    for stream in (stdin, stdout):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    problem = target_problem(args)
    if problem:
        print(f"lm-tui plain: {problem}", file=sys.stderr)
        return EXIT_USAGE
    flow_path: Path = args.flow or bundled_flow_path()
    try:
        flow_bytes = flow_path.read_bytes()
    except OSError:
        flow_bytes = b""  # the loader below reports what is wrong with the path
    cached = first_screen_cache.lookup(flow_bytes) if flow_bytes else None
    if cached is not None:
        stdout.write(cached)
        stdout.flush()

    from lm_tui.flow.engine import Session
    from lm_tui.flow.flow_cache import load_chosen_flow
    from lm_tui.flow.formats import export_format
    from lm_tui.plain.console import Console
    from lm_tui.plain.runner import ExportTarget, PlainRunner

    flow = load_chosen_flow(args.flow)
    session = Session(flow, interface="plain")
    target = ExportTarget(
        file=args.export,
        folder=args.export_dir,
        fmt=export_format(args.format),
        overwrite=args.overwrite,
        keep_partial=args.keep_partial,
    )
    runner = PlainRunner(session, Console(stdin, stdout), target)
    screen = runner.first_screen()
    if cached != screen:
        if flow_bytes:
            first_screen_cache.store(
                flow_bytes, screen
            )  # before showing: a quick quit still caches
        if cached is not None:
            stdout.write("\n(The first question changed since it was cached; here it is again.)\n")
        stdout.write(screen)
        stdout.flush()
    return runner.run(first_screen_shown=True)


def target_problem(args: argparse.Namespace) -> str | None:
    """A reason the export target cannot work, found before any question is asked."""
    if args.export_dir is not None:
        from lm_tui.flow.errors import ExportError
        from lm_tui.flow.export_folder import prepare_export_folder

        try:
            created = prepare_export_folder(args.export_dir)
        except ExportError as error:
            return str(error)
        if created:
            print(created, file=sys.stderr)
    if args.export is not None:
        export: Path = args.export
        if export.is_dir():
            return f"{export}: is a folder; use --export-dir for a folder, --export for a file"
        folder = export.parent if str(export.parent) else Path(".")
        if not folder.is_dir():
            return f"{export}: folder {folder} does not exist; create it first"
        if export.exists() and not args.overwrite:
            return f"{export}: already exists; choose another name or add --overwrite"
    return None
