"""The column beside every question: the pitfalls raised so far and the flow's panels of
derived values (e.g. the branch and each intrathecal check) as soon as the answers decide them.

Everything reads without colour: marks and words carry the meaning, colour only repeats it.
Long labels wrap with a hanging indent, so a value never lands where a heading would.
"""

from __future__ import annotations

import textwrap

from textual.app import ComposeResult
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from lm_tui.session.engine import Session
from lm_tui.ui.display import context_panels
from lm_tui.ui.widgets.scroll_mark import MarkedScroll

TONE_STYLES = {"good": "$success", "bad": "$error", "unknown": "$warning", "plain": ""}

Part = Content | str | tuple[str, str]


def row_parts(label: str, value: str, value_style: str, width: int) -> list[Part]:
    """` label: value`, or the label wrapped and the value on its own indented line."""
    if len(label) + len(value) + 3 <= width:
        return [f" {label}: ", (value, value_style), "\n"]
    label_lines = textwrap.wrap(label + ":", max(width - 1, 8), subsequent_indent="  ")
    parts: list[Part] = [f" {line}\n" for line in label_lines]
    return [*parts, "   ", (value, value_style), "\n"]


def pitfall_parts(session: Session, width: int) -> list[Part]:
    raised = session.raised_pitfalls()
    if not raised:
        return [("Pitfalls: ", "bold $accent"), ("none raised", "$text-muted"), "\n"]
    parts: list[Part] = [("Pitfalls\n", "bold $accent")]
    for pitfall_id in raised:
        pitfall = session.flow.pitfalls[pitfall_id]
        if pitfall.severity == "critical":
            done = pitfall_id in session.acknowledged
            style = "bold $warning" if done else "bold $error"
            parts += [(" ‼ CRITICAL\n", style)]
        else:
            parts += [(" ! warning\n", "bold $warning")]
        parts += [f"   {line}\n" for line in textwrap.wrap(pitfall.title, max(width - 4, 8))]
        if pitfall.severity == "critical":
            parts += ["   ", ("acknowledged" if done else "NOT acknowledged", style), "\n"]
    return parts


def panel_content(session: Session, width: int) -> Content:
    parts: list[Part] = pitfall_parts(session, width)
    for panel in context_panels(session):
        parts.append((panel.title + "\n", "bold $accent"))
        if not panel.rows:
            parts += [(f" {panel.empty_text}", "$text-muted"), "\n"]
        for row in panel.rows:
            style = f"bold {TONE_STYLES[row.tone]}".strip()
            parts += row_parts(row.label, row.text, style, width)
    return Content.assemble(*parts).rstrip()


class ContextText(Widget):
    """Renders for its own width, so wrapping is decided here rather than mid-label."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.wrap_width = 0
        """The width the last layout gave the text (0: not laid out yet)."""
        self.shown: tuple[str, tuple[object, ...]] | None = None
        """What the text said at the last `update`: only a change is worth a layout and a redraw."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Remembered here because the layout asks for the height before the widget has a
        # region: `self.size` at that point sends Textual to lay out the whole screen again.
        self.wrap_width = width
        return super().get_content_height(container, viewport, width)

    def render(self) -> Content:
        return panel_content(self.session, self.width_for_text())

    def update(self) -> None:
        """Redraw (and lay out again) only when the session changed what the panel says."""
        shown = fingerprint(panel_content(self.session, self.width_for_text()))
        if shown != self.shown:
            self.shown = shown
            self.refresh(layout=True)

    def width_for_text(self) -> int:
        return max(self.wrap_width or self.size.width, 20)


def fingerprint(content: Content) -> tuple[str, tuple[object, ...]]:
    """Text and styles: `Content` compares by its text only."""
    return content.plain, tuple(content.spans)


class ContextPanel(MarkedScroll, can_focus=False):
    """Scrolls on its own when the panels outgrow the screen; never takes the focus."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session

    def compose(self) -> ComposeResult:
        yield ContextText(self.session)
