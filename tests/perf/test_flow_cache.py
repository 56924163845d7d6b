"""The loaded bundled flow is cached for a fast start: the same Flow, and never trusted blindly."""

from __future__ import annotations

import pickle
import stat
from functools import partial
from pathlib import Path

import pytest

from lm_tui.cli.replay import replay_session
from lm_tui.flow import flow_cache, loader
from lm_tui.flow.definition import Flow
from lm_tui.flow.flow_cache import load_flow_cached
from lm_tui.flow.loader import build_flow, load_flow
from lm_tui.flow.toml_files import read_toml
from lm_tui.resources import bundled_flow_path
from lm_tui.session.outcome import outcome_table
from tests.conftest import example_files
from tests.source_changes import modules_imported_by, modules_left_out_of


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LM_TUI_CACHE_DIR", str(folder))
    monkeypatch.delenv("LM_TUI_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every time the cache falls back to loading the file, the path is recorded here."""
    calls: list[Path] = []

    def counting_load(path: Path) -> Flow:
        calls.append(path)
        return load_flow(path)

    monkeypatch.setattr(loader, "load_flow", counting_load)
    return calls


def fresh_flow() -> Flow:
    """The bundled flow built from the file, past any cache (loader's or ours)."""
    path = bundled_flow_path()
    _data, content = read_toml(path)
    return build_flow(content, path, load_flow(path).sha256)


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("flow-*.pickle"))


def test_the_second_start_reads_the_cache_and_gets_the_same_flow(
    cache: Path, loads: list[Path]
) -> None:
    first = load_flow_cached(bundled_flow_path())
    second = load_flow_cached(bundled_flow_path())
    assert len(loads) == 1  # the second came from the cache
    assert len(entries(cache)) == 1
    fresh = fresh_flow()
    for flow in (first, second):
        assert flow.path == bundled_flow_path()
        assert flow.sha256 == fresh.sha256
        assert flow.file == fresh.file
        assert flow.symbols == fresh.symbols
        assert flow.routes == fresh.routes  # conditions compare by source and parsed form
        assert flow.rules == fresh.rules
        assert flow.recommendation_conditions == fresh.recommendation_conditions
        assert flow.pitfall_conditions == fresh.pitfall_conditions
        assert flow.sections == fresh.sections


@pytest.mark.parametrize("example", example_files(), ids=lambda path: path.stem)
def test_the_cached_flow_walks_every_example_to_the_same_outcome(
    cache: Path, loads: list[Path], example: Path
) -> None:
    load_flow_cached(bundled_flow_path())
    cached = load_flow_cached(bundled_flow_path())
    assert len(loads) == 1
    walked, _ = replay_session(cached, example)
    expected, _ = replay_session(fresh_flow(), example)
    assert [(s.node, s.variable, s.value) for s in walked.path] == [
        (s.node, s.variable, s.value) for s in expected.path
    ]
    assert outcome_table(walked.evaluator) == outcome_table(expected.evaluator)


def test_the_cache_is_private_to_its_owner(cache: Path) -> None:
    load_flow_cached(bundled_flow_path())
    (entry,) = entries(cache)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_a_damaged_entry_is_ignored_and_replaced(cache: Path, loads: list[Path]) -> None:
    load_flow_cached(bundled_flow_path())
    (entry,) = entries(cache)
    entry.write_bytes(b"\x80\x05not a pickle at all")
    flow = load_flow_cached(bundled_flow_path())
    assert len(loads) == 2 and flow.sha256 == fresh_flow().sha256
    load_flow_cached(bundled_flow_path())
    assert len(loads) == 2  # rewritten and read again


def test_an_entry_holding_another_file_is_not_used(
    cache: Path, loads: list[Path], tmp_path: Path
) -> None:
    changed = tmp_path / "changed.toml"
    changed.write_text(bundled_flow_path().read_text("utf-8").replace("kps < 60", "kps < 50"))
    other = load_flow(changed)
    load_flow_cached(bundled_flow_path())
    (entry,) = entries(cache)
    entry.write_bytes(pickle.dumps(other))  # right name, wrong content
    flow = load_flow_cached(bundled_flow_path())
    assert len(loads) == 2
    assert flow.sha256 == fresh_flow().sha256 != other.sha256


def test_an_entry_others_can_write_is_not_read(cache: Path, loads: list[Path]) -> None:
    load_flow_cached(bundled_flow_path())
    (entry,) = entries(cache)
    entry.chmod(0o666)
    load_flow_cached(bundled_flow_path())
    assert len(loads) == 2


def test_a_new_version_or_changed_core_code_uses_another_entry(
    cache: Path, loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_flow_cached(bundled_flow_path())
    monkeypatch.setattr(flow_cache, "__version__", "999.0")
    load_flow_cached(bundled_flow_path())
    monkeypatch.setattr(flow_cache, "LOAD_SOURCES", ("flow/errors.py",))
    load_flow_cached(bundled_flow_path())
    assert len(loads) == 3
    assert len(entries(cache)) == 3


def test_no_cache_when_turned_off_or_unwritable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loads: list[Path]
) -> None:
    monkeypatch.setenv("LM_TUI_CACHE_DIR", str(tmp_path / "off"))
    monkeypatch.setenv("LM_TUI_NO_CACHE", "1")
    load_flow_cached(bundled_flow_path())
    assert not (tmp_path / "off").exists()
    monkeypatch.delenv("LM_TUI_NO_CACHE")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("LM_TUI_CACHE_DIR", str(blocker))
    flow = load_flow_cached(bundled_flow_path())
    assert flow.sha256 == fresh_flow().sha256
    assert len(loads) == 2


def test_a_change_to_any_module_the_load_imports_changes_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A parser or schema change must never let an older pickled Flow be read."""
    imported = modules_imported_by(
        "from pathlib import Path\n"
        "from lm_tui.flow.loader import load_flow\n"
        "load_flow(Path(sys.argv[1]))\n",
        str(bundled_flow_path()),
    )
    assert {"flow/loader.py", "flow/model.py", "flow/toml_files.py"} <= set(imported)
    key = partial(flow_cache.cache_key, "0" * 64)
    assert modules_left_out_of(key, imported, tmp_path / "lm_tui", monkeypatch) == []
