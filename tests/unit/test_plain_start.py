"""Plain mode's start, in-process: the first question comes from the cache when it can, and a
cached first screen that no longer matches the flow is followed by the real one, saying why."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest

from lm_tui.plain import first_screen_cache
from lm_tui.plain.runner import EXIT_INCOMPLETE
from lm_tui.plain.startup import start
from tests.conftest import FIXTURES

HOUSEPLANT = FIXTURES / "flows" / "houseplant.toml"
CHANGED = "\n(The first question changed since it was cached; here it is again.)\n"


def _start(tmp_path: Path) -> tuple[int, str]:
    args = argparse.Namespace(
        flow=HOUSEPLANT,
        export=tmp_path / "out.toml",
        export_dir=None,
        format="toml",
        overwrite=False,
        keep_partial=False,
    )
    out = io.StringIO()
    return start(args, io.StringIO(""), out), out.getvalue()


def test_a_stale_cached_first_screen_is_followed_by_the_real_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LM_TUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("LM_TUI_NO_CACHE", raising=False)
    code, first = _start(tmp_path)
    assert code == EXIT_INCOMPLETE  # input ended at the first question
    assert "How much light does the room get?" in first
    screen = first_screen_cache.lookup(HOUSEPLANT.read_bytes())
    assert screen is not None and first.startswith(screen)

    code, again = _start(tmp_path)
    assert again == first  # from the cache, shown once
    assert CHANGED not in again

    first_screen_cache.store(HOUSEPLANT.read_bytes(), "An old first screen\n")
    _, stale = _start(tmp_path)
    assert stale.startswith("An old first screen\n" + CHANGED + screen)
