"""The user cache folder and how files are written into it; shared by the start-up caches.

Kept free of heavy imports: plain mode reads its cache before the flow core is loaded.
Location: `$LM_TUI_CACHE_DIR`, else the system's cache folder (`user_folders.py`:
`$XDG_CACHE_HOME/lm-tui` or `~/.cache/lm-tui` on Linux, `~/Library/Caches/lm-tui` on macOS,
`%LOCALAPPDATA%\\lm-tui\\Cache` on Windows); `LM_TUI_NO_CACHE=1` turns the caches off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
"""lm-tui's own source folder, whose files the caches' keys hash (source_fingerprint)."""


def cache_dir() -> Path | None:
    if os.environ.get("LM_TUI_NO_CACHE"):
        return None
    explicit = os.environ.get("LM_TUI_CACHE_DIR")
    if explicit:
        return Path(explicit)
    from lm_tui.user_folders import user_folder

    return user_folder("cache")


def store_privately(entry: Path, data: bytes, *, keep: int, pattern: str) -> None:
    """Write `entry` whole or not at all (temporary file, then rename), readable by its owner
    only, then remove the oldest files matching `pattern` beyond `keep`. Best effort: a cache
    that cannot be written only costs speed next time."""
    temp_name = ""
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=".cache.", dir=entry.parent)  # mode 0600
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp_name, entry)
        temp_name = ""
        cached = sorted(entry.parent.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in cached[keep:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
    finally:
        if temp_name:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


def source_fingerprint(parts: Iterable[str]) -> str:
    """A SHA-256 of lm-tui's own source files that made a cached result, for the cache's key.

    Each part is a module file or a package folder (all its modules) relative to the lm_tui
    folder. A change to any of those files is a change of key, so a development checkout never
    reads a result stored by older code; an installed release changes its version anyway.
    """
    digest = hashlib.sha256()
    for part in parts:
        place = PACKAGE / part
        for path in sorted(place.glob("*.py")) if place.is_dir() else [place]:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()
