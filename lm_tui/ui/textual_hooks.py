"""Every use the app makes of Textual's private attributes and methods, listed in one place.

Textual's private names (`_get_screen`, `_compositor`, ...) can change in any release, without
a deprecation. The app reaches for them only here, each wrapped in one function whose docstring
says why it is needed and what it gains, so that an upgrade has one module to check and
`tests/ui/test_textual_hooks.py` fails at once if a name is gone.

Written against Textual 8.2.8, the exact version pyproject.toml pins (`TEXTUAL_VERSION`; the
same test compares it with the installed one). A Textual upgrade is a deliberate commit that
checks each hook below, and measures again those kept for speed.

Gains are from `benchmarks/hook_gains.py` (key press to the next screen painted, walking the
eight acceptance examples at 80x24 in a fresh app each; medians of the key presses the hook acts
on, with every hook and with that one left out, taking turns in the same run; figures and runs
in docs/performance.md). The rule: a hook kept for speed saves about a frame (16.7 ms) or more.
Dropped for gaining less (medians with / without the hook, on the key presses it acts on):

- drawing the screens built ahead unseen (`Screen._refresh_layout`,
  `Screen._compositor.render_update`, `Screen._update_timer.resume`): with these and the
  footer keys built ahead (`mark_bindings_ready`, kept for correctness) left out together, a
  screen's first show 22.2 / 16.4 ms and the p95 of every key press 34.8 / 31.4 ms: faster
  without. Each alone, in the noisier run 1: the layout and drawing 34.4 / 24.0 ms (faster
  without); the timer 34.4 / 50.1 ms, a wait that only a screen drawn unseen has.
- skipping Textual's restyle of a node screen shown again (`App._css_update_count`, to tell
  that no CSS changed meanwhile): a screen shown again 12.5 / 19.2 ms, a gain of 6.8 ms.

Private methods the app overrides (Textual calls them; they cannot be wrapped here):

- `App._fatal_error` (ui/app.py `LmTuiApp`, ui/teaching/picker.py `CasePickerApp`):
  correctness. Textual prints a rich traceback over the terminal on an unexpected error; the
  override only rings the bell and closes the app (`close_after_fatal_error`), and the CLI
  boundary reports the error in one line (`crash`).
- `App._shutdown` (ui/app.py): correctness. A screen being built unseen must finish mounting
  before Textual closes the screens; a quit in the first tenth of a second ended in a
  traceback. Both `run` and `run_test` end through it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen
    from textual.widget import AwaitMount, Widget
    from textual.widgets import Footer, RadioSet

TEXTUAL_VERSION = "8.2.8"
"""The Textual release these hooks were checked against (pinned in pyproject.toml)."""


def mount_unseen(app: App[Any], screen: Screen[Any]) -> AwaitMount:
    """Compose and mount an installed screen without showing it; await the result.

    Speed (build_ahead.py): Textual composes a screen only when it is first shown, so the
    first question of each node kind paid tens of milliseconds for it on the key press that
    reached it. There is no public way to compose a screen unseen: `_get_screen` is the step
    Textual itself takes before showing one. Gain on a screen's first show: 38.5 ms without,
    22.2 ms with (16.3 ms, on the line of a frame; 14.2 ms in a noisier run); on the p95 of
    every key press 59.6 / 34.8 ms, the figure the benchmark's 33 ms target is set on."""
    _, mounted = app._get_screen(screen)
    return mounted


def mark_bindings_ready(footer: Footer) -> None:
    """Tell a footer its screen's bindings are known, so that a recompose builds its keys.

    Correctness (widgets/key_footer.py `compose_keys`, for a screen built ahead): Textual's
    footer builds its keys only after its screen's first bindings update, which for a screen
    built unseen comes only once it is shown. Without the keys built ahead, the screen under a
    dialog raised on a screen's first show (a critical pitfall's) is drawn differently: the
    NO_COLOR pitfall snapshot fails. Not for speed: without it, first shows measured no slower
    (30.4 ms without, 34.4 ms with, in the noisier run 1)."""
    footer._bindings_ready = True


def highlighted_radio_button(radio_set: RadioSet) -> Widget | None:
    """The button a radio set's keyboard highlight is on, or None.

    Correctness (modals/export.py): the export dialog's arrow keys move the highlight and pick
    the format under it; Textual keeps the highlight only in private attributes."""
    selected = radio_set._selected
    return radio_set._nodes[selected] if selected is not None else None


def close_after_fatal_error(app: App[Any]) -> None:
    """Close the app's message queues at once, as Textual's own fatal-error path does after
    printing its traceback. Correctness: used by the `_fatal_error` overrides (see above)."""
    app._close_messages_no_wait()


def crash(app: App[Any]) -> BaseException | None:
    """The unexpected error that stopped the app, if any (Textual keeps it privately).

    Correctness: the CLI boundary reports it in one line and saves the details."""
    return app._exception
