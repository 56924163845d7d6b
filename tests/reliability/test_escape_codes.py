"""Escape codes and bidi overrides from files and users never reach the terminal or a text export.

Each attack string is put where a hostile file or user can put it: a flow's prompt (`check`
refuses it with the place), a session's note and flow version (`show`, the Markdown export, the
app's resume lines), and a line typed in plain mode. What comes out holds the visible stand-in
(`\\x1b`, `<U+202E>`) and never the character itself.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from lm_tui.cli import main
from lm_tui.exports.markdown import render_markdown
from lm_tui.flow.loader import load_flow
from lm_tui.flow.visible_text import visible
from lm_tui.session.document import render_toml, session_document
from lm_tui.session.engine import Session
from lm_tui.ui.plain_text import plain
from tests.reliability.hostile_flows import HOUSEPLANT

ATTACKS = {
    "set the title": "\x1b]0;TITLE\x07",
    "write the clipboard": "\x1b]52;c;cHduZWQ=\x07",
    "clear the screen": "\x1b[2J",
    "C1 control sequence": "\x9b2J",
    "right-to-left override": "\u202eevil",
    "isolate": "\u2066x\u2069",
    "delete, backspace, carriage return": "a\x7f\x08\rb",
}
UNSAFE = ["\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\u2069", "\x7f", "\x08", "\r"]


def assert_safe(text: str) -> None:
    leaked = [repr(c) for c in UNSAFE if c in text]
    assert not leaked, f"raw {', '.join(leaked)} in the output"


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_check_refuses_a_flow_text_holding_control_characters_and_names_the_place(
    attack, tmp_path, capsys
):
    text = HOUSEPLANT.read_text(encoding="utf-8")
    hostile = text.replace(
        'prompt = "How much light does the room get?"',
        'prompt = "How much light '
        + attack.encode("unicode_escape").decode().replace("\\x", "\\u00")
        + '?"',
    )
    assert hostile != text
    path = tmp_path / "flow.toml"
    path.write_text(hostile, encoding="utf-8")
    assert main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert "nodes.light.prompt: holds control or bidirectional characters" in captured.err
    assert_safe(captured.out + captured.err)


def hostile_session(tmp_path: Path, attack: str) -> Path:
    session = Session(load_flow(HOUSEPLANT), interface="plain")
    session.answer("low")
    session.note(f"note {attack} end", node_id="light")
    document = session_document(session)
    document["session"]["flow_version"] = f"0.3{attack}"
    path = tmp_path / "session.toml"
    path.write_bytes(render_toml(document))
    return path


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_show_and_the_markdown_export_make_a_notes_control_characters_visible(
    attack, tmp_path, capsys
):
    path = hostile_session(tmp_path, attack)
    code = main(["show", str(path), "--flow", str(HOUSEPLANT)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert visible(attack) in captured.out  # the note is there, made visible
    assert_safe(captured.out + captured.err)

    session = Session(load_flow(HOUSEPLANT), interface="plain")
    session.answer("low")
    session.note(f"note {attack} end", node_id="light")
    markdown = render_markdown(session)
    assert "note " in markdown  # (the Markdown export folds a carriage return into a space)
    assert_safe(markdown)


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_a_line_typed_in_plain_mode_comes_back_visible(attack, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{attack}\nquit\n"))
    main(["plain", "--flow", str(HOUSEPLANT)])
    captured = capsys.readouterr()
    assert visible(attack).strip() in captured.out + captured.err
    assert_safe(captured.out + captured.err)


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_the_apps_text_helper_makes_control_characters_visible(attack):
    shown = str(plain(f"resumed {attack}"))
    assert visible(attack) in shown
    assert_safe(shown)
