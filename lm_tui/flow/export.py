"""The session export: one TOML document, written atomically and never over a file silently.

The document holds the whole event log, so `--resume` and `lm-tui show` rebuild the session by
replaying it rather than trusting the summary tables written beside it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from lm_tui import __version__
from lm_tui.flow.engine import Session
from lm_tui.flow.errors import ExportError
from lm_tui.flow.outcome import outcome_table
from lm_tui.flow.values import Value, exportable

EXPORT_FORMAT = 1
"""Bumped when the layout of the export changes incompatibly."""


def session_document(
    session: Session, finished_at: datetime | None = None, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The export as a dict in TOML's types (tomli-w writes it as is)."""
    flow = session.flow
    finished = finished_at or session.clock()
    info: dict[str, Any] = {
        "flow_id": flow.id,
        "flow_title": flow.title,
        "flow_version": flow.version,
        "flow_sha256": flow.sha256,
        "app_version": __version__,
        "export_format": EXPORT_FORMAT,
        "mode": session.mode,
        "interface": session.interface,
        "started_at": session.started_at,
        "finished_at": finished,
        "complete": session.is_complete,
        "current_node": session.current,
        "disclaimer": flow.file.flow.disclaimer,
    }
    if session.case_label:
        info["case_label"] = session.case_label  # optional: older files have none
    document: dict[str, Any] = {
        "session": info,
        "answers": {name: _plain(session, name, value) for name, value in session.answers.items()},
    }
    if session.is_complete:
        document["outcome"] = outcome_table(session.evaluator)
    document["path"] = [
        {
            "node": step.node,
            **({"variable": step.variable} if step.variable else {}),
            **(
                {"value": _plain(session, step.variable, step.value)}
                if step.variable and step.value is not None
                else {}
            ),
            "answered_at": step.answered_at,
        }
        for step in session.path
    ]
    document["raised_pitfalls"] = [
        {
            "id": pit_id,
            "severity": flow.pitfalls[pit_id].severity,
            "title": flow.pitfalls[pit_id].title,
            "acknowledged": pit_id in session.acknowledged,
            **(
                {"acknowledged_at": session.acknowledged[pit_id]}
                if pit_id in session.acknowledged
                else {}
            ),
        }
        for pit_id in session.raised_pitfalls()
    ]
    document["notes"] = [{"node": n.node, "text": n.text, "at": n.at} for n in session.notes]
    document["events"] = [
        {
            "kind": event.kind,
            "at": event.at,
            **({"node": event.node} if event.node else {}),
            **({"value": exportable(event.value)} if event.value is not None else {}),
            **({"pitfall": event.pitfall} if event.pitfall else {}),
            **({"text": event.text} if event.text else {}),
        }
        for event in session.events
    ]
    document["sources"] = {source_id: s.citation for source_id, s in flow.file.sources.items()}
    if extra:
        document.update(extra)
    return document


def _plain(session: Session, variable: str | None, value: Value | None) -> Any:
    """Multi-selects in the flow's order of choices, which is how clinicians read them."""
    if isinstance(value, frozenset) and variable:
        declared = session.flow.variables[variable]
        order = {choice.value: i for i, choice in enumerate(getattr(declared, "choices", []))}
        return sorted(value, key=lambda item: order.get(item, len(order)))
    assert value is not None
    return exportable(value)


def render_toml(document: dict[str, Any]) -> bytes:
    import tomli_w  # deferred: only needed when something is written

    return tomli_w.dumps(document).encode("utf-8")


def write_atomically(path: Path, data: bytes, overwrite: bool = False) -> None:
    """Write `data` to `path` via a temp file in the same folder and a rename.

    The file is readable by its owner only. Without `overwrite`, an existing file is never
    replaced (the final step is a hard link, which fails if the name is taken). Any failure
    leaves no partial file and raises ExportError with a reason a user can act on.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        _check_target(path, folder, overwrite)
    except OSError as error:
        # Even looking at the path can fail (a name too long, a folder we may not enter).
        raise ExportError(f"{path}: {_reason(error)} (nothing was written)") from None
    temp_name = ""
    try:
        # The temp name stays short so a long but valid final name cannot fail here.
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{path.name[:64]}.", suffix=".tmp", dir=folder
        )
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, 0o600)
        if overwrite:
            os.replace(temp_name, path)
        else:
            os.link(temp_name, path)
            os.unlink(temp_name)
        temp_name = ""
    except FileExistsError:
        raise ExportError(
            f"{path}: already exists; choose another name (nothing was written)"
        ) from None
    except OSError as error:
        raise ExportError(f"{path}: {_reason(error)} (nothing was written)") from None
    finally:
        if temp_name:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


def _check_target(path: Path, folder: Path, overwrite: bool) -> None:
    if path.is_dir():
        raise ExportError(f"{path}: is a directory; choose a file name")
    if not folder.exists():
        raise ExportError(f"{path}: folder {folder} does not exist; create it or choose another")
    if not folder.is_dir():
        raise ExportError(f"{path}: {folder} is not a folder; choose another path")
    if not overwrite and path.exists():
        raise ExportError(f"{path}: already exists; choose another name (nothing was written)")


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full; free space or choose another place"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "not allowed to write there; choose a folder you can write to"
    if error.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    return f"could not be written ({error.strerror or error})"


def export_session(
    session: Session,
    path: Path,
    overwrite: bool = False,
    extra: dict[str, Any] | None = None,
    finished_at: datetime | None = None,
) -> dict[str, Any]:
    """Build, render and write the export; returns the document written."""
    document = session_document(session, finished_at=finished_at, extra=extra)
    write_atomically(path, render_toml(document), overwrite=overwrite)
    return document
