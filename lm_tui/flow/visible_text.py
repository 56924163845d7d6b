"""Text from a file or a user, made safe to show on a terminal or write as text.

A flow prompt, a session's note or a path can hold control characters: ESC starts a terminal
command (set the title, write the clipboard, clear the screen), and the bidirectional overrides
make a line read differently from what it holds. Before such text reaches a terminal or a text
export, every one of them is replaced by a visible stand-in (`\\x1b`, `<U+202E>`), so the reader
sees that something odd is there and the terminal obeys nothing.

Written here rather than taken from a library: Rich and Textual strip only a few codes (not
ESC), and `unicodedata` classifies characters but does not say which ones a terminal acts on;
the set is short and fixed: C0 except tab and newline, DEL, C1, and the bidi embeddings,
overrides and isolates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TextIO

_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_CONTROL = [code for code in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)) if code not in (9, 10)]

_STAND_INS: dict[int, str] = {code: f"\\x{code:02x}" for code in _CONTROL}
_STAND_INS.update({code: f"<U+{code:04X}>" for code in _BIDI})

_UNSAFE = re.compile("[" + "".join(re.escape(chr(code)) for code in _STAND_INS) + "]")


def visible(text: str) -> str:
    """`text` with every control character and bidi override replaced by a visible stand-in."""
    if _UNSAFE.search(text) is None:
        return text  # the common case costs one scan and no copy
    return text.translate(_STAND_INS)


def unsafe_characters(text: str) -> list[str]:
    """The stand-ins of the unsafe characters in `text`, in order, each once (for a message)."""
    found: list[str] = []
    for match in _UNSAFE.finditer(text):
        stand_in = _STAND_INS[ord(match.group())]
        if stand_in not in found:
            found.append(stand_in)
    return found


class VisibleStream:
    """A text stream that writes every string through `visible` and is otherwise the stream.

    The command line wraps stdout and stderr in it once, so every report (`show`, `graph`,
    `diff`, `check`, plain mode) is safe whichever module printed the text.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(visible(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)  # flush, isatty, fileno, encoding...
