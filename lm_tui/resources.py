"""The one place that finds the bundled `flows/` and `screens/` folders.

In a checkout they sit at the project root beside `lm_tui/`; in an installed wheel hatch copies
them into `lm_tui/_bundled/`. Everything else asks this module, so a file that exists only in the
checkout is caught by the wheel test rather than on a hospital machine.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_CANDIDATE_ROOTS = (_PACKAGE_DIR / "_bundled", _PACKAGE_DIR.parent)

BUNDLED_FLOW_NAME = "leptomeningeal.toml"


def _find(folder: str) -> Path:
    for root in _CANDIDATE_ROOTS:
        candidate = root / folder
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"the bundled '{folder}' folder is missing from the installation; reinstall lm-tui"
    )


def flows_dir() -> Path:
    """Folder of the bundled flow files."""
    return _find("flows")


def screens_dir() -> Path:
    """Folder of the screen stylesheets (`*.tcss`)."""
    return _find("screens")


def cases_dir() -> Path:
    """Folder of the bundled teaching cases."""
    return flows_dir() / "cases"


def bundled_flow_path() -> Path:
    """The flow the app runs when no `--flow` is given."""
    return flows_dir() / BUNDLED_FLOW_NAME
