"""Where the clinical contract's acceptance examples are: the one place tests and benchmarks ask.

The examples live beside the clone (`../shared/spec/<folder>`, or further up, as from a git
worktree nested below the project's folder); `LM_TUI_EXAMPLES` overrides the folder. The
reference documents the flow's text is checked against (tests/unit/test_own_words.py) are found
the same way, in `../shared/reference/`; `LM_TUI_REFERENCE` overrides that folder.

`CONTRACT_FOLDER` follows the bundled flow's version: the contract's version 2 examples (for
flow 2.0.0) are in `examples/`, version 1's in `examples-v1/`. The bundled flow is 2.0.0, so the
acceptance tests and the benchmark read `examples/`.
"""

from __future__ import annotations

import os
from pathlib import Path

CONTRACT_FOLDER = "examples"
"""The examples folder that matches the bundled flow's contract version (2.0.0: `examples`)."""

PROJECT = Path(__file__).resolve().parents[1]


def shared_folder() -> Path:
    """The `shared/` folder beside the clone (or further up, as from a nested git worktree)."""
    for folder in PROJECT.parents:
        if (folder / "shared" / "spec").is_dir():
            return folder / "shared"
    return PROJECT.parent / "shared"


def examples_folder() -> Path:
    """The acceptance examples folder for the bundled flow's contract version."""
    override = os.environ.get("LM_TUI_EXAMPLES")
    if override:
        return Path(override)
    return shared_folder() / "spec" / CONTRACT_FOLDER


def reference_folder() -> Path:
    """The reference documents that the flow's own-words test compares its text with."""
    override = os.environ.get("LM_TUI_REFERENCE")
    if override:
        return Path(override)
    return shared_folder() / "reference"
