"""The flow file's records as the running app holds them: plain frozen classes, one per model.

Generated from the schema models in model.py by `python scripts/generate-records`: do not edit
it; edit the model and run the command (tests/unit/test_records_mirror_models.py fails until then).

`model.py` is the schema: pydantic models that validate a file and print `lm-tui schema`. Once a
file has passed them, the loader copies it into these records (`record_base.from_model`), and every
other part of the app reads only these. Why two sets of classes: importing pydantic and building
its model classes costs more than anything else before the first screen (about 0.1 s), and a start
from the cached bundled flow (flow_cache.py) validates nothing, so with records it never imports
pydantic. What records do (frozen, compared by value) is in record_base.py.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from lm_tui.flow.record_base import Record

Identifier = str
"""Ids are lower-case snake case: they appear in exports, conditions and tests."""


Scalar = bool | int | float | str
"""A literal value a derived rule may give."""


class Source(Record):
    citation: str
    """The full reference as a reader cites it: authors, title, journal or publisher, year."""
    year: int | None = None
    """The year of publication, shown beside the citation."""


class Choice(Record):
    value: Identifier
    """The id conditions and exports use for this option (snake_case)."""
    label: str
    """The option as the screen shows it."""
    help: str = ""
    """What this option means, shown in the help dialog."""


class ChoiceVariable(Record):
    kind: Literal["choice"]
    """"choice": exactly one of the listed options."""
    label: str
    """The variable as exports and the review list name it."""
    help: str = ""
    """What the variable records, shown in the help dialog."""
    choices: list[Choice]
    """The options, in the order they are offered."""


class MultiVariable(Record):
    kind: Literal["multi"]
    """"multi": any number of the listed options (a checklist)."""
    label: str
    """The variable as exports and the review list name it."""
    help: str = ""
    """What the variable records, shown in the help dialog."""
    choices: list[Choice]
    """The options, in the order they are offered."""
    min_selected: int = 0
    """The fewest options that must be ticked; 0 lets "none of these" be an answer."""


class Anchor(Record):
    """What one value of a number scale means ("60: needs occasional help"), shown beside it."""

    value: Decimal
    """The value of the scale this label explains; an answerable value of the variable."""
    label: str
    """What the value means, shown beside it."""


class NumberVariable(Record):
    kind: Literal["number"]
    """"number": a value on the grid min, min + step, ... max."""
    label: str
    """The variable as exports and the review list name it."""
    help: str = ""
    """What the variable records, shown in the help dialog."""
    min: Decimal
    """The smallest answer allowed."""
    max: Decimal
    """The largest answer allowed; must lie on the grid of steps from min."""
    step: Decimal
    """The distance between allowed answers (10 for KPS, 0.1 for an age in years)."""
    unit: str = ""
    """The unit printed after the value ("%", "years"); empty for none."""
    unit_one: str = ""
    """The unit after exactly 1 ("1 sample" beside "2 samples"); `unit` when left out."""
    anchors: list[Anchor] = []  # noqa: RUF012  # shared, never changed (see Record)
    """Labelled values of a scale (Karnofsky 100 "normal" ... 10 "moribund"), shown with the
    question; each must be an answerable value, at most once."""

    def anchor_label(self, value: Decimal) -> str:
        """What the scale says `value` means ('' when the flow labels no such value)."""
        return next((a.label for a in self.anchors if a.value == value), "")

    def unit_after(self, value: Decimal) -> str:
        """The unit to print after `value`, with its leading space ('' when there is none)."""
        unit = self.unit_one if value == 1 and self.unit_one else self.unit
        return f" {unit}" if unit else ""


Variable = ChoiceVariable | MultiVariable | NumberVariable


class Rule(Record):
    """One row of a derived value's rule table; no `value` means "not applicable"."""

    when: str | None = None
    """The condition under which this row gives its value; the first row that holds wins."""
    otherwise: bool = False
    """true for the last row, which applies when no row above it holds."""
    value: Scalar | None = None
    """The value this row gives; left out, the derived value does not apply ("not applicable")."""


class Derived(Record):
    label: str
    """The derived value as panels and exports name it."""
    help: str = ""
    """How the value is worked out, shown in the help dialog."""
    values: list[Scalar]
    """Every value the rule table can give; comparing with any other value is a load error."""
    export: str | None = None
    """Its key in the exported outcome ("branch", "it_checks.csf_flow"); left out: not exported."""
    rules: list[Rule]
    """The rule table, read top to bottom; the first row whose condition holds gives the value."""


class Route(Record):
    when: str | None = None
    """The condition under which this route is taken; exactly one route of a node may hold."""
    otherwise: bool = False
    """true for the route taken when no other route of the node holds."""
    to: Identifier
    """The id of the node this route leads to."""
    cycle: bool = False
    """true for a declared loop back to a node asked before (its questions are asked again)."""
    label: str | None = None
    """Words for the route on the flow map ("if the branch is borderline"); without one the
    map renders the condition with the variables' and values' labels."""


class Section(Record):
    title: str
    """The heading of the section on the outcome screen."""
    text: str
    """The section text; {name} inserts a variable or derived value."""
    when: str | None = None
    """Shown only when this condition holds; left out, always shown."""
    sources: list[str] = []  # noqa: RUF012  # shared, never changed (see Record)
    """Ids of the sources (in [sources]) the section cites."""


class NodeBase(Record):
    title: str = ""
    """A short title shown above the question and in the path."""
    prompt: str = ""
    """The question or information as the screen shows it."""
    help: str = ""
    """Why the question is asked, shown in the help dialog."""
    sources: list[str] = []  # noqa: RUF012  # shared, never changed (see Record)
    """Ids of the sources (in [sources]) the help cites."""
    grade: str | None = None
    """The evidence grade of what the node asks or states, as the source gives it."""
    allow_note: bool = False
    """true lets the user add a reason or note to the answer (e.g. for a borderline choice)."""
    next: Identifier | None = None
    """The one node that always follows; `routes` instead where the way on depends on answers."""
    routes: list[Route] = []  # noqa: RUF012  # shared, never changed (see Record)
    """The ways on from this node, each with a condition, or `otherwise`."""


class QuestionNode(NodeBase):
    variable: Identifier
    """The id of the variable (in [variables]) this node asks."""
    options: list[Identifier] | None = None
    """Only these options of the variable are offered here (all, when left out)."""


class ChoiceNode(QuestionNode):
    kind: Literal["choice"]
    """"choice": one option is picked."""


class MultiNode(QuestionNode):
    kind: Literal["multi"]
    """"multi": a checklist."""


class NumberNode(NodeBase):
    kind: Literal["number"]
    """"number": a number is typed or stepped."""
    variable: Identifier
    """The id of the number variable (in [variables]) this node asks."""


class InfoNode(NodeBase):
    kind: Literal["info"]
    """"info": information to read; Enter goes on."""


class OutcomeNode(Record):
    kind: Literal["outcome"]
    """"outcome": the end of a path, where recommendations and pitfalls are shown."""
    title: str = ""
    """The heading of the outcome screen."""
    prompt: str = ""
    """The text under the heading."""
    help: str = ""
    """More about this outcome, shown in the help dialog."""
    sources: list[str] = []  # noqa: RUF012  # shared, never changed (see Record)
    """Ids of the sources (in [sources]) the outcome cites."""
    sections: list[Section] = []  # noqa: RUF012  # shared, never changed (see Record)
    """Further sections of the outcome screen, such as the prognosis."""


Node = ChoiceNode | MultiNode | NumberNode | InfoNode | OutcomeNode


class Recommendation(Record):
    title: str
    """The recommendation in a few words."""
    text: str
    """The recommendation in full; {name} inserts a variable or derived value (a dose)."""
    when: str
    """The condition under which it is recommended."""
    sources: list[str]
    """Ids of the sources (in [sources]) it rests on; at least one."""
    grade: str | None = None
    """The evidence grade as the source gives it."""
    carried_out_by: list[str] = []  # noqa: RUF012  # shared, never changed (see Record)
    """Values of a multi-select question (the plan) that carry this recommendation out: ticking
    any of them marks the option '✓ recommended'."""


class Pitfall(Record):
    title: str
    """The pitfall in a few words."""
    text: str
    """What goes wrong and what to do instead."""
    when: str
    """The condition under which the pitfall is raised."""
    severity: Literal["critical", "warning"]
    """"critical" stops the session until acknowledged; "warning" is shown and recorded."""
    sources: list[str]
    """Ids of the sources (in [sources]) it rests on; at least one."""
    grade: str | None = None
    """The evidence grade as the source gives it."""


class Panel(Record):
    title: str
    """The heading of the context panel box."""
    show: list[Identifier]
    """Ids of the derived values (or variables) shown in the box, in order."""


class FlowMeta(Record):
    id: Identifier
    """The flow's id, recorded in every export (snake_case)."""
    title: str
    """The flow's title, shown on top of every screen."""
    version: str
    """The flow's version; raise it with every change of content."""
    start: Identifier
    """The id of the first node."""
    disclaimer: str = "This tool supports, and does not replace, clinical judgement."
    """Shown on the first screen and in every export."""
    summary: str = ""
    """What the flow covers, shown on the about screen."""
    panels: list[Panel] = []  # noqa: RUF012  # shared, never changed (see Record)
    """The boxes of the context panel beside each question."""


class FlowFile(Record):
    """The whole flow file as written."""

    flow: FlowMeta
    """The flow's id, title, version, start node and panels."""
    sources: dict[Identifier, Source] = {}  # noqa: RUF012  # shared, never changed (see Record)
    """The references cited anywhere in the flow, by id."""
    variables: dict[Identifier, Variable] = {}  # noqa: RUF012  # shared, never changed (see Record)
    """What the questions ask, by id: choices, checklists, numbers."""
    derived: dict[Identifier, Derived] = {}  # noqa: RUF012  # shared, never changed (see Record)
    """Values worked out from the answers by rule tables, by id."""
    nodes: dict[Identifier, Node]
    """The screens, by id: questions, information, outcomes."""
    recommendations: dict[Identifier, Recommendation] = {}  # noqa: RUF012  # shared, never changed (see Record)
    """What the outcome recommends, each with its condition and sources."""
    pitfalls: dict[Identifier, Pitfall] = {}  # noqa: RUF012  # shared, never changed (see Record)
    """Dangerous combinations the flow warns about, each with its condition."""
