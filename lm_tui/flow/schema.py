"""The JSON Schema of the flow file format, generated from the pydantic models in `model.py`.

Editors use it for completion and validation while a flow is written. Two adjustments keep it
usable by tools that implement only older JSON Schema drafts (Taplo, behind the Even Better
TOML editor extension, documents draft 4): every `const` also gets an equivalent one-value
`enum`, so node and variable kinds still tell the union's branches apart, and a numeric
`exclusiveMinimum` (a boolean in draft 4) is dropped; the loader still enforces it.
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
    _portable(schema)
    return schema


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
