"""Exhaustive verification of a flow: every answer domain is finite, so every case is tried.

Graph checks first (reachable, no dead end, no undeclared cycle), then every path from the start
to an outcome is walked. Along a path the verifier knows which variables were asked and which
routes were taken ("facts"); each check enumerates the values its condition reads — numbers at
and on both sides of each threshold the flow mentions, multi-selects as subsets of the members
named — with a backtracking search that stops early once a condition is decided (Kleene logic is
monotone: a condition decided on a partial assignment stays decided for every completion).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations
from typing import Literal

from lm_tui.flow.definition import CompiledRoute, Flow
from lm_tui.flow.errors import Problem
from lm_tui.flow.evaluation import Evaluator
from lm_tui.flow.expressions import Condition, describe_value
from lm_tui.flow.model import MultiVariable, NumberVariable, OutcomeNode
from lm_tui.flow.values import ABSENT, UNKNOWN, Missing, TriState, Value

MAX_PATHS = 200_000
"""More distinct paths than this are refused rather than checked for minutes."""

MAX_TRIALS = 500_000
"""Evaluations one check may spend before it is reported as too large to prove."""

MAX_NAMED_MEMBERS = 12
"""Members of one multi-select a single check may name (2^12 subsets)."""


@dataclass(frozen=True)
class PathInfo:
    nodes: tuple[str, ...]


@dataclass
class Report:
    flow: Flow
    problems: list[Problem] = field(default_factory=list)
    paths: list[PathInfo] = field(default_factory=list)
    path_count: int = 0
    checks: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class _Cone:
    """The base variables a condition reads, through derived values, and how it reads them."""

    variables: frozenset[str]
    members: Mapping[str, frozenset[str]]
    sizes: Mapping[str, int]
    """Largest size each counted multi-select is compared with."""


class _TooLarge(Exception):
    pass


Fact = tuple[str, int]
"""(routing node, index of the route taken there)."""

Verdict = Literal["prune", "fail", "stop", "more"]
Judge = Callable[[Evaluator, bool], Verdict]


class Verifier:
    def __init__(self, flow: Flow, keep_paths: bool = False) -> None:
        self.flow = flow
        self.keep_paths = keep_paths
        self.report = Report(flow)
        self._cones: dict[int, _Cone] = {}
        self._derived_cones: dict[str, _Cone] = {}
        self._thresholds = self._collect_thresholds()
        self._memo: dict[tuple[object, ...], None] = {}
        self._reached: set[str] = set()
        self._reported: set[str] = set()
        self._asked_twice: set[tuple[str, str]] = set()

    # --- entry --------------------------------------------------------------------------------

    def run(self) -> Report:
        self._check_sources()
        graph_ok = self._check_graph()
        self._check_derived_tables()
        if graph_ok:
            try:
                self._walk_paths()
            except _TooLarge as error:
                self._problem("flow", str(error))
            else:
                self._check_reachable_items()
        return self.report

    def _problem(self, where: str, message: str) -> None:
        key = f"{where}: {message}"
        if key not in self._reported:
            self._reported.add(key)
            self.report.problems.append(Problem(where, message))

    # --- sources ------------------------------------------------------------------------------

    def _check_sources(self) -> None:
        declared = set(self.flow.file.sources)
        cited: list[tuple[str, str]] = []
        for node_id, node in self.flow.nodes.items():
            cited += [(f"nodes.{node_id}.sources", s) for s in node.sources]
            if isinstance(node, OutcomeNode):
                for index, section in enumerate(node.sections):
                    cited += [
                        (f"nodes.{node_id}.sections[{index}].sources", s) for s in section.sources
                    ]
        for rec_id, rec in self.flow.recommendations.items():
            cited += [(f"recommendations.{rec_id}.sources", s) for s in rec.sources]
        for pit_id, pit in self.flow.pitfalls.items():
            cited += [(f"pitfalls.{pit_id}.sources", s) for s in pit.sources]
        for where, source in cited:
            if source not in declared:
                self._problem(where, f"cites '{source}', which is not declared under [sources]")

    # --- graph --------------------------------------------------------------------------------

    def _edges(self, node_id: str) -> Sequence[CompiledRoute]:
        return self.flow.routes.get(node_id, ())

    def _check_graph(self) -> bool:
        flow = self.flow
        reachable = {flow.start}
        stack = [flow.start]
        while stack:
            node_id = stack.pop()
            for route in self._edges(node_id):
                if route.to not in reachable:
                    reachable.add(route.to)
                    stack.append(route.to)
        ok = True
        for node_id in flow.nodes:
            if node_id not in reachable:
                self._problem(f"nodes.{node_id}", "is never reached from the start node")
        # Dead ends: nodes from which no outcome can be reached.
        reverse: dict[str, set[str]] = {node_id: set() for node_id in flow.nodes}
        for node_id in flow.nodes:
            for route in self._edges(node_id):
                reverse[route.to].add(node_id)
        finishing = {node_id for node_id in flow.nodes if flow.is_outcome(node_id)}
        stack = list(finishing)
        while stack:
            node_id = stack.pop()
            for previous in reverse[node_id]:
                if previous not in finishing:
                    finishing.add(previous)
                    stack.append(previous)
        for node_id in sorted(reachable - finishing):
            self._problem(f"nodes.{node_id}", "is a dead end: no outcome can be reached from it")
            ok = False
        # Undeclared cycles: a back edge of a depth-first search not marked `cycle = true`.
        colour: dict[str, int] = {}
        for root in [flow.start]:
            iterators: list[tuple[str, Iterator[CompiledRoute]]] = [(root, iter(self._edges(root)))]
            colour[root] = 1
            trail = [root]
            while iterators:
                node_id, routes = iterators[-1]
                route = next(routes, None)
                if route is None:
                    colour[node_id] = 2
                    iterators.pop()
                    trail.pop()
                    continue
                if route.cycle:
                    continue
                state = colour.get(route.to, 0)
                if state == 1:
                    loop = trail[trail.index(route.to) :] + [route.to]
                    self._problem(
                        f"nodes.{node_id}.routes[{route.index}]",
                        "makes an undeclared cycle "
                        + " -> ".join(loop)
                        + "; mark the route `cycle = true` if it is meant",
                    )
                    ok = False
                elif state == 0:
                    colour[route.to] = 1
                    trail.append(route.to)
                    iterators.append((route.to, iter(self._edges(route.to))))
        return ok

    # --- cones --------------------------------------------------------------------------------

    def _cone(self, condition: Condition) -> _Cone:
        cone = self._cones.get(id(condition))
        if cone is None:
            parts = [self._name_cone(name) for name in condition.names]
            own_members = {k: set(v) for k, v in condition.members.items()}
            own_sizes = {k: int(max(v)) for k, v in condition.sizes.items()}
            for name in condition.counted:
                own_sizes.setdefault(name, 1)
            cone = _merge([_Cone(frozenset(), _freeze(own_members), own_sizes), *parts])
            self._cones[id(condition)] = cone
        return cone

    def _name_cone(self, name: str) -> _Cone:
        if name not in self.flow.rules:
            return _Cone(frozenset({name}), {}, {})
        cached = self._derived_cones.get(name)
        if cached is None:
            cached = _merge(
                [self._cone(rule.when) for rule in self.flow.rules[name] if rule.when is not None]
            )
            self._derived_cones[name] = cached
        return cached

    def _collect_thresholds(self) -> dict[str, set[Decimal]]:
        found: dict[str, set[Decimal]] = {}
        for condition in self._all_conditions():
            for name, values in condition.thresholds.items():
                if name in self.flow.variables:
                    found.setdefault(name, set()).update(values)
        return found

    def _all_conditions(self) -> Iterator[Condition]:
        for routes in self.flow.routes.values():
            yield from (r.when for r in routes if r.when is not None)
        for rules in self.flow.rules.values():
            yield from (r.when for r in rules if r.when is not None)
        yield from self.flow.recommendation_conditions.values()
        yield from self.flow.pitfall_conditions.values()
        for sections in self.flow.sections.values():
            yield from (s.when for s in sections if s.when is not None)

    # --- domains ------------------------------------------------------------------------------

    def _domain(self, variable_id: str, node_id: str, cone: _Cone) -> list[Value]:
        """Representative values of a variable asked at a node, enough to decide every check."""
        variable = self.flow.variables[variable_id]
        if isinstance(variable, NumberVariable):
            return _number_points(variable, self._thresholds.get(variable_id, set()))
        offered = self.flow.offered_values(node_id)
        if not isinstance(variable, MultiVariable):
            return list(offered)
        named = sorted(set(cone.members.get(variable_id, frozenset())) & set(offered))
        if len(named) > MAX_NAMED_MEMBERS:
            raise _TooLarge(
                f"one check names {len(named)} members of '{variable_id}'; at most "
                f"{MAX_NAMED_MEMBERS} can be proved exhaustively: use a derived value"
            )
        unnamed = [value for value in offered if value not in named]
        extra_max = min(len(unnamed), cone.sizes.get(variable_id, -1) + 1)
        subsets: list[Value] = []
        for size in range(len(named) + 1):
            for chosen in combinations(named, size):
                for extra in range(extra_max + 1):
                    members = set(chosen) | set(unnamed[:extra])
                    if len(members) < variable.min_selected:
                        pad = [v for v in unnamed if v not in members]
                        members |= set(pad[: variable.min_selected - len(members)])
                        if len(members) < variable.min_selected:
                            continue
                    subsets.append(frozenset(members))
        return list(dict.fromkeys(subsets))

    # --- path walk ----------------------------------------------------------------------------

    def _walk_paths(self) -> None:
        flow = self.flow
        # Each frame: node, asked (variable -> node), facts, path nodes.
        stack: list[tuple[str, dict[str, str], tuple[Fact, ...], tuple[str, ...]]] = [
            (flow.start, {}, (), (flow.start,))
        ]
        while stack:
            node_id, asked, facts, nodes = stack.pop()
            variable = flow.asked_variable(node_id)
            if variable is not None:
                if variable in asked:
                    key = (variable, node_id)
                    if key not in self._asked_twice:
                        self._asked_twice.add(key)
                        self._problem(
                            f"nodes.{node_id}",
                            f"asks '{variable}' again on a path that already asked it at "
                            f"'{asked[variable]}'",
                        )
                    continue
                asked = {**asked, variable: node_id}
            if flow.is_outcome(node_id):
                self.report.path_count += 1
                if self.report.path_count > MAX_PATHS:
                    raise _TooLarge(f"more than {MAX_PATHS} distinct paths; split the flow")
                if self.keep_paths:
                    self.report.paths.append(PathInfo(nodes))
                self._check_outcome(node_id, asked, facts, nodes)
                continue
            routes = [r for r in flow.routes[node_id] if not r.cycle]
            live = self._check_routes(node_id, asked, facts, nodes)
            for route in reversed(routes):
                if route.index not in live:
                    continue
                fact_list = facts
                if len(flow.routes[node_id]) > 1 or route.when is not None:
                    fact_list = (*facts, (node_id, route.index))
                stack.append((route.to, asked, fact_list, (*nodes, route.to)))

    def _where_path(self, nodes: tuple[str, ...]) -> str:
        shown = " > ".join(nodes if len(nodes) <= 8 else (*nodes[:3], "...", *nodes[-4:]))
        return f"on the path {shown}"

    # --- route checks -------------------------------------------------------------------------

    def _check_routes(
        self, node_id: str, asked: dict[str, str], facts: tuple[Fact, ...], nodes: tuple[str, ...]
    ) -> set[int]:
        """Check exactly one route applies; return the routes some answer can take."""
        routes = self.flow.routes[node_id]
        conditions = [r.when for r in routes if r.when is not None]
        if not conditions:
            return {r.index for r in routes}
        cone = _merge([self._cone(c) for c in conditions])
        self.report.checks += 1
        has_otherwise = any(r.when is None for r in routes)
        taken: set[int] = set()

        def judge(evaluator: Evaluator, facts_hold: bool) -> Verdict:
            results = [(r, r.when.evaluate(evaluator.lookup) if r.when else False) for r in routes]
            true = [r for r, value in results if value is True]
            if len(true) > 1:
                return "fail" if facts_hold else "more"
            if any(value is UNKNOWN for _, value in results):
                return "more"
            if not true and not has_otherwise:
                return "fail" if facts_hold else "more"
            if not facts_hold:
                return "more"
            taken.add(true[0].index if true else routes[-1].index)
            return "prune"

        failure = self._search(cone, asked, facts, judge)
        if failure is not None:
            assignment, evaluator = failure
            results = [(r, r.when.evaluate(evaluator.lookup) if r.when else None) for r in routes]
            true = [r.index for r, value in results if value is True]
            example = _show(assignment)
            where = f"nodes.{node_id}.routes"
            if len(true) > 1:
                listed = " and ".join(f"routes[{i}]" for i in true)
                self._problem(
                    where, f"{listed} both apply when {example} ({self._where_path(nodes)})"
                )
            elif any(value is UNKNOWN for _, value in results):
                unknown = sorted(n for n in cone.variables if n not in asked)
                self._problem(
                    where,
                    f"read {', '.join(unknown)}, not asked {self._where_path(nodes)} "
                    f"(when {example}); guard the read or ask it first",
                )
            else:
                self._problem(where, f"no route applies when {example} ({self._where_path(nodes)})")
            return {r.index for r in routes}
        return taken

    # --- outcome checks -----------------------------------------------------------------------

    def _check_outcome(
        self, node_id: str, asked: dict[str, str], facts: tuple[Fact, ...], nodes: tuple[str, ...]
    ) -> None:
        flow = self.flow
        items: list[tuple[str, str, Condition]] = []
        for rec_id, condition in flow.recommendation_conditions.items():
            items.append((f"recommendations.{rec_id}", f"recommendations.{rec_id}.when", condition))
        for pit_id, condition in flow.pitfall_conditions.items():
            items.append((f"pitfalls.{pit_id}", f"pitfalls.{pit_id}.when", condition))
        for index, section in enumerate(flow.sections.get(node_id, ())):
            if section.when is not None:
                where = f"nodes.{node_id}.sections[{index}].when"
                items.append((where, where, section.when))
        for item_id, where, condition in items:
            self._check_decided(
                item_id,
                where,
                self._cone(condition),
                asked,
                facts,
                nodes,
                lambda ev, c=condition: c.evaluate(ev.lookup),
            )
        for derived_id, derived in flow.derived.items():
            if derived.export:
                self._check_decided(
                    f"derived.{derived_id}",
                    f"derived.{derived_id}",
                    self._name_cone(derived_id),
                    asked,
                    facts,
                    nodes,
                    lambda ev, d=derived_id: _derived_state(ev, d),
                )

    def _check_decided(
        self,
        item_id: str,
        where: str,
        cone: _Cone,
        asked: dict[str, str],
        facts: tuple[Fact, ...],
        nodes: tuple[str, ...],
        decide: object,
    ) -> None:
        """The item must be decided on every answer set reaching here; note if it can hold."""
        assert callable(decide)
        unasked = cone.variables - set(asked)
        need_reach = item_id not in self._reached
        if not unasked and not need_reach:
            return
        key = ("item", item_id, *self._context_key(cone, asked, facts))
        if key in self._memo:
            return
        self._memo[key] = None
        self.report.checks += 1

        def judge(evaluator: Evaluator, facts_hold: bool) -> Verdict:
            state = decide(evaluator)
            if state is UNKNOWN:
                return "more"
            if state is True and need_reach:
                if not facts_hold:
                    return "more"
                self._reached.add(item_id)
            return "prune"

        def find_true(evaluator: Evaluator, facts_hold: bool) -> Verdict:
            state = decide(evaluator)
            if state is False:
                return "prune"
            if state is True and facts_hold:
                self._reached.add(item_id)
                return "stop"
            return "more"

        if unasked:
            failure = self._search(cone, asked, facts, judge)
            if failure is not None:
                assignment, _ = failure
                self._problem(
                    where,
                    f"reads {', '.join(sorted(unasked))}, which may not be asked "
                    f"{self._where_path(nodes)} (e.g. {_show(assignment)}); guard the read "
                    "with the condition that decides whether it is asked",
                )
        else:
            self._search(cone, asked, facts, find_true)

    def _check_reachable_items(self) -> None:
        for rec_id in self.flow.recommendations:
            if f"recommendations.{rec_id}" not in self._reached:
                self._problem(f"recommendations.{rec_id}", "is never given: no answers reach it")
        for pit_id in self.flow.pitfalls:
            if f"pitfalls.{pit_id}" not in self._reached:
                self._problem(f"pitfalls.{pit_id}", "is never raised: no answers reach it")

    # --- derived tables -----------------------------------------------------------------------

    def _check_derived_tables(self) -> None:
        for derived_id, rules in self.flow.rules.items():
            if rules and rules[-1].when is None:
                continue
            cone = self._name_cone(derived_id)
            # Every variable counts as asked: totality is about the table, not the path.
            asked = {name: self._any_node_asking(name) for name in cone.variables}
            if any(node is None for node in asked.values()):
                continue  # a variable no node asks: reported elsewhere as unreachable logic
            known = {k: v for k, v in asked.items() if v is not None}

            def judge(evaluator: Evaluator, facts_hold: bool, d: str = derived_id) -> Verdict:
                for rule in self.flow.rules[d]:
                    assert rule.when is not None
                    state = rule.when.evaluate(evaluator.lookup)
                    if state is UNKNOWN:
                        return "more"
                    if state is True:
                        return "prune"
                return "fail"

            try:
                failure = self._search(cone, known, (), judge)
            except _TooLarge as error:
                self._problem(f"derived.{derived_id}", str(error))
                continue
            if failure is not None:
                self._problem(
                    f"derived.{derived_id}.rules",
                    f"no rule applies when {_show(failure[0])}; add a last `otherwise = true` row",
                )

    def _any_node_asking(self, variable_id: str) -> str | None:
        for node_id in self.flow.nodes:
            if self.flow.asked_variable(node_id) == variable_id:
                return node_id
        return None

    # --- the search ---------------------------------------------------------------------------

    def _context_key(
        self, cone: _Cone, asked: dict[str, str], facts: tuple[Fact, ...]
    ) -> tuple[object, ...]:
        relevant = self._relevant_facts(cone, facts)
        variables = frozenset(cone.variables) | frozenset(
            v for fact in relevant for v in self._fact_cone(fact).variables
        )
        return (
            frozenset(relevant),
            frozenset((v, asked[v]) for v in variables if v in asked),
        )

    def _fact_cone(self, fact: Fact) -> _Cone:
        node_id, index = fact
        routes = self.flow.routes[node_id]
        return _merge([self._cone(r.when) for r in routes if r.when is not None])

    def _relevant_facts(self, cone: _Cone, facts: tuple[Fact, ...]) -> list[Fact]:
        """Facts that constrain the cone's variables, directly or through other facts."""
        variables = set(cone.variables)
        chosen: list[Fact] = []
        pending = list(facts)
        changed = True
        while changed:
            changed = False
            for fact in list(pending):
                fact_vars = self._fact_cone(fact).variables
                if fact_vars & variables:
                    chosen.append(fact)
                    pending.remove(fact)
                    variables |= fact_vars
                    changed = True
        return chosen

    def _fact_state(self, fact: Fact, evaluator: Evaluator) -> TriState:
        node_id, index = fact
        routes = self.flow.routes[node_id]
        route = routes[index]
        if route.when is not None:
            return route.when.evaluate(evaluator.lookup)
        result: TriState = True
        for other in routes:
            if other.when is None:
                continue
            state = other.when.evaluate(evaluator.lookup)
            if state is True:
                return False
            if state is UNKNOWN:
                result = UNKNOWN
        return result

    def _search(
        self,
        cone: _Cone,
        asked: Mapping[str, str],
        facts: tuple[Fact, ...],
        judge: Judge,
    ) -> tuple[dict[str, Value], Evaluator] | None:
        """Backtrack over the cone's asked variables, pruned by the path's facts.

        `judge(evaluator, facts_hold)` says "prune" (decided for every completion), "fail"
        (a counter-example: return it), "stop" (found what was sought: end quietly) or "more"
        (assign another variable). Variables not asked on the path stay UNKNOWN; a leaf still
        undecided while the facts hold is a failure.
        """
        relevant = self._relevant_facts(cone, facts)
        merged = _merge([cone, *[self._fact_cone(f) for f in relevant]])
        order_facts = {v for f in relevant for v in self._fact_cone(f).variables}
        searchable = [v for v in merged.variables if v in asked]
        domains = {v: self._domain(v, asked[v], merged) for v in searchable}
        searchable.sort(key=lambda v: (v not in order_facts, len(domains[v]), v))
        assignment: dict[str, Value] = {}
        trials = 0
        stopped = False

        def step(position: int) -> tuple[dict[str, Value], Evaluator] | None:
            nonlocal trials, stopped
            trials += 1
            if trials > MAX_TRIALS:
                raise _TooLarge(
                    f"a check needs more than {MAX_TRIALS} trials; simplify the conditions or "
                    "use derived values"
                )
            evaluator = Evaluator(self.flow, assignment)
            fact_states = [self._fact_state(f, evaluator) for f in relevant]
            if any(state is False for state in fact_states):
                return None
            facts_hold = all(state is True for state in fact_states)
            verdict = judge(evaluator, facts_hold)
            if verdict == "prune":
                return None
            if verdict == "stop":
                stopped = True
                return None
            if verdict == "fail":
                return dict(assignment), evaluator
            if position == len(searchable):
                return (dict(assignment), evaluator) if facts_hold else None
            variable = searchable[position]
            for value in domains[variable]:
                assignment[variable] = value
                found = step(position + 1)
                if found is not None or stopped:
                    return found
            del assignment[variable]
            return None

        return step(0)


def _derived_state(evaluator: Evaluator, derived_id: str) -> TriState:
    value = evaluator.derived(derived_id)
    return UNKNOWN if value is UNKNOWN else False


def _merge(cones: Sequence[_Cone]) -> _Cone:
    variables: set[str] = set()
    members: dict[str, set[str]] = {}
    sizes: dict[str, int] = {}
    for cone in cones:
        variables |= cone.variables
        for name, values in cone.members.items():
            members.setdefault(name, set()).update(values)
        for name, size in cone.sizes.items():
            sizes[name] = max(size, sizes.get(name, -1))
    return _Cone(frozenset(variables), _freeze(members), sizes)


def _freeze(members: Mapping[str, set[str] | frozenset[str]]) -> dict[str, frozenset[str]]:
    return {name: frozenset(values) for name, values in members.items()}


def _number_points(variable: NumberVariable, thresholds: set[Decimal]) -> list[Value]:
    """Grid values at and on both sides of every threshold, plus the ends of the range."""
    low, high, step = variable.min, variable.max, variable.step
    points = {low, high}
    for threshold in thresholds:
        below = low + ((threshold - low) // step) * step
        for candidate in (below - step, below, below + step, below + 2 * step):
            if low <= candidate <= high:
                points.add(candidate)
    return sorted(points)


def _show(assignment: Mapping[str, Value | Missing]) -> str:
    if not assignment:
        return "whatever the answers"
    return ", ".join(
        f"{name} = {describe_value(value) if not isinstance(value, Missing) else value.value}"
        for name, value in sorted(assignment.items())
    )


def verify(flow: Flow, keep_paths: bool = False) -> Report:
    """Run every check; the report lists all problems found."""
    return Verifier(flow, keep_paths=keep_paths).run()


__all__ = ["ABSENT", "Report", "verify"]
