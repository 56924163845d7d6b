"""The debrief: the score, each decision beside the expected one with the reason and sources,
the pitfalls the trainee's answers raised, and where the expected path leads when theirs did not.

Every line carries its verdict in words and a mark (✓ ✗ –), so it reads the same without colour.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from lm_tui.flow.definition import Flow
from lm_tui.teaching.debrief import Debrief, DecisionLine, ItemLine, shown_points
from lm_tui.ui.app_host import app_host
from lm_tui.ui.display import citation, node_heading
from lm_tui.ui.help_topic import HelpTopic
from lm_tui.ui.plain_text import plain
from lm_tui.ui.widgets.title_bar import TitleBar

VERDICT_MARKS = {"correct": "✓", "wrong": "✗", "not reached": "–"}


class DebriefScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Outcome", tooltip="Back to the recommendations and answers"),
    ]

    def __init__(self, debrief: Debrief, flow: Flow) -> None:
        super().__init__(classes="debrief-screen")
        self.debrief = debrief
        self.flow = flow

    def compose(self) -> ComposeResult:
        debrief = self.debrief
        yield TitleBar(debrief.case_title, self.flow.version, id="title-bar")
        yield Static(score_content(debrief), id="debrief-score")
        with VerticalScroll(id="debrief-body"):
            for line in debrief.decisions:
                with Vertical(classes=f"debrief-decision verdict-{verdict_class(line)}"):
                    yield Static(decision_content(line))
                    if line.items:
                        yield PlanItems(line.items)
                    yield Static(reason_content(line))
            yield Static("Pitfalls your answers raised", classes="section-title")
            yield Static(pitfalls_content(debrief), id="debrief-pitfalls")
            if debrief.shows_expected_path:
                yield Static(
                    f"Where the expected path leads: {debrief.expected_outcome.title}",
                    classes="section-title",
                )
                yield Static(self.expected_path_content(), id="debrief-expected")
            yield Static("Sources", classes="section-title")
            yield Static(self.sources_content(), id="debrief-sources")
        yield Static(
            Content.assemble(
                ("↑ ↓", "bold"),
                " scroll · ",
                ("Esc", "bold"),
                " outcome · ",
                ("Ctrl+S", "bold"),
                " save · ",
                ("Ctrl+Q", "bold"),
                " quit",
            ),
            id="debrief-keys",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#debrief-body", VerticalScroll).focus()
        self.query_one(TitleBar).save_state = app_host(self.app).save_state

    def expected_path_content(self) -> Content:
        debrief = self.debrief
        lines = []
        if debrief.diverged_after:
            heading = node_heading(self.flow, debrief.diverged_after)
            lines.append(plain(f"Your path left it after “{heading}”. It recommends:"))
        else:
            lines.append(plain("Your answers led to a different plan. The expected one:"))
        lines += [plain(f"• {title}") for _, title in debrief.expected_outcome.recommendations]
        return Content("\n").join(lines)

    def sources_content(self) -> Content:
        cited: list[str] = []
        for line in self.debrief.decisions:
            cited += [s for s in line.mark.explanation.sources if s not in cited]
        for pitfall in self.debrief.pitfalls:
            cited += [s for s in pitfall.sources if s not in cited]
        return Content("\n").join(
            Content.assemble((source, "bold"), "  ", citation(self.flow, source))
            for source in cited
        )

    def help_topic(self) -> HelpTopic:
        return HelpTopic(
            "Debrief",
            "Up to one point per expected decision. A single answer scores 1 when it is the "
            "expected one. The plan is marked item by item (✓ right, + missing, ✗ "
            "contraindicated: it raises a pitfall, − not expected) and earns the right items "
            "over the items in either plan, a contraindicated item counting twice. A decision "
            "your path never reached scores nothing; the last section then shows where the "
            "expected path leads.",
            (),
        )

    def action_close(self) -> None:
        self.dismiss(None)


def verdict_class(line: DecisionLine) -> str:
    return line.verdict.replace(" ", "-")


def score_content(debrief: Debrief) -> Content:
    status = "" if debrief.complete else " · the attempt stopped before the outcome"
    return Content.assemble(
        ("Debrief · ", "bold"),
        (f"score {shown_points(debrief.score)} of {debrief.max_score}", "bold"),
        f" · feedback {'after each decision' if debrief.feedback == 'immediate' else 'at the end'}",
        status,
    )


def decision_content(line: DecisionLine) -> Content:
    """The verdict, the trainee's answer and the expected one."""
    mark = line.mark
    return Content.assemble(
        (f"{VERDICT_MARKS[line.verdict]} {line.verdict} · {mark.label}", "bold"),
        f" · {line.points} of 1",
        "\n",
        ("You: ", "bold"),
        line.answered,
        "\n",
        ("Expected: ", "bold"),
        line.expected,
    )


def reason_content(line: DecisionLine) -> Content:
    """Why the expected answer is right, and its sources."""
    explanation = line.mark.explanation
    return Content.assemble(
        explanation.why.strip(),
        "\n",
        ("Sources: " + ", ".join(explanation.sources), "dim"),
    )


class PlanItems(Vertical):
    """A plan item by item: each mark in words with its symbol, and under it, indented so that
    wrapped lines stay under the item, the pitfall or recommendation behind it with sources."""

    DEFAULT_CSS = """
    PlanItems { height: auto; margin: 0 0 1 0; }
    PlanItems > .plan-item-reason { padding: 0 0 0 2; }
    """

    def __init__(self, items: tuple[ItemLine, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items = items

    def compose(self) -> ComposeResult:
        for item in self.items:
            yield Static(plain(item.heading).stylize("bold"), classes="plan-item")
            if item.reason:
                yield Static(
                    Content.assemble(plain(item.reason), (f" [{', '.join(item.sources)}]", "dim")),
                    classes="plan-item-reason",
                )

    def text(self) -> str:
        """Everything the list shows, as plain text (for tests and screen readers' dumps)."""
        return "\n".join(str(widget.render()) for widget in self.query(Static))


def pitfalls_content(debrief: Debrief) -> Content:
    if not debrief.pitfalls:
        return plain("None.")
    lines = []
    for pitfall in debrief.pitfalls:
        origin = " · the case's facts raise it too" if pitfall.on_expected_path else ""
        mark = "‼" if pitfall.severity == "critical" else "!"
        lines.append(
            Content.assemble(
                (f"{mark} {pitfall.title}", "bold"),
                f" ({pitfall.severity}{origin})\n",
                pitfall.text.strip(),
            )
        )
    return Content("\n\n").join(lines)
