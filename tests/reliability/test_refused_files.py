"""Paths and files that cannot be used are refused in one line with exit 2, never a hang or a crash.

A 300-character name (the operating system refuses even to look), a FIFO and `/dev/zero` (not
regular files), files over the documented size limits, a 5000-digit integer and numbers past
Decimal's reach: each reaches the one guard or limit made for it (`user_paths`, `toml_files`,
`limits`), and the command says what and where.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lm_tui.cli import main
from lm_tui.flow.limits import MAX_EVENTS, MAX_FLOW_BYTES, MAX_SESSION_BYTES
from lm_tui.flow.loader import load_flow
from lm_tui.session.document import render_toml, session_document
from lm_tui.session.engine import Session
from tests.reliability.hostile_flows import HOUSEPLANT

LONG = "n" * 300


def run(capsys, *args: str | Path) -> tuple[int, str]:
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "internal error" not in captured.err
    return code, captured.err


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--cases", "{tmp}/" + LONG, "{flow}"),
        ("diff", "{flow}", "{flow}", "--sessions", "{tmp}/" + LONG),
        ("teach", "--cases", "{tmp}/" + LONG, "--list"),
        ("plain", "--export", "{tmp}/" + LONG + "/x.toml"),
        ("replay", "{flow}", "--export-dir", "{tmp}/" + LONG),
    ],
    ids=["check --cases", "diff --sessions", "teach --list", "plain --export", "replay"],
)
def test_a_300_character_name_is_a_one_line_refusal(args, tmp_path, capsys):
    argv = [a.format(tmp=tmp_path, flow=HOUSEPLANT) for a in args]
    code, err = run(capsys, *argv)
    assert code == 2
    assert "too long" in err
    assert len([line for line in err.splitlines() if line.strip()]) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX only")
@pytest.mark.parametrize(
    "args",
    [
        ("check", "{file}"),
        ("paths", "{file}"),
        ("graph", "{file}"),
        ("show", "{file}"),
        ("replay", "{file}", "--flow", "{flow}", "--export", "{file}.out"),
        ("diff", "{file}", "{flow}"),
        ("plain", "--flow", "{file}"),
        ("check", "{flow}", "--cases", "{file}"),
    ],
    ids=lambda args: " ".join(args),
)
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_fifo_or_a_device_is_refused_without_reading(kind, args, tmp_path, capsys):
    if kind == "fifo":
        target = tmp_path / "input.toml"
        os.mkfifo(target)
    else:
        target = Path("/dev/zero")
        if not target.exists():
            pytest.skip("no /dev/zero on this system")
    argv = [a.format(file=target, flow=HOUSEPLANT) for a in args]
    code, err = run(capsys, *argv)
    assert code == 2
    assert "is not a regular file" in err


def test_files_over_the_size_limits_are_refused_before_parsing(tmp_path, capsys):
    flow = tmp_path / "huge.toml"
    with flow.open("wb") as stream:
        stream.truncate(MAX_FLOW_BYTES + 1)  # sparse: no time spent writing it
    code, err = run(capsys, "check", flow)
    assert code == 2
    assert "over the limit of 8 MB" in err

    session = tmp_path / "huge-session.toml"
    with session.open("wb") as stream:
        stream.truncate(MAX_SESSION_BYTES + 1)
    code, err = run(capsys, "show", session)
    assert code == 2
    assert "over the limit of 4 MB" in err


def test_a_string_over_the_length_limit_is_refused_with_its_place(tmp_path, capsys):
    text = HOUSEPLANT.read_text(encoding="utf-8").replace(
        'prompt = "How much light does the room get?"', f'prompt = "{"x" * 100_001}"'
    )
    path = tmp_path / "long.toml"
    path.write_text(text, encoding="utf-8")
    code, err = run(capsys, "check", path)
    assert code == 2
    assert "nodes.light.prompt: text of 100,001 characters is longer than the limit" in err


def test_a_session_with_too_many_events_is_refused(tmp_path, capsys):
    session = Session(load_flow(HOUSEPLANT), interface="plain")
    session.answer("low")
    document = session_document(session)
    document["events"] = document["events"] * (MAX_EVENTS + 1)
    path = tmp_path / "s.toml"
    path.write_bytes(render_toml(document))
    code, err = run(capsys, "show", path, "--flow", HOUSEPLANT)
    assert code == 2
    assert "over the limit of 10,000" in err


def test_a_5000_digit_integer_is_a_load_error_with_its_line(tmp_path, capsys):
    path = tmp_path / "digits.toml"
    path.write_text(HOUSEPLANT.read_text(encoding="utf-8") + f"\nhuge = {'9' * 5000}\n")
    code, err = run(capsys, "check", path)
    assert code == 2
    assert "line 152: a number with more digits than Python reads" in err


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("max = 30\nstep = 0.5", "max = 1e308\nstep = 1e-308", "variables.hours_away.max"),
        ("min = 0\nmax = 30", "min = -1e308\nmax = 1e308", "variables.hours_away.min"),
        ("hours_away >= 7", "hours_away >= 1e28", "derived.care.rules[0].when"),
    ],
    ids=["huge max, tiny step", "huge range", "huge threshold"],
)
@pytest.mark.parametrize("command", ["check", "paths"])
def test_numbers_past_decimal_arithmetic_are_refused_with_the_place(
    command, old, new, message, tmp_path, capsys
):
    text = HOUSEPLANT.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "numbers.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    code, err = run(capsys, command, path)
    assert code == 2
    assert f"{message}: " in err
    assert "beyond the limit" in err or "finer than the limit" in err


async def test_the_export_dialog_reports_a_path_it_cannot_inspect(tmp_path):
    from textual.widgets import Input, Static

    from lm_tui.ui.app import LmTuiApp
    from lm_tui.ui.modals.export import ExportDialog
    from tests.ui.conftest import SIZE

    session = Session(load_flow(HOUSEPLANT), interface="tui")
    app = LmTuiApp(session, tmp_path, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3", "enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#export-path", Input).value = str(tmp_path / LONG / "x.toml")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog), "the dialog stays, with the reason"
        error = str(app.screen.query_one("#export-error", Static).render())
        assert "Not saved:" in error and "too long" in error
    assert app.return_code is None
