"""The printed (matplotlib) map: the layers of the interactive map for PNG, SVG and PDF.

Legend, scale bar, north arrow, source line and wijk labels that do not overlap
(:func:`place_labels`). Every text from data goes through :func:`wijkanalyse._safe.mpl_text`
(never mathtext). :func:`save_figure` writes a map or chart by the file's suffix.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import _i18n
from wijkanalyse._errors import DataError
from wijkanalyse._safe import mpl_text
from wijkanalyse._validate import listing
from wijkanalyse.maps._layers import (
    _SITE_COLOURS,
    Scheme,
    _all_polygons,
    _choropleth,
    _need_column,
    _type_colour,
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
