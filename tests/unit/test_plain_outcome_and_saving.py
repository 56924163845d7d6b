"""Plain mode's outcome text, acknowledgement and quitting into the export folder, on small
flows (the wording a clinician reads in a terminal without the full-screen app)."""

from __future__ import annotations

import io
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from lm_tui.exports.formats import FORMATS
from lm_tui.flow.definition import Flow
from lm_tui.flow.loader import load_flow
from lm_tui.plain.console import Console
from lm_tui.plain.report import outcome_lines
from lm_tui.plain.runner import EXIT_DONE, EXIT_INCOMPLETE, ExportTarget, PlainRunner
from lm_tui.session.engine import Session

AT = datetime(2026, 2, 3, 14, 5, 6, tzinfo=UTC)

CITED_OUTCOME = """
[flow]
id = "cited"
title = "Cited outcome"
version = "0.1"
start = "light"
disclaimer = "Test flow only."

[sources.book]
citation = "A gardening book, 2020"
year = 2020

[variables.light]
kind = "choice"
label = "Light"
choices = [{ value = "low", label = "Low" }, { value = "bright", label = "Bright" }]

[nodes.light]
kind = "choice"
variable = "light"
prompt = "Light?"
next = "end"

[nodes.end]
kind = "outcome"
title = "Advice"

[[nodes.end.sections]]
title = "Why"
text = "Light is {light}."
sources = ["book"]

[recommendations.fern]
title = "Fern"
text = "Likes shade."
when = "light == 'low'"
sources = ["book"]
"""


def _run(session: Session, lines: list[str], target: ExportTarget) -> tuple[int, str]:
    out = io.StringIO()
    console = Console(io.StringIO("\n".join(lines) + "\n"), out, echo=True)
    return PlainRunner(session, console, target).run(), out.getvalue()


def test_the_outcome_lists_sections_with_their_sources_then_recommendations(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cited.toml"
    path.write_text(CITED_OUTCOME, encoding="utf-8")
    session = Session(load_flow(path))
    session.answer("low")
    lines = outcome_lines(session)
    assert lines[:9] == [
        "",
        "Outcome: Advice",
        "",
        "Why",
        "Light is low.",
        "Sources: [book]",
        "",
        "Recommendations (1):",
        "  1. Fern",
    ]
    assert "  [book] A gardening book, 2020" in lines
    assert lines[-1] == "Test flow only."


def test_an_acknowledged_pitfall_is_confirmed(houseplant_flow: Flow) -> None:
    session = Session(houseplant_flow, interface="plain")
    code, out = _run(session, ["1", "1", "ack"], ExportTarget(None, None, FORMATS["toml"]))
    assert code == EXIT_INCOMPLETE
    transcript = out.splitlines()
    assert "lily_and_cat" in session.acknowledged
    assert "Acknowledged." in transcript


def test_quitting_offers_a_file_in_the_export_folder_named_by_flow_and_time(
    houseplant_flow: Flow, tmp_path: Path
) -> None:
    session = Session(houseplant_flow, interface="plain", clock=lambda: AT, started_at=AT)
    target = ExportTarget(None, tmp_path, FORMATS["toml"])
    code, out = _run(session, ["2", "quit", "y"], target)
    assert code == EXIT_INCOMPLETE
    expected = tmp_path / "houseplant-20260203-140506.toml"
    assert f"Save the unfinished session to {expected}? (y/n) > " in out
    saved = tomllib.loads(expected.read_text(encoding="utf-8"))
    assert saved["answers"] == {"light": "medium"}
    assert saved["session"]["complete"] is False


def test_the_saved_files_name_and_its_finished_time_are_the_same_moment(
    houseplant_flow: Flow, tmp_path: Path
) -> None:
    moments = iter([AT + timedelta(minutes=n) for n in range(100)])
    session = Session(
        houseplant_flow, interface="plain", clock=lambda: next(moments), started_at=AT
    )
    code, _ = _run(session, ["1", "", "3", ""], ExportTarget(None, tmp_path, FORMATS["toml"]))
    assert code == EXIT_DONE
    [saved] = tmp_path.glob("houseplant-*.toml")
    finished = tomllib.loads(saved.read_text(encoding="utf-8"))["session"]["finished_at"]
    assert saved.name == f"houseplant-{finished:%Y%m%d-%H%M%S}.toml"
