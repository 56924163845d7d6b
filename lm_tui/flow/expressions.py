"""The condition language: parsed with `ast`, checked against the flow, interpreted by hand.

Conditions are never passed to `eval`. `parse_condition` accepts a small whitelist (names,
literals, comparisons, `in`, `and`/`or`/`not`, `len`) and checks every name and string literal
against the flow's declarations, so a typo is a load error naming the place, not a wrong branch.
Evaluation uses three-valued (Kleene) logic: a name that is not known yet makes a comparison
UNKNOWN, and `False and UNKNOWN` is still False.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from lm_tui.flow.limits import MAX_NUMBER
from lm_tui.flow.values import ABSENT, UNKNOWN, Seen, TriState, Value, to_decimal

MAX_LENGTH = 2000
"""Longer conditions are refused: no reviewer can check them."""

MAX_DEPTH = 24
"""Deeper nesting is refused, which also keeps the interpreter's recursion bounded."""

SymbolKind = Literal["choice", "multi", "number", "bool"]


@dataclass(frozen=True)
class Symbol:
    """What a condition may do with a name: its kind and, for choices, its values."""

    kind: SymbolKind
    values: frozenset[str] = frozenset()


class ConditionError(ValueError):
    """A condition the language does not accept; the message names the bad token."""


# --- the parsed form -------------------------------------------------------------------------


@dataclass(frozen=True)
class Name:
    name: str


@dataclass(frozen=True)
class Constant:
    value: str | Decimal | bool


@dataclass(frozen=True)
class ConstantList:
    values: frozenset[str | Decimal]


@dataclass(frozen=True)
class Length:
    name: str


CompareOp = Literal["==", "!=", "<", "<=", ">", ">=", "in", "not in"]


@dataclass(frozen=True)
class Compare:
    left: Name | Constant | Length
    op: CompareOp
    right: Name | Constant | ConstantList | Length


@dataclass(frozen=True)
class And:
    items: tuple[Expr, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Expr, ...]


@dataclass(frozen=True)
class Not:
    item: Expr


@dataclass(frozen=True)
class Truth:
    """A bare yes/no name used as a condition, e.g. `it_eligible`."""

    name: str


@dataclass(frozen=True)
class Literal_:
    """`true` or `false` written as a whole condition."""

    value: bool


Expr = Compare | And | Or | Not | Truth | Literal_


@dataclass(frozen=True)
class Condition:
    """A checked condition with what the proof needs to cut its inputs into finite domains."""

    source: str
    root: Expr
    names: frozenset[str]
    thresholds: Mapping[str, frozenset[Decimal]] = field(default_factory=dict)
    """Numbers each number-valued name is compared with."""
    members: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Members of each multi-select the condition names."""
    counted: frozenset[str] = frozenset()
    """Multi-selects whose size (`len`) the condition reads."""
    sizes: Mapping[str, frozenset[Decimal]] = field(default_factory=dict)
    """Numbers each multi-select's size is compared with."""

    compiled: Callable[[Callable[[str], Seen]], TriState] = field(
        init=False, repr=False, compare=False
    )
    """The root compiled to nested closures once (see compile_expr)."""

    def __post_init__(self) -> None:
        # Conditions are evaluated many times by teaching checks and tests and on every
        # keypress by the engine; closures skip the per-node type dispatch of the interpreter.
        object.__setattr__(self, "compiled", compile_expr(self.root))

    def evaluate(self, lookup: Callable[[str], Seen]) -> TriState:
        return self.compiled(lookup)

    # A loaded flow is cached as a pickle (flow_cache.py); closures cannot be pickled, so the
    # parsed form is stored and compiled again, on its first evaluation: a start from the cache
    # then compiles only the conditions the first screen reads, not all of them.
    def __getstate__(self) -> dict[str, object]:
        return {key: value for key, value in self.__dict__.items() if key != "compiled"}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        object.__setattr__(self, "compiled", self._compile_and_evaluate)

    def _compile_and_evaluate(self, lookup: Callable[[str], Seen]) -> TriState:
        compiled = compile_expr(self.root)
        object.__setattr__(self, "compiled", compiled)
        return compiled(lookup)


# --- parsing ---------------------------------------------------------------------------------

_OPS: dict[type[ast.cmpop], CompareOp] = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.In: "in",
    ast.NotIn: "not in",
}
_MIRRORED: dict[CompareOp, CompareOp] = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}
_BOOL_WORDS = {"true": True, "false": False}


class _Parser:
    def __init__(self, source: str, symbols: Mapping[str, Symbol]) -> None:
        self.source = source
        self.symbols = symbols
        self.names: set[str] = set()
        self.thresholds: dict[str, set[Decimal]] = {}
        self.members: dict[str, set[str]] = {}
        self.counted: set[str] = set()
        self.sizes: dict[str, set[Decimal]] = {}

    def fail(self, message: str) -> ConditionError:
        return ConditionError(message)

    def condition(self, node: ast.expr, depth: int) -> Expr:
        if depth > MAX_DEPTH:
            raise self.fail(f"nested deeper than {MAX_DEPTH} levels; split it into derived values")
        if isinstance(node, ast.BoolOp):
            items = tuple(self.condition(value, depth + 1) for value in node.values)
            return And(items) if isinstance(node.op, ast.And) else Or(items)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return Not(self.condition(node.operand, depth + 1))
        if isinstance(node, ast.Compare):
            return self.comparison(node)
        if isinstance(node, ast.Name):
            if node.id in _BOOL_WORDS:
                return Literal_(_BOOL_WORDS[node.id])
            symbol = self.symbol(node.id)
            if symbol.kind != "bool":
                raise self.fail(
                    f"'{node.id}' is a {symbol.kind}, not yes/no; compare it, e.g. {node.id} == ..."
                )
            self.names.add(node.id)
            return Truth(node.id)
        if isinstance(node, ast.Constant) and isinstance(node.value, bool):
            return Literal_(node.value)
        raise self.fail(f"'{self.snippet(node)}' is not a condition ({self.describe(node)})")

    def comparison(self, node: ast.Compare) -> Expr:
        parts: list[Expr] = []
        left = node.left
        for op_node, right in zip(node.ops, node.comparators, strict=True):
            op = _OPS.get(type(op_node))
            if op is None:
                raise self.fail(f"operator '{type(op_node).__name__}' is not allowed")
            parts.append(self.one_comparison(left, op, right))
            left = right
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def one_comparison(self, left_node: ast.expr, op: CompareOp, right_node: ast.expr) -> Compare:
        left = self.operand(left_node, allow_list=False)
        assert not isinstance(left, ConstantList)  # lists are only read on the right
        right = self.operand(right_node, allow_list=op in ("in", "not in"))
        if op in ("in", "not in"):
            return self.membership(left, op, right)
        if isinstance(left, Constant) and not isinstance(right, Constant | ConstantList):
            # `70 < kps` reads as `kps > 70`; one orientation keeps the checks below simple.
            left, right = right, left
            op = _MIRRORED.get(op, op)
        if not isinstance(left, Name | Length) or not isinstance(right, Constant):
            raise self.fail("compare a name (or len(name)) with a literal value")
        self.check_literal(left, op, right)
        return Compare(left, op, right)

    def membership(
        self,
        left: Name | Constant | Length,
        op: CompareOp,
        right: Name | Constant | ConstantList | Length,
    ) -> Compare:
        if isinstance(left, Constant) and isinstance(right, Name):
            symbol = self.symbols[right.name]
            if symbol.kind != "multi":
                raise self.fail(
                    f"'... in {right.name}' needs a multi-select; it is a {symbol.kind}"
                )
            if not isinstance(left.value, str) or left.value not in symbol.values:
                raise self.fail(
                    f"{left.value!r} is not a value of '{right.name}' "
                    f"(allowed: {', '.join(sorted(symbol.values))})"
                )
            self.members.setdefault(right.name, set()).add(left.value)
            return Compare(left, op, right)
        if isinstance(left, Name) and isinstance(right, ConstantList):
            symbol = self.symbols[left.name]
            for value in right.values:
                self.check_literal(left, "==", Constant(value))
            if symbol.kind == "multi":
                raise self.fail(f"'{left.name}' is a multi-select; write 'value' in {left.name}")
            return Compare(left, op, right)
        raise self.fail("use 'value' in multi_select or name in ['a', 'b']")

    def check_literal(self, left: Name | Length, op: CompareOp, right: Constant) -> None:
        value = right.value
        if isinstance(left, Length):
            if not isinstance(value, Decimal) or isinstance(value, bool):
                raise self.fail(f"len({left.name}) is compared with a number, not {value!r}")
            self.sizes.setdefault(left.name, set()).add(value)
            return
        symbol = self.symbols[left.name]
        ordering = op in ("<", "<=", ">", ">=")
        if symbol.kind == "number":
            if not isinstance(value, Decimal):
                raise self.fail(
                    f"'{left.name}' is a number; compare it with a number, not {value!r}"
                )
            self.thresholds.setdefault(left.name, set()).add(value)
            return
        if ordering:
            raise self.fail(f"'{left.name}' is a {symbol.kind}; only numbers are ordered with {op}")
        if symbol.kind == "bool":
            if not isinstance(value, bool):
                raise self.fail(f"'{left.name}' is yes/no; compare it with true or false")
            return
        if symbol.kind == "multi":
            raise self.fail(f"'{left.name}' is a multi-select; use 'value' in {left.name}")
        if not isinstance(value, str) or value not in symbol.values:
            raise self.fail(
                f"{value!r} is not a value of '{left.name}' "
                f"(allowed: {', '.join(sorted(symbol.values))})"
            )

    def operand(self, node: ast.expr, allow_list: bool) -> Name | Constant | ConstantList | Length:
        if isinstance(node, ast.Name):
            if node.id in _BOOL_WORDS:
                return Constant(_BOOL_WORDS[node.id])
            self.symbol(node.id)
            self.names.add(node.id)
            return Name(node.id)
        if isinstance(node, ast.Constant):
            return Constant(self.literal(node))
        if (
            isinstance(node, ast.UnaryOp)
            and isinstance(node.op, ast.USub)
            and isinstance(node.operand, ast.Constant)
            and isinstance(node.operand.value, int | float)
            and not isinstance(node.operand.value, bool)
        ):
            number = self.literal(node.operand)  # refuses -1e999 as it refuses 1e999
            assert isinstance(number, Decimal)
            return Constant(-number)
        if allow_list and isinstance(node, ast.List | ast.Tuple | ast.Set):
            values: set[str | Decimal] = set()
            for element in node.elts:
                if not isinstance(element, ast.Constant):
                    raise self.fail(f"'{self.snippet(element)}' in a list must be a literal value")
                literal = self.literal(element)
                if isinstance(literal, bool):
                    raise self.fail("lists hold names of values or numbers, not true/false")
                values.add(literal)
            if not values:
                raise self.fail("an empty list never matches; remove the test")
            return ConstantList(frozenset(values))
        if isinstance(node, ast.Call):
            return self.length(node)
        raise self.fail(f"'{self.snippet(node)}' is not allowed here ({self.describe(node)})")

    def length(self, node: ast.Call) -> Length:
        if not isinstance(node.func, ast.Name) or node.func.id != "len":
            raise self.fail(f"only len(...) may be called, not '{self.snippet(node.func)}'")
        if node.keywords or len(node.args) != 1 or not isinstance(node.args[0], ast.Name):
            raise self.fail("len takes exactly one name, e.g. len(symptoms)")
        name = node.args[0].id
        symbol = self.symbol(name)
        if symbol.kind != "multi":
            raise self.fail(f"len() needs a multi-select; '{name}' is a {symbol.kind}")
        self.names.add(name)
        self.counted.add(name)
        return Length(name)

    def literal(self, node: ast.Constant) -> str | Decimal | bool:
        value = node.value
        if isinstance(value, bool | str):
            return value
        if isinstance(value, float) and not math.isfinite(value):
            # 1e999 reads as infinity: no answer can reach it, so it is a typo, not a threshold.
            raise self.fail(f"'{self.snippet(node)}' is not a finite number")
        if isinstance(value, int | float):
            number = to_decimal(value)
            if abs(number) > MAX_NUMBER:
                # The verifier splits ranges at thresholds: beyond this, Decimal runs out of digits.
                raise self.fail(
                    f"'{self.snippet(node)}' is beyond the limit of ±{int(MAX_NUMBER):,}"
                )
            return number
        raise self.fail(f"literal {value!r} is not a string, number or true/false")

    def symbol(self, name: str) -> Symbol:
        if name.startswith("__"):
            raise self.fail(f"'{name}': names starting with '__' are not allowed")
        symbol = self.symbols.get(name)
        if symbol is None:
            raise self.fail(f"'{name}' is not a declared variable or derived value")
        return symbol

    def snippet(self, node: ast.AST) -> str:
        return ast.get_source_segment(self.source, node) or type(node).__name__

    @staticmethod
    def describe(node: ast.AST) -> str:
        kinds: dict[type[ast.AST], str] = {
            ast.Attribute: "attribute access is not allowed",
            ast.Subscript: "subscripts are not allowed",
            ast.Call: "calls other than len() are not allowed",
            ast.ListComp: "comprehensions are not allowed",
            ast.SetComp: "comprehensions are not allowed",
            ast.DictComp: "comprehensions are not allowed",
            ast.GeneratorExp: "comprehensions are not allowed",
            ast.Lambda: "lambdas are not allowed",
            ast.BinOp: "arithmetic is not allowed",
            ast.IfExp: "if-expressions are not allowed; use a derived value",
            ast.NamedExpr: "assignment is not allowed",
            ast.JoinedStr: "f-strings are not allowed",
            ast.UnaryOp: "only `not` and a minus sign before a number are allowed",
        }
        return kinds.get(type(node), f"{type(node).__name__} is not part of the language")


def parse_condition(source: str, symbols: Mapping[str, Symbol]) -> Condition:
    """Parse and check one condition; raises ConditionError with a readable message."""
    if "\x00" in source:
        # Checked here: Python versions differ on how ast reports a NUL (SyntaxError/ValueError).
        raise ConditionError("cannot contain null bytes; remove the NUL character")
    if len(source) > MAX_LENGTH:
        raise ConditionError(f"longer than {MAX_LENGTH} characters; split it into derived values")
    if "__" in source:
        raise ConditionError("'__' is not allowed in conditions")
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as error:
        column = f" at column {error.offset}" if error.offset else ""
        raise ConditionError(f"not a valid condition: {error.msg}{column}") from None
    except (RecursionError, MemoryError, ValueError):
        raise ConditionError("too deeply nested to read") from None
    parser = _Parser(source.strip(), symbols)
    root = parser.condition(tree.body, 0)
    return Condition(
        source=source,
        root=root,
        names=frozenset(parser.names),
        thresholds={name: frozenset(values) for name, values in parser.thresholds.items()},
        members={name: frozenset(values) for name, values in parser.members.items()},
        counted=frozenset(parser.counted),
        sizes={name: frozenset(values) for name, values in parser.sizes.items()},
    )


# --- compilation ---------------------------------------------------------------------------------
# Each parsed node becomes a closure. The Kleene semantics are those of the tree-walking
# interpreter in tests/reference_interpreter.py, the readable reference the tests compare the
# closures with on random conditions and answers.

Compiled = Callable[[Callable[[str], Seen]], TriState]


def compile_expr(expr: Expr) -> Compiled:
    """A closure computing the Kleene value of `expr` (True, False or UNKNOWN) for any lookup."""
    if isinstance(expr, Compare):
        return _compile_compare(expr)
    if isinstance(expr, And):
        return _compile_and(tuple(compile_expr(item) for item in expr.items))
    if isinstance(expr, Or):
        return _compile_or(tuple(compile_expr(item) for item in expr.items))
    if isinstance(expr, Not):
        inner = compile_expr(expr.item)

        def negation(lookup: Callable[[str], Seen]) -> TriState:
            value = inner(lookup)
            return value if value is UNKNOWN else not value

        return negation
    if isinstance(expr, Truth):
        name = expr.name

        def truth(lookup: Callable[[str], Seen]) -> TriState:
            seen = lookup(name)
            return UNKNOWN if seen is UNKNOWN else seen is True

        return truth
    constant = expr.value
    return lambda lookup: constant


def _compile_and(items: tuple[Compiled, ...]) -> Compiled:
    if len(items) == 2:
        first, second = items

        def both(lookup: Callable[[str], Seen]) -> TriState:
            a = first(lookup)
            if a is False:
                return False
            b = second(lookup)
            if b is False:
                return False
            return UNKNOWN if a is UNKNOWN or b is UNKNOWN else True

        return both

    def every(lookup: Callable[[str], Seen]) -> TriState:
        result: TriState = True
        for item in items:
            value = item(lookup)
            if value is False:
                return False
            if value is UNKNOWN:
                result = UNKNOWN
        return result

    return every


def _compile_or(items: tuple[Compiled, ...]) -> Compiled:
    def some(lookup: Callable[[str], Seen]) -> TriState:
        result: TriState = False
        for item in items:
            value = item(lookup)
            if value is True:
                return True
            if value is UNKNOWN:
                result = UNKNOWN
        return result

    return some


def _compile_compare(expr: Compare) -> Compiled:
    left, op, right = expr.left, expr.op, expr.right
    if isinstance(left, Name) and isinstance(right, Constant | ConstantList):
        name = left.name
        constant = right.values if isinstance(right, ConstantList) else right.value
        if op == "==":

            def equal(lookup: Callable[[str], Seen]) -> TriState:
                seen = lookup(name)
                if seen is UNKNOWN:
                    return UNKNOWN
                return False if seen is ABSENT else seen == constant

            return equal
        if op == "!=":

            def differ(lookup: Callable[[str], Seen]) -> TriState:
                seen = lookup(name)
                if seen is UNKNOWN:
                    return UNKNOWN
                return True if seen is ABSENT else seen != constant

            return differ
        if op == "in" and isinstance(constant, frozenset):
            members = constant

            def among(lookup: Callable[[str], Seen]) -> TriState:
                seen = lookup(name)
                if seen is UNKNOWN:
                    return UNKNOWN
                return False if seen is ABSENT else seen in members

            return among
        if op == "not in" and isinstance(constant, frozenset):
            excluded = constant

            def outside(lookup: Callable[[str], Seen]) -> TriState:
                seen = lookup(name)
                if seen is UNKNOWN:
                    return UNKNOWN
                return True if seen is ABSENT else seen not in excluded

            return outside
        if op in _ORDERINGS and isinstance(constant, Decimal) and not isinstance(constant, bool):
            return _compile_ordering(name, _ORDERINGS[op], constant)
    if isinstance(left, Constant) and isinstance(right, Name) and op in ("in", "not in"):
        member, multi, wanted = left.value, right.name, op == "in"

        def contains(lookup: Callable[[str], Seen]) -> TriState:
            seen = lookup(multi)
            if seen is UNKNOWN:
                return UNKNOWN
            if seen is ABSENT:
                return not wanted
            return (member in seen) is wanted  # type: ignore[operator]

        return contains
    # Any other shape (e.g. len() comparisons) keeps the interpreter's generic path.
    return lambda lookup: evaluate_comparison(expr, lookup)


def _operand(
    operand: Name | Constant | ConstantList | Length, lookup: Callable[[str], Seen]
) -> Seen | frozenset[str | Decimal]:
    if isinstance(operand, Name):
        return lookup(operand.name)
    if isinstance(operand, Constant):
        return operand.value
    if isinstance(operand, ConstantList):
        return operand.values
    seen = lookup(operand.name)
    if isinstance(seen, frozenset):
        return Decimal(len(seen))
    return seen


def evaluate_comparison(expr: Compare, lookup: Callable[[str], Seen]) -> TriState:
    """One comparison, decided on its operands' values: the closure of every comparison without
    a closure of its own below, and the reference the specialised closures agree with."""
    left = _operand(expr.left, lookup)
    right = _operand(expr.right, lookup)
    if left is UNKNOWN or right is UNKNOWN:
        return UNKNOWN
    op = expr.op
    if left is ABSENT or right is ABSENT:
        # A value that does not apply equals nothing and is in nothing.
        return op in ("!=", "not in")
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    if op in ("in", "not in"):
        inside = left in right  # type: ignore[operator]
        return inside if op == "in" else not inside
    if not isinstance(left, Decimal) or not isinstance(right, Decimal):
        return False
    if op == "<":
        return left < right
    if op == "<=":
        return left <= right
    if op == ">":
        return left > right
    return left >= right


_ORDERINGS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def _compile_ordering(
    name: str, order: Callable[[Decimal, Decimal], bool], limit: Decimal
) -> Compiled:
    def ordered(lookup: Callable[[str], Seen]) -> TriState:
        seen = lookup(name)
        if seen is UNKNOWN:
            return UNKNOWN
        if not isinstance(seen, Decimal):
            return False  # ABSENT or not a number: an ordering holds for numbers only
        return order(seen, limit)

    return ordered


def describe_value(value: Value) -> str:
    """A value as a reader writes it in a condition: 'lung', 70, ['a', 'b']."""
    if isinstance(value, frozenset):
        return "[" + ", ".join(repr(item) for item in sorted(value)) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return str(value.normalize()) if value != value.to_integral_value() else str(int(value))
    return repr(value)
