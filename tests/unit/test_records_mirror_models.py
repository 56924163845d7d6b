"""The runtime records (records.py) hold exactly what the schema models (model.py) validate.

The app reads only records; the models only validate. A field added to a model but not to its
record would be dropped silently when a validated file is copied into records, so records.py is
generated from the models (scripts/generate-records) and must be what the script makes of them
now; every model's fields (names, order, defaults) are compared with its record's as well.
"""

from __future__ import annotations

import inspect
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from lm_tui.flow import model, record_base, records
from lm_tui.flow.loader import load_flow
from lm_tui.resources import bundled_flow_path

ROOT = Path(__file__).resolve().parents[2]

MODELS = [
    cls
    for _, cls in inspect.getmembers(model, inspect.isclass)
    if issubclass(cls, BaseModel) and cls.__module__ == model.__name__ and cls is not model.Strict
]


def test_the_generated_records_are_current() -> None:
    """Fails when model.py changed and records.py was not generated again."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate-records"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_every_model_is_compared() -> None:
    names = {cls.__name__ for cls in MODELS}
    assert names == set(record_base.RECORDS), "a record without a model of the same name"
    assert len(MODELS) >= 19


@pytest.mark.parametrize("schema", MODELS, ids=lambda cls: cls.__name__)
def test_record_has_the_models_fields_in_order_with_its_defaults(schema: type[BaseModel]) -> None:
    record = getattr(records, schema.__name__)
    assert record.__fields__ == tuple(schema.model_fields)
    for name, info in schema.model_fields.items():
        if info.default is PydanticUndefined and info.default_factory is None:
            assert name in record.__required__, f"{schema.__name__}.{name} has no default"
        else:
            assert name not in record.__required__
            assert getattr(record, name) == info.get_default(call_default_factory=True)


def test_loaded_flow_holds_only_records() -> None:
    flow = load_flow(bundled_flow_path())
    pending: list[object] = [flow.file]
    seen = 0
    while pending:
        value = pending.pop()
        assert not isinstance(value, BaseModel), f"a pydantic model left in the flow: {value!r}"
        if isinstance(value, record_base.Record):
            seen += 1
            pending += [item for _, item in value.field_values()]
        elif isinstance(value, list | tuple):
            pending += list(value)
        elif isinstance(value, dict):
            pending += list(value.values())
    assert seen > 100


def test_records_are_frozen_and_compare_by_value() -> None:
    one = records.Choice(value="yes", label="Yes")
    assert one == records.Choice(value="yes", label="Yes", help="")
    assert one != records.Choice(value="no", label="Yes")
    assert hash(one) == hash(records.Choice(value="yes", label="Yes"))
    with pytest.raises(AttributeError):
        one.label = "No"  # type: ignore[misc]
    with pytest.raises(TypeError, match="missing fields \\['label'\\]"):
        records.Choice(value="yes")
    with pytest.raises(TypeError, match="unknown fields \\['colour'\\]"):
        records.Choice(value="yes", label="Yes", colour="red")


def test_start_from_the_cached_flow_never_imports_pydantic(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The point of the records: a cached start validates nothing, so pydantic stays unloaded."""
    script = textwrap.dedent(
        """
        import sys
        from lm_tui.flow.flow_cache import load_flow_cached
        from lm_tui.resources import bundled_flow_path
        flow = load_flow_cached(bundled_flow_path())
        print(flow.id, "pydantic" in sys.modules)
        """
    )
    env = {"LM_TUI_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    first = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    second = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert first.stdout.split()[1] == "True"  # the first start validated the file
    assert second.stdout.split() == [first.stdout.split()[0], "False"]
