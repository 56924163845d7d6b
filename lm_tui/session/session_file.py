"""Reading a session export (or autosave) back: for `--resume` and `lm-tui show`.

The file's event log is the truth; it is replayed through the engine against a flow. When the
flow is not the one the session was recorded with (`flow_sha256` differs), the caller is told,
and events that no longer fit are reported instead of guessed around.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import AnswerError, SessionFileError
from lm_tui.flow.limits import MAX_EVENTS, MAX_TEXT_CHARACTERS
from lm_tui.flow.toml_files import UnreadableFile, read_toml
from lm_tui.session.case_label import case_label_of
from lm_tui.session.engine import Event, EventKind, Session

_KINDS = {"answer", "back", "edit", "acknowledge", "note"}
_NEEDS = {"edit": "node", "acknowledge": "pitfall"}
"""The field without which an event cannot be replayed."""


@dataclass
class SessionRecord:
    path: Path
    document: dict[str, Any]
    events: list[Event]

    @property
    def info(self) -> dict[str, Any]:
        info = self.document["session"]
        assert isinstance(info, dict)
        return info

    @property
    def flow_id(self) -> str:
        return str(self.info.get("flow_id", ""))

    @property
    def flow_sha256(self) -> str:
        return str(self.info.get("flow_sha256", ""))


@dataclass
class Restored:
    session: Session
    flow_changed: bool
    problems: list[str] = field(default_factory=list)
    """Recorded events the current flow no longer accepts, in a reader's words."""


def read_session_file(path: Path) -> SessionRecord:
    try:
        _, document = read_toml(path)
    except UnreadableFile as error:
        raise SessionFileError(f"{path}: {error}") from None
    info = document.get("session")
    if not isinstance(info, dict) or "flow_id" not in info or "events" not in document:
        raise SessionFileError(
            f"{path}: not an lm-tui session export, or truncated (it needs a [session] table "
            "with flow_id and the [[events]] log); open the complete exported file"
        )
    raw_events = document["events"]
    if not isinstance(raw_events, list):
        raise SessionFileError(f"{path}: 'events' must be a list of tables")
    if len(raw_events) > MAX_EVENTS:
        raise SessionFileError(
            f"{path}: {len(raw_events):,} events, over the limit of {MAX_EVENTS:,} for one "
            "session; is it the right file?"
        )
    events = [_event(path, index, raw) for index, raw in enumerate(raw_events)]
    for key in ("started_at",):
        if not isinstance(info.get(key), datetime):
            raise SessionFileError(f"{path}: session.{key} is missing or not a date-time")
    return SessionRecord(path, document, events)


def _event(path: Path, index: int, raw: object) -> Event:
    where = f"{path}: events[{index}]"
    if not isinstance(raw, dict):
        raise SessionFileError(f"{where} is not a table")
    kind = raw.get("kind")
    at = raw.get("at")
    if not isinstance(kind, str) or kind not in _KINDS:
        raise SessionFileError(f"{where}.kind = {kind!r} is not one of {', '.join(sorted(_KINDS))}")
    if not isinstance(at, datetime):
        raise SessionFileError(f"{where}.at is missing or not a date-time")
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    node = raw.get("node")
    pitfall = raw.get("pitfall")
    text = raw.get("text")
    for name, value in (("node", node), ("pitfall", pitfall), ("text", text)):
        if value is not None and not isinstance(value, str):
            raise SessionFileError(f"{where}.{name} must be text")
        if isinstance(value, str) and len(value) > MAX_TEXT_CHARACTERS:
            raise SessionFileError(
                f"{where}.{name} is {len(value):,} characters, over the limit of "
                f"{MAX_TEXT_CHARACTERS:,}"
            )
    needed = _NEEDS.get(kind)
    if needed and raw.get(needed) is None:
        raise SessionFileError(f"{where}: a '{kind}' event needs a '{needed}'")
    value = raw.get("value")
    # Values stay raw here; the engine checks them against the flow when they are replayed.
    return Event(cast(EventKind, kind), at, node=node, value=value, pitfall=pitfall, text=text)


def restore(record: SessionRecord, flow: Flow) -> Restored:
    """Replay a recorded session against `flow`; events that no longer fit are reported."""
    if record.flow_id != flow.id:
        raise SessionFileError(
            f"{record.path}: recorded with flow '{record.flow_id}', not '{flow.id}'; "
            "pass the matching --flow"
        )
    info = record.info
    mode = info.get("mode", "clinical")
    interface = info.get("interface", "tui")
    started = info["started_at"]
    if started.tzinfo is None:
        started = started.replace(tzinfo=UTC)
    session = Session(
        flow,
        mode=mode if mode in ("clinical", "teaching") else "clinical",
        interface=interface if interface in ("tui", "plain", "replay") else "tui",
        started_at=started,
    )
    session.case_label = case_label_of(info)
    problems = apply_recorded(session, record.events)
    return Restored(session, record.flow_sha256 != flow.sha256, problems)


def apply_recorded(session: Session, events: list[Event]) -> list[str]:
    """Apply recorded events to `session`; what did not fit, in a reader's words.

    An answer the session filled in itself (a teaching case's locked fact, logged when the walk
    reached it) is not applied again: the fresh session has already filled it. Such fills are
    logged right after the event that led to them, so while an event is replayed the session's
    clock reads the times of the events after it, in order: the facts filled in on the way keep
    the times they were first filled in.
    """
    problems: list[str] = []
    live_clock = session.clock
    try:
        for index, event in enumerate(events):
            upcoming = (events[k].at for k in range(index + 1, len(events)))
            session.clock = recorded_clock(upcoming, event.at)
            if event.kind == "answer" and event.node and _filled_by_session(session, event.node):
                continue
            try:
                session.apply(event)
            except AnswerError as error:
                problems.append(
                    f"{_event_place(index, event)} does not fit the current flow: {error}"
                )
                if event.kind in ("answer", "edit"):
                    # Later events were given in a state the flow no longer reaches; applying
                    # them anyway would be a guess.
                    left = len(events) - index - 1
                    if left:
                        problems.append(
                            f"{left} later event(s) not applied; the session resumes at "
                            f"'{session.current}'"
                        )
                    break
    finally:
        session.clock = live_clock
    return problems


def recorded_clock(times: Iterable[datetime], after: datetime) -> Callable[[], datetime]:
    """A clock for replaying a log: each reading is the next of `times`, then stays at the
    last one (`after` if there are none)."""
    upcoming = iter(times)
    last = [after]

    def clock() -> datetime:
        last[0] = next(upcoming, last[0])
        return last[0]

    return clock


def _filled_by_session(session: Session, node_id: str) -> bool:
    return (
        node_id in session.flow.nodes
        and session.is_locked(node_id)
        and any(step.node == node_id for step in session.path)
    )


def _event_place(index: int, event: Event) -> str:
    at = event.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    target = event.node or event.pitfall
    return f"events[{index}] ({event.kind}{f' at {target!r}' if target else ''}, {at})"
