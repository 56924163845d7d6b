"""Fixtures for the fast core tests: the CLI run in-process, and flow files written on the fly."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from lm_tui.cli import main

BROKEN = Path(__file__).resolve().parent.parent / "fixtures" / "flows" / "broken"
"""One small flow per verifier defect class; each is otherwise sound."""


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


RunCli = Callable[..., CliResult]


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> RunCli:
    """Run `lm-tui ARGS...` in this process; a SystemExit (argparse) counts as the exit code."""

    def run(*args: str | Path) -> CliResult:
        capsys.readouterr()  # drop anything printed before
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 2)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def broken_flow() -> Callable[[str], Path]:
    """The path of a broken fixture flow by its stem, failing loudly if it is missing."""

    def find(stem: str) -> Path:
        path = BROKEN / f"{stem}.toml"
        assert path.is_file(), f"missing fixture {path}"
        return path

    return find
