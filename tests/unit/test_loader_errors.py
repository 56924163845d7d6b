"""Every class of load error names the file, the place in it and what is wrong, all at once.

Each test starts from a small valid flow and breaks one thing (or several), so a failure points
at exactly one rule of the loader.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lm_tui.flow.errors import FlowLoadError
from lm_tui.flow.loader import load_flow

VALID = """\
[flow]
id = "tea"
title = "Which tea?"
version = "1"
start = "mood"

[sources.book]
citation = "A book about tea"

[variables.mood]
kind = "choice"
label = "Mood"
choices = [{ value = "calm", label = "Calm" }, { value = "tired", label = "Tired" }]

[variables.cups]
kind = "number"
label = "Cups today"
min = 0
max = 10
step = 1

[derived.strength]
label = "Strength"
values = ["mild", "strong"]
export = "strength"

[[derived.strength.rules]]
when = "mood == 'tired'"
value = "strong"

[[derived.strength.rules]]
otherwise = true
value = "mild"

[nodes.mood]
kind = "choice"
variable = "mood"
prompt = "How do you feel?"

[[nodes.mood.routes]]
when = "mood == 'tired'"
to = "cups"

[[nodes.mood.routes]]
otherwise = true
to = "done"

[nodes.cups]
kind = "number"
variable = "cups"
next = "done"

[nodes.done]
kind = "outcome"

[[nodes.done.sections]]
title = "Tea"
text = "A {strength} tea."

[recommendations.black_tea]
title = "Black tea"
text = "Strong and bright."
when = "strength == 'strong'"
sources = ["book"]
"""


def write(tmp_path: Path, text: str, name: str = "tea.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def changed(old: str, new: str, text: str = VALID) -> str:
    assert text.count(old) == 1, f"the base flow must contain {old!r} exactly once"
    return text.replace(old, new)


def problems_of(path: Path) -> list[str]:
    """The problems as `where: what` strings; also checks every line names the file."""
    with pytest.raises(FlowLoadError) as failure:
        load_flow(path)
    error = failure.value
    lines = error.summary().splitlines()
    assert len(lines) == len(error.problems)
    assert all(line.startswith(f"{path}: ") for line in lines), lines
    return [str(problem) for problem in error.problems]


def test_the_base_flow_is_valid(tmp_path: Path) -> None:
    flow = load_flow(write(tmp_path, VALID))
    assert flow.id == "tea"
    assert set(flow.nodes) == {"mood", "cups", "done"}


def test_bad_toml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, changed('version = "1"', 'version = "1'))
    [problem] = problems_of(path)
    assert "is not valid TOML" in problem
    assert "line 4" in problem


def test_text_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(VALID.replace("A book", "Ein Buch \xfcber").encode("latin-1"))
    [problem] = problems_of(path)
    assert "not UTF-8" in problem


def test_unknown_key(tmp_path: Path) -> None:
    path = write(tmp_path, changed('prompt = "How do you feel?"', 'promt = "How do you feel?"'))
    assert problems_of(path) == [
        "nodes.mood.promt: unknown key; check its spelling against docs/flow-format.md"
    ]


def test_missing_key(tmp_path: Path) -> None:
    path = write(tmp_path, changed('label = "Cups today"\n', ""))
    assert problems_of(path) == ["variables.cups.label: required key is missing"]


def test_unknown_kind(tmp_path: Path) -> None:
    path = write(tmp_path, changed('kind = "number"\nvariable', 'kind = "slider"\nvariable'))
    [problem] = problems_of(path)
    assert problem.startswith("nodes.cups: unknown kind; use one of choice, info, multi")


def test_bad_reference_to_a_node(tmp_path: Path) -> None:
    path = write(tmp_path, changed('to = "cups"', 'to = "cupz"'))
    assert problems_of(path) == ["nodes.mood.routes[0].to: 'cupz' is not a node"]


def test_bad_reference_to_a_variable_and_a_start_node(tmp_path: Path) -> None:
    text = changed('variable = "cups"', 'variable = "cupz"')
    text = changed('start = "mood"', 'start = "mod"', text)
    problems = problems_of(write(tmp_path, text))
    assert "flow.start: 'mod' is not a node" in problems
    assert "nodes.cups.variable: 'cupz' is not a declared variable" in problems


def test_node_kind_must_match_its_variable(tmp_path: Path) -> None:
    path = write(tmp_path, changed('variable = "cups"', 'variable = "mood"'))
    [problem] = problems_of(path)
    assert problem.startswith("nodes.cups.variable: a number node needs a number variable")


def test_bad_option(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        changed('variable = "mood"\n', 'variable = "mood"\noptions = ["calm", "sleepy"]\n'),
    )
    assert problems_of(path) == [
        "nodes.mood.options: 'sleepy' is not a value of 'mood' (allowed: calm, tired)"
    ]


def test_bad_rule_value(tmp_path: Path) -> None:
    path = write(tmp_path, changed('value = "strong"', 'value = "extra_strong"'))
    [problem] = problems_of(path)
    assert problem.startswith("derived.strength.rules[0].value: 'extra_strong' is not one of")


def test_otherwise_not_last_in_a_rule_table(tmp_path: Path) -> None:
    text = changed(
        '[[derived.strength.rules]]\nwhen = "mood == \'tired\'"\nvalue = "strong"\n\n'
        '[[derived.strength.rules]]\notherwise = true\nvalue = "mild"',
        '[[derived.strength.rules]]\notherwise = true\nvalue = "mild"\n\n'
        '[[derived.strength.rules]]\nwhen = "mood == \'tired\'"\nvalue = "strong"',
    )
    assert problems_of(write(tmp_path, text)) == [
        "derived.strength.rules[0]: the `otherwise` row must be the last one"
    ]


def test_otherwise_not_last_among_routes(tmp_path: Path) -> None:
    text = changed(
        '[[nodes.mood.routes]]\nwhen = "mood == \'tired\'"\nto = "cups"\n\n'
        '[[nodes.mood.routes]]\notherwise = true\nto = "done"',
        '[[nodes.mood.routes]]\notherwise = true\nto = "done"\n\n'
        '[[nodes.mood.routes]]\nwhen = "mood == \'tired\'"\nto = "cups"',
    )
    assert problems_of(write(tmp_path, text)) == [
        "nodes.mood.routes[0]: the `otherwise` route must be the last one"
    ]


def test_derived_cycle(tmp_path: Path) -> None:
    text = VALID + (
        '\n[derived.a]\nlabel = "A"\nvalues = [true, false]\n'
        '[[derived.a.rules]]\nwhen = "b"\nvalue = true\n'
        "[[derived.a.rules]]\notherwise = true\nvalue = false\n"
        '\n[derived.b]\nlabel = "B"\nvalues = [true, false]\n'
        '[[derived.b.rules]]\nwhen = "a"\nvalue = true\n'
        "[[derived.b.rules]]\notherwise = true\nvalue = false\n"
    )
    [problem] = problems_of(write(tmp_path, text))
    assert problem.startswith("derived.")
    assert "derived values depend on each other: a -> b -> a" in problem


def test_bad_placeholder(tmp_path: Path) -> None:
    path = write(tmp_path, changed('text = "A {strength} tea."', 'text = "A {strenght} tea."'))
    assert problems_of(path) == [
        "nodes.done.sections[0].text: {strenght} is not a declared variable or derived value"
    ]


def test_bad_condition_names_the_place_and_the_token(tmp_path: Path) -> None:
    path = write(
        tmp_path, changed("when = \"mood == 'tired'\"\nto", "when = \"mood == 'sleepy'\"\nto")
    )
    assert problems_of(path) == [
        "nodes.mood.routes[0].when: 'sleepy' is not a value of 'mood' (allowed: calm, tired)"
    ]


def test_all_schema_problems_are_reported_at_once(tmp_path: Path) -> None:
    text = changed('prompt = "How do you feel?"', 'promt = "How do you feel?"')
    text = changed('label = "Cups today"\n', "", text)
    text = changed('kind = "outcome"', 'kind = "ending"', text)
    text = changed("step = 1", "step = 0", text)
    problems = problems_of(write(tmp_path, text))
    places = sorted(problem.split(":")[0] for problem in problems)
    assert places == [
        "nodes.done",
        "nodes.mood.promt",
        "variables.cups.label",
        "variables.cups.step",
    ]


def test_all_reference_and_condition_problems_are_reported_at_once(tmp_path: Path) -> None:
    text = changed('to = "cups"', 'to = "cupz"')
    text = changed('value = "strong"', 'value = "extra_strong"', text)
    text = changed('text = "A {strength} tea."', 'text = "A {strenght} tea."', text)
    text = changed("when = \"strength == 'strong'\"", "when = \"strength == 'weak'\"", text)
    text = changed("when = \"mood == 'tired'\"\nvalue", "when = \"mod == 'tired'\"\nvalue", text)
    places = sorted(problem.split(":")[0] for problem in problems_of(write(tmp_path, text)))
    assert places == [
        "derived.strength.rules[0].value",
        "derived.strength.rules[0].when",
        "nodes.done.sections[0].text",
        "nodes.mood.routes[0].to",
        "recommendations.black_tea.when",
    ]


@pytest.mark.parametrize("case", ["missing", "directory", "unreadable"])
def test_unusable_paths(tmp_path: Path, case: str) -> None:
    if case == "missing":
        path = tmp_path / "nowhere.toml"
        expected = "no such file"
    elif case == "directory":
        path = tmp_path / "folder.toml"
        path.mkdir()
        expected = "is a directory"
    else:
        path = write(tmp_path, VALID)
        path.chmod(0)
        if os.access(path, os.R_OK):  # root reads anything: simulate the refusal it would get
            path.chmod(0o644)
            path = tmp_path / "unreadable.toml"
            path.symlink_to(path)  # a symlink loop cannot be read by anyone
            expected = "cannot be read"
        else:
            expected = "permission denied"
    [problem] = problems_of(path)
    assert expected in problem


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "min = 0\nmax = 10",
            "min = 11\nmax = 10",
            "variables.cups: min 11 is greater than max 10",
        ),
        (
            "max = 10\nstep = 1",
            "max = 10\nstep = 3",
            "variables.cups: max 10 is not on the grid of steps of 3 from 0",
        ),
        ("step = 1", "step = 0", "variables.cups.step: Input should be greater than 0"),
    ],
)
def test_number_ranges_must_be_answerable(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    # A max off the step grid could never be answered, but the verifier would try it.
    assert problems_of(write(tmp_path, changed(old, new))) == [expected]


def test_a_route_with_both_when_and_otherwise(tmp_path: Path) -> None:
    path = write(tmp_path, changed("otherwise = true\nto", 'otherwise = true\nwhen = "true"\nto'))
    assert problems_of(path) == [
        "nodes.mood.routes[1]: a route has either `when` or `otherwise = true`, not both or neither"
    ]


MULTI = """
[variables.extras]
kind = "multi"
label = "Extras"
choices = [{ value = "milk", label = "Milk" }, { value = "lemon", label = "Lemon" }]
"""


def test_carried_out_by_names_values_of_a_multi_select(tmp_path: Path) -> None:
    """A recommendation's `carried_out_by` (the plan options that carry it out) is checked at
    load: a value no multi-select offers is an error with its place."""
    good = changed('sources = ["book"]\n', 'sources = ["book"]\ncarried_out_by = ["milk"]\n')
    load_flow(write(tmp_path, good + MULTI, "good.toml"))
    bad = changed('sources = ["book"]\n', 'sources = ["book"]\ncarried_out_by = ["sugar"]\n')
    problems = problems_of(write(tmp_path, bad + MULTI))
    assert any(
        p.startswith("recommendations.black_tea.carried_out_by[0]") and "'sugar'" in p
        for p in problems
    ), problems
