"""The first screen: what the tool is and is not, which flow and version, and its sources.

It is the only screen every session passes through, so the disclaimer lives here, before the
first question, together with anything a resumed session needs the user to know first.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from lm_tui.flow.definition import Flow
from lm_tui.ui.app_host import app_host
from lm_tui.ui.help_topic import HelpTopic
from lm_tui.ui.plain_text import plain
from lm_tui.ui.widgets.scroll_mark import MarkedScroll
from lm_tui.ui.widgets.title_bar import TitleBar


class WelcomeScreen(Screen[None]):
    """Enter posts `Started`; the app then shows the node the session is at."""

    class Started(Message):
        """The user is ready to begin (or to go on with a resumed session)."""

    class PendingChoice(Message):
        """Resume (True) or discard (False, asked and confirmed) unfinished session `index`."""

        def __init__(self, resume: bool, index: int = 0) -> None:
            super().__init__()
            self.resume = resume
            self.index = index

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", tooltip="Go to the first question", id="start"),
        Binding(
            "r",
            "pending(True)",
            "Resume",
            tooltip="Resume the highlighted unfinished session",
            show=False,  # Enter on the list says the same in the footer
        ),
        Binding(
            "d",
            "pending(False)",
            "Discard",
            tooltip="Delete the highlighted unfinished session (asks first)",
        ),
        Binding(
            "l",
            "label",
            "Label",
            tooltip="Give the highlighted unfinished session a case label (never a patient "
            "identifier)",
        ),
        Binding("n", "start", "New session", tooltip="Start a new session; the list stays"),
    ]

    class PendingLabel(Message):
        """Give unfinished session `index` the case label `label` ('' removes it)."""

        def __init__(self, index: int, label: str) -> None:
            super().__init__()
            self.index = index
            self.label = label

    def __init__(
        self,
        flow: Flow,
        *,
        resume_lines: list[str] | None = None,
        resume_warnings: list[str] | None = None,
        start_label: str = "Start",
        pending: list[str] | None = None,
        pending_labels: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.flow = flow
        self.resume_lines = resume_lines or []
        """Plain facts about a resumed session (file, where it stopped)."""
        self.resume_warnings = resume_warnings or []
        """What the user must know before going on (flow changed, answers not replayed)."""
        self.start_label = start_label
        self.pending = pending or []
        """One line per unfinished autosaved session on offer, newest first."""
        self.pending_labels = pending_labels or [""] * len(self.pending)
        """Each one's case label as it stands ('' for none), to edit with `l`."""

    def compose(self) -> ComposeResult:
        flow = self.flow
        yield TitleBar(flow.title, flow.version, id="title-bar")
        with MarkedScroll(id="welcome"):
            yield Static(plain(flow.title), id="welcome-title")
            yield Static(
                plain(f"Flow {flow.id} · version {flow.version} · SHA-256 {flow.sha256[:12]}…"),
                id="flow-version",
            )
            yield Static(plain(flow.file.flow.disclaimer), id="disclaimer")
            if self.resume_lines or self.resume_warnings:
                lines = [plain(line) for line in self.resume_lines]
                lines += [
                    Content.assemble(("⚠ ", "bold"), (w, "bold")) for w in self.resume_warnings
                ]
                yield Static(Content("\n").join(lines), id="resume-box")
            if self.pending:
                count = len(self.pending)
                found = "1 unfinished session" if count == 1 else f"{count} unfinished sessions"
                yield Static(
                    Content.assemble(
                        (f"{found} found.", "bold"),
                        " ",
                        ("Enter", "bold"),
                        " resumes the highlighted one · ",
                        ("d", "bold"),
                        " discards it (asks first) · ",
                        ("l", "bold"),
                        " labels it · ",
                        ("n", "bold"),
                        " starts a new session (the list stays on offer)",
                    ),
                    id="pending-box",
                )
                yield PendingList(self.pending, id="pending-list")
            if flow.file.flow.summary:
                yield Static(plain(flow.file.flow.summary), id="summary")
            yield Static("Sources", classes="section-title")
            yield Static(sources_content(flow), id="sources")
        hint = (
            Content.assemble(
                ("Enter", "bold"), " resumes the highlighted session · ", ("n", "bold"), " new one."
            )
            if self.pending
            else Content.assemble("Press ", ("Enter", "bold"), f" to {self.start_label.lower()}.")
        )
        yield Static(hint, id="start-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TitleBar).save_state = app_host(self.app).save_state
        if self.pending:
            # Not scrolled to: the disclaimer above it is read first (`more ↓` shows the rest).
            self.query_one(PendingList).focus(scroll_visible=False)

    def help_topic(self) -> HelpTopic:
        return HelpTopic.for_flow(self.flow)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("pending", "label"):
            return bool(self.pending)
        return True

    def highlighted_pending(self) -> int:
        found = self.query(PendingList)
        highlighted = found.first().highlighted if found else None
        return highlighted or 0

    def action_pending(self, resume: bool) -> None:
        index = self.highlighted_pending()
        if resume:
            self.post_message(self.PendingChoice(True, index))
            return
        from lm_tui.ui.modals.confirm import ConfirmModal

        def discard_if_confirmed(discard: bool | None) -> None:
            if discard:
                self.post_message(self.PendingChoice(False, index))

        self.app.push_screen(
            ConfirmModal(
                "Discard?",
                f"Delete this unfinished session for good?\n{self.pending[index]}",
                "discard it",
                "keep it",
            ),
            discard_if_confirmed,
        )

    def action_label(self) -> None:
        """Type a case label for the highlighted session (CaseLabelModal); Esc changes nothing."""
        from lm_tui.ui.modals.case_label import CaseLabelModal

        index = self.highlighted_pending()
        current = self.pending_labels[index] if index < len(self.pending_labels) else ""

        def store_label(label: str | None) -> None:
            if label is not None:
                self.post_message(self.PendingLabel(index, label))

        self.app.push_screen(CaseLabelModal(current), store_label)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # Enter on the list resumes the highlighted session
        self.post_message(self.PendingChoice(True, event.option_index))

    def action_start(self) -> None:
        self.post_message(self.Started())


class PendingList(OptionList):
    """The unfinished sessions, one a row with a `›` pointer (readable without colour)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Resume", tooltip="Resume the highlighted session")
    ]

    def __init__(self, lines: list[str], *, id: str | None = None) -> None:
        self.lines = lines
        super().__init__(*[Option(self.row(i, i == 0)) for i in range(len(lines))], id=id)
        self.pointer_at: int | None = 0

    def row(self, index: int, pointer: bool) -> Content:
        return Content.assemble(("› " if pointer else "  ", "bold"), plain(self.lines[index]))

    def on_mount(self) -> None:
        self.highlighted = 0

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        old, new = self.pointer_at, self.highlighted
        for index in {old, new}:
            if index is not None and index < len(self.lines):
                self.replace_option_prompt_at_index(index, self.row(index, index == new))
        self.pointer_at = new


def sources_content(flow: Flow) -> Content:
    lines = [
        Content.assemble((source_id, "bold"), "  ", source.citation)
        for source_id, source in flow.file.sources.items()
    ]
    return Content("\n").join(lines) if lines else plain("No sources declared.")
