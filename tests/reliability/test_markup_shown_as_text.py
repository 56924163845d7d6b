"""Flow text, paths and messages are shown as written: Textual never reads them as markup.

Every shown string of the test flow gets a numbered tag made of markup (`[@click=app.quit]`,
`[/b]`, `[link=...]`, brackets); the app is walked through every screen and dialog (about
screen, each question, help on each, the critical-pitfall dialog, the outcome, the flow map, the
export dialog with a bracketed file name) and every tag must come out as literal text.
"""

from __future__ import annotations

from pathlib import Path

from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from lm_tui.flow.loader import load_flow
from lm_tui.session.engine import Session
from lm_tui.ui.app import LmTuiApp
from lm_tui.ui.modals.acknowledge import AcknowledgeModal
from lm_tui.ui.modals.export import ExportDialog
from lm_tui.ui.modals.help import HelpModal
from lm_tui.ui.screens.flow_map import FlowMapScreen
from lm_tui.ui.screens.outcome import OutcomeScreen
from lm_tui.ui.screens.welcome import WelcomeScreen
from tests.reliability.hostile_flows import rewrite_shown_strings
from tests.ui.conftest import FIXED_TIME, SIZE, fixed_clock


def tag(number: int) -> str:
    return f'[@click=app.quit]#{number}[/b][link="https://evil.example"]['


def widget_texts(widget: Widget) -> list[str]:
    """What the widget shows, as plain text: its content, border title, options."""
    texts = []
    if isinstance(widget, Static):
        texts.append(str(widget.render()))
    if widget.border_title is not None:
        texts.append(str(widget._border_title))
    if isinstance(widget, OptionList):
        texts += [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]
    if type(widget).__name__ in ("ContextText", "TitleBar"):
        texts.append(str(widget.render()))
    return texts


class Seen:
    def __init__(self, app: LmTuiApp) -> None:
        self.app = app
        self.text: list[str] = []
        self.screens: list[str] = []

    def look(self) -> None:
        screen = self.app.screen
        self.screens.append(type(screen).__name__)
        for widget in screen.query("*"):
            self.text += widget_texts(widget)
        self.text += [n.message for n in self.app._notifications]


async def walk(flow_path: Path, folder: Path, low_light: bool) -> list[str]:
    """Walk one path through the app, looking at every screen and dialog; what it showed.

    Low light: light low → humid yes → pets cat (a critical pitfall) → away 10 → the outcome.
    Otherwise: light bright → no pets → away 25 (the other recommendation and pitfall).
    """
    session = Session(
        load_flow(flow_path), interface="tui", clock=fixed_clock, started_at=FIXED_TIME
    )
    app = LmTuiApp(session, folder, blink=False, clock=fixed_clock)
    seen = Seen(app)
    async with app.run_test(size=SIZE) as pilot:

        async def press(*keys: str) -> None:
            await pilot.press(*keys)
            await pilot.pause()
            seen.look()

        await pilot.pause()
        seen.look()
        await press("escape")  # the about screen
        assert isinstance(app.screen, WelcomeScreen)
        await press("enter")
        for keys in (["3"], ["1"], ["1"]) if low_light else (["1"], []):
            await press("f1")
            assert isinstance(app.screen, HelpModal)
            await press("escape")
            await press(*keys, "enter")
        if low_light:
            assert isinstance(app.screen, AcknowledgeModal)
            await press("a", "y")
        await press("f1")
        await press("escape")
        await press("ctrl+a", "ctrl+k", *("10" if low_light else "25"), "enter")
        await press("f1")
        await press("escape")
        await press("enter")  # the tip
        assert isinstance(app.screen, OutcomeScreen)
        await press("r")  # the review list
        await press("p")
        await press("m")
        assert isinstance(app.screen, FlowMapScreen)
        await press("escape")
        await press("ctrl+s")
        assert isinstance(app.screen, ExportDialog)
        target = folder / f"case [draft] {low_light}.toml"
        app.screen.query_one("#export-path", Input).value = str(target)
        await press("enter")
        assert app.return_code is None, "the app exited while showing flow text"
        assert target.is_file()
        assert any(f"Saved to {target}" in text for text in seen.text)
    return seen.text


async def test_every_shown_string_of_a_flow_is_shown_as_written_on_every_screen(tmp_path: Path):
    flow_path = tmp_path / "hostile.toml"
    fields = rewrite_shown_strings(flow_path, lambda text, n: f"{text} {tag(n)}")
    folder = tmp_path / "x[" / "b]"  # a folder path holding `[/b]`
    folder.mkdir(parents=True)
    shown = [*await walk(flow_path, folder, True), *await walk(flow_path, folder, False)]
    # Options wrap to the list's width (a long tag breaks over lines): compare without spaces.
    flat = "".join("".join(shown).split())
    missing = [n for n in range(fields) if tag(n) not in flat]
    assert not missing, f"{len(missing)} of {fields} strings not shown as written: {missing}"
