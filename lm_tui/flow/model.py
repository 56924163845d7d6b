"""Pydantic models of a flow file: the schema that `lm-tui schema` prints.

They describe the file as written; `loader.py` turns a validated file into a `Flow` with parsed
conditions. Unknown keys are rejected (`extra="forbid"`) so a misspelt field is a load error, not
a silently ignored rule.

`scripts/generate-records` writes records.py from these models: the same classes and fields
without pydantic, which is what the running app holds. A public method without decorators (such
as `unit_after`) is copied there too, so what a reader of a record calls is written once, here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from lm_tui.flow.limits import MAX_NUMBER, MIN_STEP

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
"""Ids are lower-case snake case: they appear in exports, conditions and tests."""

Scalar = bool | int | float | str
"""A literal value a derived rule may give."""


class Strict(BaseModel):
    # defer_build: the validators are built on the first validation, not at import; a start
    # from the cached flow (flow_cache.py) never validates, so it never pays for them.
    model_config = ConfigDict(
        extra="forbid", frozen=True, defer_build=True, use_attribute_docstrings=True
    )


class Source(Strict):
    citation: str = Field(min_length=1)
    """The full reference as a reader cites it: authors, title, journal or publisher, year."""
    year: int | None = None
    """The year of publication, shown beside the citation."""


class Choice(Strict):
    value: Identifier
    """The id conditions and exports use for this option (snake_case)."""
    label: str = Field(min_length=1)
    """The option as the screen shows it."""
    help: str = ""
    """What this option means, shown in the help dialog."""


class ChoiceVariable(Strict):
    kind: Literal["choice"]
    """"choice": exactly one of the listed options."""
    label: str = Field(min_length=1)
    """The variable as exports and the review list name it."""
    help: str = ""
    """What the variable records, shown in the help dialog."""
    choices: list[Choice] = Field(min_length=1)
    """The options, in the order they are offered."""


class MultiVariable(Strict):
    kind: Literal["multi"]
    """"multi": any number of the listed options (a checklist)."""
    label: str = Field(min_length=1)
    """The variable as exports and the review list name it."""
    help: str = ""
    """What the variable records, shown in the help dialog."""
    choices: list[Choice] = Field(min_length=1)
    """The options, in the order they are offered."""
    min_selected: int = Field(default=0, ge=0)
    """The fewest options that must be ticked; 0 lets "none of these" be an answer."""


class Anchor(Strict):
    """What one value of a number scale means ("60: needs occasional help"), shown beside it."""

    value: Decimal
    """The value of the scale this label explains; an answerable value of the variable."""
    label: str = Field(min_length=1)
    """What the value means, shown beside it."""

    @field_validator("value", mode="before")
    @classmethod
    def _exact_decimal(cls, value: object) -> object:
        return Decimal(str(value)) if isinstance(value, float) else value


class NumberVariable(Strict):
    kind: Literal["number"]
    """"number": a value on the grid min, min + step, ... max."""
    label: str = Field(min_length=1)
    """The variable as exports and the review list name it."""
    help: str = ""
    """What the variable records, shown in the help dialog."""
    min: Decimal
    """The smallest answer allowed."""
    max: Decimal
    """The largest answer allowed; must lie on the grid of steps from min."""
    step: Decimal = Field(gt=0)
    """The distance between allowed answers (10 for KPS, 0.1 for an age in years)."""
    unit: str = ""
    """The unit printed after the value ("%", "years"); empty for none."""
    unit_one: str = ""
    """The unit after exactly 1 ("1 sample" beside "2 samples"); `unit` when left out."""
    anchors: list[Anchor] = []
    """Labelled values of a scale (Karnofsky 100 "normal" ... 10 "moribund"), shown with the
    question; each must be an answerable value, at most once."""

    def anchor_label(self, value: Decimal) -> str:
        """What the scale says `value` means ('' when the flow labels no such value)."""
        return next((a.label for a in self.anchors if a.value == value), "")

    def unit_after(self, value: Decimal) -> str:
        """The unit to print after `value`, with its leading space ('' when there is none)."""
        unit = self.unit_one if value == 1 and self.unit_one else self.unit
        return f" {unit}" if unit else ""

    @field_validator("min", "max", "step", mode="before")
    @classmethod
    def _exact_decimal(cls, value: object) -> object:
        # TOML floats arrive as binary floats; going through str keeps 0.1 as exactly 0.1.
        if isinstance(value, float):
            return Decimal(str(value))
        return value

    @field_validator("min", "max", "step", mode="after")
    @classmethod
    def _within_limits(cls, value: Decimal, info: ValidationInfo) -> Decimal:
        # Past these, the grid check below (and the verifier's walk of the range) asks Decimal
        # for quotients beyond its 28 digits: refused here with the place instead.
        if not value.is_finite() or abs(value) > MAX_NUMBER:
            raise ValueError(f"{value} is beyond the limit of ±{int(MAX_NUMBER):,}")
        if info.field_name == "step" and value < MIN_STEP:
            raise ValueError(f"step {value} is finer than the limit of {MIN_STEP}")
        return value

    @model_validator(mode="after")
    def _range_is_ordered(self) -> NumberVariable:
        if self.min > self.max:
            raise ValueError(f"min {self.min} is greater than max {self.max}")
        # An answer must be on the grid min, min + step, ...; a max off it could never be
        # answered, yet the verifier would try it as the end of the range.
        if (self.max - self.min) % self.step != 0:
            raise ValueError(
                f"max {self.max} is not on the grid of steps of {self.step} from {self.min}"
            )
        seen: set[Decimal] = set()
        for anchor in self.anchors:
            if not self.min <= anchor.value <= self.max or (anchor.value - self.min) % self.step:
                raise ValueError(
                    f"anchor {anchor.value} is not an answerable value "
                    f"({self.min} to {self.max} in steps of {self.step})"
                )
            if anchor.value in seen:
                raise ValueError(f"anchor {anchor.value} is labelled twice")
            seen.add(anchor.value)
        return self


Variable = Annotated[ChoiceVariable | MultiVariable | NumberVariable, Field(discriminator="kind")]


class Rule(Strict):
    """One row of a derived value's rule table; no `value` means "not applicable"."""

    when: str | None = None
    """The condition under which this row gives its value; the first row that holds wins."""
    otherwise: bool = False
    """true for the last row, which applies when no row above it holds."""
    value: Scalar | None = None
    """The value this row gives; left out, the derived value does not apply ("not applicable")."""

    @model_validator(mode="after")
    def _when_or_otherwise(self) -> Rule:
        if self.otherwise == (self.when is not None):
            raise ValueError("a rule has either `when` or `otherwise = true`, not both or neither")
        return self


class Derived(Strict):
    label: str = Field(min_length=1)
    """The derived value as panels and exports name it."""
    help: str = ""
    """How the value is worked out, shown in the help dialog."""
    values: list[Scalar] = Field(min_length=1)
    """Every value the rule table can give; comparing with any other value is a load error."""
    export: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$")
    """Its key in the exported outcome ("branch", "it_checks.csf_flow"); left out: not exported."""
    rules: list[Rule] = Field(min_length=1)
    """The rule table, read top to bottom; the first row whose condition holds gives the value."""


class Route(Strict):
    when: str | None = None
    """The condition under which this route is taken; exactly one route of a node may hold."""
    otherwise: bool = False
    """true for the route taken when no other route of the node holds."""
    to: Identifier
    """The id of the node this route leads to."""
    cycle: bool = False
    """true for a declared loop back to a node asked before (its questions are asked again)."""
    label: str | None = Field(default=None, min_length=1)
    """Words for the route on the flow map ("if the branch is borderline"); without one the
    map renders the condition with the variables' and values' labels."""

    @model_validator(mode="after")
    def _when_or_otherwise(self) -> Route:
        if self.otherwise == (self.when is not None):
            raise ValueError("a route has either `when` or `otherwise = true`, not both or neither")
        return self


class Section(Strict):
    title: str = Field(min_length=1)
    """The heading of the section on the outcome screen."""
    text: str = Field(min_length=1)
    """The section text; {name} inserts a variable or derived value."""
    when: str | None = None
    """Shown only when this condition holds; left out, always shown."""
    sources: list[str] = []
    """Ids of the sources (in [sources]) the section cites."""


class NodeBase(Strict):
    title: str = ""
    """A short title shown above the question and in the path."""
    prompt: str = ""
    """The question or information as the screen shows it."""
    help: str = ""
    """Why the question is asked, shown in the help dialog."""
    sources: list[str] = []
    """Ids of the sources (in [sources]) the help cites."""
    grade: str | None = None
    """The evidence grade of what the node asks or states, as the source gives it."""
    allow_note: bool = False
    """true lets the user add a reason or note to the answer (e.g. for a borderline choice)."""
    next: Identifier | None = None
    """The one node that always follows; `routes` instead where the way on depends on answers."""
    routes: list[Route] = []
    """The ways on from this node, each with a condition, or `otherwise`."""

    @model_validator(mode="after")
    def _one_way_on(self) -> NodeBase:
        if self.next is not None and self.routes:
            raise ValueError("a node has `next` or `routes`, not both")
        return self


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


class OutcomeNode(Strict):
    kind: Literal["outcome"]
    """"outcome": the end of a path, where recommendations and pitfalls are shown."""
    title: str = ""
    """The heading of the outcome screen."""
    prompt: str = ""
    """The text under the heading."""
    help: str = ""
    """More about this outcome, shown in the help dialog."""
    sources: list[str] = []
    """Ids of the sources (in [sources]) the outcome cites."""
    sections: list[Section] = []
    """Further sections of the outcome screen, such as the prognosis."""


Node = Annotated[
    ChoiceNode | MultiNode | NumberNode | InfoNode | OutcomeNode, Field(discriminator="kind")
]


class Recommendation(Strict):
    title: str = Field(min_length=1)
    """The recommendation in a few words."""
    text: str = Field(min_length=1)
    """The recommendation in full; {name} inserts a variable or derived value (a dose)."""
    when: str
    """The condition under which it is recommended."""
    sources: list[str] = Field(min_length=1)
    """Ids of the sources (in [sources]) it rests on; at least one."""
    grade: str | None = None
    """The evidence grade as the source gives it."""
    carried_out_by: list[str] = Field(default=[])
    """Values of a multi-select question (the plan) that carry this recommendation out: ticking
    any of them marks the option '✓ recommended'."""


class Pitfall(Strict):
    title: str = Field(min_length=1)
    """The pitfall in a few words."""
    text: str = Field(min_length=1)
    """What goes wrong and what to do instead."""
    when: str
    """The condition under which the pitfall is raised."""
    severity: Literal["critical", "warning"]
    """"critical" stops the session until acknowledged; "warning" is shown and recorded."""
    sources: list[str] = Field(min_length=1)
    """Ids of the sources (in [sources]) it rests on; at least one."""
    grade: str | None = None
    """The evidence grade as the source gives it."""


class Panel(Strict):
    title: str = Field(min_length=1)
    """The heading of the context panel box."""
    show: list[Identifier] = Field(min_length=1)
    """Ids of the derived values (or variables) shown in the box, in order."""


class FlowMeta(Strict):
    id: Identifier
    """The flow's id, recorded in every export (snake_case)."""
    title: str = Field(min_length=1)
    """The flow's title, shown on top of every screen."""
    version: str = Field(min_length=1)
    """The flow's version; raise it with every change of content."""
    start: Identifier
    """The id of the first node."""
    disclaimer: str = "This tool supports, and does not replace, clinical judgement."
    """Shown on the first screen and in every export."""
    summary: str = ""
    """What the flow covers, shown on the about screen."""
    panels: list[Panel] = []
    """The boxes of the context panel beside each question."""


class FlowFile(Strict):
    """The whole flow file as written."""

    flow: FlowMeta
    """The flow's id, title, version, start node and panels."""
    sources: dict[Identifier, Source] = {}
    """The references cited anywhere in the flow, by id."""
    variables: dict[Identifier, Variable] = {}
    """What the questions ask, by id: choices, checklists, numbers."""
    derived: dict[Identifier, Derived] = {}
    """Values worked out from the answers by rule tables, by id."""
    nodes: dict[Identifier, Node] = Field(min_length=1)
    """The screens, by id: questions, information, outcomes."""
    recommendations: dict[Identifier, Recommendation] = {}
    """What the outcome recommends, each with its condition and sources."""
    pitfalls: dict[Identifier, Pitfall] = {}
    """Dangerous combinations the flow warns about, each with its condition."""
