"""The optional case label of an unfinished session: a few words the user types so that the
resume list tells cases apart ("lung, waiting for MRI").

It is stored in the session file's `[session]` table as `case_label`, only when one was given,
so files written before it existed still load (no label). It must never be a patient
identifier: the prompt says so, and the label is kept short and on one line, with control
characters refused, because it is shown in the resume list and written to disk.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lm_tui.flow.errors import AnswerError
from lm_tui.flow.visible_text import unsafe_characters

MAX_CASE_LABEL = 40
"""Characters: enough for a few words, too short for a case history."""

CASE_LABEL_PROMPT = (
    "A short label to tell this unfinished session apart in the resume list, e.g. "
    "'lung, waiting for MRI'. Never a patient identifier: no name, record number, "
    "date of birth or bed."
)


def clean_case_label(text: str) -> str:
    """The label as it is stored: white space trimmed and collapsed; '' removes the label.

    Raises AnswerError for control characters or a label longer than MAX_CASE_LABEL."""
    found = unsafe_characters(text)
    if found:
        raise AnswerError(f"a case label cannot hold control characters ({', '.join(found)})")
    label = " ".join(text.split())
    if len(label) > MAX_CASE_LABEL:
        raise AnswerError(f"a case label has at most {MAX_CASE_LABEL} characters")
    return label


def case_label_of(info: Mapping[str, Any]) -> str:
    """The label of a session file's `[session]` table; '' when it has none (an older file) or
    when what is there is not a usable label."""
    raw = info.get("case_label")
    if not isinstance(raw, str):
        return ""
    try:
        return clean_case_label(raw)
    except AnswerError:
        return ""
