"""The bundled flow's proof is remembered by content hash, and never trusted blindly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lm_tui.flow.loader import load_flow
from lm_tui.proof.cache import code_fingerprint, prove_cached
from lm_tui.proof.prove import prove
from lm_tui.resources import bundled_flow_path
from tests.source_changes import modules_imported_by, modules_left_out_of


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LM_TUI_CACHE_DIR", str(folder))
    return folder


def test_the_second_check_comes_from_the_cache_with_the_same_report(cache: Path) -> None:
    flow = load_flow(bundled_flow_path())
    first, cached_first = prove_cached(flow)
    second, cached_second = prove_cached(flow)
    assert (cached_first, cached_second) == (False, True)
    fresh = prove(flow)
    for report in (first, second):
        assert (report.ok, report.path_count, report.checks) == (
            fresh.ok,
            fresh.path_count,
            fresh.checks,
        )


def test_a_damaged_cache_entry_is_ignored_and_the_flow_proved_again(cache: Path) -> None:
    flow = load_flow(bundled_flow_path())
    prove_cached(flow)
    (entry,) = (cache / "proof").glob("*.json")
    entry.write_text(json.dumps({"format": 2, "flow_sha256": flow.sha256, "problems": "x"}))
    report, from_cache = prove_cached(flow)
    assert not from_cache
    assert report.ok


def test_a_changed_flow_file_is_not_answered_from_the_cache(cache: Path, tmp_path: Path) -> None:
    original = bundled_flow_path().read_text("utf-8")
    changed = tmp_path / "changed.toml"
    changed.write_text(original.replace("kps < 60", "kps < 50"), encoding="utf-8")
    prove_cached(load_flow(bundled_flow_path()))
    _, from_cache = prove_cached(load_flow(changed))
    assert not from_cache


def test_an_unwritable_cache_folder_still_gives_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("LM_TUI_CACHE_DIR", str(blocker))
    report, from_cache = prove_cached(load_flow(bundled_flow_path()))
    assert report.ok and not from_cache


def test_the_app_never_imports_the_proof_and_a_cached_check_skips_it(cache: Path) -> None:
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "import lm_tui.cli\n"
        "lm_tui.cli.build_parser(('run',))\n"
        "print(sorted(m for m in sys.modules if m == 'dd' or m.startswith('lm_tui.proof')))\n"
        "lm_tui.cli.main(['check'])\n"
        "print('dd' in sys.modules)\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
        ).stdout.splitlines()
        for _ in range(2)
    ]
    assert runs[0][0] == runs[1][0] == "[]"
    check_lines = [line for line in runs[1] if line in ("True", "False")]
    assert check_lines == ["False"], runs  # the second check comes from the cache


def test_a_change_to_any_module_the_proof_imports_changes_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change to the prover must never let a report made by older code be read."""
    imported = modules_imported_by(
        "from pathlib import Path\n"
        "from lm_tui.flow.loader import load_flow\n"
        "from lm_tui.proof.prove import prove\n"
        "prove(load_flow(Path(sys.argv[1])))\n",
        str(bundled_flow_path()),
    )
    assert {"flow/expressions.py", "proof/prove.py", "proof/meanings.py"} <= set(imported)
    assert modules_left_out_of(code_fingerprint, imported, tmp_path / "lm_tui", monkeypatch) == []
