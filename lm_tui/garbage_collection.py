"""Every decision about Python's cyclic garbage collector, in one place: only this module
imports `gc`. Each policy below says when it applies and why.

- `paused_collection`: around a burst of allocation (a flow's load, a verification).
- `paused_for_start_up` / `is_paused` / `resume_after_first_paint`: from the start of
  `lm-tui run` until the app's first screen is painted.
- `freeze_long_lived` / `thaw_long_lived`: the app's long-lived objects kept out of full passes
  once its screens are built ahead, handed back when it exits.
- `hold_for_key_press` / `release_key_press_hold`: no pass while a key press builds the next
  screen; the passes that fell due run once it is painted.

The pause around a burst of allocation, and what to do with the survivors when it ends:

Loading or verifying a large flow makes millions of objects. While the collector runs, each of
its passes also walks everything alive, the whole flow included, so on a large flow its passes
cost more than the work itself and make the time grow faster than the flow. Reference counting
still frees almost everything at once, so the collector is paused for the burst.

When it resumes, the survivors (the flow, mostly, which lives as long as the process) are all
in the youngest generation: the next pass of the collector would walk every one of them, and
the pass after that again as they move up a generation (about 0.3 s for a freshly loaded
10,000-node flow). So the pause ends by moving them straight to the
oldest generation, which only the collector's rare full passes walk. A cycle among them that
is already garbage is not lost: the next full pass collects it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collection() -> Iterator[None]:
    """No cyclic collection inside; the objects alive at the end join the oldest generation."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # freeze() moves every tracked object to the permanent generation and unfreeze() puts
        # them back in the oldest one: together, a move without a pass over them. If objects
        # are frozen already (the app freezes its heap after the first paint, and thaws it
        # itself when it exits), unfreeze() would thaw those too: these join them instead.
        already_frozen = gc.get_freeze_count() > 0
        gc.freeze()
        if not already_frozen:
            gc.unfreeze()
        if was_enabled:
            gc.enable()


@contextmanager
def paused_for_start_up() -> Iterator[None]:
    """No cyclic collection from the start of `lm-tui run` until the first screen is painted.

    Start-up (imports included) allocates many objects that live as long as the app; the
    collector would walk them again and again before the first screen is painted. The app
    resumes collection itself once it has painted (`resume_after_first_paint`); leaving this
    block turns it back on in any case, unless it was off before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def is_paused() -> bool:
    """True while automatic collection is off (the app is started inside
    `paused_for_start_up`, and must resume collection once it has painted)."""
    return not gc.isenabled()


def resume_after_first_paint() -> None:
    """Collection resumes once the first screen is painted: the start's burst is over, and
    passes from now on land while the user reads."""
    gc.enable()


def freeze_long_lived() -> None:
    """Take every object alive now out of the collector's sight (called once the app has built
    its screens ahead). The flow, Textual's widgets and stylesheets and those screens live as
    long as the app: with them in the heap a full pass costs 100 ms or more and lands on
    whichever key press allocates the object that triggers it. Garbage made later is collected
    as before."""
    gc.freeze()


def thaw_long_lived() -> None:
    """Give the frozen objects back to the collector (the app is exiting), so that a process
    that runs many apps (the tests, the benchmarks) can still collect each one."""
    gc.unfreeze()


def hold_for_key_press() -> bool:
    """Pause automatic collection while a key press builds the next screen; False, pausing
    nothing, when collection is off already (by a hold or by anyone else).

    Such a key press allocates tens of thousands of short-lived objects (strips, segments,
    styles, layout maps): the passes they trigger cost about 4 ms of it on average and 30 ms or
    more when an older generation's pass lands on it. The objects are the new frame's own, so
    the passes can wait until it is painted (`release_key_press_hold`): nothing is skipped,
    only moved."""
    if not gc.isenabled():
        return False
    gc.disable()
    return True


def release_key_press_hold() -> None:
    """End a hold taken by `hold_for_key_press` (once the next screen is painted): the passes
    that fell due meanwhile run now, while the user reads."""
    gc.enable()
