"""What every record of a flow file is (records.py holds them), and how one is made from a model.

records.py is generated from the schema models (model.py) and holds only their fields; the
behaviour they share is written once, here: frozen, compared by value, made from a validated
model without importing pydantic, and turned back into plain data.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, ClassVar

RECORDS: dict[str, type[Record]] = {}
"""Each record class by its name, which is also the name of its model in model.py."""


class Record:
    """A frozen record: keyword-only fields from the class annotations, defaults from the class.

    Not a dataclass on purpose: generating a dataclass's methods runs `exec` for each class, and
    the 20 classes of records.py cost 14-17 ms that way, a tenth of the whole start-up budget the
    records exist to save. The semantics are those of the models (and of a frozen dataclass):
    fields in declaration order, bases first; equality and hash by type and field values; no
    assignment.
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
        RECORDS[cls.__name__] = cls

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


_AS_IS = frozenset({str, int, float, bool, type(None), Decimal})
"""Types a record holds as they come from the model."""


def from_model(value: Any) -> Any:
    """A validated model (and everything in it) copied into records.

    Models are recognised by their class name (records.py has a record of the same name for
    each), so this module needs no import of pydantic. Lists and dicts are copied with their items
    converted.
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
