"""Writing a file whole or not at all, on any disk a hospital hands us, FAT USB sticks included.

The data goes to a temporary file beside the target, is flushed to the disk, and takes the
target's name with `os.replace` (atomic on POSIX and Windows); then the folder itself is synced
where the system allows, so the new name survives a power cut too. Refusing to replace an
existing file used to rely on a hard link, which FAT, exFAT and many network shares do not
have; the name is now claimed first with an exclusive create (`O_EXCL`, which every file system
supports), and the finished temporary file replaces that empty claim.

A crash part-way leaves a temporary file with clinical content. Those are recognised by their
name (`.<target name>.<8 random characters>.tmp`, what `tempfile.mkstemp` makes here) and owner,
and removed at the next save into the same folder once they are older than `STALE_AFTER`
(a younger one may be another window writing right now).

No library is used: `atomicwrites` is unmaintained and, like most, replaces without asking;
the standard library has every piece, and the rules here (claim first, never follow or remove
what is not ours) are the point.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import time
from pathlib import Path

from lm_tui.flow.errors import ExportError

STALE_AFTER = 600.0
"""Seconds after which a temporary file of ours is a crash's leftover: a save takes well under
a second even on a slow USB stick, so ten minutes never catches a write in progress."""

TEMP_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
"""The temporary files this module makes: a dot, the target's name, mkstemp's random part."""

_swept: set[str] = set()
"""Folders already cleaned in this run: autosave writes after every answer, one sweep will do."""


def write_atomically(path: Path, data: bytes, overwrite: bool = False) -> None:
    """Write `data` to `path` via a temp file in the same folder and a rename.

    The file is readable by its owner only. Without `overwrite`, an existing file is never
    replaced: the name is claimed with an exclusive create first. Any failure leaves no partial
    file (and removes the claim) and raises ExportError with a reason a user can act on.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        _check_target(path, folder, overwrite)
    except OSError as error:
        # Even looking at the path can fail (a name too long, a folder we may not enter).
        raise ExportError(f"{path}: {reason(error)} (nothing was written)") from None
    remove_stale_temp_files(folder)
    temp_name = ""
    claimed = False
    try:
        if not overwrite:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            claimed = True
        # The temp name stays short so a long but valid final name cannot fail here; mkstemp
        # makes it readable by its owner only (no chmod: FAT under FUSE refuses one).
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{path.name[:64]}.", suffix=".tmp", dir=folder
        )
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
        temp_name = ""
        claimed = False
        sync_folder(folder)
    except FileExistsError:
        raise ExportError(
            f"{path}: already exists; choose another name (nothing was written)"
        ) from None
    except OSError as error:
        raise ExportError(f"{path}: {reason(error)} (nothing was written)") from None
    finally:
        if temp_name:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
        if claimed:
            with contextlib.suppress(OSError):
                os.unlink(path)  # our own empty claim, made above in this call


def sync_folder(folder: Path) -> None:
    """Flush the folder's entry list, where the system allows it (not on Windows, nor on some
    network file systems, which refuse to sync a folder: the file itself is synced already)."""
    directory_flag = getattr(os, "O_DIRECTORY", None)
    if directory_flag is None:
        return
    try:
        handle = os.open(folder, os.O_RDONLY | directory_flag)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(handle)
    finally:
        os.close(handle)


def remove_stale_temp_files(folder: Path, *, now: float | None = None, again: bool = False) -> int:
    """Remove this program's temporary files left in `folder` by a crash; returns how many.

    Only regular files (never a link) named as `write_atomically` names them, owned by this
    user and older than STALE_AFTER. Best effort: a folder that cannot be listed is left alone.
    Each folder is swept once per run unless `again`.
    """
    key = os.path.abspath(folder)
    if key in _swept and not again:
        return 0
    _swept.add(key)
    current = time.time() if now is None else now
    user = os.getuid() if hasattr(os, "getuid") else None
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not TEMP_NAME.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not entry.is_file(follow_symlinks=False):
                continue
            if user is not None and info.st_uid != user:
                continue
            if current - info.st_mtime < STALE_AFTER:
                continue
            os.unlink(entry.path)
            removed += 1
        except OSError:
            continue
    return removed


def _check_target(path: Path, folder: Path, overwrite: bool) -> None:
    if path.is_dir():
        raise ExportError(f"{path}: is a directory; choose a file name")
    if not folder.exists():
        raise ExportError(f"{path}: folder {folder} does not exist; create it or choose another")
    if not folder.is_dir():
        raise ExportError(f"{path}: {folder} is not a folder; choose another path")
    if not overwrite and path.exists():
        raise ExportError(f"{path}: already exists; choose another name (nothing was written)")


def reason(error: OSError) -> str:
    """What went wrong, in words that say what to do."""
    if error.errno == errno.ENOSPC:
        return "the disk is full; free space or choose another place"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "not allowed to write there; choose a folder you can write to"
    if error.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    return f"could not be written ({error.strerror or error})"
