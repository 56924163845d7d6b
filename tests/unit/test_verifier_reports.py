"""What `lm-tui check` reports in cases a flow author meets while editing: two routes that both
apply, with answers for which both conditions hold, and no cache at all."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from lm_tui.flow.loader import build_flow, load_flow
from lm_tui.proof.cache import prove_cached
from lm_tui.proof.prove import prove
from tests.conftest import FIXTURES

HOUSEPLANT = FIXTURES / "flows" / "houseplant.toml"


def test_two_routes_that_both_apply_are_reported_once_with_answers_that_show_it() -> None:
    content = tomllib.loads(HOUSEPLANT.read_text(encoding="utf-8"))
    away = content["nodes"]["away"]
    del away["next"]
    away["routes"] = [
        {"when": "hours_away < 10", "to": "tip"},
        {"when": "hours_away > 5 and light != 'medium'", "to": "tip"},
        {"otherwise": True, "to": "tip"},
    ]
    flow = build_flow(content, Path("overlap.toml"))
    overlaps = [p for p in prove(flow).problems if p.where == "nodes.away.routes"]
    assert len(overlaps) == 1, [str(p) for p in overlaps]
    text = str(overlaps[0])
    assert "routes[0] and routes[1] both apply when hours_away = " in text
    # The counter-example is real: both conditions hold for the answers it names.
    hours = text.split("hours_away = ")[1].split(",")[0]
    light = text.split("light = '")[1].split("'")[0]
    assert 5 < float(hours) < 10
    assert light != "medium"


def test_without_a_cache_the_flow_is_proved_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LM_TUI_NO_CACHE", "1")
    report, from_cache = prove_cached(load_flow(HOUSEPLANT))
    assert report.ok
    assert from_cache is False
