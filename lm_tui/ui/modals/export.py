"""Ctrl+S: save the session as TOML, Markdown or FHIR JSON. A default name in the export folder;
Enter saves.

The format choice has the focus, so the usual save is Ctrl+S, Enter. `t`, `m` or `f` (or an
arrow) picks the format, and the chosen one is marked `●` (the only cursor there is, so it reads
the same without colour); Tab moves to the file name, where Enter saves too. Picking a format
swaps the file name's extension when it is one of the formats' own, and leaves a name the user
chose differently alone. The formats come from `lm_tui.exports.formats.FORMATS`, so the dialog
offers exactly what `replay --format` does. An existing file is replaced only after an explicit `y`.
Errors (missing folder, no permission, disk full) are shown here and the dialog stays open with
the session untouched, so the user can pick another place.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, RadioButton, RadioSet, Static

from lm_tui.exports.formats import DEFAULT_FORMAT, FORMATS, ExportFormat
from lm_tui.flow.errors import LmTuiError
from lm_tui.session import user_paths
from lm_tui.session.engine import Session
from lm_tui.ui import textual_hooks
from lm_tui.ui.inputs import apply_cursor_setting
from lm_tui.ui.modals.confirm import ConfirmModal
from lm_tui.ui.plain_text import plain
from lm_tui.ui.widgets.key_footer import KeyFooter


def default_export_path(session: Session, folder: Path) -> Path:
    """`<flow id>-session-<start time, UTC>.toml`: one name per session, so saving again offers
    to replace the earlier save rather than scattering copies."""
    started = session.started_at
    return folder / f"{session.flow.id}-session-{started:%Y%m%d-%H%M%S}.toml"


def with_format_extension(name: str, fmt: ExportFormat) -> str:
    """`name` with `fmt`'s extension when it ends in one of the formats' extensions; otherwise
    unchanged, because a name the user typed (`note.txt`, `summary`) is theirs to keep."""
    path = Path(name)
    known = {other.extension for other in FORMATS.values()}
    if path.suffix in known and path.suffix != fmt.extension:
        return name[: -len(path.suffix)] + fmt.extension
    return name


class FormatButton(RadioButton):
    """A radio button whose dot is drawn only when chosen: Textual's draws it in both states and
    tells them apart by colour alone, which NO_COLOR removes."""

    def __init__(self, label: str, *, value: bool, id: str, tooltip: str) -> None:
        super().__init__(label, value=value, id=id, tooltip=tooltip)
        self.BUTTON_INNER = "●" if value else " "

    def watch_value(self) -> None:
        # Textual's own watcher sets the `-on` class and posts Changed: keep it, then the dot.
        super().watch_value()
        self.BUTTON_INNER = "●" if self.value else " "
        self.refresh()


FORMAT_LABELS = {"toml": "TOML", "md": "Markdown", "fhir": "FHIR JSON"}
"""Short names for the format buttons (one line at 80 columns); unknown formats show their name."""

FORMAT_KEYS = {"toml": "t", "md": "m", "fhir": "f"}
"""The letter that picks each format in the dialog (shown in its label and in the footer)."""


class FormatChoice(RadioSet):
    """The formats; an arrow or a format's letter picks at once, Enter saves.

    Textual's RadioSet moves a cursor that is shown by colour only and picks on Enter; here the
    cursor and the pick are one, marked `●`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right", "step_format(1)", "Next format", show=False),
        Binding("up,left", "step_format(-1)", "Previous format", show=False),
        Binding("enter", "screen.save", "Save", tooltip="Save in the chosen format"),
        Binding("space", "toggle_button", "Pick", show=False),
        *(
            Binding(key, f"screen.pick_format('{name}')", FORMAT_LABELS.get(name, name))
            for name, key in FORMAT_KEYS.items()
        ),
    ]

    def action_step_format(self, direction: int) -> None:
        # Not by overriding `action_next_button`: the RadioSet calls that itself on mount.
        if direction > 0:
            self.action_next_button()
        else:
            self.action_previous_button()
        button = textual_hooks.highlighted_radio_button(self)
        if isinstance(button, RadioButton) and not button.value:
            button.value = True


class ExportDialog(ModalScreen[Path | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("tab", "app.focus_next", "File name", tooltip="Edit the file name"),
    ]

    def __init__(self, session: Session, folder: Path) -> None:
        super().__init__(classes="dialog-screen")
        self.session = session
        self.folder = folder
        self.format_name = DEFAULT_FORMAT
        """The format the next save writes (a key of FORMATS)."""

    def compose(self) -> ComposeResult:
        state = "complete" if self.session.is_complete else "not complete (saved as it stands)"
        with Vertical(classes="dialog", id="export-dialog") as dialog:
            dialog.border_title = plain("Save the session")
            yield Static(plain(f"The session is {state}."), classes="dialog-text")
            with FormatChoice(id="export-format"):
                for name, fmt in FORMATS.items():
                    key = FORMAT_KEYS.get(name)
                    label = FORMAT_LABELS.get(name, name)
                    yield FormatButton(
                        f"{label} ({key})" if key else label,
                        value=name == self.format_name,
                        id=f"format-{name}",
                        tooltip=fmt.description,
                    )
            yield Static(self.format_line(), id="export-format-description")
            yield Input(str(default_export_path(self.session, self.folder)), id="export-path")
            yield Static("", id="export-error")
            yield Static(
                Content.assemble(
                    ("Enter", "bold"),
                    " save · ",
                    ("t m f", "bold"),
                    " format · ",
                    ("Tab", "bold"),
                    " file name · ",
                    ("Esc", "bold"),
                    " cancel",
                ),
                classes="dialog-keys",
            )
        # The dialog's own keys at the bottom, over the footer of the screen beneath.
        yield KeyFooter()

    def on_mount(self) -> None:
        apply_cursor_setting(self)
        self.show_error("")
        field = self.query_one("#export-path", Input)
        field.cursor_position = len(field.value)
        self.query_one(FormatChoice).focus()

    def action_pick_format(self, name: str) -> None:
        self.query_one(f"#format-{name}", FormatButton).value = True

    def action_save(self) -> None:
        field = self.query_one("#export-path", Input)
        self.on_input_submitted(Input.Submitted(field, field.value))

    def format_line(self) -> Content:
        return plain(f"File ({FORMATS[self.format_name].description}):")

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        button_id = event.pressed.id or ""
        name = button_id.removeprefix("format-")
        if name not in FORMATS:
            return
        self.format_name = name
        self.query_one("#export-format-description", Static).update(self.format_line())
        field = self.query_one("#export-path", Input)
        field.value = with_format_extension(field.value, FORMATS[name])
        field.cursor_position = len(field.value)

    def target(self) -> Path:
        path = Path(self.query_one("#export-path", Input).value.strip()).expanduser()
        return path if path.is_absolute() else self.folder / path

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_error("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self.show_error("Type a file name first.")
            return
        path = self.target()
        try:
            taken = user_paths.exists(path) and not user_paths.is_dir(path)
        except LmTuiError as error:
            self.show_error(f"Not saved: {error}")
            return
        if taken:
            self.app.push_screen(
                ConfirmModal(
                    "File exists",
                    f"{path} already exists. Replace it with this session?",
                    "replace it",
                    "keep it and choose another name",
                ),
                lambda replace: self.save(path, overwrite=True) if replace else None,
            )
            return
        self.save(path, overwrite=False)

    def save(self, path: Path, *, overwrite: bool) -> None:
        from lm_tui.exports.formats import write_session  # deferred: only needed when saving

        try:
            write_session(self.session, path, FORMATS[self.format_name], overwrite=overwrite)
        except LmTuiError as error:
            self.show_error(f"Not saved: {error}")
            return
        self.dismiss(path)

    def show_error(self, message: str) -> None:
        error = self.query_one("#export-error", Static)
        error.update(plain(message))
        error.display = bool(message)

    def action_cancel(self) -> None:
        self.dismiss(None)
