"""Fixtures for the app tests: a deterministic app (fixed clock, no cursor blink) at 80x24."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from lm_tui.flow.definition import Flow
from lm_tui.session.engine import Session
from lm_tui.ui.app import LmTuiApp

FIXED_TIME = datetime(2025, 3, 4, 9, 30, tzinfo=UTC)
SIZE = (80, 24)


def fixed_clock() -> datetime:
    return FIXED_TIME


def make_app(flow: Flow, export_dir: Path, session: Session | None = None, **kwargs) -> LmTuiApp:
    session = session or Session(flow, interface="tui", clock=fixed_clock, started_at=FIXED_TIME)
    return LmTuiApp(session, export_dir, blink=False, clock=fixed_clock, **kwargs)


@pytest.fixture
def app_factory(bundled_flow: Flow, tmp_path: Path) -> Callable[..., LmTuiApp]:
    """`app_factory()` → an app on the bundled flow exporting into a fresh folder."""

    def build(flow: Flow | None = None, **kwargs) -> LmTuiApp:
        return make_app(flow or bundled_flow, tmp_path, **kwargs)

    return build
