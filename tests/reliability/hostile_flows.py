"""Copies of the test flow whose every shown string carries something hostile, for the tests."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w

from tests.conftest import FIXTURES

HOUSEPLANT = FIXTURES / "flows" / "houseplant.toml"
SHOWN_FIELDS = frozenset(
    {"title", "prompt", "help", "label", "text", "citation", "disclaimer", "summary", "unit"}
)
"""The keys whose strings a reader sees; ids, conditions and targets are left alone."""


def rewrite_shown_strings(
    target: Path, change: Callable[[str, int], str], source: Path = HOUSEPLANT
) -> int:
    """Write `source` to `target` with `change(text, n)` applied to the n-th shown string;
    returns how many strings were changed."""
    document = tomllib.loads(source.read_text(encoding="utf-8"))
    count = 0

    def visit(value: Any) -> Any:
        nonlocal count
        if isinstance(value, dict):
            changed = {}
            for key, item in value.items():
                if key in SHOWN_FIELDS and isinstance(item, str):
                    changed[key] = change(item, count)
                    count += 1
                else:
                    changed[key] = visit(item)
            return changed
        if isinstance(value, list):
            return [visit(item) for item in value]
        return value

    target.write_text(tomli_w.dumps(visit(document)), encoding="utf-8")
    return count
