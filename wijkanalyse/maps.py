"""Maps: interactive (folium) maps of wijken, sectors, facilities, areas and planned sites.

:func:`interactive_map` draws, each as its own layer with a layer control:

* a choropleth of any wijk value (an indicator or the index), classified with mapclassify
  (quantiles, natural breaks or fixed breaks) in a colour-blind-safe palette, with a legend
  that gives the unit and every class's bounds; wijken without a value are grey and say so;
* sector values as proportional symbols on their centroids;
* facilities by type, each type its own colour and layer, with a popup in Dutch;
* custom areas (e.g. Hoogland, Wijgmaal) outlined;
* planned or candidate sites.

Every text that comes from data (names, types, labels, titles) is data, never code: in the
interactive map it goes through :func:`wijkanalyse._safe.html_text` (folium renders it as Jinja
template source and inside JavaScript template literals, see there), in the printed map
through :func:`wijkanalyse._safe.mpl_text` (never mathtext); a name such as
``<script>…</script>``, ``{{7*7}}`` or ``${alert(1)}`` shows as written. The map works
offline (no basemap, the default) or with OpenStreetMap tiles and their attribution. Only
here are geometries reprojected to EPSG:4326, as Leaflet needs.
"""

from __future__ import annotations

import base64
import math
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import _i18n
from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._safe import html_text, mpl_text
from wijkanalyse._validate import listing

__all__ = [
    "PALETTES",
    "classify",
    "interactive_map",
    "place_labels",
    "save_figure",
    "static_map",
]

#: Past this many gap rings the interactive map's gap layer starts switched off.
MAX_SHOWN_RINGS = 500

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
_OSM_ATTRIBUTION = "© OpenStreetMap-bijdragers (ODbL)"

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


def _legend(title: str, unit: str, entries: list[tuple[str, str]], *, offset: bool = False) -> str:
    rows = [
        f'<div><span style="background:{colour};width:14px;height:14px;'
        f'display:inline-block;margin-right:6px;border:1px solid #555"></span>'
        f"{html_text(label)}</div>"
        for label, colour in entries
    ]
    unit_txt = f" ({html_text(unit)})" if unit else ""
    return (
        '<div class="wijkanalyse-legend" style="position:fixed;bottom:56px;'
        f"left:{290 if offset else 12}px;"
        "z-index:9999;background:white;padding:8px 10px;border:1px solid #999;"
        'font:12px sans-serif;max-width:260px">'
        f"<b>{html_text(title)}{unit_txt}</b>{''.join(rows)}</div>"
    )


def _to_wgs84(frame: gpd.GeoDataFrame, what: str) -> gpd.GeoDataFrame:
    if frame.crs is None:
        raise DataError(f"{what} has no CRS; set it before mapping.")
    return frame.to_crs(4326)


def _inline_leaflet(m: Any) -> None:
    """Load Leaflet from the installed package, inlined, instead of from a CDN.

    The map then opens without an internet connection; only Leaflet itself is needed (no
    jQuery, Bootstrap or marker plugins: markers are Leaflet circles and div icons).
    """
    from xstatic.pkg import leaflet as xs

    base = Path(xs.BASE_DIR)
    js = (base / "leaflet.js").read_bytes()
    css = (base / "leaflet.css").read_text(encoding="utf-8")
    for img in ("layers.png", "layers-2x.png", "marker-icon.png"):
        data = base64.b64encode((base / "images" / img).read_bytes()).decode("ascii")
        css = css.replace(f"url(images/{img})", f"url(data:image/png;base64,{data})")
    m.default_js = [
        ("leaflet", "data:text/javascript;base64," + base64.b64encode(js).decode("ascii"))
    ]
    m.default_css = [
        ("leaflet_css", "data:text/css;base64," + base64.b64encode(css.encode()).decode("ascii"))
    ]
    # folium builds popup contents with jQuery's ``$(html)[0]`` and nothing else of jQuery;
    # this stand-in parses the (already escaped) popup HTML into its element
    import folium

    m.get_root().header.add_child(
        folium.Element(
            "<script>window.$ = window.$ || function (html) {"
            "var t = document.createElement('template'); t.innerHTML = String(html).trim();"
            "return [t.content.firstElementChild]; };</script>"
        ),
        name="wijkanalyse_jquery_free",
    )


def _markup(html: str) -> Any:
    """Return a folium element that inserts ``html`` as it is, never as a template.

    ``folium.Element(text)`` compiles ``text`` as a Jinja *template*: a legend title
    ``{{7*7}}`` would show 49. This element's template is fixed and ``html`` is a value it
    inserts (our markup with every piece of user text already through :func:`html_text`).
    """
    import folium
    from jinja2 import Template

    element = folium.Element()
    element._template = Template("{{ this.markup }}")
    element.markup = html  # type: ignore[attr-defined]
    return element


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
    sector_title: str | None = None,
    facilities: gpd.GeoDataFrame | None = None,
    service_areas: gpd.GeoDataFrame | None = None,
    gaps: gpd.GeoDataFrame | None = None,
    gap_value: str = "pop_affected",
    areas: gpd.GeoDataFrame | None = None,
    sites: gpd.GeoDataFrame | None = None,
    tiles: bool = False,
    shown_types: Sequence[str] | None = None,
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
    sectors, sector_value, sector_title
        Sector points and a non-negative column (e.g. ``pop_65plus``) drawn as circles whose
        area is proportional to the value; the layer's title (default: the column).
    facilities
        Points with ``name`` and ``type``; one layer and colour per type, each marker with the
        type's letter (B = buurtcentrum, LDC = lokaal dienstencentrum, A = apotheek, …).
    service_areas
        Polygons with ``type`` and ``minutes`` (e.g. from ``StreetNetwork.service_areas``),
        one layer per type and time.
    gaps, gap_value
        Coverage gaps: sector points with a non-negative ``gap_value`` (default: the people
        not covered), drawn as red rings whose area is proportional to it. With more than
        :data:`MAX_SHOWN_RINGS` rings the layer starts switched off.
    areas
        Polygons of custom areas, indexed by name; drawn as outlines.
    sites
        Planned or candidate sites (points with ``name``; ``rank`` when ranked; ``plan``
        names the plan when there are several, each with its own colour and layer).
    tiles
        Add OpenStreetMap tiles (needs the internet when viewed); default: no basemap.
    shown_types
        Facility types whose layer is switched on when the map opens (default: all; all as
        well when none of them is on the map); the others can be switched on in the layer
        control.
    language
        Language of the labels (default: :data:`wijkanalyse.settings.language`).
    """
    import folium

    lang = _i18n.lang(language)
    if palette not in PALETTES:
        raise DataError(f"palette must be one of {listing(PALETTES)}, got {palette!r}.")
    layers = [
        f for f in (wijken, sectors, facilities, service_areas, gaps, areas, sites) if f is not None
    ]
    if not layers:
        raise DataError("interactive_map: give at least one layer (wijken=, facilities=, …).")
    bounds = pd.concat([_to_wgs84(f, "layer").geometry for f in layers if len(f)]).total_bounds
    if not np.isfinite(bounds).all():
        raise DataError("interactive_map: the layers have no geometry to show.")
    m = folium.Map(tiles=None, control_scale=True, prefer_canvas=True)
    _inline_leaflet(m)
    if tiles:
        folium.TileLayer("OpenStreetMap", attr=_OSM_ATTRIBUTION, name="OpenStreetMap").add_to(m)
    m.fit_bounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]])
    legend_html = ""
    if wijken is not None and len(wijken):
        _need_column(wijken, value, "wijken")
        assert value is not None
        fill, entries = _choropleth(
            wijken[value], scheme=scheme, k=k, bins=bins, palette=palette, lang=lang
        )
        w = _to_wgs84(wijken, "wijken")
        label = title or value
        names = w["wijk_name"] if "wijk_name" in w else pd.Series(w.index, index=w.index)
        dec = _decimals(w[value])
        fmt = [
            _i18n.fmt_number(float(x), dec, lang) if pd.notna(x) else _no_data_label(lang)
            for x in pd.to_numeric(w[value], errors="coerce")
        ]
        shown = gpd.GeoDataFrame(
            {
                "naam": [html_text(n) for n in names],
                "code": [html_text(i) for i in w.index],
                "waarde": [html_text(f) for f in fmt],
                "fill": fill,
            },
            geometry=w.geometry.to_numpy(),
            crs=4326,
        )
        layer = folium.FeatureGroup(name=html_text(label), show=True)
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
                aliases=["wijk" if lang == "nl" else "district", "code", html_text(label)],
            ),
        ).add_to(layer)
        layer.add_to(m)
        legend_html = _legend(label, unit, entries)
    if service_areas is not None and len(service_areas):
        _need_column(service_areas, "type", "service_areas")
        _need_column(service_areas, "minutes", "service_areas")
        sa = _to_wgs84(service_areas, "service_areas")
        colour = _type_colour(sa["type"].astype(str))
        for (ftype, minutes), block in sa.groupby([sa["type"].astype(str), "minutes"]):
            name = (
                f"{_i18n.type_label(str(ftype), lang)}: "
                + ("bereik" if lang == "nl" else "reach")
                + f" {_i18n.fmt_number(float(minutes), 0, lang)} min"
            )
            layer = folium.FeatureGroup(name=html_text(name), show=False)
            merged = gpd.GeoDataFrame(
                {"naam": [html_text(name)]}, geometry=[block.geometry.union_all()], crs=4326
            )
            c = colour[str(ftype)]
            folium.GeoJson(
                merged.__geo_interface__,
                style_function=lambda f, c=c: {
                    "fillColor": c,
                    "color": c,
                    "weight": 1,
                    "fillOpacity": 0.25,
                },
                tooltip=folium.GeoJsonTooltip(fields=["naam"], aliases=[""]),
            ).add_to(layer)
            layer.add_to(m)
    if sectors is not None:
        _need_column(sectors, sector_value, "sectors")
        assert sector_value is not None
        s = _to_wgs84(sectors[sectors.geometry.notna()], "sectors")
        vals = pd.to_numeric(s[sector_value], errors="coerce")
        if (vals < 0).any():
            raise DataError(f"sector_value {sector_value!r} must be non-negative.")
        top = float(vals.max()) if vals.notna().any() else 1.0
        suffix = "sectoren" if lang == "nl" else "sectors"
        sector_label = sector_title or f"{sector_value} ({suffix})"
        # the sectors are the map when there is no wijk layer (no wijk outlines)
        no_wijken = wijken is None or not len(wijken)
        layer = folium.FeatureGroup(name=html_text(sector_label), show=no_wijken)
        if _all_polygons(s):
            # real sector polygons: a choropleth of its own, with its own legend
            fill, entries = _choropleth(
                vals, scheme=scheme, k=k, bins=None, palette="YlGnBu", lang=lang
            )
            dec = _decimals(vals)
            shown = gpd.GeoDataFrame(
                {
                    "naam": [
                        html_text(n) for n in s.get("name", pd.Series(s.index, index=s.index))
                    ],
                    "code": [html_text(i) for i in s.index],
                    "waarde": [
                        html_text(_i18n.fmt_number(float(x), dec, lang))
                        if pd.notna(x)
                        else _no_data_label(lang)
                        for x in vals
                    ],
                    "fill": fill,
                },
                geometry=s.geometry.to_numpy(),
                crs=4326,
            )
            folium.GeoJson(
                shown.__geo_interface__,
                style_function=lambda f: {
                    "fillColor": f["properties"]["fill"],
                    "color": "#555555",
                    "weight": 0.5,
                    "fillOpacity": 0.75,
                },
                tooltip=folium.GeoJsonTooltip(
                    fields=["naam", "code", "waarde"],
                    aliases=["sector", "code", html_text(sector_label)],
                ),
            ).add_to(layer)
            legend_html += _legend(sector_label, "", entries, offset=len(legend_html) > 0)
        else:
            for code, row in s.iterrows():
                v = vals.get(code)
                radius = 3 + 15 * math.sqrt(float(v) / top) if pd.notna(v) and top > 0 else 3
                text = f"{html_text(row.get('name', code))} ({html_text(code)}): " + (
                    html_text(_i18n.fmt_number(float(v), 0, lang))
                    if pd.notna(v)
                    else _no_data_label(lang)
                )
                pt = row.geometry.representative_point()
                folium.CircleMarker(
                    [pt.y, pt.x],
                    radius=radius,
                    color="#444444",
                    weight=1,
                    fill=True,
                    fill_opacity=0.5 if pd.notna(v) else 0.1,
                    tooltip=folium.Tooltip(text),
                ).add_to(layer)
        layer.add_to(m)
    if gaps is not None and len(gaps):
        _need_column(gaps, gap_value, "gaps")
        g = _to_wgs84(gaps[gaps.geometry.notna()], "gaps")
        vals = pd.to_numeric(g[gap_value], errors="coerce")
        if (vals < 0).any():
            raise DataError(f"gap_value {gap_value!r} must be non-negative.")
        top = float(vals.max()) if vals.notna().any() and vals.max() > 0 else 1.0
        n_rings = int((vals > 0).sum())
        layer = folium.FeatureGroup(
            name="tekorten (niet binnen bereik)" if lang == "nl" else "gaps (not covered)",
            # thousands of rings (a province, Flanders) would hide the map: start switched off
            show=n_rings <= MAX_SHOWN_RINGS,
        )
        for code, row in g.iterrows():
            v = vals.get(code)
            if pd.isna(v) or v <= 0:
                continue
            who = "niet binnen bereik" if lang == "nl" else "not covered"
            count = _i18n.fmt_number(float(v), 0, lang)
            text = f"{html_text(row.get('name', code))}: {html_text(count)} {who}"
            pt = row.geometry.representative_point()
            folium.CircleMarker(
                [pt.y, pt.x],
                radius=4 + 14 * math.sqrt(float(v) / top),
                color="#C00000",
                weight=3,
                fill=False,
                tooltip=folium.Tooltip(text),
            ).add_to(layer)
        layer.add_to(m)
    if facilities is not None and len(facilities):
        f = _to_wgs84(facilities, "facilities")
        colour = _type_colour(f["type"].astype(str))
        # none of the types to show is here: show every type rather than an empty map
        shown_here = shown_types is None or bool(set(f["type"].astype(str)) & set(shown_types))
        for ftype, block in f.groupby(f["type"].astype(str), sort=True):
            label = _i18n.type_label(ftype, lang)
            letters = _type_glyph(ftype, lang)
            glyph, width = html_text(letters), 12 + 7 * len(letters)
            on = shown_types is None or ftype in shown_types or not shown_here
            layer = folium.FeatureGroup(name=html_text(label), show=on)
            for fid, row in block.iterrows():
                popup = (
                    f"<b>{html_text(row.get('name'))}</b><br>"
                    f"{html_text(label)}<br><small>{html_text(fid)}</small>"
                )
                pt = row.geometry.representative_point()
                folium.Marker(
                    [pt.y, pt.x],
                    icon=folium.DivIcon(
                        html=(
                            f'<div style="background:{colour[ftype]};border:1px solid #000;'
                            f"border-radius:9px;height:16px;width:{width}px;line-height:16px;"
                            "text-align:center;font:bold 10px sans-serif;color:#000"
                            f'">{glyph}</div>'
                        ),
                        icon_size=(width, 18),
                        icon_anchor=(width // 2, 9),
                    ),
                    popup=folium.Popup(popup, max_width=300),
                    tooltip=folium.Tooltip(f"{html_text(row.get('name'))} ({html_text(label)})"),
                ).add_to(layer)
            layer.add_to(m)
    if areas is not None and len(areas):
        a = _to_wgs84(areas, "areas")
        layer = folium.FeatureGroup(
            name="beleidsgebieden" if lang == "nl" else "policy areas", show=True
        )
        outline = gpd.GeoDataFrame(
            {"naam": [html_text(i) for i in a.index]}, geometry=a.geometry.to_numpy(), crs=4326
        )
        folium.GeoJson(
            outline.__geo_interface__,
            style_function=lambda f: {"fill": False, "color": "#D55E00", "weight": 3},
            tooltip=folium.GeoJsonTooltip(fields=["naam"], aliases=[""]),
        ).add_to(layer)
        layer.add_to(m)
    if sites is not None and len(sites):
        p = _to_wgs84(sites, "sites")
        base = "voorgestelde locaties" if lang == "nl" else "proposed sites"
        plans = p["plan"].astype(str) if "plan" in p else pd.Series("", index=p.index)
        for n, (plan, block) in enumerate(plans.groupby(plans, sort=False)):
            site_colour = _SITE_COLOURS[n % len(_SITE_COLOURS)]
            layer = folium.FeatureGroup(
                name=html_text(f"{base}: {plan}" if plan else base), show=True
            )
            for sid, row in p.loc[block.index].iterrows():
                rank = row.get("rank")
                ranked = rank is not None and pd.notna(rank)
                text = ("#" + str(int(rank)) + " " if ranked else "") + html_text(
                    row.get("name") or sid
                )
                if plan:
                    text += f"<br>{html_text(plan)}"
                folium.Marker(
                    [row.geometry.y, row.geometry.x],
                    icon=folium.DivIcon(
                        html=(
                            f'<div style="background:{site_colour};border:2px solid #000;'
                            "width:20px;"
                            "height:20px;line-height:20px;text-align:center;font:bold 11px "
                            f'sans-serif;color:#000">{int(rank) if ranked else "+"}</div>'
                        ),
                        icon_size=(24, 24),
                        icon_anchor=(12, 12),
                    ),
                    tooltip=folium.Tooltip(text),
                    popup=folium.Popup(
                        f"<b>{text}</b><br><small>{html_text(sid)}</small>", max_width=300
                    ),
                ).add_to(layer)
            layer.add_to(m)
    if legend_html:
        root: Any = m.get_root()
        root.html.add_child(_markup(legend_html), name="wijkanalyse_legend")
    folium.LayerControl(collapsed=False).add_to(m)
    return m


def _need_column(frame: gpd.GeoDataFrame, column: str | None, what: str) -> None:
    if column is None or column not in frame:
        raise SchemaError(
            f"{what} have no column {column!r} to map (found: {listing(frame.columns)})."
        )


# --------------------------------------------------------------------------- static maps


def _projected(frame: gpd.GeoDataFrame, what: str, crs: Any) -> gpd.GeoDataFrame:
    if frame.crs is None:
        raise DataError(f"{what} has no CRS; set it before mapping.")
    if crs is None:
        if frame.crs.is_geographic:
            raise DataError(
                f"{what} is in a geographic CRS ({frame.crs.to_string()}); a printed map needs "
                "metres for its scale bar: use frame.to_crs(31370) (Belgian Lambert 72)."
            )
        return frame
    return frame.to_crs(crs)


def _nice_length(span_m: float) -> float:
    """Return a round scale-bar length near a fifth of the map width (1, 2 or 5 × 10ⁿ m)."""
    target = max(span_m / 5, 1.0)
    exp = 10 ** math.floor(math.log10(target))
    return float(max(m * exp for m in (1, 2, 5) if m * exp <= target))


def _distance_label(metres: float, lang: str) -> str:
    if metres >= 1000:
        return f"{_i18n.fmt_number(metres / 1000, 0 if metres % 1000 == 0 else 1, lang)} km"
    return f"{int(metres)} m"


def place_labels(
    ax: Any,
    points: Sequence[tuple[float, float, str]],
    *,
    fontsize: float = 7,
    max_offset_pt: float = 40,
    avoid: Sequence[Any] = (),
) -> tuple[list[Any], list[str]]:
    """Place text labels on ``ax`` so that no two overlap.

    Each label is tried at its point, then at growing offsets around it (with a leader
    line); a label that finds no free spot inside the axes is left out. ``avoid`` holds
    artists (legend, scale bar, north arrow) that labels must not cover.

    Returns
    -------
    (placed, dropped)
        The matplotlib text artists that were placed and the texts that did not fit.
    """
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    ax.apply_aspect()
    frame = ax.get_window_extent(renderer)
    taken: list[Any] = [a.get_window_extent(renderer) for a in avoid]
    placed, dropped = [], []
    steps = np.arange(0, max_offset_pt + 1, 8)
    angles = np.deg2rad([90, 270, 0, 180, 45, 135, 315, 225])
    offsets = [(0.0, 0.0)] + [
        (float(r * np.cos(a)), float(r * np.sin(a))) for r in steps[1:] for a in angles
    ]
    for x, y, label in points:
        for dx, dy in offsets:
            moved = (dx, dy) != (0.0, 0.0)
            art = ax.annotate(
                mpl_text(label),
                (x, y),
                xytext=(dx, dy),
                textcoords="offset points",
                ha="center",
                va="center",
                fontsize=fontsize,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
                arrowprops={"arrowstyle": "-", "lw": 0.5, "color": "#333333"} if moved else None,
                zorder=6,
            )
            box = art.get_window_extent(renderer).expanded(1.04, 1.08)
            inside = (
                box.x0 >= frame.x0
                and box.x1 <= frame.x1
                and box.y0 >= frame.y0
                and box.y1 <= frame.y1
            )
            if inside and not any(box.overlaps(t) for t in taken):
                taken.append(box)
                placed.append(art)
                break
            art.remove()
        else:
            dropped.append(label)
    return placed, dropped


def static_map(
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
    sector_title: str | None = None,
    facilities: gpd.GeoDataFrame | None = None,
    service_areas: gpd.GeoDataFrame | None = None,
    gaps: gpd.GeoDataFrame | None = None,
    gap_value: str = "pop_affected",
    areas: gpd.GeoDataFrame | None = None,
    sites: gpd.GeoDataFrame | None = None,
    labels: bool = True,
    focus: Any = None,
    highlight: Any = None,
    attribution: str = "",
    crs: Any = None,
    figsize: tuple[float, float] = (8.0, 8.0),
    legend: Literal["inside", "right"] = "inside",
    language: Literal["nl", "en"] | None = None,
) -> Any:
    """Return a matplotlib figure of the same layers as :func:`interactive_map`, for print.

    The map has a legend (classes with their bounds and unit, "geen gegevens" for missing
    values, and every other layer), a scale bar, a north arrow, the source and licence line
    (``attribution``) and wijk labels that do not overlap. Save it with :func:`save_figure`
    as PNG, SVG or PDF.

    Parameters
    ----------
    labels
        Label the wijken with their names (``wijk_name``).
    focus
        A geometry (or GeoSeries) to zoom to, e.g. one wijk; default: all layers.
    highlight
        A geometry (or GeoSeries) to outline in black, e.g. the wijk a report is about.
    attribution
        The sources and licences to print under the map.
    crs
        Draw in this projected CRS; default: the layers' own (which must be projected).
    legend
        ``inside`` the map (upper left) or to its ``right`` (for small areas, where a
        legend inside would cover what the map is about).
    Other parameters are those of :func:`interactive_map`.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from mpl_toolkits.axes_grid1.anchored_artists import AnchoredSizeBar

    lang = _i18n.lang(language)
    if legend not in ("inside", "right"):
        raise DataError(f"legend must be 'inside' or 'right', got {legend!r}.")
    given = {
        "wijken": wijken,
        "sectors": sectors,
        "facilities": facilities,
        "service_areas": service_areas,
        "gaps": gaps,
        "areas": areas,
        "sites": sites,
    }
    frames = {k_: _projected(f, k_, crs) for k_, f in given.items() if f is not None}
    if not frames:
        raise DataError("static_map: give at least one layer (wijken=, facilities=, …).")
    crs_set = {f.crs.to_string() for f in frames.values() if len(f)}
    if len(crs_set) > 1:
        raise DataError(
            f"static_map: the layers are in different CRSs ({listing(sorted(crs_set))}); "
            "pass crs=31370 to draw them all in Belgian Lambert 72."
        )
    fig = Figure(figsize=figsize)
    FigureCanvasAgg(fig)
    # one map axes: fixed margins (room for the title and the source line) keep the extent
    # the labels were placed in
    foot_lines = 1 + len(attribution) // 150 if attribution else 0
    bottom = 0.02 + 0.018 * (foot_lines + 1)
    width = 0.98 if legend == "inside" else 0.6
    ax = fig.add_axes((0.01, bottom, width, (0.95 if title else 0.99) - bottom))
    ax.set_axis_off()
    handles: list[Any] = []
    legend_title = ""
    if "wijken" in frames and len(frames["wijken"]):
        w = frames["wijken"]
        _need_column(w, value, "wijken")
        assert value is not None
        fill, entries = _choropleth(
            w[value], scheme=scheme, k=k, bins=bins, palette=palette, lang=lang
        )
        w.plot(ax=ax, color=fill, edgecolor="#333333", linewidth=0.6, zorder=1)
        legend_title = (title or value) + (f" ({unit})" if unit else "")
        handles += [Patch(facecolor=c, edgecolor="#555555", label=lab) for lab, c in entries]
    if "service_areas" in frames and len(frames["service_areas"]):
        sa = frames["service_areas"]
        _need_column(sa, "type", "service_areas")
        _need_column(sa, "minutes", "service_areas")
        colour = _type_colour(sa["type"].astype(str))
        for (ftype, minutes), block in sa.groupby([sa["type"].astype(str), "minutes"]):
            gpd.GeoSeries([block.geometry.union_all()], crs=sa.crs).plot(
                ax=ax, color=colour[str(ftype)], alpha=0.2, linewidth=0, zorder=2
            )
            handles.append(
                Patch(
                    facecolor=colour[str(ftype)],
                    alpha=0.3,
                    label=f"{_i18n.type_label(str(ftype), lang)} ≤ "
                    f"{_i18n.fmt_number(float(minutes), 0, lang)} min",
                )
            )
    if "sectors" in frames:
        s = frames["sectors"]
        _need_column(s, sector_value, "sectors")
        assert sector_value is not None
        pts = s.geometry.representative_point()
        v = pd.to_numeric(s[sector_value], errors="coerce")
        if (v < 0).any():
            raise DataError(f"sector_value {sector_value!r} must be non-negative.")
        top = float(v.max()) if v.notna().any() and v.max() > 0 else 1.0
        size = (4 + 200 * v.fillna(0) / top).to_numpy()
        if _all_polygons(s):
            # real sector polygons: a choropleth (classes listed in the legend)
            fill, entries = _choropleth(
                v, scheme=scheme, k=k, bins=None, palette="YlGnBu", lang=lang
            )
            s.plot(ax=ax, color=fill, edgecolor="#666666", linewidth=0.3, alpha=0.85, zorder=1.5)
            title_s = sector_title or f"{sector_value} (per sector)"
            handles += [
                Patch(facecolor=c, edgecolor="#555555", label=f"{title_s}: {lab}")
                for lab, c in entries
            ]
        else:
            ax.scatter(
                pts.x,
                pts.y,
                s=size,
                facecolor="#777777",
                alpha=0.45,
                edgecolor="#333333",
                linewidth=0.4,
                zorder=3,
            )
            handles.append(
                Line2D(
                    [],
                    [],
                    ls="",
                    marker="o",
                    markersize=8,
                    markerfacecolor="#777777",
                    markeredgecolor="#333333",
                    alpha=0.6,
                    label=sector_title or f"{sector_value} (per sector)",
                )
            )
    if "gaps" in frames and len(frames["gaps"]):
        g = frames["gaps"]
        _need_column(g, gap_value, "gaps")
        v = pd.to_numeric(g[gap_value], errors="coerce")
        if (v < 0).any():
            raise DataError(f"gap_value {gap_value!r} must be non-negative.")
        show = v.fillna(0) > 0
        top = float(v.max()) if show.any() else 1.0
        pts = g.geometry.representative_point()[show]
        ax.scatter(
            pts.x,
            pts.y,
            s=(10 + 250 * v[show] / top).to_numpy(),
            facecolor="none",
            edgecolor="#C00000",
            linewidth=1.6,
            zorder=4,
        )
        handles.append(
            Line2D(
                [],
                [],
                ls="",
                marker="o",
                markersize=9,
                markerfacecolor="none",
                markeredgecolor="#C00000",
                markeredgewidth=1.6,
                label="niet binnen bereik" if lang == "nl" else "not covered",
            )
        )
    if "facilities" in frames and len(frames["facilities"]):
        f = frames["facilities"]
        colour = _type_colour(f["type"].astype(str))
        shapes = ["o", "s", "^", "D", "v", "P", "X", "h"]
        for n, (ftype, block) in enumerate(f.groupby(f["type"].astype(str), sort=True)):
            pts = block.geometry.representative_point()
            marker = shapes[n % len(shapes)]
            ax.scatter(
                pts.x,
                pts.y,
                s=30,
                marker=marker,
                color=colour[ftype],
                edgecolor="black",
                linewidth=0.6,
                zorder=5,
            )
            handles.append(
                Line2D(
                    [],
                    [],
                    ls="",
                    marker=marker,
                    markersize=6,
                    markerfacecolor=colour[ftype],
                    markeredgecolor="black",
                    label=_i18n.type_label(ftype, lang),
                )
            )
    if "areas" in frames and len(frames["areas"]):
        a = frames["areas"]
        a.boundary.plot(ax=ax, color="#D55E00", linewidth=2.2, zorder=5)
        handles.append(
            Line2D(
                [],
                [],
                color="#D55E00",
                lw=2.2,
                label="beleidsgebied" if lang == "nl" else "policy area",
            )
        )
    if "sites" in frames and len(frames["sites"]):
        p = frames["sites"]
        base = "voorgestelde locatie" if lang == "nl" else "proposed site"
        plans = p["plan"].astype(str) if "plan" in p else pd.Series("", index=p.index)
        for n, (plan, block) in enumerate(plans.groupby(plans, sort=False)):
            site_colour = _SITE_COLOURS[n % len(_SITE_COLOURS)]
            pts = p.geometry.loc[block.index]
            ax.scatter(
                pts.x,
                pts.y,
                s=120,
                marker="s",
                color=site_colour,
                edgecolor="black",
                linewidth=1.2,
                zorder=7,
            )
            ranks = p["rank"].loc[block.index] if "rank" in p else pd.Series(dtype=float)
            for pt, rank in zip(pts, ranks, strict=False):
                if pd.notna(rank):
                    ax.text(
                        pt.x,
                        pt.y,
                        str(int(rank)),
                        ha="center",
                        va="center",
                        fontsize=7,
                        fontweight="bold",
                        zorder=8,
                        clip_on=True,
                    )
            handles.append(
                Line2D(
                    [],
                    [],
                    ls="",
                    marker="s",
                    markersize=9,
                    markerfacecolor=site_colour,
                    markeredgecolor="black",
                    label=f"{base}: {plan}" if plan else base,
                )
            )
    if highlight is not None:
        shape = highlight.union_all() if hasattr(highlight, "union_all") else highlight
        gpd.GeoSeries([shape]).boundary.plot(ax=ax, color="black", linewidth=2.5, zorder=5)
    # extent: the focus, or every layer
    if focus is not None:
        geom = focus.union_all() if hasattr(focus, "union_all") else focus
        x0, y0, x1, y1 = geom.bounds
    else:
        x0, y0, x1, y1 = pd.concat([f.geometry for f in frames.values() if len(f)]).total_bounds
    pad = 0.05 * max(x1 - x0, y1 - y0, 200.0)
    ax.set_xlim(x0 - pad, x1 + pad)
    ax.set_ylim(y0 - pad, y1 + pad)
    ax.set_aspect("equal", adjustable="box")
    span = ax.get_xlim()[1] - ax.get_xlim()[0]
    length = _nice_length(span)
    scale_bar = ax.add_artist(
        AnchoredSizeBar(
            ax.transData,
            length,
            _distance_label(length, lang),
            "lower right",
            pad=0.6,
            borderpad=0.8,
            sep=4,
            frameon=True,
            size_vertical=span / 300,
            fontproperties={"size": 8},
        )
    )
    north = ax.annotate(
        "N",
        xy=(0.96, 0.97),
        xytext=(0.96, 0.88),
        xycoords="axes fraction",
        ha="center",
        va="center",
        fontsize=11,
        fontweight="bold",
        arrowprops={"arrowstyle": "-|>", "facecolor": "black", "lw": 1.5},
    )
    if title:
        ax.set_title(mpl_text(title), fontsize=11)
    if handles:
        # every label and title may hold user text (types, plans, layer titles): never mathtext
        ax.legend(
            handles=handles,
            labels=[mpl_text(h.get_label()) for h in handles],
            title=mpl_text(legend_title) or None,
            loc="upper left",
            bbox_to_anchor=(1.02, 1.0) if legend == "right" else None,
            borderaxespad=0.0 if legend == "right" else 0.5,
            fontsize=7,
            title_fontsize=8,
            framealpha=0.9,
        )
    dropped: list[str] = []
    if labels and "wijken" in frames:
        w = frames["wijken"]
        names = w["wijk_name"] if "wijk_name" in w else pd.Series(w.index, index=w.index)
        order = w.geometry[w.geometry.notna() & ~w.geometry.is_empty].area
        order = order.sort_values(ascending=False).index
        pts = w.geometry.representative_point()
        ax.apply_aspect()
        (vx0, vx1), (vy0, vy1) = ax.get_xlim(), ax.get_ylim()
        order = [c for c in order if vx0 <= pts[c].x <= vx1 and vy0 <= pts[c].y <= vy1]
        obstacles = [a for a in (scale_bar, north, ax.get_legend()) if a is not None]
        _, dropped = place_labels(
            ax,
            [(pts[c].x, pts[c].y, str(names[c])) for c in order if pd.notna(names[c])],
            avoid=obstacles,
        )
    foot = attribution
    if dropped:
        missing = "niet gelabeld" if lang == "nl" else "not labelled"
        foot = (
            f"{foot}\n{missing}: {', '.join(dropped)}"
            if foot
            else f"{missing}: {', '.join(dropped)}"
        )
    if foot:
        fig.text(
            0.01,
            0.005,
            mpl_text(foot),
            fontsize=6,
            color="#444444",
            ha="left",
            va="bottom",
            wrap=True,
        )
    fig.wijkanalyse_unlabelled = dropped  # type: ignore[attr-defined]
    return fig


def save_figure(fig: Any, path: str | Path, *, dpi: int = 200) -> Path:
    """Save a map or chart as PNG, SVG or PDF (by the file's suffix) and return the path."""
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg", "pdf"):
        raise DataError(
            f"save_figure: {target.name!r} must end in .png, .svg or .pdf (got {fmt or 'none'!r})."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = {"Creator": "wijkanalyse"} if fmt in ("pdf", "svg") else {"Software": "wijkanalyse"}
    fig.savefig(target, format=fmt, dpi=dpi, metadata=meta)
    return target
