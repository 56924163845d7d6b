"""What `lm-tui check` reports in cases a flow author meets while editing: the same overlap met
with different answers on two paths, a check too large to prove, and no cache at all."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from lm_tui.flow import answer_search
from lm_tui.flow.loader import build_flow, load_flow
from lm_tui.flow.verify import verify
from lm_tui.flow.verify_cache import verify_cached
from tests.conftest import FIXTURES

HOUSEPLANT = FIXTURES / "flows" / "houseplant.toml"


def test_an_overlap_met_with_other_answers_on_another_path_is_reported_for_each() -> None:
    content = tomllib.loads(HOUSEPLANT.read_text(encoding="utf-8"))
    away = content["nodes"]["away"]
    del away["next"]
    away["routes"] = [
        {"when": "hours_away < 10", "to": "tip"},
        {"when": "hours_away > 5 and light != 'medium'", "to": "tip"},
        {"otherwise": True, "to": "tip"},
    ]
    report = verify(build_flow(content, Path("overlap.toml")))
    overlaps = [str(p) for p in report.problems if p.where == "nodes.away.routes"]
    assert len(overlaps) == 2, overlaps
    assert (
        "hours_away = 5.5, light = 'low' (on the path light > humid > pets > away)" in (overlaps[0])
    )
    assert "hours_away = 5.5, light = 'bright' (on the path light > pets > away)" in overlaps[1]


def test_a_check_beyond_the_trial_budget_is_reported_not_passed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Without `otherwise`, proving that some rule always applies means trying the answers.
    content = tomllib.loads(HOUSEPLANT.read_text(encoding="utf-8"))
    content["derived"]["care"]["rules"][1] = {"when": "hours_away < 7", "value": "moderate"}
    flow = build_flow(content, Path("no-otherwise.toml"))
    assert verify(flow).ok
    monkeypatch.setattr(answer_search, "MAX_TRIALS", 2)
    report = verify(flow)
    assert [str(p) for p in report.problems] == [
        "derived.care: a check needs more than 2 trials; simplify the conditions or use "
        "derived values"
    ]


def test_without_a_cache_the_flow_is_proved_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LM_TUI_NO_CACHE", "1")
    report, from_cache = verify_cached(load_flow(HOUSEPLANT))
    assert report.ok
    assert from_cache is False


def test_a_route_missing_for_a_selection_without_the_named_member_is_found() -> None:
    # At least one pet must be chosen, and only a cat has a route: a dog alone is stranded.
    content = tomllib.loads(HOUSEPLANT.read_text(encoding="utf-8"))
    content["variables"]["pets"]["min_selected"] = 1
    pets = content["nodes"]["pets"]
    del pets["next"]
    pets["routes"] = [{"when": "'cat' in pets", "to": "away"}]
    report = verify(build_flow(content, Path("cats-only.toml")))
    stranded = [str(p) for p in report.problems if p.where == "nodes.pets.routes"]
    assert stranded, report.problems
    assert "no route applies" in stranded[0]
