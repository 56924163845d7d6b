"""What a screen may read of the app that shows it, as a typed protocol.

Every lm-tui screen is shown by `LmTuiApp` (or its teaching subclass), but no screen may import
`ui/app.py`: the app imports the screens, and the import would run in a circle. Screens read
the app through `AppHost` instead, so mypy checks both sides and a renamed member is an error,
not a silent default.
"""

from __future__ import annotations

from typing import Protocol, cast


class AppHost(Protocol):
    """The app as its screens see it (`LmTuiApp` satisfies it)."""

    start_note: bool
    """True while the question screens carry the start note (disclaimer, flow, sources)."""

    @property
    def save_state(self) -> str:
        """The title bar's words: "unsaved changes", "saved" or nothing."""
        ...

    def build_ahead(self) -> None:
        """Build the other kinds' screens while the first question is read."""
        ...


def app_host(app: object) -> AppHost:
    """The app a screen runs in, as `AppHost` (a screen is only ever shown by the lm-tui app)."""
    return cast(AppHost, app)
