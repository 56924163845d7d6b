"""The `[outcome]` of a session as the clinical contract's export keys, built from the flow.

Which derived values appear, and under which keys, is declared in the flow (`export = "..."`);
values that do not apply are left out rather than written as a placeholder.
"""

from __future__ import annotations

from typing import Any

from lm_tui.flow.evaluation import Evaluator
from lm_tui.flow.values import Missing, exportable


def outcome_table(evaluator: Evaluator) -> dict[str, Any]:
    """Exported derived values, then `recommendations` and `pitfalls` (lists of ids)."""
    table: dict[str, Any] = {}
    for derived_id, derived in evaluator.flow.derived.items():
        if not derived.export:
            continue
        value = evaluator.derived(derived_id)
        if isinstance(value, Missing):
            continue
        head, _, tail = derived.export.partition(".")
        if tail:
            table.setdefault(head, {})[tail] = exportable(value)
        else:
            table[head] = exportable(value)
    # Sub-tables go last so TOML writes plain keys first and `[outcome.x]` tables after them.
    plain = {key: value for key, value in table.items() if not isinstance(value, dict)}
    nested = {key: value for key, value in table.items() if isinstance(value, dict)}
    plain["recommendations"] = evaluator.recommendations()
    plain["pitfalls"] = evaluator.pitfalls()
    return {**plain, **nested}
