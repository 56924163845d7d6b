"""What screens hand back to the app: typed results, no shared state.

A question screen posts its result (Answer, GoBack, EditRequest) in a `NodeScreen.Answered`
message, which the app handles; the critical-pitfall modal hands its Acknowledgement back
through `dismiss`, to the callback the app pushed it with. The app owns the session; a screen
only proposes an answer or a move, and the app applies it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Answer:
    """The user confirmed an answer at `node` (raw, as the engine's `answer` takes it)."""

    node: str
    raw: object
    note: str = ""
    """Free text where the node allows a note (e.g. the reason for a borderline branch)."""
    editing: bool = False
    """A change to an earlier answer (the engine's `edit`), not the answer to the current node."""


@dataclass(frozen=True)
class GoBack:
    """Escape: one node back, or leave an edit without changing anything."""

    editing: bool = False


@dataclass(frozen=True)
class EditRequest:
    """Open an earlier node to change its answer (from the review list or the palette)."""

    node: str


@dataclass(frozen=True)
class Acknowledgement:
    """From the critical-pitfall modal: acknowledged, or go back and change the answer."""

    pitfall: str
    acknowledged: bool


NodeResult = Answer | GoBack | EditRequest
