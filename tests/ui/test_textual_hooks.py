"""Textual's private names are used in one module (lm_tui/ui/textual_hooks.py), and each of them
still exists in the installed Textual, the release pyproject.toml pins."""

from __future__ import annotations

import ast
import importlib.metadata
import tomllib
from pathlib import Path

from textual.app import App
from textual.screen import Screen
from textual.widgets import Footer, RadioSet

import lm_tui
from lm_tui.ui import textual_hooks
from lm_tui.ui.screens.choice import ChoiceScreen
from tests.ui.conftest import SIZE

PACKAGE = Path(lm_tui.__file__).parent
HOOKS = PACKAGE / "ui" / "textual_hooks.py"


def _trees() -> dict[Path, ast.AST]:
    return {path: ast.parse(path.read_text("utf-8")) for path in PACKAGE.rglob("*.py")}


def _own_private_names(trees: dict[Path, ast.AST]) -> set[str]:
    """Private names lm-tui defines itself (its methods, functions and attributes)."""
    names: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    return {name for name in names if name.startswith("_")}


def test_no_module_but_the_hooks_reads_a_private_name_it_did_not_define() -> None:
    trees = _trees()
    own = _own_private_names({p: t for p, t in trees.items() if p != HOOKS})
    app_modules = PACKAGE / "ui"  # only the app imports Textual (an import-linter contract)
    found = sorted(
        f"{path.relative_to(PACKAGE)}: .{node.attr}"
        for path, tree in trees.items()
        if path != HOOKS and path.is_relative_to(app_modules)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
        and node.attr not in own
    )
    assert found == []


def test_the_hooks_were_checked_against_the_pinned_and_installed_textual() -> None:
    pyproject = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text("utf-8"))
    pins = [dep for dep in pyproject["project"]["dependencies"] if dep.startswith("textual")]
    assert pins == [f"textual=={textual_hooks.TEXTUAL_VERSION}"]
    assert importlib.metadata.version("textual") == textual_hooks.TEXTUAL_VERSION


def test_the_private_methods_used_and_overridden_exist_in_textual() -> None:
    for name in ("_get_screen", "_close_messages_no_wait", "_fatal_error", "_shutdown"):
        assert callable(getattr(App, name, None)), name
    assert callable(getattr(Screen, "_refresh_layout", None))
    assert "_bindings_ready" in Footer._reactives


async def test_the_private_attributes_read_exist_on_a_running_app(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert isinstance(textual_hooks.css_update_count(app), int)
        assert textual_hooks.crash(app) is None
        assert callable(app.screen._compositor.render_update)
        assert callable(app.screen._update_timer.resume)
        radio_set = RadioSet("a", "b")
        assert radio_set._selected is None and hasattr(radio_set, "_nodes")
        assert textual_hooks.highlighted_radio_button(radio_set) is None
