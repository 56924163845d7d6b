"""`lm-tui replay ANSWERS.toml ...`: walk the flow non-interactively from answers files.

Loads the flow once and reuses it for every file, so re-checking hundreds of saved cases after
a flow update takes one process.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lm_tui.cli.common import add_flow_option, flow_from
from lm_tui.exports.export_folder import prepare_export_folder
from lm_tui.exports.formats import (
    DEFAULT_FORMAT,
    FORMATS,
    export_format,
    path_in_folder,
    write_session,
)
from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import LmTuiError
from lm_tui.session.answers_file import load_answers
from lm_tui.session.engine import Session


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "replay",
        help="walk the flow from answers files and export each session",
        description="Take each asked variable from the file's [answers] table, walk the flow and "
        "export the session (interface = replay). Critical pitfalls are recorded as not "
        "acknowledged. Answers the path does not ask are ignored and named on stderr.",
        epilog="Example: lm-tui replay case.toml --export case-session.toml\n"
        "         lm-tui replay cases/*.toml --export-dir checked/\n"
        "         lm-tui replay case.toml --export case.md --format md",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "answers",
        nargs="+",
        type=Path,
        metavar="ANSWERS.toml",
        help="a TOML file with an [answers] table: one key per flow variable, valued as the "
        "flow declares it (a choice's value id, a list of ids for a checklist, a number), e.g. "
        "primary_tumor = 'breast', symptoms = ['headache'], kps = 70; other tables are ignored, "
        "so a session export is one too",
    )
    add_flow_option(parser)
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--export", type=Path, metavar="OUT", help="export file (one input only)")
    target.add_argument(
        "--export-dir",
        type=Path,
        metavar="DIR",
        help="folder for DIR/<input stem>.<ext>, one per input; the extension "
        "follows --format (.toml, .md, .json)",
    )
    parser.add_argument(
        "--format",
        choices=tuple(FORMATS),
        default=DEFAULT_FORMAT,
        help="export format: toml (replayable session), md (clinical summary), "
        f"fhir (FHIR R4 QuestionnaireResponse JSON); default {DEFAULT_FORMAT}",
    )
    parser.add_argument(
        "--overwrite", action="store_true", help="replace existing export files (default: refuse)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.export and len(args.answers) > 1:
        print(
            f"lm-tui replay: --export takes one input, got {len(args.answers)}; "
            "use --export-dir DIR for several",
            file=sys.stderr,
        )
        return 2
    if args.export_dir:
        try:
            created = prepare_export_folder(args.export_dir)
        except LmTuiError as error:
            print(f"lm-tui replay: {error}", file=sys.stderr)
            return 2
        if created:
            print(created, file=sys.stderr)
    flow = flow_from(args)
    failed = 0
    for source in args.answers:
        fmt = export_format(args.format)
        target = args.export or path_in_folder(args.export_dir, source.stem, fmt)
        try:
            replay_one(flow, source, target, overwrite=args.overwrite, fmt=args.format)
        except LmTuiError as error:
            print(f"lm-tui replay: {error}", file=sys.stderr)
            failed += 1
    if failed and len(args.answers) > 1:
        print(f"lm-tui replay: {failed} of {len(args.answers)} file(s) failed", file=sys.stderr)
    return 2 if failed else 0


def replay_session(flow: Flow, source: Path) -> tuple[Session, list[str]]:
    """The completed session for an answers file, and the answers the path did not ask."""
    answers = load_answers(source)
    session = Session(flow, interface="replay", require_acknowledgement=False)
    try:
        unused = session.fill_from(answers)
    except LmTuiError as error:
        raise type(error)(f"{source}: {error}") from None
    return session, unused


def replay_one(
    flow: Flow, source: Path, target: Path, overwrite: bool = False, fmt: str = DEFAULT_FORMAT
) -> None:
    session, unused = replay_session(flow, source)
    if unused:
        print(f"{source}: ignored, not asked on this path: {', '.join(unused)}", file=sys.stderr)
    write_session(session, target, export_format(fmt), overwrite=overwrite)
