"""The garbage collector's policies live in one module (lm_tui/garbage_collection.py): no other
module of the package touches `gc`, and each policy leaves the collector as it promises."""

from __future__ import annotations

import ast
import gc
from pathlib import Path

import lm_tui
from lm_tui.garbage_collection import (
    hold_for_key_press,
    is_paused,
    paused_for_start_up,
    release_key_press_hold,
    resume_after_first_paint,
)

PACKAGE = Path(lm_tui.__file__).parent


def _imports_gc(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import) and any(alias.name == "gc" for alias in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and node.module == "gc":
            return True
    return False


def test_only_the_policy_module_imports_gc() -> None:
    importers = sorted(
        str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py") if _imports_gc(path)
    )
    assert importers == ["garbage_collection.py"]


def test_the_start_up_pause_is_lifted_by_the_first_paint_or_at_its_end() -> None:
    with paused_for_start_up():
        assert is_paused()
        resume_after_first_paint()
        assert not is_paused()
    assert gc.isenabled()
    with paused_for_start_up():
        assert is_paused()
    assert gc.isenabled()


def test_the_start_up_pause_keeps_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with paused_for_start_up():
            pass
        assert is_paused()
    finally:
        gc.enable()


def test_a_key_press_hold_pauses_only_a_running_collector() -> None:
    assert hold_for_key_press()
    try:
        assert is_paused()
        assert not hold_for_key_press()  # already paused: this hold takes nothing
    finally:
        release_key_press_hold()
    assert gc.isenabled()
