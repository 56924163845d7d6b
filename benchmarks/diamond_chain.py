"""The diamond chain: k yes/no questions, each with one optional follow-up (2k + 1 nodes, 2^k
paths), the shape of an ordinary clinical form, and the case a per-path proof cannot handle.

`q<i>` asks `v<i>` (yes/no); yes routes to the follow-up `f<i>` (a number 0..10, asking
`n<i>`), no to `q<i+1>`; `f<i>` goes on to `q<i+1>`; the last goes to the outcome `done`. One
recommendation reads `v1`; one pitfall reads `v<k>` and `n<k>`.
"""

from __future__ import annotations

from typing import Any


def diamond_chain(k: int) -> dict[str, Any]:
    nodes: dict[str, Any] = {}
    variables: dict[str, Any] = {}
    for i in range(1, k + 1):
        after = f"q{i + 1}" if i < k else "done"
        variables[f"v{i}"] = {
            "kind": "choice",
            "label": f"Finding {i}",
            "choices": [{"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"}],
        }
        variables[f"n{i}"] = {
            "kind": "number",
            "label": f"Grade {i}",
            "min": 0,
            "max": 10,
            "step": 1,
        }
        nodes[f"q{i}"] = {
            "kind": "choice",
            "variable": f"v{i}",
            "prompt": f"Finding {i}?",
            "routes": [
                {"when": f"v{i} == 'yes'", "to": f"f{i}"},
                {"otherwise": True, "to": after},
            ],
        }
        nodes[f"f{i}"] = {
            "kind": "number",
            "variable": f"n{i}",
            "prompt": f"Grade {i}",
            "next": after,
        }
    nodes["done"] = {"kind": "outcome", "title": "Done"}
    return {
        "flow": {"id": "diamonds", "title": f"Diamond chain of {k}", "version": "1", "start": "q1"},
        "sources": {"s": {"citation": "A source"}},
        "variables": variables,
        "nodes": nodes,
        "recommendations": {
            "first": {
                "title": "First",
                "text": "First found.",
                "when": "v1 == 'yes'",
                "sources": ["s"],
            }
        },
        "pitfalls": {
            "last_high": {
                "title": "Last high",
                "text": "The last grade is high.",
                "when": f"v{k} == 'yes' and n{k} > 5",
                "severity": "warning",
                "sources": ["s"],
            }
        },
    }


def with_planted_gap(k: int) -> dict[str, Any]:
    """The chain with a gap at its last routing node `q<k>` that only answers saying yes to
    every earlier question reach: "no" there then has no route. `yes_so_far_<i>` (derived)
    says v1..v<i> were all yes; each follow-up is asked on that path, so the gap's path is the
    longest one, through every node."""
    flow = diamond_chain(k)
    derived: dict[str, Any] = {}
    for i in range(1, k):
        before = f"yes_so_far_{i - 1} and " if i > 1 else ""
        derived[f"yes_so_far_{i}"] = {
            "label": f"Yes to questions 1 to {i}",
            "values": [True, False],
            "rules": [
                {"when": f"{before}v{i} == 'yes'", "value": True},
                {"otherwise": True, "value": False},
            ],
        }
    flow["derived"] = derived
    flow["nodes"][f"q{k}"]["routes"] = [
        {"when": f"v{k} == 'yes'", "to": f"f{k}"},
        {"when": f"v{k} == 'no' and not yes_so_far_{k - 1}", "to": "done"},
    ]
    return flow
