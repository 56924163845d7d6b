"""The condition language refuses everything but its small whitelist, at load time, with a reason.

Each refused condition is put into a real flow file (the test flow's first route) and loaded the
way `lm-tui check` loads it, so the test sees the error a flow author sees: the file, the place
in it (`nodes.light.routes[0].when`) and what is wrong.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lm_tui.cli import main
from lm_tui.flow.errors import FlowLoadError
from lm_tui.flow.loader import load_flow
from tests.conftest import FIXTURES

HOUSEPLANT = FIXTURES / "flows" / "houseplant.toml"
ROUTE = "[[nodes.light.routes]]\nwhen = \"light == 'low'\""
PLACE = "nodes.light.routes[0].when"

REFUSED = [
    # dunder names, even where they would otherwise be harmless
    pytest.param("light.__class__ == 'low'", "'__' is not allowed", id="dunder-attribute"),
    pytest.param("__import__('os').system('true')", "'__' is not allowed", id="dunder-import"),
    pytest.param("__debug__", "'__' is not allowed", id="dunder-name"),
    # attribute access
    pytest.param("light.upper == 'low'", "attribute access is not allowed", id="attribute"),
    # calls
    pytest.param("light.upper() == 'LOW'", "only len(...) may be called", id="method-call"),
    pytest.param("open('/etc/passwd') == 'x'", "only len(...) may be called", id="open"),
    pytest.param("print(light) == 'low'", "only len(...) may be called", id="print"),
    pytest.param(
        "any(p == 'cat' for p in pets)",
        "calls other than len() are not allowed",
        id="call-as-condition",
    ),
    pytest.param("len(light) > 1", "len() needs a multi-select", id="len-of-a-choice"),
    pytest.param("len(pets, pets) > 1", "len takes exactly one name", id="len-two-args"),
    # subscripts
    pytest.param("pets[0] == 'cat'", "subscripts are not allowed", id="subscript"),
    pytest.param("light[1:] == 'ow'", "subscripts are not allowed", id="slice"),
    # comprehensions
    pytest.param("'cat' in [p for p in pets]", "comprehensions are not allowed", id="list-comp"),
    pytest.param("'cat' in {p for p in pets}", "comprehensions are not allowed", id="set-comp"),
    pytest.param("{p: 1 for p in pets} == 1", "comprehensions are not allowed", id="dict-comp"),
    # other Python that is not the language
    pytest.param("hours_away + 1 > 2", "arithmetic is not allowed", id="arithmetic"),
    pytest.param("len(pets) > 10**100", "arithmetic is not allowed", id="power"),
    pytest.param("(lambda: True)()", "not a condition", id="lambda-call"),
    pytest.param(
        "hours_away > (1 if light == 'low' else 2)",
        "if-expressions are not allowed",
        id="if-expression",
    ),
    pytest.param("(x := 1) == 1", "assignment is not allowed", id="walrus"),
    pytest.param("f'{light}' == 'low'", "f-strings are not allowed", id="f-string"),
    pytest.param("light is None", "operator 'Is' is not allowed", id="is"),
    pytest.param(
        "light == 'low'; import os", "not a valid condition: invalid syntax", id="statement"
    ),
    pytest.param("hours_away > 1e999", "'1e999' is not a finite number", id="infinite-number"),
    pytest.param("hours_away > -1e999", "'1e999' is not a finite number", id="minus-infinity"),
    pytest.param("light == b'low'", "is not a string, number or true/false", id="bytes"),
    # a NUL is refused before the condition is parsed, like every control character in a flow
    pytest.param(
        "light == 'low'\x00",
        "holds control or bidirectional characters (\\x00)",
        id="nul-character",
    ),
    # names and values the flow does not declare
    pytest.param(
        "colour == 'red'",
        "'colour' is not a declared variable or derived value",
        id="undeclared-name",
    ),
    pytest.param("light == 'dark'", "'dark' is not a value of 'light'", id="undeclared-value"),
    # absurd nesting and length
    pytest.param("not " * 30 + "light == 'low'", "nested deeper than 24 levels", id="deep-not"),
    pytest.param(
        "light == 'low' and (" * 30 + "light == 'low'" + ")" * 30,
        "nested deeper than 24 levels",
        id="deep-and",
    ),
    pytest.param(
        "(" * 300 + "light == 'low'" + ")" * 300,
        "too many nested parentheses",
        id="deep-parentheses",
    ),
    pytest.param(
        " or ".join(["light == 'low'"] * 200), "longer than 2000 characters", id="too-long"
    ),
]


def flow_with_route_condition(tmp_path: Path, condition: str) -> Path:
    text = HOUSEPLANT.read_text(encoding="utf-8")
    assert text.count(ROUTE) == 1
    # json.dumps gives a valid TOML basic string for any text (same escapes).
    text = text.replace(ROUTE, f"[[nodes.light.routes]]\nwhen = {json.dumps(condition)}")
    path = tmp_path / "flow.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_unchanged_route_loads(tmp_path: Path) -> None:
    """The baseline: the same file with an accepted condition loads."""
    load_flow(flow_with_route_condition(tmp_path, "light == 'low' and not (len(pets) > 1)"))


@pytest.mark.parametrize(("condition", "reason"), REFUSED)
def test_refused_at_load_with_place_and_reason(tmp_path: Path, condition: str, reason: str) -> None:
    path = flow_with_route_condition(tmp_path, condition)
    with pytest.raises(FlowLoadError) as caught:
        load_flow(path)
    [problem] = caught.value.problems
    assert problem.where == PLACE
    assert reason in problem.message
    assert len(problem.message) < 300  # one readable line, even for a 3000-character condition
    assert "None" not in problem.message
    assert caught.value.summary() == f"{path}: {PLACE}: {problem.message}"


def test_refusal_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = flow_with_route_condition(tmp_path, "__import__('os').system('echo pwned')")
    assert main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"{path}: {PLACE}: '__' is not allowed in conditions",
        f"{path}: FAILED to load (1 problem(s))",
    ]
