"""The flow file's records as the running app holds them: plain frozen dataclasses.

`model.py` is the schema: pydantic models that validate a file and print `lm-tui schema`. Once a
file has passed them, the loader copies it into these records (`from_model`), and every other part
of the app reads only these. Why two sets of classes: importing pydantic and building its model
classes costs more than anything else before the first screen (about 0.1 s), and a start from the
cached bundled flow (flow_cache.py) validates nothing, so with records it never imports pydantic.

Each record has exactly the fields of the model of the same name, in the same order and with the
same defaults (tests/unit/test_records_mirror_models.py holds them to that): a field added to the
schema must be added here too.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, ClassVar, Literal

Scalar = bool | int | float | str
"""A literal value a derived rule may give."""


class Record:
    """A frozen record: keyword-only fields from the class annotations, defaults from the class.

    Not a dataclass on purpose: generating a dataclass's methods runs `exec` for each class, and
    these 20 classes cost 14-17 ms that way, a tenth of the whole start-up budget this module
    exists to save. The semantics are those of the models (and of a frozen dataclass): fields in
    declaration order, bases first; equality and hash by type and field values; no assignment.
    Lists never change after loading, so a list default may be shared between records.
    """

    __fields__: ClassVar[tuple[str, ...]] = ()
    __required__: ClassVar[frozenset[str]] = frozenset()

    def __init_subclass__(cls) -> None:
        own = [
            name
            # Not inspect.get_annotations: importing inspect would cost more than these classes.
            for name, kind in cls.__dict__.get("__annotations__", {}).items()  # noqa: RUF063
            if not str(kind).startswith("ClassVar")
        ]
        inherited = [name for name in cls.__fields__ if name not in own]
        cls.__fields__ = (*inherited, *own)
        cls.__required__ = frozenset(name for name in cls.__fields__ if not hasattr(cls, name))

    def __init__(self, **values: Any) -> None:
        unknown = values.keys() - set(self.__fields__)
        missing = self.__required__ - values.keys()
        if unknown or missing:
            raise TypeError(
                f"{type(self).__name__}: unknown fields {sorted(unknown)}, "
                f"missing fields {sorted(missing)}"
            )
        self.__dict__.update(values)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot set '{name}'")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot delete '{name}'")

    def field_values(self) -> Iterator[tuple[str, Any]]:
        """(field, value) in declaration order."""
        for name in self.__fields__:
            yield name, getattr(self, name)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__fields__)

    def __hash__(self) -> int:
        return hash((type(self), *(getattr(self, name) for name in self.__fields__)))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self.field_values())
        return f"{type(self).__name__}({shown})"


class Source(Record):
    citation: str
    year: int | None = None


class Choice(Record):
    value: str
    label: str
    help: str = ""


class ChoiceVariable(Record):
    kind: Literal["choice"]
    label: str
    help: str = ""
    choices: list[Choice]


class MultiVariable(Record):
    kind: Literal["multi"]
    label: str
    help: str = ""
    choices: list[Choice]
    min_selected: int = 0


class Anchor(Record):
    """What one value of a number scale means ("60: needs occasional help"), shown beside it."""

    value: Decimal
    label: str


class NumberVariable(Record):
    kind: Literal["number"]
    label: str
    help: str = ""
    min: Decimal
    max: Decimal
    step: Decimal
    unit: str = ""
    unit_one: str = ""
    """The unit after exactly 1 ("1 sample" beside "2 samples"); `unit` when left out."""
    anchors: list[Anchor] = []  # noqa: RUF012  # shared, never changed (see Record)
    """Labelled values of a scale, shown with the question."""

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
    otherwise: bool = False
    value: Scalar | None = None


class Derived(Record):
    label: str
    help: str = ""
    values: list[Scalar]
    export: str | None = None
    rules: list[Rule]


class Route(Record):
    when: str | None = None
    otherwise: bool = False
    to: str
    cycle: bool = False
    label: str | None = None


class Section(Record):
    title: str
    text: str
    when: str | None = None
    sources: list[str] = []  # noqa: RUF012  # shared, never changed (see Record)


class NodeBase(Record):
    title: str = ""
    prompt: str = ""
    help: str = ""
    sources: list[str] = []  # noqa: RUF012  # shared, never changed (see Record)
    grade: str | None = None
    allow_note: bool = False
    next: str | None = None
    routes: list[Route] = []  # noqa: RUF012  # shared, never changed (see Record)


class QuestionNode(NodeBase):
    variable: str
    options: list[str] | None = None


class ChoiceNode(QuestionNode):
    kind: Literal["choice"]


class MultiNode(QuestionNode):
    kind: Literal["multi"]


class NumberNode(NodeBase):
    kind: Literal["number"]
    variable: str


class InfoNode(NodeBase):
    kind: Literal["info"]


class OutcomeNode(Record):
    kind: Literal["outcome"]
    title: str = ""
    prompt: str = ""
    help: str = ""
    sources: list[str] = []  # noqa: RUF012  # shared, never changed (see Record)
    sections: list[Section] = []  # noqa: RUF012  # shared, never changed (see Record)


Node = ChoiceNode | MultiNode | NumberNode | InfoNode | OutcomeNode


class Recommendation(Record):
    title: str
    text: str
    when: str
    sources: list[str]
    grade: str | None = None
    carried_out_by: list[str] = []  # noqa: RUF012  # shared, never changed (see Record)


class Pitfall(Record):
    title: str
    text: str
    when: str
    severity: Literal["critical", "warning"]
    sources: list[str]
    grade: str | None = None


class Panel(Record):
    title: str
    show: list[str]


class FlowMeta(Record):
    id: str
    title: str
    version: str
    start: str
    disclaimer: str = "This tool supports, and does not replace, clinical judgement."
    summary: str = ""
    panels: list[Panel] = []  # noqa: RUF012  # shared, never changed (see Record)


class FlowFile(Record):
    """The whole flow file as written (and validated)."""

    flow: FlowMeta
    sources: dict[str, Source] = {}  # noqa: RUF012
    variables: dict[str, Variable] = {}  # noqa: RUF012
    derived: dict[str, Derived] = {}  # noqa: RUF012
    nodes: dict[str, Node]
    recommendations: dict[str, Recommendation] = {}  # noqa: RUF012
    pitfalls: dict[str, Pitfall] = {}  # noqa: RUF012


RECORDS: dict[str, type[Record]] = {
    cls.__name__: cls
    for cls in (
        Source,
        Choice,
        ChoiceVariable,
        Anchor,
        MultiVariable,
        NumberVariable,
        Rule,
        Derived,
        Route,
        Section,
        ChoiceNode,
        MultiNode,
        NumberNode,
        InfoNode,
        OutcomeNode,
        Recommendation,
        Pitfall,
        Panel,
        FlowMeta,
        FlowFile,
    )
}
"""Each record class by its name, which is also the name of its model in model.py."""


_AS_IS = frozenset({str, int, float, bool, type(None), Decimal})
"""Types a record holds as they come from the model."""


def from_model(value: Any) -> Any:
    """A validated model (and everything in it) copied into records.

    Models are recognised by their class name (a record of the same name exists for each), so this
    module needs no import of pydantic. Lists and dicts are copied with their items converted.
    A 10,000-node flow has half a million values, so plain values skip the call, and a record is
    filled directly: the model has already checked every field the record has.
    """
    kind = type(value)
    if kind in _AS_IS:
        return value
    if kind is list:
        return [item if type(item) in _AS_IS else from_model(item) for item in value]
    if kind is dict:
        return {
            key: item if type(item) in _AS_IS else from_model(item) for key, item in value.items()
        }
    record = RECORDS.get(kind.__name__)
    if record is None or not hasattr(value, "model_fields_set"):
        raise TypeError(f"no record for {kind.__name__}")
    fields = value.__dict__  # a pydantic model keeps its field values there
    copied = object.__new__(record)
    copied.__dict__.update(
        {
            name: item if type(item) in _AS_IS else from_model(item)
            for name in record.__fields__
            for item in (fields[name],)
        }
    )
    return copied


def as_plain(value: Any) -> Any:
    """A record as plain data, as a reader compares it: dicts in field order, numbers as text
    where they are exact decimals (as pydantic's JSON mode writes them)."""
    if isinstance(value, Record):
        return {name: as_plain(item) for name, item in value.field_values()}
    if isinstance(value, list | tuple):
        return [as_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: as_plain(item) for key, item in value.items()}
    if isinstance(value, Decimal):
        return str(value)
    return value
