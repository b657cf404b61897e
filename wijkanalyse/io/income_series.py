"""The fiscal income series per deelgemeente (Provincies in Cijfers' upload, 2005–2019).

Owns :func:`read_income_deelgemeenten`; the PinC layout and its missing-value codes are read
as in :mod:`wijkanalyse.io.pinc`.
"""

from __future__ import annotations

import pandas as pd

from wijkanalyse._errors import DataError
from wijkanalyse._validate import listing, require_columns
from wijkanalyse.datasets import SourceLike
from wijkanalyse.io._tables import _open_table, _to_number
from wijkanalyse.io.pinc import _measures

#: The income measures of the deelgemeente series (PinC's names → ours).
_INCOME_MEASURES = {
    "v1210_aang_mediaan": "income_median",
    "v1210_aangiften_tot": "returns",
    "v1210_nettoinkomen_tot": "income_total",
}


def read_income_deelgemeenten(
    source: SourceLike = "pinc_income_deelgemeenten_2005_2019",
    *,
    sheet: str | int | None = None,
) -> pd.DataFrame:
    """Read the fiscal income series per deelgemeente (PinC upload layout), every year.

    Returns
    -------
    pandas.DataFrame
        One row per deelgemeente and year (columns ``deelgemeente``, ``year``):
        ``income_median`` (median net taxable income per tax return, €), ``returns``
        (number of tax returns), ``income_total`` (€), their ``*_na_reason`` columns where
        a value is missing. Euros of each year, not corrected for inflation.

    Examples
    --------
    >>> inc = read_income_deelgemeenten()
    >>> row = inc[(inc["deelgemeente"] == "24062A") & (inc["year"] == 2019)].iloc[0]
    >>> int(row["income_median"]), int(row["returns"])
    (23231, 18345)
    """
    frame, _path, _ds, label = _open_table(source, sheet=sheet)
    require_columns(
        frame,
        ["period", "geolevel", "geoitem", *_INCOME_MEASURES],
        source=label,
        hint="Expected Provincies in Cijfers' upload of the fiscal income per deelgemeente.",
    )
    levels = sorted(str(v) for v in frame["geolevel"].dropna().unique())
    if levels != ["deelgemeente"]:
        raise DataError(f"{label} holds geolevel(s) {listing(levels)}, not deelgemeente.")
    years = _to_number(frame["period"], what=f"{label} column 'period'")
    if years.isna().any():
        raise DataError(f"{label}: {int(years.isna().sum())} rows have no period.")
    codes = frame["geoitem"].astype(str).str.strip()
    twice = codes.to_frame().assign(y=years.to_numpy()).duplicated()
    if twice.any():
        raise DataError(f"{label}: {int(twice.sum())} deelgemeente-years appear twice.")
    out = _measures(frame, list(_INCOME_MEASURES), label, pd.RangeIndex(len(frame)))
    out = out.rename(
        columns={
            **_INCOME_MEASURES,
            **{f"{k}_na_reason": f"{v}_na_reason" for k, v in _INCOME_MEASURES.items()},
        }
    )
    out.insert(0, "year", years.astype(int).to_numpy())
    out.insert(0, "deelgemeente", codes.to_numpy())
    return out.sort_values(["deelgemeente", "year"], ignore_index=True)


#: Statbel's municipal table: its columns → ours.
_MUNTY_COLUMNS = {
    "CD_YEAR": "year",
    "CD_MUNTY_REFNIS": "gemeente",
    "MS_NBR_NON_ZERO_INC": "returns",
    "MS_TOT_NET_TAXABLE_INC": "income_total",
}


def read_income_municipalities(
    source: SourceLike = "statbel_income_municipalities_2005_2013",
) -> pd.DataFrame:
    """Read Statbel's fiscal income per municipality (TF_PSNL_INC_TAX_MUNTY), every year.

    The outside reference of :func:`read_income_deelgemeenten`: Statbel's own sums per
    municipality, in the municipality codes of before the 2019 mergers.

    Returns
    -------
    pandas.DataFrame
        One row per municipality and year: ``gemeente`` (NIS5 of its year), ``year``,
        ``returns`` (tax returns with an income above zero, as the deelgemeente series
        counts them) and ``income_total`` (net taxable income, €).

    Examples
    --------
    >>> inc = read_income_municipalities()
    >>> row = inc[(inc["gemeente"] == "24062") & (inc["year"] == 2013)].iloc[0]
    >>> int(row["returns"])
    55812
    """
    frame, _path, _ds, label = _open_table(source)
    require_columns(
        frame,
        list(_MUNTY_COLUMNS),
        source=label,
        hint="Expected Statbel's TF_PSNL_INC_TAX_MUNTY (fiscal income per municipality).",
    )
    out = frame[list(_MUNTY_COLUMNS)].rename(columns=_MUNTY_COLUMNS)
    out["gemeente"] = out["gemeente"].astype(str).str.strip().str.zfill(5)
    for col in ("year", "returns", "income_total"):
        out[col] = _to_number(out[col], what=f"{label} column {col!r}")
    if out["year"].isna().any():
        raise DataError(f"{label}: {int(out['year'].isna().sum())} rows have no CD_YEAR.")
    out["year"] = out["year"].astype(int)
    out["returns"] = out["returns"].astype("Int64")
    out["income_total"] = out["income_total"].astype("Float64")
    twice = out.duplicated(["gemeente", "year"])
    if twice.any():
        raise DataError(f"{label}: {int(twice.sum())} municipality-years appear twice.")
    return out.sort_values(["gemeente", "year"], ignore_index=True)
