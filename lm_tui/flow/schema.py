"""The JSON Schema of the flow file format, generated from the pydantic models in `model.py`.

Editors use it for completion and validation while a flow is written. Two adjustments keep it
usable by tools that implement only older JSON Schema drafts (Taplo, behind the Even Better
TOML editor extension, documents draft 4): every `const` also gets an equivalent one-value
`enum`, and a numeric `exclusiveMinimum` (a boolean in draft 4) is dropped; the loader still
enforces it.

The node and variable unions are written as `if kind is X then <X's schema>`, one branch per
kind, instead of pydantic's `oneOf` with an OpenAPI `discriminator` (which JSON Schema tools
ignore): with `oneOf`, a misspelt key in a node only gives "not valid under any of the
schemas", and a `kind = "choice"` on a number node's fields can pass as another branch. With
`if`/`then` the validator checks exactly the branch the `kind` names and reports its own error,
and an unknown `kind` fails the `enum` of kinds.
"""

from __future__ import annotations

from typing import Any

from lm_tui.flow.model import FlowFile

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def flow_json_schema() -> dict[str, Any]:
    generated = FlowFile.model_json_schema()
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "title": "lm-tui flow file",
        "description": "A decision flow for lm-tui: see docs/flow-format.md. "
        "Check a flow with `lm-tui check FLOW` after every edit; this schema checks the "
        "shape only, not the conditions or the routes.",
    }
    schema.update({k: v for k, v in generated.items() if k not in ("title", "description")})
    schema = _discriminated(schema)
    _portable(schema)
    return schema


def _discriminated(node: Any) -> Any:
    """Every pydantic tagged union, rewritten as one `if`/`then` per tag."""
    if isinstance(node, list):
        return [_discriminated(value) for value in node]
    if not isinstance(node, dict):
        return node
    node = {key: _discriminated(value) for key, value in node.items()}
    discriminator = node.get("discriminator")
    if not isinstance(discriminator, dict) or "oneOf" not in node:
        return node
    tag = discriminator["propertyName"]
    mapping: dict[str, str] = discriminator["mapping"]
    return {
        "type": "object",
        "required": [tag],
        "properties": {
            tag: {
                "description": f"What this entry is: one of {', '.join(mapping)}.",
                "enum": list(mapping),
            }
        },
        "allOf": [
            {
                "if": {"properties": {tag: {"const": value}}, "required": [tag]},
                "then": {"$ref": reference},
            }
            for value, reference in mapping.items()
        ],
    }


def _portable(node: Any) -> None:
    if isinstance(node, dict):
        if "const" in node and "enum" not in node:
            node["enum"] = [node["const"]]
        if isinstance(node.get("exclusiveMinimum"), int | float):
            del node["exclusiveMinimum"]
        for value in node.values():
            _portable(value)
    elif isinstance(node, list):
        for value in node:
            _portable(value)
