"""A fast reader for the plain TOML flow files are written in; tomllib decides everything else.

tomllib is written in Python and reads character by character: a 7 MB flow (10,000 nodes) takes
it over two seconds, more than everything else `lm-tui check` does. This reader takes whole
tokens with regular expressions and understands the TOML that flows use: `[table]` and
`[[array of tables]]` headers and `key = value` lines with bare (and dotted) keys; basic,
literal and multi-line strings; decimal integers and floats; booleans; arrays; inline tables;
comments.

It never decides on its own that a file is wrong, and never reads a file differently: anything
else it meets (dates, hexadecimal or special floats, quoted keys, Windows line endings, a
repeated key or table, any doubt) makes it give up, and `read` returns None so that the caller
parses the text with tomllib from the start. So the result, or the error message with its line
and column, is always tomllib's; tests/unit/test_toml_fast.py compares the two on every flow,
case and fixture and on generated and damaged documents.
"""

from __future__ import annotations

import re
from typing import Any

_CONTROL = r"\x00-\x08\x0a-\x1f\x7f"
"""Characters TOML allows in no string or comment (tab is allowed; newline only where said)."""

_KEY_PART = r"[A-Za-z0-9_-]+"
_DOTTED_KEY = rf"{_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})*"
_COMMENT = rf"#[^{_CONTROL}]*"
_LINE_END_TEXT = rf"[ \t]*(?:{_COMMENT})?(?:\n|\Z)"
_SKIP = re.compile(rf"(?:[ \t]*(?:{_COMMENT})?\n)*[ \t]*")
"""Blank lines, comment lines and the next line's indentation."""
_LINE_END = re.compile(_LINE_END_TEXT)
_SPACE = re.compile(r"[ \t]*")
_ARRAY_SPACE = re.compile(rf"(?:[ \t\n]|{_COMMENT})*")
_HEADER = re.compile(rf"\[(\[)?[ \t]*({_DOTTED_KEY})[ \t]*\](\])?")
_KEY = re.compile(rf"({_DOTTED_KEY})[ \t]*=[ \t]*")
_DOT = re.compile(r"[ \t]*\.[ \t]*")
_PLAIN = rf'"([^"\\{_CONTROL}]*)"'
"""A basic string without escapes (its text is the string)."""
_PLAIN_STRING = re.compile(_PLAIN)
_ESCAPE = r'\\(?:[btnfr"\\]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})'
_STRING = re.compile(rf'"((?:[^"\\{_CONTROL}]|{_ESCAPE})*)"')
_LITERAL = re.compile(rf"'([^'{_CONTROL}]*)'")
_CONTROL_IN_TEXT = r"\x00-\x08\x0b-\x1f\x7f"
_MULTILINE_STRING = re.compile(
    rf'"""\n?((?:[^"\\{_CONTROL_IN_TEXT}]|{_ESCAPE}|\\[ \t]*\n|"(?!""))*)"""'
)
_MULTILINE_LITERAL = re.compile(rf"'''\n?((?:[^'{_CONTROL_IN_TEXT}]|'(?!''))*)'''")
_NUMBER = re.compile(
    r"[+-]?(?:0|[1-9](?:_?[0-9])*)(\.[0-9](?:_?[0-9])*)?([eE][+-]?[0-9](?:_?[0-9])*)?"
)
_AFTER_SCALAR = frozenset(" \t\n,]}#")

# Shortcuts for the commonest shapes, each one regular expression instead of many steps: a
# whole `key = "text"` / `key = 12` / `key = true` line; an inline table of such values; an array
# (over several lines if need be) of such inline tables, or of plain strings. Whatever they do not
# match goes the general way.
_SCALAR = rf"(?:{_PLAIN}|(true|false)|([+-]?(?:0|[1-9][0-9]*)))(?![^ \t\n,\]}}#])"
_PAIR = rf"({_KEY_PART})[ \t]*=[ \t]*{_SCALAR}"
_SIMPLE_LINE = re.compile(_PAIR + _LINE_END_TEXT)
_INLINE = rf"\{{[ \t]*(?:{_PAIR}(?:[ \t]*,[ \t]*{_PAIR})*[ \t]*)?\}}"
_PAIRS = re.compile(_PAIR)
_INLINES = re.compile(_INLINE)
_ITEM = rf"(?:{_INLINE}|{_SCALAR})"
_ITEMS = re.compile(_ITEM)
_SIMPLE_ARRAY = re.compile(rf"\[(?:[ \t\n]*{_ITEM}[ \t\n]*,)*[ \t\n]*(?:{_ITEM}[ \t\n]*)?\]")
_UNESCAPE = re.compile(r'\\(?:([btnfr"\\])|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|[ \t]*\n[ \t\n]*)')
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


class _GiveUp(Exception):
    """Something this reader does not handle (or that is not valid TOML): tomllib decides."""


def read(text: str) -> dict[str, Any] | None:
    """The document as tomllib would give it, or None where tomllib must read it instead."""
    if "\r" in text:
        return None
    try:
        return _Reader(text).document()
    except (_GiveUp, IndexError, ValueError, RecursionError):
        return None


def _scalar(string: str, boolean: str, integer: str) -> Any:
    """The value of one `_SCALAR` match, from its groups (the unmatched ones are empty)."""
    if integer:
        return int(integer)
    if boolean:
        return boolean == "true"
    return string


def _unescape(match: re.Match[str]) -> str:
    simple, short, long = match.groups()
    if simple is not None:
        return _SIMPLE_ESCAPES[simple]
    if short is None and long is None:
        return ""  # a backslash at the end of a line: it and the whitespace after it go
    code = int(short or long, 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise _GiveUp  # not a Unicode scalar value: tomllib words the error
    return chr(code)


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.root: dict[str, Any] = {}
        # Tables and arrays by id(): all of them stay alive in the document, so ids are stable.
        self.defined: set[int] = {id(self.root)}
        """Tables a header (or the document itself) defined: defining one again is an error."""
        self.sealed: set[int] = set()
        """Inline tables and plain arrays: no header or dotted key may add to them."""
        self.dotted: set[int] = set()
        """Tables made by dotted keys: a header may not define them."""
        self.table_arrays: set[int] = set()
        """Arrays made by `[[...]]` headers: the only arrays a header may add to."""

    def document(self) -> dict[str, Any]:
        text = self.text
        end = len(text)
        table = self.root
        position = 0
        while True:
            position = _SKIP.match(text, position).end()  # type: ignore[union-attr]
            if position >= end:
                return self.root
            simple = _SIMPLE_LINE.match(text, position)
            if simple is not None:
                key, string, boolean, integer = simple.groups()
                if key in table:
                    raise _GiveUp
                table[key] = _scalar(string, boolean, integer)
                position = simple.end()
                continue
            if text[position] == "[":
                table, position = self.header(position)
            else:
                position = self.key_value(table, position)
            line_end = _LINE_END.match(text, position)
            if line_end is None:
                raise _GiveUp
            position = line_end.end()

    # --- headers ---------------------------------------------------------------------------------

    def header(self, position: int) -> tuple[dict[str, Any], int]:
        match = _HEADER.match(self.text, position)
        if match is None:
            raise _GiveUp
        opened, path, closed = match.groups()
        if bool(opened) != bool(closed):
            raise _GiveUp
        keys = _DOT.split(path)
        parent = self.walk(self.root, keys[:-1])
        last = keys[-1]
        current = parent.get(last)
        if opened:  # [[array of tables]]
            if current is None:
                current = parent[last] = []
                self.table_arrays.add(id(current))
            elif not (isinstance(current, list) and id(current) in self.table_arrays):
                raise _GiveUp
            table: dict[str, Any] = {}
            current.append(table)
        else:
            if current is None:
                table = parent[last] = {}
            elif isinstance(current, dict) and not self.claimed(current):
                table = current  # made implicitly by an earlier header's path: defined now
            else:
                raise _GiveUp
        self.defined.add(id(table))
        return table, match.end()

    def claimed(self, table: dict[str, Any]) -> bool:
        key = id(table)
        return key in self.defined or key in self.sealed or key in self.dotted

    def sealed_or_dotted(self, table: dict[str, Any]) -> bool:
        return id(table) in self.sealed or id(table) in self.dotted

    def walk(self, table: dict[str, Any], keys: list[str]) -> dict[str, Any]:
        """The table a header's path leads through, making missing ones on the way."""
        for key in keys:
            found = table.get(key)
            if found is None:
                found = table[key] = {}
            elif isinstance(found, list):
                if id(found) not in self.table_arrays:
                    raise _GiveUp
                found = found[-1]
            elif not isinstance(found, dict) or self.sealed_or_dotted(found):
                raise _GiveUp
            table = found
        return table

    # --- key = value -----------------------------------------------------------------------------

    def key_value(self, table: dict[str, Any], position: int) -> int:
        match = _KEY.match(self.text, position)
        if match is None:
            raise _GiveUp
        path = match.group(1)
        if "." in path:
            keys = _DOT.split(path)
            for key in keys[:-1]:
                found = table.get(key)
                if found is None:
                    found = table[key] = {}
                    self.dotted.add(id(found))
                elif not (isinstance(found, dict) and id(found) in self.dotted):
                    raise _GiveUp
                table = found
            path = keys[-1]
        if path in table:
            raise _GiveUp
        table[path], position = self.value(match.end())
        return position

    def value(self, position: int) -> tuple[Any, int]:
        text = self.text
        first = text[position]
        if first == '"':
            if text.startswith('"""', position):
                match = _MULTILINE_STRING.match(text, position)
                if match is None or text.startswith('"', match.end()):
                    raise _GiveUp
                return _UNESCAPE.sub(_unescape, match.group(1)), match.end()
            match = _PLAIN_STRING.match(text, position)
            if match is not None:
                return match.group(1), match.end()
            match = _STRING.match(text, position)
            if match is None:
                raise _GiveUp
            return _UNESCAPE.sub(_unescape, match.group(1)), match.end()
        if first == "'":
            if text.startswith("'''", position):
                match = _MULTILINE_LITERAL.match(text, position)
                if match is None or text.startswith("'", match.end()):
                    raise _GiveUp
                return match.group(1), match.end()
            match = _LITERAL.match(text, position)
            if match is None:
                raise _GiveUp
            return match.group(1), match.end()
        if first == "[":
            match = _SIMPLE_ARRAY.match(text, position)
            if match is None:
                return self.array(position + 1)
            items = [self.simple_item(item.group()) for item in _ITEMS.finditer(match.group())]
            self.sealed.add(id(items))
            return items, match.end()
        if first == "{":
            match = _INLINES.match(text, position)
            if match is None:
                return self.inline_table(position + 1)
            return self.simple_table(match.group()), match.end()
        if text.startswith("true", position):
            return True, self.scalar_end(position + 4)
        if text.startswith("false", position):
            return False, self.scalar_end(position + 5)
        match = _NUMBER.match(text, position)
        if match is None:
            raise _GiveUp
        end = self.scalar_end(match.end())
        digits = match.group().replace("_", "")
        if match.group(1) is None and match.group(2) is None:
            return int(digits), end
        return float(digits), end

    def simple_item(self, written: str) -> Any:
        """One item of an array `_SIMPLE_ARRAY` matched: an inline table or a plain value."""
        if written[0] == "{":
            return self.simple_table(written)
        if written[0] == '"':
            return written[1:-1]
        if written in ("true", "false"):
            return written == "true"
        return int(written)

    def simple_table(self, written: str) -> dict[str, Any]:
        """An inline table `_INLINE` matched: keys and plain values, no nesting."""
        table: dict[str, Any] = {}
        for key, string, boolean, integer in _PAIRS.findall(written):
            if key in table:
                raise _GiveUp
            table[key] = _scalar(string, boolean, integer)
        self.sealed.add(id(table))
        return table

    def scalar_end(self, position: int) -> int:
        """A number or boolean ends at a separator; anything else (a date, `1.`, `0x1`,
        `trueish`) is not what this reader handles."""
        if position < len(self.text) and self.text[position] not in _AFTER_SCALAR:
            raise _GiveUp
        return position

    def array(self, position: int) -> tuple[list[Any], int]:
        text = self.text
        items: list[Any] = []
        while True:
            position = _ARRAY_SPACE.match(text, position).end()  # type: ignore[union-attr]
            if text[position] == "]":
                break
            item, position = self.value(position)
            items.append(item)
            position = _ARRAY_SPACE.match(text, position).end()  # type: ignore[union-attr]
            if text[position] == ",":
                position += 1
            elif text[position] != "]":
                raise _GiveUp
        self.sealed.add(id(items))
        return items, position + 1

    def inline_table(self, position: int) -> tuple[dict[str, Any], int]:
        text = self.text
        table: dict[str, Any] = {}
        position = _SPACE.match(text, position).end()  # type: ignore[union-attr]
        if text[position] != "}":
            while True:
                match = _KEY.match(text, position)
                if match is None or "." in match.group(1) or match.group(1) in table:
                    raise _GiveUp
                table[match.group(1)], position = self.value(match.end())
                position = _SPACE.match(text, position).end()  # type: ignore[union-attr]
                if text[position] == "}":
                    break
                if text[position] != ",":
                    raise _GiveUp
                position = _SPACE.match(text, position + 1).end()  # type: ignore[union-attr]
        self.sealed.add(id(table))
        return table, position + 1
