"""A synthetic flow of any size, built like the bundled one, for the verification benchmark.

Shape (and why): a large clinical flow is not one long questionnaire but many sub-pathways a
triage question selects (a tumour type, a complication, a treatment line), each of them a
workup-then-treatment flow like the bundled one. So the synthetic flow is

* a two-level triage: `service` (a choice) routes to one `area_<service>` question per service,
  whose answer routes to one module;
* modules: each a copy of the bundled flow's structure under its own variable names (a diamond
  of detail questions, a multi-select of signs, imaging and CSF questions whose routes read a
  derived stage, a number with thresholds, a borderline branch decided by a rule table, IT
  eligibility checks, a plan multi-select with pitfalls, a work-up and a treatment outcome with
  conditional sections), with about 15 derived rule tables (5 exported), 12 recommendations and
  7 pitfalls whose conditions read derived values, multi-select members and number thresholds.

Every module item is guarded by its module (`<m>_active`, or a derived value that is absent
outside the module), exactly as the bundled flow guards treatment items with `stage`.

What is *not* like the bundled flow, on purpose: the bundled flow rejoins five branches in a
row, so its 23 nodes make 168 paths (7.3 per node). Path-based verification costs time per path,
and path counts multiply with every rejoining branch placed in sequence, so no path-based
verifier is linear in such a shape. A module here rejoins only `rejoins` of those branches
(default 2: the detail diamond and the borderline-branch diamond) and ends the others at outcomes
of their own; the path count then grows linearly with the number of modules, which is what
"near-linear in the size of the flow" can mean for a path-based proof. The module's node count
is kept at 23, as in the bundled flow.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w

MODULE_NODES = 23
"""Nodes per module (the bundled flow's size)."""


TRIAGE_OPTIONS = 8
"""Options per triage question at most (a screen of choices, keys 1-8), so the triage is a tree
whose depth grows with the number of modules and whose questions stay the same size."""


def synthetic_flow(nodes: int, shape: str = "compact") -> dict[str, Any]:
    """A flow with about `nodes` nodes (never fewer than one module plus the triage)."""
    modules = max(1, round(nodes / (MODULE_NODES + 0.3)))
    depth = 1
    while TRIAGE_OPTIONS**depth < modules:
        depth += 1
    flow: dict[str, Any] = {
        "flow": {
            "id": "synthetic",
            "title": f"Synthetic flow with {modules} modules",
            "version": "1.0.0",
            "start": "triage",
            "disclaimer": "Benchmark data, not clinical advice.",
        },
        "sources": {"guideline": {"citation": "A guideline", "year": 2023}},
        "variables": {},
        "derived": {},
        "nodes": {},
        "recommendations": {},
        "pitfalls": {},
    }
    # Module k is reached by the answers digits(k) (base TRIAGE_OPTIONS) to the questions on
    # the way down: triage, triage_3, triage_3_1, ...; each module's entry condition names them.
    paths = [_digits(index, depth) for index in range(modules)]
    _triage(flow, "triage", (), paths)
    for index, digits in enumerate(paths):
        entry = " and ".join(
            f"{_triage_name(digits[:level])} == 'o{digits[level]}'" for level in range(depth)
        )
        _module(flow, f"m{index}", entry, shape)
    return flow


def _digits(index: int, depth: int) -> tuple[int, ...]:
    digits = []
    for _ in range(depth):
        index, digit = divmod(index, TRIAGE_OPTIONS)
        digits.append(digit)
    return tuple(reversed(digits))


def _triage_name(prefix: tuple[int, ...]) -> str:
    return "_".join(["triage", *map(str, prefix)])


def _triage(
    flow: dict[str, Any], name: str, prefix: tuple[int, ...], paths: list[tuple[int, ...]]
) -> None:
    """The triage question at `prefix` and, below it, the rest of the triage tree."""
    level = len(prefix)
    below = sorted({p[level] for p in paths if p[:level] == prefix})
    flow["variables"][name] = _choice([f"o{digit}" for digit in below])
    targets = []
    for digit in below:
        child = (*prefix, digit)
        if level + 1 == len(paths[0]):
            index = paths.index(child)
            targets.append((f"{name} == 'o{digit}'", f"m{index}_kind"))
        else:
            child_name = _triage_name(child)
            targets.append((f"{name} == 'o{digit}'", child_name))
            _triage(flow, child_name, child, paths)
    flow["nodes"][name] = _question("choice", name, _routes(targets))


def write_synthetic_flow(path: Path, nodes: int, shape: str = "compact") -> dict[str, Any]:
    flow = synthetic_flow(nodes, shape)
    path.write_bytes(tomli_w.dumps(flow).encode("utf-8"))
    return flow


def _routes(pairs: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Routes for the pairs, the last one written as `otherwise` (as authors do)."""
    routes: list[dict[str, Any]] = [{"when": when, "to": to} for when, to in pairs[:-1]]
    routes.append({"otherwise": True, "to": pairs[-1][1]})
    return routes


def _choice(values: list[str]) -> dict[str, Any]:
    return {
        "kind": "choice",
        "label": "Choice",
        "choices": [{"value": v, "label": v} for v in values],
    }


def _multi(values: list[str]) -> dict[str, Any]:
    return {
        "kind": "multi",
        "label": "Multi",
        "choices": [{"value": v, "label": v} for v in values],
    }


def _number(low: float, high: float, step: float) -> dict[str, Any]:
    return {"kind": "number", "label": "Number", "min": low, "max": high, "step": step}


def _question(
    kind: str, variable: str, routes: list[dict[str, Any]] | str, options: list[str] | None = None
) -> dict[str, Any]:
    node: dict[str, Any] = {
        "kind": kind,
        "variable": variable,
        "title": variable,
        "prompt": f"Question about {variable}?",
        "sources": ["guideline"],
    }
    if options is not None:
        node["options"] = options
    if isinstance(routes, str):
        node["next"] = routes
    else:
        node["routes"] = routes
    return node


def _table(
    label: str, values: list[Any], rules: list[tuple[str | None, Any]], export: str | None = None
) -> dict[str, Any]:
    table: dict[str, Any] = {"label": label, "values": values, "rules": []}
    for when, value in rules:
        rule: dict[str, Any] = {"otherwise": True} if when is None else {"when": when}
        if value is not None:
            rule["value"] = value
        table["rules"].append(rule)
    if export:
        table["export"] = export
    return table


def _info(next_node: str) -> dict[str, Any]:
    return {
        "kind": "info",
        "title": "Summary",
        "prompt": "What the answers so far mean.",
        "next": next_node,
    }


def _module(flow: dict[str, Any], m: str, entry: str, shape: str) -> None:
    """One module: the bundled flow's structure under the prefix `m`."""
    v, d, n = flow["variables"], flow["derived"], flow["nodes"]
    recs, pits = flow["recommendations"], flow["pitfalls"]
    v[f"{m}_kind"] = _choice(["a", "b", "c", "d"])
    v[f"{m}_detail"] = _choice(["x", "y", "z", "none"])
    v[f"{m}_signs"] = _multi(["s1", "s2", "s3", "s4", "s5"])
    v[f"{m}_icp"] = _choice(["yes", "no"])
    v[f"{m}_imaging"] = _choice(["linear", "nodular", "both", "normal", "not_done"])
    v[f"{m}_lab"] = _choice(["positive", "equivocal", "negative", "not_done"])
    v[f"{m}_samples"] = _number(1, 10, 1)
    v[f"{m}_suspicion"] = _choice(["high", "low"])
    v[f"{m}_score"] = _number(0, 100, 10)
    v[f"{m}_control"] = _choice(["controlled", "uncontrolled"])
    v[f"{m}_short"] = _choice(["yes", "no"])
    v[f"{m}_choice"] = _choice(["good", "poor"])
    v[f"{m}_focal"] = _choice(["yes", "no"])
    v[f"{m}_flow"] = _choice(["free", "blocked", "unknown"])
    v[f"{m}_restored"] = _choice(["yes", "no"])
    v[f"{m}_access"] = _choice(["yes", "no"])
    v[f"{m}_age"] = _number(0, 120, 0.1)
    v[f"{m}_plan"] = _multi(["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"])
    v[f"{m}_form"] = _choice(["pf", "preserved"])

    d[f"{m}_active"] = _table("In this module", [True, False], [(entry, True), (None, False)])
    d[f"{m}_signs_present"] = _table(
        "Signs", [True, False], [(f"len({m}_signs) > 0", True), (None, False)]
    )
    d[f"{m}_certainty"] = _table(
        "Certainty",
        ["confirmed", "probable", "possible", "lack"],
        [
            (f"not {m}_active", None),
            (f"{m}_imaging == 'not_done'", None),
            (f"{m}_lab == 'positive'", "confirmed"),
            (f"{m}_imaging in ['linear', 'nodular', 'both'] and {m}_signs_present", "probable"),
            (f"{m}_imaging in ['linear', 'nodular', 'both']", "possible"),
            (None, "lack"),
        ],
        export=f"{m}_certainty",
    )
    d[f"{m}_stage"] = _table(
        "Stage",
        ["workup", "treatment"],
        [
            (f"not {m}_active", None),
            (f"{m}_imaging == 'not_done'", "workup"),
            (f"{m}_certainty in ['confirmed', 'probable']", "treatment"),
            (None, "workup"),
        ],
        export=f"{m}_stage",
    )
    d[f"{m}_repeat_lp"] = _table(
        "Repeat LP",
        [True, False],
        [
            (
                f"{m}_lab in ['negative', 'equivocal'] and {m}_samples == 1"
                f" and {m}_suspicion == 'high'",
                True,
            ),
            (f"{m}_lab in ['negative', 'equivocal'] and {m}_certainty == 'possible'", True),
            (None, False),
        ],
    )
    d[f"{m}_branch_by_rule"] = _table(
        "Branch by rule",
        ["good", "poor", "borderline"],
        [
            (f"{m}_stage != 'treatment'", None),
            (f"{m}_short == 'yes' or {m}_score < 60", "poor"),
            (f"{m}_score > 70 and {m}_control == 'controlled'", "good"),
            (None, "borderline"),
        ],
    )
    d[f"{m}_branch"] = _table(
        "Branch",
        ["good", "poor"],
        [
            (f"{m}_stage != 'treatment'", None),
            (f"{m}_branch_by_rule == 'borderline' and {m}_choice == 'good'", "good"),
            (f"{m}_branch_by_rule == 'borderline' and {m}_choice == 'poor'", "poor"),
            (f"{m}_branch_by_rule == 'good'", "good"),
            (None, "poor"),
        ],
        export=f"{m}_branch",
    )
    d[f"{m}_ok_nodular"] = _table(
        "No nodules",
        ["met", "not_met"],
        [
            (f"{m}_stage != 'treatment' or {m}_branch == 'poor'", None),
            (f"{m}_imaging in ['nodular', 'both']", "not_met"),
            (None, "met"),
        ],
    )
    d[f"{m}_ok_flow"] = _table(
        "Flow",
        ["met", "not_met", "unknown"],
        [
            (f"{m}_stage != 'treatment' or {m}_branch == 'poor'", None),
            (f"{m}_flow == 'free'", "met"),
            (f"{m}_flow == 'blocked' and {m}_restored == 'yes'", "met"),
            (f"{m}_flow == 'blocked'", "not_met"),
            (None, "unknown"),
        ],
    )
    d[f"{m}_eligible"] = _table(
        "Eligible",
        [True, False],
        [
            (f"{m}_stage != 'treatment'", None),
            (f"{m}_branch == 'good' and {m}_ok_nodular == 'met' and {m}_ok_flow == 'met'", True),
            (None, False),
        ],
        export=f"{m}_eligible",
    )
    d[f"{m}_dose"] = _table(
        "Dose",
        [6, 8, 10, 12, 15],
        [
            (f"{m}_stage != 'treatment'", None),
            (f"not {m}_eligible", None),
            (f"{m}_age < 1", 6),
            (f"{m}_age < 2", 8),
            (f"{m}_age < 3", 10),
            (f"{m}_age < 18", 12),
            (None, 15),
        ],
        export=f"{m}_dose",
    )
    d[f"{m}_agent"] = _table(
        "IT agent planned",
        [True, False],
        [
            (f"{m}_stage != 'treatment'", None),
            (f"'t4' in {m}_plan or 't5' in {m}_plan or 't6' in {m}_plan", True),
            (None, False),
        ],
    )
    d[f"{m}_mtx"] = _table(
        "MTX planned",
        [True, False],
        [
            (f"{m}_stage != 'treatment'", None),
            (f"'t3' in {m}_plan or 't4' in {m}_plan", True),
            (None, False),
        ],
    )

    # Nodes: the bundled flow's questions in its order. `bundled` keeps all of its rejoining
    # branches; `compact` asks the detail question of every kind (no kind diamond), always asks
    # the formulation (no plan diamond) and adds two information screens to keep 23 nodes.
    workup, treat = f"{m}_workup_outcome", f"{m}_treatment_outcome"
    if shape == "bundled":
        n[f"{m}_kind"] = _question(
            "choice",
            f"{m}_kind",
            _routes(
                [
                    (f"{m}_kind == 'a'", f"{m}_detail_a"),
                    (f"{m}_kind == 'b'", f"{m}_detail_b"),
                    ("", f"{m}_signs"),
                ]
            ),
        )
        n[f"{m}_detail_a"] = _question("choice", f"{m}_detail", f"{m}_signs", options=["x", "none"])
        n[f"{m}_detail_b"] = _question(
            "choice", f"{m}_detail", f"{m}_signs", options=["y", "z", "none"]
        )
    else:
        n[f"{m}_kind"] = _question("choice", f"{m}_kind", f"{m}_detail")
        n[f"{m}_detail"] = _question("choice", f"{m}_detail", f"{m}_signs")
    n[f"{m}_signs"] = _question("multi", f"{m}_signs", f"{m}_icp")
    n[f"{m}_icp"] = _question("choice", f"{m}_icp", f"{m}_imaging")
    if shape == "bundled":
        n[f"{m}_imaging"] = _question("choice", f"{m}_imaging", f"{m}_lab")
    else:
        n[f"{m}_imaging"] = _question("choice", f"{m}_imaging", f"{m}_lab_intro")
        n[f"{m}_lab_intro"] = _info(f"{m}_lab")
    n[f"{m}_lab"] = _question(
        "choice",
        f"{m}_lab",
        _routes(
            [
                (f"{m}_lab in ['negative', 'equivocal']", f"{m}_samples"),
                (f"{m}_lab in ['positive', 'not_done'] and {m}_stage == 'workup'", workup),
                ("", f"{m}_score"),
            ]
        ),
    )
    n[f"{m}_samples"] = _question("number", f"{m}_samples", f"{m}_suspicion")
    n[f"{m}_suspicion"] = _question(
        "choice",
        f"{m}_suspicion",
        _routes([(f"{m}_stage == 'workup'", workup), ("", f"{m}_score")]),
    )
    n[f"{m}_score"] = _question("number", f"{m}_score", f"{m}_control")
    n[f"{m}_control"] = _question("choice", f"{m}_control", f"{m}_short")
    n[f"{m}_short"] = _question(
        "choice",
        f"{m}_short",
        _routes([(f"{m}_branch_by_rule == 'borderline'", f"{m}_choice"), ("", f"{m}_focal")]),
    )
    n[f"{m}_choice"] = _question("choice", f"{m}_choice", f"{m}_focal")
    n[f"{m}_choice"]["allow_note"] = True
    plan = f"{m}_plan" if shape == "bundled" else f"{m}_plan_intro"
    n[f"{m}_focal"] = _question(
        "choice", f"{m}_focal", _routes([(f"{m}_branch == 'good'", f"{m}_flow"), ("", plan)])
    )
    n[f"{m}_flow"] = _question(
        "choice",
        f"{m}_flow",
        _routes([(f"{m}_flow == 'blocked'", f"{m}_restored"), ("", f"{m}_access")]),
    )
    n[f"{m}_restored"] = _question("choice", f"{m}_restored", f"{m}_access")
    n[f"{m}_access"] = _question(
        "choice", f"{m}_access", _routes([(f"{m}_eligible", f"{m}_age"), ("", plan)])
    )
    n[f"{m}_age"] = _question("number", f"{m}_age", plan)
    if shape == "bundled":
        n[f"{m}_plan"] = _question(
            "multi", f"{m}_plan", _routes([(f"{m}_mtx", f"{m}_form"), ("", treat)])
        )
    else:
        n[f"{m}_plan_intro"] = _info(f"{m}_plan")
        n[f"{m}_plan"] = _question("multi", f"{m}_plan", f"{m}_form")
    n[f"{m}_form"] = _question("choice", f"{m}_form", treat)
    for node_id in (workup, treat):
        n[node_id] = {
            "kind": "outcome",
            "title": "Outcome",
            "prompt": "The plan.",
            "sources": ["guideline"],
            "sections": [{"title": "Always", "text": "General advice.", "sources": ["guideline"]}],
        }
    n[treat]["sections"] += [
        {"title": "Kind a", "text": "For a.", "when": f"{m}_kind == 'a'"},
        {
            "title": "Blocked",
            "text": "Flow.",
            "when": f"{m}_branch == 'good' and {m}_flow == 'blocked'",
        },
    ]

    treatment = f"{m}_stage == 'treatment'"
    good = f"{treatment} and {m}_branch == 'good'"
    for rec_id, when in {
        "imaging": f"{m}_active and {m}_imaging == 'not_done'",
        "lab": f"{m}_active and {m}_lab == 'not_done'",
        "repeat": f"{m}_active and {m}_repeat_lp",
        "systemic": good,
        "detail_x": f"{good} and {m}_kind == 'a' and {m}_detail == 'x'",
        "detail_y": f"{good} and {m}_kind == 'b' and {m}_detail == 'y'",
        "focal_rt": f"{good} and ({m}_focal == 'yes' or {m}_imaging in ['nodular', 'both'])",
        "it": f"{treatment} and {m}_eligible",
        "dose": f"{treatment} and {m}_eligible and {m}_age < 18",
        "flow_study": f"{good} and {m}_flow == 'unknown' and {m}_ok_nodular == 'met'",
        "supportive": f"{treatment} and {m}_branch == 'poor'",
        "mdt": f"{treatment} and {m}_branch_by_rule == 'borderline'",
    }.items():
        recs[f"{m}_{rec_id}"] = {
            "title": rec_id,
            "text": f"Do {rec_id} ({{{m}_dose}} mg).",
            "when": when,
            "sources": ["guideline"],
        }
    for pit_id, when in {
        "single_negative": f"{m}_active and {m}_lab in ['negative', 'equivocal'] and "
        f"{m}_samples == 1 and {m}_suspicion == 'high'",
        "blocked": f"{good} and {m}_agent and {m}_flow == 'blocked' and {m}_restored == 'no'",
        "nodular": f"{treatment} and {m}_agent and {m}_imaging in ['nodular', 'both']",
        "csi_mtx": f"{treatment} and 't7' in {m}_plan and {m}_mtx",
        "preserved": f"{treatment} and {m}_mtx and {m}_form == 'preserved'",
        "poor_aggressive": (
            f"{treatment} and {m}_branch == 'poor' and ({m}_agent or 't2' in {m}_plan)"
        ),
        "lp_icp": f"{m}_active and {m}_icp == 'yes' and {m}_lab == 'not_done'",
    }.items():
        pits[f"{m}_{pit_id}"] = {
            "title": pit_id,
            "text": "Careful.",
            "when": when,
            "severity": "critical",
            "sources": ["guideline"],
        }
