"""Every use the app makes of Textual's private attributes and methods, listed in one place.

Textual's private names (`_get_screen`, `_compositor`, ...) can change in any release, without
a deprecation. The app reaches for them only here, each wrapped in one function whose docstring
says why it is needed and what it gains, so that an upgrade has one module to check and
`tests/ui/test_textual_hooks.py` fails at once if a name is gone.

Written against Textual 8.2.8, the exact version pyproject.toml pins (`TEXTUAL_VERSION`; the
same test compares it with the installed one). A Textual upgrade is a deliberate commit that
checks each hook below, and measures again those kept for speed.

Gains are from `benchmarks/hook_gains.py` (key press to the next screen painted, walking the
acceptance examples at 80x24; medians of the key presses the hook affects, with every hook and
with that one hook left out, alternating in the same run; the figures are in
docs/performance.md). Mounting ahead saved 16.3 ms on a screen's first show (p95 of all key
presses 59.6 ms without it, 34.8 with). Drawing ahead and the restyle skip each saved less than
a frame when measured alone, but dropping both made every key-press figure worse in the same
run (first show 14.3 -> 20.4 ms, p95 18.6 -> 27.5 ms), so they stay; a Textual upgrade measures
them again with that script.

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

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.app import App
    from textual.geometry import Size
    from textual.screen import Screen
    from textual.widget import AwaitMount, Widget
    from textual.widgets import Footer, RadioSet

TEXTUAL_VERSION = "8.2.8"
"""The Textual release these hooks were checked against (pinned in pyproject.toml)."""


class ScreenMounting(Protocol):
    """An app as `mount_unseen` needs it (the backstage reads the app through a protocol)."""

    def _get_screen(self, screen: Screen[Any]) -> tuple[Screen[Any], AwaitMount]: ...


def mount_unseen(app: ScreenMounting, screen: Screen[Any]) -> AwaitMount:
    """Compose and mount an installed screen without showing it; await the result.

    Speed (backstage.py): Textual composes a screen only when it is first shown, so the
    first question of each node kind paid tens of milliseconds for it on the key press that
    reached it. There is no public way to compose a screen unseen: `_get_screen` is the step
    Textual itself takes before showing one. Gain: see the module's note."""
    _, mounted = app._get_screen(screen)
    return mounted


def lay_out_unseen(screen: Screen[Any], size: Size) -> None:
    """Lay an unseen screen out at the terminal's size, as its first show would.

    Speed (backstage.py `draw_unseen`), with `draw_into_cache`: the first show then draws
    only what the refill changed."""
    screen._refresh_layout(size)


def draw_into_cache(screen: Screen[Any]) -> None:
    """Draw every widget of a laid-out screen into its own line cache, painting nothing.

    Speed (backstage.py `draw_unseen`), with `lay_out_unseen`: the footer, the title bar and
    the frames are already drawn when the screen is first shown."""
    screen._compositor.render_update(full=True)


def start_repaint_timer(screen: Screen[Any]) -> None:
    """Start an unseen screen's repaint timer now.

    Speed (backstage.py `draw_unseen`): the timer waits one whole frame (1/60 s) before its
    first tick; started now, it has waited before the screen is shown, and the first repaint
    comes at once."""
    screen._update_timer.resume()


def mark_bindings_ready(footer: Footer) -> None:
    """Tell a footer its screen's bindings are known, so that a recompose builds its keys.

    Speed (widgets/key_footer.py `compose_keys`): Textual's footer builds its keys only after
    its screen's first bindings update, which for a screen built unseen comes after it is
    drawn: the keys were then built and drawn on the key press that first showed the screen."""
    footer._bindings_ready = True


def css_update_count(app: App[Any]) -> int:
    """Textual's count of changes to the app's CSS (a theme change, a stylesheet reload).

    Speed (screens/node.py `style_inputs`): a node screen shown again is restyled by Textual
    in full (a third of a key press that changes the question's kind); it is skipped when
    neither this count nor the theme nor the focus changed while the screen was away. No public
    attribute says the CSS changed."""
    return app._css_update_count


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
