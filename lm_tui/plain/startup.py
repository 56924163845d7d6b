"""Start the plain mode: show the first screen as early as possible, then load and run.

Only the standard library and the tiny cache module are imported before the first screen is
printed; the flow core (the engine, and the bundled flow from its cache, flow_cache.py; the loader
and pydantic only for another flow or on a cache miss) is imported after it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from lm_tui.plain import first_screen_cache
from lm_tui.resources import bundled_flow_path
from lm_tui.session import user_paths

if TYPE_CHECKING:
    from lm_tui.plain.console import Console
    from lm_tui.session.autosave import Autosaver
    from lm_tui.session.engine import Session

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
    problem = format_problem(args) or target_problem(args)
    if problem:
        print(f"lm-tui plain: {problem}", file=sys.stderr)
        return EXIT_USAGE
    flow_path: Path = args.flow or bundled_flow_path()
    from lm_tui.flow.limits import MAX_FLOW_BYTES
    from lm_tui.flow.toml_files import UnreadableFile, read_bytes

    try:
        flow_bytes = read_bytes(flow_path, MAX_FLOW_BYTES)
    except UnreadableFile:
        flow_bytes = b""  # the loader below reports what is wrong with the path
    # An unfinished session is offered only at a terminal: a script's next line is an answer,
    # never a choice about some earlier session.
    offer = _is_terminal(stdin)
    cached = first_screen_cache.lookup(flow_bytes) if flow_bytes and not offer else None
    if cached is not None:
        stdout.write(cached)
        stdout.flush()

    from lm_tui.exports.formats import export_format
    from lm_tui.flow.flow_cache import load_chosen_flow
    from lm_tui.plain.console import Console
    from lm_tui.plain.runner import ExportTarget, PlainRunner
    from lm_tui.session.autosave import Autosaver
    from lm_tui.session.engine import Session

    flow = load_chosen_flow(args.flow)
    session = Session(flow, interface="plain")
    autosaver = Autosaver()
    console = Console(stdin, stdout)
    if offer:
        session = offer_resume(autosaver, session, console)
    target = ExportTarget(
        file=args.export,
        folder=args.export_dir,
        fmt=export_format(args.format),
        overwrite=args.overwrite,
        keep_partial=args.keep_partial,
    )
    runner = PlainRunner(session, console, target, autosaver)
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


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def offer_resume(autosaver: Autosaver, session: Session, console: Console) -> Session:
    """Offer the newest unfinished session of this flow (autosaved by plain mode or the app);
    the session to go on with: the resumed one, or the new `session`."""
    from lm_tui.plain.console import InputEnded
    from lm_tui.session.autosave import AutosaveError

    flow = session.flow
    found = [
        pending
        for pending in autosaver.pending()
        if not pending.in_use
        and pending.teaching_case is None
        and pending.record is not None
        and pending.record.flow_id == flow.id
    ]
    if not found:
        return session
    pending = found[0]
    console.say(f"An unfinished session was found ({pending.describe(flow)}).")
    try:
        choice = console.ask(
            "Type r to resume it, d to discard it, or press Enter to start a new session > "
        ).lower()
    except InputEnded:
        return session
    try:
        if choice in ("r", "resume"):
            restored = autosaver.resume(pending, flow)
            restored.session.interface = "plain"
            console.say(f"Resumed {pending.path.name}: {len(restored.session.answers)} answer(s).")
            if restored.flow_changed:
                console.say(
                    "Warning: the flow file has changed since this session was recorded; "
                    "check every answer and the outcome again."
                )
            for problem in restored.problems:
                console.say(f"Warning: not replayed: {problem}")
            return restored.session
        if choice in ("d", "discard"):
            autosaver.discard(pending)
            console.say(f"Discarded {pending.path.name}.")
    except AutosaveError as error:
        console.say(f"Not resumed: {error}")
    return session


def format_problem(args: argparse.Namespace) -> str | None:
    """Settle `args.format`: the `--export` file's extension picks it (`case.md` is Markdown);
    a `--format` that disagrees with the extension is a mistake to point out, not to guess."""
    from lm_tui.exports.formats import DEFAULT_FORMAT, FORMATS

    by_extension = None
    if args.export is not None:
        suffix = args.export.suffix.lower()
        by_extension = next((f.name for f in FORMATS.values() if f.extension == suffix), None)
    if args.format and by_extension and args.format != by_extension:
        return (
            f"{args.export}: the extension {args.export.suffix} is the {by_extension} format, "
            f"but --format is {args.format}; make them agree"
        )
    args.format = args.format or by_extension or DEFAULT_FORMAT
    return None


def target_problem(args: argparse.Namespace) -> str | None:
    """A reason the export target cannot work, found before any question is asked."""
    if args.export_dir is not None:
        from lm_tui.exports.export_folder import prepare_export_folder
        from lm_tui.flow.errors import ExportError

        try:
            created = prepare_export_folder(args.export_dir)
        except ExportError as error:
            return str(error)
        if created:
            print(created, file=sys.stderr)
    if args.export is not None:
        export: Path = args.export
        if user_paths.is_dir(export):
            return f"{export}: is a folder; use --export-dir for a folder, --export for a file"
        folder = export.parent if str(export.parent) else Path(".")
        if not user_paths.is_dir(folder):
            return f"{export}: folder {folder} does not exist; create it first"
        if user_paths.exists(export) and not args.overwrite:
            return f"{export}: already exists; choose another name or add --overwrite"
    folder_given = args.export_dir if args.export is None else args.export.parent
    if folder_given is not None:
        return writing_problem(folder_given if str(folder_given) else Path("."))
    return None


def writing_problem(folder: Path) -> str | None:
    """Why nothing can be written in `folder` (a full disk, no permission, a read-only mount),
    found now with a probe file (removed at once) rather than after the last answer."""
    import os
    import tempfile

    try:
        handle, name = tempfile.mkstemp(prefix=".lm-tui-probe-", dir=folder)
    except OSError as error:
        return (
            f"{folder}: cannot write there ({error.strerror or error}); "
            "choose a folder you can write to"
        )
    try:
        os.write(handle, b"probe")
    except OSError as error:
        return (
            f"{folder}: cannot write there ({error.strerror or error}); "
            "free space or choose another folder"
        )
    finally:
        os.close(handle)
        os.unlink(name)
    return None
