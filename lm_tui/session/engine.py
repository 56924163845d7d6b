"""The session: an event log and the state derived from it by walking the flow.

Every user action is an event with a UTC time (answer, back, edit, acknowledge, note). The
current node, the path and the outcome are derived by walking the flow from its start with the
answers on that walk, so an answer left behind by going back simply does not count, and a saved
log replays to exactly the same state. After an edit the answers given later are held, not
dropped: the walk uses each again when the new path reaches its question, and only those it no
longer reaches are dropped once it is back where it was ("edit and return", see `edit`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from lm_tui.flow.definition import Flow
from lm_tui.flow.domains import check_answer, describe_domain, is_valid
from lm_tui.flow.errors import AnswerError
from lm_tui.flow.evaluation import Evaluator, UndecidedRoute
from lm_tui.flow.values import Missing, Value

EventKind = Literal["answer", "back", "edit", "acknowledge", "note"]
Mode = Literal["clinical", "teaching"]
Interface = Literal["tui", "plain", "replay"]

MAX_WALK = 10_000
"""Steps after which a walk is stopped: only a broken declared cycle can get there."""


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Event:
    kind: EventKind
    at: datetime
    node: str | None = None
    value: Value | None = None
    """For `answer` and `edit` at a question node; None when passing an info node."""
    pitfall: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class Step:
    """One node on the walked path and the answer given there (None for info nodes)."""

    node: str
    variable: str | None
    value: Value | None
    answered_at: datetime


@dataclass(frozen=True)
class Note:
    node: str
    text: str
    at: datetime


class AcknowledgementRequired(AnswerError):
    """A critical pitfall must be acknowledged before the session goes on."""


class RouteError(AnswerError):
    """The flow could not decide where to go; a verified flow never raises this."""


@dataclass
class Session:
    flow: Flow
    mode: Mode = "clinical"
    interface: Interface = "tui"
    require_acknowledgement: bool = True
    """The interactive interfaces stop on an unacknowledged critical pitfall; replay records it."""
    locked: Mapping[str, Value] = field(default_factory=dict)
    """Answers fixed before the session starts (a teaching case's facts, engine values by
    variable). The walk fills them in whenever it reaches their node, so they are never asked;
    they cannot be edited, and back steps over them. Each fill is logged as an ordinary answer
    event, so the export replays in a plain session to the same path."""
    clock: Callable[[], datetime] = utc_now
    started_at: datetime = field(default_factory=utc_now)
    events: list[Event] = field(default_factory=list)
    acknowledged: dict[str, datetime] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    last_dropped: tuple[str, ...] = ()
    """Variables whose answers left the path when the last action settled (the UI says which)."""
    case_label: str = ""
    """A short label the user typed to tell unfinished sessions apart in the resume list
    (`case_label.py`); never a patient identifier. Empty when none was given."""
    _answers: dict[str, Value] = field(default_factory=dict)
    _answered_at: dict[str, datetime] = field(default_factory=dict)
    _info_passed: dict[str, datetime] = field(default_factory=dict)
    _hints: dict[str, Value] = field(default_factory=dict)
    """Answers discarded by going back, offered again as the pre-selection; they never count."""
    _released: set[str] = field(default_factory=set)
    """Locked variables a declared loop asked again: a repeated question wants a new answer,
    and refilling the same fact would send the walk round the loop for ever."""
    _return_to: str | None = None
    """While an edit is being answered through ("edit and return"): the node that was current
    when the edit was made. The answers given after the edited node are held meanwhile; each
    is used again, without asking, whenever the new path reaches its question. Only questions
    new on the path are asked, and the edit settles when the walk is back at this node or at
    an outcome: the held answers the path no longer reaches are dropped then, and only then."""
    _path: list[Step] = field(default_factory=list)
    _current: str = ""
    _evaluator: Evaluator | None = None

    def __post_init__(self) -> None:
        self._current = self.flow.start
        self._walk(resume=False)

    # --- reading the state --------------------------------------------------------------------

    @property
    def current(self) -> str:
        """The node waiting for an answer, or the outcome node when complete."""
        return self._current

    @property
    def path(self) -> tuple[Step, ...]:
        return tuple(self._path)

    @property
    def answers(self) -> Mapping[str, Value]:
        """Answers on the walked path only, in the order they were asked."""
        return {
            step.variable: step.value
            for step in self._path
            if step.variable and step.value is not None
        }

    @property
    def is_complete(self) -> bool:
        return self.flow.is_outcome(self._current)

    @property
    def evaluator(self) -> Evaluator:
        if self._evaluator is None:
            self._evaluator = Evaluator(self.flow, self.answers)
        return self._evaluator

    def raised_pitfalls(self) -> list[str]:
        return self.evaluator.pitfalls()

    def unacknowledged_critical(self) -> list[str]:
        return [
            pit_id
            for pit_id in self.raised_pitfalls()
            if self.flow.pitfalls[pit_id].severity == "critical" and pit_id not in self.acknowledged
        ]

    def is_locked(self, node_id: str) -> bool:
        """Whether the node's answer is a fixed fact of the session (shown, never asked)."""
        variable = self.flow.asked_variable(node_id)
        return variable is not None and self._holds_lock(variable)

    @property
    def edit_pending(self) -> bool:
        """True while an edit asks a question new on the path; later answers are held."""
        return self._return_to is not None

    def previous_answer(self, node_id: str) -> Value | None:
        """The answer this node had before (to pre-select it when the user comes back)."""
        variable = self.flow.asked_variable(node_id)
        if variable is None:
            return None
        return self._answers.get(variable, self._hints.get(variable))

    # --- actions --------------------------------------------------------------------------------

    def answer(self, raw: object = None, at: datetime | None = None) -> None:
        """Answer the current node (or pass an info node) and walk on."""
        node_id = self._current
        if self.is_complete:
            raise AnswerError("the session is complete; edit an earlier answer instead")
        if self.require_acknowledgement and self.unacknowledged_critical():
            raise AcknowledgementRequired(
                "acknowledge the critical pitfall(s) first: "
                + ", ".join(self.unacknowledged_critical())
            )
        when = at or self.clock()
        variable = self.flow.asked_variable(node_id)
        value = check_answer(self.flow, node_id, raw) if variable else None
        self._record(Event("answer", when, node=node_id, value=value))
        if variable is None:
            self._info_passed[node_id] = when
        else:
            assert value is not None
            self._answers[variable] = value
            self._answered_at[variable] = when
        self._walk(resume=True)

    def back(self, at: datetime | None = None) -> bool:
        """Go back one question, discarding the answer given there; False at the first one.

        Locked answers are stepped over: each step removed is logged as its own `back` event,
        so a plain replay of the log (which knows nothing of locks) lands on the same node.
        """
        movable = [index for index, step in enumerate(self._path) if not self._step_locked(step)]
        if not movable:
            return False
        when = at or self.clock()
        for step in reversed(self._path[movable[-1] :]):
            self._record(Event("back", when))
            self._forget(step)
        self._walk(resume=False)
        return True

    def edit(self, node_id: str, raw: object = None, at: datetime | None = None) -> None:
        """Change the answer at an earlier node and walk on with the answers given after it.

        Answers still on the new path are kept as they were (not asked again); a question new
        on the path stops the walk until it is answered, and the walk then goes on the same
        way. Once it is back where it was (or at an outcome) the answers the path no longer
        reaches are dropped and named in `last_dropped`.
        """
        if not any(step.node == node_id for step in self._path):
            raise AnswerError(f"'{node_id}' is not on the path taken; it cannot be edited")
        variable = self.flow.asked_variable(node_id)
        if variable is None:
            raise AnswerError(f"'{node_id}' asks nothing to edit")
        if self._holds_lock(variable):
            raise AnswerError(f"'{variable}' is a fact of this case; it cannot be changed")
        when = at or self.clock()
        value = check_answer(self.flow, node_id, raw)
        self._record(Event("edit", when, node=node_id, value=value))
        self._answers[variable] = value
        self._answered_at[variable] = when
        if self._return_to is None:
            self._return_to = self._current
        self._walk(resume=False)

    def reopen(self, node_id: str, at: datetime | None = None) -> None:
        """Make an earlier node current again by going back step by step (keeps the log honest)."""
        while self._path and any(step.node == node_id for step in self._path):
            if not self.back(at):
                break  # only locked answers are left before it: nothing to reopen

    def acknowledge(self, pitfall_id: str, at: datetime | None = None) -> None:
        if pitfall_id not in self.flow.pitfalls:
            raise AnswerError(f"'{pitfall_id}' is not a pitfall of this flow")
        when = at or self.clock()
        self._record(Event("acknowledge", when, pitfall=pitfall_id))
        self.acknowledged.setdefault(pitfall_id, when)

    def note(self, text: str, node_id: str | None = None, at: datetime | None = None) -> None:
        text = text.strip()
        if not text:
            return
        node = node_id or self._current
        when = at or self.clock()
        self._record(Event("note", when, node=node, text=text))
        self.notes.append(Note(node, text, when))

    def apply(self, event: Event) -> None:
        """Replay one logged event (used to rebuild a saved session)."""
        if event.kind == "answer":
            saved = self.require_acknowledgement
            self.require_acknowledgement = False
            try:
                raw = sorted(event.value) if isinstance(event.value, frozenset) else event.value
                if event.node != self._current:
                    raise AnswerError(
                        f"logged answer at '{event.node}' but the flow is at '{self._current}'"
                    )
                self.answer(raw, at=event.at)
            finally:
                self.require_acknowledgement = saved
        elif event.kind == "back":
            self.back(at=event.at)
        elif event.kind == "edit":
            assert event.node is not None
            raw = sorted(event.value) if isinstance(event.value, frozenset) else event.value
            self.edit(event.node, raw, at=event.at)
        elif event.kind == "acknowledge":
            assert event.pitfall is not None
            self.acknowledge(event.pitfall, at=event.at)
        elif event.kind == "note":
            self.note(event.text or "", node_id=event.node, at=event.at)

    def fill_from(self, answers: Mapping[str, object], at: datetime | None = None) -> list[str]:
        """Answer every node the path reaches from `answers` (replay); returns unused variables.

        Stops at the first node whose variable is missing or invalid, raising AnswerError
        naming it and what is allowed.
        """
        when = at or self.clock()
        while not self.is_complete:
            node_id = self._current
            variable = self.flow.asked_variable(node_id)
            if variable is None:
                self.answer(None, at=when)
                continue
            if variable not in answers:
                raise AnswerError(
                    f"missing answer for '{variable}' (asked at node '{node_id}'); "
                    f"allowed: {describe_domain(self.flow, node_id)}"
                )
            self.answer(answers[variable], at=when)
        asked = set(self.answers)
        return [name for name in answers if name not in asked]

    # --- the walk -------------------------------------------------------------------------------

    def _record(self, event: Event) -> None:
        self.events.append(event)
        self._evaluator = None

    def _holds_lock(self, variable: str) -> bool:
        return variable in self.locked and variable not in self._released

    def _step_locked(self, step: Step) -> bool:
        return step.variable is not None and self._holds_lock(step.variable)

    def _fill_locked(self, node_id: str, variable: str) -> Value | None:
        """The locked answer for a node the walk has reached, logged as it is filled in.

        A locked value the node does not accept (a case fact meant for another branch) is not
        forced: the node is asked like any other.
        """
        value = self.locked.get(variable) if self._holds_lock(variable) else None
        if value is None or not is_valid(self.flow, node_id, value):
            return None
        when = self.clock()
        self._record(Event("answer", when, node=node_id, value=value))
        self._answers[variable] = value
        self._answered_at[variable] = when
        return value

    def _forget(self, step: Step) -> None:
        if step.variable is not None:
            if step.value is not None:
                self._hints[step.variable] = step.value
            self._answers.pop(step.variable, None)
            self._answered_at.pop(step.variable, None)
        else:
            self._info_passed.pop(step.node, None)

    def _reopen_loop(self, loop_start: str) -> None:
        nodes = [step.node for step in self._path]
        if loop_start not in nodes:
            return
        for step in self._path[nodes.index(loop_start) :]:
            if step.variable is not None and step.variable in self.locked:
                self._released.add(step.variable)
            self._forget(step)

    def _walk(self, resume: bool) -> None:
        """Follow the flow with the answers given; stop at the first node still to answer."""
        if not resume:
            self._path = []
            self._current = self.flow.start
        walked: dict[str, Value] = {
            step.variable: step.value
            for step in self._path
            if step.variable and step.value is not None
        }
        node_id = self._current
        for _ in range(MAX_WALK):
            if self.flow.is_outcome(node_id):
                break
            variable = self.flow.asked_variable(node_id)
            if variable is not None:
                value = self._answers.get(variable)
                if value is None and variable not in walked:
                    value = self._fill_locked(node_id, variable)
                if value is None or variable in walked or not is_valid(self.flow, node_id, value):
                    break
                walked[variable] = value
                self._path.append(Step(node_id, variable, value, self._answered_at[variable]))
            else:
                passed = self._info_passed.get(node_id)
                if passed is None:
                    break
                self._path.append(Step(node_id, None, None, passed))
            try:
                route = Evaluator(self.flow, walked).route(node_id)
            except UndecidedRoute as error:
                raise RouteError(str(error)) from None
            if isinstance(route, Missing):
                raise RouteError(
                    f"the routes at '{node_id}' read an answer not given yet; "
                    "run `lm-tui check` on the flow"
                )
            if route.cycle:
                # A declared loop goes back to ask again: the answers given inside the loop
                # become pre-selections and the walk restarts, so the new answers count.
                self._reopen_loop(route.to)
                self._walk(resume=False)
                return
            node_id = route.to
        self._current = node_id
        self._evaluator = None
        on_path = {step.variable for step in self._path if step.variable}
        on_path_info = {step.node for step in self._path if step.variable is None}
        if self._return_to is not None:
            if not (self.flow.is_outcome(node_id) or node_id == self._return_to):
                # A question new on the path: the later answers wait for the walk to reach them.
                self.last_dropped = ()
                return
            self._return_to = None
        dropped = [name for name in self._answers if name not in on_path]
        # An answer off the path is kept only at the node now waiting (pre-selected there).
        waiting = self.flow.asked_variable(node_id)
        off_path = [name for name in dropped if name != waiting]
        for name in off_path:
            # Kept as a hint: if the question comes back (an edit inserted a new question before
            # it), the old answer is pre-selected instead of having to be found again.
            self._hints[name] = self._answers[name]
            self._answers.pop(name, None)
            self._answered_at.pop(name, None)
        # Locked facts come back by themselves when the path returns to them: not news to report.
        self.last_dropped = tuple(name for name in off_path if not self._holds_lock(name))
        for node in [n for n in self._info_passed if n not in on_path_info]:
            self._info_passed.pop(node, None)


def replay_events(
    flow: Flow, events: Iterable[Event], *, mode: Mode, interface: Interface, started_at: datetime
) -> Session:
    """Rebuild a session from its log; raises AnswerError if the log does not fit the flow."""
    session = Session(flow, mode=mode, interface=interface, started_at=started_at)
    for event in events:
        session.apply(event)
    return session
