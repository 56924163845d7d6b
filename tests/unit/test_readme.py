"""The README promises exactly two one-line commands, and CI runs the test one verbatim."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def readme_commands() -> list[str]:
    """The shell blocks of the README's 'Two commands' section, one command each."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    return [block.strip() for block in blocks]


def test_the_readme_gives_exactly_two_one_line_commands() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    assert all("\n" not in command for command in commands)
    run, test = commands
    assert run.startswith("python3 -m venv .venv && ")
    assert run.endswith("/lm-tui")  # it starts the app, on the bundled flow
    assert "[test]" in test
    assert test.endswith("-m pytest")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    _, test = readme_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in ci
    [line] = [line for line in ci.splitlines() if "pytest" in line and not line.startswith("#")]
    assert line.startswith(test)
    for step in ("ruff check", "ruff format --check", "lint-imports"):
        assert f".venv/bin/{step}" in ci
    assert ".venv/bin/mypy lm_tui" in ci.splitlines()  # the whole package, strict


def test_the_readme_links_the_flow_authoring_guide() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/flow-format.md)" in text
    assert (ROOT / "docs" / "flow-format.md").is_file()
