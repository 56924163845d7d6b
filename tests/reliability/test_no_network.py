"""No network at run time: the commands run with every network socket blocked, and succeed.

The guard (`network_guard/sitecustomize.py`) is loaded by the child Python before lm-tui, so any
attempt from lm-tui or a library it imports fails and is logged. The app itself (Textual,
headless) is driven the same way with Pilot.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, example_files

PROJECT = Path(__file__).resolve().parents[2]
GUARD = Path(__file__).resolve().parent / "network_guard"


def offline_env(log: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(GUARD), str(PROJECT)]),
        "LM_TUI_NETWORK_LOG": str(log),
    }


def run_offline(log: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=offline_env(log),
        cwd=cwd,
        timeout=300,
        check=False,
    )


def test_the_guard_really_blocks(tmp_path: Path) -> None:
    """Without this, a guard that blocked nothing would let the test below pass vacuously."""
    log = tmp_path / "network.log"
    result = run_offline(
        log, "-c", "import socket; socket.create_connection(('127.0.0.1', 9), timeout=1)"
    )
    assert result.returncode != 0
    assert "network access is blocked" in result.stderr
    assert "blocked create_connection" in log.read_text(encoding="utf-8")


def test_the_guard_blocks_a_plain_socket_connect_and_logs_creation(tmp_path: Path) -> None:
    log = tmp_path / "network.log"
    result = run_offline(
        log, "-c", "import socket; socket.socket(socket.AF_INET).connect(('127.0.0.1', 9))"
    )
    assert result.returncode != 0
    text = log.read_text(encoding="utf-8")
    assert "created socket(family=<AddressFamily.AF_INET: 2>)" in text
    assert "blocked connect(('127.0.0.1', 9))" in text


def test_the_guard_leaves_local_socket_pairs_alone(tmp_path: Path) -> None:
    """asyncio (and so Textual) needs a socket pair inside the process."""
    log = tmp_path / "network.log"
    result = run_offline(log, "-c", "import asyncio; asyncio.run(asyncio.sleep(0))")
    assert result.returncode == 0, result.stderr
    assert not log.exists()


def test_check_replay_and_show_run_without_network(tmp_path: Path) -> None:
    log = tmp_path / "network.log"
    lm_tui = ["-m", "lm_tui"]

    checked = run_offline(log, *lm_tui, "check", str(FIXTURES / "flows" / "houseplant.toml"))
    assert checked.returncode == 0, checked.stderr
    assert ": OK  flow 'houseplant'" in checked.stdout

    out = tmp_path / "out"
    out.mkdir()
    examples = [str(path) for path in example_files()]
    replayed = run_offline(log, *lm_tui, "replay", *examples, "--export-dir", str(out))
    assert replayed.returncode == 0, replayed.stderr
    exports = sorted(out.glob("*.toml"))
    assert len(exports) == len(examples)

    shown = run_offline(log, *lm_tui, "show", str(exports[0]))
    assert shown.returncode == 0, shown.stderr
    assert "Recommendations:" in shown.stdout

    autosaved = run_offline(
        log,
        "-c",
        "from lm_tui.session.autosave import Autosaver\n"
        "from lm_tui.session.engine import Session\n"
        "from lm_tui.flow.loader import load_flow\n"
        "from lm_tui.resources import bundled_flow_path\n"
        "flow = load_flow(bundled_flow_path())\n"
        "session = Session(flow)\n"
        "session.answer(flow.offered_values(session.current)[0])\n"
        "assert Autosaver().save(session)\n",
        cwd=tmp_path,
    )
    assert autosaved.returncode == 0, autosaved.stderr
    assert len(list((tmp_path / "data" / "autosave").glob("*.toml"))) == 1

    assert not log.exists(), log.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The autosave above must not write into the real user's data folder.
    monkeypatch.setenv("LM_TUI_DATA_DIR", str(tmp_path / "data"))


APP_DRIVER = """
import asyncio, sys
from pathlib import Path
from lm_tui.session.engine import Session
from lm_tui.flow.loader import load_flow
from lm_tui.resources import bundled_flow_path
from lm_tui.ui.app import LmTuiApp

async def main() -> None:
    flow = load_flow(bundled_flow_path())
    session = Session(flow)
    app = LmTuiApp(session, Path(sys.argv[1]), blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the app opens on the first question
        first = session.current
        await pilot.press("2", "enter")  # second option of the first question
        await pilot.pause()
        assert session.path and session.path[0].node == first, session.path
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    print("answered", len(session.path))

asyncio.run(main())
"""


def test_the_app_runs_without_network(tmp_path: Path) -> None:
    """The full-screen app, headless at 80x24, answers a question and exports with no network."""
    log = tmp_path / "network.log"
    out = tmp_path / "exports"
    out.mkdir()
    ran = run_offline(log, "-c", APP_DRIVER, str(out), cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert "answered 1" in ran.stdout
    assert len(list(out.glob("*.toml"))) == 1  # the export dialog's default name, saved
    assert not log.exists(), log.read_text(encoding="utf-8")
