"""What a map shows, computed once for both renderers: layers, classes, colours and labels.

:func:`map_layers` turns the inputs of :func:`~wijkanalyse.maps.interactive_map` and
:func:`~wijkanalyse.maps.static_map` into :class:`MapLayers`: every layer's rows, colours,
classes, legend entries and names, checked once. The interactive
(:mod:`~wijkanalyse.maps.interactive`) and the printed (:mod:`~wijkanalyse.maps.static`)
renderer only draw them, so both maps colour, classify and name things alike.
:func:`classify` and the colour-blind-safe :data:`PALETTES` live here as well.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import _i18n
from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._i18n import Language
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
    lang: Language,
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


def _no_data_label(lang: Language) -> str:
    return _i18n.text("no_data", lang)


def _all_polygons(frame: gpd.GeoDataFrame) -> bool:
    types = frame.geometry.geom_type
    return bool(len(frame)) and bool(types.isin(["Polygon", "MultiPolygon"]).all())


def _type_colour(types: Sequence[str]) -> dict[str, str]:
    return {t: TYPE_COLOURS[n % len(TYPE_COLOURS)] for n, t in enumerate(sorted(set(types)))}


def _type_glyph(ftype: str, lang: Language) -> str:
    """One or two letters that name a facility type on its marker (B, LDC, A, …)."""
    glyphs = {"buurtcentrum": "B", "lokaal_dienstencentrum": "LDC", "school": "S"}
    if ftype in glyphs:
        return glyphs[ftype]
    key = f"map_glyph_{ftype}"  # letters that differ by language (A = apotheek, Ph = pharmacy)
    if _i18n.has_text(key):
        return _i18n.text(key, lang)
    return _i18n.type_label(ftype, lang)[:1].upper()


def _need_column(frame: gpd.GeoDataFrame, column: str | None, what: str) -> None:
    if column is None or column not in frame:
        raise SchemaError(
            f"{what} have no column {column!r} to map (found: {listing(frame.columns)})."
        )


@dataclass(frozen=True)
class Layer:
    """One layer of a map: its rows, colours and the texts shown for it.

    ``name`` titles the layer in the interactive map's layer control, ``legend`` is its entry
    in the printed map's legend (both are user text: each renderer escapes them).
    """

    frame: gpd.GeoDataFrame
    name: str
    legend: str
    #: the one colour of the layer (a facility type, a plan, a reach); "" when per row
    colour: str = ""
    #: the mapped values (choropleth, proportional symbols, rings), indexed like ``frame``
    values: pd.Series | None = None
    #: the fill colour of every row when the layer is a choropleth
    fill: list[str] | None = None
    #: the legend entries ``(label, colour)`` of a choropleth's classes
    entries: list[tuple[str, str]] = field(default_factory=list)
    #: what the layer is of: the facility type, the plan name or the reach's type
    key: str = ""


#: A gap is drawn as uncertain when the 5-95 % range of its share out of reach spans at
#: least this much (the access ranges: centre positions, demand model, speed, detour).
UNCERTAIN_SPAN = 0.25


def uncertain_gaps(frame: pd.DataFrame) -> pd.Series:
    """Return which gap rows have a wide range of their share out of reach (see above)."""
    lo, hi = "share_not_covered_p05", "share_not_covered_p95"
    if lo not in frame or hi not in frame:
        return pd.Series(False, index=frame.index)
    span = pd.to_numeric(frame[hi], errors="coerce") - pd.to_numeric(frame[lo], errors="coerce")
    return (span >= UNCERTAIN_SPAN).fillna(False).astype(bool)


@dataclass(frozen=True)
class MapLayers:
    """The layers of one map in drawing order, each optional (see :func:`map_layers`)."""

    lang: Language
    wijken: Layer | None = None
    service_areas: tuple[Layer, ...] = ()
    sectors: Layer | None = None
    gaps: Layer | None = None
    gaps_uncertain: str | None = None
    """The legend of the dashed rings of uncertain gaps (``None``: none is uncertain)."""
    facilities: tuple[Layer, ...] = ()
    areas: Layer | None = None
    sites: tuple[Layer, ...] = ()


def map_layers(
    frames: Mapping[str, gpd.GeoDataFrame],
    *,
    value: str | None,
    title: str | None,
    unit: str,
    scheme: Scheme,
    k: int,
    bins: Sequence[float] | None,
    palette: str,
    sector_value: str | None,
    sector_title: str | None,
    gap_value: str,
    lang: Language,
) -> MapLayers:
    """Return the layers of a map from its frames (already in the renderer's CRS).

    ``frames`` maps ``wijken``, ``sectors``, ``facilities``, ``service_areas``, ``gaps``,
    ``areas`` and ``sites`` to the given layers; an empty wijk, reach, gap, facility, area or
    site frame draws nothing. The other arguments are those of
    :func:`~wijkanalyse.maps.interactive_map`.
    """
    out: dict[str, Any] = {}
    w = frames.get("wijken")
    if w is not None and len(w):
        _need_column(w, value, "wijken")
        assert value is not None
        fill, entries = _choropleth(
            w[value], scheme=scheme, k=k, bins=bins, palette=palette, lang=lang
        )
        label = title or value
        out["wijken"] = Layer(
            w,
            name=label,
            legend=label + (f" ({unit})" if unit else ""),
            values=w[value],
            fill=fill,
            entries=entries,
        )
    sa = frames.get("service_areas")
    if sa is not None and len(sa):
        _need_column(sa, "type", "service_areas")
        _need_column(sa, "minutes", "service_areas")
        colour = _type_colour(sa["type"].astype(str))
        reach = []
        for (ftype, minutes), block in sa.groupby([sa["type"].astype(str), "minutes"]):
            type_label = _i18n.type_label(str(ftype), lang)
            mins = _i18n.fmt_number(float(minutes), 0, lang)
            reach.append(
                Layer(
                    block,
                    name=_i18n.text("map_reach_layer", lang, type=type_label, minutes=mins),
                    legend=f"{type_label} ≤ {mins} min",
                    colour=colour[str(ftype)],
                    key=str(ftype),
                )
            )
        out["service_areas"] = tuple(reach)
    s = frames.get("sectors")
    if s is not None:
        _need_column(s, sector_value, "sectors")
        assert sector_value is not None
        vals = pd.to_numeric(s[sector_value], errors="coerce")
        if (vals < 0).any():
            raise DataError(f"sector_value {sector_value!r} must be non-negative.")
        classes: list[str] | None = None
        legend: list[tuple[str, str]] = []
        if _all_polygons(s):
            # real sector polygons: a choropleth of its own, with its own legend
            classes, legend = _choropleth(
                vals, scheme=scheme, k=k, bins=None, palette="YlGnBu", lang=lang
            )
        out["sectors"] = Layer(
            s,
            name=sector_title or _i18n.text("map_sector_layer", lang, value=sector_value),
            legend=sector_title or f"{sector_value} (per sector)",
            values=vals,
            fill=classes,
            entries=legend,
        )
    g = frames.get("gaps")
    if g is not None and len(g):
        _need_column(g, gap_value, "gaps")
        vals = pd.to_numeric(g[gap_value], errors="coerce")
        if (vals < 0).any():
            raise DataError(f"gap_value {gap_value!r} must be non-negative.")
        out["gaps"] = Layer(
            g,
            name=_i18n.text("map_gaps_layer", lang),
            legend=_i18n.text("map_not_covered", lang),
            values=vals,
        )
        if uncertain_gaps(g).any():
            out["gaps_uncertain"] = _i18n.text(
                "map_gaps_uncertain", lang, points=round(UNCERTAIN_SPAN * 100)
            )
    f = frames.get("facilities")
    if f is not None and len(f):
        colour = _type_colour(f["type"].astype(str))
        out["facilities"] = tuple(
            Layer(
                block,
                name=_i18n.type_label(ftype, lang),
                legend=_i18n.type_label(ftype, lang),
                colour=colour[ftype],
                key=ftype,
            )
            for ftype, block in f.groupby(f["type"].astype(str), sort=True)
        )
    a = frames.get("areas")
    if a is not None and len(a):
        out["areas"] = Layer(
            a,
            name=_i18n.text("map_areas_layer", lang),
            legend=_i18n.text("map_area_legend", lang),
            colour="#D55E00",
        )
    p = frames.get("sites")
    if p is not None and len(p):
        many = _i18n.text("map_sites_layer", lang)
        one = _i18n.text("map_site_legend", lang)
        plans = p["plan"].astype(str) if "plan" in p else pd.Series("", index=p.index)
        out["sites"] = tuple(
            Layer(
                p.loc[block.index],
                name=f"{many}: {plan}" if plan else many,
                legend=f"{one}: {plan}" if plan else one,
                colour=_SITE_COLOURS[n % len(_SITE_COLOURS)],
                key=str(plan),
            )
            for n, (plan, block) in enumerate(plans.groupby(plans, sort=False))
        )
    return MapLayers(lang=lang, **out)
