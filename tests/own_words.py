"""Finds text that copies a reference document: any run of eight words in a row that both share.

The flow's text must be in its own words (facts and figures carry over, sentences do not). The
rule is mechanical so that it can be tested: both sides are case-folded, punctuation is dropped
and numbers are ignored (a figure carried over, "30-36 Gy", is a fact, not copying), and then any
window of `RUN_LENGTH` consecutive words of a text that also occurs in a reference document is a
copy. A set of word windows is all it takes; a fuzzy matcher (difflib, a plagiarism library)
would answer a different, vaguer question than the one the rule asks.

Which files are checked is a list of globs (`CHECKED_FILES`): the flows and the teaching cases.
Every string in a checked TOML file is text, except the keys in `NOT_PROSE`: a source's
citation names a paper and may repeat its title word for word.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

RUN_LENGTH = 8
"""Eight words in a row shared with a reference document count as copied."""

CHECKED_FILES = ("flows/*.toml", "flows/cases/*.toml")
"""Globs, relative to the project, of the files whose text must be in our own words: the flows
and the teaching cases (a new kind of file joins by adding its glob here)."""

NOT_PROSE = frozenset({"citation"})
"""Keys whose strings are not the flow's own prose: a citation quotes a paper's title."""

_WORD = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"\d+")


def words(text: str) -> list[str]:
    """The text's words, case-folded, without punctuation and without numbers."""
    return [w for w in _WORD.findall(text.casefold()) if not _NUMBER.fullmatch(w)]


def windows(text: str, length: int = RUN_LENGTH) -> Iterator[tuple[str, ...]]:
    """Every run of `length` consecutive words of the text."""
    found = words(text)
    for start in range(len(found) - length + 1):
        yield tuple(found[start : start + length])


@dataclass(frozen=True)
class Copy:
    place: str
    """Where the text is: `file: dotted.key`."""
    run: str
    """The shared words."""
    reference: str
    """The name of the reference document that has them."""

    def __str__(self) -> str:
        return f'{self.place}: "{self.run}" is copied from {self.reference}; rewrite it'


class References:
    """The word windows of a set of reference documents."""

    def __init__(self, documents: dict[str, str]) -> None:
        self._owner: dict[tuple[str, ...], str] = {}
        for name, text in documents.items():
            for run in windows(text):
                self._owner.setdefault(run, name)

    @classmethod
    def from_folder(cls, folder: Path) -> References:
        """Every file of the folder; a missing or empty folder is an error, never a pass."""
        files = sorted(p for p in folder.glob("*") if p.is_file()) if folder.is_dir() else []
        if not files:
            raise FileNotFoundError(
                f"no reference documents in {folder}; the own-words check cannot run without "
                "them (set LM_TUI_REFERENCE to their folder)"
            )
        return cls({p.name: p.read_text(encoding="utf-8", errors="replace") for p in files})

    def copies(self, place: str, text: str) -> list[Copy]:
        """One `Copy` per copied stretch of the text (overlapping windows are merged)."""
        text_words = words(text)
        stretches: list[list[int]] = []  # [first word, end word, index of the first window]
        for start, run in enumerate(windows(text)):
            if run not in self._owner:
                continue
            if stretches and start <= stretches[-1][1]:
                stretches[-1][1] = start + RUN_LENGTH
            else:
                stretches.append([start, start + RUN_LENGTH, start])
        return [
            Copy(
                place,
                " ".join(text_words[first:end]),
                self._owner[tuple(text_words[window : window + RUN_LENGTH])],
            )
            for first, end, window in stretches
        ]


def strings(table: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every (dotted key, string) of a parsed TOML document, outside the `NOT_PROSE` keys."""
    if isinstance(table, dict):
        for key, value in table.items():
            if key not in NOT_PROSE:
                yield from strings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(table, list):
        for index, item in enumerate(table):
            yield from strings(item, f"{path}[{index}]")
    elif isinstance(table, str):
        yield path, table


def copies_in_file(references: References, file: Path, shown_as: str) -> list[Copy]:
    """Every copied stretch in the strings of one TOML file."""
    with file.open("rb") as handle:
        document = tomllib.load(handle)
    return [
        copy
        for key, text in strings(document)
        for copy in references.copies(f"{shown_as}: {key}", text)
    ]
