"""Pydantic models of a teaching case file (`flows/cases/*.toml`), as written.

A case is a patient story (`[case]`), the facts the trainee is given (`[given]`), the decisions
the trainee should make (`[expected]`) and, per decision, why (`[explain.VARIABLE]`). Unknown keys
are rejected so a misspelt table is an error, not a decision silently left unscored.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
"""Variable, source and flow ids, as in the flow file."""

CaseId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
"""Case ids are typed on the command line (`lm-tui teach her2-breast-it`): lower case, - or _."""

CaseAnswer = StrictStr | StrictInt | StrictFloat | list[StrictStr]
"""An answer as an answers file writes it: a choice, a number, or a list for a multi-select."""

OutcomeValue = (
    StrictBool | StrictInt | StrictFloat | StrictStr | list[StrictStr] | dict[str, StrictStr]
)
"""A value of the session export's `[outcome]` table."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CaseInfo(Strict):
    id: CaseId
    title: str = Field(min_length=1)
    flow: Identifier
    """Id of the flow the case is played on (`[flow] id` of the flow file)."""
    vignette: str = Field(min_length=1)
    objectives: list[Annotated[str, Field(min_length=1)]] = Field(min_length=1)


class Explanation(Strict):
    """Why the expected answer is right, shown after the decision or in the debrief."""

    why: str = Field(min_length=1)
    sources: list[Identifier] = Field(min_length=1)
    hint: str = ""
    """Shown before the trainee answers, when they ask for it."""
    also_accept: list[CaseAnswer] = []
    """Other answers that also score (e.g. an equally good plan); `why` should say so."""
    recommended_by: dict[Identifier, Identifier] = {}
    """For a multi-select (the plan): item -> the flow recommendation it carries out, so a
    missing item is explained by that recommendation's title, text and sources."""


class CaseFile(Strict):
    case: CaseInfo
    given: dict[Identifier, CaseAnswer] = {}
    expected: dict[Identifier, CaseAnswer] = Field(min_length=1)
    explain: dict[Identifier, Explanation] = {}
    expected_outcome: dict[Identifier, OutcomeValue] = {}
    """Optional: what the expected path must lead to, in the export's `[outcome]` keys
    (recommendations and pitfalls as exact sets). `lm-tui check` proves it with the engine, so a
    flow edit that changes what the case teaches is caught."""
