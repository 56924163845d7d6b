"""Answers files (`[answers]` tables) used by replay and by teaching-case marking."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lm_tui.flow.errors import AnswersFileError
from lm_tui.flow.toml_files import UnreadableFile, read_toml


def load_answers(path: Path) -> dict[str, Any]:
    """The `[answers]` table of a file; AnswersFileError names the file and what is wrong."""
    try:
        _, content = read_toml(path)
    except UnreadableFile as error:
        raise AnswersFileError(f"{path}: {error}") from None
    answers = content.get("answers")
    if not isinstance(answers, dict):
        raise AnswersFileError(
            f"{path}: has no [answers] table; write one line per variable, e.g. kps = 80"
        )
    return answers
