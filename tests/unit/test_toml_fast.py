"""The fast TOML reader gives exactly what tomllib gives, or nothing (and tomllib decides).

`toml_fast.read` may give up on any document; what it must never do is return something other
than `tomllib.loads` would, or accept a document tomllib rejects. Real files (every flow, case,
example and fixture here) must not make it give up, or the speed it exists for is not there.
"""

from __future__ import annotations

import math
import random
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lm_tui.flow.toml_fast import read
from lm_tui.flow.toml_files import UnreadableFile, parse_toml
from tests.acceptance_examples import examples_folder

ROOT = Path(__file__).resolve().parents[2]
SHARED = examples_folder()
REAL_FILES = sorted(
    [
        *ROOT.glob("flows/**/*.toml"),
        *ROOT.glob("tests/**/*.toml"),
        *SHARED.glob("*.toml"),
    ]
)


def tomllib_or_error(text: str) -> dict[str, Any] | type[Exception]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return tomllib.TOMLDecodeError


def agrees(text: str) -> None:
    """What read gives is what tomllib gives; where tomllib refuses, read gives nothing."""
    expected = tomllib_or_error(text)
    got = read(text)
    if expected is tomllib.TOMLDecodeError:
        assert got is None, f"read accepted a document tomllib rejects: {text!r}"
    elif got is not None:
        assert got == expected
        assert _types(got) == _types(expected)


def _types(value: Any) -> Any:
    """The value's shape with its types, so 1 and 1.0 and True do not pass for each other."""
    if isinstance(value, dict):
        return {key: _types(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_types(item) for item in value]
    return type(value).__name__


def test_real_files_are_read_the_fast_way_and_the_same() -> None:
    assert len(REAL_FILES) >= 10
    for path in REAL_FILES:
        text = path.read_text("utf-8")
        got = read(text)
        assert got is not None, f"gave up on {path}"
        assert got == tomllib.loads(text), path
        assert _types(got) == _types(tomllib.loads(text)), path


def test_a_large_synthetic_flow_is_read_the_fast_way_and_the_same() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic_flow import synthetic_flow
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    text = tomli_w.dumps(synthetic_flow(300))
    got = read(text)
    assert got is not None
    assert got == tomllib.loads(text)


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
    "a = {x = 1,}\n",
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
def test_valid_documents_agree(text: str) -> None:
    assert tomllib_or_error(text) is not tomllib.TOMLDecodeError, "a VALID case must be valid"
    agrees(text)


@pytest.mark.parametrize("text", INVALID)
def test_invalid_documents_are_left_to_tomllib(text: str) -> None:
    assert tomllib_or_error(text) is tomllib.TOMLDecodeError, "an INVALID case must be invalid"
    assert read(text) is None


def test_what_it_does_not_handle_is_left_to_tomllib() -> None:
    for text in [
        "a = 1979-05-27\n",
        "a = 0x1F\n",
        "a = inf\n",
        '"quoted key" = 1\n',
        "a = 1\r\nb = 2\r\n",
    ]:
        assert read(text) is None
        agrees(text)


def test_parse_toml_still_reports_tomllibs_error_with_its_place() -> None:
    with pytest.raises(UnreadableFile, match=r"line 2"):
        parse_toml(b"a = 1\na = 2\n")


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


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents, st.booleans())
def test_documents_written_by_tomli_w_agree(document: dict[str, Any], multiline: bool) -> None:
    text = tomli_w.dumps(document, multiline_strings=multiline)
    agrees(text)


_EDITS = list("[]{}\"'=,.#\n \t\\x1tf-+_e")


@pytest.mark.parametrize("seed", range(4))
def test_damaged_flows_agree(seed: int) -> None:
    """Random small damage to real files: read agrees with tomllib or gives up."""
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


def test_floats_keep_their_exact_reading() -> None:
    got = read("a = 0.1\nb = 1e-7\nc = -1_0.5e+2\n")
    assert got is not None
    assert got == {"a": 0.1, "b": 1e-7, "c": -1050.0}
    assert all(isinstance(v, float) and not math.isnan(v) for v in got.values())
