"""The one guard for looking at a path a user typed: an `OSError` becomes a one-line message.

Even asking whether a path exists can fail: a 300-character name (`ENAMETOOLONG`), a folder we
may not enter (`EACCES`), a loop of symlinks. `pathlib` raises those from `exists()`,
`is_dir()` and `glob()`; every command and dialog that inspects a user-given path goes through
the functions here instead, so the failure reads `PATH: the name is too long; choose a shorter
one` with exit 2, never an internal error.
"""

from __future__ import annotations

import errno
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lm_tui.flow.errors import LmTuiError


class PathError(LmTuiError):
    """A user-given path the operating system would not let us look at."""


def reason(error: OSError) -> str:
    """Why the operating system refused, in words that say what to do."""
    if error.errno == errno.ENAMETOOLONG:
        return "the name is too long; choose a shorter one"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied; choose a place you may open"
    if error.errno == errno.ELOOP:
        return "too many levels of symbolic links; check the path"
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return "no such file or folder; check the path"
    return f"cannot be looked at ({error.strerror or error})"


@contextmanager
def guarded(path: Path) -> Iterator[None]:
    """Run file-system calls on `path`; an OSError becomes PathError naming the path."""
    try:
        yield
    except OSError as error:
        raise PathError(f"{path}: {reason(error)}") from None


def exists(path: Path) -> bool:
    with guarded(path):
        return path.exists()


def is_dir(path: Path) -> bool:
    with guarded(path):
        return path.is_dir()


def is_regular_file(path: Path) -> bool:
    """True for a regular file (or a symlink to one): not a folder, FIFO, device or socket."""
    with guarded(path):
        try:
            return stat.S_ISREG(path.stat().st_mode)
        except FileNotFoundError:
            return False


def files_in(folder: Path, pattern: str) -> list[Path]:
    """The files of `folder` matching `pattern`, sorted so listings are stable."""
    with guarded(folder):
        return sorted(path for path in folder.glob(pattern) if path.is_file())
