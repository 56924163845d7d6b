"""Verification results of the bundled flow, remembered by content hash in the user cache dir.

The bundled flow changes only with a release, yet `lm-tui check` without arguments proves it
again each time. Its report is stored under a key made of the flow file's SHA-256 and a hash of
the verifier's own source files, so any change to the flow *or* to the code that proves it
forces a fresh proof. Only the bundled flow is cached (a flow being edited is always proved), and
any trouble with the cache (unwritable folder, a damaged or foreign file) falls back to verifying
as if there were no cache: the cache can make `check` faster, never different.

Location and writing: `lm_tui/cache_files.py` (`$LM_TUI_CACHE_DIR`, else
`$XDG_CACHE_HOME/lm-tui`, else `~/.cache/lm-tui`; `LM_TUI_NO_CACHE=1` turns it off).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from lm_tui.cache_files import cache_dir, store_privately
from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import Problem
from lm_tui.flow.verify import Report, verify

CACHE_FORMAT = 1
"""Bumped when the stored layout changes."""

KEEP_FILES = 8
"""Older stored reports beyond this many are removed."""

_FLOW_CORE = Path(__file__).resolve().parent


def code_fingerprint() -> str:
    """A hash of every source file of the flow core: loader, conditions, verifier, engine."""
    digest = hashlib.sha256()
    for path in sorted(_FLOW_CORE.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _entry(flow: Flow) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256(f"{CACHE_FORMAT}:{flow.sha256}:{code_fingerprint()}".encode()).hexdigest()
    return folder / "verify" / f"{key}.json"


def verify_cached(flow: Flow) -> tuple[Report, bool]:
    """The report for `flow` and whether it came from the cache."""
    try:
        entry = _entry(flow)
    except OSError:
        entry = None
    if entry is None:
        return verify(flow), False
    stored = _read(entry, flow.sha256)
    if stored is not None:
        return stored_report(flow, stored), True
    report = verify(flow)
    _write(entry, flow.sha256, report)
    return report, False


def stored_report(flow: Flow, stored: dict[str, object]) -> Report:
    problems = stored["problems"]
    assert isinstance(problems, list)
    report = Report(flow, problems=[Problem(str(w), str(m)) for w, m in problems])
    report.path_count = int(str(stored["paths"]))
    report.checks = int(str(stored["checks"]))
    return report


def _read(entry: Path, sha256: str) -> dict[str, object] | None:
    try:
        stored = json.loads(entry.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    valid = (
        isinstance(stored, dict)
        and stored.get("format") == CACHE_FORMAT
        and stored.get("flow_sha256") == sha256
        and isinstance(stored.get("problems"), list)
        and all(isinstance(p, list) and len(p) == 2 for p in stored["problems"])
        and isinstance(stored.get("paths"), int)
        and isinstance(stored.get("checks"), int)
    )
    return stored if valid else None


def _write(entry: Path, sha256: str, report: Report) -> None:
    data = {
        "format": CACHE_FORMAT,
        "flow_sha256": sha256,
        "problems": [[p.where, p.message] for p in report.problems],
        "paths": report.path_count,
        "checks": report.checks,
    }
    store_privately(entry, json.dumps(data).encode("utf-8"), keep=KEEP_FILES, pattern="*.json")
