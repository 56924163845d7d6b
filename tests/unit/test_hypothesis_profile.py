"""Property tests can be replayed: derandomised in CI, and locally a failure prints its replay."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ci_derandomises_and_a_local_run_does_not() -> None:
    probe = (
        "import tests.conftest; from hypothesis import settings; "
        "print(settings.default.derandomize, settings.default.print_blob)"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "HYPOTHESIS_PROFILE")}
    local = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    ci = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={**env, "CI": "true"},
        capture_output=True,
        text=True,
    )
    assert local.stdout.split() == ["False", "True"], local.stderr
    assert ci.stdout.split() == ["True", "True"], ci.stderr
