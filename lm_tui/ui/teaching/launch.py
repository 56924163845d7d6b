"""`lm-tui teach [CASE_ID] [--resume FILE]`: pick a case (when none is named) or reopen a
saved attempt, then run it in the app.

Errors a user can cause (an unknown case, a case that does not fit the flow, a missing export
folder) are raised as lm-tui errors for the CLI boundary to print in one line.
"""

from __future__ import annotations

import argparse

from lm_tui.cli.terminal import require_terminal
from lm_tui.teaching.attempt import CaseAttempt
from lm_tui.teaching.cases import CaseFolder
from lm_tui.teaching.resume import read_attempt_file, resume_attempt
from lm_tui.ui.launch import export_folder


def launch(args: argparse.Namespace, folder: CaseFolder) -> int:
    export_dir = export_folder(getattr(args, "export_dir", None))
    if args.resume is not None:
        attempt = resumed_attempt(args, folder)
    else:
        chosen = new_attempt(args, folder)
        if chosen is None:
            return 0  # the picker was closed without choosing a case
        attempt = chosen

    require_terminal()
    from lm_tui.session.autosave import Autosaver
    from lm_tui.teaching.export import teaching_table
    from lm_tui.ui.teaching.app import TeachingApp  # deferred: a bad argument fails first

    # Every decision is autosaved with the case's table, as the export would hold it, so
    # `lm-tui teach --resume` reopens the attempt after a crash.
    autosaver = Autosaver(extra=lambda: {"teaching": teaching_table(attempt)})
    if args.resume is not None:
        autosaver.adopt(args.resume, attempt.session)
        pending = []
    else:
        pending = [
            found
            for found in autosaver.pending()
            if found.teaching_case is not None and not found.in_use
        ]
    app = TeachingApp(attempt, export_dir, autosaver=autosaver, unfinished=pending)
    app.run()
    if app.crash is not None:
        raise app.crash  # the CLI boundary reports it in one line and saves the details
    return app.return_code or 0


def new_attempt(args: argparse.Namespace, folder: CaseFolder) -> CaseAttempt | None:
    """The case named on the command line, or picked in the case picker (None: none picked)."""
    from lm_tui.cli.teach import playable_case

    if not args.case_id:
        require_terminal()
        from lm_tui.ui.teaching.picker import CasePickerApp

        picker = CasePickerApp(folder)
        picker.run()
        if picker.crash is not None:
            raise picker.crash
        if not picker.return_value:
            return None
        args.case_id = picker.return_value
    case, flow = playable_case(args, folder)
    return CaseAttempt.start(case, flow, feedback=args.feedback, interface="tui")


def resumed_attempt(args: argparse.Namespace, folder: CaseFolder) -> CaseAttempt:
    """The attempt saved in `--resume FILE`, on the case it recorded (CASE_ID, if given, must
    name the same case)."""
    from lm_tui.cli.teach import playable_case

    record, recorded = read_attempt_file(args.resume)
    args.case_id = args.case_id or recorded
    case, flow = playable_case(args, folder)
    return resume_attempt(record, case, flow)
