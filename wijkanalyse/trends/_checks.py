"""The trends checked against an outside reference: Statbel's own municipal income table.

The income series per deelgemeente (Provincies in Cijfers' upload of Statbel's figures) is
summed to the municipality and to Flanders by :func:`wijkanalyse.trends.income_series` and
:func:`wijkanalyse.trends.flemish_income`. Statbel publishes its own table per municipality
for 2005–2013 (TF_PSNL_INC_TAX_MUNTY): where both exist they must agree. Every study with
income in ``[trends]`` runs these checks and shows their result, good or bad
(``trends_checks.csv``, the summary, the city report), in the columns of
:data:`wijkanalyse.validation.COLUMNS`:

* ``income_reference``: a municipality's mean income per return, the sum of its
  deelgemeenten against Statbel's table (the municipalities merged in 2019 are the sum of
  their members' rows); they agree when no year is more than :data:`TOLERANCE` apart (the
  series keeps whole euros);
* ``income_reference_flanders``: the Flemish mean over the deelgemeenten with a value in
  every year (``panel``) against Statbel's complete sum over the Flemish municipalities;
  they agree within :data:`PANEL_TOLERANCE`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from wijkanalyse.trends._flanders import FLANDERS_CODE, FLANDERS_NAME
from wijkanalyse.trends._series import income_series

#: The reference's dataset.
REFERENCE = "statbel_income_municipalities_2005_2013"

#: Largest relative difference of a municipality's mean income per return that still
#: agrees: the deelgemeente series keeps whole euros, Statbel cents.
TOLERANCE = 0.001

#: Largest relative difference of the Flemish panel mean that still agrees with the whole.
PANEL_TOLERANCE = 0.01


def income_checks(
    municipalities: Sequence[str],
    *,
    years: Iterable[int] | None = None,
    flanders: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Check the income series against Statbel's municipal table, in the years both have.

    Parameters
    ----------
    municipalities
        NIS codes (2024) of the municipalities whose series
        (:func:`wijkanalyse.trends.income_series`) is checked.
    years
        The years of the series (default: all); the check compares those of 2005–2013.
    flanders
        :func:`wijkanalyse.trends.flemish_income` (``year``, ``value``), or ``None``.

    Returns
    -------
    pandas.DataFrame
        One row per municipality (and Flanders), columns
        :data:`wijkanalyse.validation.COLUMNS`: ``n`` the years compared, ``value`` the
        largest relative difference of the mean income per return, ``result`` ``agrees`` or
        ``differs`` (``no_reference`` without a common year), ``detail`` the years and the
        largest difference.

    Examples
    --------
    >>> income_checks(["24062"])[["unit", "n", "result"]].values.tolist()
    [['24062', 9, 'agrees']]
    """
    from wijkanalyse import areas, io, validation

    table = io.read_income_municipalities(REFERENCE)
    rows = []
    for code in municipalities:
        # a sector code begins with its municipality's code of before the 2019 mergers
        members = set(areas.hierarchy(2024, gemeente=code).index.str[:5]) | {str(code)}
        ref = table[table["gemeente"].isin(members)].groupby("year")[["returns", "income_total"]]
        ref_mean = ref.sum()["income_total"] / ref.sum()["returns"]
        income = income_series(code, years=years)
        own = income[income["level"] == "gemeente"]
        ours = own.set_index("year")["income_total"] / own.set_index("year")["returns"]
        name = str(own["name"].iloc[0]) if len(own) else str(code)
        rows.append(
            _check("income_reference", "gemeente", str(code), name, ours, ref_mean, TOLERANCE)
        )
    if flanders is not None and len(flanders):
        flemish = set(areas.flemish_municipalities(2011)) | set(areas.flemish_municipalities(2024))
        ref = table[table["gemeente"].isin(flemish)].groupby("year")[["returns", "income_total"]]
        ref_mean = ref.sum()["income_total"] / ref.sum()["returns"]
        ours = flanders.set_index("year")["value"]
        rows.append(
            _check(
                "income_reference_flanders",
                "gewest",
                FLANDERS_CODE,
                FLANDERS_NAME,
                ours,
                ref_mean,
                PANEL_TOLERANCE,
            )
        )
    return validation.checks_table(rows)


def _check(
    check: str,
    level: str,
    unit: str,
    name: str,
    ours: pd.Series,
    reference: pd.Series,
    tolerance: float,
) -> dict[str, object]:
    from wijkanalyse import validation

    a = pd.to_numeric(ours, errors="coerce").astype(float)
    b = pd.to_numeric(reference, errors="coerce").astype(float)
    both = a.index.intersection(b.index)
    both = both[np.isfinite(a.reindex(both)) & np.isfinite(b.reindex(both))]
    if len(both) == 0:
        return validation.check_row(
            check=check,
            level=level,
            unit=unit,
            name=name,
            reference=REFERENCE,
            n=0,
            result="no_reference",
            detail="no year in both the series and Statbel's municipal table",
        )
    rel = (a.reindex(both) / b.reindex(both) - 1).abs()
    worst = int(str(rel.idxmax()))
    years = sorted(int(y) for y in both)
    return validation.check_row(
        check=check,
        level=level,
        unit=unit,
        name=name,
        reference=REFERENCE,
        n=len(both),
        value=float(rel.max()),
        independent=True,
        result="agrees" if float(rel.max()) <= tolerance else "differs",
        detail=f"mean income per return {years[0]}-{years[-1]}: largest difference "
        f"{100 * float(rel.max()):.2f} % ({worst}); agrees within {100 * tolerance:g} %",
    )


def check_sentence(checks: pd.DataFrame | None, language: str | None = None) -> str | None:
    """Return the checks as one sentence for the summary and the report (``None``: none)."""
    from wijkanalyse import _i18n

    if checks is None or checks.empty:
        return None
    items = []
    for _, r in checks.iterrows():
        result = str(r["result"])
        name = (
            _i18n.text("report_trend_flanders", language) if r["level"] == "gewest" else r["name"]
        )
        if result == "no_reference":
            items.append(_i18n.text("trends_check_none", language, name=name))
            continue
        items.append(
            _i18n.text(
                "trends_check_item",
                language,
                name=name,
                result=_i18n.text(f"trends_check_{result}", language),
                diff=_i18n.fmt_pct(r["value"], 2, language),
                n=int(r["n"]),
            )
        )
    return _i18n.text("trends_check_line", language, items="; ".join(items))
