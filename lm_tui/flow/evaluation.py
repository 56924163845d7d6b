"""What a set of answers means under a flow: derived values, routes, recommendations, pitfalls.

An Evaluator is built for one set of answers and caches each derived value, so a screen refresh
after a keypress costs one pass over the rule tables.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from lm_tui.flow.definition import CompiledRoute, Flow
from lm_tui.flow.values import ABSENT, UNKNOWN, Missing, Seen, Value, to_decimal

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class UndecidedRoute(Exception):
    """No single route applies; `lm-tui check` rules this out for a verified flow."""


class Evaluator:
    def __init__(self, flow: Flow, answers: Mapping[str, Value]) -> None:
        self.flow = flow
        self.answers = answers
        self._derived: dict[str, Seen] = {}

    def lookup(self, name: str) -> Seen:
        """The value a condition sees for a variable or derived value."""
        if name in self.flow.rules:
            return self.derived(name)
        return self.answers.get(name, UNKNOWN)

    def derived(self, derived_id: str) -> Seen:
        cached = self._derived.get(derived_id)
        if cached is not None:
            return cached
        result: Seen = ABSENT
        for rule in self.flow.rules[derived_id]:
            holds = True if rule.when is None else rule.when.evaluate(self.lookup)
            if holds is UNKNOWN:
                result = UNKNOWN
                break
            if holds is True:
                result = ABSENT if rule.value is None else rule_value(rule.value)
                break
        self._derived[derived_id] = result
        return result

    def route(self, node_id: str) -> CompiledRoute | Missing:
        """The route that applies at a node, or UNKNOWN while an answer it needs is missing."""
        fallback: CompiledRoute | None = None
        chosen: list[CompiledRoute] = []
        undecided = False
        for route in self.flow.routes[node_id]:
            if route.when is None:
                fallback = route
                continue
            holds = route.when.evaluate(self.lookup)
            if holds is UNKNOWN:
                undecided = True
            elif holds:
                chosen.append(route)
        if undecided:
            return UNKNOWN
        if len(chosen) == 1:
            return chosen[0]
        if not chosen and fallback is not None:
            return fallback
        raise UndecidedRoute(
            f"{len(chosen)} routes apply at node '{node_id}'; run `lm-tui check` on the flow"
        )

    def recommendations(self) -> list[str]:
        return [
            rec_id
            for rec_id, condition in self.flow.recommendation_conditions.items()
            if condition.evaluate(self.lookup) is True
        ]

    def pitfalls(self) -> list[str]:
        return [
            pit_id
            for pit_id, condition in self.flow.pitfall_conditions.items()
            if condition.evaluate(self.lookup) is True
        ]

    def sections(self, node_id: str) -> list[tuple[str, str, tuple[str, ...]]]:
        return [
            (section.title, self.fill(section.text), section.sources)
            for section in self.flow.sections.get(node_id, ())
            if section.when is None or section.when.evaluate(self.lookup) is True
        ]

    def fill(self, text: str) -> str:
        """Insert `{name}` placeholders; an unknown value reads as a dash, never as a guess."""
        if "{" not in text:
            return text
        names = {name: self.lookup(name) for name in self.flow.symbols}

        def shown(name: str) -> str:
            value = names.get(name, UNKNOWN)
            if isinstance(value, Missing):
                return "—"
            if isinstance(value, Decimal):
                return str(int(value)) if value == value.to_integral_value() else str(value)
            if isinstance(value, frozenset):
                return ", ".join(sorted(value))
            return str(value)

        return _PLACEHOLDER.sub(lambda match: shown(match.group(1)), text)


def rule_value(value: bool | int | float | str) -> Value:
    """A rule table's literal as the engine holds it (numbers as Decimal)."""
    if isinstance(value, bool | str):
        return value
    return to_decimal(value)


_rule_value = rule_value  # the earlier private name, still imported elsewhere
