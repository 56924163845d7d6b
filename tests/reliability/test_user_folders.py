"""The data and cache folders are each system's own (platformdirs on macOS and Windows, the XDG
rule on Linux), and a relative XDG path is ignored for both, as the XDG specification says."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from lm_tui.cache_files import cache_dir
from lm_tui.session.autosave import data_dir
from lm_tui.user_folders import user_folder


def test_linux_follows_xdg_and_ignores_a_relative_path(tmp_path: Path) -> None:
    if sys.platform in ("darwin", "win32"):
        pytest.skip("the XDG rule applies on Linux and other Unix systems only")
    assert user_folder("cache", {"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "lm-tui"
    assert user_folder("cache", {"XDG_CACHE_HOME": "relative"}) == Path.home() / ".cache/lm-tui"
    assert user_folder("cache", {}) == Path.home() / ".cache/lm-tui"
    assert user_folder("data", {"XDG_DATA_HOME": "rel"}) == Path.home() / ".local/share/lm-tui"


def test_the_cache_ignores_a_relative_xdg_cache_home(monkeypatch: pytest.MonkeyPatch) -> None:
    if sys.platform in ("darwin", "win32"):
        pytest.skip("the XDG rule applies on Linux and other Unix systems only")
    monkeypatch.delenv("LM_TUI_CACHE_DIR", raising=False)
    monkeypatch.delenv("LM_TUI_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache_dir() == Path.home() / ".cache" / "lm-tui"


def test_macos_uses_application_support_and_caches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    home = Path.home()
    assert data_dir({}) == home / "Library" / "Application Support" / "lm-tui"
    assert user_folder("cache", {}) == home / "Library" / "Caches" / "lm-tui"


def test_windows_uses_local_app_data_for_data_and_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs.windows

    local = "C:/Users/clinician/AppData/Local"
    folders = {"CSIDL_LOCAL_APPDATA": local, "CSIDL_APPDATA": "C:/Users/clinician/Roaming"}
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", folders.__getitem__)
    monkeypatch.setattr(sys, "platform", "win32")
    assert data_dir({}) == Path(local) / "lm-tui"
    assert user_folder("cache", {}) == Path(local) / "lm-tui" / "Cache"


def test_the_override_still_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert data_dir({"LM_TUI_DATA_DIR": str(tmp_path)}) == tmp_path
