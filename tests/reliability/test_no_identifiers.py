"""Nothing in the bundled flow asks for a patient identifier.

Answers are choices and numbers only (the flow format has no free-text variable), and no prompt,
label or help text asks for a name, a date of birth or a record number. Free-text notes are the
one place a user could type one; the UI's note prompt says notes are stored in plain text.
"""

from __future__ import annotations

import re

from lm_tui.flow.definition import Flow

IDENTIFIER_WORDS = re.compile(
    r"\b(name|surname|initials|date of birth|birth ?date|dob|mrn|record number|"
    r"hospital number|nhs number|social security|insurance number|address|postcode|zip code|"
    r"phone|e-?mail)\b",
    re.IGNORECASE,
)


def test_answers_are_choices_and_numbers_only(bundled_flow: Flow) -> None:
    assert {variable.kind for variable in bundled_flow.variables.values()} <= {
        "choice",
        "multi",
        "number",
    }


def test_no_text_asks_for_an_identifier(bundled_flow: Flow) -> None:
    texts = [bundled_flow.title, bundled_flow.file.flow.summary]
    for node in bundled_flow.nodes.values():
        texts += [node.title, node.prompt, node.help]
    for variable in bundled_flow.variables.values():
        texts += [variable.label, variable.help]
    asking = [text for text in texts if IDENTIFIER_WORDS.search(text)]
    assert asking == []


def test_the_check_would_catch_an_identifier_prompt() -> None:
    """The pattern is not vacuous: prompts that do ask are caught."""
    for prompt in ("Patient name?", "Date of birth", "Enter the MRN", "NHS number"):
        assert IDENTIFIER_WORDS.search(prompt), prompt
