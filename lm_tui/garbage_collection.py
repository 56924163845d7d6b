"""A pause of Python's cyclic garbage collector around a burst of allocation (a flow's load, a
verification), and what to do with the survivors when it ends.

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
