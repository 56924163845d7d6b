"""Where the clinical contract's acceptance examples are: the one place tests and benchmarks ask.

The examples live beside the clone (`../shared/spec/<folder>`, or further up, as from a git
worktree nested below the project's folder); `LM_TUI_EXAMPLES` overrides the folder.

`CONTRACT_FOLDER` follows the bundled flow's version: the contract's version 2 examples are in
`examples/`, version 1's in `examples-v1/`. While the bundled flow is still 1.0.0 the acceptance
tests read version 1's, so that work on other issues can land; the flow's move to 2.0.0 points
them back at `examples/`.
"""

from __future__ import annotations

import os
from pathlib import Path

CONTRACT_FOLDER = "examples-v1"
"""The examples folder that matches the bundled flow's contract version (1.0.0: `examples-v1`)."""

PROJECT = Path(__file__).resolve().parents[1]


def examples_folder() -> Path:
    """The acceptance examples folder for the bundled flow's contract version."""
    override = os.environ.get("LM_TUI_EXAMPLES")
    if override:
        return Path(override)
    for folder in PROJECT.parents:
        if (folder / "shared" / "spec").is_dir():
            return folder / "shared" / "spec" / CONTRACT_FOLDER
    return PROJECT.parent / "shared" / "spec" / CONTRACT_FOLDER
