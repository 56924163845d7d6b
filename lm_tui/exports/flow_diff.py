"""What changed between two versions of a flow, for a clinical reviewer to sign off.

The comparison is of the validated files (as records, records.py), table by table and field
by field, so layout, comments and key order never show up as changes, while every changed word of a
prompt, every changed route or rule row and every changed citation does. Lists of records
(routes, rule rows, choices, sections, panels) are compared row by row with their rows written
out as one line each, the way a reviewer reads a rule table, numbered from 1 (`#7` = the
seventh row) so a reviewer can find them in the file.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lm_tui.flow.definition import Flow
from lm_tui.flow.record_base import as_plain

TABLES: tuple[tuple[str, str], ...] = (
    ("sources", "source"),
    ("variables", "variable"),
    ("derived", "derived value"),
    ("nodes", "node"),
    ("recommendations", "recommendation"),
    ("pitfalls", "pitfall"),
)
"""The flow's tables in the order a reviewer reads them, with a singular for messages."""


@dataclass(frozen=True)
class Change:
    table: str
    """`flow`, `sources`, `variables`, `derived`, `nodes`, `recommendations` or `pitfalls`."""
    item: str
    """The id within the table (empty for `flow` metadata)."""
    kind: str
    """`added`, `removed` or `changed`."""
    field: str = ""
    """The changed field (`prompt`, `routes`, `rules` ...); empty for added/removed."""
    details: tuple[str, ...] = ()
    """Lines saying what changed, ready to print."""


@dataclass
class FlowDiff:
    old: Flow
    new: Flow
    changes: list[Change] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not self.changes


def diff_flows(old: Flow, new: Flow) -> FlowDiff:
    result = FlowDiff(old, new)
    result.changes += _record_changes("flow", "", old.file.flow, new.file.flow)
    for table, _ in TABLES:
        result.changes += _table_changes(table, getattr(old.file, table), getattr(new.file, table))
    return result


def _table_changes(table: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    changes = []
    for item in old:
        if item not in new:
            changes.append(Change(table, item, "removed", details=(_describe(old[item]),)))
    for item in new:
        if item not in old:
            changes.append(Change(table, item, "added", details=(_describe(new[item]),)))
        else:
            changes += _record_changes(table, item, old[item], new[item])
    return changes


def _record_changes(table: str, item: str, old: Any, new: Any) -> list[Change]:
    before = as_plain(old)
    after = as_plain(new)
    changes = []
    for name in [*before, *(k for k in after if k not in before)]:
        was, now = before.get(name), after.get(name)
        if was == now:
            continue
        changes.append(Change(table, item, "changed", name, _field_details(was, now)))
    return changes


def _field_details(was: Any, now: Any) -> tuple[str, ...]:
    if isinstance(was, list) and isinstance(now, list) and (was or now):
        return _list_details([_row(v) for v in was], [_row(v) for v in now])
    return (f"was: {_value(was)}", f"now: {_value(now)}")


def _list_details(was: Sequence[str], now: Sequence[str]) -> tuple[str, ...]:
    lines = []
    matcher = difflib.SequenceMatcher(a=was, b=now, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        lines += [f"- #{a0 + i + 1} {row}" for i, row in enumerate(was[a0:a1])]
        lines += [f"+ #{b0 + i + 1} {row}" for i, row in enumerate(now[b0:b1])]
    return tuple(lines)


def _row(value: Any) -> str:
    """One record of a list as one line: `when kps > 70 -> good`, `breast: Breast cancer`."""
    if not isinstance(value, dict):
        return _value(value)
    if "to" in value:  # a route
        cycle = " (cycle)" if value.get("cycle") else ""
        return f"{_condition(value)} -> {value['to']}{cycle}"
    if "otherwise" in value:  # a rule row
        result = "not applicable" if value.get("value") is None else _value(value["value"])
        return f"{_condition(value)} -> {result}"
    if "citation" not in value and set(value) >= {"value", "label"}:  # a choice
        help_text = f" (help: {value['help']})" if value.get("help") else ""
        return f"{value['value']}: {value['label']}{help_text}"
    return ", ".join(f"{k} = {_value(v)}" for k, v in value.items() if v not in (None, "", []))


def _condition(value: Mapping[str, Any]) -> str:
    return "otherwise" if value.get("otherwise") else f"when {value.get('when')}"


def _value(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return repr(" ".join(value.split())) if value.strip() else "(empty)"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return str(value).lower() if isinstance(value, bool) else str(value)


def _describe(record: Any) -> str:
    """A one-line identity for an added or removed record."""
    data = as_plain(record)
    parts = []
    for key in ("kind", "variable", "title", "label", "citation", "severity", "when"):
        if data.get(key) not in (None, "", []):
            parts.append(f"{key} {_value(data[key])}")
    return "; ".join(parts) if parts else "(empty)"


# --- reading it ---------------------------------------------------------------------------------


def report_lines(diff: FlowDiff) -> list[str]:
    """The diff as a reviewer reads it: what, where, was/now, grouped by table."""
    old, new = diff.old, diff.new
    lines = [
        f"Flow '{old.id}' {old.version} -> '{new.id}' {new.version}",
        f"  old: {old.path}  sha256 {old.sha256}",
        f"  new: {new.path}  sha256 {new.sha256}",
    ]
    if diff.identical:
        lines += ["", "No changes in content (the files may differ in layout or comments only)."]
        return lines
    if old.version == new.version:
        lines += [
            "",
            "NOTE: the content changed but [flow].version did not; bump it before release.",
        ]
    names = dict([("flow", "metadata"), *TABLES])
    for table in ["flow", *(t for t, _ in TABLES)]:
        changes = [c for c in diff.changes if c.table == table]
        if not changes:
            continue
        heading = (
            "Flow metadata ([flow])" if table == "flow" else f"{table.capitalize()} ([{table}])"
        )
        lines += ["", f"{heading}: {len(changes)} change(s)"]
        for change in changes:
            what = names[table]
            if change.kind in ("added", "removed"):
                sign = "+" if change.kind == "added" else "-"
                lines.append(f"  {sign} {change.kind} {what} '{change.item}': {change.details[0]}")
                continue
            where = f"{what} '{change.item}'" if change.item else what
            lines.append(f"  ~ {where}: {change.field}")
            lines += [f"      {detail}" for detail in change.details]
    counts = {
        kind: sum(1 for c in diff.changes if c.kind == kind)
        for kind in ("added", "removed", "changed")
    }
    lines += [
        "",
        f"{len(diff.changes)} change(s): {counts['added']} added, {counts['removed']} removed, "
        f"{counts['changed']} field(s) changed.",
    ]
    return lines
