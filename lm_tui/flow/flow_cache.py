"""The loaded bundled flow, remembered by content hash in the user cache dir, for a fast start.

Validating the flow file means importing pydantic and building its validators for every model
first, which costs more than anything else the app does before its first screen. The bundled
flow changes only with a release, so the loaded `Flow` (validated file as plain records, checked
names, parsed conditions; nothing in it needs pydantic to be read back) is kept as a pickle
under a key made of the file's SHA-256, the lm-tui version, the Python and pydantic versions
and a hash of the source of every lm-tui module the load runs (`LOAD_SOURCES`, hashed by
`cache_files.source_fingerprint` as the proof's cache does). Any other key, or a file whose
stored hash is not the file's, is never used.

A pickle runs code when read, so a cache file is read only when it, and its folder, belong to
the current user and nobody else can write them; the cache is written that way (folder 0700,
file 0600, temporary file then rename). Any trouble (missing, damaged, foreign, unwritable)
falls back to loading the file as if there were no cache: the cache makes a start faster, never
different. `LM_TUI_NO_CACHE=1` turns it off; `LM_TUI_CACHE_DIR` moves it (default
`$XDG_CACHE_HOME/lm-tui`, else `~/.cache/lm-tui`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path

from lm_tui import __version__
from lm_tui.cache_files import cache_dir, source_fingerprint, store_privately
from lm_tui.flow.definition import Flow

CACHE_FORMAT = 1
"""Bumped when the stored layout changes."""

LOAD_SOURCES = ("__init__.py", "flow", "garbage_collection.py")
"""Every lm-tui module `loader.load_flow` imports: the lm_tui package itself, the flow language
package and the collector's pause. A change to any of them is a change of key, so a development
checkout never reads a Flow pickled by older code; tests/perf/test_flow_cache.py fails when the
load imports a module outside them."""

KEEP_FILES = 8
"""Older cached flows beyond this many are removed."""

_PREFIX = "flow-"


def cache_key(sha256: str) -> str:
    digest = hashlib.sha256()
    for part in (str(CACHE_FORMAT), sha256, __version__, sys.version, _validator_version()):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(source_fingerprint(LOAD_SOURCES).encode())
    return digest.hexdigest()[:40]


def _validator_version() -> str:
    """The installed pydantic's version file, read without importing pydantic (importing it is
    the cost the cache exists to avoid): another pydantic may accept or coerce differently."""
    from importlib.util import find_spec

    try:
        spec = find_spec("pydantic")
        origin = spec.origin if spec is not None else None
        return Path(origin).with_name("version.py").read_text("utf-8") if origin else ""
    except (OSError, ImportError, ValueError):
        return ""


def load_chosen_flow(path: Path | None) -> Flow:
    """The flow file a user named, or (none named) the bundled flow, from the cache.

    Only the bundled flow is cached: it changes only with a release, while a file being written
    changes all the time and is loaded afresh, with every problem reported."""
    if path is None:
        from lm_tui.resources import bundled_flow_path

        return load_flow_cached(bundled_flow_path())
    from lm_tui.flow import loader

    return loader.load_flow(path)


def load_flow_cached(path: Path) -> Flow:
    """`load_flow(path)`, from the cache when it holds this exact file loaded by this code."""
    # The loader (TOML parsing, the condition parser) is imported only when the cache misses.
    folder = cache_dir()
    try:
        sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        entry = None if folder is None else folder / f"{_PREFIX}{cache_key(sha256)}.pickle"
    except OSError:
        from lm_tui.flow import loader

        return loader.load_flow(path)  # it reports the unreadable file in its own words
    if entry is not None:
        cached = _read(entry, sha256)
        if cached is not None:
            return dataclasses.replace(cached, path=path)
    from lm_tui.flow import loader

    flow = loader.load_flow(path)
    if entry is not None and flow.sha256 == sha256:  # not changed between the two reads
        _write(entry, flow)
    return flow


def _private(info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(entry: Path, sha256: str) -> Flow | None:
    try:
        with entry.open("rb") as stream:
            if not (_private(os.fstat(stream.fileno())) and _private(entry.parent.stat())):
                return None
            flow = pickle.load(stream)
    except Exception:  # a damaged pickle can raise almost anything; it is only a cache
        return None
    if not isinstance(flow, Flow) or flow.sha256 != sha256:
        return None
    return flow


def _write(entry: Path, flow: Flow) -> None:
    """Best effort: a cache that cannot be written only costs speed next time."""
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(entry.parent.stat()):
            return  # a folder others can write to is no place for a file that runs code
        data = pickle.dumps(flow, protocol=pickle.HIGHEST_PROTOCOL)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return
    store_privately(entry, data, keep=KEEP_FILES, pattern=f"{_PREFIX}*.pickle")
