"""The plain-mode loop driven in-process with scripted input: validation, commands, pitfalls,
notes, end of input and saving."""

from __future__ import annotations

import io
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from lm_tui.exports.formats import FORMATS
from lm_tui.flow.definition import Flow
from lm_tui.plain.console import Console
from lm_tui.plain.runner import EXIT_DONE, EXIT_INCOMPLETE, ExportTarget, PlainRunner
from lm_tui.session.engine import Session


def run(
    flow: Flow, lines: list[str], target: ExportTarget | None = None, end_with_newline: bool = True
) -> tuple[int, str, Session]:
    text = "\n".join(lines) + ("\n" if end_with_newline and lines else "")
    out = io.StringIO()
    session = Session(flow, interface="plain")
    runner = PlainRunner(
        session,
        Console(io.StringIO(text), out, echo=True),
        target or ExportTarget(None, None, FORMATS["toml"]),
    )
    code = runner.run()
    return code, out.getvalue(), session


# houseplant: light (1 bright, 2 medium, 3 low) -> [low] humid -> pets (multi) -> away (0..30 step
# 0.5) -> tip (info) -> done. A cat raises the critical pitfall lily_and_cat.


def test_a_bad_line_is_refused_with_the_allowed_range_and_asked_again(
    houseplant_flow: Flow,
) -> None:
    code, out, session = run(
        houseplant_flow, ["9", "one", "1", "", "31", "2.25", "abc", "2.5", "", ""]
    )
    assert code == EXIT_DONE
    assert "Not accepted: '9' is not an option here; type a number from 1 to 3." in out
    assert "Not accepted: 'one' is not an option here" in out
    assert "hours_away = 31 is out of range; allowed: 0 to 30 days in steps of 0.5" in out
    assert "hours_away = 2.25 is not on the step" in out
    assert "hours_away = 'abc' is not a number" in out
    assert "Enter a number from 0 to 30 days in steps of 0.5 > " in out
    assert dict(session.answers) == {
        "light": "bright",
        "pets": frozenset(),
        "hours_away": Decimal("2.5"),
    }


def test_multi_select_by_numbers_duplicates_and_unknowns_refused(houseplant_flow: Flow) -> None:
    code, out, session = run(houseplant_flow, ["2", "2 2", "2 7", "3, 2", "0", "", ""])
    assert code == EXIT_DONE
    assert "dog chosen twice" in out
    assert "'7' is not an option here; type numbers from 1 to 3" in out
    assert session.answers["pets"] == frozenset({"dog", "bird"})


def test_back_removes_the_answer_and_says_so_and_first_question_has_no_back(
    houseplant_flow: Flow,
) -> None:
    code, out, session = run(houseplant_flow, ["back", "3", "1", "back", "2", "", "4", ""])
    assert code == EXIT_DONE
    assert "This is the first question; there is nothing to go back to." in out
    assert out.count("Going back one question") == 1
    assert "Previously answered: Yes" in out
    assert session.answers["humid"] == "no"


def test_help_shows_rationale_sources_and_grade(bundled_flow: Flow) -> None:
    code, out, _ = run(bundled_flow, ["1", "1", "help"])
    assert code == EXIT_INCOMPLETE
    node = bundled_flow.nodes["symptoms"]
    assert " ".join(node.help.split())[:60] in out
    assert f"Evidence grade: {node.grade}" in out
    for source in node.sources:
        assert bundled_flow.file.sources[source].citation in out


def test_critical_pitfall_must_be_acknowledged_and_is_recorded(
    houseplant_flow: Flow, tmp_path: Path
) -> None:
    target = ExportTarget(tmp_path / "s.toml", None, FORMATS["toml"])
    code, out, session = run(houseplant_flow, ["1", "1", "next", "ack", "20", ""], target)
    assert code == EXIT_DONE
    assert "CRITICAL pitfall: Lilies are toxic to cats" in out
    assert "This critical pitfall must be acknowledged: type ack, or back." in out
    assert "lily_and_cat" in session.acknowledged
    document = tomllib.loads((tmp_path / "s.toml").read_text())
    assert document["raised_pitfalls"][0] == {
        **document["raised_pitfalls"][0],
        "id": "lily_and_cat",
        "acknowledged": True,
    }
    assert document["session"]["interface"] == "plain"


def test_back_at_the_acknowledgement_withdraws_the_answer_that_raised_it(
    houseplant_flow: Flow,
) -> None:
    code, out, session = run(houseplant_flow, ["1", "1", "back", "2", "3", "", ""])
    assert code == EXIT_DONE
    assert "lily_and_cat" not in session.acknowledged
    assert session.raised_pitfalls() == []
    assert "No longer raised: Lilies are toxic to cats" in out


def test_warnings_and_panels_are_shown_as_they_become_known(houseplant_flow: Flow) -> None:
    code, out, _ = run(houseplant_flow, ["1", "", "25", ""])
    assert code == EXIT_DONE
    assert "Care level: Watering: weekly" in out
    assert "Care level: Care level: easy; Watering: weekly" in out
    assert "Warning: No pets" in out


def test_end_of_input_mid_flow_lists_answers_and_exits_3(
    houseplant_flow: Flow, tmp_path: Path
) -> None:
    target = ExportTarget(tmp_path / "s.toml", None, FORMATS["toml"])
    code, out, _ = run(houseplant_flow, ["3", "1"], target, end_with_newline=False)
    assert code == EXIT_INCOMPLETE
    assert "Input ended before the flow was complete (at 'pets')." in out
    assert "Light in the room: Low light" in out and "Humid room: Yes" in out
    assert "not saved; add --keep-partial" in out
    assert not (tmp_path / "s.toml").exists()


def test_keep_partial_saves_the_unfinished_session(houseplant_flow: Flow, tmp_path: Path) -> None:
    target = ExportTarget(tmp_path / "s.md", None, FORMATS["md"], keep_partial=True)
    code, _out, _ = run(houseplant_flow, ["3"], target)
    assert code == EXIT_INCOMPLETE
    text = (tmp_path / "s.md").read_text()
    assert "NOT complete" in text and "Low light" in text


def test_quit_offers_to_save_the_unfinished_session(houseplant_flow: Flow, tmp_path: Path) -> None:
    name = tmp_path / "unfinished"
    code, _out, _ = run(houseplant_flow, ["2", "quit", str(name)])
    assert code == EXIT_INCOMPLETE
    saved = tomllib.loads((tmp_path / "unfinished.toml").read_text())
    assert saved["session"]["complete"] is False
    assert saved["answers"] == {"light": "medium"}


def test_outcome_offers_a_file_name_whose_extension_picks_the_format(
    houseplant_flow: Flow, tmp_path: Path
) -> None:
    code, out, _ = run(houseplant_flow, ["1", "", "3", "", str(tmp_path / "plants.json")])
    assert code == EXIT_DONE
    assert "Outcome: Suggested plants" in out
    assert "Recommendations (1):" in out and "Cactus" in out
    saved = (tmp_path / "plants.json").read_text()
    assert '"resourceType": "QuestionnaireResponse"' in saved
    assert f"Saved the complete session to {tmp_path / 'plants.json'} (fhir)." in out


def test_save_refusal_asks_again_and_end_of_input_keeps_exit_0(
    houseplant_flow: Flow, tmp_path: Path
) -> None:
    existing = tmp_path / "taken.toml"
    existing.write_text("x")
    code, out, _ = run(houseplant_flow, ["1", "", "3", "", str(existing)])
    assert code == EXIT_DONE
    assert "already exists" in out
    assert "Not saved (input ended)." in out
    assert existing.read_text() == "x"


def test_note_is_offered_where_the_flow_allows_it(bundled_flow: Flow) -> None:
    session = Session(bundled_flow)
    answers = [
        "breast",
        "her2_positive",
        ["cranial_nerve_palsy"],
        "no",
        "linear",
        "positive",
        "no",
        55,
        70,
        "no",
        "controlled",
    ]
    for answer in answers:
        session.answer(answer)
    assert session.current == "branch_choice"
    lines = ["1", "1", "5", "2", "1", "1", "2", "55", "70", "2", "1", "1"]
    lines.append("discussed at the tumour board")
    code, out, finished = run(bundled_flow, lines)
    assert code == EXIT_INCOMPLETE
    assert "Add a note (optional; press Enter to skip) > discussed at the tumour board" in out
    assert [(n.node, n.text) for n in finished.notes] == [
        ("branch_choice", "discussed at the tumour board")
    ]


def test_map_command_prints_the_flow_map_with_you_are_here(houseplant_flow: Flow) -> None:
    code, out, _ = run(houseplant_flow, ["3", "map"])
    assert code == EXIT_INCOMPLETE
    assert "[x] 1. light: Low light" in out
    assert "[>] 2. humid  <- you are here" in out


def test_script_can_name_values_instead_of_numbers(houseplant_flow: Flow) -> None:
    code, _, session = run(houseplant_flow, ["low", "no", "cat dog", "ack", "1", ""])
    assert code == EXIT_DONE
    assert session.answers["pets"] == frozenset({"cat", "dog"})


@pytest.mark.parametrize("word", ["quit", "exit"])
def test_quit_at_the_acknowledgement_prompt(word: str, houseplant_flow: Flow) -> None:
    code, out, _ = run(houseplant_flow, ["1", "1", word, ""])
    assert code == EXIT_INCOMPLETE
    assert "The unfinished session was not saved." in out
