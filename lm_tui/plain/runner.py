"""The plain-mode session loop: ask, check, answer, and say what changed, until the outcome.

The engine does every check; this loop only turns lines into answers and answers into lines.
End of input is never a crash: the answers so far are printed, an unfinished session is saved
only when the user asked for that (`--keep-partial`, or `quit` and a file name), and the exit
code tells a script the flow was not completed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from lm_tui.exports.formats import FORMATS, ExportFormat, write_session
from lm_tui.flow.errors import AnswerError, ExportError
from lm_tui.flow.records import MultiVariable
from lm_tui.plain import questions
from lm_tui.plain.console import Console, InputEnded
from lm_tui.plain.report import (
    answers_lines,
    outcome_lines,
    panel_state,
    pitfall_lines,
)
from lm_tui.session import user_paths
from lm_tui.session.autosave import AutosaveError, Autosaver
from lm_tui.session.engine import Session
from lm_tui.session.flow_map import session_flow_map
from lm_tui.session.plan_check import not_planned_line, option_marks, recommended_not_planned
from lm_tui.session.summary_text import shown

EXIT_DONE = 0
EXIT_EXPORT_FAILED = 2
EXIT_INCOMPLETE = 3
"""The flow was not completed (input ended or the user quit); a script can tell from this."""
EXIT_INTERRUPTED = 130

_ACK_WORDS = frozenset({"ack", "y", "yes"})


@dataclass(frozen=True)
class ExportTarget:
    """Where and how to save: `--export FILE` or `--export-dir DIR`, and `--format`."""

    file: Path | None
    folder: Path | None
    fmt: ExportFormat
    overwrite: bool = False
    keep_partial: bool = False

    @property
    def given(self) -> bool:
        return self.file is not None or self.folder is not None

    def path_for(self, session: Session, when: datetime) -> Path | None:
        if self.file is not None:
            return self.file
        if self.folder is None:
            return None
        stem = f"{session.flow.id}-{when.astimezone(UTC):%Y%m%d-%H%M%S}"
        candidate = self.folder / f"{stem}{self.fmt.extension}"
        counter = 2
        while user_paths.exists(candidate) and not self.overwrite:
            candidate = self.folder / f"{stem}-{counter}{self.fmt.extension}"
            counter += 1
        return candidate


class Quit(Exception):
    """The user typed `quit`."""


class PlainRunner:
    def __init__(
        self,
        session: Session,
        console: Console,
        target: ExportTarget,
        autosaver: Autosaver | None = None,
    ) -> None:
        self.session = session
        self.autosaver = autosaver
        """Writes the session to the data folder after every event, as the app does."""
        self.console = console
        self.target = target
        self.flow = session.flow
        self._panels: dict[str, str] = {}
        self._announced: set[str] = set()
        self._prompt_shown = False

    # --- the loop -----------------------------------------------------------------------------

    def first_screen(self) -> str:
        """Exactly what is printed before the first answer is read (the start-up cache holds it)."""
        lines = questions.header_lines(self.flow)
        lines += self._question(self.session.current)
        return "\n".join(lines) + "\n" + questions.input_prompt(self.flow, self.session.current)

    def run(self, first_screen_shown: bool = False) -> int:
        """Walk to the outcome and save; the exit code for the command line."""
        self._prompt_shown = first_screen_shown
        if not first_screen_shown:
            self.console.show_prompt(self.first_screen())
            self._prompt_shown = True
        try:
            while True:
                self._autosave()
                if self.session.unacknowledged_critical():
                    self._acknowledge(self.session.unacknowledged_critical()[0])
                    continue
                if self.session.is_complete:
                    code = self._finish()
                    if code is not None:
                        return code
                    continue
                self._ask_current()
        except InputEnded:
            return self._input_ended()
        except Quit:
            return self._quit()
        except KeyboardInterrupt:
            self.console.say("", "Interrupted.")
            self.console.say(*answers_lines(self.session))
            self._autosave()
            self.console.say("Nothing was exported.")
            self._say_autosaved()
            return EXIT_INTERRUPTED

    def _question(self, node_id: str) -> list[str]:
        previous = self.session.previous_answer(node_id)
        variable = self.flow.asked_variable(node_id)
        before = (
            shown(self.session, variable, previous) if variable and previous is not None else None
        )
        number = sum(1 for step in self.session.path if step.variable) + 1
        lines = questions.question_lines(self.flow, node_id, number, before)
        return lines + self._option_marks(node_id, previous)

    def _option_marks(self, node_id: str, previous: object) -> list[str]:
        """After a checklist: what the answers say about each option, and the recommended
        items no ticked option carries out (as the app marks them)."""
        variable = self.flow.asked_variable(node_id)
        if variable is None or not isinstance(self.flow.variables[variable], MultiVariable):
            return []
        ticked = previous if isinstance(previous, frozenset) else frozenset()
        offered = self.flow.offered_values(node_id)
        found = option_marks(self.flow, variable, self.session.answers, ticked, offered)
        lines = [
            f"  {offered.index(option) + 1}) {mark.text}"
            for option in offered
            for mark in found[option]
        ]
        missing = recommended_not_planned(self.flow, variable, self.session.answers, ticked)
        return lines + ([f"  {not_planned_line(missing)}"] if missing else [])

    def _ask_current(self) -> None:
        node_id = self.session.current
        prompt = questions.input_prompt(self.flow, node_id)
        if self._prompt_shown:
            line = self.console.read()
            self._prompt_shown = False
        else:
            self.console.say(*self._question(node_id))
            line = self.console.ask(prompt)
        handled = self._command(line, node_id)
        while handled == "asked_again":
            line = self.console.ask(prompt)
            handled = self._command(line, node_id)
        if handled == "went_back":
            return
        try:
            raw = questions.parse_answer(self.flow, node_id, line)
            if line == "" and raw == [] and self._keeps_earlier_ticks(node_id):
                earlier = self.session.previous_answer(node_id)
                raw = sorted(earlier) if isinstance(earlier, frozenset) else []
            self.session.answer(raw)
        except AnswerError as error:
            self.console.say(f"Not accepted: {error}.")
            self.console.show_prompt(prompt)
            self._prompt_shown = True
            return
        self._say_recorded(node_id)
        node = self.flow.nodes[node_id]
        if getattr(node, "allow_note", False):
            self._autosave()  # the answer is safe before the note is asked for
            note = self.console.ask("Add a note (optional; press Enter to skip) > ")
            if note:
                self.session.note(note, node_id=node_id)
        self._say_changes()

    def _keeps_earlier_ticks(self, node_id: str) -> bool:
        """An empty line on a checklist answered before: none, or the earlier ticks? Asked,
        never guessed; True keeps the earlier answer."""
        variable = self.flow.asked_variable(node_id)
        previous = self.session.previous_answer(node_id)
        if variable is None or not isinstance(previous, frozenset) or not previous:
            return False
        earlier = shown(self.session, variable, previous)
        while True:
            reply = self.console.ask(
                f"Nothing typed. Record none? y = none, n = keep the earlier answer ({earlier}) > "
            ).lower()
            if reply in ("y", "yes"):
                return False
            if reply in ("n", "no"):
                return True
            self.console.say("Type y (record none) or n (keep the earlier answer).")

    def _say_recorded(self, node_id: str) -> None:
        """Echo every answer as recorded, so a typed `1,2` or `80%` is never taken silently."""
        variable = self.flow.asked_variable(node_id)
        value = self.session.answers.get(variable) if variable else None
        if variable is not None and value is not None:
            self.console.say(f"Recorded: {shown(self.session, variable, value)}")

    def _command(self, line: str, node_id: str) -> Literal["asked_again", "went_back"] | None:
        """Handle help/back/map/quit; None when the line is an answer, not a command."""
        word = line.lower()
        if word in ("help", "?", "h"):
            self.console.say(*questions.help_lines(self.flow, node_id))
            return "asked_again"
        if word == "map":
            self.console.say("", "Flow map ([x] answered, [>] you are here, -> route taken):")
            self.console.say(*(map_line.text for map_line in session_flow_map(self.session)))
            return "asked_again"
        if word in ("quit", "exit"):
            raise Quit
        if word in ("back", "b"):
            if not self.session.back():
                self.console.say("This is the first question; there is nothing to go back to.")
                return "asked_again"
            self.console.say("Going back one question; that answer was removed.")
            self._say_changes()
            return "went_back"
        return None

    def _say_changes(self) -> None:
        """Print panels that changed and pitfalls newly raised or no longer raised."""
        if self.session.last_dropped:
            labels = [self.flow.variables[v].label for v in self.session.last_dropped]
            self.console.say(f"These answers no longer apply and were removed: {', '.join(labels)}")
        state = panel_state(self.session)
        for title, line in state.items():
            if self._panels.get(title) != line:
                self.console.say(line)
        self._panels = state
        raised = self.session.raised_pitfalls()
        for pit_id in sorted(self._announced - set(raised)):
            self.console.say(f"No longer raised: {self.flow.pitfalls[pit_id].title}")
        self._announced &= set(raised)
        for pit_id in raised:
            if pit_id not in self._announced:
                self._announced.add(pit_id)
                if self.flow.pitfalls[pit_id].severity != "critical":
                    self.console.say(*pitfall_lines(self.session, pit_id))

    def _acknowledge(self, pit_id: str) -> None:
        self.console.say("", *pitfall_lines(self.session, pit_id))
        prompt = "Type ack (or y) to acknowledge and go on, or back to change the answer > "
        while True:
            line = self.console.ask(prompt).lower()
            if line in _ACK_WORDS:
                self.session.acknowledge(pit_id)
                self.console.say("Acknowledged.")
                return
            if line in ("back", "b"):
                self.session.back()
                self.console.say("Going back one question; that answer was removed.")
                self._say_changes()
                return
            if line in ("quit", "exit"):
                raise Quit
            self.console.say("This critical pitfall must be acknowledged: type ack, or back.")

    # --- the end --------------------------------------------------------------------------------

    def _finish(self) -> int | None:
        """Show the outcome and save: the exit code, or None when the user went back instead."""
        self.console.say(*outcome_lines(self.session))
        when = self.session.clock()
        path = self.target.path_for(self.session, when)
        if path is None:
            return self._offer_save(when)
        if self._save(path, self.target.fmt, when):
            return EXIT_DONE
        # The answers are all here (and autosaved): ask for another place, never just exit.
        return self._offer_save(when, failed=True)

    def _offer_save(self, when: datetime, failed: bool = False) -> int | None:
        extensions = ", ".join(f.extension for f in FORMATS.values())
        prompt = (
            f"Save this session? Type a file name ({extensions} picks the format), "
            "back to change the last answer, or press Enter to finish without saving > "
        )
        if failed:
            prompt = f"Type another file name to save it ({extensions} picks the format) > "
        unsaved = EXIT_EXPORT_FAILED if failed else EXIT_DONE
        while True:
            try:
                line = self.console.ask(prompt)
            except InputEnded:
                self.console.say("Not saved (input ended).")
                self._say_autosaved()
                return unsaved
            if not line:
                self.console.say("Not saved.")
                self._say_autosaved()
                return unsaved
            if line.lower() in ("back", "b"):
                self.session.back()
                self._say_changes()
                return None
            path, fmt = self._named(line)
            if self._save(path, fmt, when):
                return EXIT_DONE

    def _named(self, name: str) -> tuple[Path, ExportFormat]:
        path = Path(name).expanduser()
        for fmt in FORMATS.values():
            if path.suffix == fmt.extension:
                return path, fmt
        return path.with_name(path.name + self.target.fmt.extension), self.target.fmt

    def _save(self, path: Path, fmt: ExportFormat, when: datetime) -> bool:
        try:
            write_session(
                self.session, path, fmt, overwrite=self.target.overwrite, finished_at=when
            )
        except ExportError as error:
            self.console.say(f"Not saved: {error}")
            return False
        state = "complete" if self.session.is_complete else "NOT complete"
        self.console.say(f"Saved the {state} session to {path} ({fmt.name}).")
        self._discard_autosave()  # exported: the autosaved copy has done its job
        return True

    def _autosave(self) -> None:
        warning = self.autosaver.save_or_warn(self.session) if self.autosaver else None
        if warning:
            self.console.say(f"Warning: {warning}")

    def _say_autosaved(self) -> None:
        """Where the unsaved answers are kept, when they are."""
        if self.autosaver is not None and self.autosaver.path is not None:
            self.console.say(
                "The answers so far are autosaved; lm-tui plain (or the app) offers to resume "
                "them at the next start."
            )

    def _input_ended(self) -> int:
        node = self.flow.nodes[self.session.current]
        where = node.title or self.session.current
        self.console.say("", f"Input ended before the flow was complete (at '{where}').")
        self.console.say(*answers_lines(self.session))
        self._autosave()
        when = self.session.clock()
        path = self.target.path_for(self.session, when)
        if self.target.keep_partial and path is not None:
            self._save(path, self.target.fmt, when)
        elif self.target.given:
            self.console.say(
                "The unfinished session was not saved; "
                "add --keep-partial to save it when input ends."
            )
        else:
            self.console.say(
                "Nothing was exported; "
                "run with --export FILE --keep-partial to keep unfinished sessions."
            )
        self._say_autosaved()
        return EXIT_INCOMPLETE

    def _quit(self) -> int:
        self.console.say("", "Quitting before the outcome.")
        self.console.say(*answers_lines(self.session))
        when = self.session.clock()
        path = self.target.path_for(self.session, when)
        try:
            if path is not None:
                answer = self.console.ask(f"Save the unfinished session to {path}? (y/n) > ")
                if answer.lower() in ("y", "yes"):
                    self._save(path, self.target.fmt, when)
                    return EXIT_INCOMPLETE
            else:
                name = self.console.ask(
                    "Save the unfinished session? Type a file name, or press Enter to discard it > "
                )
                if name:
                    named, fmt = self._named(name)
                    self._save(named, fmt, when)
                    return EXIT_INCOMPLETE
        except InputEnded:
            self.console.say("The unfinished session was not saved.")
            self._say_autosaved()  # input ended: kept, as after a crash
            return EXIT_INCOMPLETE
        self.console.say("The unfinished session was not saved.")
        self._discard_autosave()  # the user chose to throw it away
        return EXIT_INCOMPLETE

    def _discard_autosave(self) -> None:
        if self.autosaver is not None:
            try:
                self.autosaver.discard()
            except AutosaveError as error:
                self.console.say(f"Warning: {error}")
