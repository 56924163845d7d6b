"""Shared fixtures: the bundled flow, the non-clinical test flow, the acceptance examples."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from lm_tui.flow.definition import Flow
from lm_tui.flow.loader import load_flow
from lm_tui.resources import bundled_flow_path
from tests.acceptance_examples import examples_folder

# Hypothesis: in CI (`CI` set, as .ci/run does) its built-in "ci" profile makes every run try the
# same examples (derandomised, no example database), so a red build is a change, not luck.
# Locally the examples stay random, and a failure prints the `@reproduce_failure` line that
# replays it exactly. HYPOTHESIS_PROFILE picks one by name.
settings.register_profile("local", print_blob=True)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "local")
)

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
EXAMPLES = examples_folder()
"""The clinical contract's acceptance examples (located in tests/acceptance_examples.py)."""


def example_files() -> list[Path]:
    """The acceptance examples; an empty or missing folder fails loudly, never skips."""
    files = sorted(EXAMPLES.glob("*.toml"))
    if not files:
        raise RuntimeError(
            f"no acceptance examples found in {EXAMPLES}; is shared/ beside the clone?"
        )
    return files


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No test reads or writes the user's own data folder, nor another test's: an unfinished
    session autosaved there (by real use, or by a plain-mode test whose input ended) would put
    the resume offer before the first question of every app started later. Subprocesses
    inherit it; a test that needs another folder sets its own."""
    folder = tmp_path_factory.mktemp("lm-tui-data")
    before = os.environ.get("LM_TUI_DATA_DIR")
    os.environ["LM_TUI_DATA_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("LM_TUI_DATA_DIR", None)
    else:
        os.environ["LM_TUI_DATA_DIR"] = before


@pytest.fixture(scope="session")
def bundled_flow() -> Flow:
    return load_flow(bundled_flow_path())


@pytest.fixture(scope="session")
def houseplant_flow() -> Flow:
    return load_flow(FIXTURES / "flows" / "houseplant.toml")
