"""The error types every user-facing failure is turned into.

Each carries a message that names the file, the place in it and what to do, so the command line
prints one line and exits 2 instead of showing a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class LmTuiError(Exception):
    """Base of every error the app reports to a user as a one-line message."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: where (`nodes.kps.routes[1].when`) and what."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class FlowLoadError(LmTuiError):
    """A flow file that cannot be used; lists every problem found, not just the first."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(self.summary())

    def summary(self) -> str:
        return "\n".join(f"{self.path}: {problem}" for problem in self.problems)


class AnswerError(LmTuiError):
    """An answer outside its variable's domain, or missing where the path needs it."""


class AnswersFileError(LmTuiError):
    """An answers file (for replay or teaching) that cannot be read or used."""


class SessionFileError(LmTuiError):
    """A session export or autosave that cannot be read, or belongs to something else."""


class ExportError(LmTuiError):
    """A session that could not be written; nothing partial is left behind."""


class CaseError(LmTuiError):
    """A teaching case file that cannot be used."""
