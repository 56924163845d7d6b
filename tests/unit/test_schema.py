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


@pytest.mark.parametrize("validator", [jsonschema.Draft202012Validator, jsonschema.Draft4Validator])
@pytest.mark.parametrize(
    "mutate",
    [
        lambda c: c["nodes"]["kps"].update(promt="typo"),
        lambda c: c["nodes"]["kps"].update(kind="slider"),
        lambda c: c["variables"]["kps"].pop("max"),
        lambda c: c["pitfalls"]["routine_wbrt_lung"].update(severity="mild"),
        lambda c: c["flow"].update(id="Not Snake Case"),
        lambda c: c["nodes"]["symptoms"].update(kind="choice", options=[1]),
    ],
    ids=[
        "misspelt key",
        "unknown kind",
        "missing max",
        "bad severity",
        "bad id",
        "option not an id",
    ],
)
def test_schema_rejects_malformed_flows(
    schema: dict[str, Any], validator: Any, mutate: Any, bundled_flow: Flow
) -> None:
    content = tomllib.loads(bundled_flow.path.read_text("utf-8"))
    mutate(content)
    errors = list(validator(schema).iter_errors(content))
    assert errors, "the schema must reject this"


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
