"""Fuzzing every loader a user can hand a file to: only the project's own errors may come out.

The loaders are the flow loader (`lm-tui check`, `--flow`), the answers loader (`replay`), the
session loader (`show`, `--resume`, autosave) and the teaching-case loader (`teach`, `check
--cases`). Each gets random bytes, random TOML documents and mutations of the project's real
files. Whatever the input, the outcome is either success or an `LmTuiError` with a message; any
other exception is a crash a user would see as "internal error".

`LM_TUI_FUZZ_EXAMPLES` sets the examples per test (default 150; docs/reliability.md records a
longer run).
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import tomllib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from lm_tui.cli import main
from lm_tui.cli.replay import replay_session
from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import FlowLoadError, LmTuiError
from lm_tui.flow.evaluation import Evaluator, UndecidedRoute
from lm_tui.flow.loader import build_flow, load_flow
from lm_tui.flow.records import ChoiceVariable, MultiVariable, NumberVariable
from lm_tui.flow.values import Missing, Value
from lm_tui.proof.prove import prove as verify
from lm_tui.resources import bundled_flow_path, cases_dir
from lm_tui.session.answers_file import load_answers
from lm_tui.session.document import render_toml, session_document
from lm_tui.session.engine import Session
from lm_tui.session.record_check import restore_warnings
from lm_tui.session.session_file import read_session_file, restore
from lm_tui.session.summary import summary_lines
from lm_tui.teaching.attempt import CaseAttempt
from lm_tui.teaching.cases import load_case
from lm_tui.teaching.debrief import build_debrief
from lm_tui.teaching.export import teaching_table
from lm_tui.teaching.marking import mark_answers
from lm_tui.teaching.report import debrief_lines
from tests.conftest import FIXTURES, example_files
from tests.reliability.toml_fuzz import mutated, mutated_bytes, toml_documents, toml_values

EXAMPLES = int(os.environ.get("LM_TUI_FUZZ_EXAMPLES", "150"))
fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)

HOUSEPLANT = FIXTURES / "flows" / "houseplant.toml"
T0 = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)


def parsed(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


FLOW_SEEDS = {"bundled": parsed(bundled_flow_path()), "houseplant": parsed(HOUSEPLANT)}
ANSWER_SEEDS = [parsed(path) for path in example_files()]


def only_project_errors(action: Callable[[], object]) -> None:
    """Run `action`; success or an LmTuiError with a message are the only acceptable ends."""
    try:
        action()
        event("loaded")
    except FlowLoadError as error:
        event("FlowLoadError")
        assert error.problems, "a FlowLoadError must list at least one problem"
        assert all(str(problem).strip() for problem in error.problems)
        assert error.summary().strip()
    except LmTuiError as error:
        event(type(error).__name__)
        assert str(error).strip(), f"{type(error).__name__} without a message"


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("fuzz")


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def write_toml(folder: Path, name: str, document: dict[str, Any]) -> Path:
    return write(folder, name, tomli_w.dumps(document).encode())


# --- the flow loader ---------------------------------------------------------------------------


MAX_ROUTE_CHECKS = 20_000
"""Brute force gives up (and the example checks only that nothing crashes) beyond this."""


def _answers_at(flow: Flow, node_id: str) -> list[Value] | None:
    """Every answer a node accepts, or None when there are too many to try one by one."""
    variable = flow.variables[flow.asked_variable(node_id) or ""]
    offered = flow.offered_values(node_id)
    if isinstance(variable, ChoiceVariable):
        return list(offered)
    if isinstance(variable, MultiVariable):
        if len(offered) > 6:
            return None
        return [
            frozenset(chosen)
            for size in range(max(variable.min_selected, 0), len(offered) + 1)
            for chosen in itertools.combinations(offered, size)
        ]
    assert isinstance(variable, NumberVariable)
    steps = (variable.max - variable.min) / variable.step
    if steps > 200:
        return None
    return [variable.min + variable.step * n for n in range(int(steps) + 1)]


def stuck_nodes(flow: Flow) -> set[str] | None:
    """Nodes where some answers leave no single route (the walk would stop with an error),
    found by trying every answer at every node; None when the flow is too large for that.

    This is the verifier's main promise, checked the slow way: a flow it passes never strands
    a user, and one that strands a user is not passed.
    """
    stuck: set[str] = set()
    budget = [MAX_ROUTE_CHECKS]

    def walk(node_id: str, answers: dict[str, Value], depth: int) -> bool:
        if flow.is_outcome(node_id):
            return True
        if depth > len(flow.nodes):
            return False  # an undeclared cycle: the loader or the verifier reports it
        variable = flow.asked_variable(node_id)
        if variable is not None and variable in answers:
            return False  # asked twice on one path: beyond this brute force
        tries: list[Value | None] = [None]
        if variable is not None:
            found = _answers_at(flow, node_id)
            if found is None:
                return False
            tries = list(found)
        for value in tries:
            budget[0] -= 1
            if budget[0] < 0:
                return False
            given = answers if variable is None or value is None else {**answers, variable: value}
            try:
                route = Evaluator(flow, given).route(node_id)
            except UndecidedRoute:
                stuck.add(node_id)
                continue
            if isinstance(route, Missing):
                stuck.add(node_id)
                continue
            if not route.cycle and not walk(route.to, given, depth + 1):
                return False
        return True

    return stuck if walk(flow.start, {}, 0) else None


def check_verifier(flow: Flow) -> str:
    """Verify `flow` and hold the report to brute force; returns what was found, for the
    statistics (`--hypothesis-show-statistics`)."""
    report = verify(flow)
    for problem in report.problems:
        assert str(problem).strip(), "a verifier problem without a message"
    stuck = stuck_nodes(flow)
    if stuck is None:
        return "too large to try every answer"
    if stuck:
        assert not report.ok, f"the verifier passed a flow that strands a user at {sorted(stuck)}"
        text = "\n".join(str(problem) for problem in report.problems)
        assert any(node in text for node in stuck), (sorted(stuck), text)
        return "stranding flow, reported"
    return "no answer strands the user"


def check_flow_file(path: Path, verify_it: bool) -> None:
    """What `lm-tui check` does: load, then (for small flows) verify exhaustively."""

    def action() -> None:
        flow = load_flow(path)
        if verify_it:
            event(check_verifier(flow))

    only_project_errors(action)


def check_flow_content(content: dict[str, Any], verify_it: bool) -> None:
    def action() -> None:
        flow = build_flow(content, Path("fuzzed.toml"), "0" * 64)
        if verify_it:
            event(check_verifier(flow))

    only_project_errors(action)


def test_brute_force_finds_a_stranding_route_and_the_verifier_too() -> None:
    """The check above can fail: a houseplant flow whose low-light route needs an answer the
    walk has not asked yet strands every low-light room, and the verifier says so."""
    content = parsed(HOUSEPLANT)
    content["nodes"]["light"]["routes"][0]["when"] = "light == 'low' and humid == 'yes'"
    flow = build_flow(content, Path("stranding.toml"), "0" * 64)
    assert stuck_nodes(flow) == {"light"}
    assert check_verifier(flow) == "stranding flow, reported"
    assert stuck_nodes(load_flow(HOUSEPLANT)) == set()


@fuzz
@given(data=st.one_of(st.binary(max_size=2000), st.text(max_size=2000).map(str.encode)))
def test_flow_loader_random_bytes(scratch: Path, data: bytes) -> None:
    check_flow_file(write(scratch, "random-flow.toml", data), verify_it=False)


@fuzz
@given(document=toml_documents)
def test_flow_loader_random_documents(document: dict[str, Any]) -> None:
    check_flow_content(document, verify_it=False)


@fuzz
@given(document=mutated(FLOW_SEEDS["bundled"]))
def test_flow_loader_mutated_bundled_flow(document: dict[str, Any]) -> None:
    # The bundled flow takes minutes to verify, so its mutations are loaded, not verified.
    check_flow_content(document, verify_it=False)


@fuzz
@given(document=mutated(FLOW_SEEDS["houseplant"]))
def test_flow_loader_and_verifier_mutated_test_flow(document: dict[str, Any]) -> None:
    check_flow_content(document, verify_it=True)


@fuzz
@given(data=mutated_bytes(bundled_flow_path().read_bytes()))
def test_flow_loader_mutated_bundled_text(scratch: Path, data: bytes) -> None:
    check_flow_file(write(scratch, "mutated-bundled.toml", data), verify_it=False)


@fuzz
@given(data=mutated_bytes(HOUSEPLANT.read_bytes()))
def test_flow_loader_mutated_test_flow_text(scratch: Path, data: bytes) -> None:
    check_flow_file(write(scratch, "mutated-houseplant.toml", data), verify_it=True)


# --- the answers loader and replay ---------------------------------------------------------------


def check_answers_file(path: Path, flow: Flow) -> None:
    """What `lm-tui replay` does with the file: load, walk the flow, build the export."""

    def action() -> None:
        load_answers(path)
        session, _ = replay_session(flow, path)
        render_toml(session_document(session))
        summary_lines(session)

    only_project_errors(action)


@fuzz
@given(data=st.one_of(st.binary(max_size=1000), st.text(max_size=1000).map(str.encode)))
def test_answers_loader_random_bytes(scratch: Path, bundled_flow: Flow, data: bytes) -> None:
    check_answers_file(write(scratch, "random-answers.toml", data), bundled_flow)


@fuzz
@given(document=st.one_of(toml_documents, st.dictionaries(st.just("answers"), toml_documents)))
def test_answers_loader_random_documents(
    scratch: Path, bundled_flow: Flow, document: dict[str, Any]
) -> None:
    check_answers_file(write_toml(scratch, "random-answers.toml", document), bundled_flow)


@fuzz
@given(document=st.sampled_from(ANSWER_SEEDS).flatmap(mutated))
def test_answers_loader_mutated_examples(
    scratch: Path, bundled_flow: Flow, document: dict[str, Any]
) -> None:
    check_answers_file(write_toml(scratch, "mutated-answers.toml", document), bundled_flow)


@fuzz
@given(
    seed=st.sampled_from(ANSWER_SEEDS),
    replacements=st.dictionaries(
        st.sampled_from(sorted({k for seed in ANSWER_SEEDS for k in seed["answers"]})),
        toml_values,
        min_size=1,
        max_size=3,
    ),
)
def test_answer_values_of_every_type(
    scratch: Path, bundled_flow: Flow, seed: dict[str, Any], replacements: dict[str, Any]
) -> None:
    """Each answer in turn gets a value of another type: NaN, a date, a table, a huge number."""
    document = {**seed, "answers": {**seed["answers"], **replacements}}
    check_answers_file(write_toml(scratch, "retyped-answers.toml", document), bundled_flow)


@fuzz
@given(data=st.sampled_from(example_files()).map(Path.read_bytes).flatmap(mutated_bytes))
def test_answers_loader_mutated_example_text(
    scratch: Path, bundled_flow: Flow, data: bytes
) -> None:
    check_answers_file(write(scratch, "mutated-answers.toml", data), bundled_flow)


# --- the session loader (show, --resume, autosave) -----------------------------------------------


def houseplant_session_document(flow: Flow) -> dict[str, Any]:
    """A session that used every kind of event: answer, back, edit, acknowledge, note."""
    session = Session(flow, clock=lambda: T0, started_at=T0)
    session.answer("low")
    session.answer("no")
    session.back()
    session.answer("yes")
    session.answer(["cat", "bird"])
    session.acknowledge("lily_and_cat")
    session.note("north-facing window")
    session.answer("12.5")
    session.edit("light", "bright")
    session.edit("pets", ["dog"])
    session.answer()
    assert session.is_complete
    return session_document(session)


def example_session_documents(flow: Flow) -> list[dict[str, Any]]:
    documents = []
    for path in example_files():
        session, _ = replay_session(flow, path)
        documents.append(session_document(session))
    return documents


@pytest.fixture(scope="module")
def session_seeds(bundled_flow: Flow, houseplant_flow: Flow) -> dict[str, list[dict[str, Any]]]:
    return {
        "houseplant": [houseplant_session_document(houseplant_flow)],
        "leptomeningeal": example_session_documents(bundled_flow),
    }


def check_session_file(path: Path, flows: dict[str, Flow]) -> None:
    """What `lm-tui show` and `--resume` do: read, replay against the flow, warn, summarise."""

    def action() -> None:
        record = read_session_file(path)
        flow = flows.get(record.flow_id, flows["leptomeningeal"])
        restored = restore(record, flow)
        restore_warnings(record, restored)
        summary_lines(restored.session, recorded=record.document)
        render_toml(session_document(restored.session))

    only_project_errors(action)


@pytest.fixture(scope="module")
def flows(bundled_flow: Flow, houseplant_flow: Flow) -> dict[str, Flow]:
    return {"leptomeningeal": bundled_flow, "houseplant": houseplant_flow}


@fuzz
@given(data=st.one_of(st.binary(max_size=1000), st.text(max_size=1000).map(str.encode)))
def test_session_loader_random_bytes(scratch: Path, flows: dict[str, Flow], data: bytes) -> None:
    check_session_file(write(scratch, "random-session.toml", data), flows)


@fuzz
@given(document=toml_documents)
def test_session_loader_random_documents(
    scratch: Path, flows: dict[str, Flow], document: dict[str, Any]
) -> None:
    check_session_file(write_toml(scratch, "random-session.toml", document), flows)


@fuzz
@given(data=st.data(), which=st.sampled_from(["houseplant", "leptomeningeal"]))
def test_session_loader_mutated_exports(
    scratch: Path,
    flows: dict[str, Flow],
    session_seeds: dict[str, list[dict[str, Any]]],
    data: st.DataObject,
    which: str,
) -> None:
    seed = data.draw(st.sampled_from(session_seeds[which]))
    document = data.draw(mutated(seed, max_mutations=3))
    check_session_file(write_toml(scratch, "mutated-session.toml", document), flows)


@fuzz
@given(data=st.data())
def test_session_loader_mutated_export_text(
    scratch: Path,
    flows: dict[str, Flow],
    session_seeds: dict[str, list[dict[str, Any]]],
    data: st.DataObject,
) -> None:
    seed = data.draw(st.sampled_from(session_seeds["houseplant"] + session_seeds["leptomeningeal"]))
    text = data.draw(mutated_bytes(tomli_w.dumps(seed).encode()))
    check_session_file(write(scratch, "mutated-session.toml", text), flows)


# --- the teaching-case loader (teach, check --cases) --------------------------------------------

CASE_FILES = sorted(cases_dir().glob("*.toml"))
CASE_SEEDS = [parsed(path) for path in CASE_FILES]


def check_case_file(path: Path, flow: Flow) -> None:
    """What `teach` does with a case file: read it, check it against the flow, start an attempt
    and mark the expected decisions (a trainee who gets everything right), then debrief."""

    def action() -> None:
        case = load_case(path)
        attempt = CaseAttempt.start(case, flow, interface="replay")
        expected = {name: answer for name, answer in case.expected.items()}
        marked = mark_answers(case, flow, expected)
        debrief_lines(build_debrief(marked.attempt), flow)
        teaching_table(attempt)

    only_project_errors(action)


def test_case_seeds_are_the_bundled_cases() -> None:
    # The mutations below start from real cases; an empty glob would fuzz nothing.
    assert len(CASE_SEEDS) >= 5


@fuzz
@given(data=st.one_of(st.binary(max_size=2000), st.text(max_size=2000).map(str.encode)))
def test_case_loader_random_bytes(scratch: Path, bundled_flow: Flow, data: bytes) -> None:
    check_case_file(write(scratch, "random-case.toml", data), bundled_flow)


@fuzz
@given(document=toml_documents)
def test_case_loader_random_documents(
    scratch: Path, bundled_flow: Flow, document: dict[str, Any]
) -> None:
    check_case_file(write_toml(scratch, "random-case.toml", document), bundled_flow)


@fuzz
@given(document=st.sampled_from(CASE_SEEDS).flatmap(mutated))
def test_case_loader_mutated_cases(
    scratch: Path, bundled_flow: Flow, document: dict[str, Any]
) -> None:
    check_case_file(write_toml(scratch, "mutated-case.toml", document), bundled_flow)


@fuzz
@given(data=st.sampled_from(CASE_FILES).map(Path.read_bytes).flatmap(mutated_bytes))
def test_case_loader_mutated_case_text(scratch: Path, bundled_flow: Flow, data: bytes) -> None:
    check_case_file(write(scratch, "mutated-case.toml", data), bundled_flow)


# --- the same through the command line: exit 0 or 2, never the internal-error exit ---------------


def run_cli(*args: str) -> tuple[int, str]:
    errors = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(errors):
        code = main(list(args))
    return code, errors.getvalue()


def assert_clean_exit(code: int, errors: str) -> None:
    assert code in (0, 2), errors
    assert "internal error" not in errors and "Traceback" not in errors
    if code == 2:
        assert errors.strip()


@fuzz
@given(data=mutated_bytes(HOUSEPLANT.read_bytes()))
def test_cli_check_on_mutated_flows(scratch: Path, data: bytes) -> None:
    assert_clean_exit(*run_cli("check", str(write(scratch, "cli-flow.toml", data))))


@fuzz
@given(data=st.sampled_from(example_files()).map(Path.read_bytes).flatmap(mutated_bytes))
def test_cli_replay_on_mutated_answers(scratch: Path, data: bytes) -> None:
    source = write(scratch, "cli-answers.toml", data)
    target = scratch / "cli-answers-export.toml"
    assert_clean_exit(*run_cli("replay", str(source), "--export", str(target), "--overwrite"))


@fuzz
@given(data=st.data())
def test_cli_show_on_mutated_sessions(
    scratch: Path, session_seeds: dict[str, list[dict[str, Any]]], data: st.DataObject
) -> None:
    seed = data.draw(st.sampled_from(session_seeds["leptomeningeal"]))
    document = data.draw(mutated(seed, max_mutations=3))
    path = write_toml(scratch, "cli-session.toml", document)
    assert_clean_exit(*run_cli("show", str(path)))


@fuzz
@given(data=st.sampled_from(CASE_FILES).map(Path.read_bytes).flatmap(mutated_bytes))
def test_cli_check_on_mutated_cases(scratch: Path, data: bytes) -> None:
    folder = scratch / "cli-cases"
    folder.mkdir(exist_ok=True)
    write(folder, "case.toml", data)
    assert_clean_exit(*run_cli("check", "--cases", str(folder)))
