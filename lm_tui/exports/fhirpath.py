"""The flow's asking conditions as FHIRPath, for SDC `variable` and `enableWhenExpression`.

A form renderer (LHC-Forms, any SDC filler) cannot run the flow, but it can evaluate FHIRPath
over the response being filled in. So the whole walk is written as Questionnaire variables, in
an order where each reads only earlier ones:

1. every flow variable, read from the answers of the items that ask it (`%kps`); a multi-select
   also gets `%<name>Answered`, since "none ticked" and "not asked yet" both leave no codes;
2. every derived value, its rule table as nested `iif` (`%branch`), plus `%<name>Applies`
   (false when the table's row says "not applicable");
3. per node, where its routes lead (`%nextAfter<Node>`: the node id, or empty while undecided)
   and whether it is asked (`%asked<Node>`): some route from an asked node leads to it.

The flow's conditions are three-valued (an unknown answer makes a comparison unknown, and
`False and unknown` is False); FHIRPath's empty collection behaves the same in `and`, `or`,
`not()` and comparisons, so each condition maps one to one. Where the two differ the
translation says so: FHIRPath's `contains` on an empty collection is false, not empty, so a
multi-select is guarded by its `Answered` variable; a derived value that does not apply equals
nothing, which the `Applies` guard states.

No library translates a condition language into FHIRPath; this is text generation from the
parsed conditions (`expressions.py`), tested by evaluating the output with a FHIRPath engine on
random walks. Nothing clinical is written here: every expression comes from the flow file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from lm_tui.flow.definition import Flow
from lm_tui.flow.expressions import (
    And,
    Compare,
    Constant,
    ConstantList,
    Expr,
    Length,
    Literal_,
    Name,
    Not,
    Or,
    Truth,
)
from lm_tui.flow.records import ChoiceVariable, MultiVariable, NumberVariable

NONE_CODE = "none-of-these"
"""The code of the explicit "none of these" answer of a multi-select that may be left empty.
Flow values are snake_case identifiers, so a code with hyphens can never clash with one."""

RESERVED = frozenset(
    {
        # environment variables FHIRPath and SDC define, and words of the language
        "resource",
        "rootResource",
        "context",
        "questionnaire",
        "qitem",
        "ucum",
        "sct",
        "loinc",
        "factory",
        "terminologies",
        "server",
        "true",
        "false",
        "and",
        "or",
        "xor",
        "implies",
        "not",
        "in",
        "contains",
        "as",
        "is",
        "div",
        "mod",
    }
)

MAX_NAME = 64
"""Expression.name is an `id` in R4: letters, digits, '-' and '.', at most 64 characters.
FHIRPath names cannot hold '-' or '.', so names are camelCase letters and digits."""


@dataclass(frozen=True)
class Variable:
    """One SDC variable: `%name` is `expression`, evaluated after every earlier variable."""

    name: str
    expression: str


def _camel(text: str) -> str:
    first, *rest = text.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


def fhirpath_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("'", "\\'")
    escaped = escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f"'{escaped}'"


def fhirpath_literal(value: str | Decimal | bool | int | float) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return fhirpath_string(value)
    number = Decimal(str(value))
    text = format(number.normalize(), "f") if number != 0 else "0"
    return f"({text})" if number < 0 else text


class FlowExpressions:
    """The SDC variables of one flow and the names that conditions and items refer to."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self._taken: set[str] = set(RESERVED)
        self._names: dict[tuple[str, str], str] = {}
        self.asked_at: dict[str, list[str]] = {}
        for node_id in flow.nodes:
            variable_id = flow.asked_variable(node_id)
            if variable_id is not None:
                self.asked_at.setdefault(variable_id, []).append(node_id)
        self.variables: list[Variable] = []
        self._build()

    # --- names ----------------------------------------------------------------------------------

    def name(self, role: str, identifier: str) -> str:
        """A unique FHIRPath name for a role ('value', 'answered', 'applies', 'asked', 'next')
        of a flow id; the first to ask gets the plain camelCase form, a clash gets a number."""
        key = (role, identifier)
        found = self._names.get(key)
        if found is not None:
            return found
        base = {
            "value": _camel(identifier),
            "answered": _camel(identifier) + "Answered",
            "applies": _camel(identifier) + "Applies",
            "asked": "asked" + _camel("_" + identifier),
            "next": "nextAfter" + _camel("_" + identifier),
        }[role][:MAX_NAME]
        candidate, number = base, 2
        while candidate in self._taken:
            suffix = str(number)
            candidate = base[: MAX_NAME - len(suffix)] + suffix
            number += 1
        self._taken.add(candidate)
        self._names[key] = candidate
        return candidate

    def asked(self, node_id: str) -> str:
        """The expression an item's `enableWhenExpression` holds: the node is on the path."""
        return "%" + self.name("asked", node_id)

    # --- building ---------------------------------------------------------------------------------

    def _add(self, role: str, identifier: str, expression: str) -> None:
        self.variables.append(Variable(self.name(role, identifier), expression))

    def _build(self) -> None:
        for variable_id, variable in self.flow.variables.items():
            nodes = self.asked_at.get(variable_id)
            if not nodes:
                continue
            items = f"%resource.repeat(item).where(linkId in ({self._ids(nodes)}))"
            if isinstance(variable, NumberVariable):
                self._add("value", variable_id, f"{items}.answer.value")
                continue
            codes = f"{items}.answer.value.ofType(Coding).code"
            if isinstance(variable, MultiVariable):
                none = fhirpath_string(NONE_CODE)
                self._add("value", variable_id, f"{codes}.where($this != {none})")
                self._add("answered", variable_id, f"{items}.answer.exists()")
            else:
                assert isinstance(variable, ChoiceVariable)
                self._add("value", variable_id, codes)
        for derived_id in self._derived_order():
            self._rule_table(derived_id)
        for node_id in self.flow.nodes:
            if node_id in self.flow.routes:
                self._add("next", node_id, self._next(node_id))
        for node_id in self._node_order():
            self._add("asked", node_id, self._asked(node_id))

    @staticmethod
    def _ids(nodes: Iterable[str]) -> str:
        return " | ".join(fhirpath_string(node) for node in nodes)

    def _derived_order(self) -> list[str]:
        """Derived values after those their rules read (the loader has refused cycles)."""
        order: list[str] = []
        seen: set[str] = set()

        def visit(derived_id: str) -> None:
            seen.add(derived_id)
            for rule in self.flow.rules[derived_id]:
                for name in sorted(rule.when.names) if rule.when else ():
                    if name in self.flow.rules and name not in seen:
                        visit(name)
            order.append(derived_id)

        for derived_id in self.flow.rules:
            if derived_id not in seen:
                visit(derived_id)
        return order

    def _rule_table(self, derived_id: str) -> None:
        """The first row whose condition holds gives the value; an unknown condition before it
        makes the value unknown; no row holding means "not applicable", as in evaluation.py."""
        applies, value = "false", "{}"
        for rule in reversed(self.flow.rules[derived_id]):
            row_applies = "false" if rule.value is None else "true"
            row_value = "{}" if rule.value is None else fhirpath_literal(rule.value)
            if rule.when is None:
                applies, value = row_applies, row_value
                continue
            test = self.condition(rule.when.root)
            applies = f"iif(({test}).empty(), {{}}, iif({test}, {row_applies}, {applies}))"
            value = f"iif(({test}).empty(), {{}}, iif({test}, {row_value}, {value}))"
        self._add("applies", derived_id, applies)
        self._add("value", derived_id, value)

    def _next(self, node_id: str) -> str:
        """Where the node's routes lead: empty while any route's condition is undecided, else
        the first route that holds, else the `otherwise` route (engine.py's order)."""
        routes = self.flow.routes[node_id]
        fallback = next((r.to for r in routes if r.when is None), None)
        chosen = "{}" if fallback is None else fhirpath_string(fallback)
        tests = [(self.condition(r.when.root), r.to) for r in routes if r.when is not None]
        if not tests:
            return chosen
        for test, target in reversed(tests):
            chosen = f"iif({test}, {fhirpath_string(target)}, {chosen})"
        undecided = " or ".join(f"({test}).empty()" for test, _ in tests)
        return f"iif({undecided}, {{}}, {chosen})"

    def _node_order(self) -> list[str]:
        """Nodes after every node with a route into them; declared cycles go back, so they are
        left out (a node asked again is asked already)."""
        order: list[str] = []
        seen: set[str] = set()

        def visit(node_id: str) -> None:
            seen.add(node_id)
            for route in self.flow.routes.get(node_id, ()):
                if not route.cycle and route.to not in seen:
                    visit(route.to)
            order.append(node_id)

        for node_id in self.flow.nodes:
            if node_id not in seen:
                visit(node_id)
        return list(reversed(order))

    def _asked(self, node_id: str) -> str:
        if node_id == self.flow.start:
            return "true"
        ways = [
            f"({self.asked(pred)} and %{self.name('next', pred)} = {fhirpath_string(node_id)})"
            for pred, routes in self.flow.routes.items()
            if any(route.to == node_id and not route.cycle for route in routes)
        ]
        if not ways:
            return "false"  # unreachable: `lm-tui check` reports it
        return f"iif({' or '.join(ways)}, true, false)"

    # --- conditions -----------------------------------------------------------------------------

    def condition(self, expr: Expr) -> str:
        """One parsed condition as a FHIRPath boolean: true, false, or empty when unknown."""
        if isinstance(expr, And | Or):
            word = " and " if isinstance(expr, And) else " or "
            return "(" + word.join(self.condition(item) for item in expr.items) + ")"
        if isinstance(expr, Not):
            return f"({self.condition(expr.item)}).not()"
        if isinstance(expr, Literal_):
            return fhirpath_literal(expr.value)
        if isinstance(expr, Truth):
            return self._derived_guard(expr.name, f"%{self.name('value', expr.name)} = true", True)
        return self._compare(expr)

    def _compare(self, expr: Compare) -> str:
        left, op, right = expr.left, expr.op, expr.right
        if isinstance(left, Constant) and isinstance(right, Name):
            test = f"%{self.name('value', right.name)} contains {fhirpath_literal(left.value)}"
            if op == "not in":
                test = f"({test}).not()"
            return self._multi_guard(right.name, test)
        if isinstance(left, Length):
            assert isinstance(right, Constant) and not isinstance(right.value, bool | str)
            count = f"%{self.name('value', left.name)}.count()"
            return self._multi_guard(
                left.name, f"{count} {_OPERATOR[op]} {fhirpath_literal(right.value)}"
            )
        assert isinstance(left, Name)
        value = f"%{self.name('value', left.name)}"
        if isinstance(right, ConstantList):
            members = " | ".join(fhirpath_literal(v) for v in self._ordered(left.name, right))
            test = f"{value} in ({members})"
            positive = op == "in"
            if not positive:
                test = f"({test}).not()"
        else:
            assert isinstance(right, Constant)
            test = f"{value} {_OPERATOR[op]} {fhirpath_literal(right.value)}"
            positive = op != "!="
        return self._derived_guard(left.name, test, positive)

    def _ordered(self, name: str, values: ConstantList) -> list[str | Decimal]:
        variable = self.flow.variables.get(name)
        order = [c.value for c in getattr(variable, "choices", [])]
        return sorted(
            values.values, key=lambda v: (order.index(v) if v in order else len(order), str(v))
        )

    def _multi_guard(self, name: str, test: str) -> str:
        """A multi-select read before it is answered is unknown (FHIRPath would say false)."""
        return f"iif(%{self.name('answered', name)}, {test}, {{}})"

    def _derived_guard(self, name: str, test: str, positive: bool) -> str:
        """A derived value that does not apply equals nothing and is in nothing: a positive
        test is false then, a negative one (`!=`, `not in`) true; an answer always applies."""
        if name not in self.flow.rules:
            return test
        applies = f"%{self.name('applies', name)}"
        return f"({applies} and {test})" if positive else f"({applies}.not() or {test})"


_OPERATOR = {"==": "=", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
