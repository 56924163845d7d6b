"""Does a cache's key change with every lm-tui module the cached work runs?

A cache keyed by a hash of source files (`cache_files.source_fingerprint`) is only safe if the
files it hashes include every module the cached work imports: otherwise a change to one of
those modules lets a result made by older code be read. These helpers find, in a fresh process,
the lm-tui modules a piece of work imports, and change each one in a copy of the package.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from lm_tui import cache_files

_LIST_MODULES = (
    "\nfor module in list(sys.modules.values()):\n"
    "    if module.__name__.split('.')[0] == 'lm_tui':\n"
    "        print(module.__file__)\n"
)


def modules_imported_by(work: str, *args: str) -> list[str]:
    """The lm-tui source files a fresh process has imported after running `work` (Python code
    that may read `sys.argv[1:]`, which are `args`), relative to the lm_tui folder."""
    done = subprocess.run(
        [sys.executable, "-c", "import sys\n" + work + _LIST_MODULES, *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return sorted(
        Path(line).resolve().relative_to(cache_files.PACKAGE).as_posix()
        for line in done.stdout.split()
    )


def modules_left_out_of(
    key: Callable[[], str], modules: list[str], copy: Path, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """Those of `modules` whose change leaves `key()` as it was, each changed in turn in a copy of
    the package (at `copy`) that the fingerprint is made to read."""
    shutil.copytree(cache_files.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache_files, "PACKAGE", copy)
    unchanged = key()
    left_out = []
    for module in modules:
        source = (copy / module).read_bytes()
        (copy / module).write_bytes(source + b"\n# changed\n")
        if key() == unchanged:
            left_out.append(module)
        (copy / module).write_bytes(source)
    assert key() == unchanged, "the key is not made of the files' content alone"
    return left_out
