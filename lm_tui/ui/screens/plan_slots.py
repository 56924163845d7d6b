"""The plan tab of the outcome: the widgets for everything an outcome of this flow can show,
filled for the outcome reached and the rest hidden.

The outcome screen is reused like the question screens (built ahead, refilled when reached),
so its plan cannot be composed for one set of answers. Instead there is a widget for each thing
the flow could show (each pitfall, each recommendation, the most sections any outcome has);
filling updates their text and hides the ones these answers do not use. That is a text update
per widget instead of building a screen on the key press that reaches the outcome.
"""

from __future__ import annotations

from itertools import zip_longest

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from lm_tui.flow.definition import Flow
from lm_tui.session.engine import Session
from lm_tui.ui.display import context_panels, node_heading, sources_line
from lm_tui.ui.plain_text import plain
from lm_tui.ui.widgets.context_panel import TONE_STYLES


class PlanSlots:
    """The plan's widgets in reading order; `compose` yields them once, `fill` sets them."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self.title = Static(id="node-title")
        self.prompt = Static(id="prompt")
        self.pending = Static(id="pending-banner")
        self.notice = Static(id="notice")
        self.summary = Static(id="outcome-summary")
        self.pitfalls_title = Static("Pitfalls", classes="section-title")
        self.pitfalls = [Static(classes="pitfall") for _ in flow.pitfalls]
        self.recommendations_title = Static("Recommendations", classes="section-title")
        self.no_recommendations = Static("None for these answers.", classes="muted")
        self.recommendations = [Static(classes="recommendation") for _ in flow.recommendations]
        most_sections = max((len(sections) for sections in flow.sections.values()), default=0)
        self.sections = [
            (Static(classes="section-title"), Static(classes="outcome-section"))
            for _ in range(most_sections)
        ]
        self.disclaimer = Static(plain(flow.file.flow.disclaimer), id="closing-disclaimer")
        # Hidden until filled: an outcome shows a few of these, and each one shown or hidden
        # when the outcome is reached is a change to lay out on that key press.
        for widget in self.optional():
            widget.display = False

    def optional(self) -> list[Static]:
        """The slots an outcome may leave empty (hidden)."""
        return [
            self.prompt,
            self.pending,
            self.notice,
            self.pitfalls_title,
            *self.pitfalls,
            self.no_recommendations,
            *self.recommendations,
            *(widget for pair in self.sections for widget in pair),
        ]

    def compose(self) -> ComposeResult:
        yield from (self.title, self.prompt, self.pending, self.notice, self.summary)
        yield self.pitfalls_title
        yield from self.pitfalls
        yield from (self.recommendations_title, self.no_recommendations)
        yield from self.recommendations
        for title, text in self.sections:
            yield from (title, text)
        yield self.disclaimer

    def fill(self, session: Session, node_id: str, notice: str) -> None:
        flow = self.flow
        node = flow.nodes[node_id]
        self.title.update(plain(node_heading(flow, node_id)))
        show(self.prompt, plain(node.prompt) if node.prompt else None)
        show(self.pending, pending_content(session))
        show(self.notice, plain(notice) if notice else None)
        self.summary.update(summary_content(session))
        raised = session.raised_pitfalls()
        self.pitfalls_title.display = bool(raised)
        for widget, pitfall_id in zip_longest(self.pitfalls, raised):
            show(widget, pitfall_block(session, pitfall_id) if pitfall_id else None)
        recommendations = session.evaluator.recommendations()
        self.no_recommendations.display = not recommendations
        numbered = list(enumerate(recommendations, 1))
        for widget, entry in zip_longest(self.recommendations, numbered):
            show(widget, recommendation_content(session, *entry) if entry else None)
        for (title, text), section in zip_longest(
            self.sections, session.evaluator.sections(node_id)
        ):
            show(title, plain(section[0]) if section else None)
            show(text, section_content(flow, *section) if section else None)


def show(widget: Static, content: Content | None) -> None:
    """Put `content` in `widget`, or hide it when there is none."""
    if content is not None:
        widget.update(content)
    widget.display = content is not None


def pending_content(session: Session) -> Content | None:
    pending = session.unacknowledged_critical()
    if not pending:
        return None
    return Content.assemble(
        ("‼ ", "bold"),
        (f"{len(pending)} critical pitfall(s) NOT acknowledged. ", "bold"),
        "Press ",
        ("a", "bold"),
        " to read and acknowledge each one.",
    )


def recommendation_content(session: Session, number: int, rec_id: str) -> Content:
    flow = session.flow
    rec = flow.recommendations[rec_id]
    return Content.assemble(
        (f"{number}. {rec.title}\n", "bold"),
        session.evaluator.fill(rec.text),
        "\n",
        (sources_line(flow, rec.sources, rec.grade, say_ungraded=True), "$text-muted"),
    )


def section_content(flow: Flow, title: str, text: str, sources: tuple[str, ...]) -> Content:
    source_text = sources_line(flow, sources, None)
    return Content.assemble(text, "\n" if sources else "", (source_text, "$text-muted"))


def summary_content(session: Session) -> Content:
    """The flow's panels, one line each: `Title: label value · label value`."""
    lines = []
    for panel in context_panels(session):
        if not panel.rows:
            continue
        parts: list[str | tuple[str, str]] = [(panel.title + ": ", "bold")]
        for index, row in enumerate(panel.rows):
            style = f"bold {TONE_STYLES[row.tone]}".strip()
            parts += [" · " if index else "", f"{row.label}: ", (row.text, style)]
        lines.append(Content.assemble(*parts))
    return Content("\n").join(lines)


def pitfall_block(session: Session, pitfall_id: str) -> Content:
    flow = session.flow
    pitfall = flow.pitfalls[pitfall_id]
    if pitfall.severity == "critical":
        acknowledged_at = session.acknowledged.get(pitfall_id)
        if acknowledged_at is None:
            head = ("‼ CRITICAL, NOT acknowledged: ", "bold $error")
        else:
            head = (
                f"‼ CRITICAL, acknowledged {acknowledged_at:%Y-%m-%d %H:%M} UTC: ",
                "bold $warning",
            )
    else:
        head = ("! Warning: ", "bold $warning")
    return Content.assemble(
        head,
        (pitfall.title + "\n", "bold"),
        pitfall.text,
        "\n",
        (sources_line(flow, pitfall.sources, pitfall.grade), "$text-muted"),
    )
