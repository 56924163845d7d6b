"""Hypothesis strategies for fuzzing the loaders: random TOML, and mutations of real files.

Random documents alone rarely get past the first schema check, so most of the fuzzing starts
from the project's own files (the bundled flow, the test flow, the acceptance examples, real
exports) and breaks them a little: a key deleted, renamed or duplicated, a value swapped for one
of another type or for one taken from elsewhere in the same file, a slice of text cut or
repeated. That is how real files go wrong: an edit, a merge, a truncated copy.
"""

from __future__ import annotations

import copy
import math
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

Path_ = tuple[str | int, ...]

NASTY_TEXT = [
    "",
    " ",
    "__import__('os').system('true')",
    "kps.__class__",
    "len(len(x))",
    "{",
    "{kps}",
    "x" * 3000,
    "not " * 400 + "true",
    "é\u0301\u202e\x00",
    "1e999999999",
    "nan",
    "-0",
    "7,5",
    "otherwise",
]
"""Text that has broken parsers before: injections, placeholders, huge, control characters."""

NASTY_NUMBERS: list[Any] = [
    0,
    -1,
    2**63 - 1,
    -(2**63),
    10**40,
    0.1,
    -0.0,
    1e308,
    5e-324,
    math.inf,
    -math.inf,
    math.nan,
]

KEY_WORDS = [
    "flow",
    "id",
    "title",
    "version",
    "start",
    "nodes",
    "variables",
    "derived",
    "kind",
    "choice",
    "multi",
    "number",
    "info",
    "outcome",
    "routes",
    "when",
    "to",
    "next",
    "otherwise",
    "rules",
    "value",
    "values",
    "min",
    "max",
    "step",
    "choices",
    "label",
    "answers",
    "session",
    "events",
    "at",
    "node",
    "pitfall",
    "text",
    "started_at",
    "flow_id",
    "flow_sha256",
    "mode",
    "interface",
    "outcome",
    "recommendations",
    "pitfalls",
    "sources",
    "export",
    "sections",
    "panels",
    "show",
]
"""Real key names, so random documents sometimes look like the files the loaders expect."""

keys = st.one_of(st.sampled_from(KEY_WORDS), st.text(min_size=1, max_size=12))

datetimes = st.one_of(
    st.datetimes(
        min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31), timezones=st.just(UTC)
    ),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
    st.just(datetime(2026, 1, 1, 12, tzinfo=timezone(timedelta(hours=-11)))),
)

scalars = st.one_of(
    st.text(max_size=30),
    st.sampled_from(NASTY_TEXT),
    st.sampled_from(KEY_WORDS),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.sampled_from(NASTY_NUMBERS),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    datetimes,
    st.dates(min_value=date(1, 1, 1)),
    st.times(),
    st.just(time(23, 59, 59, 999999)),
)
"""Every scalar type TOML has (tomllib returns exactly these)."""


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(keys, children, max_size=4),
    )


toml_values = st.recursive(scalars, _containers, max_leaves=12)
"""Any TOML value, nested a few levels."""

toml_documents = st.dictionaries(keys, toml_values, max_size=6)
"""A random TOML document (a table at the top, as TOML requires)."""


def paths_in(document: Any, prefix: Path_ = ()) -> list[Path_]:
    """Every place in a parsed document: dict keys and list indexes, depth first."""
    found: list[Path_] = []
    if isinstance(document, dict):
        for key, value in document.items():
            found.append((*prefix, key))
            found += paths_in(value, (*prefix, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found.append((*prefix, index))
            found += paths_in(value, (*prefix, index))
    return found


def _at(document: Any, path: Path_) -> Any:
    for part in path:
        document = document[part]
    return document


MUTATIONS = ("delete", "replace", "borrow", "duplicate", "rename", "wrap", "empty")


@st.composite
def mutated(draw: st.DrawFn, original: dict[str, Any], max_mutations: int = 4) -> dict[str, Any]:
    """`original` with one to `max_mutations` structural edits."""
    document = copy.deepcopy(original)
    for _ in range(draw(st.integers(min_value=1, max_value=max_mutations))):
        places = paths_in(document)
        if not places:
            break
        path = draw(st.sampled_from(places))
        parent = _at(document, path[:-1])
        key = path[-1]
        operation = draw(st.sampled_from(MUTATIONS))
        if operation == "delete":
            del parent[key]
        elif operation == "replace":
            parent[key] = draw(toml_values)
        elif operation == "borrow":
            # A value from elsewhere in the same file: plausible types in the wrong place.
            source = draw(st.sampled_from(places))
            try:
                parent[key] = copy.deepcopy(_at(document, source))
            except (KeyError, IndexError, TypeError):
                continue
        elif operation == "duplicate" and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))  # type: ignore[arg-type]
        elif operation == "rename" and isinstance(parent, dict):
            new_key = draw(keys)
            parent[new_key] = parent.pop(key)
        elif operation == "wrap":
            parent[key] = [parent[key]] if draw(st.booleans()) else {"value": parent[key]}
        elif operation == "empty":
            value = parent[key]
            parent[key] = type(value)() if isinstance(value, dict | list | str) else None
            if parent[key] is None:
                del parent[key]
    return document


TEXT_EDITS = ("cut", "repeat", "insert", "swap_lines", "truncate", "flip_byte")


@st.composite
def mutated_bytes(draw: st.DrawFn, original: bytes, max_edits: int = 3) -> bytes:
    """`original` with a few byte-level edits: what a bad merge or a truncated copy leaves."""
    data = bytearray(original)
    for _ in range(draw(st.integers(min_value=1, max_value=max_edits))):
        if not data:
            break
        edit = draw(st.sampled_from(TEXT_EDITS))
        start = draw(st.integers(min_value=0, max_value=len(data) - 1))
        end = draw(st.integers(min_value=start, max_value=min(len(data), start + 200)))
        if edit == "cut":
            del data[start:end]
        elif edit == "repeat":
            data[end:end] = data[start:end]
        elif edit == "insert":
            snippet = draw(st.one_of(st.sampled_from(NASTY_TEXT), st.text(max_size=20)))
            data[start:start] = snippet.encode("utf-8")
        elif edit == "swap_lines":
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            j = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
        elif edit == "truncate":
            del data[start:]
        elif edit == "flip_byte":
            data[start] ^= draw(st.integers(min_value=1, max_value=255))
    return bytes(data)
