"""Fixtures of the teaching tests."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from tests.unit.teaching.case_helpers import BASE_CASE, CaseWriter

Edit = Callable[[dict[str, Any]], None]


@pytest.fixture
def write_case(tmp_path: Path) -> CaseWriter:
    """Write BASE_CASE, changed by `edit(document)`, to a file; returns its path."""

    def write(
        edit: Callable[[dict[str, Any]], None] | None = None, name: str = "case.toml"
    ) -> Path:
        document = copy.deepcopy(BASE_CASE)
        if edit is not None:
            edit(document)
        path = tmp_path / name
        path.write_text(tomli_w.dumps(document), encoding="utf-8")
        return path

    return write
