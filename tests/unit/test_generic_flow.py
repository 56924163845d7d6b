"""The engine and the CLI run a flow that has nothing to do with medicine.

If any clinical rule had crept into Python, this non-clinical flow would not check, replay or
show cleanly.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.unit.conftest import RunCli

HOUSEPLANT = FIXTURES / "flows" / "houseplant.toml"


def test_check_passes(run_cli: RunCli) -> None:
    result = run_cli("check", HOUSEPLANT)
    assert result.code == 0, result.err
    assert "OK  flow 'houseplant' 0.3: 6 nodes, 2 paths" in result.out


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            'light = "low"\nhumid = "yes"\npets = ["cat"]\nhours_away = 7.5\n',
            {
                "care": "easy",
                "plan": {"watering": "fortnightly"},
                "recommendations": {"snake_plant", "fern"},
                "pitfalls": {"lily_and_cat"},
            },
        ),
        (
            'light = "bright"\npets = []\nhours_away = 21\n',
            {
                "care": "easy",
                "plan": {"watering": "weekly"},
                "recommendations": {"snake_plant", "cactus"},
                "pitfalls": {"nothing_chosen"},
            },
        ),
        (
            'light = "medium"\npets = ["dog"]\nhours_away = 0\n',
            {
                "care": "moderate",
                "plan": {"watering": "fortnightly"},
                "recommendations": set(),
                "pitfalls": set(),
            },
        ),
    ],
)
def test_replay_and_show_through_the_cli(
    run_cli: RunCli, tmp_path: Path, answers: str, expected: dict
) -> None:
    source = tmp_path / "room.toml"
    source.write_text("[answers]\n" + answers, encoding="utf-8")
    target = tmp_path / "room-session.toml"
    result = run_cli("replay", source, "--flow", HOUSEPLANT, "--export", target)
    assert result.code == 0, result.err

    outcome = tomllib.loads(target.read_text(encoding="utf-8"))["outcome"]
    assert set(outcome) == set(expected)
    for key, value in expected.items():
        assert (set(outcome[key]) if isinstance(value, set) else outcome[key]) == value

    shown = run_cli("show", target, "--flow", HOUSEPLANT)
    assert shown.code == 0, shown.err
    assert "Which houseplant suits the room?" in shown.out
    assert "Gardening advice only." in shown.out
    for rec_id in expected["recommendations"]:
        assert f"[{rec_id}]" in shown.out


def test_a_wrong_answer_names_the_houseplant_variable(run_cli: RunCli, tmp_path: Path) -> None:
    source = tmp_path / "room.toml"
    source.write_text('[answers]\nlight = "bright"\npets = []\nhours_away = 0.3\n', "utf-8")
    result = run_cli("replay", source, "--flow", HOUSEPLANT, "--export", tmp_path / "o.toml")
    assert result.code == 2
    assert result.err_lines == [
        f"lm-tui replay: {source}: hours_away = 0.3 is not on the step; Days away per month "
        "is recorded in steps of 0.5: 0 or 0.5; allowed: 0 to 30 days in steps of 0.5"
    ]
