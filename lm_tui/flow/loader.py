"""Load a flow file: TOML, then the pydantic schema, then every cross-reference and condition.

All problems are collected and reported together with their place in the file
(`nodes.kps.routes[1].when`), so an author fixes a file in one pass.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lm_tui.flow.definition import (
    CompiledRoute,
    CompiledRule,
    CompiledSection,
    Flow,
)
from lm_tui.flow.errors import FlowLoadError, Problem
from lm_tui.flow.expressions import (
    Condition,
    ConditionError,
    Symbol,
    SymbolKind,
    parse_condition,
)
from lm_tui.flow.limits import MAX_FLOW_BYTES, MAX_OPTIONS, MAX_TEXT_CHARACTERS
from lm_tui.flow.record_base import Record, from_model
from lm_tui.flow.records import (
    ChoiceNode,
    ChoiceVariable,
    Derived,
    FlowFile,
    MultiNode,
    MultiVariable,
    NumberNode,
    NumberVariable,
    OutcomeNode,
)
from lm_tui.flow.toml_files import UnreadableFile, read_toml
from lm_tui.flow.visible_text import unsafe_characters
from lm_tui.garbage_collection import paused_collection

if TYPE_CHECKING:
    from pydantic import ValidationError

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_KIND_TAGS = frozenset({"choice", "multi", "number", "info", "outcome"})
_NODE_VARIABLE_KIND: dict[type[Record], type[Record]] = {
    ChoiceNode: ChoiceVariable,
    MultiNode: MultiVariable,
    NumberNode: NumberVariable,
}

_cache: dict[tuple[str, str], Flow] = {}


def load_flow(path: Path | str) -> Flow:
    """Load and check a flow file; raises FlowLoadError listing every problem."""
    path = Path(path)
    # One pause for reading and building: the parsed TOML is an object per key and value, all
    # alive until the flow is built; had the collector resumed in between, its first pass
    # would have walked all of them (a third of a large file's load).
    with paused_collection():
        try:
            data, content = read_toml(path, MAX_FLOW_BYTES, flow=True)
        except UnreadableFile as error:
            raise FlowLoadError(str(path), [Problem("", str(error))]) from None
        digest = hashlib.sha256(data).hexdigest()
        cached = _cache.get((str(path.resolve()), digest))
        if cached is not None:
            return cached
        flow = build_flow(content, path, digest)
        del content  # freed now, not walked by the collector when it resumes
    _cache[(str(path.resolve()), digest)] = flow
    return flow


def build_flow(content: Mapping[str, Any], path: Path, digest: str = "") -> Flow:
    """Check parsed TOML content and compile it into a Flow."""
    # pydantic and the schema models are imported here, not at the top: a start from the cached
    # bundled flow (flow_cache.py) never validates, so it never pays for importing them.
    from pydantic import ValidationError

    from lm_tui.flow.model import FlowFile as FlowFileModel

    text_problems = list(_text_problems(content, ""))
    if text_problems:
        raise FlowLoadError(str(path), text_problems)
    try:
        validated = FlowFileModel.model_validate(content)
    except ValidationError as error:
        raise FlowLoadError(str(path), _schema_problems(error)) from None
    file: FlowFile = from_model(validated)
    return _Compiler(file, path, digest).compile()


def _text_problems(value: object, where: str) -> Iterable[Problem]:
    """Keys and strings a terminal would obey (escape codes, bidi overrides) or choke on (size).

    Checked on the parsed TOML before the schema, so every place in the file is reported, keys
    included, whatever the schema makes of them.
    """
    if isinstance(value, str):
        found = unsafe_characters(value)
        if found:
            yield Problem(
                where,
                f"holds control or bidirectional characters ({', '.join(found)}); "
                "remove them (a terminal would act on them)",
            )
        if len(value) > MAX_TEXT_CHARACTERS:
            yield Problem(
                where,
                f"text of {len(value):,} characters is longer than the limit of "
                f"{MAX_TEXT_CHARACTERS:,}; shorten it",
            )
    elif isinstance(value, Mapping):
        for key, item in value.items():
            place = f"{where}.{key}" if where else str(key)
            if unsafe_characters(str(key)):
                yield from _text_problems(str(key), where or "(top level)")
            yield from _text_problems(item, place)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _text_problems(item, f"{where}[{index}]")


def _schema_problems(error: ValidationError) -> list[Problem]:
    """pydantic's ValidationError as problems in the file's own places and our own words."""
    problems = []
    for item in error.errors():
        where = _place(item["loc"])
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown key; check its spelling against docs/flow-format.md"
        elif item["type"] == "missing":
            message = "required key is missing"
        elif item["type"] == "union_tag_invalid":
            message = f"unknown kind; use one of {', '.join(sorted(_KIND_TAGS))}"
        elif item["type"] == "union_tag_not_found":
            message = "needs a `kind`"
        elif item["type"] == "value_error" and "error" in item.get("ctx", {}):
            message = str(item["ctx"]["error"])  # our own validators' words, without a prefix
        problems.append(Problem(where, message))
    return problems


def _place(loc: Iterable[int | str]) -> str:
    parts = list(loc)
    text = ""
    for index, part in enumerate(parts):
        if isinstance(part, int):
            text += f"[{part}]"
        elif index == 2 and part in _KIND_TAGS and parts[0] in ("nodes", "variables"):
            continue  # pydantic's discriminator tag is not a place in the file
        else:
            text += ("." if text else "") + str(part)
    return text


class _Compiler:
    def __init__(self, file: FlowFile, path: Path, digest: str) -> None:
        self.file = file
        self.path = path
        self.digest = digest
        self.problems: list[Problem] = []
        self.symbols = self._symbols()
        self.parsed: dict[str, Condition] = {}

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def compile(self) -> Flow:
        self._check_names()
        routes = {
            node_id: self._routes(node_id)
            for node_id, node in self.file.nodes.items()
            if not isinstance(node, OutcomeNode)
        }
        rules = {
            derived_id: self._rules(derived_id, d) for derived_id, d in self.file.derived.items()
        }
        recommendations = {
            rec_id: self._condition(rec.when, f"recommendations.{rec_id}.when")
            for rec_id, rec in self.file.recommendations.items()
        }
        pitfalls = {
            pit_id: self._condition(pit.when, f"pitfalls.{pit_id}.when")
            for pit_id, pit in self.file.pitfalls.items()
        }
        sections = {
            node_id: tuple(
                CompiledSection(
                    s.title,
                    s.text,
                    self._optional(s.when, f"nodes.{node_id}.sections[{i}].when"),
                    tuple(s.sources),
                )
                for i, s in enumerate(node.sections)
            )
            for node_id, node in self.file.nodes.items()
            if isinstance(node, OutcomeNode)
        }
        self._check_derived_cycles()
        self._check_templates()
        if self.problems:
            raise FlowLoadError(str(self.path), self.problems)
        return Flow(
            path=self.path,
            sha256=self.digest,
            file=self.file,
            symbols=self.symbols,
            routes=routes,
            rules=rules,
            recommendation_conditions={k: v for k, v in recommendations.items() if v},
            pitfall_conditions={k: v for k, v in pitfalls.items() if v},
            sections=sections,
        )

    # --- names and references ------------------------------------------------------------------

    def _symbols(self) -> dict[str, Symbol]:
        symbols: dict[str, Symbol] = {}
        for var_id, variable in self.file.variables.items():
            if isinstance(variable, NumberVariable):
                symbols[var_id] = Symbol("number")
            else:
                kind: SymbolKind = "choice" if isinstance(variable, ChoiceVariable) else "multi"
                values = [choice.value for choice in variable.choices]
                if len(set(values)) != len(values):
                    self.problem(f"variables.{var_id}.choices", "a value is listed twice")
                symbols[var_id] = Symbol(kind, frozenset(values))
        for derived_id, derived in self.file.derived.items():
            where = f"derived.{derived_id}"
            if derived_id in symbols:
                self.problem(where, f"'{derived_id}' is also a variable; ids must be unique")
                continue
            symbol = self._derived_symbol(derived, where)
            if symbol is not None:
                symbols[derived_id] = symbol
        return symbols

    def _derived_symbol(self, derived: Derived, where: str) -> Symbol | None:
        values = derived.values
        if all(isinstance(v, bool) for v in values):
            return Symbol("bool")
        if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
            return Symbol("number")
        if all(isinstance(v, str) for v in values):
            return Symbol("choice", frozenset(str(v) for v in values))
        self.problem(f"{where}.values", "values must be all text, all numbers or all true/false")
        return None

    def _check_names(self) -> None:
        file = self.file
        if file.flow.start not in file.nodes:
            self.problem("flow.start", f"'{file.flow.start}' is not a node")
        for node_id, node in file.nodes.items():
            where = f"nodes.{node_id}"
            expected = _NODE_VARIABLE_KIND.get(type(node))
            variable_id = getattr(node, "variable", None)
            if expected is not None and isinstance(variable_id, str):
                variable = file.variables.get(variable_id)
                if variable is None:
                    self.problem(f"{where}.variable", f"'{variable_id}' is not a declared variable")
                elif not isinstance(variable, expected):
                    self.problem(
                        f"{where}.variable",
                        f"a {node.kind} node needs a {node.kind} variable; '{variable_id}' is a "
                        f"{variable.kind}",
                    )
                else:
                    self._check_options(node, variable, where)
            if not isinstance(node, OutcomeNode):
                if node.next is None and not node.routes:
                    self.problem(
                        where, "has no `next` or `routes`: a dead end (only outcome nodes end)"
                    )
                targets = [node.next] if node.next else [r.to for r in node.routes]
                for index, target in enumerate(targets):
                    if target not in file.nodes:
                        place = f"{where}.next" if node.next else f"{where}.routes[{index}].to"
                        self.problem(place, f"'{target}' is not a node")
        for index, panel in enumerate(file.flow.panels):
            for name in panel.show:
                if name not in self.symbols:
                    self.problem(f"flow.panels[{index}].show", f"'{name}' is not declared")
        self._check_carried_out_by()
        exports: dict[str, str] = {}
        for derived_id, derived in file.derived.items():
            if derived.export:
                if derived.export in exports:
                    self.problem(
                        f"derived.{derived_id}.export",
                        f"'{derived.export}' is also exported by '{exports[derived.export]}'",
                    )
                exports[derived.export] = derived_id
        reserved = {"recommendations", "pitfalls"}
        for key, derived_id in exports.items():
            head = key.split(".")[0]
            if head in reserved or (("." in key) and head in exports):
                self.problem(f"derived.{derived_id}.export", f"'{key}' clashes with another key")

    def _check_carried_out_by(self) -> None:
        """A recommendation's `carried_out_by` names values of a multi-select question (the
        plan): a value no multi-select offers is a typo that would hide the `✓ recommended`."""
        offered = {
            choice.value
            for variable in self.file.variables.values()
            if isinstance(variable, MultiVariable)
            for choice in variable.choices
        }
        for rec_id, rec in self.file.recommendations.items():
            for index, value in enumerate(rec.carried_out_by):
                if value not in offered:
                    self.problem(
                        f"recommendations.{rec_id}.carried_out_by[{index}]",
                        f"'{value}' is not a value of any multi-select variable",
                    )

    def _check_options(self, node: Any, variable: Any, where: str) -> None:
        options = getattr(node, "options", None)
        choices = getattr(variable, "choices", ())
        offered = len(options) if options else len(choices)
        if offered > MAX_OPTIONS:
            self.problem(
                f"{where}.options" if options else f"variables.{node.variable}.choices",
                f"offers {offered} options; a question can offer at most {MAX_OPTIONS} (one per "
                "key, 1-9 and a-z): split it into two questions",
            )
        if options is None:
            return
        declared = {choice.value for choice in variable.choices}
        for option in options:
            if option not in declared:
                self.problem(
                    f"{where}.options",
                    f"'{option}' is not a value of '{node.variable}' "
                    f"(allowed: {', '.join(sorted(declared))})",
                )
        if not options:
            self.problem(f"{where}.options", "offers nothing to choose")

    # --- conditions ----------------------------------------------------------------------------

    def _condition(self, source: str, where: str) -> Condition | None:
        # The same text means the same condition (the symbols are the flow's): a large flow
        # repeats guards such as `stage != 'treatment'` in many rows, parsed once each.
        parsed = self.parsed.get(source)
        if parsed is not None:
            return parsed
        try:
            parsed = self.parsed[source] = parse_condition(source, self.symbols)
        except ConditionError as error:
            self.problem(where, str(error))
            return None
        return parsed

    def _optional(self, source: str | None, where: str) -> Condition | None:
        return None if source is None else self._condition(source, where)

    def _routes(self, node_id: str) -> tuple[CompiledRoute, ...]:
        node = self.file.nodes[node_id]
        assert not isinstance(node, OutcomeNode)
        if node.next is not None:
            return (CompiledRoute(0, node.next, None, False),)
        compiled = []
        for index, route in enumerate(node.routes):
            where = f"nodes.{node_id}.routes[{index}]"
            if route.otherwise and index != len(node.routes) - 1:
                self.problem(where, "the `otherwise` route must be the last one")
            condition = self._optional(route.when, f"{where}.when")
            compiled.append(CompiledRoute(index, route.to, condition, route.cycle, route.label))
        return tuple(compiled)

    def _rules(self, derived_id: str, derived: Derived) -> tuple[CompiledRule, ...]:
        compiled = []
        allowed = derived.values
        for index, rule in enumerate(derived.rules):
            where = f"derived.{derived_id}.rules[{index}]"
            if rule.otherwise and index != len(derived.rules) - 1:
                self.problem(where, "the `otherwise` row must be the last one")
            if rule.value is not None and not _value_in(rule.value, allowed):
                self.problem(
                    f"{where}.value",
                    f"{rule.value!r} is not one of the declared values {allowed!r}",
                )
            condition = self._optional(rule.when, f"{where}.when")
            compiled.append(CompiledRule(condition, rule.value))
        return tuple(compiled)

    def _check_derived_cycles(self) -> None:
        depends = {
            derived_id: {
                name
                for rule in derived.rules
                if rule.when
                for name in _names_in(rule.when, self.file.derived)
            }
            for derived_id, derived in self.file.derived.items()
        }
        state: dict[str, int] = {}

        def visit(derived_id: str, trail: list[str]) -> None:
            state[derived_id] = 1
            for other in sorted(depends[derived_id]):
                if state.get(other) == 1:
                    cycle = " -> ".join([*trail, derived_id, other])
                    self.problem(
                        f"derived.{derived_id}", f"derived values depend on each other: {cycle}"
                    )
                elif other not in state:
                    visit(other, [*trail, derived_id])
            state[derived_id] = 2

        for derived_id in depends:
            if derived_id not in state:
                visit(derived_id, [])

    def _check_templates(self) -> None:
        texts: list[tuple[str, str]] = []
        for rec_id, rec in self.file.recommendations.items():
            texts.append((f"recommendations.{rec_id}.text", rec.text))
        for pit_id, pit in self.file.pitfalls.items():
            texts.append((f"pitfalls.{pit_id}.text", pit.text))
        for node_id, node in self.file.nodes.items():
            if isinstance(node, OutcomeNode):
                for index, section in enumerate(node.sections):
                    texts.append((f"nodes.{node_id}.sections[{index}].text", section.text))
        for where, text in texts:
            for name in _PLACEHOLDER.findall(text):
                if name not in self.symbols:
                    self.problem(where, f"{{{name}}} is not a declared variable or derived value")


def _names_in(source: str, derived: Mapping[str, Derived]) -> set[str]:
    return {token for token in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", source) if token in derived}


def _value_in(value: bool | int | float | str, allowed: list[bool | int | float | str]) -> bool:
    for candidate in allowed:
        if isinstance(candidate, bool) or isinstance(value, bool):
            if isinstance(candidate, bool) and isinstance(value, bool) and candidate == value:
                return True
        elif isinstance(candidate, int | float) and isinstance(value, int | float):
            if Decimal(str(candidate)) == Decimal(str(value)):
                return True
        elif candidate == value:
            return True
    return False
