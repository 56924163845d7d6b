"""Rendered screens at 80x24, compared with the approved SVGs in `__snapshots__/`.

Deterministic: a fixed clock (times and the export file name), no cursor blink, the default
dark theme. Regenerate with `pytest tests/ui/snapshots --snapshot-update` in a commit of its own,
after looking at the report.
"""

from __future__ import annotations

from pathlib import Path

from lm_tui.flow.loader import load_flow
from lm_tui.resources import bundled_flow_path
from tests.conftest import FIXTURES
from tests.ui.answers import BORDERLINE, EGFR, OBSTRUCTED, example_answers
from tests.ui.conftest import SIZE, make_app
from tests.ui.keys import answer, answer_until, start, walk

FLOW = load_flow(bundled_flow_path())


def app_in(tmp_path: Path, flow=FLOW):
    return make_app(flow, tmp_path)


def test_first_screen(snap_compare, tmp_path):
    """The app opens on the first question, the disclaimer, flow, version and source ids under
    it; question, options and key hint all still visible at 80x24."""
    assert snap_compare(app_in(tmp_path), terminal_size=SIZE)


def test_welcome(snap_compare, tmp_path):
    """The about screen (Escape on the first question): flow title, version and hash, the
    disclaimer, summary and sources."""

    async def go(pilot):
        await start(pilot)
        await pilot.press("escape")

    assert snap_compare(app_in(tmp_path), terminal_size=SIZE, run_before=go)


def test_choice_with_context(snap_compare, tmp_path):
    """A choice (CSF cytology) after MRI: the context panel already shows the EANO-ESMO subtype."""

    async def go(pilot):
        await start(pilot)
        await answer_until(pilot, example_answers(EGFR), "csf_cytology")

    assert snap_compare(app_in(tmp_path), terminal_size=SIZE, run_before=go)


async def borderline_with_a_reason(pilot):
    await start(pilot)
    await answer_until(pilot, example_answers(BORDERLINE), "branch_choice")
    await pilot.press("1", "tab", *"agreed at the MDT")


def test_borderline_choice_with_reason(snap_compare, tmp_path):
    """The borderline branch: both rules in the prompt, option 1 picked, a reason typed."""
    assert snap_compare(app_in(tmp_path), terminal_size=SIZE, run_before=borderline_with_a_reason)


def test_checklist(snap_compare, tmp_path):
    """The symptoms checklist with two items ticked; items 10 and 11 are keyed a and b."""

    async def go(pilot):
        await start(pilot)
        await answer_until(pilot, {"primary_tumor": "colorectal"}, "symptoms")
        await pilot.press("1", "5")

    assert snap_compare(app_in(tmp_path), terminal_size=SIZE, run_before=go)


def test_number_with_error(snap_compare, tmp_path):
    """KPS: the allowed range under the field and the reason 75 is refused."""

    async def go(pilot):
        await start(pilot)
        await answer_until(pilot, example_answers(EGFR), "kps")
        await pilot.press("7", "5", "enter")

    assert snap_compare(app_in(tmp_path), terminal_size=SIZE, run_before=go)


def test_info(snap_compare, tmp_path):
    """An info node (from the non-clinical test flow): text only, Enter continues."""
    flow = load_flow(FIXTURES / "flows" / "houseplant.toml")

    async def go(pilot):
        await start(pilot)
        await answer_until(pilot, {"light": "bright", "pets": [], "hours_away": 3}, "tip")

    assert snap_compare(app_in(tmp_path, flow), terminal_size=SIZE, run_before=go)


def test_critical_pitfall_modal(snap_compare, tmp_path):
    """The first of two critical pitfalls raised by the plan, waiting for `a` then `y`."""

    async def go(pilot):
        answers = example_answers(OBSTRUCTED)
        await start(pilot)
        await answer_until(pilot, answers, "planned")
        await answer(pilot, answers["planned"])

    assert snap_compare(app_in(tmp_path), terminal_size=SIZE, run_before=go)


def test_outcome(snap_compare, tmp_path):
    """The outcome (plan tab): summary of derived values and the first recommendations."""

    async def go(pilot):
        await start(pilot)
        await walk(pilot, example_answers(EGFR))

    assert snap_compare(app_in(tmp_path), terminal_size=SIZE, run_before=go)


def test_outcome_review(snap_compare, tmp_path):
    """The outcome's review tab: every answer, Enter changes the highlighted one."""

    async def go(pilot):
        await start(pilot)
        await walk(pilot, example_answers(EGFR))
        await pilot.press("r")

    assert snap_compare(app_in(tmp_path), terminal_size=SIZE, run_before=go)


def test_export_dialog(snap_compare, tmp_path):
    """Ctrl+S: the default file name in the export folder (fixed here for the snapshot)."""

    async def go(pilot):
        await start(pilot)
        await answer(pilot, "lung")
        await pilot.press("ctrl+s")
        await pilot.pause()
        pilot.app.screen.query_one("#export-path").value = "sessions/lm-session.toml"

    assert snap_compare(app_in(tmp_path), terminal_size=SIZE, run_before=go)


def test_choice_no_color(snap_compare, tmp_path, monkeypatch):
    """The same choice screen as test_choice_with_context with NO_COLOR set: marks, brackets
    and reverse video carry the meaning."""
    monkeypatch.setenv("NO_COLOR", "1")

    async def go(pilot):
        await start(pilot)
        await answer_until(pilot, example_answers(EGFR), "csf_cytology")

    assert snap_compare(app_in(tmp_path), terminal_size=SIZE, run_before=go)


def test_review_no_color(snap_compare, tmp_path, monkeypatch):
    """The review list under NO_COLOR: the `›` pointer marks the highlighted answer."""
    monkeypatch.setenv("NO_COLOR", "1")

    async def go(pilot):
        await start(pilot)
        await walk(pilot, example_answers(EGFR))
        await pilot.press("r", "down", "down")

    assert snap_compare(app_in(tmp_path), terminal_size=SIZE, run_before=go)


def test_export_dialog_no_color(snap_compare, tmp_path, monkeypatch):
    """The export dialog under NO_COLOR, Markdown picked with `m`: the `●` and the heavy
    frame of the focused format choice carry the meaning; the footer shows the dialog's keys."""
    monkeypatch.setenv("NO_COLOR", "1")

    async def go(pilot):
        await start(pilot)
        await answer(pilot, "lung")
        await pilot.press("ctrl+s")
        await pilot.pause()
        pilot.app.screen.query_one("#export-path").value = "sessions/lm-session.toml"
        await pilot.press("m")

    assert snap_compare(app_in(tmp_path), terminal_size=SIZE, run_before=go)


def test_borderline_reason_no_color(snap_compare, tmp_path, monkeypatch):
    """Tab into the borderline screen's reason field under NO_COLOR: a heavy frame shows
    where the typing goes; `more ↓` says the screen goes on below."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(app_in(tmp_path), terminal_size=SIZE, run_before=borderline_with_a_reason)


def test_plan_marks(snap_compare, tmp_path):
    """The plan checklist with CSF flow blocked: the options that would raise a pitfall say so."""

    async def go(pilot):
        await start(pilot)
        await answer_until(pilot, example_answers(OBSTRUCTED), "planned")

    assert snap_compare(app_in(tmp_path), terminal_size=SIZE, run_before=go)


def test_too_small(snap_compare, tmp_path):
    """Below 80x24: a message instead of a broken layout."""
    assert snap_compare(app_in(tmp_path), terminal_size=(60, 20))


# --- NO_COLOR (locked-down terminals): meaning carried without colour ---------------------------
# On the non-clinical test flow, so a change of the bundled flow's content leaves these alone.

HOUSEPLANT = load_flow(FIXTURES / "flows" / "houseplant.toml")


def test_critical_pitfall_modal_no_color(snap_compare, tmp_path, monkeypatch):
    """A critical pitfall (a cat among the pets) waiting for `a` then `y`, with NO_COLOR set."""
    monkeypatch.setenv("NO_COLOR", "1")

    async def go(pilot):
        await start(pilot)
        await answer_until(pilot, {"light": "bright"}, "pets")
        await answer(pilot, ["cat"])

    assert snap_compare(app_in(tmp_path, HOUSEPLANT), terminal_size=SIZE, run_before=go)


def test_outcome_no_color(snap_compare, tmp_path, monkeypatch):
    """The outcome with NO_COLOR set: the recommendations and the raised warning."""
    monkeypatch.setenv("NO_COLOR", "1")

    async def go(pilot):
        await start(pilot)
        await walk(pilot, {"light": "bright", "pets": [], "hours_away": 21})

    assert snap_compare(app_in(tmp_path, HOUSEPLANT), terminal_size=SIZE, run_before=go)


def test_too_small_no_color(snap_compare, tmp_path, monkeypatch):
    """Below 80x24 with NO_COLOR set: the message alone."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(app_in(tmp_path, HOUSEPLANT), terminal_size=(60, 20))
