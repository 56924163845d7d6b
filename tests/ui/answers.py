"""Answer sets for the app tests, read from the acceptance examples (never typed out here)."""

from __future__ import annotations

import tomllib
from typing import Any

from tests.conftest import EXAMPLES


def example_answers(name: str) -> dict[str, Any]:
    return dict(tomllib.loads((EXAMPLES / f"{name}.toml").read_text())["answers"])


EGFR = "egfr-lung-good-it"
BORDERLINE = "breast-kps70-borderline-good"
OBSTRUCTED = "lung-obstructed-csi-mtx"
CHILD = "child-it-dose"
