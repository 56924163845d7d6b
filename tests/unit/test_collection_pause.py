"""The collector's pause around a load or a verification (lm_tui/garbage_collection.py):
what survives it is moved to the oldest generation without a pass over it, and garbage made
during it is still collected."""

from __future__ import annotations

import gc
import weakref

from lm_tui.flow.loader import load_flow
from lm_tui.garbage_collection import paused_collection
from lm_tui.proof.prove import prove as verify
from tests.conftest import FIXTURES


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def _in_oldest_generation(obj: object) -> bool:
    return any(candidate is obj for candidate in gc.get_objects(generation=2))


def test_a_loaded_flow_and_a_report_wait_in_the_oldest_generation() -> None:
    flow = load_flow(FIXTURES / "flows" / "houseplant.toml")
    report = verify(flow)
    assert _in_oldest_generation(report)
    assert gc.isenabled()


def test_nothing_is_collected_inside_and_a_cycle_made_there_is_collected_later() -> None:
    with paused_collection():
        assert not gc.isenabled()
        first, second = _Node(), _Node()
        first.other, second.other = second, first
        watched = weakref.ref(first)
        del first, second
        gc.collect(0)  # an explicit pass still works; the cycle is young garbage
        assert watched() is None
        kept = _Node()
        kept.other = _Node()
        kept.other.other = kept
        gone = weakref.ref(kept)
        del kept
    # The cycle became garbage inside the pause; after it, it is in the oldest generation
    # and a full pass collects it.
    assert gone() is not None
    gc.collect()
    assert gone() is None


def test_the_pause_keeps_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with paused_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_objects_frozen_before_the_pause_stay_frozen() -> None:
    """The app freezes its heap after the first paint: a pause must not thaw it."""
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        held = gc.get_freeze_count()
        assert held >= frozen_before
        with paused_collection():
            made = [_Node() for _ in range(10)]
        assert gc.get_freeze_count() >= held + len(made)
    finally:
        gc.unfreeze()
