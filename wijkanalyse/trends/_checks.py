"""The income trend checked against Statbel's own municipal table, good or bad.

The income series per deelgemeente (Provincies in Cijfers' upload of Statbel's figures) is
summed to the municipality and to Flanders by :func:`wijkanalyse.trends.income_series` and
:func:`wijkanalyse.trends.flemish_income`. Statbel publishes its own table per municipality
for 2005–2013 (TF_PSNL_INC_TAX_MUNTY), separately: where both exist they must agree. Both
come from Statbel's fiscal statistics, so the check tests the chain (Provincies in Cijfers'
aggregation, the codes of the 2019 mergers, this package's sums), not the figures
themselves: it is marked ``independent = False``. Every study with income in ``[trends]``
runs it over all of 2005–2013, whichever years it shows, and shows the result
(``trends_checks.csv``, the summary, the city report), in the columns of
:data:`wijkanalyse.validation.COLUMNS`:

* ``income_reference``: a municipality's mean income per return, the sum of its
  deelgemeenten, against Statbel's table (a municipality merged in 2019 is the sum of its
  members' rows); they agree when no year is more than :data:`TOLERANCE` apart;
* ``income_reference_flanders``: the Flemish mean over the deelgemeenten with a value in
  every year (the ``panel`` of :func:`wijkanalyse.trends.flemish_income`) against Statbel's
  complete sum over the Flemish municipalities; they agree within :data:`PANEL_TOLERANCE`.
  2014–2019 cannot be checked: Statbel's table stops in 2013.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from wijkanalyse.trends._flanders import FLANDERS_CODE, FLANDERS_NAME, flemish_income
from wijkanalyse.trends._series import income_series

#: The reference's dataset.
REFERENCE = "statbel_income_municipalities_2005_2013"

#: Largest relative difference of a municipality's mean income per return that still agrees.
#: The deelgemeente series keeps whole euros and Statbel's table cents: over a municipality's
#: tens of thousands of returns that moves the mean by far less than 0.01 %.
TOLERANCE = 0.0001

#: Largest relative difference of the Flemish panel's mean that still agrees with the whole:
#: a tolerance chosen here, not a published one. The panel leaves out about a third of the
#: deelgemeenten (938 of 1 352); 1 % is a tenth of a typical year's rise, so a panel within it
#: draws the same line.
PANEL_TOLERANCE = 0.01

#: Past this many municipalities the summary names only those that differ.
_LISTED = 5


def income_checks(municipalities: Sequence[str], *, flanders: bool = True) -> pd.DataFrame:
    """Check the income series against Statbel's municipal table, over 2005–2013.

    Parameters
    ----------
    municipalities
        NIS codes (2024) of the municipalities whose series
        (:func:`wijkanalyse.trends.income_series`) is checked.
    flanders
        Also check the Flemish Region's panel (:func:`wijkanalyse.trends.flemish_income`).

    Returns
    -------
    pandas.DataFrame
        One row per municipality (and Flanders), columns
        :data:`wijkanalyse.validation.COLUMNS`: ``n`` the years compared, ``value`` the
        largest relative difference of the mean income per return, ``result`` ``agrees`` or
        ``differs`` (``no_reference`` without a common year), ``detail`` the years compared
        and the year of the largest difference.

    Examples
    --------
    >>> income_checks(["24062"], flanders=False)[["unit", "n", "result"]].values.tolist()
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
        own = income_series(code)
        own = own[own["level"] == "gemeente"].set_index("year")
        ours = own["income_total"] / own["returns"]
        name = str(own["name"].iloc[0]) if len(own) else str(code)
        rows.append(_check("income_reference", "gemeente", code, name, ours, ref_mean, TOLERANCE))
    if flanders:
        flemish = set(areas.flemish_municipalities(2011)) | set(areas.flemish_municipalities(2024))
        ref = table[table["gemeente"].isin(flemish)].groupby("year")[["returns", "income_total"]]
        ref_mean = ref.sum()["income_total"] / ref.sum()["returns"]
        ours = flemish_income().set_index("year")["value"]
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
    common = {"check": check, "level": level, "unit": str(unit), "name": name}
    if len(both) == 0:
        return validation.check_row(
            **common,
            reference=REFERENCE,
            n=0,
            result="no_reference",
            detail="no year in both the series and Statbel's municipal table",
        )
    rel = (a.reindex(both) / b.reindex(both) - 1).abs()
    worst = int(str(rel.idxmax()))
    years = sorted(int(y) for y in both)
    return validation.check_row(
        **common,
        reference=REFERENCE,
        n=len(both),
        value=float(rel.max()),
        independent=False,
        result="agrees" if float(rel.max()) <= tolerance else "differs",
        detail=f"mean income per return {years[0]}-{years[-1]}: largest difference "
        f"{100 * float(rel.max()):.3f} % ({worst}); agrees within {100 * tolerance:g} %",
    )


def check_sentence(checks: pd.DataFrame | None, language: str | None = None) -> str | None:
    """Return the checks as one sentence for the summary and the report (``None``: none).

    Past five municipalities, those that agree are counted, not named.
    """
    from wijkanalyse import _i18n

    if checks is None or checks.empty:
        return None
    municipal = checks[checks["level"] != "gewest"]
    shown = checks
    items = []
    if len(municipal) > _LISTED:
        agree = municipal["result"] == "agrees"
        items.append(
            _i18n.text("trends_check_many", language, agree=int(agree.sum()), n=len(municipal))
        )
        shown = checks[(checks["level"] == "gewest") | ~(checks["result"] == "agrees")]
    for _, r in shown.iterrows():
        gewest = r["level"] == "gewest"
        name = _i18n.text("report_trend_flanders", language) if gewest else r["name"]
        result = str(r["result"])
        if result == "no_reference":
            items.append(_i18n.text("trends_check_none", language, name=name))
            continue
        items.append(
            _i18n.text(
                "trends_check_item_flanders" if gewest else "trends_check_item",
                language,
                name=name,
                result=_i18n.text(f"trends_check_{result}", language),
                diff=_i18n.fmt_pct(r["value"], 3, language),
                years=_years(str(r["detail"])),
                within=_i18n.fmt_pct(PANEL_TOLERANCE, 0, language),
            )
        )
    return _i18n.text("trends_check_line", language, items="; ".join(items))


def _years(detail: str) -> str:
    """Return the years a check compared, as written in its detail: ``2005–2013``."""
    found = re.search(r"(\d{4})-(\d{4})", detail)
    return f"{found.group(1)}–{found.group(2)}" if found else ""
