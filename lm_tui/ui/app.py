"""The app: owns the session, shows one screen per node, applies what the screens hand back.

The flow loop: the node the session is at is shown in the screen for its kind (`present`),
one screen per node kind, built once (most of them ahead, see backstage.py) and refilled for
each node of that kind; it takes the place of the screen before (`show_screen` switches, it
does not stack them). A screen never changes the session: it posts a `NodeScreen.Answered`
message with an Answer, GoBack or EditRequest (results.py). The app applies that to the
session and autosaves it, asks in a modal for the acknowledgement of any critical pitfall the
answer raised (the modal's `dismiss` hands back an Acknowledgement), and shows the node that
is now current. The session is the only state; every screen is refilled from it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.screen import ModalScreen, Screen

from lm_tui.flow.errors import AnswerError, LmTuiError
from lm_tui.flow.visible_text import visible
from lm_tui.garbage_collection import resume_after_first_paint
from lm_tui.resources import screens_dir
from lm_tui.session.engine import AcknowledgementRequired, Session
from lm_tui.ui import textual_hooks
from lm_tui.ui.backstage import THEMES, Backstage
from lm_tui.ui.display import name_label, node_heading
from lm_tui.ui.results import Acknowledgement, Answer, EditRequest, GoBack, NodeResult
from lm_tui.ui.screens.node import NodeScreen
from lm_tui.ui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen
from lm_tui.ui.styles import SHARED, style_files_for

if TYPE_CHECKING:  # the autosave module is loaded by the command line, not at import
    from lm_tui.session.autosave import Autosaver, PendingSession
    from lm_tui.ui.app_host import AppHost
    from lm_tui.ui.screens.welcome import WelcomeScreen


def stylesheets() -> list[str | PurePath]:
    """Every `screens/*.tcss`, base first: the look lives beside the flows, not in the code."""
    files = sorted(screens_dir().glob("*.tcss"))
    return [*sorted(files, key=lambda path: path.name != "base.tcss")]


def shared_stylesheets() -> list[str | PurePath]:
    """The files read at start; the others come with the first screen that needs them."""
    return [screens_dir() / name for name in SHARED]


def saved_content(session: Session) -> tuple[object, ...]:
    """What a save of the session keeps that matters to the user: the answers on the path,
    the acknowledgements and the notes (not the steps back and forth that led to them)."""
    return (
        tuple(session.answers.items()),
        tuple(sorted(session.acknowledged)),
        tuple((note.node, note.text) for note in session.notes),
    )


def session_commands_provider() -> type[Provider]:
    """The palette's commands in the app's own order (loaded when the palette first opens)."""
    from lm_tui.ui.palette import SessionCommandsProvider

    return SessionCommandsProvider


NOTHING_SAVED: tuple[object, ...] = ((), (), ())
"""`saved_content` of a session with nothing in it."""


class LmTuiApp(App[int]):
    """Walks one session of a flow; exit code 0 (the CLI boundary handles everything else)."""

    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {
        session_commands_provider
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+q",
            "request_quit",
            "Quit",
            priority=True,
            id="quit",
            tooltip="Quit; asks first when the session has unsaved changes",
        ),
        Binding(
            "ctrl+s",
            "export",
            "Export",
            priority=True,
            id="export",
            tooltip="Save the session (TOML), or export it as Markdown or FHIR JSON",
        ),
        Binding("f1", "help", "Help", id="help", tooltip="Why this question, sources, keys"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("m", "flow_map", "Map", id="flow-map", tooltip="The decision tree and your path"),
        # F2 too: in a text field (a number, a note) `m` is typed, not a key for the map.
        Binding("f2", "flow_map", "Map", show=False),
    ]

    def __init__(
        self,
        session: Session,
        export_dir: Path,
        *,
        resume_lines: list[str] | None = None,
        resume_warnings: list[str] | None = None,
        blink: bool = True,
        clock: Callable[[], datetime] | None = None,
        autosaver: Autosaver | None = None,
        pending: list[PendingSession] | None = None,
    ) -> None:
        super().__init__(css_path=shared_stylesheets())
        self.session = session
        self.export_dir = export_dir
        self.resume_lines = resume_lines or []
        self.resume_warnings = resume_warnings or []
        self.blink = blink
        """Cursor blink in text fields; off in tests and screenshots so they are deterministic."""
        self.clock = clock
        if clock is not None:
            session.clock = clock
        self.autosaver = autosaver
        """Writes the session to the data folder after every change (None: no autosave)."""
        self.pending = [found for found in pending or [] if not found.in_use]
        """Unfinished autosaved sessions found at start; the welcome screen lists them.
        Sessions live in another window (`in_use`) are never offered: only mentioned."""
        self.pending_in_use = [found for found in pending or [] if found.in_use]
        self.saved_content: tuple[object, ...] = saved_content(session)
        """What the last save (or the resumed file) holds; a new session's (or a resumed
        autosave's) is the empty session's. Different content now means unsaved changes:
        going back from the outcome and forth again changes nothing."""
        self.last_export: Path | None = None
        self.started = False
        """Set once the first screen is up; size checks before that would sit under it."""
        self.node_screens: dict[str, NodeScreen] = {}
        """One reusable screen per node kind, built ahead (`build_ahead`) or on first use."""
        self.collection_paused = False
        """True while garbage collection is paused for the start (`lm-tui run`, see cli/run.py);
        the app resumes it after its first paint."""
        self.start_note = False
        """True from a start without the welcome screen until the first answer: the question
        screens then carry the disclaimer, flow and sources (see widgets/start_note.py)."""
        self.title = session.flow.title
        self.backstage = Backstage(self)
        """The work behind the screens: building ahead, holding the collector for a key press,
        the palette's commands (see backstage.py)."""

    # --- state ----------------------------------------------------------------------------------

    @property
    def unsaved(self) -> bool:
        return saved_content(self.session) != self.saved_content

    @property
    def save_state(self) -> str:
        if self.unsaved:
            return "unsaved changes"
        return "saved" if self.last_export else ""

    @property
    def built_ahead(self) -> asyncio.Event:
        """Set when building ahead has finished (or failed)."""
        return self.backstage.built

    # --- start ----------------------------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Literal["information", "warning", "error"] = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A notification shown as written: its text names paths, answers and flow text, which
        Textual would otherwise read as markup; control characters are made visible."""
        super().notify(
            visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False
        )

    def on_mount(self) -> None:
        if self.needs_welcome():
            self.push_screen(self.welcome_screen())
        else:
            # Nothing to decide first: straight to the question. The welcome's disclaimer, flow
            # and sources ride along on that screen (StartNote) until the first answer.
            self.start_note = True
            self.show_current()
            if self.resume_lines:
                self.notify("\n".join(self.resume_lines), title="Session resumed", timeout=8)
        if self.pending_in_use:
            self.notify(
                "\n".join(found.describe(self.session.flow) for found in self.pending_in_use),
                title="Unfinished session(s) left alone",
                timeout=8,
            )
        self.catch_stop_signals()
        self.started = True
        self.check_size()
        if self.collection_paused:
            self.call_after_refresh(self.resume_collection)

    def catch_stop_signals(self) -> None:
        """SIGTERM and SIGHUP (a closed terminal window, a `kill`) end the app the way Ctrl+Q
        does: the session is autosaved, then Textual leaves the alternate screen, turns mouse
        reporting off and shows the cursor again. Without this the process died mid-screen and
        left the terminal unusable. (Windows has neither signal: nothing to catch there.)"""
        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is None:
                continue
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(number, self.stop_on_signal, number)

    def stop_on_signal(self, number: int) -> None:
        with contextlib.suppress(Exception):  # never let a failing save keep the app running
            if self.autosaver is not None:
                self.autosaver.save(self.session)
        self.exit(return_code=128 + number)

    def resume_collection(self) -> None:
        """After the first screen is painted, collection resumes. The long-lived objects are
        frozen out of it once the other screens are built (`build_ahead`), by the backstage,
        which also hands them back when the app exits."""
        self.collection_paused = False
        resume_after_first_paint()

    def needs_welcome(self) -> bool:
        """The welcome screen comes first only when something must be read or decided before
        a question: an unfinished session to resume or discard, or warnings about a resumed one."""
        return bool(self.pending_offer() or self.resume_warnings)

    def pending_offer(self) -> list[str]:
        """One line per unfinished session offered for resuming (none once this one began)."""
        if self.session.events:
            return []
        return [pending.describe(self.session.flow) for pending in self.pending]

    def build_ahead(self) -> None:
        """Call once the first question is painted: the other kinds' screens are built while
        it is read, so no later key press waits for one (see `lm_tui/ui/backstage.py`)."""
        work = self.backstage.start_building()
        if work is not None:
            self.run_worker(work, name="build-ahead", group="build-ahead")

    async def _shutdown(self) -> None:
        # A screen being built unseen (build_ahead) must finish mounting before the app closes
        # its screens: closing one half-mounted raises inside Textual's own widgets (the outcome
        # screen's tabs), and a quit in the first tenth of a second after the start ended in a
        # traceback. Building takes tens of milliseconds; the wait is bounded all the same.
        # Overrides a private method of Textual (listed in textual_hooks.py); both `run` and
        # `run_test` end through it.
        await self.backstage.wait_until_built(timeout=2)
        await super()._shutdown()

    def on_unmount(self) -> None:
        self.backstage.close()
        if self.autosaver is not None:
            # The session is no longer live: another window may now resume what was left.
            self.autosaver.close()

    def welcome_screen(self) -> WelcomeScreen:
        from lm_tui.ui.screens.welcome import WelcomeScreen  # not needed on a plain start

        resumed = bool(self.resume_lines or self.resume_warnings)
        return WelcomeScreen(
            self.session.flow,
            resume_lines=self.resume_lines,
            resume_warnings=self.resume_warnings,
            start_label="Continue the session" if resumed else "Start",
            pending=self.pending_offer(),
            pending_labels=[pending.case_label for pending in self.pending],
        )

    def drop_start_note(self) -> None:
        """After the first change to the session, the question screens go without the note."""
        if not self.start_note:
            return
        self.start_note = False
        for screen in self.node_screens.values():
            screen.query("#start-note").remove()

    def on_welcome_screen_pending_choice(self, message: WelcomeScreen.PendingChoice) -> None:
        """Resume (`r`) or discard (`d`) the unfinished session the welcome screen offered."""
        if not self.pending or self.autosaver is None:
            return
        pending = self.pending.pop(min(message.index, len(self.pending) - 1))
        try:
            if message.resume:
                restored = self.autosaver.resume(pending, self.session.flow)
                warnings = [f"Not replayed: {problem}" for problem in restored.problems]
                if restored.flow_changed:
                    warnings.insert(
                        0,
                        "The flow file has changed since this session was "
                        "recorded. Check every answer and the outcome again.",
                    )
                self.replace_session(
                    restored.session,
                    [f"Resumed the unfinished session {pending.path.name}."],
                    warnings,
                )
            else:
                self.autosaver.discard(pending)
                self.notify(f"Discarded {pending.path.name}.", title="Unfinished session")
        except LmTuiError as error:
            self.notify(str(error), title="Unfinished session", severity="error", timeout=10)
        self.show_screen(self.welcome_screen())

    def on_welcome_screen_pending_label(self, message: WelcomeScreen.PendingLabel) -> None:
        """Store the case label typed for an unfinished session; the list shows it at once."""
        if not self.pending or self.autosaver is None:
            return
        index = min(message.index, len(self.pending) - 1)
        try:
            self.pending[index] = self.autosaver.label(self.pending[index], message.label)
        except LmTuiError as error:
            self.notify(str(error), title="Case label", severity="error", timeout=10)
            return
        screen = self.welcome_screen()
        self.show_screen(screen)
        screen.call_after_refresh(self._highlight_pending, screen, index)

    @staticmethod
    def _highlight_pending(screen: WelcomeScreen, index: int) -> None:
        from lm_tui.ui.screens.welcome import PendingList

        found = screen.query(PendingList)
        if found:
            found.first().highlighted = index

    def replace_session(self, session: Session, lines: list[str], warnings: list[str]) -> None:
        """Go on with another session (a resumed autosave); the reusable screens are rebuilt."""
        session.interface = "tui"
        if self.clock is not None:
            session.clock = self.clock
        self.session = session
        self.resume_lines, self.resume_warnings = lines, warnings
        self.saved_content = NOTHING_SAVED  # an autosave is a safety copy, not the user's save
        for kind, screen in list(self.node_screens.items()):
            if screen not in self.screen_stack:
                self.uninstall_screen(screen)
            del self.node_screens[kind]

    def on_welcome_screen_started(self, message: WelcomeScreen.Started) -> None:
        self.show_current()

    # --- style files, read when a screen first needs them ---------------------------------------

    def load_styles_for(self, screen: object) -> None:
        """Read the style files a screen (or a screen class) needs and the app has not read
        yet (see styles.py)."""
        if isinstance(screen, Screen):
            screen_type: type = type(screen)
        elif isinstance(screen, type) and issubclass(screen, Screen):
            screen_type = screen
        else:
            return  # a name: installed, so its styles are in already
        wanted = style_files_for(screen_type)
        paths = stylesheets() if wanted is None else [screens_dir() / name for name in wanted]
        stylesheet = self.stylesheet
        added = False
        for path in paths:
            if not stylesheet.has_source(os.path.abspath(path), ""):
                stylesheet.read(path)  # parsed when next needed; the other files stay parsed
                added = True
        if added and self.is_running:
            # Only widgets of screens not yet mounted match the new rules (styles.py); those
            # already on show get their styles again only when the whole CSS is refreshed.
            stylesheet.parse()

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        self.load_styles_for(screen)
        return super().push_screen(screen, *args, **kwargs)

    def switch_screen(self, screen: Any) -> Any:
        self.load_styles_for(screen)
        return super().switch_screen(screen)

    def install_screen(self, screen: Screen[Any], name: str) -> None:
        self.load_styles_for(screen)
        super().install_screen(screen, name)

    # --- the flow loop --------------------------------------------------------------------------

    def show_current(self, notice: str = "", *, after_answer: bool = False) -> None:
        """Show the node the session is at; after an answer, first any critical pitfall."""
        self.present(self.session.current, notice=notice)
        if self.session.unacknowledged_critical() and (
            after_answer or not self.session.is_complete
        ):
            self.ask_acknowledgement(escape_goes_back=True)

    def present(self, node_id: str, *, editing: bool = False, notice: str = "") -> None:
        """Show `node_id` in the screen for its kind: built once per kind, then refilled."""
        from lm_tui.ui.screens import screen_for

        kind = self.session.flow.nodes[node_id].kind
        screen = self.node_screens.get(kind)
        if screen is None:
            screen = screen_for(self.session, node_id, editing=editing, notice=notice)
            self.node_screens[kind] = screen
            self.install_screen(screen, name=f"node-{kind}")
        else:
            screen.show_node(node_id, editing=editing, notice=notice)
        self.show_screen(screen)

    def show_screen(self, screen: Screen[Any]) -> None:
        """Make `screen` the session's screen: dialogs over the old one close, and the
        too-small notice stays on top if it is up."""
        too_small = any(isinstance(s, TooSmallScreen) for s in self.screen_stack)
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) == 1:
            self.push_screen(screen)
        else:
            self.switch_screen(screen)
        if too_small:
            self.push_screen(TooSmallScreen())

    def on_node_screen_answered(self, message: NodeScreen.Answered) -> None:
        self.hold_collection_until_painted()
        self.on_node_result(message.result)

    def hold_collection_until_painted(self) -> None:
        """No collector pass until the screen this key press leads to is painted: the passes
        that fall due meanwhile run right after it (see `backstage.py`)."""
        if self.backstage.hold_collection():
            # Runs after the next refresh of the screen on top once this handler is done:
            # the one the answer leads to (the next question, the outcome or a dialog).
            self.call_after_refresh(self.backstage.release_collection)

    def on_node_result(self, result: NodeResult | None) -> None:
        if isinstance(result, Answer):
            self.apply_answer(result)
        elif isinstance(result, GoBack):
            self.go_back(leave_edit=result.editing)
        elif isinstance(result, EditRequest):
            self.edit_node(result.node)

    def apply_answer(self, answer: Answer) -> None:
        editing = answer.editing
        if not editing and answer.node != self.session.current:
            return  # a second Enter that arrived before the screen moved on
        returning = self.session.edit_pending
        try:
            if editing:
                self.session.edit(answer.node, answer.raw)
            else:
                self.session.answer(answer.raw)
        except AcknowledgementRequired:
            self.show_current()
            return
        except AnswerError as error:  # the screens check first; this is the engine's last word
            self.present(answer.node, editing=editing, notice=f"Not accepted: {error}")
            return
        if answer.note:
            self.session.note(answer.note, node_id=answer.node)
        notice = self.edit_notice(answer.node, editing=editing, returning=returning)
        self.session_changed()
        self.show_current(notice, after_answer=True)

    def edit_notice(self, node_id: str, *, editing: bool, returning: bool) -> str:
        """What an edit did: the question new on the path, then the answers that left it."""
        flow = self.session.flow
        if self.session.edit_pending:
            if not editing:
                return "A question new on this path; your later answers are kept."
            return (
                f"Changed: {node_heading(flow, node_id)}. This question is new on the path; "
                "your later answers are kept and used where they still apply."
            )
        if not (editing or returning):
            return ""
        changed = f"Changed: {node_heading(flow, node_id)}. " if editing else ""
        dropped = [name_label(flow, name) for name in self.session.last_dropped]
        if not dropped:
            return f"{changed}Every other answer still applies and was kept."
        message = (
            f"{changed}These answers left the path and were dropped: " + "; ".join(dropped) + "."
        )
        self.notify(message, title="Answers dropped", severity="warning", timeout=8)
        return message

    def go_back(self, *, leave_edit: bool = False) -> None:
        if leave_edit:
            self.show_current()
            return
        if self.session.back():
            self.session_changed()
            self.show_current()
        else:
            self.show_screen(self.welcome_screen())

    def edit_node(self, node_id: str) -> None:
        if not any(step.node == node_id and step.variable for step in self.session.path):
            self.notify(f"'{node_id}' is not an answer on this path.", severity="error")
            return
        self.present(node_id, editing=True)

    def session_changed(self) -> None:
        """After every change to the session: autosave it, so a crash loses nothing."""
        self.drop_start_note()
        if self.autosaver is None:
            return
        if not self.unsaved:
            # The same as the last export (Esc from the outcome, then Enter): nothing to lose,
            # so nothing is left on offer as unfinished.
            try:
                self.autosaver.discard()
            except LmTuiError as error:
                self.notify(str(error), title="Autosave", severity="warning", timeout=10)
            return
        warning = self.autosaver.save_or_warn(self.session)
        if warning:
            self.notify(warning, title="Autosave", severity="warning", timeout=10)

    # --- critical pitfalls ----------------------------------------------------------------------

    def ask_acknowledgement(
        self, *, escape_goes_back: bool, position: int = 1, total: int | None = None
    ) -> None:
        """One modal per unacknowledged critical pitfall, in the flow's order."""
        from lm_tui.ui.modals.acknowledge import AcknowledgeModal

        pending = self.session.unacknowledged_critical()
        if not pending:
            return
        total = total or len(pending)
        self.push_screen(
            AcknowledgeModal(
                self.session.flow, pending[0], position, total, escape_goes_back=escape_goes_back
            ),
            lambda result: self.on_acknowledgement(result, escape_goes_back, position, total),
        )

    def on_acknowledgement(
        self, result: Acknowledgement | None, escape_goes_back: bool, position: int, total: int
    ) -> None:
        if result is None:
            return
        self.hold_collection_until_painted()
        if result.acknowledged:
            self.session.acknowledge(result.pitfall)
            self.session_changed()
            if self.session.unacknowledged_critical():
                self.ask_acknowledgement(
                    escape_goes_back=escape_goes_back, position=position + 1, total=total
                )
            else:
                self.show_current()
        elif escape_goes_back:
            self.session.back()
            self.session_changed()
            self.show_current()

    def action_acknowledge_pending(self) -> None:
        self.ask_acknowledgement(escape_goes_back=False)

    # --- keys everywhere ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "acknowledge_pending":
            # Offered (and shown in the footer) only while a critical pitfall waits.
            return bool(self.session.unacknowledged_critical())
        if action == "flow_map":
            # Not over a dialog (a pitfall waiting for `a` must be answered first) nor twice.
            on_map = self.flow_map_on_top()
            return not (on_map or isinstance(self.screen, ModalScreen | TooSmallScreen))
        # While the terminal is too small nothing may open over the notice; quitting still works.
        blocked = ("export", "help", "command_palette")
        return not (action in blocked and isinstance(self.screen, TooSmallScreen))

    def flow_map_on_top(self) -> bool:
        """Whether the screen on top is the flow map. Its module is imported when the map is
        first opened, not at the start (this runs for every footer update): until then no
        screen can be one."""
        if "lm_tui.ui.screens.flow_map" not in sys.modules:
            return False
        from lm_tui.ui.screens.flow_map import FlowMapScreen

        return isinstance(self.screen, FlowMapScreen)

    def action_flow_map(self) -> None:
        """Show the flow map over the current screen; it changes nothing, Esc comes back."""
        from lm_tui.ui.screens.flow_map import FlowMapScreen  # not needed to start

        if not self.check_action("flow_map", ()):
            return  # the command palette calls this directly, past the key check
        self.push_screen(FlowMapScreen(self.session, self.save_state))

    def action_help(self) -> None:
        from lm_tui.ui.modals.help import HelpModal

        topic = getattr(self.screen, "help_topic", None)
        if callable(topic):
            self.push_screen(HelpModal(topic()))

    def action_export(self) -> None:
        from lm_tui.ui.modals.export import ExportDialog

        if any(isinstance(s, ExportDialog) for s in self.screen_stack):
            return
        dialog = ExportDialog(self.session, self.export_dir)
        self.push_screen(dialog, lambda path: self.on_exported(path, dialog.format_name))

    def on_exported(self, path: Path | None, format_name: str = "toml") -> None:
        if path is None:
            return
        if format_name != "toml":
            # A Markdown or FHIR file cannot be resumed: the session still needs a TOML save
            # (and the autosaved copy stays) before quitting stops asking.
            self.notify(f"Written to {path}", title="Session exported", timeout=6)
            return
        self.saved_content = saved_content(self.session)
        self.last_export = path
        self.refresh_save_state()
        if self.autosaver is not None:
            try:
                self.autosaver.discard()  # saved for real: the safety copy is not needed now
            except LmTuiError as error:
                self.notify(str(error), title="Autosave", severity="warning", timeout=10)
        self.notify(f"Saved to {path}", title="Session saved", timeout=6)

    def refresh_save_state(self) -> None:
        from lm_tui.ui.widgets.title_bar import TitleBar

        for screen in {*self.screen_stack, *self.node_screens.values()}:
            for bar in screen.query(TitleBar):
                bar.save_state = self.save_state

    def action_request_quit(self) -> None:
        if not self.unsaved:
            self.exit(0)
            return
        from lm_tui.ui.modals.confirm import ConfirmModal

        if any(isinstance(s, ConfirmModal) and s.id == "quit-confirm" for s in self.screen_stack):
            return
        modal = ConfirmModal(
            "Quit?",
            "The session has changes that are not saved. Quit anyway? (Ctrl+S saves it first.)",
            "quit without saving",
            "stay",
        )
        modal.id = "quit-confirm"
        self.push_screen(modal, lambda quit_now: self.exit(0) if quit_now else None)

    def action_set_theme(self, name: str) -> None:
        self.theme = THEMES[name]

    # --- command palette ------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from self.backstage.commands()

    # --- terminal size --------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        # The event's size, not `self.size`: the app applies a resize a moment later. Before
        # mount the welcome screen is not there yet; `on_mount` checks once it is.
        if self.started:
            self.check_size(event.size.width, event.size.height)

    def check_size(self, width: int | None = None, height: int | None = None) -> None:
        if width is None or height is None:
            width, height = self.size
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        on_top = isinstance(self.screen, TooSmallScreen)
        if too_small and not any(isinstance(s, TooSmallScreen) for s in self.screen_stack):
            self.push_screen(TooSmallScreen())
        elif not too_small and on_top:
            self.pop_screen()

    # --- a bug must not print a traceback over the terminal --------------------------------------

    def _fatal_error(self) -> None:
        # Textual would print a rich traceback on exit; lm-tui's CLI boundary reports the error
        # in one line instead and saves the details (see cli/run_app.py). A private hook: see
        # textual_hooks.py.
        self.bell()
        textual_hooks.close_after_fatal_error(self)

    @property
    def crash(self) -> BaseException | None:
        """The unexpected error that stopped the app, if any."""
        return textual_hooks.crash(self)


if TYPE_CHECKING:

    def _as_host(app: LmTuiApp) -> AppHost:
        return app  # for mypy: the app has what its screens read of it (app_host.py)
