"""Programming norms: how many centres of a type a municipality may have, by its population.

Flanders programmes its lokale dienstencentra per municipality: one per started block of
15 000 inhabitants (Agentschap Zorg en Gezondheid, "Programmatie van lokale en regionale
dienstencentra", https://www.zorg-en-gezondheid.be/programmatie-van-lokale-en-regionale-
dienstencentra). Leuven, with 101 032 inhabitants in the Census 2021, has room for 7; the
city's register holds 3. :func:`programming_norm` puts the norm next to the register, per
municipality, so that a plan for new centres can be read against it.

What it cannot say: the agency computes the norm on the population projection of the fifth
year after a request, not on a census; the norm counts recognised centres, a register may
count others; and a norm says how many, never where (the plans do that).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from wijkanalyse._errors import DataError

__all__ = ["NORMS", "Norm", "programming_norm"]


@dataclass(frozen=True)
class Norm:
    """One centre of a type per started block of ``per_inhabitants`` inhabitants."""

    per_inhabitants: int
    source: str

    def __post_init__(self) -> None:
        if not (isinstance(self.per_inhabitants, int) and self.per_inhabitants > 0):
            raise DataError(
                f"a norm counts inhabitants per centre: a whole number above 0, got "
                f"{self.per_inhabitants!r}."
            )

    def count(self, population: float) -> int:
        """Return the centres the norm allows for ``population`` (a started block counts)."""
        if population is None or pd.isna(population) or population < 0:
            raise DataError(f"population must be a number ≥ 0, got {population!r}.")
        return math.ceil(population / self.per_inhabitants)


#: The norms the package knows, by facility type (a study may give its own).
NORMS: dict[str, Norm] = {
    "lokaal_dienstencentrum": Norm(
        per_inhabitants=15_000,
        source="Agentschap Zorg en Gezondheid, “Programmatie van lokale en regionale "
        "dienstencentra”: 1 lokaal dienstencentrum per begonnen schijf van 15 000 inwoners "
        "per gemeente",
    ),
}


def programming_norm(
    population: Mapping[str, float] | pd.Series,
    facilities: pd.DataFrame,
    norms: Mapping[str, Norm] | None = None,
    *,
    municipality_col: str = "gemeente",
) -> pd.DataFrame:
    """Return per municipality and facility type the norm's count next to the register's.

    Parameters
    ----------
    population
        Inhabitants per municipality (NIS code).
    facilities
        Facilities with ``type``, ``status`` (``existing`` / ``planned``; missing counts as
        existing) and ``municipality_col``.
    norms
        Norms by facility type (default :data:`NORMS`).

    Returns
    -------
    pandas.DataFrame
        One row per (municipality, type with a norm): ``gemeente``, ``facility_type``,
        ``population``, ``per_inhabitants``, ``norm``, ``registered`` (existing),
        ``planned``, ``room`` (norm minus registered; negative: above the norm),
        ``source``.

    Examples
    --------
    >>> fac = pd.DataFrame({"type": ["lokaal_dienstencentrum"] * 3, "status": "existing",
    ...                     "gemeente": "24062"})
    >>> programming_norm({"24062": 101_032}, fac)[["norm", "registered", "room"]].iloc[0].tolist()
    [7, 3, 4]
    """
    norms = NORMS if norms is None else norms
    for col in ("type", municipality_col):
        if col not in facilities:
            raise DataError(f"programming_norm: the facilities have no column {col!r}.")
    pop = pd.Series(population, dtype=float)
    status = (
        facilities["status"].fillna("existing")
        if "status" in facilities
        else pd.Series("existing", index=facilities.index)
    )
    rows = []
    for code, people in pop.items():
        here = facilities[facilities[municipality_col].astype(str) == str(code)]
        for ftype, norm in norms.items():
            mine = here["type"] == ftype
            registered = int((mine & (status.loc[here.index] == "existing")).sum())
            planned = int((mine & (status.loc[here.index] == "planned")).sum())
            allowed = norm.count(people)
            rows.append(
                {
                    "gemeente": str(code),
                    "facility_type": ftype,
                    "population": people,
                    "per_inhabitants": norm.per_inhabitants,
                    "norm": allowed,
                    "registered": registered,
                    "planned": planned,
                    "room": allowed - registered,
                    "source": norm.source,
                }
            )
    return pd.DataFrame(rows)
