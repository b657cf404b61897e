"""Shared layer styling of both map renderers: classes, palettes, colours and labels.

:func:`classify` and the colour-blind-safe :data:`PALETTES` turn values into classes and fill
colours with legend entries (:func:`_choropleth`); facility types get their Okabe-Ito colour
and marker letters here, so the interactive (:mod:`~wijkanalyse.maps.interactive`) and the
printed (:mod:`~wijkanalyse.maps.static`) map colour and name things alike.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import _i18n
from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._validate import listing

#: Colour-blind-safe sequential palettes (ColorBrewer / viridis), light to dark, 7 classes.
PALETTES: dict[str, list[str]] = {
    "viridis": ["#fde725", "#90d743", "#35b779", "#21918c", "#31688e", "#443983", "#440154"],
    "YlGnBu": ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"],
    "OrRd": ["#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000"],
}

#: Okabe-Ito colours, distinguishable with every common colour-vision deficiency.
TYPE_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]

_NO_DATA = "#bdbdbd"
#: Proposed sites, one colour per plan (pink, sky blue, yellow, vermillion: Okabe-Ito).
_SITE_COLOURS = ["#CC79A7", "#56B4E9", "#F0E442", "#D55E00"]

Scheme = Literal["quantiles", "natural_breaks", "fixed"]


def classify(
    values: pd.Series,
    *,
    scheme: Scheme = "quantiles",
    k: int = 5,
    bins: Sequence[float] | None = None,
) -> tuple[pd.Series, list[float]]:
    """Return the class of every value (NA stays NA) and the upper bounds of the classes.

    Parameters
    ----------
    values
        The values to classify; missing values get no class.
    scheme
        ``quantiles``, ``natural_breaks`` (Jenks–Fisher) or ``fixed`` (give ``bins``).
    k
        Number of classes (quantiles, natural breaks); at most 7.
    bins
        Upper class bounds for ``fixed``; values above the last bound form a last class.
    """
    import mapclassify

    v = pd.to_numeric(values, errors="coerce").astype(float)
    known = v.dropna()
    if not (1 <= k <= len(PALETTES["viridis"])):
        raise DataError(f"k must lie between 1 and 7 classes, got {k!r}.")
    if known.empty:
        return pd.Series(pd.NA, index=v.index, dtype="Int64"), []
    if scheme == "fixed":
        if not bins:
            raise DataError("scheme='fixed' needs bins=[upper bound of each class, …].")
        edges = sorted(float(b) for b in bins)
        cls = mapclassify.UserDefined(known.to_numpy(), bins=edges)
    elif scheme == "quantiles":
        cls = mapclassify.Quantiles(known.to_numpy(), k=min(k, known.nunique()))
    elif scheme == "natural_breaks":
        with warnings.catch_warnings():
            # without numba mapclassify says it uses its pure-Python Fisher-Jenks: exact,
            # and fast enough for the few hundred units of a map
            warnings.filterwarnings("ignore", message="Numba not installed", category=UserWarning)
            cls = mapclassify.FisherJenks(known.to_numpy(), k=min(k, known.nunique()))
    else:
        raise DataError(f"scheme must be 'quantiles', 'natural_breaks' or 'fixed', got {scheme!r}.")
    out = pd.Series(pd.NA, index=v.index, dtype="Int64")
    out[known.index] = cls.yb.astype(int)
    return out, [float(b) for b in cls.bins]


def _decimals(values: pd.Series) -> int:
    """Decimals that tell class bounds apart: none for hundreds, two for small values."""
    known = pd.to_numeric(values, errors="coerce").dropna().abs()
    top = float(known.max()) if len(known) else 0.0
    return 0 if top >= 100 else 1 if top >= 10 else 2


def _choropleth(
    values: pd.Series,
    *,
    scheme: Scheme,
    k: int,
    bins: Sequence[float] | None,
    palette: str,
    lang: str,
) -> tuple[list[str], list[tuple[str, str]]]:
    """Return the fill colour of every value and the legend entries ``(label, colour)``.

    Missing values are grey and the legend always ends with the "no data" entry.
    """
    if palette not in PALETTES:
        raise DataError(f"palette must be one of {listing(PALETTES)}, got {palette!r}.")
    classes, upper = classify(values, scheme=scheme, k=k, bins=bins)
    known = pd.to_numeric(values, errors="coerce").dropna()
    ramp = PALETTES[palette]
    n_cls = len(upper)
    idx = np.linspace(0, len(ramp) - 1, n_cls).round().astype(int) if n_cls > 1 else [3]
    colours = [ramp[i] for i in idx][:n_cls]
    fill = [colours[int(c)] if pd.notna(c) and int(c) < len(colours) else _NO_DATA for c in classes]
    dec = _decimals(values)
    entries = []
    lo = float(known.min()) if len(known) else 0.0
    for bound, colour in zip(upper, colours, strict=True):
        label = f"{_i18n.fmt_number(lo, dec, lang)} – {_i18n.fmt_number(bound, dec, lang)}"
        entries.append((label, colour))
        lo = bound
    entries.append((_no_data_label(lang), _NO_DATA))
    return fill, entries


def _no_data_label(lang: str) -> str:
    return "geen gegevens" if lang == "nl" else "no data"


def _all_polygons(frame: gpd.GeoDataFrame) -> bool:
    types = frame.geometry.geom_type
    return bool(len(frame)) and bool(types.isin(["Polygon", "MultiPolygon"]).all())


def _type_colour(types: Sequence[str]) -> dict[str, str]:
    return {t: TYPE_COLOURS[n % len(TYPE_COLOURS)] for n, t in enumerate(sorted(set(types)))}


def _type_glyph(ftype: str, lang: str) -> str:
    """One or two letters that name a facility type on its marker (B, LDC, A, …)."""
    glyphs = {
        "buurtcentrum": "B",
        "lokaal_dienstencentrum": "LDC",
        "pharmacy": "A" if lang == "nl" else "Ph",
        "doctors": "H" if lang == "nl" else "GP",
        "school": "S",
        "supermarket": "W" if lang == "nl" else "Sm",
        "library": "Bib" if lang == "nl" else "Lib",
    }
    return glyphs.get(ftype, _i18n.type_label(ftype, lang)[:1].upper())


def _need_column(frame: gpd.GeoDataFrame, column: str | None, what: str) -> None:
    if column is None or column not in frame:
        raise SchemaError(
            f"{what} have no column {column!r} to map (found: {listing(frame.columns)})."
        )
