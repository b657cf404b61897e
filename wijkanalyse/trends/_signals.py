"""Early signals: the units whose population or relative deprivation moves fastest.

A signal is a ranking with its evidence, not a verdict: the units whose population grew (or
shrank) fastest beyond the noise of their counts, and the wijken whose sectors fell furthest
down the BIMD deciles (relatively more deprived: the BIMD compares within a year, see
:data:`wijkanalyse.trends.BIMD_CAVEAT`).
"""

from __future__ import annotations

import pandas as pd

from wijkanalyse._errors import DataError
from wijkanalyse.trends._changes import changes

#: The kinds of signal, in the order they are listed.
SIGNAL_KINDS = ("population_growth", "population_decline", "relative_deprivation")
#: The columns of :func:`population_signals` and :func:`deprivation_signals`.
POPULATION_COLUMNS = (
    "kind",
    "unit",
    "name",
    "from_year",
    "to_year",
    "before",
    "after",
    "change",
    "rate_annual",
    "band",
    "approximate",
    "rank",
)
DEPRIVATION_COLUMNS = (
    "kind",
    "unit",
    "mean_decile_change",
    "n_sectors",
    "n_fell",
    "n_fell_student",
    "approximate",
    "rank",
)


def population_signals(
    series: pd.DataFrame, *, top: int = 5, threshold: int = 5, z: float = 1.96
) -> pd.DataFrame:
    """Return the units whose population grew or shrank fastest, beyond the noise band.

    Parameters
    ----------
    series
        :func:`wijkanalyse.trends.population_series` (one level): ``unit``, ``name``,
        ``year``, ``value`` and ``method``.
    top
        How many units of each kind (growth, decline).

    Returns
    -------
    pandas.DataFrame
        ``kind``, ``unit``, ``name``, ``from_year``, ``to_year``, ``before``, ``after``,
        ``change``, ``rate_annual``, ``band``, ``approximate`` (a year's count was carried by
        code or allocated) and ``rank`` (1: the fastest), over the whole period.
    """
    need = {"unit", "name", "year", "value", "method"}
    if not need <= set(series.columns):
        raise DataError(f"population_signals: series needs the columns {sorted(need)}.")
    if top < 1:
        raise DataError(f"population_signals: top must be at least 1, got {top}.")
    wide = series.pivot(index="unit", columns="year", values="value")
    years = sorted(int(y) for y in wide.columns)
    if len(years) < 2:
        raise DataError(f"population_signals: need two years or more, got {years}.")
    whole = changes(
        wide[[years[0], years[-1]]],
        threshold=threshold,
        z=z,
        pairs={"whole": (years[0], years[-1])},
    )
    exact = series.assign(ok=series["method"] == "exact").groupby("unit")["ok"].all()
    names = series.groupby("unit")["name"].first()
    found = whole[whole["significant"].fillna(False).astype(bool)].copy()
    found["name"] = found["unit"].map(names)
    found["approximate"] = ~found["unit"].map(exact).fillna(False).astype(bool)
    out = []
    for kind, sign in (("population_growth", 1), ("population_decline", -1)):
        part = found[found["change"] * sign > 0]
        part = part.sort_values("rate_annual", ascending=sign < 0).head(top)
        out.append(part.assign(kind=kind, rank=range(1, len(part) + 1)))
    cols = list(POPULATION_COLUMNS)
    return pd.concat(out, ignore_index=True)[cols] if out else pd.DataFrame(columns=cols)


def deprivation_signals(
    bimd: pd.DataFrame, *, top: int = 5, down: int = 2, student: pd.Series | None = None
) -> pd.DataFrame:
    """Return the wijken whose sectors fell furthest down the BIMD deciles, 2001 → 2011.

    Parameters
    ----------
    bimd
        :func:`wijkanalyse.trends.bimd_changes`: per sector ``wijk``, ``decile_change``
        and ``method_2001``.
    top
        How many wijken.
    down
        A sector "fell" when its decile went down by at least this many.
    student
        Per sector, whether the need index flags it as a student sector
        (:func:`wijkanalyse.index.flag_sectors`: few residents aged 65+, a low BIMD income
        decile without a low employment decile). There a fall may point to students moving
        in rather than to growing need; the flag is a snapshot and cannot show who came.
        ``None``: not known (``n_fell_student`` NA).

    Returns
    -------
    pandas.DataFrame
        ``kind`` (``relative_deprivation``), ``unit`` (wijk), ``mean_decile_change``,
        ``n_sectors`` (with a change), ``n_fell`` (sectors ``down`` deciles or more lower),
        ``n_fell_student`` (of those, the student sectors), ``approximate`` (a 2001 rank
        carried by code) and ``rank``; only wijken whose mean change is below 0.
    """
    known = bimd.dropna(subset=["decile_change", "wijk"])
    if known.empty:
        return pd.DataFrame(columns=list(DEPRIVATION_COLUMNS))
    change = known["decile_change"].astype(float)
    fell = change <= -down
    flagged = (
        student.reindex(known.index).fillna(False).astype(bool)
        if student is not None
        else pd.Series(False, index=known.index)
    )
    by = known.assign(
        fell=fell,
        fell_student=fell & flagged,
        by_code=known["method_2001"] == "by_code",
        change=change,
    ).groupby("wijk")
    out = pd.DataFrame(
        {
            "mean_decile_change": by["change"].mean(),
            "n_sectors": by["change"].size(),
            "n_fell": by["fell"].sum().astype(int),
            "n_fell_student": by["fell_student"].sum().astype("Int64")
            if student is not None
            else pd.Series(pd.NA, index=by.size().index, dtype="Int64"),
            "approximate": by["by_code"].any(),
        }
    )
    out = out[out["mean_decile_change"] < 0].sort_values(
        ["mean_decile_change", "n_fell"], ascending=[True, False]
    )
    out = out.head(top).reset_index(names="unit")
    out.insert(0, "kind", "relative_deprivation")
    out["rank"] = range(1, len(out) + 1)
    return out
