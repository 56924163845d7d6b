"""`lm-tui schema`: valid JSON Schema that accepts the shipped flows and rejects malformed ones,
also under draft 4 (what the Taplo / Even Better TOML editor tooling implements)."""

from __future__ import annotations

import json
import tomllib
from typing import Any

import jsonschema
import pytest

from lm_tui.cli import main
from lm_tui.flow.definition import Flow


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    from lm_tui.flow.schema import flow_json_schema

    return flow_json_schema()


def printed_schema(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["schema"]) == 0
    loaded: dict[str, Any] = json.loads(capsys.readouterr().out)
    return loaded


def test_schema_command_prints_a_valid_2020_12_schema(capsys: pytest.CaptureFixture[str]) -> None:
    schema = printed_schema(capsys)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert set(schema["properties"]) == {
        "flow",
        "sources",
        "variables",
        "derived",
        "nodes",
        "recommendations",
        "pitfalls",
    }


@pytest.mark.parametrize("validator", [jsonschema.Draft202012Validator, jsonschema.Draft4Validator])
@pytest.mark.parametrize("flow_name", ["bundled_flow", "houseplant_flow"])
def test_schema_accepts_the_shipped_flows(
    schema: dict[str, Any], validator: Any, flow_name: str, request: pytest.FixtureRequest
) -> None:
    flow: Flow = request.getfixturevalue(flow_name)
    content = tomllib.loads(flow.path.read_text("utf-8"))
    errors = list(validator(schema).iter_errors(content))
    assert errors == [], [e.message for e in errors[:3]]


MISTAKES = {
    "misspelt key": lambda c: c["nodes"]["kps"].update(promt="typo"),
    "unknown kind": lambda c: c["nodes"]["kps"].update(kind="slider"),
    "missing max": lambda c: c["variables"]["kps"].pop("max"),
    "bad severity": lambda c: c["pitfalls"]["routine_wbrt_lung"].update(severity="mild"),
    "bad id": lambda c: c["flow"].update(id="Not Snake Case"),
    "option not an id": lambda c: c["nodes"]["symptoms"].update(kind="choice", options=[1]),
}
WITHOUT_KIND_BRANCHES = ["unknown kind", "bad severity", "bad id"]
"""What a draft-4 tool still catches: the per-kind fields of nodes and variables are checked
by `if`/`then` (draft 7 on), which draft 4 does not know and ignores."""


@pytest.mark.parametrize("validator", [jsonschema.Draft202012Validator, jsonschema.Draft7Validator])
@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_schema_rejects_malformed_flows(
    schema: dict[str, Any], validator: Any, mistake: str, bundled_flow: Flow
) -> None:
    content = tomllib.loads(bundled_flow.path.read_text("utf-8"))
    MISTAKES[mistake](content)
    errors = list(validator(schema).iter_errors(content))
    assert errors, "the schema must reject this"


@pytest.mark.parametrize("mistake", WITHOUT_KIND_BRANCHES)
def test_a_draft_4_tool_still_rejects_what_needs_no_kind_branch(
    schema: dict[str, Any], mistake: str, bundled_flow: Flow
) -> None:
    content = tomllib.loads(bundled_flow.path.read_text("utf-8"))
    MISTAKES[mistake](content)
    assert list(jsonschema.Draft4Validator(schema).iter_errors(content))


def test_every_property_has_a_description(schema: dict[str, Any]) -> None:
    """Editors show these while a flow is typed; they come from the models' docstrings."""
    missing = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for name, value in node.get("properties", {}).items():
                if not value.get("description"):
                    missing.append(f"{where}.{name}")
            for key, value in node.items():
                if key != "if":  # a branch's test on `kind`, not a property of the file
                    walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    walk(schema, "")
    assert missing == []


def test_node_and_variable_unions_are_if_then_on_kind(schema: dict[str, Any]) -> None:
    for table in ("nodes", "variables"):
        union = schema["properties"][table]["patternProperties"]["^[a-z][a-z0-9_]*$"]
        assert "oneOf" not in union and "discriminator" not in union
        kinds = union["properties"]["kind"]["enum"]
        branches = {b["if"]["properties"]["kind"]["const"]: b["then"] for b in union["allOf"]}
        assert set(branches) == set(kinds)


def test_schema_is_portable_to_older_drafts(schema: dict[str, Any]) -> None:
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "const" in node:
                assert node.get("enum") == [node["const"]]
            assert not isinstance(node.get("exclusiveMinimum"), int | float)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
