"""Ctrl+S in a teaching session: the same dialog, writing the session with its marks."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from lm_tui.flow.errors import ExportError
from lm_tui.teaching.attempt import CaseAttempt
from lm_tui.teaching.export import export_attempt
from lm_tui.ui.modals.export import ExportDialog


def default_attempt_path(attempt: CaseAttempt, folder: Path) -> Path:
    """`<case id>-attempt-<start time, UTC>.toml`: the case in the name, for an instructor."""
    return folder / f"{attempt.case.id}-attempt-{attempt.session.started_at:%Y%m%d-%H%M%S}.toml"


class AttemptExportDialog(ExportDialog):
    def __init__(self, attempt: CaseAttempt, folder: Path) -> None:
        super().__init__(attempt.session, folder)
        self.attempt = attempt

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).value = str(
            default_attempt_path(self.attempt, self.folder)
        )
        super().on_mount()

    def save(self, path: Path, *, overwrite: bool) -> None:
        try:
            export_attempt(self.attempt, path, self.format_name, overwrite=overwrite)
        except ExportError as error:
            self.show_error(f"Not saved: {error}")
            return
        self.dismiss(path)
