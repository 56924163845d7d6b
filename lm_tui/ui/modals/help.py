"""F1 / `?`: why the question is asked, the cited sources in full, the evidence grade, the keys."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from lm_tui.ui.help_topic import HelpTopic
from lm_tui.ui.plain_text import plain

KEYS = (
    ("1-9, a-z", "pick the option with that key (a checklist ticks it)"),
    ("↑ ↓", "move; in a number field, one step up or down"),
    ("Space", "tick or untick in a checklist"),
    ("Enter", "confirm the answer"),
    ("Esc", "back one question (the answer stays as a suggestion)"),
    ("F1, ?", "this help"),
    ("Ctrl+S", "save (export) the session: TOML, Markdown or FHIR JSON"),
    ("m, F2", "flow map: the decision tree, your path, where you are"),
    ("Ctrl+P", "commands: export, jump to an answer, theme, help"),
    ("Ctrl+Q", "quit (asks first when something is unsaved)"),
)


class HelpModal(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("f1", "close", "Close", show=False),
        Binding("question_mark", "close", "Close", show=False),
    ]

    def __init__(self, topic: HelpTopic) -> None:
        super().__init__(classes="dialog-screen")
        self.topic = topic

    def compose(self) -> ComposeResult:
        topic = self.topic
        with Vertical(classes="dialog", id="help-dialog") as dialog:
            dialog.border_title = plain(f"Help: {topic.title}")
            with VerticalScroll(id="help-scroll"):
                yield Static(plain(topic.text), classes="dialog-text")
                if topic.grade:
                    yield Static(
                        Content.assemble(("Evidence grade: ", "bold"), topic.grade), id="help-grade"
                    )
                if topic.sources:
                    yield Static("Sources", classes="section-title")
                    yield Static(
                        Content("\n").join(
                            Content.assemble((source_id, "bold"), "  ", text)
                            for source_id, text in topic.sources
                        ),
                        id="help-sources",
                    )
                yield Static("Keys", classes="section-title")
                yield Static(
                    Content("\n").join(
                        Content.assemble((f"{key:<9}", "bold"), " ", what) for key, what in KEYS
                    ),
                    id="help-keys",
                )
            yield Static(
                Content.assemble(("Esc", "bold"), " close · ↑↓ scroll"), classes="dialog-keys"
            )

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
