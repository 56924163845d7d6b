"""Pydantic models of a flow file: the schema that `lm-tui schema` prints.

They describe the file as written; `loader.py` turns a validated file into a `Flow` with parsed
conditions. Unknown keys are rejected (`extra="forbid"`) so a misspelt field is a load error, not
a silently ignored rule.
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
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(Strict):
    citation: str = Field(min_length=1)
    year: int | None = None


class Choice(Strict):
    value: Identifier
    label: str = Field(min_length=1)
    help: str = ""


class ChoiceVariable(Strict):
    kind: Literal["choice"]
    label: str = Field(min_length=1)
    help: str = ""
    choices: list[Choice] = Field(min_length=1)


class MultiVariable(Strict):
    kind: Literal["multi"]
    label: str = Field(min_length=1)
    help: str = ""
    choices: list[Choice] = Field(min_length=1)
    min_selected: int = Field(default=0, ge=0)


class Anchor(Strict):
    """What one value of a number scale means ("60: needs occasional help"), shown beside it."""

    value: Decimal
    label: str = Field(min_length=1)

    @field_validator("value", mode="before")
    @classmethod
    def _exact_decimal(cls, value: object) -> object:
        return Decimal(str(value)) if isinstance(value, float) else value


class NumberVariable(Strict):
    kind: Literal["number"]
    label: str = Field(min_length=1)
    help: str = ""
    min: Decimal
    max: Decimal
    step: Decimal = Field(gt=0)
    unit: str = ""
    unit_one: str = ""
    """The unit after exactly 1 ("1 sample" beside "2 samples"); `unit` when left out."""
    anchors: list[Anchor] = []
    """Labelled values of a scale (Karnofsky 100 "normal" ... 10 "moribund"), shown with the
    question; each must be an answerable value, at most once."""

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
    otherwise: bool = False
    value: Scalar | None = None

    @model_validator(mode="after")
    def _when_or_otherwise(self) -> Rule:
        if self.otherwise == (self.when is not None):
            raise ValueError("a rule has either `when` or `otherwise = true`, not both or neither")
        return self


class Derived(Strict):
    label: str = Field(min_length=1)
    help: str = ""
    values: list[Scalar] = Field(min_length=1)
    export: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$")
    rules: list[Rule] = Field(min_length=1)


class Route(Strict):
    when: str | None = None
    otherwise: bool = False
    to: Identifier
    cycle: bool = False
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
    text: str = Field(min_length=1)
    when: str | None = None
    sources: list[str] = []


class NodeBase(Strict):
    title: str = ""
    prompt: str = ""
    help: str = ""
    sources: list[str] = []
    grade: str | None = None
    allow_note: bool = False
    next: Identifier | None = None
    routes: list[Route] = []

    @model_validator(mode="after")
    def _one_way_on(self) -> NodeBase:
        if self.next is not None and self.routes:
            raise ValueError("a node has `next` or `routes`, not both")
        return self


class QuestionNode(NodeBase):
    variable: Identifier
    options: list[Identifier] | None = None


class ChoiceNode(QuestionNode):
    kind: Literal["choice"]


class MultiNode(QuestionNode):
    kind: Literal["multi"]


class NumberNode(NodeBase):
    kind: Literal["number"]
    variable: Identifier


class InfoNode(NodeBase):
    kind: Literal["info"]


class OutcomeNode(Strict):
    kind: Literal["outcome"]
    title: str = ""
    prompt: str = ""
    help: str = ""
    sources: list[str] = []
    sections: list[Section] = []


Node = Annotated[
    ChoiceNode | MultiNode | NumberNode | InfoNode | OutcomeNode, Field(discriminator="kind")
]


class Recommendation(Strict):
    title: str = Field(min_length=1)
    text: str = Field(min_length=1)
    when: str
    sources: list[str] = Field(min_length=1)
    grade: str | None = None
    carried_out_by: list[str] = Field(
        default=[],
        description="Values of a multi-select question (the plan) that carry this "
        "recommendation out: ticking any of them marks the option '✓ recommended'.",
    )


class Pitfall(Strict):
    title: str = Field(min_length=1)
    text: str = Field(min_length=1)
    when: str
    severity: Literal["critical", "warning"]
    sources: list[str] = Field(min_length=1)
    grade: str | None = None


class Panel(Strict):
    title: str = Field(min_length=1)
    show: list[Identifier] = Field(min_length=1)


class FlowMeta(Strict):
    id: Identifier
    title: str = Field(min_length=1)
    version: str = Field(min_length=1)
    start: Identifier
    disclaimer: str = "This tool supports, and does not replace, clinical judgement."
    summary: str = ""
    panels: list[Panel] = []


class FlowFile(Strict):
    """The whole flow file as written."""

    flow: FlowMeta
    sources: dict[Identifier, Source] = {}
    variables: dict[Identifier, Variable] = {}
    derived: dict[Identifier, Derived] = {}
    nodes: dict[Identifier, Node] = Field(min_length=1)
    recommendations: dict[Identifier, Recommendation] = {}
    pitfalls: dict[Identifier, Pitfall] = {}
