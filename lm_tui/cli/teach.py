"""`lm-tui teach`: play teaching cases in the app, list them, or mark written answers.

Marking (`--answers`) plays the case non-interactively with the trainee's answers, so an
instructor can mark a whole class in one command and file each export.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lm_tui.cli.common import add_flow_option
from lm_tui.cli.teach_play import launch, playable_case
from lm_tui.exports.formats import DEFAULT_FORMAT, FORMATS, export_format, path_in_folder
from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import LmTuiError
from lm_tui.resources import cases_dir
from lm_tui.session.answers_file import load_answers
from lm_tui.teaching.attempt import FEEDBACK_MODES, Feedback
from lm_tui.teaching.cases import Case, CaseFileError, CaseFolder, load_cases
from lm_tui.teaching.debrief import build_debrief, shown_points
from lm_tui.teaching.export import export_attempt
from lm_tui.teaching.marking import MarkedAnswers, mark_answers


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "teach",
        help="teaching cases: play one in the app, list them, or mark answers",
        description="Without a case id, open the case picker. With one, play that case: the "
        "facts of the case are filled in and locked, you make the decisions, and the debrief "
        "shows your score, each decision beside the expected one with the reason and sources, "
        "your plan marked item by item (right, missing, contraindicated, not expected; partial "
        "credit), and the pitfalls your plan raised. With --answers, mark written answers "
        "instead.",
        epilog="Examples: lm-tui teach --list\n"
        "          lm-tui teach kps-70-borderline --feedback immediate\n"
        "          lm-tui teach kps-70-borderline --answers alice.toml --export alice-marked.toml\n"
        "          lm-tui teach kps-70-borderline --answers class/*.toml --export-dir marked/\n"
        "          lm-tui teach --resume my-attempt.toml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("case_id", nargs="?", metavar="CASE_ID", help="the case to play or mark")
    parser.add_argument("--list", action="store_true", help="print the cases (id and title)")
    parser.add_argument(
        "--feedback",
        choices=FEEDBACK_MODES,
        default="end",
        help="immediate: show after each decision whether it matched and why; "
        "end: keep it for the debrief (default)",
    )
    parser.add_argument(
        "--cases",
        type=Path,
        metavar="DIR",
        help="folder of case files (default: the bundled cases)",
    )
    add_flow_option(parser)
    parser.add_argument(
        "--resume",
        type=Path,
        metavar="FILE",
        help="go on with an attempt saved from the app (Ctrl+S, TOML); CASE_ID may be left out",
    )
    parser.add_argument(
        "--answers",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="mark these answers files ([answers] tables) without the app",
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument(
        "--export",
        type=Path,
        metavar="OUT",
        help="write the marked session here (one answers file only)",
    )
    target.add_argument(
        "--export-dir",
        type=Path,
        metavar="DIR",
        help="write DIR/<answers file stem>.<ext> for each answers file (ext follows --format); "
        "without --answers: the folder the app's export dialog offers",
    )
    parser.add_argument(
        "--format",
        choices=tuple(FORMATS),
        default=DEFAULT_FORMAT,
        dest="export_format",
        help="toml: the session with a [teaching] table of the marks (default); md: the "
        "debrief, then the clinical summary; fhir: the session as a FHIR QuestionnaireResponse",
    )
    parser.add_argument(
        "--overwrite", action="store_true", help="replace existing export files (default: refuse)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    folder = load_cases([args.cases or cases_dir()])
    if args.list:
        return list_cases(folder)
    if args.resume and args.answers:
        return _usage("--resume opens a saved attempt in the app; --answers marks files: use one")
    if args.answers:
        return mark_files(args, folder)
    if args.export:
        return _usage("--export needs --answers (in the app, Ctrl+S saves the attempt)")
    try:
        return launch(args, folder)
    except CaseFileError as error:
        for line in error.lines():
            print(line, file=sys.stderr)
        return 2


def list_cases(folder: CaseFolder) -> int:
    width = max((len(case.id) for case in folder.cases), default=0)
    for case in folder.cases:
        print(f"{case.id:<{width}}  {case.title}")
    return _report_broken(folder)


def mark_files(args: argparse.Namespace, folder: CaseFolder) -> int:
    if not args.case_id:
        return _usage("--answers needs a CASE_ID (see lm-tui teach --list)")
    if args.export and len(args.answers) > 1:
        return _usage(f"--export takes one answers file, got {len(args.answers)}; use --export-dir")
    if args.export_dir:
        from lm_tui.exports.export_folder import prepare_export_folder

        try:
            created = prepare_export_folder(args.export_dir)
        except LmTuiError as error:
            return _usage(str(error))
        if created:
            print(created, file=sys.stderr)
    try:
        case, flow = playable_case(args, folder)
    except CaseFileError as error:
        for line in error.lines():
            print(line, file=sys.stderr)
        return 2
    failed = 0
    for source in args.answers:
        try:
            marked = _mark_one(case, flow, source, args.feedback)
            fmt = export_format(args.export_format)
            target = args.export or (
                path_in_folder(args.export_dir, source.stem, fmt) if args.export_dir else None
            )
            if target is not None:
                export_attempt(marked.attempt, target, args.export_format, args.overwrite)
        except LmTuiError as error:
            print(f"lm-tui teach: {error}", file=sys.stderr)
            failed += 1
            continue
        _print_marks(source, marked, target)
    if failed and len(args.answers) > 1:
        print(f"lm-tui teach: {failed} of {len(args.answers)} file(s) failed", file=sys.stderr)
    return 2 if failed else 0


def _mark_one(case: Case, flow: Flow, source: Path, feedback: Feedback) -> MarkedAnswers:
    answers = load_answers(source)
    try:
        marked = mark_answers(case, flow, answers, feedback)
    except LmTuiError as error:
        raise type(error)(f"{source}: {error}") from None
    if marked.overridden_facts:
        print(
            f"{source}: ignored, facts of the case (the case's values count): "
            + ", ".join(marked.overridden_facts),
            file=sys.stderr,
        )
    if marked.unused:
        print(
            f"{source}: ignored, not asked on this path: {', '.join(marked.unused)}",
            file=sys.stderr,
        )
    return marked


def _print_marks(source: Path, marked: MarkedAnswers, target: Path | None) -> None:
    debrief = build_debrief(marked.attempt)
    written = f" -> {target}" if target else ""
    score = shown_points(debrief.score)
    print(f"{source}: case '{debrief.case_id}' score {score}/{debrief.max_score}{written}")
    for line in debrief.decisions:
        answered = f": {line.answered}" if line.mark.reached else ""
        detail = "" if line.mark.correct else f" (expected {line.expected})"
        points = "" if line.mark.correct or not line.items else f" [{line.points} of 1]"
        print(f"  {line.verdict:<11} {line.mark.variable}{answered}{detail}{points}")
        if not line.mark.correct:
            for item in line.items:
                reason = f": {' '.join(item.reason.splitlines())}" if item.reason else ""
                print(f"      {item.heading}{reason}")
    for pitfall in debrief.pitfalls:
        print(f"  pitfall     {pitfall.id} ({pitfall.severity})")


def _report_broken(folder: CaseFolder) -> int:
    for error in folder.errors:
        for line in error.lines():
            print(line, file=sys.stderr)
    if folder.errors:
        print(
            f"lm-tui teach: {len(folder.errors)} case file(s) could not be read; "
            "run `lm-tui check` for details",
            file=sys.stderr,
        )
        return 2
    return 0


def _usage(message: str) -> int:
    print(f"lm-tui teach: {message}", file=sys.stderr)
    return 2
