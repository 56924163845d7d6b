"""What the proof reports: problems and warnings, each with one answers table that shows it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import Problem
from lm_tui.flow.expressions import describe_value
from lm_tui.flow.values import Value


@dataclass(frozen=True)
class Finding(Problem):
    """A problem (or, with `warning`, a warning) and its counter-example.

    `answers` is an `[answers]` table that `lm-tui replay` walks from the start along `path`
    to the place named; it answers exactly the questions the path asks.
    """

    answers: Mapping[str, Value] = field(default_factory=dict, compare=False)
    path: tuple[str, ...] = field(default=(), compare=False)
    warning: bool = False


@dataclass
class ProofReport:
    flow: Flow
    problems: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    path_count: int = 0
    checks: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def show_answers(answers: Mapping[str, Value], names: frozenset[str] | None = None) -> str:
    """`kps = 70, primary = 'lung'`: the answers a check reads, as a condition writes them."""
    shown = sorted(
        (name, value) for name, value in answers.items() if names is None or name in names
    )
    if not shown:
        return "whatever the answers"
    return ", ".join(f"{name} = {describe_value(value)}" for name, value in shown)


def show_path(path: tuple[str, ...]) -> str:
    nodes = path if len(path) <= 8 else (*path[:3], "...", *path[-4:])
    return "on the path " + " > ".join(nodes)
