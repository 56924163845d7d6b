"""When each node is asked, as far as FHIR `enableWhen` can say it exactly.

FHIR can only write a flat list of checks on other items' answers, all of which (`all`) or any
of which (`any`) must hold. A node's real condition is "some route leads here from an enabled
node", which may read derived values (rule tables) that FHIR knows nothing about. So each node's
condition is built from the routes into it and kept only if it is exactly one flat list of
answer checks; anything else is marked *opaque* and the item stays unconditional.

Two facts keep most conditions flat:
- when every way from a node D on reaches node N, and N cannot be reached without D, N is asked
  exactly when D is, so N copies D's condition (or, when that is opaque and D is a question,
  "D has an answer": every question is required, so D answered means N comes);
- a check on node P's own answer (`P = x`) already implies that P was asked.

FHIR semantics used: `=` and the ordered comparisons are false when the question has no answer;
`!=` is true then, so a `!=` check is always paired with `exists` for the same question; on a
repeating question `=` means "one of the answers is", which has no exact negation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from lm_tui.flow.definition import Flow
from lm_tui.flow.expressions import (
    And,
    Compare,
    Constant,
    ConstantList,
    Expr,
    Literal_,
    Name,
    Not,
    Or,
)
from lm_tui.flow.records import MultiVariable, OutcomeNode

Operator = Literal["exists", "=", "!=", "<", ">", "<=", ">="]
Behavior = Literal["all", "any"]

_NEGATED: dict[Operator, Operator] = {"=": "!=", "<": ">=", ">": "<=", ">=": "<", "<=": ">"}
_MIRRORED: dict[str, Operator] = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "=", "!=": "!="}
_OPERATORS: dict[str, Operator] = {
    "==": "=",
    "!=": "!=",
    "<": "<",
    ">": ">",
    "<=": "<=",
    ">=": ">=",
}


@dataclass(frozen=True)
class Check:
    """One FHIR enableWhen entry: the answer at `node` compared with `value`."""

    node: str
    operator: Operator
    value: str | Decimal | bool = True


@dataclass(frozen=True)
class EnableCondition:
    """`checks` combined by `behavior`; no checks and not opaque = always asked."""

    checks: tuple[Check, ...] = ()
    behavior: Behavior = "all"
    opaque: bool = False


ALWAYS = EnableCondition()
NEVER = EnableCondition((), "any")
OPAQUE = EnableCondition(opaque=True)


def _is_never(cond: EnableCondition) -> bool:
    return not cond.opaque and cond.behavior == "any" and not cond.checks


def _make(checks: Iterable[Check], behavior: Behavior) -> EnableCondition:
    unique = tuple(dict.fromkeys(checks))
    if len(unique) == 1:
        behavior = "all"  # one check reads the same either way
    return EnableCondition(unique, behavior)


def both(left: EnableCondition, right: EnableCondition) -> EnableCondition:
    if left.opaque or right.opaque:
        return OPAQUE
    if _is_never(left) or _is_never(right):
        return NEVER
    if not left.checks:
        return right
    if not right.checks:
        return left
    if left.behavior == "all" and right.behavior == "all":
        return _make(left.checks + right.checks, "all")
    return OPAQUE


def either(left: EnableCondition, right: EnableCondition) -> EnableCondition:
    if left == ALWAYS or right == ALWAYS:
        return ALWAYS
    if left.opaque or right.opaque:
        return OPAQUE
    if _is_never(left):
        return right
    if _is_never(right):
        return left
    single = (len(left.checks) == 1 or left.behavior == "any") and (
        len(right.checks) == 1 or right.behavior == "any"
    )
    return _make(left.checks + right.checks, "any") if single else OPAQUE


class _Translator:
    """Route conditions → EnableCondition, for one flow."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self.asked_at: dict[str, list[str]] = {}
        for node_id in flow.nodes:
            variable = flow.asked_variable(node_id)
            if variable is not None:
                self.asked_at.setdefault(variable, []).append(node_id)

    def repeats(self, node_id: str) -> bool:
        variable = self.flow.asked_variable(node_id)
        return variable is not None and isinstance(self.flow.variables[variable], MultiVariable)

    def negate(self, cond: EnableCondition) -> EnableCondition:
        if cond.opaque:
            return OPAQUE
        if cond == ALWAYS:
            return NEVER
        if _is_never(cond):
            return ALWAYS
        if cond.behavior == "any" or len(cond.checks) == 1:
            negated = ALWAYS
            for check in cond.checks:
                negated = both(negated, self.negate_check(check))
            return negated
        # not (a and b) = (not a) or (not b): flat only when each negation is one check
        result = NEVER
        for check in cond.checks:
            result = either(result, self.negate_check(check))
        return result

    def negate_check(self, check: Check) -> EnableCondition:
        if check.operator == "exists" or self.repeats(check.node):
            return OPAQUE
        if check.operator == "=":
            return _make([Check(check.node, "exists"), Check(check.node, "!=", check.value)], "all")
        if check.operator == "!=":
            return _make([Check(check.node, "=", check.value)], "all")
        return _make([Check(check.node, _NEGATED[check.operator], check.value)], "all")

    def translate(self, expr: Expr) -> EnableCondition:
        if isinstance(expr, Literal_):
            return ALWAYS if expr.value else NEVER
        if isinstance(expr, And):
            result = ALWAYS
            for item in expr.items:
                result = both(result, self.translate(item))
            return result
        if isinstance(expr, Or):
            result = NEVER
            for item in expr.items:
                result = either(result, self.translate(item))
            return result
        if isinstance(expr, Not):
            return self.negate(self.translate(expr.item))
        if isinstance(expr, Compare):
            return self.compare(expr)
        return OPAQUE  # a bare yes/no derived value

    def compare(self, expr: Compare) -> EnableCondition:
        left, op, right = expr.left, expr.op, expr.right
        if isinstance(left, Name) and isinstance(right, Constant) and op in _OPERATORS:
            return self.answer_is(left.name, _OPERATORS[op], right.value)
        if isinstance(left, Constant) and isinstance(right, Name) and op in _MIRRORED:
            return self.answer_is(right.name, _MIRRORED[op], left.value)
        if isinstance(left, Name) and isinstance(right, ConstantList) and op in ("in", "not in"):
            result = NEVER
            for value in self.ordered(left.name, right.values):
                result = either(result, self.answer_is(left.name, "=", value))
            return result if op == "in" else self.negate(result)
        if (
            isinstance(left, Constant)
            and isinstance(right, Name)
            and op == "in"
            and self.is_multi(right.name)
        ):
            return self.answer_is(right.name, "=", left.value)
        return OPAQUE

    def is_multi(self, name: str) -> bool:
        return isinstance(self.flow.variables.get(name), MultiVariable)

    def ordered(self, name: str, values: frozenset[str | Decimal]) -> list[str | Decimal]:
        variable = self.flow.variables.get(name)
        order = [c.value for c in getattr(variable, "choices", [])]
        return sorted(values, key=lambda v: (order.index(v) if v in order else len(order), str(v)))

    def answer_is(
        self, name: str, operator: Operator, value: str | Decimal | bool
    ) -> EnableCondition:
        nodes = self.asked_at.get(name)
        if not nodes:
            return OPAQUE  # a derived value: FHIR cannot see rule tables
        if operator == "!=":
            if len(nodes) > 1 or self.repeats(nodes[0]):
                return OPAQUE
            return self.negate_check(Check(nodes[0], "=", value))
        if isinstance(value, str):
            nodes = [n for n in nodes if value in self.flow.offered_values(n)]
        result = NEVER
        for node in nodes:
            result = either(result, _make([Check(node, operator, value)], "all"))
        return result


def _graph(flow: Flow) -> dict[str, list[str]]:
    """Forward edges without declared cycles (a cycle goes back to a node already asked)."""
    return {
        node_id: [route.to for route in flow.routes.get(node_id, ()) if not route.cycle]
        for node_id in flow.nodes
    }


def _topological(flow: Flow, edges: Mapping[str, list[str]]) -> list[str]:
    order: list[str] = []
    seen: set[str] = set()

    def visit(node: str) -> None:
        seen.add(node)
        for target in edges[node]:
            if target not in seen:
                visit(target)
        order.append(node)

    visit(flow.start)
    return list(reversed(order))


def _reaches_outcome_without(
    flow: Flow, edges: Mapping[str, list[str]], start: str, avoid: str
) -> bool:
    stack, seen = [start], {start}
    while stack:
        node = stack.pop()
        if isinstance(flow.nodes[node], OutcomeNode):
            return True
        for target in edges[node]:
            if target != avoid and target not in seen:
                seen.add(target)
                stack.append(target)
    return False


def enable_conditions(flow: Flow) -> dict[str, EnableCondition]:
    """Every node's condition for being asked (OPAQUE where FHIR cannot state it exactly)."""
    edges = _graph(flow)
    order = _topological(flow, edges)
    predecessors: dict[str, list[str]] = {node: [] for node in flow.nodes}
    for node, targets in edges.items():
        for target in targets:
            if node in order:
                predecessors[target].append(node)
    dominators: dict[str, set[str]] = {}
    for node in order:
        preds = [p for p in predecessors[node] if p in dominators]
        common = set.intersection(*(dominators[p] for p in preds)) if preds else set()
        dominators[node] = common | {node}
    translator = _Translator(flow)
    conditions: dict[str, EnableCondition] = {}

    def asked_or_answered(node: str) -> EnableCondition:
        found = conditions[node]
        if found.opaque and flow.asked_variable(node) is not None:
            return _make([Check(node, "exists")], "all")
        return found

    for node in order:
        if node == flow.start:
            conditions[node] = ALWAYS
            continue
        strict = dominators[node] - {node}
        immediate = max(strict, key=lambda d: len(dominators[d]))
        if not _reaches_outcome_without(flow, edges, immediate, node):
            conditions[node] = asked_or_answered(immediate)
            continue
        condition = NEVER
        for pred in predecessors[node]:
            for route in flow.routes[pred]:
                if route.to != node or route.cycle:
                    continue
                taken = translator.translate(route.when.root) if route.when else ALWAYS
                if route.when is None:
                    for other in flow.routes[pred]:
                        if other is not route and other.when is not None:
                            taken = both(
                                taken, translator.negate(translator.translate(other.when.root))
                            )
                if not _implies_answered(taken, pred):
                    taken = both(asked_or_answered(pred), taken)
                condition = either(condition, taken)
        conditions[node] = condition if not _is_never(condition) else OPAQUE
    for node in flow.nodes:
        conditions.setdefault(node, OPAQUE)  # unreachable: `lm-tui check` reports it
    return conditions


def _implies_answered(cond: EnableCondition, node: str) -> bool:
    """Whether `cond` can only hold once `node` has an answer (so `node` was asked)."""
    if cond.opaque or not cond.checks:
        return False
    positive = [c.node == node and c.operator != "!=" for c in cond.checks]
    return any(positive) if cond.behavior == "all" else all(positive)
