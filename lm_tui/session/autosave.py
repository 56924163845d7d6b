"""Autosave: the unfinished session on disk after every event, so a crash loses nothing.

Each session gets its own file in the user's data folder (`LM_TUI_DATA_DIR`, else the system's
place: `$XDG_DATA_HOME/lm-tui` or `~/.local/share/lm-tui` on Linux, `~/Library/Application
Support/lm-tui` on macOS, `%LOCALAPPDATA%\\lm-tui` on Windows), under `autosave/`. The file is
a full session export, written with the same atomic temp-file-and-rename as an export, so it is
never half written, `lm-tui show` reads it and `--resume` reopens it. The folder is private
(0700) and the files are readable by their owner only (0600): a session holds clinical answers.

The app needs three calls: `save(session)` after every event (cheap when nothing changed),
`pending()` at start to offer resuming an unfinished session, and `discard()` once the session
is exported or the user throws it away.

Two windows may share one data folder. Each autosave is locked by the process writing it (an
operating-system lock on a `.NAME.lock` file beside it, through `filelock`: `flock` on POSIX,
`msvcrt.locking` on Windows), so another window sees a live session as in use
(`PendingSession.in_use`) and can neither resume nor delete it. The operating system drops the
lock when its process ends, however it ends (`kill -9` included): a dead window's session is
free to resume at once, with no stale lock to clear.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filelock import FileLock, Timeout

from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import ExportError, LmTuiError
from lm_tui.session.engine import Session

if TYPE_CHECKING:  # imported where used: the app starts before any of them is needed
    from lm_tui.session.session_file import Restored, SessionRecord

DATA_DIR_VARIABLE = "LM_TUI_DATA_DIR"
AUTOSAVE_FOLDER = "autosave"
IN_USE = "in use in another window"


class AutosaveError(ExportError):
    """The session could not be autosaved; the session itself is untouched and can be exported."""


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The user's lm-tui data folder; `LM_TUI_DATA_DIR` wins, then the system's place
    (`user_folders.py`: XDG on Linux, Application Support on macOS, LOCALAPPDATA on Windows)."""
    from lm_tui.user_folders import user_folder

    env = os.environ if environ is None else environ
    chosen = env.get(DATA_DIR_VARIABLE, "")
    if chosen:
        return Path(chosen).expanduser()
    return user_folder("data", env)


@dataclass(frozen=True)
class PendingSession:
    """An autosave left by a session that was never exported (a crash, a kill, a closed lid)."""

    path: Path
    record: SessionRecord | None
    problem: str = ""
    """Why the file cannot be read, when `record` is None; it can still be discarded."""
    in_use: bool = False
    """Another running lm-tui holds its lock: it is live there, never to be resumed or deleted."""

    @property
    def teaching_case(self) -> str | None:
        """The case id when this is a teaching attempt (resumed with `lm-tui teach`), else None."""
        teaching = self.record.document.get("teaching") if self.record is not None else None
        case_id = teaching.get("case_id") if isinstance(teaching, dict) else None
        return case_id if isinstance(case_id, str) else None

    @property
    def case_label(self) -> str:
        """The label the user typed for this session (case_label.py); '' for none."""
        from lm_tui.session.case_label import case_label_of

        return case_label_of(self.record.info) if self.record is not None else ""

    def describe(self, flow: Flow | None = None) -> str:
        """One line for the resume list: its case label first when it has one, when it
        started, which flow, how far it got (by the question's title when `flow` is given),
        and its first answers to tell cases apart."""
        label = f"“{self.case_label}” · " if self.case_label else ""
        if self.in_use:
            return f"{label}{self._summary(flow)} ({IN_USE})"
        return label + self._summary(flow)

    def _summary(self, flow: Flow | None) -> str:
        if self.record is None:
            return f"{self.path.name}: cannot be read ({self.problem})"
        info = self.record.info
        started = info.get("started_at")
        when = started.strftime("%Y-%m-%d %H:%M UTC") if isinstance(started, datetime) else "?"
        answers = self.record.document.get("answers")
        answers = answers if isinstance(answers, dict) else {}
        node = str(info.get("current_node", "?"))
        if flow is not None and node in flow.nodes:
            node = flow.nodes[node].title or node
        where = "complete" if info.get("complete") else f"stopped at “{node}”"
        line = (
            f"started {when}, flow {info.get('flow_id', '?')} {info.get('flow_version', '?')}, "
            f"{len(answers)} answer(s), {where}"
        )
        if flow is not None and answers:
            first = [_answer_words(flow, name, value) for name, value in list(answers.items())[:2]]
            line += " · " + ", ".join(first) + (", …" if len(answers) > 2 else "")
        return line


class Autosaver:
    """Keeps one session's autosave file up to date; one instance serves the whole app run."""

    def __init__(
        self,
        folder: Path | None = None,
        extra: Callable[[], dict[str, Any]] | None = None,
    ) -> None:
        self.folder = folder if folder is not None else data_dir() / AUTOSAVE_FOLDER
        self.extra = extra
        """Tables to add to each autosave (a teaching attempt's `[teaching]`), as in its export."""
        self.path: Path | None = None
        """This session's autosave file, once something was saved (or a pending one resumed)."""
        self._session: Session | None = None
        self._saved_events = 0
        self._lock: FileLock | None = None
        """Held on `path` for as long as this run writes it."""
        self._warned = False

    def save(self, session: Session) -> bool:
        """Write the session if it changed since the last save; True when a file was written.

        Costs a length comparison when nothing changed, so the app may call it after every
        keypress. Raises AutosaveError (the session itself is unaffected) if it cannot write.
        """
        if session is self._session and len(session.events) == self._saved_events:
            return False
        if not (session.answers or session.notes):
            # Nothing answered (yet, or any more: back to the first question): nothing to lose,
            # and no "0 answers" session left on offer.
            if session is self._session and self.path is not None:
                self.discard()
            return False
        if session is not self._session:
            if self._session is not None:
                self.path = None  # a new session gets its own file
            self._session = session
        from lm_tui.session.document import render_toml, session_document, write_atomically

        self._prepare_folder()
        if self.path is None:
            path = self.folder / _file_name(session)
            self._hold(path)
            self.path = path
        try:
            document = session_document(session, extra=self.extra() if self.extra else None)
            write_atomically(self.path, render_toml(document), overwrite=True)
        except ExportError as error:
            raise AutosaveError(
                f"autosave failed: {error}; export the session to keep it"
            ) from None
        self._saved_events = len(session.events)
        return True

    def save_or_warn(self, session: Session) -> str | None:
        """`save`, for the front ends: the failure's message the first time one happens (to
        show once: the session itself is fine and can still be exported), else None."""
        try:
            self.save(session)
        except AutosaveError as error:
            if not self._warned:
                self._warned = True
                return str(error)
        return None

    def pending(self) -> list[PendingSession]:
        """Unfinished autosaves other than this session's own, newest first; never raises.

        Called at start, so it first removes the temporary files a crash mid-save left.
        """
        from lm_tui.session.atomic_files import remove_stale_temp_files

        remove_stale_temp_files(self.folder)
        try:
            if self.folder.is_symlink() or self.folder.parent.is_symlink():
                return []  # refused with a message at the first save, never followed
            candidates = [
                path
                for path in self.folder.glob("*.toml")
                if not path.name.startswith(".") and path != self.path and path.is_file()
            ]
            candidates.sort(key=lambda path: path.stat().st_mtime, reverse=True)
        except OSError:
            return []  # an unreadable folder shows up when saving, with a message
        if not candidates:
            return []
        from lm_tui.session.session_file import read_session_file

        found = []
        for path in candidates:
            in_use = _held_elsewhere(path)
            try:
                found.append(PendingSession(path, read_session_file(path), in_use=in_use))
            except LmTuiError as error:
                found.append(PendingSession(path, None, str(error), in_use=in_use))
        return found

    def resume(self, pending: PendingSession, flow: Flow) -> Restored:
        """Rebuild a pending session; later saves go on writing to its file.

        Check `.flow_changed` and `.problems` on the result: a flow edited since the session was
        recorded is reported, never silently guessed around.
        """
        from lm_tui.session.session_file import restore

        if pending.record is None:
            raise AutosaveError(f"{pending.path}: cannot be resumed: {pending.problem}")
        restored = restore(pending.record, flow)
        if pending.path != self.path:
            self._hold(pending.path)  # refused while another window writes it
        self.path = pending.path
        self._session = restored.session
        self._saved_events = len(restored.session.events)
        return restored

    def label(self, pending: PendingSession, text: str) -> PendingSession:
        """Give a pending session a case label ('' removes it); the file is rewritten under
        its lock and read back. Raises AutosaveError when another window holds it, or when
        the label is not acceptable (case_label.py) or the file cannot be written."""
        from lm_tui.flow.errors import AnswerError
        from lm_tui.session.case_label import clean_case_label
        from lm_tui.session.document import render_toml, write_atomically
        from lm_tui.session.session_file import read_session_file

        if pending.record is None:
            raise AutosaveError(f"{pending.path.name}: cannot be labelled: {pending.problem}")
        try:
            label = clean_case_label(text)
        except AnswerError as error:
            raise AutosaveError(str(error)) from None
        lock = _try_lock(pending.path)
        if lock is None:
            raise AutosaveError(f"{pending.path.name}: {IN_USE}; it was left alone")
        try:
            record = read_session_file(pending.path)
            info = record.info
            info.pop("case_label", None)
            if label:
                info["case_label"] = label
            write_atomically(pending.path, render_toml(record.document), overwrite=True)
            return PendingSession(pending.path, read_session_file(pending.path))
        except LmTuiError as error:
            raise AutosaveError(f"{pending.path.name}: the label was not saved: {error}") from None
        finally:
            lock.release()

    def discard(self, pending: PendingSession | None = None) -> None:
        """Delete this session's autosave (after an export), or a pending one the user declined."""
        own = pending is None or pending.path == self.path
        target = self.path if own else pending.path if pending is not None else None
        if target is None:
            return
        lock = self._lock if own else _try_lock(target)
        if not own and lock is None:
            raise AutosaveError(f"{target.name}: {IN_USE}; it was left alone")
        try:
            target.unlink(missing_ok=True)
        except OSError as error:
            raise AutosaveError(
                f"{target}: could not delete the autosave ({error.strerror or error}); "
                "delete it by hand"
            ) from None
        finally:
            if lock is not None:
                lock.release()
        if own:
            self.path = None
            self._session = None
            self._saved_events = 0
            self._lock = None

    def adopt(self, path: Path, session: Session) -> bool:
        """Go on writing `session` to `path` when it is an autosave of this folder (`--resume`
        of an autosave continues that file rather than starting a second one); True if so.

        Raises AutosaveError when another window holds it.
        """
        try:
            ours = path.resolve().parent == self.folder.resolve()
        except OSError:
            return False
        if not ours or path.suffix != ".toml":
            return False
        if path != self.path:
            self._hold(path)
        self.path = path
        self._session = session
        self._saved_events = len(session.events)
        return True

    def close(self) -> None:
        """Let go of this run's autosave (at exit); the operating system does so anyway."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _hold(self, path: Path) -> None:
        """Take `path`'s lock for this run, letting go of the one held before."""
        lock = _try_lock(path)
        if lock is None:
            raise AutosaveError(f"{path.name}: {IN_USE}; it cannot be resumed here")
        self.close()
        self._lock = lock

    def _prepare_folder(self) -> None:
        try:
            for folder in (self.folder.parent, self.folder):
                # A symlink here would send clinical answers (and the 0700 below) to wherever
                # it points: refused, never followed.
                if folder.is_symlink():
                    raise AutosaveError(
                        f"autosave failed: {folder} is a symbolic link; lm-tui keeps sessions "
                        f"only in a real folder: remove the link or set {DATA_DIR_VARIABLE}"
                    )
            missing = [f for f in (self.folder, *self.folder.parents) if not f.exists()]
            for folder in reversed(missing):
                # Every folder lm-tui creates is private, not only the last (mkdir's mode with
                # parents=True covers only the last one).
                folder.mkdir(mode=0o700, exist_ok=True)
            # The folder is ours alone: tighten it even if something created it more open.
            if self.folder.stat().st_mode & 0o077:
                os.chmod(self.folder, 0o700)
        except OSError as error:
            raise AutosaveError(
                f"autosave failed: cannot use the folder {self.folder} "
                f"({error.strerror or error}); set {DATA_DIR_VARIABLE} to a folder you can write to"
            ) from None


def _answer_words(flow: Flow, name: str, value: object) -> str:
    """An answer as read from the file, with the flow's labels where it has them."""
    if isinstance(value, str):
        return flow.choice_label(name, value)
    if isinstance(value, list):
        return ", ".join(flow.choice_label(name, str(item)) for item in value) or "none"
    return str(value)


def _lock_path(path: Path) -> Path:
    # Hidden, and not `*.toml`: `pending()` never lists a lock as a session.
    return path.with_name(f".{path.name}.lock")


def _try_lock(path: Path) -> FileLock | None:
    """`path`'s lock, taken without waiting; None when another process holds it."""
    # thread_local=False: the app saves from its worker threads as well as the main one.
    # fallback_to_soft=False: a soft lock (a file that merely exists) would outlive a killed
    # process; only an operating-system lock is dropped when its holder dies.
    lock = FileLock(
        _lock_path(path), timeout=0, mode=0o600, thread_local=False, fallback_to_soft=False
    )
    try:
        lock.acquire()
    except Timeout:
        return None
    except OSError as error:
        raise AutosaveError(
            f"autosave failed: cannot lock {path.name} ({error.strerror or error}); "
            f"set {DATA_DIR_VARIABLE} to a folder on a local disk"
        ) from None
    return lock


def _held_elsewhere(path: Path) -> bool:
    """Whether another process holds `path`'s lock (never raises: `pending()` must not)."""
    try:
        lock = _try_lock(path)
    except AutosaveError:
        return False
    if lock is None:
        return True
    lock.release()
    return False


def _file_name(session: Session) -> str:
    # The random part keeps two app windows started in the same second apart.
    started = session.started_at.strftime("%Y%m%dT%H%M%SZ")
    return f"{started}-{session.flow.id}-{secrets.token_hex(3)}.toml"
