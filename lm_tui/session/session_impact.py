"""Which saved sessions would end differently under a new version of a flow.

Each session export is replayed from its event log against the old and the new flow, and the
two `[outcome]` tables are compared key by key. Replay, not the outcome recorded in the file,
is the truth: a file written by an older app version or edited by hand cannot mislead it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import LmTuiError
from lm_tui.session import user_paths
from lm_tui.session.outcome import outcome_table
from lm_tui.session.session_file import SessionRecord, read_session_file, restore

Verdict = Literal["same", "changed", "incomplete", "no_longer_replays", "other_flow", "unreadable"]


@dataclass(frozen=True)
class SessionImpact:
    path: Path
    verdict: Verdict
    differences: tuple[str, ...] = ()
    """For `changed`: one line per outcome key that differs; otherwise the reason."""


@dataclass
class ImpactReport:
    sessions: list[SessionImpact] = field(default_factory=list)

    def with_verdict(self, verdict: Verdict) -> list[SessionImpact]:
        return [s for s in self.sessions if s.verdict == verdict]


def session_files(folder: Path) -> list[Path]:
    """Session exports in a folder (not recursive), sorted by name."""
    return user_paths.files_in(folder, "*.toml")


def assess_sessions(old: Flow, new: Flow, paths: Iterable[Path]) -> ImpactReport:
    report = ImpactReport()
    for path in paths:
        report.sessions.append(_assess(old, new, path))
    return report


def _assess(old: Flow, new: Flow, path: Path) -> SessionImpact:
    try:
        record = read_session_file(path)
    except LmTuiError as error:
        return SessionImpact(path, "unreadable", (str(error),))
    if record.flow_id != old.id:
        return SessionImpact(path, "other_flow", (f"recorded with flow '{record.flow_id}'",))
    before = _outcome(record, old)
    if isinstance(before, str):
        return SessionImpact(path, "incomplete", (f"under the old flow: {before}",))
    after = _outcome(record, new)
    if isinstance(after, str):
        return SessionImpact(path, "no_longer_replays", (after,))
    differences = outcome_differences(before, after)
    return SessionImpact(path, "changed" if differences else "same", tuple(differences))


def _outcome(record: SessionRecord, flow: Flow) -> dict[str, Any] | str:
    """The replayed outcome table, or why there is none."""
    try:
        restored = restore(record, flow)
    except LmTuiError as error:
        return str(error)
    if restored.problems:
        return "; ".join(restored.problems)
    if not restored.session.is_complete:
        return f"not complete (stops at '{restored.session.current}')"
    return outcome_table(restored.session.evaluator)


def outcome_differences(
    before: dict[str, Any], after: dict[str, Any], prefix: str = ""
) -> list[str]:
    """Key by key; lists of ids as added/removed ids, tables recursively."""
    lines = []
    for key in [*before, *(k for k in after if k not in before)]:
        name = f"{prefix}{key}"
        was, now = before.get(key), after.get(key)
        if was == now:
            continue
        if isinstance(was, dict) and isinstance(now, dict):
            lines += outcome_differences(was, now, prefix=f"{name}.")
        elif isinstance(was, list) and isinstance(now, list):
            gained = [v for v in now if v not in was]
            lost = [v for v in was if v not in now]
            parts = [f"+{v}" for v in gained] + [f"-{v}" for v in lost]
            lines.append(f"{name}: {' '.join(parts) if parts else 'reordered'}")
        else:
            lines.append(f"{name}: {_shown(was)} -> {_shown(now)}")
    return lines


def _shown(value: Any) -> str:
    return "(absent)" if value is None else repr(value) if isinstance(value, str) else str(value)
