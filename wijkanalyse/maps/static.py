"""The printed (matplotlib) map: the layers of the interactive map for PNG, SVG and PDF.

Legend, scale bar, north arrow, source line and wijk labels that do not overlap
(:func:`place_labels`). Every text from data goes through :func:`wijkanalyse._safe.mpl_text`
(never mathtext). :func:`save_figure` writes a map or chart by the file's suffix.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO, Literal

import geopandas as gpd
import pandas as pd
import shapely

from wijkanalyse import _i18n
from wijkanalyse._errors import DataError
from wijkanalyse._i18n import Language
from wijkanalyse._safe import mpl_text
from wijkanalyse._validate import listing
from wijkanalyse.maps import base
from wijkanalyse.maps._labels import place_labels
from wijkanalyse.maps._layers import Layer, MapLayers, Scheme, map_layers, uncertain_gaps
from wijkanalyse.maps._legend import _darker

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


def _distance_label(metres: float, lang: Language) -> str:
    if metres >= 1000:
        return f"{_i18n.fmt_number(metres / 1000, 0 if metres % 1000 == 0 else 1, lang)} km"
    return f"{int(metres)} m"


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
    basemap: gpd.GeoDataFrame | None = None,
    labels: bool = True,
    focus: Any = None,
    highlight: Any = None,
    attribution: str = "",
    crs: Any = None,
    figsize: tuple[float, float] = (8.0, 8.0),
    legend: Literal["inside", "right"] = "inside",
    language: Language | None = None,
) -> Any:
    """Return a matplotlib figure of the same layers as :func:`interactive_map`, for print.

    The map has a legend (classes with their bounds and unit, "geen gegevens" for missing
    values, and every other layer), a scale bar, a north arrow, the source and licence line
    (``attribution``) and wijk labels that do not overlap. Save it with :func:`save_figure`
    as PNG, SVG or PDF.

    Parameters
    ----------
    basemap
        The base layer (:mod:`wijkanalyse.maps.base`): streets, railways and waterways drawn
        thinly over the wijk colours, the neighbouring municipalities under them, named.
    labels
        Label the wijken with their names (``wijk_name``); labels keep clear of the proposed
        sites and the centres.
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
    from matplotlib.backend_bases import FigureCanvasBase
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
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
    spec = map_layers(
        frames,
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
    if focus is not None:
        spec = _in_view(spec, focus)
    fig = Figure(figsize=figsize)
    # no drawing surface while the layers are added: geopandas asks for a redraw after
    # every layer (``draw_idle``), which on Agg draws the whole figure each time
    FigureCanvasBase(fig)
    # one map axes: fixed margins (room for the title and the source line) keep the extent
    # the labels were placed in
    foot_lines = 1 + len(attribution) // 150 if attribution else 0
    bottom = 0.02 + 0.018 * (foot_lines + 1)
    width = 0.98 if legend == "inside" else 0.6
    ax = fig.add_axes((0.01, bottom, width, (0.95 if title else 0.99) - bottom))
    ax.set_axis_off()
    handles: list[Any] = []
    # extent: the focus, or every layer
    if focus is not None:
        geom = focus.union_all() if hasattr(focus, "union_all") else focus
        x0, y0, x1, y1 = geom.bounds
    else:
        x0, y0, x1, y1 = pd.concat([f.geometry for f in frames.values() if len(f)]).total_bounds
    base_handles: list[Any] = []
    if basemap is not None and len(basemap):
        m = 0.05 * max(x1 - x0, y1 - y0, 200.0)  # the margin the extent gets below
        seen = shapely.box(x0 - m, y0 - m, x1 + m, y1 + m)
        base_handles = base.draw_static(ax, _projected(basemap, "basemap", crs), seen, lang)
    if spec.wijken is not None:
        handles += _draw_wijken(ax, spec.wijken)
    # a layer with nothing in view is not drawn and not in the legend (the marker shapes
    # stay those of the layer's position, as on every other map)
    for reach in spec.service_areas:
        handles += _draw_reach(ax, reach) if len(reach.frame) else []
    if spec.sectors is not None:
        handles += _draw_sectors(ax, spec.sectors)
    if spec.gaps is not None:
        handles += _draw_gaps(ax, spec.gaps)
        if spec.gaps_uncertain:
            from matplotlib.lines import Line2D

            handles.append(Line2D([], [], ls="--", color="#C00000", label=spec.gaps_uncertain))
    for n, layer in enumerate(spec.facilities):
        handles += (
            _draw_facilities(ax, layer, _SHAPES[n % len(_SHAPES)]) if len(layer.frame) else []
        )
    if spec.areas is not None and len(spec.areas.frame):
        handles += _draw_areas(ax, spec.areas)
    for layer in spec.sites:
        handles += _draw_sites(ax, layer) if len(layer.frame) else []
    legend_title = spec.wijken.legend if spec.wijken is not None else ""
    if highlight is not None:
        shape = highlight.union_all() if hasattr(highlight, "union_all") else highlight
        gpd.GeoSeries([shape]).boundary.plot(ax=ax, color="black", linewidth=2.5, zorder=5)
    handles += base_handles
    FigureCanvasAgg(fig)  # the labels below measure their text on it
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
        # the smallest first: they have the fewest free spots near them (the centre)
        order = order.sort_values(ascending=True).index
        pts = w.geometry.representative_point()
        ax.apply_aspect()
        (vx0, vx1), (vy0, vy1) = ax.get_xlim(), ax.get_ylim()
        order = [c for c in order if vx0 <= pts[c].x <= vx1 and vy0 <= pts[c].y <= vy1]
        obstacles = [a for a in (scale_bar, north, ax.get_legend()) if a is not None]
        if basemap is not None and len(basemap):
            view = shapely.box(vx0, vy0, vx1, vy1)
            towns, _ = place_labels(
                ax,
                base.neighbour_labels(_projected(basemap, "basemap", crs), view),
                avoid=obstacles,
                color="#555555",
                italic=True,
                max_offset_pt=0,
            )
            obstacles += towns
        symbols = [
            (pt.x, pt.y)
            for key in ("sites", "facilities")
            if key in frames
            for pt in frames[key].geometry
            if pt is not None and not pt.is_empty
        ]
        _, dropped = place_labels(
            ax,
            [(pts[c].x, pts[c].y, str(names[c])) for c in order if pd.notna(names[c])],
            avoid=obstacles,
            avoid_points=symbols,
            avoid_pt=6.0,
            max_offset_pt=96,  # the dense centre: a leader line to a free spot
        )
    foot = attribution
    if dropped:
        missing = _i18n.text("map_not_labelled", lang)
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


def _near(layer: Layer, box: Any) -> Layer:
    """Return ``layer`` with only the rows that reach into ``box`` (drawn as they were)."""
    keep = layer.frame.geometry.intersects(box).to_numpy()
    if keep.all():
        return layer
    return dataclasses.replace(
        layer,
        frame=layer.frame[keep],
        values=None if layer.values is None else layer.values[keep],
        fill=None
        if layer.fill is None
        else [c for c, k in zip(layer.fill, keep, strict=True) if k],
    )


def _in_view(spec: MapLayers, focus: Any) -> MapLayers:
    """Return the layers of a zoomed map with only what reaches into its view.

    A wijk map shows a few wijken of the city: the polygons and symbols that cannot show
    are not drawn (most of the work) and get no legend entry (a legend of what is on the
    map). The view is the focus with the 5 % margin :func:`static_map` gives it (the axes
    keep that extent: ``adjustable="box"``). The sectors and gaps stay whole, since their
    symbols are sized against the largest value of the layer.
    """
    geom = focus.union_all() if hasattr(focus, "union_all") else focus
    x0, y0, x1, y1 = geom.bounds
    pad = 0.05 * max(x1 - x0, y1 - y0, 200.0)
    box = shapely.box(x0 - pad, y0 - pad, x1 + pad, y1 + pad)
    return dataclasses.replace(
        spec,
        wijken=None if spec.wijken is None else _near(spec.wijken, box),
        service_areas=tuple(_near(layer, box) for layer in spec.service_areas),
        facilities=tuple(_near(layer, box) for layer in spec.facilities),
        areas=None if spec.areas is None else _near(spec.areas, box),
        sites=tuple(_near(layer, box) for layer in spec.sites),
    )


#: Marker shapes of the facility types, in the order of their (sorted) types.
_SHAPES = ["o", "s", "^", "D", "v", "P", "X", "h"]


def _draw_wijken(ax: Any, layer: Layer) -> list[Any]:
    """Draw the wijk choropleth; return its legend handles (the classes)."""
    from matplotlib.patches import Patch

    layer.frame.plot(ax=ax, color=layer.fill, edgecolor="#333333", linewidth=0.6, zorder=1)
    return [Patch(facecolor=c, edgecolor="#555555", label=lab) for lab, c in layer.entries]


def _draw_reach(ax: Any, layer: Layer) -> list[Any]:
    """Draw one facility type's reach within one time, merged, tinted."""
    from matplotlib.patches import Patch

    reach = gpd.GeoSeries([layer.frame.geometry.union_all()], crs=layer.frame.crs)
    reach.plot(ax=ax, color=layer.colour, alpha=0.2, linewidth=0, zorder=2)
    # the outline as on the interactive map: a dark dash on a white halo (seen on every
    # wijk colour)
    reach.boundary.plot(ax=ax, color="white", linewidth=2.2, alpha=0.8, zorder=2)
    dark = _darker(layer.colour)
    reach.boundary.plot(ax=ax, color=dark, linewidth=1.0, linestyle=(0, (4, 3)), zorder=2)
    return [
        Patch(facecolor=layer.colour, alpha=0.4, edgecolor=dark, linestyle="--", label=layer.legend)
    ]


def _draw_sectors(ax: Any, layer: Layer) -> list[Any]:
    """Draw the sectors: their polygons as a choropleth, else circles sized by the value."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    s, v = layer.frame, layer.values
    assert v is not None
    if layer.fill is not None:
        # real sector polygons: a choropleth (classes listed in the legend)
        s.plot(ax=ax, color=layer.fill, edgecolor="#666666", linewidth=0.3, alpha=0.85, zorder=1.5)
        return [
            Patch(facecolor=c, edgecolor="#555555", label=f"{layer.legend}: {lab}")
            for lab, c in layer.entries
        ]
    pts = s.geometry.representative_point()
    top = float(v.max()) if v.notna().any() and v.max() > 0 else 1.0
    size = (4 + 200 * v.fillna(0) / top).to_numpy()
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
    return [
        Line2D(
            [],
            [],
            ls="",
            marker="o",
            markersize=8,
            markerfacecolor="#777777",
            markeredgecolor="#333333",
            alpha=0.6,
            label=layer.legend,
        )
    ]


def _draw_gaps(ax: Any, layer: Layer) -> list[Any]:
    """Draw the coverage gaps as red rings whose area grows with the value."""
    from matplotlib.lines import Line2D

    v = layer.values
    assert v is not None
    show = v.fillna(0) > 0
    top = float(v.max()) if show.any() else 1.0
    wide = uncertain_gaps(layer.frame).reindex(v.index, fill_value=False)
    for dashed in (False, True):
        sel = show & (wide == dashed)
        pts = layer.frame.geometry.representative_point()[sel]
        ax.scatter(
            pts.x,
            pts.y,
            s=(10 + 250 * v[sel] / top).to_numpy(),
            facecolor="none",
            edgecolor="#C00000",
            linewidth=1.6,
            linestyle="--" if dashed else "-",
            zorder=4,
        )
    return [
        Line2D(
            [],
            [],
            ls="",
            marker="o",
            markersize=9,
            markerfacecolor="none",
            markeredgecolor="#C00000",
            markeredgewidth=1.6,
            label=layer.legend,
        )
    ]


def _draw_facilities(ax: Any, layer: Layer, marker: str) -> list[Any]:
    """Draw one facility type's points in its colour and marker shape."""
    from matplotlib.lines import Line2D

    pts = layer.frame.geometry.representative_point()
    ax.scatter(
        pts.x,
        pts.y,
        s=30,
        marker=marker,
        color=layer.colour,
        edgecolor="black",
        linewidth=0.6,
        zorder=5,
    )
    return [
        Line2D(
            [],
            [],
            ls="",
            marker=marker,
            markersize=6,
            markerfacecolor=layer.colour,
            markeredgecolor="black",
            label=layer.legend,
        )
    ]


def _draw_areas(ax: Any, layer: Layer) -> list[Any]:
    """Outline the custom areas."""
    from matplotlib.lines import Line2D

    layer.frame.boundary.plot(ax=ax, color=layer.colour, linewidth=2.2, zorder=5)
    return [Line2D([], [], color=layer.colour, lw=2.2, label=layer.legend)]


def _draw_sites(ax: Any, layer: Layer) -> list[Any]:
    """Draw one plan's sites as squares in the plan's colour, numbered by rank."""
    from matplotlib.lines import Line2D

    p = layer.frame
    pts = p.geometry
    ax.scatter(
        pts.x,
        pts.y,
        s=120,
        marker="s",
        color=layer.colour,
        edgecolor="black",
        linewidth=1.2,
        zorder=7,
    )
    ranks = p["rank"] if "rank" in p else pd.Series(dtype=float)
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
    return [
        Line2D(
            [],
            [],
            ls="",
            marker="s",
            markersize=9,
            markerfacecolor=layer.colour,
            markeredgecolor="black",
            label=layer.legend,
        )
    ]


def save_figure(
    fig: Any, path: str | Path | BinaryIO, *, dpi: int = 200, fmt: str | None = None
) -> Path | BinaryIO:
    """Save a map or chart as PNG, SVG or PDF and return where it went.

    ``path`` is a file name (the format from its suffix unless ``fmt`` is given) or an open
    binary file (``fmt`` required).
    """
    if isinstance(path, (str, Path)):
        target: Path | BinaryIO = Path(path)
        fmt = fmt or Path(path).suffix.lower().lstrip(".")
        name = Path(path).name
    else:
        target, name = path, "the file"
    if fmt not in ("png", "svg", "pdf"):
        raise DataError(
            f"save_figure: {name!r} must end in .png, .svg or .pdf (got {fmt or 'none'!r})."
        )
    if isinstance(target, Path):
        target.parent.mkdir(parents=True, exist_ok=True)
    meta = {"Creator": "wijkanalyse"} if fmt in ("pdf", "svg") else {"Software": "wijkanalyse"}
    fig.savefig(target, format=fmt, dpi=dpi, metadata=meta)
    return target
