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

import hashlib

from lm_tui import __version__
from lm_tui.cache_files import cache_dir, store_privately

RENDER_REVISION = "1"
"""Bump when the plain mode's first screen is laid out differently (it also self-corrects)."""

KEEP_FILES = 32
"""Oldest cached screens beyond this many are removed."""

_PREFIX = "plain-first-screen-"


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
    if folder is not None:
        entry = folder / f"{_PREFIX}{cache_key(flow_bytes)}.txt"
        store_privately(entry, screen.encode("utf-8"), keep=KEEP_FILES, pattern=f"{_PREFIX}*.txt")
