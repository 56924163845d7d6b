"""`--export-dir DIR`: the folder exports go to, created when only its last level is missing.

A clinician typing `--export-dir ~/lm-sessions` on a new machine means "put them there", so the
folder is made (owner-only, as exports hold clinical answers) and the user is told; a missing
parent is more likely a typo (`/mnt/usbb/cases`), so that is refused with a message instead of
creating a tree nobody asked for.
"""

from __future__ import annotations

import errno
from pathlib import Path

from lm_tui.flow.errors import ExportError


def prepare_export_folder(folder: Path) -> str | None:
    """Make sure `folder` exists; returns the line telling the user it was created, or None.

    Raises ExportError (one line, naming the folder) when it cannot be used or made.
    """
    folder = folder.expanduser()
    try:
        if folder.is_dir():
            return None
        if folder.exists():
            raise ExportError(f"--export-dir {folder}: is not a folder; choose another")
        parent = folder.parent
        if not parent.is_dir():
            raise ExportError(
                f"--export-dir {folder}: the folder it would go in, {parent}, does not exist; "
                "create it or choose another"
            )
        folder.mkdir(mode=0o700)
    except OSError as error:
        if error.errno == errno.EEXIST and folder.is_dir():
            return None  # made by another window at the same moment: just as good
        raise ExportError(
            f"--export-dir {folder}: cannot be created ({error.strerror or error}); "
            "choose a folder you can write to"
        ) from None
    return f"lm-tui: created the export folder {folder}"
