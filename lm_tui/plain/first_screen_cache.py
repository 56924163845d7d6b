"""A cache of the plain mode's first screen, so the first question appears before the core loads.

Importing pydantic and building the flow models takes several times longer than showing a
question. The first screen depends only on the flow file and the app version, so it is kept in
a small text file keyed by both; on a hit it is printed at once and the flow is loaded while
the user reads. The loaded flow always renders the screen again and, if the cached text
differs, prints the right one, so a stale cache can only cost a repeated question, never a
wrong one.

The cache holds flow text only (title, disclaimer, first question), never answers. Set
`LM_TUI_NO_CACHE=1` to turn it off, `LM_TUI_CACHE_DIR` to move it (default
`$XDG_CACHE_HOME/lm-tui`, else `~/.cache/lm-tui`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from lm_tui import __version__

RENDER_REVISION = "1"
"""Bump when the plain mode's first screen is laid out differently (it also self-corrects)."""

KEEP_FILES = 32
"""Oldest cached screens beyond this many are removed."""

_PREFIX = "plain-first-screen-"


def cache_dir() -> Path | None:
    if os.environ.get("LM_TUI_NO_CACHE"):
        return None
    explicit = os.environ.get("LM_TUI_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lm-tui"


def cache_key(flow_bytes: bytes) -> str:
    digest = hashlib.sha256()
    for part in (RENDER_REVISION.encode(), __version__.encode(), flow_bytes):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:40]


def lookup(flow_bytes: bytes) -> str | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return (folder / f"{_PREFIX}{cache_key(flow_bytes)}.txt").read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def store(flow_bytes: bytes, screen: str) -> None:
    """Best effort: a cache that cannot be written only costs speed next time."""
    folder = cache_dir()
    if folder is None:
        return
    temp_name = ""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=".first-screen.", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(screen)
        os.replace(temp_name, folder / f"{_PREFIX}{cache_key(flow_bytes)}.txt")
        temp_name = ""
        _prune(folder)
    except OSError:
        pass
    finally:
        if temp_name:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


def _prune(folder: Path) -> None:
    cached = sorted(folder.glob(f"{_PREFIX}*.txt"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in cached[KEEP_FILES:]:
        old.unlink(missing_ok=True)
