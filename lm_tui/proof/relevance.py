"""Questions that cannot change the outcome (filled in below)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lm_tui.proof.findings import Finding


def questions_that_cannot_matter(proof: Any) -> Iterator[Finding]:
    return iter(())
