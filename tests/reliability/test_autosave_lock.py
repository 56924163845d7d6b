"""Two windows sharing one autosave folder: a live session is never offered or deleted elsewhere.

Window A is a real second process (it answers three questions, autosaving each, then waits);
window B is this test. While A runs, B sees A's session as in use in another window and can
neither discard nor resume it. Once A is killed with SIGKILL, its lock is gone with it and B
resumes A's three answers.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lm_tui.flow.loader import load_flow
from lm_tui.session.autosave import IN_USE, AutosaveError, Autosaver
from lm_tui.session.engine import Session
from tests.conftest import FIXTURES

PROJECT = Path(__file__).resolve().parents[2]
HOUSEPLANT = FIXTURES / "flows" / "houseplant.toml"

WINDOW_A = textwrap.dedent(
    f"""
    import sys, time
    from pathlib import Path
    from lm_tui.session.autosave import Autosaver
    from lm_tui.session.engine import Session
    from lm_tui.flow.loader import load_flow
    saver = Autosaver()
    session = Session(load_flow(Path({str(HOUSEPLANT)!r})))
    for answer in ("low", "yes", ["cat"]):
        session.answer(answer)
        saver.save(session)
    print("saved", flush=True)
    time.sleep(60)
    """
)


@pytest.fixture
def window_a(tmp_path: Path):
    env = {**os.environ, "LM_TUI_DATA_DIR": str(tmp_path), "PYTHONPATH": str(PROJECT)}
    process = subprocess.Popen(
        [sys.executable, "-c", WINDOW_A], stdout=subprocess.PIPE, env=env, text=True
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "saved"
        yield process
    finally:
        process.kill()
        process.wait(timeout=10)


def test_a_live_session_is_in_use_and_a_dead_ones_lock_is_reclaimed(tmp_path, window_a):
    flow = load_flow(HOUSEPLANT)
    window_b = Autosaver(tmp_path / "autosave")
    [pending] = window_b.pending()
    assert pending.in_use
    assert IN_USE in pending.describe()
    with pytest.raises(AutosaveError, match=IN_USE):
        window_b.discard(pending)
    assert pending.path.is_file()  # A's answers are still on disk
    with pytest.raises(AutosaveError, match=IN_USE):
        window_b.resume(pending, flow)

    window_a.send_signal(signal.SIGKILL)
    window_a.wait(timeout=10)
    [pending] = window_b.pending()
    assert not pending.in_use
    restored = window_b.resume(pending, flow)
    assert dict(restored.session.answers) == {
        "light": "low",
        "humid": "yes",
        "pets": frozenset({"cat"}),
    }
    # B now holds it: a third window sees it in use.
    window_c = Autosaver(tmp_path / "autosave")
    [seen] = window_c.pending()
    assert seen.in_use


def test_two_savers_in_one_folder_each_keep_their_own_file(tmp_path):
    flow = load_flow(HOUSEPLANT)
    a, b = Autosaver(tmp_path), Autosaver(tmp_path)
    first, second = Session(flow), Session(flow)
    first.answer("low")
    second.answer("bright")
    a.save(first)
    b.save(second)
    assert a.path != b.path
    [b_sees] = b.pending()
    assert b_sees.path == a.path and b_sees.in_use
    a.discard()  # A exported its session: its own file goes, B's stays
    assert not a.path and b.path is not None and b.path.is_file()
    assert b.pending() == []


async def test_the_app_never_offers_a_session_live_in_another_window(tmp_path):
    from lm_tui.ui.app import LmTuiApp
    from lm_tui.ui.screens.node import NodeScreen
    from tests.ui.conftest import SIZE

    flow = load_flow(HOUSEPLANT)
    other_window = Autosaver(tmp_path)
    live = Session(flow)
    live.answer("low")
    other_window.save(live)
    saver = Autosaver(tmp_path)
    app = LmTuiApp(
        Session(flow, interface="tui"), tmp_path, autosaver=saver, pending=saver.pending()
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NodeScreen)  # no resume offer before the first question
        messages = [n.message for n in app._notifications]
        assert any(IN_USE in message for message in messages)
    assert other_window.path is not None and other_window.path.is_file()
