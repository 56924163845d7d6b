"""The values a condition can see, including the two that are not answers.

`UNKNOWN` is a variable not asked (yet); `ABSENT` is a derived value that does not apply (a
rule without a value). They differ on purpose: a condition that meets UNKNOWN cannot be decided,
while one that meets ABSENT is decided (ABSENT equals nothing).
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Final, TypeAlias


class Missing(Enum):
    UNKNOWN = "unknown"
    ABSENT = "absent"

    def __repr__(self) -> str:
        return self.value.upper()


UNKNOWN: Final = Missing.UNKNOWN
ABSENT: Final = Missing.ABSENT

Value: TypeAlias = str | Decimal | bool | frozenset[str]
"""An answer or derived value inside the engine: numbers are Decimal, multi-selects frozensets."""

Seen: TypeAlias = Value | Missing
"""What a condition sees for a name."""

TriState: TypeAlias = bool | Missing
"""The result of a condition: True, False or UNKNOWN (Kleene logic)."""


def to_decimal(number: int | float | Decimal) -> Decimal:
    """Exact decimal of a number as written (0.1 stays 0.1, not its binary neighbour)."""
    if isinstance(number, Decimal):
        return number
    return Decimal(str(number))


def plain_number(number: Decimal) -> int | float:
    """The number as it should appear in an export: 70, not 70.0 or Decimal('70')."""
    if number == number.to_integral_value():
        return int(number)
    return float(number)


def exportable(value: Value) -> str | int | float | bool | list[str]:
    """A value in the types TOML and JSON carry."""
    if isinstance(value, bool | str):
        return value
    if isinstance(value, Decimal):
        return plain_number(value)
    return sorted(value)
