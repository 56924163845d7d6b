"""Exhaustive verification of a flow: every answer domain is finite, so every case is tried.

Graph checks first (reachable, no dead end, no undeclared cycle), then every path from the start
to an outcome is walked. Along a path the verifier knows which variables were asked and which
routes were taken ("facts"); each check enumerates the values its condition reads — numbers at
and on both sides of each threshold the flow mentions, multi-selects as subsets of the members
named — with a backtracking search that stops early once a condition is decided (Kleene logic is
monotone: a condition decided on a partial assignment stays decided for every completion).

This module walks the paths and runs the checks; the pieces they use live apart: the checks
that need no answers in verify_graph.py, what a condition reads in cones.py, the values tried
in tried_values.py, what a check enumerates in search_spaces.py, the search itself in
answer_search.py, and the sample answer sets carried along paths in samples.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

from lm_tui.flow.answer_search import AnswerSearch, Space, TooLarge, Trial, Verdict
from lm_tui.flow.collection_pause import paused_collection
from lm_tui.flow.cones import Cone, Cones, merge
from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import Problem
from lm_tui.flow.evaluation import Evaluator
from lm_tui.flow.expressions import Condition, describe_value
from lm_tui.flow.implied import FAILS, HOLDS, UNDECIDED, Fact, Knowledge, Parts
from lm_tui.flow.samples import Samples, completed
from lm_tui.flow.search_spaces import SearchSpaces
from lm_tui.flow.settled import OpenItems
from lm_tui.flow.tried_values import TriedValues
from lm_tui.flow.values import ABSENT, UNKNOWN, Missing, Seen, TriState, Value
from lm_tui.flow.verify_graph import check_graph, undeclared_sources

MAX_PATHS = 200_000
"""More distinct paths than this are refused rather than checked for minutes."""


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


class _Frame(NamedTuple):
    """One step of the path walk: a node reached, and what the path up to it established."""

    node_id: str
    asked: dict[str, str]
    """Variable -> the node that asked it on this path."""
    facts: tuple[Fact, ...]
    """Every route taken on the path."""
    nodes: tuple[str, ...]
    """The path's nodes, this one last."""
    open_items: frozenset[int]
    """Items the path has not settled yet (see settled.py)."""
    known: tuple[Fact, ...] | None
    """The facts proved decided where they were taken, on a path where every route check so
    far passed (None once one failed): only their limits are certain for every answer set
    that continues the path, so only they feed Knowledge."""
    fresh: tuple[Fact, ...]
    """Facts in `known` that the parent's Knowledge does not have yet."""
    pool: tuple[Trial, ...]
    """Sample answer sets that follow the path (answered up to the last node that read them)."""
    earlier: Knowledge | None = None
    """Knowledge of the last node that read it (None: start afresh)."""
    pending: tuple[str, ...] = ()
    """Names changed since `earlier` (asked, or newly limited)."""
    unsampled: tuple[tuple[str, str], ...] = ()
    """Questions (variable, node) asked since the pool was last answered."""


class Verifier:
    def __init__(self, flow: Flow, keep_paths: bool = False) -> None:
        self.flow = flow
        self.keep_paths = keep_paths
        self.report = Report(flow)
        # What the checks use, each remembering its own work for the whole verification.
        self._parts = Parts(flow)
        self.cones = Cones(flow)
        self.tried = TriedValues(flow)
        self.search = AnswerSearch(flow, self._parts)
        self.spaces = SearchSpaces(flow, self.cones, self.tried, self.search)
        self.samples = Samples(flow, self.cones, self.tried, self.search, self.spaces)
        self._reached: set[str] = set()
        self._reported: set[str] = set()
        self._repeats: dict[str, int] = {}
        self._first: dict[str, int] = {}
        self._asked_twice: set[tuple[str, str]] = set()
        self._visited: set[str] = set()
        self._seen_paths: set[tuple[str, ...]] = set()
        self._graph_reachable: set[str] = set()
        self._maybe_reached: dict[
            str, list[tuple[Cone, Mapping[str, str], tuple[Fact, ...], Condition]]
        ] = {}

    # --- entry --------------------------------------------------------------------------------

    def run(self) -> Report:
        for where, message in undeclared_sources(self.flow):
            self._problem(where, message)
        graph = check_graph(self.flow)
        for where, message in graph.problems:
            self._problem(where, message)
        self._graph_reachable = graph.reachable
        self._check_derived_tables()
        if graph.ok:
            try:
                self._walk_paths()
            except TooLarge as error:
                self._problem("flow", str(error))
            else:
                self._search_unsampled_items()
                self._check_reachable_items()
                self._check_visited()
        self._finish_problems()
        return self.report

    def _problem(self, where: str, message: str) -> None:
        """Record a problem once per place and kind; repeats on other paths are only counted."""
        kind = message.split(" on the path ")[0].split(" (on the path ")[0]
        key = f"{where}: {kind}"
        if key in self._reported:
            self._repeats[key] = self._repeats.get(key, 0) + 1
            return
        self._reported.add(key)
        self._first[key] = len(self.report.problems)
        self.report.problems.append(Problem(where, message))

    def _finish_problems(self) -> None:
        for key, count in self._repeats.items():
            index = self._first[key]
            problem = self.report.problems[index]
            plural = "s" if count > 1 else ""
            self.report.problems[index] = Problem(
                problem.where, f"{problem.message} (and on {count} other path{plural})"
            )

    # --- path walk ----------------------------------------------------------------------------

    def _walk_paths(self) -> None:
        flow = self.flow
        fact_limits, limits_of = self.spaces.fact_limits, self.spaces.limits
        extend_samples = self.samples.extend
        self._item_table = [
            (f"recommendations.{rec_id}", f"recommendations.{rec_id}.when", condition)
            for rec_id, condition in flow.recommendation_conditions.items()
        ] + [
            (f"pitfalls.{pit_id}", f"pitfalls.{pit_id}.when", condition)
            for pit_id, condition in flow.pitfall_conditions.items()
        ]
        self._export_table = [d for d, derived in flow.derived.items() if derived.export]
        self._open_index = OpenItems(
            flow, [condition.root for _, _, condition in self._item_table], self._export_table
        )
        # Only outcomes and nodes whose routes have conditions read Knowledge, the open items
        # and the sample answer sets; elsewhere what a step changes is handed on (a frame's
        # `pending` and `unsampled`) and applied, all at once, where they are next read.
        reads_knowledge = {
            node_id
            for node_id in flow.nodes
            if flow.is_outcome(node_id)
            or any(route.when is not None for route in flow.routes.get(node_id, ()))
        }
        stack = [
            _Frame(
                flow.start,
                {},
                (),
                (flow.start,),
                self._open_index.all,
                (),
                (),
                (self.samples.witness({}),),
            )
        ]
        while stack:
            frame = stack.pop()
            node_id, asked, facts, nodes, open_items, known, fresh, pool = frame[:8]
            earlier, pending, unsampled = frame.earlier, frame.pending, frame.unsampled
            self._visited.add(node_id)
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
                unsampled = (*unsampled, (variable, node_id))
            changed = [
                *pending,
                *(limit.name for fact in fresh for limit in fact_limits(fact)),
            ]
            if variable is not None:
                changed.append(variable)
            routes = [r for r in flow.routes.get(node_id, ()) if not r.cycle]
            knowledge: Knowledge | None
            if node_id not in reads_knowledge:
                # Routes without conditions: nothing here to check, so no Knowledge either.
                knowledge, pending = earlier, tuple(changed)
                # The sample answer sets are answered here only when next read, all at once.
                live, pools, sound = (
                    {r.index for r in routes},
                    {r.index: pool for r in routes},
                    True,
                )
            else:
                limits = limits_of(known or ())
                if earlier is None:
                    knowledge = Knowledge(flow, asked, limits, self._parts)
                else:
                    # The Knowledge of the last node that read it, one step on: only the names
                    # in `changed` differ.
                    knowledge = earlier.step(asked, limits, changed)
                open_items = self._open_index.prune(open_items, changed, knowledge)
                pending = ()
                pool, unsampled = extend_samples(pool, unsampled), ()
                if flow.is_outcome(node_id):
                    self._count_path(nodes)
                    self._check_outcome(node_id, asked, facts, nodes, open_items, knowledge, pool)
                    continue
                live, pools, sound = self._check_routes(
                    node_id, asked, facts, nodes, knowledge, pool
                )
            for route in reversed(routes):
                if route.index not in live:
                    continue
                fact_list, child_known = facts, known
                child_fresh: tuple[Fact, ...] = ()
                if len(flow.routes[node_id]) > 1 or route.when is not None:
                    fact = (node_id, route.index)
                    fact_list = (*facts, fact)
                    if known is not None and sound:
                        child_known, child_fresh = (*known, fact), (fact,)
                    else:
                        child_known = None
                # The child's limits are these plus those of `child_fresh`, unless the facts
                # stopped being certain (then it has none, and starts its Knowledge afresh).
                handed = knowledge if child_known is not None or not known else None
                stack.append(
                    _Frame(
                        route.to,
                        asked,
                        fact_list,
                        (*nodes, route.to),
                        open_items,
                        child_known,
                        child_fresh,
                        pools.get(route.index, ()),
                        handed,
                        pending,
                        unsampled,
                    )
                )

    def _count_path(self, nodes: tuple[str, ...]) -> None:
        """A path ends at an outcome: count it once (two routes to the same node make one
        path, not two, though the outcome is checked with the facts of each)."""
        if nodes in self._seen_paths:
            return
        self._seen_paths.add(nodes)
        self.report.path_count += 1
        if self.report.path_count > MAX_PATHS:
            raise TooLarge(f"more than {MAX_PATHS} distinct paths; split the flow")
        if self.keep_paths:
            self.report.paths.append(PathInfo(nodes))

    def _check_visited(self) -> None:
        """Nodes the graph reaches but no answers do: the routes into them never apply."""
        for node_id in self.flow.nodes:
            if node_id in self._graph_reachable and node_id not in self._visited:
                self._problem(
                    f"nodes.{node_id}",
                    "is never reached: no answers make a route into it apply",
                )

    def _where_path(self, nodes: tuple[str, ...]) -> str:
        shown = " > ".join(nodes if len(nodes) <= 8 else (*nodes[:3], "...", *nodes[-4:]))
        return f"on the path {shown}"

    # --- route checks -------------------------------------------------------------------------

    def _check_routes(
        self,
        node_id: str,
        asked: dict[str, str],
        facts: tuple[Fact, ...],
        nodes: tuple[str, ...],
        knowledge: Knowledge,
        pool: tuple[Trial, ...],
    ) -> tuple[set[int], dict[int, tuple[Trial, ...]], bool]:
        """Check exactly one route applies; return the routes some answer can take.

        Also hands each route the sample answer sets of `pool` that take it, and says whether
        the check passed.
        """
        routes = self.flow.routes[node_id]
        conditions = [r.when for r in routes if r.when is not None]
        if not conditions:
            return {r.index for r in routes}, {r.index: pool for r in routes}, True
        target = merge([self.cones.direct(c) for c in conditions])
        self.report.checks += 1
        has_otherwise = any(r.when is None for r in routes)
        if not self._routes_settled(conditions, has_otherwise, knowledge):
            failure = self._route_failure(node_id, target, asked, facts, has_otherwise)
            if failure is not None:
                self._report_route_failure(node_id, failure, asked, target, nodes)
                return {r.index for r in routes}, {}, False
        pools: dict[int, list[Trial]] = {}
        fact_state = self.search.fact_state
        for trial in pool or self.samples.fresh(nodes, asked, facts):
            for route in routes:
                if fact_state((node_id, route.index), trial) is True:
                    pools.setdefault(route.index, []).append(trial)
        taken = set(pools)
        masks = {r.index: knowledge.mask(r.when.root) for r in routes if r.when is not None}
        for route in routes:
            if route.index in taken:
                continue
            if route.when is not None and masks[route.index] == FAILS:
                continue  # never taken here: its condition fails on every answer set
            if route.when is None and any(mask == HOLDS for mask in masks.values()):
                continue  # another route always applies
            fact = (node_id, route.index)

            def taken_here(
                evaluator: Evaluator, facts_hold: bool, leaf: bool, f: Fact = fact
            ) -> Verdict:
                state = fact_state(f, evaluator)
                if state is False:
                    return "prune"
                if state is True and facts_hold:
                    return "stop"
                return "prune" if leaf else "more"

            # Knowledge says the route can hold: the opaque ruling-out pass would rarely rule
            # it out, so the exact search alone decides (same answer, one search fewer).
            likely = route.when is not None and bool(masks[route.index] & HOLDS)
            shown: list[dict[str, Seen]] = []
            if self.spaces.exists(target, asked, facts, taken_here, likely=likely, witness=shown):
                taken.add(route.index)
                if pool and shown:
                    pools[route.index] = [self.samples.witness(completed(shown[0], pool[0]))]
        return taken, {index: tuple(found) for index, found in pools.items()}, True

    @staticmethod
    def _routes_settled(
        conditions: list[Condition], has_otherwise: bool, knowledge: Knowledge
    ) -> bool:
        """Knowledge alone shows exactly one route applies to every answer set on the path."""
        masks = [knowledge.mask(c.root) for c in conditions]
        if any(mask & UNDECIDED for mask in masks):
            return False
        if sum(1 for mask in masks if mask & HOLDS) > 1:
            return False
        return has_otherwise or any(mask == HOLDS for mask in masks)

    def _route_failure(
        self,
        node_id: str,
        target: Cone,
        asked: dict[str, str],
        facts: tuple[Fact, ...],
        has_otherwise: bool,
    ) -> tuple[dict[str, Seen], Evaluator] | None:
        """An answer set for which not exactly one route applies, if there is one."""
        routes = self.flow.routes[node_id]

        def judge(evaluator: Evaluator, facts_hold: bool, leaf: bool) -> Verdict:
            results = [r.when.evaluate(evaluator.lookup) for r in routes if r.when is not None]
            true = sum(1 for value in results if value is True)
            if true > 1:
                return "fail" if facts_hold else "more"
            if any(value is UNKNOWN for value in results):
                return "more"
            if not true and not has_otherwise:
                return "fail" if facts_hold else "more"
            return "prune"

        return self.spaces.all_hold(target, asked, facts, judge, ("routes", node_id))

    def _report_route_failure(
        self,
        node_id: str,
        failure: tuple[dict[str, Seen], Evaluator],
        asked: Mapping[str, str],
        target: Cone,
        nodes: tuple[str, ...],
    ) -> None:
        assignment, evaluator = failure
        routes = self.flow.routes[node_id]
        results = [(r, r.when.evaluate(evaluator.lookup) if r.when else None) for r in routes]
        true = [r.index for r, value in results if value is True]
        example = _show(assignment)
        where = f"nodes.{node_id}.routes"
        if len(true) > 1:
            listed = " and ".join(f"routes[{i}]" for i in true)
            self._problem(where, f"{listed} both apply when {example} ({self._where_path(nodes)})")
        elif any(value is UNKNOWN for _, value in results):
            unknown = sorted(n for n in self.cones.expanded(target).variables if n not in asked)
            self._problem(
                where,
                f"read {', '.join(unknown)}, not asked {self._where_path(nodes)} "
                f"(when {example}); guard the read or ask it first",
            )
        else:
            self._problem(where, f"no route applies when {example} ({self._where_path(nodes)})")

    # --- outcome checks -----------------------------------------------------------------------

    def _check_outcome(
        self,
        node_id: str,
        asked: dict[str, str],
        facts: tuple[Fact, ...],
        nodes: tuple[str, ...],
        open_items: frozenset[int],
        knowledge: Knowledge,
        pool: tuple[Trial, ...],
    ) -> None:
        """Every item decided here, every exported value known; note the items that can hold.

        Items the path has settled (not in `open_items`) are decided and never hold here. For
        the others, `knowledge` settles most without a search; the rest get the exact check.
        """
        flow = self.flow
        table, exports = self._item_table, self._export_table
        sections = [
            (f"nodes.{node_id}.sections[{position}].when", section.when)
            for position, section in enumerate(flow.sections.get(node_id, ()))
            if section.when is not None
        ]
        # Every item counts as a check here, settled or not (as before the shortcuts).
        self.report.checks += len(table) + len(sections) + len(exports)
        ordered = sorted(open_items)
        items: list[tuple[str, str, Condition, bool]] = [
            (*table[index], True) for index in ordered if index < len(table)
        ]
        items += [(where, where, condition, False) for where, condition in sections]
        unreached: list[tuple[str, Condition]] = []
        for item_id, where, condition, reachable in items:
            mask = knowledge.mask(condition.root)
            if not mask & UNDECIDED:
                if mask & HOLDS and reachable and item_id not in self._reached:
                    unreached.append((item_id, condition))
                continue
            self._check_decided(
                item_id,
                where,
                self.cones.direct(condition),
                asked,
                facts,
                nodes,
                partial(_condition_state, condition),
            )
        if unreached:
            # Decided here, may hold, not yet shown reachable: a few sample answer sets of the
            # path usually show it; the exact search settles the rest.
            for trial in pool or self.samples.fresh(nodes, asked, facts):
                for item_id, condition in unreached:
                    if item_id not in self._reached and condition.evaluate(trial.lookup) is True:
                        self._reached.add(item_id)
            for item_id, condition in unreached:
                if item_id not in self._reached:
                    # Searched for only if no sample on any later path shows it (see run()).
                    self._maybe_reached.setdefault(item_id, []).append(
                        (self.cones.direct(condition), asked, facts, condition)
                    )
        for index in ordered:
            if index < len(table):
                continue
            derived_id = exports[index - len(table)]
            values = knowledge.values(derived_id)
            if values is not None and UNKNOWN not in values:
                continue
            self._check_decided(
                f"derived.{derived_id}",
                f"derived.{derived_id}",
                Cone(frozenset({derived_id}), {}, {}),
                asked,
                facts,
                nodes,
                partial(_known_or_not, derived_id),
            )

    def _check_decided(
        self,
        item_id: str,
        where: str,
        target: Cone,
        asked: dict[str, str],
        facts: tuple[Fact, ...],
        nodes: tuple[str, ...],
        decide: Callable[[Evaluator], TriState],
    ) -> None:
        """The item must be decided on every answer set reaching here; note if it can hold."""

        def judge(evaluator: Evaluator, facts_hold: bool, leaf: bool) -> Verdict:
            return "more" if decide(evaluator) is UNKNOWN else "prune"

        failure = self.spaces.all_hold(target, asked, facts, judge, ("decided", item_id))
        if failure is not None:
            unasked = sorted(n for n in self.cones.expanded(target).variables if n not in asked)
            self._problem(
                where,
                f"reads {', '.join(unasked) or 'an answer'}, which may not be asked "
                f"{self._where_path(nodes)} (e.g. {_show(failure[0])}); guard the read "
                "with the condition that decides whether it is asked",
            )
            return
        if item_id in self._reached or item_id.startswith(("derived.", "nodes.")):
            return
        self._note_reached(item_id, target, asked, facts, decide)

    def _note_reached(
        self,
        item_id: str,
        target: Cone,
        asked: Mapping[str, str],
        facts: tuple[Fact, ...],
        decide: Callable[[Evaluator], TriState],
    ) -> None:
        """Mark the item reached if some answer set on the path makes it hold."""

        def holds(evaluator: Evaluator, facts_hold: bool, leaf: bool) -> Verdict:
            state = decide(evaluator)
            if state is False:
                return "prune"
            if state is True and facts_hold:
                return "stop"
            return "prune" if leaf else "more"

        if self.spaces.exists(target, asked, facts, holds, likely=True):
            self._reached.add(item_id)

    def _search_unsampled_items(self) -> None:
        """Exact searches for items no sample showed, at the outcomes where they may hold."""
        for item_id, places in self._maybe_reached.items():
            for target, asked, facts, condition in places:
                if item_id in self._reached:
                    break
                self._note_reached(
                    item_id, target, asked, facts, partial(_condition_state, condition)
                )
        self._maybe_reached.clear()

    def _check_reachable_items(self) -> None:
        for rec_id in self.flow.recommendations:
            if f"recommendations.{rec_id}" not in self._reached:
                self._problem(f"recommendations.{rec_id}", "is never given: no answers reach it")
        for pit_id in self.flow.pitfalls:
            if f"pitfalls.{pit_id}" not in self._reached:
                self._problem(f"pitfalls.{pit_id}", "is never raised: no answers reach it")

    # --- derived tables -----------------------------------------------------------------------

    def _check_derived_tables(self) -> None:
        """A table without `otherwise` must give a row for every combination of its inputs."""
        for derived_id, rules in self.flow.rules.items():
            if rules and rules[-1].when is None:
                continue
            cone = self.cones.name_cone(derived_id)
            # Every input counts as asked: totality is about the table, not about a path.
            asking = {name: self._any_node_asking(name) for name in cone.variables}
            if any(node is None for node in asking.values()):
                continue
            domains: dict[str, list[Seen]] = {
                name: list(self.tried.domain(name, node, cone))
                for name, node in asking.items()
                if node
            }
            space = Space(
                sorted(domains, key=lambda n: (len(domains[n]), n)), domains, [], frozenset()
            )

            def judge(
                evaluator: Evaluator, facts_hold: bool, leaf: bool, d: str = derived_id
            ) -> Verdict:
                for rule in self.flow.rules[d]:
                    assert rule.when is not None
                    state = rule.when.evaluate(evaluator.lookup)
                    if state is UNKNOWN:
                        return "more"
                    if state is True:
                        return "prune"
                return "fail"

            try:
                failure = self.search.run(space, judge)
            except TooLarge as error:
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


def _condition_state(condition: Condition, evaluator: Evaluator) -> TriState:
    return condition.evaluate(evaluator.lookup)


def _known_or_not(derived_id: str, evaluator: Evaluator) -> TriState:
    """UNKNOWN while the derived value is undecided, else False (only being known matters)."""
    return UNKNOWN if evaluator.lookup(derived_id) is UNKNOWN else False


def _show(assignment: Mapping[str, Value | Missing]) -> str:
    if not assignment:
        return "whatever the answers"
    return ", ".join(
        f"{name} = {describe_value(value) if not isinstance(value, Missing) else value.value}"
        for name, value in sorted(assignment.items())
    )


def verify(flow: Flow, keep_paths: bool = False) -> Report:
    """Run every check; the report lists all problems found."""
    with paused_collection():
        return Verifier(flow, keep_paths=keep_paths).run()


__all__ = ["ABSENT", "Report", "verify"]
