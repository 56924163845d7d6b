"""A loaded flow: the validated file plus its parsed conditions, ready for the engine.

Built only by `loader.load_flow`, which has checked every name, literal and reference, so the
engine and verifier can index into it without defensive checks.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from lm_tui.flow.expressions import Condition, Symbol
from lm_tui.flow.records import (
    ChoiceVariable,
    Derived,
    FlowFile,
    MultiVariable,
    Node,
    NumberVariable,
    OutcomeNode,
    Pitfall,
    Recommendation,
    Variable,
)

QUESTION_KINDS = frozenset({"choice", "multi", "number"})


@dataclass(frozen=True)
class CompiledRoute:
    index: int
    to: str
    when: Condition | None
    """None for the `otherwise` route."""
    cycle: bool
    label: str | None = None
    """The flow's own words for the route (the flow map shows them instead of the condition)."""


@dataclass(frozen=True)
class CompiledRule:
    when: Condition | None
    """None for the `otherwise` row."""
    value: bool | int | float | str | None


@dataclass(frozen=True)
class CompiledSection:
    title: str
    text: str
    when: Condition | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Flow:
    path: Path
    sha256: str
    file: FlowFile
    symbols: Mapping[str, Symbol]
    routes: Mapping[str, tuple[CompiledRoute, ...]]
    """Every non-outcome node's ways on; a `next` becomes one `otherwise` route."""
    rules: Mapping[str, tuple[CompiledRule, ...]]
    recommendation_conditions: Mapping[str, Condition]
    pitfall_conditions: Mapping[str, Condition]
    sections: Mapping[str, tuple[CompiledSection, ...]]

    @property
    def id(self) -> str:
        return self.file.flow.id

    @property
    def title(self) -> str:
        return self.file.flow.title

    @property
    def version(self) -> str:
        return self.file.flow.version

    @property
    def start(self) -> str:
        return self.file.flow.start

    @property
    def nodes(self) -> Mapping[str, Node]:
        return self.file.nodes

    @property
    def variables(self) -> Mapping[str, Variable]:
        return self.file.variables

    @property
    def derived(self) -> Mapping[str, Derived]:
        return self.file.derived

    @property
    def recommendations(self) -> Mapping[str, Recommendation]:
        return self.file.recommendations

    @property
    def pitfalls(self) -> Mapping[str, Pitfall]:
        return self.file.pitfalls

    def asked_variable(self, node_id: str) -> str | None:
        """The variable a node asks, or None for info and outcome nodes."""
        node = self.nodes[node_id]
        variable = getattr(node, "variable", None)
        return variable if isinstance(variable, str) else None

    def is_outcome(self, node_id: str) -> bool:
        return isinstance(self.nodes[node_id], OutcomeNode)

    def offered_values(self, node_id: str) -> tuple[str, ...]:
        """The choice values a choice or multi node offers, in the flow's order."""
        variable_id = self.asked_variable(node_id)
        if variable_id is None:
            return ()
        variable = self.variables[variable_id]
        if not isinstance(variable, ChoiceVariable | MultiVariable):
            return ()
        options = getattr(self.nodes[node_id], "options", None)
        values = tuple(choice.value for choice in variable.choices)
        return values if options is None else tuple(v for v in values if v in options)

    def choice_label(self, variable_id: str, value: str) -> str:
        """The label of a choice; the value itself for a derived value or an unknown name."""
        variable = self.variables.get(variable_id)
        if isinstance(variable, ChoiceVariable | MultiVariable):
            for choice in variable.choices:
                if choice.value == value:
                    return choice.label
        return value

    def number_variable(self, variable_id: str) -> NumberVariable | None:
        variable = self.variables.get(variable_id)
        return variable if isinstance(variable, NumberVariable) else None

    def conditions(self) -> Iterator[Condition]:
        """Every condition of the flow: routes, rules, recommendations, pitfalls, sections (for
        whatever needs all the values the flow compares with, e.g. a number's thresholds)."""
        for routes in self.routes.values():
            yield from (r.when for r in routes if r.when is not None)
        for rules in self.rules.values():
            yield from (r.when for r in rules if r.when is not None)
        yield from self.recommendation_conditions.values()
        yield from self.pitfall_conditions.values()
        for sections in self.sections.values():
            yield from (s.when for s in sections if s.when is not None)
