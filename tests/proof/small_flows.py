"""Small random flows for the brute-force reference: three questions in walking order (a
choice, a number, a multi-select), one to three routes each (only forward, so never a cycle),
random conditions over them and, half the time, a derived value; one recommendation."""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

QUESTIONS = ("ask_colour", "ask_count", "ask_extras")
"""Question nodes in walking order; routes only go forward, so there is never a cycle."""
OUTCOMES = ("end_one", "end_two")
ASKS = {"ask_colour": "colour", "ask_count": "count", "ask_extras": "extras"}

COLOURS = ("red", "green", "blue")
COUNTS = tuple(Decimal(n) for n in range(5))
EXTRAS = tuple(frozenset(c) for r in range(3) for c in itertools.combinations(("ice", "lid"), r))


def atoms(with_derived: bool) -> st.SearchStrategy[str]:
    orders = st.sampled_from(["<", "<=", ">", ">=", "=="])
    thresholds = st.sampled_from(["0", "2", "4", "1.5"])  # 1.5 is between grid points
    choices = [
        st.sampled_from(COLOURS).map(lambda c: f"colour == '{c}'"),
        st.sampled_from(COLOURS).map(lambda c: f"colour != '{c}'"),
        st.just("colour in ['red', 'green']"),
        st.tuples(orders, thresholds).map(lambda t: f"count {t[0]} {t[1]}"),
        st.sampled_from(
            [
                "'ice' in extras",
                "'lid' not in extras",
                "len(extras) > 0",
                "len(extras) == 2",
                "len(extras) < 1",
            ]
        ),
    ]
    if with_derived:
        choices.append(st.sampled_from(["size == 'small'", "size != 'large'", "size == 'large'"]))
    return st.one_of(choices)


def conditions(with_derived: bool) -> st.SearchStrategy[str]:
    return st.recursive(
        atoms(with_derived),
        lambda inner: st.one_of(
            st.tuples(inner, inner).map(lambda t: f"({t[0]} and {t[1]})"),
            st.tuples(inner, inner).map(lambda t: f"({t[0]} or {t[1]})"),
            inner.map(lambda c: f"not {c}"),
        ),
        max_leaves=3,
    )


@st.composite
def small_flows(draw: st.DrawFn) -> dict[str, Any]:
    with_derived = draw(st.booleans())
    nodes: dict[str, Any] = {}
    for index, node_id in enumerate(QUESTIONS):
        later = list(QUESTIONS[index + 1 :]) + list(OUTCOMES)
        count = draw(st.integers(1, 3))
        routes = []
        for number in range(count):
            target = draw(st.sampled_from(later))
            if number == count - 1 and draw(st.booleans()):
                routes.append({"otherwise": True, "to": target})
            else:
                routes.append({"when": draw(conditions(with_derived)), "to": target})
        kind = {"ask_colour": "choice", "ask_count": "number", "ask_extras": "multi"}[node_id]
        nodes[node_id] = {"kind": kind, "variable": ASKS[node_id], "routes": routes}
    for node_id in OUTCOMES:
        nodes[node_id] = {"kind": "outcome"}
    content: dict[str, Any] = {
        "flow": {"id": "oracle", "title": "Oracle", "version": "1", "start": QUESTIONS[0]},
        "sources": {"s": {"citation": "S"}},
        "variables": {
            "colour": {
                "kind": "choice",
                "label": "Colour",
                "choices": [{"value": c, "label": c} for c in COLOURS],
            },
            "count": {"kind": "number", "label": "Count", "min": 0, "max": 4, "step": 1},
            "extras": {
                "kind": "multi",
                "label": "Extras",
                "choices": [{"value": "ice", "label": "Ice"}, {"value": "lid", "label": "Lid"}],
            },
        },
        "nodes": nodes,
        "recommendations": {
            "tip": {
                "title": "Tip",
                "text": "A tip.",
                "when": draw(conditions(with_derived)),
                "sources": ["s"],
            }
        },
    }
    if with_derived:
        rules = [
            {"when": draw(conditions(False)), "value": draw(st.sampled_from(["small", "large"]))}
            for _ in range(draw(st.integers(1, 2)))
        ]
        if draw(st.booleans()):
            rules.append({"otherwise": True, "value": "small"})
        content["derived"] = {
            "size": {"label": "Size", "values": ["small", "large"], "rules": rules}
        }
    return content
