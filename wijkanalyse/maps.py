"""Maps: interactive (folium) maps of wijken, sectors, facilities, areas and planned sites.

:func:`interactive_map` draws, each as its own layer with a layer control:

* a choropleth of any wijk value (an indicator or the index), classified with mapclassify
  (quantiles, natural breaks or fixed breaks) in a colour-blind-safe palette, with a legend
  that gives the unit and every class's bounds; wijken without a value are grey and say so;
* sector values as proportional symbols on their centroids;
* facilities by type, each type its own colour and layer, with a popup in Dutch;
* custom areas (e.g. Hoogland, Wijgmaal) outlined;
* planned or candidate sites.

Every text that comes from data (names, types, labels) is escaped before it reaches the HTML,
so a name such as ``<script>…</script>`` shows as text. The map works offline (no basemap,
the default) or with OpenStreetMap tiles and their attribution. Only here are geometries
reprojected to EPSG:4326, as Leaflet needs.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import _i18n
from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._validate import listing

__all__ = ["PALETTES", "classify", "interactive_map"]

#: Colour-blind-safe sequential palettes (ColorBrewer / viridis), light to dark, 7 classes.
PALETTES: dict[str, list[str]] = {
    "viridis": ["#fde725", "#90d743", "#35b779", "#21918c", "#31688e", "#443983", "#440154"],
    "YlGnBu": ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"],
    "OrRd": ["#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000"],
}

#: Okabe-Ito colours, distinguishable with every common colour-vision deficiency.
TYPE_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]

_NO_DATA = "#bdbdbd"
_OSM_ATTRIBUTION = "© OpenStreetMap-bijdragers (ODbL)"

Scheme = Literal["quantiles", "natural_breaks", "fixed"]


def _text(value: Any) -> str:
    """Escape a value for HTML; missing values become an empty string."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return html.escape(str(value), quote=True)


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
        cls = mapclassify.FisherJenks(known.to_numpy(), k=min(k, known.nunique()))
    else:
        raise DataError(f"scheme must be 'quantiles', 'natural_breaks' or 'fixed', got {scheme!r}.")
    out = pd.Series(pd.NA, index=v.index, dtype="Int64")
    out[known.index] = cls.yb.astype(int)
    return out, [float(b) for b in cls.bins]


def _legend(
    title: str, unit: str, bounds: list[float], colours: list[str], lower: float, lang: str
) -> str:
    rows = []
    lo = lower
    for bound, colour in zip(bounds, colours, strict=False):
        label = f"{_i18n.fmt_number(lo, 2, lang)} – {_i18n.fmt_number(bound, 2, lang)}"
        rows.append(
            f'<div><span style="background:{colour};width:14px;height:14px;'
            f'display:inline-block;margin-right:6px;border:1px solid #555"></span>'
            f"{_text(label)}</div>"
        )
        lo = bound
    missing = "geen gegevens" if lang == "nl" else "no data"
    rows.append(
        f'<div><span style="background:{_NO_DATA};width:14px;height:14px;'
        f'display:inline-block;margin-right:6px;border:1px solid #555"></span>{missing}</div>'
    )
    unit_txt = f" ({_text(unit)})" if unit else ""
    return (
        '<div class="wijkanalyse-legend" style="position:fixed;bottom:24px;left:12px;'
        "z-index:9999;background:white;padding:8px 10px;border:1px solid #999;"
        'font:12px sans-serif;max-width:260px">'
        f"<b>{_text(title)}{unit_txt}</b>{''.join(rows)}</div>"
    )


def _to_wgs84(frame: gpd.GeoDataFrame, what: str) -> gpd.GeoDataFrame:
    if frame.crs is None:
        raise DataError(f"{what} has no CRS; set it before mapping.")
    return frame.to_crs(4326)


def interactive_map(
    *,
    wijken: gpd.GeoDataFrame | None = None,
    value: str | None = None,
    title: str | None = None,
    unit: str = "",
    scheme: Scheme = "quantiles",
    k: int = 5,
    bins: Sequence[float] | None = None,
    palette: str = "viridis",
    sectors: gpd.GeoDataFrame | None = None,
    sector_value: str | None = None,
    facilities: gpd.GeoDataFrame | None = None,
    areas: gpd.GeoDataFrame | None = None,
    sites: gpd.GeoDataFrame | None = None,
    tiles: bool = False,
    language: Literal["nl", "en"] | None = None,
) -> Any:
    """Return a folium map with the given layers (each one optional).

    Parameters
    ----------
    wijken
        Wijk polygons with a ``wijk_name`` and the column ``value`` to colour by.
    value, title, unit
        The column to map, its title and unit for the legend.
    scheme, k, bins
        Classification (see :func:`classify`).
    palette
        One of :data:`PALETTES` (all colour-blind-safe).
    sectors, sector_value
        Sector points and a non-negative column (e.g. ``pop_65plus``) drawn as circles whose
        area is proportional to the value.
    facilities
        Points with ``name`` and ``type``; one layer and colour per type.
    areas
        Polygons of custom areas, indexed by name; drawn as outlines.
    sites
        Planned or candidate sites (points with ``name``; ``rank`` when ranked).
    tiles
        Add OpenStreetMap tiles (needs the internet when viewed); default: no basemap.
    language
        Language of the labels (default: :data:`wijkanalyse.settings.language`).
    """
    import folium

    lang = _i18n.lang(language)
    if palette not in PALETTES:
        raise DataError(f"palette must be one of {listing(PALETTES)}, got {palette!r}.")
    layers = [f for f in (wijken, sectors, facilities, areas, sites) if f is not None]
    if not layers:
        raise DataError("interactive_map: give at least one layer (wijken=, facilities=, …).")
    bounds = pd.concat([_to_wgs84(f, "layer").geometry for f in layers if len(f)]).total_bounds
    if not np.isfinite(bounds).all():
        raise DataError("interactive_map: the layers have no geometry to show.")
    m = folium.Map(tiles=None, control_scale=True, prefer_canvas=True)
    if tiles:
        folium.TileLayer("OpenStreetMap", attr=_OSM_ATTRIBUTION, name="OpenStreetMap").add_to(m)
    m.fit_bounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]])
    legend_html = ""
    if wijken is not None:
        if value is None or value not in wijken:
            raise SchemaError(
                f"wijken have no column {value!r} to map (found: {listing(wijken.columns)})."
            )
        classes, upper = classify(wijken[value], scheme=scheme, k=k, bins=bins)
        n_cls = len(upper) + (1 if scheme == "fixed" else 0)
        colours = PALETTES[palette][: max(n_cls, 1)]
        if n_cls > 1:
            idx = np.linspace(0, len(PALETTES[palette]) - 1, n_cls).round().astype(int)
            colours = [PALETTES[palette][i] for i in idx]
        w = _to_wgs84(wijken, "wijken")
        label = title or value
        names = w["wijk_name"] if "wijk_name" in w else pd.Series(w.index, index=w.index)
        fmt = [
            _i18n.fmt_number(float(x), 2, lang) if pd.notna(x) else "geen gegevens"
            for x in pd.to_numeric(w[value], errors="coerce")
        ]
        shown = gpd.GeoDataFrame(
            {
                "naam": [_text(n) for n in names],
                "code": [_text(i) for i in w.index],
                "waarde": [_text(f) for f in fmt],
                "fill": [
                    colours[int(c)] if pd.notna(c) and int(c) < len(colours) else _NO_DATA
                    for c in classes
                ],
            },
            geometry=w.geometry.to_numpy(),
            crs=4326,
        )
        layer = folium.FeatureGroup(name=_text(label), show=True)
        folium.GeoJson(
            shown.__geo_interface__,
            style_function=lambda f: {
                "fillColor": f["properties"]["fill"],
                "color": "#333333",
                "weight": 1,
                "fillOpacity": 0.75,
            },
            tooltip=folium.GeoJsonTooltip(
                fields=["naam", "code", "waarde"],
                aliases=["wijk" if lang == "nl" else "district", "code", _text(label)],
            ),
        ).add_to(layer)
        layer.add_to(m)
        known = pd.to_numeric(wijken[value], errors="coerce").dropna()
        lower = float(known.min()) if len(known) else 0.0
        if scheme == "fixed" and len(known):
            upper = [*upper, float(known.max())] if known.max() > upper[-1] else upper
        legend_html = _legend(label, unit, upper, colours, lower, lang)
    if sectors is not None:
        if sector_value is None or sector_value not in sectors:
            raise SchemaError(
                f"sectors have no column {sector_value!r} to draw (found: "
                f"{listing(sectors.columns)})."
            )
        s = _to_wgs84(sectors[sectors.geometry.notna()], "sectors")
        vals = pd.to_numeric(s[sector_value], errors="coerce")
        if (vals < 0).any():
            raise DataError(f"sector_value {sector_value!r} must be non-negative.")
        top = float(vals.max()) if vals.notna().any() else 1.0
        layer = folium.FeatureGroup(name=_text(f"{sector_value} (sectoren)"), show=False)
        for code, row in s.iterrows():
            v = vals.get(code)
            radius = 3 + 15 * math.sqrt(float(v) / top) if pd.notna(v) and top > 0 else 3
            text = f"{_text(row.get('name', code))} ({_text(code)}): " + (
                _text(_i18n.fmt_number(float(v), 0, lang)) if pd.notna(v) else "geen gegevens"
            )
            folium.CircleMarker(
                [row.geometry.y, row.geometry.x],
                radius=radius,
                color="#444444",
                weight=1,
                fill=True,
                fill_opacity=0.5 if pd.notna(v) else 0.1,
                tooltip=folium.Tooltip(text),
            ).add_to(layer)
        layer.add_to(m)
    if facilities is not None and len(facilities):
        f = _to_wgs84(facilities, "facilities")
        for n, (ftype, block) in enumerate(f.groupby(f["type"].astype(str), sort=True)):
            colour = TYPE_COLOURS[n % len(TYPE_COLOURS)]
            layer = folium.FeatureGroup(name=_text(_i18n.type_label(ftype, lang)), show=True)
            for fid, row in block.iterrows():
                popup = (
                    f"<b>{_text(row.get('name'))}</b><br>"
                    f"{_text(_i18n.type_label(ftype, lang))}<br><small>{_text(fid)}</small>"
                )
                folium.CircleMarker(
                    [row.geometry.y, row.geometry.x],
                    radius=6,
                    color="#000000",
                    weight=1,
                    fill=True,
                    fill_color=colour,
                    fill_opacity=0.9,
                    popup=folium.Popup(popup, max_width=300),
                    tooltip=folium.Tooltip(_text(row.get("name"))),
                ).add_to(layer)
            layer.add_to(m)
    if areas is not None and len(areas):
        a = _to_wgs84(areas, "areas")
        layer = folium.FeatureGroup(
            name="beleidsgebieden" if lang == "nl" else "policy areas", show=True
        )
        outline = gpd.GeoDataFrame(
            {"naam": [_text(i) for i in a.index]}, geometry=a.geometry.to_numpy(), crs=4326
        )
        folium.GeoJson(
            outline.__geo_interface__,
            style_function=lambda f: {"fill": False, "color": "#D55E00", "weight": 3},
            tooltip=folium.GeoJsonTooltip(fields=["naam"], aliases=[""]),
        ).add_to(layer)
        layer.add_to(m)
    if sites is not None and len(sites):
        p = _to_wgs84(sites, "sites")
        layer = folium.FeatureGroup(
            name="voorgestelde locaties" if lang == "nl" else "proposed sites", show=True
        )
        for sid, row in p.iterrows():
            rank = row.get("rank")
            rank_txt = f"#{int(rank)} " if rank is not None and pd.notna(rank) else ""
            text = f"{rank_txt}{_text(row.get('name') or sid)}"
            folium.RegularPolygonMarker(
                [row.geometry.y, row.geometry.x],
                number_of_sides=4,
                radius=9,
                color="#000000",
                weight=2,
                fill=True,
                fill_color="#CC79A7",
                fill_opacity=1.0,
                tooltip=folium.Tooltip(text),
                popup=folium.Popup(f"<b>{text}</b><br><small>{_text(sid)}</small>", max_width=300),
            ).add_to(layer)
        layer.add_to(m)
    if legend_html:
        root: Any = m.get_root()
        root.html.add_child(folium.Element(legend_html))
    folium.LayerControl(collapsed=False).add_to(m)
    return m
