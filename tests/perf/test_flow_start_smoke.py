"""`benchmarks/flow_start.py` still runs against another revision and prints every figure (the
numbers are not judged here: they depend on the machine)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_flow_start_compares_with_a_revision() -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git clone: --against needs git archive")
    arguments = ["--rounds", "1", "--nodes", "100", "--against", "HEAD"]
    done = subprocess.run(
        [sys.executable, "benchmarks/flow_start.py", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    assert "HEAD" in lines[0] and "this checkout" in lines[0]
    for figure in ("parse_large_s", "load_large_s", "start_warm_ms", "start_cold_ms"):
        (row,) = [line for line in lines if line.startswith(figure)]
        assert all(float(value) > 0 for value in row.split()[1:]), row
    (imports,) = [line for line in lines if line.startswith("warm start imports pydantic")]
    assert imports.split()[-2:] == ["False", "False"]
