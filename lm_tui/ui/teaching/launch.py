"""`lm-tui teach [CASE_ID]`: pick a case (when none is named), then run it in the app.

Errors a user can cause (an unknown case, a case that does not fit the flow, a missing export
folder) are raised as lm-tui errors for the CLI boundary to print in one line.
"""

from __future__ import annotations

import argparse

from lm_tui.teaching.attempt import CaseAttempt
from lm_tui.teaching.cases import CaseFolder
from lm_tui.ui.launch import export_folder


def launch(args: argparse.Namespace, folder: CaseFolder) -> int:
    from lm_tui.cli.teach import playable_case

    export_dir = export_folder(getattr(args, "export_dir", None))
    if not args.case_id:
        from lm_tui.ui.teaching.picker import CasePickerApp

        picker = CasePickerApp(folder)
        picker.run()
        if picker.crash is not None:
            raise picker.crash
        if not picker.return_value:
            return 0
        args.case_id = picker.return_value
    case, flow = playable_case(args, folder)
    attempt = CaseAttempt.start(case, flow, feedback=args.feedback, interface="tui")

    from lm_tui.ui.teaching.app import TeachingApp  # deferred: a bad argument fails first

    app = TeachingApp(attempt, export_dir)
    app.run()
    if app.crash is not None:
        raise app.crash  # the CLI boundary reports it in one line and saves the details
    return app.return_code or 0
