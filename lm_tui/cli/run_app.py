"""`lm-tui run`: load the flow (and a session to resume), run the app, return the exit code.

Everything the command line names is read and checked here, before Textual loads; the app
(`lm_tui.ui.app.LmTuiApp`) is handed the loaded session and plain values only.

Errors a user can cause (a bad flow, an unreadable session file, a missing export folder) are
raised as lm-tui errors for the CLI boundary to print in one line; nothing is caught here.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from lm_tui.cli.common import export_folder, flow_from
from lm_tui.cli.terminal import require_terminal
from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import SessionFileError
from lm_tui.garbage_collection import is_paused
from lm_tui.session.autosave import Autosaver
from lm_tui.session.engine import Session


def launch(args: argparse.Namespace) -> int:
    flow = flow_from(args)
    export_dir = export_folder(getattr(args, "export_dir", None))
    resume_path: Path | None = getattr(args, "resume", None)
    lines: list[str] = []
    warnings: list[str] = []
    autosaver = Autosaver()
    if resume_path is not None:
        session, lines, warnings = resume(resume_path, flow)
        autosaver.adopt(resume_path, session)  # an autosave goes on in its own file
    else:
        session = Session(flow, interface="tui")
    # An unfinished session (a crash, a closed window) is offered on the first screen; a
    # teaching attempt is resumed with `lm-tui teach`, never here.
    pending = (
        []
        if resume_path is not None
        else [found for found in autosaver.pending() if found.teaching_case is None]
    )

    require_terminal()  # after the arguments and files are checked, before Textual loads
    from lm_tui.ui.app import LmTuiApp  # deferred: a bad argument fails before Textual loads

    app = LmTuiApp(
        session,
        export_dir,
        resume_lines=lines,
        resume_warnings=warnings,
        autosaver=autosaver,
        pending=pending,
    )
    # `lm-tui run` pauses garbage collection for the start; the app resumes it once painted.
    app.collection_paused = is_paused()
    app.run()
    if app.crash is not None:
        raise app.crash  # the CLI boundary reports it in one line and saves the details
    return app.return_code or 0


def resume(path: Path, flow: Flow) -> tuple[Session, list[str], list[str]]:
    """The session recorded in `path`, what to tell the user about it, and what to warn about."""
    from lm_tui.session.session_file import read_session_file, restore
    from lm_tui.teaching.resume import recorded_case_id

    record = read_session_file(path)
    case_id = recorded_case_id(record)
    if case_id is not None:
        # Resumed here, the case's facts would be editable and its marks lost.
        raise SessionFileError(
            f"{path}: a teaching attempt at case '{case_id}'; "
            f"go on with it with: lm-tui teach --resume {path}"
        )
    restored = restore(record, flow)
    session = restored.session
    session.interface = "tui"  # it goes on in the app, whatever recorded it first
    answers = len(session.answers)
    where = (
        "complete: the outcome is shown"
        if session.is_complete
        else f"stopped at “{flow.nodes[session.current].title or session.current}”"
    )
    lines = [f"Resumed {path}: {answers} answer(s), {where}."]
    warnings = []
    if restored.flow_changed:
        recorded = record.info.get("flow_version", "?")
        warnings.append(
            f"The flow file has changed since this session was recorded (recorded with version "
            f"{recorded}, SHA-256 {record.flow_sha256[:12]}…; now {flow.version}, "
            f"{flow.sha256[:12]}…). Check every answer and the outcome again."
        )
    for problem in restored.problems:
        warnings.append(f"Not replayed: {problem}")
    from lm_tui.session.record_check import disagreements

    warnings += [
        f"The file disagrees with itself: {line}" for line in disagreements(record, restored)
    ]
    pending = session.unacknowledged_critical()
    if pending:
        titles = "; ".join(flow.pitfalls[p].title for p in pending)
        warnings.append(f"Critical pitfall(s) not acknowledged: {titles}.")
    return session, lines, warnings
