"""Every TOML file is read as tomllib reads it, whichever reader parses it.

A flow file is parsed by rtoml where it is installed (lm_tui/flow/toml_files.py says why), every
other file by tomllib. The values, their types and the order of keys must be tomllib's for every
TOML 1.0 document, and a document tomllib refuses is refused with tomllib's message. Each check
runs twice: with rtoml, and as where it is missing.
"""

from __future__ import annotations

import random
import re
import sys
import tomllib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lm_tui.flow import toml_files
from lm_tui.flow.toml_files import UnreadableFile, parse_toml
from tests.acceptance_examples import examples_folder

ROOT = Path(__file__).resolve().parents[2]
REAL_FILES = sorted(
    [
        *ROOT.glob("flows/**/*.toml"),
        *ROOT.glob("tests/**/*.toml"),
        *examples_folder().glob("*.toml"),
    ]
)

TOML_1_1 = re.compile(r",\s*\}|\{[^}]*\n|\\[ex]|[0-9]:[0-9][0-9](?!:)")
"""What only TOML 1.1 allows (a newline or a trailing comma in an inline table, the `\\e` and
`\\x` escapes, a time without seconds); rtoml reads it, Python 3.11's tomllib does not."""


@pytest.fixture(params=["rtoml", "tomllib only"])
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Runs a test with the compiled reader, then as on a machine without it."""
    if request.param == "rtoml":
        pytest.importorskip("rtoml", reason="rtoml is not installed: only tomllib can be tested")
    else:
        monkeypatch.setattr(toml_files, "_compiled_reader", lambda: None)
    yield request.param


def tomllib_reading(text: str) -> Any:
    """tomllib's values with their types and key order, or its error message."""
    try:
        return _shape(tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        return f"is not valid TOML: {error}"


def flow_reading(text: str) -> Any:
    try:
        return _shape(parse_toml(text.encode("utf-8"), flow=True))
    except UnreadableFile as error:
        return str(error)


def _shape(value: Any) -> Any:
    """Values with their types, dicts as lists of pairs: 1 and 1.0 and True differ, and so does
    the order of keys (the order of nodes, options and rules in a flow)."""
    if isinstance(value, dict):
        return [(key, _shape(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [_shape(item) for item in value]
    if isinstance(value, datetime):  # rtoml's offsets are of its own class (toml_files.py)
        return ("datetime", value.isoformat())
    return (type(value).__name__, repr(value))


def agrees(text: str) -> None:
    expected, got = tomllib_reading(text), flow_reading(text)
    if isinstance(expected, str) and not isinstance(got, str) and TOML_1_1.search(text):
        return  # TOML 1.1 syntax, which rtoml reads (test_toml_1_1_is_read_where_rtoml_is)
    assert got == expected, text


def test_real_files_are_read_as_tomllib_reads_them(reader: str) -> None:
    assert len(REAL_FILES) >= 10
    for path in REAL_FILES:
        text = path.read_text("utf-8")
        assert not isinstance(tomllib_reading(text), str), path
        assert flow_reading(text) == tomllib_reading(text), path


def test_a_large_synthetic_flow_is_read_as_tomllib_reads_it(reader: str) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic_flow import synthetic_flow
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    text = tomli_w.dumps(synthetic_flow(300))
    assert flow_reading(text) == tomllib_reading(text)


VALID = [
    'a = "x"\nb = 1\nc = -2\nd = +3\ne = true\nf = false\ng = 1.5\nh = 1e3\ni = -0.25E-2\n',
    "a = 1_000\nb = 3.141_5\n",
    'a = "tab\\there \\"quoted\\" \\\\ \\u00e9 \\U0001F600"\n',
    "a = 'literal \\n stays'\nb = '''\nline one\n  'quoted' two\n'''\n",
    'a = """\nfirst \\\n    joined\nsecond\t"quoted" ""two""\n"""\n',
    'a = """no newline first"""\nb = """ends with quote\\""""\n',
    "# comment\n\n[a]   # after header\nx = 1 # after value\n\n\n[b.c]\ny = 2\n",
    "[a.b]\nx = 1\n[a]\ny = 2\n",
    "[[p]]\nn = 1\n[[p]]\nn = 2\n[p.sub]\nk = 'v'\n[[p.items]]\nz = 0\n",
    "a.b.c = 1\na.b.d = 2\na.e = 3\n",
    "[t]\nx.y = 1\nx.z = 2\n",
    'a = []\nb = [ ]\nc = [1, 2, 3,]\nd = [[1, 2], ["x"]]\ne = [\n  1, # one\n  2,\n]\n',
    'a = {}\nb = { x = 1, y = "two", z = { deep = true }, w = [1, 2] }\n',
    'rows = [\n    { when = "kps >= 70", to = "good" },\n'
    '    { otherwise = true, to = "poor" },\n]\n',
    "k-e_y-1 = 1\n1234 = 'numeric key'\n",
    'a\t=\t"tabs"\t\n',
    'a = "{placeholder} and } and {"\n',
    "a = 1",  # no newline at the end
    "",
]

INVALID = [
    "a = 1\na = 2\n",
    "[a]\n[a]\n",
    "[a]\nx = 1\n[a.x]\n",
    "a = [1, 2]\n[[a]]\n",
    "a = {x = 1}\n[a]\n",
    "a = {x = 1}\na.y = 2\n",
    "a.b = 1\n[a]\n",
    "a = [,]\n",
    "a = [1,,2]\n",
    "a = {x = 1, x = 2}\n",
    "a = 01\n",
    "a = 1.\n",
    "a = .5\n",
    "a = 1__0\n",
    'a = "\\ud800"\n',
    'a = "\\q"\n',
    'a = "open\n',
    'a = """never closed\n',
    "a = 1 b = 2\n",
    "a = 1 # bad \x01 comment\n",
    'a = "bad \x01 char"\n',
    "[a\n",
    "[[a]\n",
    "[a]]\n",
    "= 1\n",
    "a =\n",
    "a = tru\n",
    "a = truee\n",
    "a = 1979-05-27x\n",
]


@pytest.mark.parametrize("text", VALID)
def test_valid_documents_agree(text: str, reader: str) -> None:
    assert not isinstance(tomllib_reading(text), str), "a VALID case must be valid"
    assert flow_reading(text) == tomllib_reading(text)


@pytest.mark.parametrize("text", INVALID)
def test_invalid_documents_are_refused_with_tomllibs_message(text: str, reader: str) -> None:
    expected = tomllib_reading(text)
    assert isinstance(expected, str), "an INVALID case must be invalid"
    assert flow_reading(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a = 1979-05-27\n",
        "a = 1979-05-27T07:32:00Z\n",
        "a = 0x1F\n",
        "a = inf\n",
        '"quoted key" = 1\n',
        "a = 1\r\nb = 2\r\n",
        "a = 0.1\nb = 1e-7\nc = -1_0.5e+2\n",
        "a = 9223372036854775807\n",
        "a = 9223372036854775808\n",
    ],
)
def test_other_values_agree(text: str, reader: str) -> None:
    agrees(text)


def test_a_number_too_long_for_python_is_reported_with_its_line(reader: str) -> None:
    with pytest.raises(UnreadableFile, match=r"line 2: a number with more digits"):
        parse_toml(b"a = 1\nb = 1" + b"0" * 5000 + b"\n", flow=True)


def test_tomllibs_error_names_the_place(reader: str) -> None:
    with pytest.raises(UnreadableFile, match=r"is not valid TOML: .*line 2"):
        parse_toml(b"a = 1\na = 2\n", flow=True)


def test_toml_1_1_is_read_where_rtoml_is() -> None:
    """The one difference: rtoml reads TOML 1.1, a superset of TOML 1.0 (same values on every
    1.0 document), which Python 3.11's tomllib refuses."""
    pytest.importorskip("rtoml", reason="rtoml is not installed")
    text = "a = {x = 1,}\n"
    assert isinstance(tomllib_reading(text), str)
    assert parse_toml(text.encode(), flow=True) == {"a": {"x": 1}}
    assert TOML_1_1.search(text)


def test_files_other_than_flows_are_read_by_tomllib() -> None:
    """Sessions and cases hold date-times: tomllib gives them `datetime.UTC`, not rtoml's class."""
    assert parse_toml(b"at = 2026-01-01T00:00:00Z\n")["at"].tzinfo is UTC
    with pytest.raises(UnreadableFile, match="is not valid TOML"):
        parse_toml(b"a = {x = 1,}\n")


_keys = st.text(st.sampled_from("abcxyz_-019"), min_size=1, max_size=6)
_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=30)
_scalars = st.one_of(
    _text,
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=4)),
    max_leaves=12,
)
_documents = st.dictionaries(_keys, _values, max_size=6)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents, st.booleans())
def test_documents_written_by_tomli_w_agree(document: dict[str, Any], multiline: bool) -> None:
    agrees(tomli_w.dumps(document, multiline_strings=multiline))


_EDITS = list("[]{}\"'=,.#\n \t\\x1tf-+_e")


@pytest.mark.parametrize("seed", range(4))
def test_damaged_flows_agree(seed: int) -> None:
    """Random small damage to real files: the same values, or the same message."""
    rng = random.Random(seed)
    sources = [path.read_text("utf-8") for path in REAL_FILES if path.stat().st_size < 20_000]
    sources.append((ROOT / "flows" / "leptomeningeal.toml").read_text("utf-8"))
    for _ in range(150):
        text = rng.choice(sources)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text) + 1)
            edit = rng.random()
            if edit < 0.4:
                text = text[:at] + rng.choice(_EDITS) + text[at:]
            elif edit < 0.8:
                text = text[:at] + text[at + 1 :]
            else:
                lines = text.split("\n")
                line = rng.randrange(len(lines))
                lines.insert(line, lines[line])
                text = "\n".join(lines)
        agrees(text)
