"""What `--help` tells a user who has only the command: the app's options at the top level,
`-V` for the version, and what an ANSWERS.toml for `replay` holds."""

from __future__ import annotations

import pytest

from lm_tui import __version__
from lm_tui.cli import main


def _output(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as stopped:
        main(list(argv))
    assert stopped.value.code == 0
    return capsys.readouterr().out


def test_top_level_help_lists_the_app_options(capsys: pytest.CaptureFixture[str]) -> None:
    text = _output(capsys, "--help")
    for option in ("--plain", "--flow FLOW", "--resume FILE", "--export-dir DIR", "-V"):
        assert option in text, option


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version_flags(capsys: pytest.CaptureFixture[str], flag: str) -> None:
    assert _output(capsys, flag).strip() == f"lm-tui {__version__}"


def test_replay_help_says_what_an_answers_file_holds(capsys: pytest.CaptureFixture[str]) -> None:
    text = " ".join(_output(capsys, "replay", "--help").split())
    assert "ANSWERS.toml a TOML file with an [answers] table: one key per flow variable" in text
