"""Which `screens/*.tcss` files a screen needs, so the app reads each only when first needed.

Parsing every style file before the first screen cost more than the first screen itself; most
describe screens a session may never open (dialogs, the flow map, the outcome, teaching). The
app starts with the files every screen shares and adds a screen's own file just before that
screen is first shown. Each per-screen file styles only its own screens' widgets, so reading it
later changes nothing already on show. A screen from a module not listed here gets every file:
a new screen is never left unstyled.
"""

from __future__ import annotations

SHARED = ("base.tcss", "footer.tcss", "welcome.tcss")
"""Read at start: the frame of every screen, the footer, the first screen's start note."""

BY_MODULE = {
    "lm_tui.ui.screens.choice": ("choice.tcss",),
    "lm_tui.ui.screens.checklist": ("checklist.tcss",),
    "lm_tui.ui.screens.number": ("number.tcss",),
    "lm_tui.ui.screens.info": ("info.tcss",),
    "lm_tui.ui.screens.outcome": ("summary.tcss",),
    "lm_tui.ui.screens.flow_map": ("flow_map.tcss",),
    "lm_tui.ui.screens.welcome": (),
    "lm_tui.ui.screens.too_small": (),
    "lm_tui.ui.modals": ("dialogs.tcss",),
    "lm_tui.ui.teaching": ("teaching.tcss", "dialogs.tcss"),
    "textual": (),  # Textual's own screens (the command palette) bring their own styles
}
"""Module of a screen class (or a package above it) → the style files its screens need."""


def style_files_for(screen_type: type) -> tuple[str, ...] | None:
    """The files screens of this type need beyond SHARED; None when its module is not listed
    (read them all). The bases add theirs: a teaching screen that extends a clinical one gets
    both files."""
    own = _listed(screen_type.__module__)
    if own is None:
        return None
    files = list(own)
    for base in screen_type.__mro__[1:]:
        files += [name for name in _listed(base.__module__) or () if name not in files]
    return tuple(files)


def _listed(module: str) -> tuple[str, ...] | None:
    while module:
        if module in BY_MODULE:
            return BY_MODULE[module]
        module = module.rpartition(".")[0]
    return None
