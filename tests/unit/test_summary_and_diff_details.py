"""What `lm-tui show` and `lm-tui diff` print about pitfalls, notes and added or changed records,
on the houseplant flow (a reviewer reads these lines, so each must say what it claims)."""

from __future__ import annotations

from pathlib import Path

from lm_tui.exports.flow_diff import diff_flows
from lm_tui.flow.definition import Flow
from lm_tui.flow.loader import load_flow
from lm_tui.session.engine import Session
from lm_tui.session.summary import summary_lines
from tests.conftest import FIXTURES

HOUSEPLANT = FIXTURES / "flows" / "houseplant.toml"


def test_the_summary_names_each_pitfalls_severity_and_every_note(houseplant_flow: Flow) -> None:
    with_cat = Session(houseplant_flow)
    with_cat.answer("bright")
    with_cat.answer(["cat"])
    with_cat.acknowledge("lily_and_cat")
    with_cat.note("cat sleeps on the sill", node_id="pets")
    lines = summary_lines(with_cat)
    assert "  ! CRITICAL: Lilies are toxic to cats [lily_and_cat] — acknowledged" in lines, lines
    assert "Note at pets: cat sleeps on the sill" in lines

    away = Session(houseplant_flow)
    away.answer("bright")
    away.answer([])
    away.answer("25")
    assert "  ! warning: No pets [nothing_chosen] — NOT acknowledged" in summary_lines(away)


def _edited(tmp_path: Path, text: str) -> Flow:
    path = tmp_path / "edited.toml"
    path.write_text(text, encoding="utf-8")
    return load_flow(path)


def test_diff_describes_an_added_recommendation_with_its_condition(tmp_path: Path) -> None:
    text = HOUSEPLANT.read_text(encoding="utf-8") + (
        '\n[recommendations.ivy]\ntitle = "Ivy"\ntext = "Trails."\n'
        'when = "light == \'medium\'"\nsources = ["rhs"]\n'
    )
    changes = diff_flows(load_flow(HOUSEPLANT), _edited(tmp_path, text)).changes
    assert [(c.table, c.item, c.kind) for c in changes] == [("recommendations", "ivy", "added")]
    assert changes[0].details == ("title 'Ivy'; when \"light == 'medium'\"",)


def test_diff_shows_a_choices_new_help_text(tmp_path: Path) -> None:
    old = '{ value = "bright", label = "Bright, direct sun" },'
    new = '{ value = "bright", label = "Bright, direct sun", help = "A south window" },'
    text = HOUSEPLANT.read_text(encoding="utf-8").replace(old, new)
    changes = diff_flows(load_flow(HOUSEPLANT), _edited(tmp_path, text)).changes
    assert [(c.table, c.item, c.field) for c in changes] == [("variables", "light", "choices")]
    assert changes[0].details == (
        "- #1 bright: Bright, direct sun",
        "+ #1 bright: Bright, direct sun (help: A south window)",
    )
