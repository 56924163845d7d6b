"""What a reader must be told before trusting a restored session file: a changed flow, events
the flow refuses, and where the file contradicts its own event log.

The event log is the record: `restore` replays it and everything else in the file (`[answers]`,
`[outcome]`, the acknowledgements) is recomputed from it. A file edited by hand, or by another
program, can still say `kps = 90` over a log that answered 70: `lm-tui show` and `--resume`
name each such disagreement, so a reader sees that the file's tables are not what the log says.
"""

from __future__ import annotations

import tomllib
from typing import Any

from lm_tui.session.outcome import outcome_table
from lm_tui.session.session_file import Restored, SessionRecord


def restore_warnings(record: SessionRecord, restored: Restored) -> list[str]:
    """What a reader must be told before trusting a restored session, one line each.

    Shared by `lm-tui show` and `--resume`: a different flow version, the recorded events the
    current flow refuses, and each outcome value the current flow computes differently.
    """
    flow = restored.session.flow
    warnings = []
    if restored.flow_changed:
        recorded_version = record.info.get("flow_version", "?")
        same_label = (
            " (edited without a new version number)" if recorded_version == flow.version else ""
        )
        warnings.append(
            f"{record.path} was recorded with flow '{record.flow_id}' version {recorded_version} "
            f"(sha256 {record.flow_sha256[:12] or '?'}), but the flow now is version "
            f"{flow.version} (sha256 {flow.sha256[:12]}){same_label}; the session is recomputed "
            "with the "
            "current flow"
        )
    warnings += restored.problems
    warnings += disagreements(record, restored)
    recorded = record.document.get("outcome")
    if restored.flow_changed and isinstance(recorded, dict):
        session = restored.session
        if not session.is_complete:
            warnings.append(
                f"the recorded session was complete; with the current flow it stops at "
                f"'{session.current}'"
            )
        else:
            now = outcome_table(session.evaluator)
            for key in sorted(set(recorded) | set(now)):
                if recorded.get(key) != now.get(key):
                    warnings.append(
                        f"outcome.{key} was {_shown(recorded.get(key))}, "
                        f"is now {_shown(now.get(key))}"
                    )
    return warnings


def disagreements(record: SessionRecord, restored: Restored) -> list[str]:
    """One line per table value, acknowledgement, time or note that the log contradicts."""
    from lm_tui.session.document import render_toml, session_document

    session = restored.session
    # Through TOML and back, so both sides hold the same types (a Decimal is a float, etc.).
    recomputed = tomllib.loads(render_toml(session_document(session)).decode("utf-8"))
    found = []
    tables = ["answers"] if restored.flow_changed else ["answers", "outcome"]
    for table in tables:  # with another flow version, outcome changes are reported elsewhere
        written, logged = record.document.get(table), recomputed.get(table)
        if not isinstance(written, dict):
            continue
        logged = logged if isinstance(logged, dict) else {}
        for key in sorted(set(written) | set(logged)):
            if not _same(written.get(key), logged.get(key)):
                found.append(
                    f"{table}.{key} is {_shown(written.get(key))} in the file, but its event "
                    f"log gives {_shown(logged.get(key))} (the log is used)"
                )
    raised = set(session.raised_pitfalls())
    for pitfall in sorted(set(session.acknowledged) - raised):
        found.append(f"the log acknowledges pitfall '{pitfall}', which its answers do not raise")
    for index in range(1, len(record.events)):
        if record.events[index].at < record.events[index - 1].at:
            found.append(
                f"events[{index}] at {record.events[index].at:%Y-%m-%d %H:%M:%S} is earlier "
                f"than events[{index - 1}]: the times run backwards"
            )
    for index, event in enumerate(record.events):
        if event.kind == "note" and event.node is not None and event.node not in session.flow.nodes:
            found.append(f"events[{index}] is a note on '{event.node}', which is not a node")
    return found


def _same(written: Any, logged: Any) -> bool:
    if isinstance(written, int | float) and isinstance(logged, int | float):
        return float(written) == float(logged)
    return bool(written == logged)


def _shown(value: object) -> str:
    return "absent" if value is None else repr(value)
