"""One broken fixture flow per defect class; the verifier must name exactly that defect.

Each fixture in tests/fixtures/flows/broken/ is sound apart from the one defect its header
comment describes, so the report must hold that problem and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lm_tui.flow.definition import Flow
from lm_tui.flow.loader import load_flow
from lm_tui.proof.findings import ProofReport as Report
from lm_tui.proof.prove import prove as verify
from lm_tui.proof.prove import prove_and_list

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "flows"


def report_for(path: Path) -> Report:
    return verify(load_flow(path))


def problems(report: Report) -> list[tuple[str, str]]:
    return [(problem.where, problem.message) for problem in report.problems]


def test_unreachable_node(broken_flow: Callable[[str], Path]) -> None:
    report = report_for(broken_flow("unreachable_node"))
    assert problems(report) == [("nodes.orphan", "is never reached from the start node")]
    assert not report.ok


def test_dead_end(broken_flow: Callable[[str], Path]) -> None:
    report = report_for(broken_flow("dead_end"))
    assert problems(report) == [
        ("nodes.spin_a", "is a dead end: no outcome can be reached from it"),
        ("nodes.spin_b", "is a dead end: no outcome can be reached from it"),
    ]


def test_undeclared_cycle(broken_flow: Callable[[str], Path]) -> None:
    [(where, message)] = problems(report_for(broken_flow("undeclared_cycle")))
    assert where == "nodes.check_again.routes[0]"
    assert "undeclared cycle weather -> umbrella -> check_again -> weather" in message
    assert "cycle = true" in message


def test_route_gap_at_the_threshold(broken_flow: Callable[[str], Path]) -> None:
    # `kps > 70` and `kps < 70` leave KPS 70 with no route.
    [(where, message)] = problems(report_for(broken_flow("route_gap")))
    assert where == "nodes.kps.routes"
    assert message.startswith("no route applies when kps = 70 ")


def test_route_overlap_at_the_threshold(broken_flow: Callable[[str], Path]) -> None:
    [(where, message)] = problems(report_for(broken_flow("route_overlap")))
    assert where == "nodes.kps.routes"
    assert message.startswith("routes[0] and routes[1] both apply when kps = 70 ")


def test_route_reading_a_variable_not_asked_on_every_path(
    broken_flow: Callable[[str], Path],
) -> None:
    [(where, message)] = problems(report_for(broken_flow("unasked_read")))
    assert where == "nodes.coat.routes"
    assert message.startswith("read umbrella, not asked on the path weather > coat")


def test_unguarded_read_is_refused_and_the_guarded_one_accepted(
    broken_flow: Callable[[str], Path],
) -> None:
    [(where, message)] = problems(report_for(broken_flow("unguarded_outcome_read")))
    assert where == "recommendations.buy_umbrella.when"
    assert message.startswith("reads umbrella, which may not be asked on the path weather > done")

    guarded = report_for(FIXTURES / "guarded_read.toml")
    assert guarded.ok, problems(guarded)
    assert guarded.path_count == 2


def test_derived_table_not_total(broken_flow: Callable[[str], Path]) -> None:
    [(where, message)] = problems(report_for(broken_flow("derived_not_total")))
    assert where == "derived.warmth.rules"
    assert message.startswith("no rule applies when temperature = 15;")


def test_unreachable_recommendation_and_pitfall(broken_flow: Callable[[str], Path]) -> None:
    assert sorted(problems(report_for(broken_flow("unreachable_items")))) == [
        ("pitfalls.frostbite", "is never raised: no answers reach it"),
        ("recommendations.sunscreen", "is never given: no answers reach it"),
    ]


def test_undeclared_sources(broken_flow: Callable[[str], Path]) -> None:
    assert sorted(problems(report_for(broken_flow("undeclared_source")))) == [
        ("nodes.weather.sources", "cites 'almanack', which is not declared under [sources]"),
        (
            "recommendations.umbrella.sources",
            "cites 'forecast_2024', which is not declared under [sources]",
        ),
    ]


def test_variable_asked_twice_on_a_path(broken_flow: Callable[[str], Path]) -> None:
    assert problems(report_for(broken_flow("asked_twice"))) == [
        ("nodes.weather_again", "asks 'weather' again on a path that already asked it at 'weather'")
    ]


def test_every_broken_fixture_is_covered_by_a_test() -> None:
    covered = {
        "unreachable_node",
        "dead_end",
        "undeclared_cycle",
        "route_gap",
        "route_overlap",
        "unasked_read",
        "unguarded_outcome_read",
        "derived_not_total",
        "unreachable_items",
        "undeclared_source",
        "asked_twice",
    }
    on_disk = {path.stem for path in (FIXTURES / "broken").glob("*.toml")}
    assert on_disk == covered


def test_sound_flows_pass(houseplant_flow: Flow) -> None:
    report, paths = prove_and_list(houseplant_flow)
    assert report.ok, problems(report)
    assert report.path_count == 2
    assert sorted(paths) == [
        ("light", "humid", "pets", "away", "tip", "done"),
        ("light", "pets", "away", "tip", "done"),
    ]


def test_the_bundled_flow_passes(bundled_flow: Flow) -> None:
    report = verify(bundled_flow)
    assert report.ok, problems(report)
    assert report.path_count > 0


@pytest.mark.parametrize("stem", ["route_gap", "route_overlap"])
def test_the_same_flow_with_an_otherwise_route_or_no_overlap_passes(
    tmp_path: Path, broken_flow: Callable[[str], Path], stem: str
) -> None:
    # Guards against a verifier that reports every threshold: the fixed flows must pass.
    text = broken_flow(stem).read_text(encoding="utf-8")
    fixed = text.replace('when = "kps < 70"', "otherwise = true").replace(
        'when = "kps <= 70"', 'when = "kps < 70"'
    )
    assert fixed != text
    path = tmp_path / f"{stem}_fixed.toml"
    path.write_text(fixed, encoding="utf-8")
    report = report_for(path)
    assert report.ok, problems(report)
