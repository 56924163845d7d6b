"""What a reader of each export finds, on small flows: the TOML `[answers]` table, the Markdown
answers table, and which FHIR questions are required.

The TOML export's `[answers]` is read back by replay and by other tools, so its form is a
promise: a choice as its value id, a number as a TOML number (an integer when it is one), a
multi-select as a list in the flow's order of choices (the order clinicians read them in).
"""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from pathlib import Path

from markdown_it import MarkdownIt

from lm_tui.exports.fhir import questionnaire
from lm_tui.exports.markdown import render_markdown
from lm_tui.flow.definition import Flow
from lm_tui.flow.loader import load_flow
from lm_tui.session.document import render_toml, session_document
from lm_tui.session.engine import Session

AT = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)

LABELLED = """
[flow]
id = "labelled"
title = "Labels with bars"
version = "0.1"
start = "scan"
disclaimer = "Test flow."

[variables.scan]
kind = "choice"
label = "Scan | contrast"
choices = [
  { value = "done", label = "Done | enhancing" },
  { value = "not_done", label = "Not done" },
]

[variables.signs]
kind = "multi"
label = "Signs seen"
min_selected = 1
choices = [{ value = "headache", label = "Headache" }, { value = "diplopia", label = "Diplopia" }]

[variables.extras]
kind = "multi"
label = "Other findings"
choices = [{ value = "rash", label = "Rash" }]

[variables.age]
kind = "number"
label = "Age"
min = 18
max = 100
step = 1

[nodes.scan]
kind = "choice"
variable = "scan"
prompt = "Was a scan done?"
next = "signs"

[nodes.signs]
kind = "multi"
variable = "signs"
prompt = "Which signs?"
next = "extras"

[nodes.extras]
kind = "multi"
variable = "extras"
prompt = "Anything else?"
next = "age"

[nodes.age]
kind = "number"
variable = "age"
prompt = "Age?"
next = "end"

[nodes.end]
kind = "outcome"
title = "End"
"""


def _labelled(tmp_path: Path) -> Flow:
    path = tmp_path / "labelled.toml"
    path.write_text(LABELLED, encoding="utf-8")
    return load_flow(path)


def test_the_toml_answers_keep_ids_numbers_and_the_flows_order_of_choices(
    houseplant_flow: Flow,
) -> None:
    session = Session(houseplant_flow, clock=lambda: AT, started_at=AT)
    session.answer("low")
    session.answer("yes")
    # Given in another order than the flow declares them (cat, dog, bird).
    session.answer(["bird", "cat"])
    session.acknowledge("lily_and_cat")
    session.answer("12.5")
    document = tomllib.loads(render_toml(session_document(session)).decode("utf-8"))
    assert document["answers"] == {
        "light": "low",
        "humid": "yes",
        "pets": ["cat", "bird"],
        "hours_away": 12.5,
    }
    assert [step.get("value") for step in document["path"]] == ["low", "yes", ["cat", "bird"], 12.5]


def test_a_whole_number_is_exported_as_an_integer(houseplant_flow: Flow) -> None:
    session = Session(houseplant_flow, clock=lambda: AT, started_at=AT)
    session.answer("medium")
    session.answer([])
    session.answer("7")
    document = tomllib.loads(render_toml(session_document(session)).decode("utf-8"))
    assert document["answers"]["hours_away"] == 7
    assert isinstance(document["answers"]["hours_away"], int)
    assert document["answers"]["pets"] == []


def _answer_rows(markdown: str) -> list[list[str]]:
    """The cells of the answers table, as a Markdown renderer reads them."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    rows: list[list[str]] = []
    cells: list[str] | None = None
    for index, token in enumerate(tokens):
        if token.type == "tr_open":
            cells = []
        elif token.type in ("td_open", "th_open"):
            assert cells is not None
            cells.append(tokens[index + 1].content)
        elif token.type == "tr_close":
            assert cells is not None
            rows.append(cells)
    return rows


def test_a_bar_in_a_label_stays_inside_its_markdown_cell(tmp_path: Path) -> None:
    session = Session(_labelled(tmp_path), clock=lambda: AT, started_at=AT)
    session.answer("done")
    session.answer(["headache"])
    markdown = render_markdown(session)
    rows = _answer_rows(markdown)
    assert rows[0] == ["Question", "Answer"]
    assert all(len(row) == 2 for row in rows), rows
    assert ["Scan | contrast", "Done | enhancing"] in rows


def test_fhir_requires_every_question_that_needs_an_answer(tmp_path: Path) -> None:
    items = {item["linkId"]: item for item in questionnaire(_labelled(tmp_path))["item"]}
    # A choice, a number and a multi-select that needs at least one choice cannot be skipped.
    assert items["scan"]["required"] is True
    assert items["age"]["required"] is True
    assert items["signs"]["required"] is True
    assert items["signs"]["repeats"] is True
