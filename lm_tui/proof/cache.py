"""The proof of the bundled flow, remembered by content hash in the user cache dir.

The bundled flow changes only with a release, yet `lm-tui check` without arguments proves it
again each time. Its report is stored under a key made of the flow file's SHA-256 and a hash of
the flow core's and the proof's own source files (`cache_files.source_fingerprint`), so any
change to the flow *or* to the code that proves it forces a fresh proof. Only the bundled flow is
cached (a flow being edited is always proved), and any trouble with the cache (unwritable
folder, a damaged or foreign file) falls back to proving as if there were no cache: the cache
can make `check` faster, never different.

Location and writing: `lm_tui/cache_files.py` (`$LM_TUI_CACHE_DIR`, else
`$XDG_CACHE_HOME/lm-tui`, else `~/.cache/lm-tui`; `LM_TUI_NO_CACHE=1` turns it off).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from lm_tui.cache_files import cache_dir, source_fingerprint, store_privately
from lm_tui.flow.definition import Flow
from lm_tui.flow.values import Value, to_decimal
from lm_tui.proof.findings import Finding, ProofReport

CACHE_FORMAT = 2
"""Bumped when the stored layout changes."""

KEEP_FILES = 8
"""Older stored reports beyond this many are removed."""

PROVING_SOURCES = ("__init__.py", "flow", "garbage_collection.py", "proof")
"""Every lm-tui module loading and proving a flow imports: the lm_tui package itself, the flow
language, the collector's pause and the proof (tests/proof/test_proof_cache.py fails when the
proof imports a module outside them)."""


def code_fingerprint() -> str:
    """A hash of the source of every module that loads and proves a flow (PROVING_SOURCES)."""
    return source_fingerprint(PROVING_SOURCES)


def _entry(flow: Flow) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256(f"{CACHE_FORMAT}:{flow.sha256}:{code_fingerprint()}".encode()).hexdigest()
    return folder / "proof" / f"{key}.json"


def prove_cached(flow: Flow) -> tuple[ProofReport, bool]:
    """The report for `flow` and whether it came from the cache."""
    try:
        entry = _entry(flow)
    except OSError:
        entry = None
    stored = None if entry is None else _read(entry, flow.sha256)
    if stored is not None:
        return stored_report(flow, stored), True
    # The proof (and its diagram package) is imported only on a miss: a cached check skips it.
    from lm_tui.proof.prove import prove

    report = prove(flow)
    if entry is None:
        return report, False
    _write(entry, flow.sha256, report)
    return report, False


def stored_report(flow: Flow, stored: dict[str, object]) -> ProofReport:
    problems, warnings = stored["problems"], stored["warnings"]
    assert isinstance(problems, list) and isinstance(warnings, list)
    report = ProofReport(
        flow,
        problems=[_finding(entry, flow) for entry in problems],
        warnings=[_finding(entry, flow, warning=True) for entry in warnings],
    )
    report.path_count = int(str(stored["paths"]))
    report.checks = int(str(stored["checks"]))
    return report


def _stored(finding: Finding) -> list[object]:
    answers = {
        name: sorted(value) if isinstance(value, frozenset) else str(value)
        for name, value in finding.answers.items()
    }
    return [finding.where, finding.message, answers, list(finding.path)]


def _finding(entry: list[object], flow: Flow, warning: bool = False) -> Finding:
    where, message, answers, path = entry
    assert isinstance(answers, dict) and isinstance(path, list)
    values: dict[str, Value] = {}
    for name, raw in answers.items():
        if isinstance(raw, list):
            values[name] = frozenset(str(item) for item in raw)
        elif flow.number_variable(name) is not None:
            values[name] = to_decimal(raw)
        else:
            values[name] = str(raw)
    return Finding(str(where), str(message), values, tuple(str(n) for n in path), warning)


def _read(entry: Path, sha256: str) -> dict[str, object] | None:
    try:
        stored = json.loads(entry.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    valid = (
        isinstance(stored, dict)
        and stored.get("format") == CACHE_FORMAT
        and stored.get("flow_sha256") == sha256
        and all(
            isinstance(stored.get(key), list)
            and all(
                isinstance(p, list)
                and len(p) == 4
                and isinstance(p[2], dict)
                and isinstance(p[3], list)
                for p in stored[key]
            )
            for key in ("problems", "warnings")
        )
        and isinstance(stored.get("paths"), int)
        and isinstance(stored.get("checks"), int)
    )
    return stored if valid else None


def _write(entry: Path, sha256: str, report: ProofReport) -> None:
    data = {
        "format": CACHE_FORMAT,
        "flow_sha256": sha256,
        "problems": [_stored(p) for p in report.problems],
        "warnings": [_stored(p) for p in report.warnings],
        "paths": report.path_count,
        "checks": report.checks,
    }
    store_privately(entry, json.dumps(data).encode("utf-8"), keep=KEEP_FILES, pattern="*.json")
