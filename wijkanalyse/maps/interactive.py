"""The interactive (folium) map of wijken, sectors, facilities, areas and planned sites.

Every text that comes from data goes through :func:`wijkanalyse._safe.html_text`: folium
renders it as Jinja template source and inside JavaScript template literals (see there). The
map works offline (Leaflet inlined, no basemap by default) or with OpenStreetMap tiles and
their attribution. Only here (and in the printed map, when asked) are geometries reprojected:
to EPSG:4326, as Leaflet needs.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import _i18n
from wijkanalyse._errors import DataError
from wijkanalyse._i18n import Language
from wijkanalyse._safe import html_text
from wijkanalyse._validate import listing
from wijkanalyse.maps import base
from wijkanalyse.maps._layers import (
    PALETTES,
    Layer,
    Scheme,
    _decimals,
    _no_data_label,
    _type_glyph,
    map_layers,
    uncertain_gaps,
)
from wijkanalyse.maps._legend import _darker, _symbol_legend

#: The halo under a reach's dashed outline.
REACH_HALO = "#ffffff"

#: Past this many gap rings the interactive map's gap layer starts switched off: a city's
#: hundred rings already cover its centre (the printed map shows them; a click shows them
#: here).
MAX_SHOWN_RINGS = 60


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
    basemap: gpd.GeoDataFrame | None = None,
    tiles: bool = False,
    shown_types: Sequence[str] | None = None,
    language: Language | None = None,
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
    basemap
        The base layer (:mod:`wijkanalyse.maps.base`): neighbouring municipalities, streets,
        railways and waterways, from the study's own data (works offline).
    tiles
        Add OpenStreetMap tiles (needs the internet when viewed, with its attribution);
        default: none, the base layer alone.
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
    given = [
        f for f in (wijken, sectors, facilities, service_areas, gaps, areas, sites) if f is not None
    ]
    if not given:
        raise DataError("interactive_map: give at least one layer (wijken=, facilities=, …).")
    bounds = pd.concat([_to_wgs84(f, "layer").geometry for f in given if len(f)]).total_bounds
    if not np.isfinite(bounds).all():
        raise DataError("interactive_map: the layers have no geometry to show.")
    spec = map_layers(
        _frames(
            wijken=wijken,
            sectors=sectors,
            facilities=facilities,
            service_areas=service_areas,
            gaps=gaps,
            areas=areas,
            sites=sites,
        ),
        value=value,
        title=title,
        unit=unit,
        scheme=scheme,
        k=k,
        bins=bins,
        palette=palette,
        sector_value=sector_value,
        sector_title=sector_title,
        gap_value=gap_value,
        lang=lang,
    )
    m = folium.Map(tiles=None, control_scale=True, prefer_canvas=True)
    _inline_leaflet(m)
    if tiles:
        osm = _i18n.text("osm_attribution", lang)
        folium.TileLayer("OpenStreetMap", attr=osm, name="OpenStreetMap").add_to(m)
    m.fit_bounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]])
    if basemap is not None and len(basemap):
        base.folium_layer(basemap, lang).add_to(m)
    legend_html = ""
    if spec.wijken is not None:
        _wijk_layer(spec.wijken, lang).add_to(m)
        legend_html = _legend(spec.wijken.name, unit, spec.wijken.entries)
    for reach in spec.service_areas:
        _reach_layer(reach).add_to(m)
    if spec.sectors is not None:
        # the sectors are the map when there is no wijk layer (no wijk outlines)
        _sector_layer(spec.sectors, lang, show=spec.wijken is None).add_to(m)
        if spec.sectors.fill is not None:
            legend_html += _legend(
                spec.sectors.name, "", spec.sectors.entries, offset=len(legend_html) > 0
            )
    if spec.gaps is not None:
        _gap_layer(spec.gaps, lang, spec.gaps_uncertain).add_to(m)
    # none of the types to show is here: show every type rather than an empty map
    types = {layer.key for layer in spec.facilities}
    shown_here = shown_types is None or bool(types & set(shown_types))
    for layer in spec.facilities:
        on = shown_types is None or layer.key in shown_types or not shown_here
        _facility_layer(layer, lang, show=on).add_to(m)
    if spec.areas is not None:
        _area_layer(spec.areas).add_to(m)
    for layer in spec.sites:
        _site_layer(layer).add_to(m)
    legend_html += _symbol_legend(spec, basemap, lang)
    if legend_html:
        root: Any = m.get_root()
        root.html.add_child(_markup(legend_html), name="wijkanalyse_legend")
    # collapsed: a button in the corner, not a panel over a third of the map
    folium.LayerControl(collapsed=True).add_to(m)
    return m


def _frames(**given: gpd.GeoDataFrame | None) -> dict[str, gpd.GeoDataFrame]:
    """Return the given layers in EPSG:4326, as Leaflet draws them.

    Sectors and gaps without a geometry are left out; empty layers other than the sectors
    draw nothing and are not reprojected.
    """
    out = {}
    for name, frame in given.items():
        if frame is None or (name != "sectors" and not len(frame)):
            continue
        if name in ("sectors", "gaps"):
            frame = frame[frame.geometry.notna()]
        out[name] = _to_wgs84(frame, name)
    return out


def _wijk_layer(layer: Layer, lang: Language) -> Any:
    """Return the wijk choropleth, with the wijk's name, code and value as tooltip."""
    import folium

    w = layer.frame
    assert layer.values is not None
    assert layer.fill is not None
    names = w["wijk_name"] if "wijk_name" in w else pd.Series(w.index, index=w.index)
    dec = _decimals(layer.values)
    fmt = [
        _i18n.fmt_number(float(x), dec, lang) if pd.notna(x) else _no_data_label(lang)
        for x in pd.to_numeric(layer.values, errors="coerce")
    ]
    shown = gpd.GeoDataFrame(
        {
            "naam": [html_text(n) for n in names],
            "code": [html_text(i) for i in w.index],
            "waarde": [html_text(f) for f in fmt],
            "fill": layer.fill,
        },
        geometry=w.geometry.to_numpy(),
        crs=4326,
    )
    group = folium.FeatureGroup(name=html_text(layer.name), show=True)
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
            aliases=[_i18n.text("map_wijk", lang), "code", html_text(layer.name)],
        ),
    ).add_to(group)
    return group


def _reach_layer(layer: Layer) -> Any:
    """Return one facility type's reach within one time, as one merged polygon."""
    import folium

    name = layer.name
    group = folium.FeatureGroup(name=html_text(name), show=False)
    merged = gpd.GeoDataFrame(
        {"naam": [html_text(name)]}, geometry=[layer.frame.geometry.union_all()], crs=4326
    )
    c = layer.colour
    # a dashed dark outline on a white halo over a light fill: the dark dash stands out on
    # the light wijk colours, the halo on the dark ones (a pale fill alone vanished on
    # yellow); tests/test_maps.py checks the contrast against every class colour
    folium.GeoJson(
        merged.__geo_interface__,
        style_function=lambda f: {"fill": False, "color": REACH_HALO, "weight": 5, "opacity": 0.8},
        interactive=False,
    ).add_to(group)
    folium.GeoJson(
        merged.__geo_interface__,
        style_function=lambda f, c=c: {
            "fillColor": c,
            "color": _darker(c),
            "weight": 2.5,
            "dashArray": "6 4",
            "fillOpacity": 0.15,
        },
        tooltip=folium.GeoJsonTooltip(fields=["naam"], aliases=[""]),
    ).add_to(group)
    return group


def _sector_layer(layer: Layer, lang: Language, *, show: bool) -> Any:
    """Return the sectors: a choropleth of their polygons, else circles on their points."""
    import folium

    s, vals = layer.frame, layer.values
    assert vals is not None
    top = float(vals.max()) if vals.notna().any() else 1.0
    group = folium.FeatureGroup(name=html_text(layer.name), show=show)
    if layer.fill is not None:
        dec = _decimals(vals)
        shown = gpd.GeoDataFrame(
            {
                "naam": [html_text(n) for n in s.get("name", pd.Series(s.index, index=s.index))],
                "code": [html_text(i) for i in s.index],
                "waarde": [
                    html_text(_i18n.fmt_number(float(x), dec, lang))
                    if pd.notna(x)
                    else _no_data_label(lang)
                    for x in vals
                ],
                "fill": layer.fill,
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
                aliases=["sector", "code", html_text(layer.name)],
            ),
        ).add_to(group)
        return group
    for code, row in s.iterrows():
        v = vals.get(code)
        radius = 3 + 15 * math.sqrt(float(v) / top) if pd.notna(v) and top > 0 else 3
        text = f"{html_text(row.get('name', code))} ({html_text(code)}): " + (
            html_text(_i18n.fmt_number(float(v), 0, lang)) if pd.notna(v) else _no_data_label(lang)
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
        ).add_to(group)
    return group


def _gap_layer(layer: Layer, lang: Language, uncertain: str | None = None) -> Any:
    """Return the coverage gaps as red rings whose area is proportional to the value.

    A ring is dashed where the range of the share out of reach is wide (``uncertain`` is
    then the legend of the dashed rings, added to the layer's name).
    """
    import folium

    vals = layer.values
    assert vals is not None
    top = float(vals.max()) if vals.notna().any() and vals.max() > 0 else 1.0
    n_rings = int((vals > 0).sum())
    group = folium.FeatureGroup(
        name=html_text(layer.name + (f"; {uncertain}" if uncertain else "")),
        # thousands of rings (a province, Flanders) would hide the map: start switched off
        show=n_rings <= MAX_SHOWN_RINGS,
    )
    wide = uncertain_gaps(layer.frame)
    for code, row in layer.frame.iterrows():
        v = vals.get(code)
        if pd.isna(v) or v <= 0:
            continue
        count = _i18n.fmt_number(float(v), 0, lang)
        text = f"{html_text(row.get('name', code))}: {html_text(count)} {layer.legend}"
        if "share_not_covered" in row and pd.notna(row["share_not_covered"]):
            shown = _i18n.fmt_range(
                row["share_not_covered"],
                row.get("share_not_covered_p05"),
                row.get("share_not_covered_p95"),
                decimals=0,
                language=lang,
            )
            text += f" ({html_text(shown)})"
        pt = row.geometry.representative_point()
        folium.CircleMarker(
            [pt.y, pt.x],
            radius=4 + 14 * math.sqrt(float(v) / top),
            color="#C00000",
            weight=3,
            fill=False,
            dash_array="5 5" if bool(wide.get(code, False)) else None,
            tooltip=folium.Tooltip(text),
        ).add_to(group)
    return group


def _facility_layer(layer: Layer, lang: Language, *, show: bool) -> Any:
    """Return one facility type's markers, each with the type's letters and a popup."""
    import folium

    label = layer.name
    letters = _type_glyph(layer.key, lang)
    glyph, width = html_text(letters), 12 + 7 * len(letters)
    group = folium.FeatureGroup(name=html_text(label), show=show)
    for fid, row in layer.frame.iterrows():
        popup = (
            f"<b>{html_text(row.get('name'))}</b><br>"
            f"{html_text(label)}<br><small>{html_text(fid)}</small>"
        )
        pt = row.geometry.representative_point()
        folium.Marker(
            [pt.y, pt.x],
            icon=folium.DivIcon(
                html=(
                    f'<div style="background:{layer.colour};border:1px solid #000;'
                    f"border-radius:9px;height:16px;width:{width}px;line-height:16px;"
                    "text-align:center;font:bold 10px sans-serif;color:#000"
                    f'">{glyph}</div>'
                ),
                icon_size=(width, 18),
                icon_anchor=(width // 2, 9),
            ),
            popup=folium.Popup(popup, max_width=300),
            tooltip=folium.Tooltip(f"{html_text(row.get('name'))} ({html_text(label)})"),
        ).add_to(group)
    return group


def _area_layer(layer: Layer) -> Any:
    """Return the custom areas as outlines, each with its name always shown (small)."""
    import folium

    group = folium.FeatureGroup(name=layer.name, show=True)
    for name, geom in layer.frame.geometry.items():
        one = gpd.GeoDataFrame(geometry=[geom], crs=4326)
        folium.GeoJson(
            one.__geo_interface__,
            style_function=lambda f: {"fill": False, "color": layer.colour, "weight": 3},
            tooltip=folium.Tooltip(
                html_text(name),
                permanent=True,
                # above the area's middle, where a proposed site often stands
                direction="top",
                offset=(0, -16),
                opacity=0.85,
                style="font: 11px sans-serif; padding: 0 3px;",
                className="wijkanalyse-area-label",
                sticky=False,
            ),
        ).add_to(group)
    return group


def _site_layer(layer: Layer) -> Any:
    """Return one plan's sites, each numbered by its rank (``+`` when unranked)."""
    import folium

    plan = layer.key
    group = folium.FeatureGroup(name=html_text(layer.name), show=True)
    for sid, row in layer.frame.iterrows():
        rank = row.get("rank")
        ranked = rank is not None and pd.notna(rank)
        text = ("#" + str(int(rank)) + " " if ranked else "") + html_text(row.get("name") or sid)
        if plan:
            text += f"<br>{html_text(plan)}"
        folium.Marker(
            [row.geometry.y, row.geometry.x],
            icon=folium.DivIcon(
                html=(
                    f'<div style="background:{layer.colour};border:2px solid #000;'
                    "width:20px;"
                    "height:20px;line-height:20px;text-align:center;font:bold 11px "
                    f'sans-serif;color:#000">{int(rank) if ranked else "+"}</div>'
                ),
                icon_size=(24, 24),
                icon_anchor=(12, 12),
            ),
            tooltip=folium.Tooltip(text),
            popup=folium.Popup(f"<b>{text}</b><br><small>{html_text(sid)}</small>", max_width=300),
        ).add_to(group)
    return group
