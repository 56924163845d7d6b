"""What a user sees when lm-tui itself has a bug: one line, and the details saved for a report."""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path

EXIT_INTERNAL = 70


def report_crash(error: BaseException) -> int:
    details = "".join(traceback.format_exception(error))
    saved = ""
    try:
        handle, name = tempfile.mkstemp(prefix="lm-tui-crash-", suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(details)
        saved = f"; details saved in {Path(name)}"
    except OSError:
        pass
    print(
        f"lm-tui: internal error ({type(error).__name__}: {error}){saved}; please report it",
        file=sys.stderr,
    )
    return EXIT_INTERNAL
