"""The resume offer is a list (issue 14, item 3): every unfinished session with its start,
answer count, where it stopped (by title, not node id) and first answers; Enter resumes the
highlighted one, `d` asks before discarding. Before, sessions were offered one by one with no
count, and the offer named node ids ('csf_flow')."""

from __future__ import annotations

from textual.widgets import Static

from lm_tui.session.autosave import Autosaver
from lm_tui.ui.modals.confirm import ConfirmModal
from lm_tui.ui.screens.welcome import PendingList, WelcomeScreen
from tests.ui.answers import EGFR, OBSTRUCTED, example_answers
from tests.ui.conftest import SIZE
from tests.ui.keys import leave_unfinished


async def test_every_unfinished_session_is_listed_and_enter_resumes_the_highlighted(
    app_factory, bundled_flow, tmp_path
):
    folder = tmp_path / "autosave"
    await leave_unfinished(app_factory, folder, example_answers(EGFR), "mri_pattern")
    await leave_unfinished(app_factory, folder, example_answers(OBSTRUCTED), "kps")
    saver = Autosaver(folder)
    pending = saver.pending()
    assert len(pending) == 2
    app = app_factory(autosaver=saver, pending=pending)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        box = str(app.screen.query_one("#pending-box", Static).render())
        assert "2 unfinished sessions" in box
        rows = app.screen.query_one(PendingList).lines
        assert len(rows) == 2
        for row in rows:
            assert "answer(s)" in row and "started" in row
            assert "'" not in row  # no node id in quotes: titles
        titles = {bundled_flow.nodes[n].title for n in ("mri_pattern", "kps")}
        assert {t for t in titles if any(t in row for row in rows)} == titles
        target = 1
        await pilot.press("down", "enter")
        await pilot.pause()
        wanted = pending[target].record.info["current_node"]
        await pilot.press("enter")  # the welcome again, now with the resumed session
        await pilot.pause()
        assert app.session.current == wanted


async def test_d_asks_before_discarding(app_factory, tmp_path):
    folder = tmp_path / "autosave"
    await leave_unfinished(app_factory, folder, example_answers(EGFR), "mri_pattern")
    saver = Autosaver(folder)
    app = app_factory(autosaver=saver, pending=saver.pending())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert len(list(folder.glob("*.toml"))) == 1


async def test_a_case_label_typed_for_an_unfinished_session_is_shown_and_stored(
    app_factory, bundled_flow, tmp_path
):
    """`l` on the resume list asks for a case label (the prompt says: never a patient
    identifier); Enter stores it in the autosave and the list shows it; Esc changes nothing."""
    from lm_tui.ui.modals.case_label import CaseLabelModal

    folder = tmp_path / "autosave"
    await leave_unfinished(app_factory, folder, example_answers(EGFR), "mri_pattern")
    await leave_unfinished(app_factory, folder, example_answers(OBSTRUCTED), "kps")
    saver = Autosaver(folder)
    app = app_factory(autosaver=saver, pending=saver.pending())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "l")
        await pilot.pause()
        assert isinstance(app.screen, CaseLabelModal)
        prompt = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "Never a patient identifier" in prompt
        await pilot.press(*"lung, awaiting MRI", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        rows = app.screen.query_one(PendingList).lines
        assert rows[1].startswith("“lung, awaiting MRI” · started")
        assert not rows[0].startswith("“")
        assert app.screen.query_one(PendingList).highlighted == 1
        await pilot.press("l", *" more", "escape")
        await pilot.pause()
        assert app.screen.query_one(PendingList).lines[1] == rows[1]
    labels = sorted(pending.case_label for pending in Autosaver(folder).pending())
    assert labels == ["", "lung, awaiting MRI"]
