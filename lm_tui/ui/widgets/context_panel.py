"""The column beside every question: the flow's panels of derived values and the pitfalls.

Values appear as soon as the answers decide them (the branch, each intrathecal check), so the
user sees the consequences of an answer before the outcome. Everything reads without colour:
marks and words carry the meaning, the theme colour only repeats it.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from lm_tui.flow.engine import Session
from lm_tui.ui.display import context_panels

TONE_STYLES = {"good": "$success", "bad": "$error", "unknown": "$warning", "plain": ""}


def panel_content(session: Session) -> Content:
    parts: list[Content | str | tuple[str, str]] = []
    for panel in context_panels(session):
        parts.append((panel.title + "\n", "bold $accent"))
        if not panel.rows:
            parts.append((f" {panel.empty_text}\n", "$text-muted"))
        for row in panel.rows:
            parts += [f" {row.label}: ", (row.text + "\n", f"bold {TONE_STYLES[row.tone]}".strip())]
    parts.append(pitfall_content(session))
    return Content.assemble(*parts).rstrip()


def pitfall_content(session: Session) -> Content:
    raised = session.raised_pitfalls()
    parts: list[Content | str | tuple[str, str]] = [("Pitfalls\n", "bold $accent")]
    if not raised:
        parts.append((" none raised\n", "$text-muted"))
    for pitfall_id in raised:
        pitfall = session.flow.pitfalls[pitfall_id]
        if pitfall.severity == "critical":
            state = "acknowledged" if pitfall_id in session.acknowledged else "NOT acknowledged"
            style = "bold $error" if state.startswith("NOT") else "bold $warning"
            parts += [(" ‼ CRITICAL", style), f" {pitfall.title} ", (f"({state})\n", style)]
        else:
            parts += [(" ! warning", "bold $warning"), f" {pitfall.title}\n"]
    return Content.assemble(*parts)


class ContextPanel(VerticalScroll, can_focus=False):
    """Scrolls on its own when the panels outgrow the screen; never takes the focus."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(panel_content(self.session), id="context-text")

    def refresh_from_session(self) -> None:
        self.query_one("#context-text", Static).update(panel_content(self.session))
