"""`lm-tui teach` without a case id: choose a case from a list (Enter starts it).

A small app of its own: it returns the chosen case id, and the teaching app then starts on it,
so the clinical app never needs a session that does not exist yet.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from lm_tui.teaching.cases import Case, CaseFolder
from lm_tui.ui import textual_hooks
from lm_tui.ui.app import stylesheets
from lm_tui.ui.plain_text import plain


class CasePickerScreen(Screen[str | None]):
    """Every case by title; the objectives of the highlighted one below the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Quit", tooltip="Leave without starting a case"),
        Binding("ctrl+q", "leave", "Quit", show=False, priority=True),
    ]

    def __init__(self, folder: CaseFolder) -> None:
        super().__init__()
        self.cases = folder.cases
        self.unreadable = len(folder.errors)

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(("Teaching cases", "bold")), id="picker-title")
        with Vertical(id="picker-body"):
            yield OptionList(*(case_option(case) for case in self.cases), id="case-list")
            yield Static("", id="case-preview")
        if self.unreadable:
            yield Static(
                plain(
                    f"{self.unreadable} case file(s) could not be read and are not listed; "
                    "run `lm-tui check` to see why."
                ),
                id="picker-warning",
            )
        yield Static(
            Content.assemble(
                ("↑ ↓", "bold"),
                " choose · ",
                ("Enter", "bold"),
                " start · ",
                ("Esc", "bold"),
                " quit",
            ),
            id="picker-keys",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        if self.cases:
            self.show_preview(0)
        else:
            self.query_one("#case-preview", Static).update("No teaching cases found.")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_preview(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.cases[event.option_index].id)

    def show_preview(self, index: int) -> None:
        case = self.cases[index]
        lines = [
            Content.assemble(
                ("You will learn to", "bold"), "  ", (f"(lm-tui teach {case.id})", "dim")
            )
        ]
        lines += [plain(f"• {objective}") for objective in case.objectives]
        self.query_one("#case-preview", Static).update(Content("\n").join(lines))

    def action_leave(self) -> None:
        self.dismiss(None)


def case_option(case: Case) -> Option:
    return Option(plain(case.title), id=case.id)


class CasePickerApp(App[str | None]):
    """Shows the picker; `return_value` is the chosen case id, or None when the user left."""

    def __init__(self, folder: CaseFolder) -> None:
        css: list[str | PurePath] = stylesheets()
        super().__init__(css_path=css)
        self.folder = folder
        self.title = "Teaching cases"

    def on_mount(self) -> None:
        self.push_screen(CasePickerScreen(self.folder), self.exit)

    def _fatal_error(self) -> None:
        # As in LmTuiApp: no rich traceback over the terminal; the CLI boundary reports it.
        self.bell()
        textual_hooks.close_after_fatal_error(self)

    @property
    def crash(self) -> BaseException | None:
        """The unexpected error that stopped the app, if any."""
        return textual_hooks.crash(self)
