"""One table of the output folder (:class:`Table`), shared by the schema's modules."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal


class SchemaError(RuntimeError):
    """A table does not fit the output schema (a bug in wijkanalyse, not in the input)."""


@dataclass(frozen=True)
class Table:
    """One table of the output folder."""

    name: str
    #: what the table holds, one line (English; for the docs and errors)
    about: str
    #: the column that identifies a row, written first (``None``: rows have no key)
    key: str | None
    #: column slots in write order: a name, or ``re:PATTERN`` for every column it matches
    columns: tuple[str, ...] = ()
    #: columns that match no slot: an error, written after the slots, or left out
    extra: Literal["error", "keep", "drop"] = "error"
    #: decimals per column slot (name or ``re:`` pattern); ``"*"`` for every float column
    decimals: Mapping[str, int] = field(default_factory=dict)
    #: code columns, read back as text (``"24062"`` is a code, not a number)
    codes: tuple[str, ...] = ()
    #: the CSV file (``None``: a GeoPackage layer only)
    csv: str | None = None
    #: the GeoPackage layer (``None``: a CSV file only)
    layer: str | None = None

    def __post_init__(self) -> None:
        if self.csv is None and self.layer is None:
            raise SchemaError(f"table {self.name} has neither a CSV file nor a layer")

    def slot(self, column: str) -> int | None:
        """Return the position of the first slot ``column`` fills, or ``None``."""
        for i, s in enumerate(self.columns):
            if s == column or (s.startswith("re:") and re.fullmatch(s[3:], column)):
                return i
        return None


def _csv(name: str, about: str, key: str | None, *columns: str, **kw: object) -> Table:
    return Table(name, about, key, columns, csv=f"{name}.csv", **kw)  # type: ignore[arg-type]
