"""The maps' base layer: streets, railways, waterways and the neighbouring municipalities.

A light background from the study's own data, drawn under every static and interactive map
so a reader finds the wijk without an online tile service: the streets of the study's
network, the railway lines and the waterways (OpenStreetMap 2015, catalogued), and the
outlines and names of the municipalities around (Provincies in Cijfers 2024). It is made
once when the study is loaded and written with the run (the ``basemap`` layer of
``wijkanalyse.gpkg``), so each map reuses it.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

#: How far around the study's municipality the base layer reaches (m): wider than any map
#: (the overview pads its extent by 5 %).
MARGIN_M = 2_000.0

#: The OpenStreetMap railway and waterway types drawn (tram lines too; no platforms, no
#: disused or abandoned lines; no ditches or drains, which would cover the map in lines).
RAILWAY_TYPES = ("rail", "tram", "light_rail", "subway", "narrow_gauge")
WATERWAY_TYPES = ("river", "canal", "stream")

#: The kinds of feature in the layer, in drawing order.
KINDS = ("municipality", "street", "waterway", "railway")


def _lines(frame: gpd.GeoDataFrame, box: Any, crs: Any, types: tuple[str, ...]) -> Any:
    """Return the lines of ``frame`` of ``types`` inside ``box`` (in ``crs``), named."""
    if frame.crs is None or not len(frame):
        return None
    frame = frame.to_crs(crs)
    frame = frame[frame["type"].astype(str).isin(types)]
    frame = frame.clip(box)
    frame = frame[~frame.geometry.is_empty]
    if not len(frame):
        return None
    name = frame["name"] if "name" in frame else pd.Series(pd.NA, index=frame.index)
    return gpd.GeoDataFrame(
        {"name": name.astype("string"), "type": frame["type"].astype("string")},
        geometry=frame.geometry.to_numpy(),
        crs=crs,
    )


def base_layer(
    boundary: Any,
    crs: Any,
    *,
    streets: gpd.GeoDataFrame | None = None,
    railways: gpd.GeoDataFrame | None = None,
    waterways: gpd.GeoDataFrame | None = None,
    municipalities: gpd.GeoDataFrame | None = None,
    own: tuple[str, ...] = (),
) -> tuple[gpd.GeoDataFrame, tuple[str, ...]]:
    """Return the base layer around ``boundary`` and which of its sources had features.

    Parameters
    ----------
    boundary
        The study's municipality (a shapely geometry in ``crs``).
    streets
        The study's street network as lines (:meth:`StreetNetwork.edges`), or ``None``.
    railways, waterways
        OpenStreetMap lines with ``type`` and ``name`` (as read from the catalogue).
    municipalities
        Municipality polygons with ``name``, indexed by NIS code (those touching the box are
        kept; the study's own, ``own``, are not drawn as neighbours).

    Returns
    -------
    The layer (columns ``kind`` in :data:`KINDS`, ``name``, ``type``) and the names of the
    sources that had features in it (``streets``, ``railways``, ``waterways``,
    ``municipalities``), so only those are credited.
    """
    x0, y0, x1, y1 = boundary.bounds
    box = shapely.box(x0 - MARGIN_M, y0 - MARGIN_M, x1 + MARGIN_M, y1 + MARGIN_M)
    parts: list[gpd.GeoDataFrame] = []
    found: list[str] = []
    if municipalities is not None:
        near = municipalities.to_crs(crs)
        near = near[near.intersects(box) & ~near.index.astype(str).isin(own)]
        if len(near):
            parts.append(
                gpd.GeoDataFrame(
                    {
                        "kind": "municipality",
                        "name": near["name"].astype("string").to_numpy(),
                        "type": pd.array([pd.NA] * len(near), dtype="string"),
                    },
                    geometry=near.geometry.to_numpy(),
                    crs=crs,
                )
            )
            found.append("municipalities")
    if streets is not None and len(streets):
        lines = streets.to_crs(crs)
        lines = lines[lines.intersects(box)]
        if len(lines):
            parts.append(
                gpd.GeoDataFrame(
                    {
                        "kind": "street",
                        "name": pd.array([pd.NA] * len(lines), dtype="string"),
                        "type": pd.array([pd.NA] * len(lines), dtype="string"),
                    },
                    geometry=lines.geometry.to_numpy(),
                    crs=crs,
                )
            )
            found.append("streets")
    for kind, source, types in (
        ("railway", railways, RAILWAY_TYPES),
        ("waterway", waterways, WATERWAY_TYPES),
    ):
        if source is None:
            continue
        lines = _lines(source, box, crs, types)
        if lines is not None:
            parts.append(lines.assign(kind=kind)[["kind", "name", "type", "geometry"]])
            found.append(f"{kind}s")
    if not parts:
        empty = gpd.GeoDataFrame(
            {"kind": [], "name": [], "type": []}, geometry=gpd.GeoSeries([], crs=crs)
        )
        return empty, ()
    frame = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs=crs)
    return frame, tuple(found)


#: How each kind of line is drawn: colour, width (pt), opacity. Streets a light grey,
#: railways a dark grey, waterways a blue: told apart by lightness too (colour-blind safe).
LINE_STYLE: dict[str, tuple[str, float, float]] = {
    "street": ("#7f7f7f", 0.3, 0.45),
    "waterway": ("#2b8cbe", 0.9, 0.9),
    "railway": ("#303030", 0.9, 0.9),
}
#: The fill and edge of a neighbouring municipality.
NEIGHBOUR_STYLE = ("#f0f0f0", "#a0a0a0")


def draw_static(ax: Any, frame: gpd.GeoDataFrame, box: Any, lang: Any) -> list[Any]:
    """Draw the base layer inside ``box`` on a matplotlib ``ax``; return legend handles.

    The neighbouring municipalities go under everything (zorder 0); the lines over the wijk
    colours and the reach, under every symbol (zorder 1.5), thin and half transparent.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from wijkanalyse import _i18n

    near = frame[frame.geometry.intersects(box)]
    handles: list[Any] = []
    towns = near[near["kind"] == "municipality"]
    if len(towns):
        fill, edge = NEIGHBOUR_STYLE
        towns.plot(ax=ax, color=fill, edgecolor=edge, linewidth=0.6, zorder=0)
        handles.append(
            Patch(facecolor=fill, edgecolor=edge, label=_i18n.text("map_base_municipality", lang))
        )
    for kind, (colour, width, alpha) in LINE_STYLE.items():
        lines = near[near["kind"] == kind]
        if not len(lines):
            continue
        lines.plot(ax=ax, color=colour, linewidth=width, alpha=alpha, zorder=1.5)
        handles.append(
            Line2D(
                [],
                [],
                color=colour,
                lw=max(width, 0.8),
                alpha=alpha,
                label=_i18n.text(f"map_base_{kind}", lang),
            )
        )
    return handles


def neighbour_labels(frame: gpd.GeoDataFrame, view: Any) -> list[tuple[float, float, str]]:
    """Return ``(x, y, name)`` of each neighbouring municipality seen in ``view`` (a box)."""
    towns = frame[(frame["kind"] == "municipality") & frame.geometry.intersects(view)]
    out = []
    for name, geom in zip(towns["name"], towns.geometry, strict=True):
        seen = geom.intersection(view)
        if seen.is_empty or seen.area < 0.02 * view.area or pd.isna(name):
            continue  # a sliver at the edge: its name would not fit
        pt = seen.representative_point()
        out.append((pt.x, pt.y, str(name)))
    return out


def folium_layer(frame: gpd.GeoDataFrame, lang: Any) -> Any:
    """Return the base layer as one folium group (under the other layers, no tooltip).

    The streets are merged into one line feature per kind, with coordinates rounded to
    about a metre, so the page stays light.
    """
    import folium

    from wijkanalyse import _i18n
    from wijkanalyse._safe import html_text

    wgs = frame.to_crs(4326)
    group = folium.FeatureGroup(name=html_text(_i18n.text("map_base_layer", lang)), show=True)
    towns = wgs[wgs["kind"] == "municipality"]
    if len(towns):
        fill, edge = NEIGHBOUR_STYLE
        shown = gpd.GeoDataFrame(
            {"naam": [html_text(n) for n in towns["name"].fillna("")]},
            geometry=towns.geometry.to_numpy(),
            crs=4326,
        )
        folium.GeoJson(
            shown.__geo_interface__,
            style_function=lambda f, c=fill, e=edge: {
                "fillColor": c,
                "color": e,
                "weight": 1,
                "fillOpacity": 0.6,
            },
            tooltip=folium.GeoJsonTooltip(fields=["naam"], aliases=[""]),
        ).add_to(group)
    for kind, (colour, width, alpha) in LINE_STYLE.items():
        lines = wgs[wgs["kind"] == kind]
        if not len(lines):
            continue
        merged = shapely.set_precision(shapely.line_merge(lines.geometry.union_all()), 1e-5)
        one = gpd.GeoDataFrame(geometry=[merged], crs=4326)
        folium.GeoJson(
            one.__geo_interface__,
            style_function=lambda f, c=colour, w=width, a=alpha: {
                "color": c,
                "weight": max(w * 1.5, 1),
                "opacity": a,
            },
            interactive=False,
        ).add_to(group)
    return group
