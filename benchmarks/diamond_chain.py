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
