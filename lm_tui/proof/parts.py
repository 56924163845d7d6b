"""What the later checks read of a proof under way: the parts worked out before them.

A protocol rather than the Proof class itself, so that a check module (relevance.py) depends
on these parts and not on prove.py, which imports it: no import cycle inside the package.
"""

from __future__ import annotations

from typing import Protocol

from lm_tui.flow.definition import Flow
from lm_tui.flow.expressions import Condition
from lm_tui.proof.encoding import BDD, Encoding
from lm_tui.proof.examples import Examples
from lm_tui.proof.findings import ProofReport
from lm_tui.proof.layout import Layout, Reads
from lm_tui.proof.meanings import Meanings
from lm_tui.proof.reach import Reach
from lm_tui.proof.settling import Settling


class ProofParts(Protocol):
    flow: Flow
    report: ProofReport
    reads: Reads
    layout: Layout
    bdd: BDD
    encoding: Encoding
    meanings: Meanings
    reach: Reach
    examples: Examples
    settling: Settling
    outcome_items: list[tuple[str, str, Condition]]
    """(item id, where, condition) of every recommendation and pitfall, as the outcome checks
    numbered them."""
    exports: list[str]
    """The exported derived values, numbered after the items."""
