"""The garbage collector waits while a key press builds the next screen, and runs once that
screen is painted.

A key press that moves to another question allocates tens of thousands of short-lived objects
(strips, segments, styles, layout maps). The collector passes they trigger cost about 4 ms of
such a key press on average (measured over the benchmark's walks) and 30 ms or more when an
older-generation pass lands on it. None of that work has to happen before the next screen is
on show: the objects are the new frame's own. So the app holds collection from the moment it
starts applying an answer until the screen it then shows has been refreshed; the passes that
fell due meanwhile run right after the paint, while the user reads. Nothing is skipped, only
moved, and a key press allocates far too little for the wait to matter for memory.
"""

from __future__ import annotations

from lm_tui.garbage_collection import hold_for_key_press, release_key_press_hold


class CollectionHold:
    """Pauses automatic collection for one key press; never re-enables what it did not pause
    (the start of `lm-tui run` pauses collection too, and resumes it itself)."""

    def __init__(self) -> None:
        self.holding = False

    def hold(self) -> bool:
        """Pause collection; False when it was already paused (by this or anyone else)."""
        if self.holding or not hold_for_key_press():
            return False
        self.holding = True
        return True

    def release(self) -> None:
        if self.holding:
            self.holding = False
            release_key_press_hold()
