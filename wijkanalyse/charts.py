"""Charts for the wijkrapport: profile, index ranks, coverage curve, scenario bars.

Each function returns a matplotlib :class:`~matplotlib.figure.Figure` (no pyplot, no global
state), to show in a notebook or save with :func:`wijkanalyse.maps.save_figure`. Missing or
withheld values are never drawn as 0: they are left out and named "onvoldoende gegevens".
Names and labels are drawn as written (:func:`wijkanalyse._safe.mpl_text`: a ``$`` never
starts a formula).

* :func:`profile_chart`: a wijk's indicators against the municipality, arrondissement and
  Flanders (each indicator as a percentage of the municipality's value).
* :func:`rank_chart`: the index rank of every unit with its 5–95 % Monte Carlo interval;
  :func:`highlight_rank_svg` highlights a unit in the chart drawn once as SVG.
* :func:`coverage_curve_chart`: covered share against the number of new centres, exact and
  one-at-a-time (greedy).
* :func:`scenario_chart`: covered share before and after each scenario.
* :func:`trend_chart`: series by year (population index, energy, income), a unit against
  its municipality and Flanders.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from wijkanalyse import _i18n
from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._i18n import Language
from wijkanalyse._safe import mpl_text
from wijkanalyse._validate import listing

__all__ = [
    "coverage_curve_chart",
    "highlight_rank_svg",
    "profile_chart",
    "rank_chart",
    "rank_gid",
    "rank_units",
    "scenario_chart",
    "trend_chart",
]

_BLUE, _ORANGE, _GREEN, _GREY = "#0072B2", "#E69F00", "#009E73", "#999999"
#: one colour per planning question (Okabe-Ito, colour-blind safe)
_QUESTION_COLOURS = [_BLUE, _ORANGE, _GREEN, "#CC79A7"]


def _figure(width: float, height: float) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _need(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame]
    if missing:
        raise SchemaError(
            f"{what} has no column(s) {listing(missing)} (found: {listing(frame.columns)})."
        )


def _insufficient(lang: Language) -> str:
    return _i18n.text("insufficient_data", lang)


def profile_chart(
    values: pd.DataFrame,
    *,
    unit: str,
    indicators: Sequence[tuple[str, str]],
    references: Sequence[str],
    title: str = "",
    limit: float = 300.0,
    language: Language | None = None,
) -> Any:
    """Return a dot chart of one unit's indicators against reference units.

    Every value is shown as a percentage of the first reference (the municipality = 100),
    so indicators of different units share one axis; the table in the report gives the
    values themselves. Values beyond ``limit`` % are drawn at the edge as a triangle with
    their percentage written beside it; several on one line are stacked, never overprinted.

    Parameters
    ----------
    values
        One row per unit (index: unit code or name), one column per indicator.
    unit
        The row to profile (e.g. a wijk code).
    indicators
        ``(column, label)`` pairs, in display order.
    references
        Rows to compare with; the first is the base (= 100), e.g. the municipality, then the
        arrondissement and Flanders.
    """
    lang = _i18n.lang(language)
    rows = [unit, *references]
    absent = [r for r in rows if r not in values.index]
    if absent:
        raise DataError(f"profile_chart: no row(s) {listing(absent)} in the values.")
    _need(values, [c for c, _ in indicators], "profile_chart values")
    base = references[0]
    fig = _figure(7.0, 0.42 * len(indicators) + 1.4)
    ax = fig.add_subplot()
    colours = [_BLUE, _GREY, _ORANGE, _GREEN]
    markers = ["o", "|", "s", "D"]
    # names and labels are user text: drawn literally, never as mathtext
    names = {r: mpl_text(r) for r in rows}
    if "name" in values:
        given = values["name"]
        names.update({r: mpl_text(given[r]) for r in rows if pd.notna(given[r])})
    y = np.arange(len(indicators))[::-1]
    clipped: dict[float, list[tuple[int, float]]] = {}  # per line: (row, %) beyond the axis
    for n, row in enumerate(rows):
        xs, ys = [], []
        for yi, (col, _) in zip(y, indicators, strict=True):
            v: Any = values.at[row, col]
            b: Any = values.at[base, col]
            if pd.isna(v) or pd.isna(b) or float(b) == 0:
                if n == 0:
                    ax.text(
                        100,
                        yi,
                        _insufficient(lang),
                        ha="center",
                        va="center",
                        fontsize=7,
                        style="italic",
                        color="#555555",
                    )
                continue
            pct = 100 * float(v) / float(b)
            if pct > limit:
                clipped.setdefault(float(yi), []).append((n, pct))
                continue
            xs.append(pct)
            ys.append(yi)
        ax.scatter(
            xs,
            ys,
            s=70 if n == 0 else 45,
            marker=markers[n % len(markers)],
            color=colours[n % len(colours)],
            zorder=3 if n == 0 else 2,
            label=names[row],
            linewidths=2 if markers[n % 4] == "|" else 0.5,
        )
    # values beyond the axis: a triangle at its edge per row, stacked on the line, each with
    # its value written beside it, so that several never print over each other
    for yi, hits in clipped.items():
        for k, (n, pct) in enumerate(hits):
            dy = ((len(hits) - 1) / 2 - k) * 0.3  # the unit on top, then the references
            colour = colours[n % len(colours)]
            ax.scatter([limit], [yi + dy], marker=">", s=40, color=colour, zorder=3)
            ax.text(
                limit + 8,
                yi + dy,
                _i18n.fmt_number(pct, 0, lang) + " %",
                ha="left",
                va="center",
                fontsize=6,
                color=colour,
            )
    ax.axvline(100, color="#555555", lw=0.8, zorder=1)
    ax.set_xlim(0, limit + (60 if clipped else 10))
    ax.set_yticks(y, [mpl_text(label) for _, label in indicators], fontsize=8)
    ax.set_xlabel(
        _i18n.text("chart_share_of_base", lang, base=names[base]),
        fontsize=8,
    )
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", color="#dddddd", lw=0.5)
    ax.legend(fontsize=7, loc="best", framealpha=0.9)
    if title:
        ax.set_title(mpl_text(title), fontsize=10)
    return fig


def rank_chart(
    index: pd.DataFrame,
    *,
    highlight: Sequence[Any] = (),
    title: str = "",
    top: int | None = None,
    language: Language | None = None,
) -> Any:
    """Return the rank of every unit with its 5–95 % intervals over the Monte Carlo draws.

    Two intervals are drawn when the table has them: the analyst's choices (a thick pale
    line: ``choice_rank_p05`` / ``choice_rank_p95``, or ``rank_p05`` / ``rank_p95``) and the
    data (a thin dark line below it: ``data_rank_p05`` / ``data_rank_p95``).

    Parameters
    ----------
    index
        One row per unit with ``rank``, ``name`` and at least one pair of interval columns.
    highlight
        Units (index values) to draw in colour, e.g. the wijk a report is about.
    top
        Draw only the ``top`` units with the most need (plus the highlighted ones); the axis
        label says how many there are in all. ``None`` draws every unit.
    """
    lang = _i18n.lang(language)
    pairs = [
        (lo, hi, kind)
        for lo, hi, kind in (
            ("choice_rank_p05", "choice_rank_p95", "choice"),
            ("rank_p05", "rank_p95", "choice"),
            ("data_rank_p05", "data_rank_p95", "data"),
        )
        if lo in index and hi in index
    ]
    pairs = [p for i, p in enumerate(pairs) if p[2] not in {q[2] for q in pairs[:i]}]
    if not pairs:
        _need(index, ["rank", "rank_p05", "rank_p95"], "rank_chart index")
    _need(index, ["rank"], "rank_chart index")
    if top is not None and top < 1:
        raise DataError(f"rank_chart: top must be at least 1, got {top}.")
    known = index.dropna(subset=["rank"]).sort_values("rank")
    if known.empty:
        raise DataError("rank_chart: no unit has a rank.")
    n_all = len(known)
    if top is not None and n_all > top:
        known = known[(np.arange(n_all) < top) | known.index.isin(list(highlight))]
    fig = _figure(7.0, 0.22 * len(known) + 1.2)
    ax = fig.add_subplot()
    y = np.arange(len(known))[::-1]
    names = known["name"] if "name" in known else known.index.to_series()
    hl = set(highlight)
    for n, (yi, (code, row)) in enumerate(zip(y, known.iterrows(), strict=True)):
        colour = _ORANGE if code in hl else _BLUE
        for lo, hi, kind in pairs:
            if pd.notna(row[lo]) and pd.notna(row[hi]):
                # each part has an SVG id, to highlight in the chart drawn once
                gid = rank_gid(n, kind)
                if kind == "choice":
                    ax.plot([row[lo], row[hi]], [yi, yi], color=colour, lw=3, alpha=0.4, gid=gid)
                else:
                    ax.plot(
                        [row[lo], row[hi]], [yi - 0.25] * 2, color=colour, lw=1, alpha=0.9, gid=gid
                    )
        size = _DOT if code not in hl else _DOT_HIGHLIGHT
        ax.scatter([row["rank"]], [yi], color=colour, s=size, zorder=3, gid=rank_gid(n, "dot"))
    ax.set_yticks(y, [mpl_text(n, missing=mpl_text(c)) for c, n in names.items()], fontsize=7)
    highest = max([float(known[hi].max(skipna=True) or 1) for _, hi, _ in pairs] or [1.0])
    ax.set_xlim(0.5, max(len(index), highest) + 0.5)
    kinds = [k for _, _, k in pairs]
    label = _i18n.text(
        "chart_rank_axis_both" if kinds == ["choice", "data"] else f"chart_rank_axis_{kinds[0]}",
        lang,
    )
    if len(known) < n_all:
        label += "\n" + _i18n.text("chart_rank_top", lang, n=len(known), total=n_all)
    ax.set_xlabel(label, fontsize=8)
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", color="#dddddd", lw=0.5)
    if title:
        ax.set_title(mpl_text(title), fontsize=10)
    return fig


#: the rank chart's dot (area in pt²) and that of a highlighted unit
_DOT, _DOT_HIGHLIGHT = 30.0, 60.0


def rank_gid(position: int, part: str) -> str:
    """Return the SVG id of a part of the rank chart's ``position``-th unit (0: most need).

    The parts are ``choice`` and ``data`` (the two intervals) and ``dot`` (the rank).
    Positions, not codes: a code is the user's text, an id must be a plain XML name.
    """
    return f"rank-unit-{position}-{part}"


def rank_units(index: pd.DataFrame, top: int | None = None) -> list[Any]:
    """Return the units of :func:`rank_chart` without a highlight, in their drawn order."""
    known = index.dropna(subset=["rank"]).sort_values("rank")
    return list(known.index[:top] if top is not None else known.index)


def highlight_rank_svg(svg: str, positions: Sequence[int]) -> str:
    """Return a rank chart drawn as SVG with the units at ``positions`` highlighted.

    The chart is drawn once without a highlight (:func:`rank_chart`, saved as SVG); each
    wijk's report then shows it with that wijk as ``rank_chart(..., highlight=[code])``
    draws it (its intervals in orange, a larger orange dot), without drawing it again.
    """
    import xml.etree.ElementTree as ET

    svg_ns, xlink = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"
    ET.register_namespace("", svg_ns)
    ET.register_namespace("xlink", xlink)
    root = ET.fromstring(svg)
    lines = {rank_gid(p, part) for p in positions for part in ("choice", "data")}
    dots = {rank_gid(p, "dot") for p in positions}
    blue, orange = _BLUE.lower(), _ORANGE.lower()
    for group in root.iter(f"{{{svg_ns}}}g"):
        gid = group.get("id")
        if gid in lines:
            for path in group.iter(f"{{{svg_ns}}}path"):
                path.set("style", path.get("style", "").replace(blue, orange))
        elif gid in dots:
            # the dot's shape is shared with the other units' dots: a larger dot on top
            for parent in group.iter(f"{{{svg_ns}}}g"):
                for use in parent.findall(f"{{{svg_ns}}}use"):
                    ET.SubElement(
                        parent,
                        f"{{{svg_ns}}}circle",
                        {
                            "cx": use.get("x", "0"),
                            "cy": use.get("y", "0"),
                            "r": f"{np.sqrt(_DOT_HIGHLIGHT) / 2:.6f}",
                            "style": f"fill: {orange}; stroke: {orange}",
                        },
                    )
    return ET.tostring(root, encoding="unicode")


def coverage_curve_chart(
    curves: pd.DataFrame,
    *,
    title: str = "",
    language: Language | None = None,
) -> Any:
    """Return the covered share against the number of new centres, per question.

    Parameters
    ----------
    curves
        ``plan_curves.csv``: ``question``, ``p``, ``exact_share`` and ``greedy_share``.
    """
    lang = _i18n.lang(language)
    _need(curves, ["question", "p", "exact_share", "greedy_share"], "coverage_curve_chart")
    shown = curves.dropna(subset=["exact_share"])
    if shown.empty:
        raise DataError("coverage_curve_chart: no question has a covered share to draw.")
    fig = _figure(6.0, 3.4)
    ax = fig.add_subplot()
    for n, (question, block) in enumerate(shown.groupby("question", sort=False)):
        block = block.sort_values("p")
        c = _QUESTION_COLOURS[n % len(_QUESTION_COLOURS)]
        ax.plot(
            block["p"],
            100 * block["exact_share"],
            marker="o",
            color=c,
            label=f"{mpl_text(question)}: exact",
        )
        ax.plot(
            block["p"],
            100 * block["greedy_share"],
            ls="--",
            marker="x",
            color=c,
            label=f"{mpl_text(question)}: " + _i18n.text("chart_one_at_a_time", lang),
        )
    ax.set_xticks(sorted(shown["p"].unique()))
    ax.set_ylim(0, min(100, 100 * float(shown[["exact_share", "greedy_share"]].max().max()) + 10))
    _finish_plan_axes(ax, _i18n.text("chart_new_centres", lang), title, lang)
    return fig


def _finish_plan_axes(ax: Any, xlabel: str, title: str, lang: Language) -> None:
    """Label a planning chart: the x axis, "% within reach", grid, legend and title."""
    ax.set_xlabel(xlabel, fontsize=8)
    ax.set_ylabel(_i18n.text("chart_share_within_reach", lang), fontsize=8)
    ax.tick_params(labelsize=8)
    ax.grid(color="#dddddd", lw=0.5)
    ax.legend(fontsize=7)
    if title:
        ax.set_title(mpl_text(title), fontsize=10)


def front_chart(
    fronts: pd.DataFrame,
    *,
    title: str = "",
    language: Language | None = None,
) -> Any:
    """Return the efficiency–equity front: the share within reach against the longest walk.

    Each point is an exact plan (:func:`wijkanalyse.locate.equity_front`): the most people
    within reach for a limit on the longest walk of anyone. Points whose count is withheld
    are not drawn; the legend says how many there are.

    Parameters
    ----------
    fronts
        ``plan_fronts.csv``: ``question``, ``longest_minutes`` and ``share_covered``.
    """
    lang = _i18n.lang(language)
    _need(fronts, ["question", "longest_minutes", "share_covered"], "front_chart")
    shown = fronts.dropna(subset=["share_covered", "longest_minutes"])
    if shown.empty:
        raise DataError("front_chart: no point of any front has a published share to draw.")
    fig = _figure(6.0, 3.4)
    ax = fig.add_subplot()
    for n, (question, block) in enumerate(fronts.groupby("question", sort=False)):
        drawn = block.dropna(subset=["share_covered", "longest_minutes"])
        drawn = drawn.sort_values("longest_minutes")
        hidden = len(block) - len(drawn)
        label = mpl_text(str(question))
        if hidden:
            label += " " + _i18n.text("chart_points_withheld", lang, n=hidden)
        ax.plot(
            drawn["longest_minutes"],
            100 * drawn["share_covered"],
            marker="o",
            color=_QUESTION_COLOURS[n % len(_QUESTION_COLOURS)],
            label=label,
        )
    _finish_plan_axes(ax, _i18n.text("chart_longest_walk", lang), title, lang)
    return fig


def scenario_chart(
    scenarios: pd.DataFrame,
    *,
    title: str = "",
    language: Language | None = None,
) -> Any:
    """Return grouped bars of the covered share before and after each scenario.

    Parameters
    ----------
    scenarios
        Rows of ``scenarios.csv`` for one level and unit (e.g. the municipality), with
        ``scenario``, ``facility_type``, ``target_group``, ``threshold_minutes``,
        ``share_covered_before`` and ``share_covered_after``. Rows whose shares are withheld
        are shown as "onvoldoende gegevens".
    """
    lang = _i18n.lang(language)
    cols = [
        "scenario",
        "target_group",
        "threshold_minutes",
        "share_covered_before",
        "share_covered_after",
    ]
    _need(scenarios, cols, "scenario_chart")
    if scenarios.empty:
        raise DataError("scenario_chart: no scenario rows to draw.")
    labels = [
        f"{mpl_text(s)}\n{mpl_text(g)}, {_i18n.fmt_number(float(m), 0, lang)} min"
        for s, g, m in zip(
            scenarios["scenario"],
            scenarios["target_group"],
            scenarios["threshold_minutes"],
            strict=True,
        )
    ]
    fig = _figure(7.0, 0.5 * len(scenarios) + 1.3)
    ax = fig.add_subplot()
    y = np.arange(len(scenarios))[::-1]
    before = 100 * pd.to_numeric(scenarios["share_covered_before"], errors="coerce").to_numpy()
    after = 100 * pd.to_numeric(scenarios["share_covered_after"], errors="coerce").to_numpy()
    h = 0.38
    ax.barh(y + h / 2, np.nan_to_num(before), h, color=_GREY, label=_i18n.text("chart_now", lang))
    ax.barh(
        y - h / 2,
        np.nan_to_num(after),
        h,
        color=_BLUE,
        label=_i18n.text("chart_with_scenario", lang),
    )
    for yi, b, a in zip(y, before, after, strict=True):
        for val, off in ((b, h / 2), (a, -h / 2)):
            text = _insufficient(lang) if np.isnan(val) else _i18n.fmt_pct(val / 100, 1, lang)
            ax.text(0 if np.isnan(val) else val + 0.5, yi + off, text, va="center", fontsize=7)
    ax.set_yticks(y, labels, fontsize=7)
    ax.set_xlabel(_i18n.text("chart_share_within_reach", lang), fontsize=8)
    top = np.nanmax(np.concatenate([before, after, [1.0]]))
    ax.set_xlim(0, min(100, top * 1.25 + 5))
    ax.tick_params(axis="x", labelsize=8)
    ax.legend(fontsize=7, loc="lower right")
    if title:
        ax.set_title(mpl_text(title), fontsize=10)
    return fig


def trend_chart(
    values: pd.DataFrame,
    *,
    panels: Sequence[tuple[str, str, Sequence[tuple[str, str]], bool]],
    language: Language | None = None,
) -> Any:
    """Return small multiples of series by year: a unit against its reference lines.

    Parameters
    ----------
    values
        Levels by year (``trends_wijken.csv``, ``kind = "level"``): ``unit``, ``series``,
        ``year``, ``value``. A missing or withheld value is a gap in its line, never 0.
    panels
        ``(series, title, lines, index)`` per panel: ``lines`` are ``(unit, label)`` pairs,
        the unit first (blue), then its references (the municipality grey, Flanders orange,
        dashed); with ``index`` each line is shown as 100 × its value over its value of the
        panel's first year (a line without that value is left out: it has no base).
    """
    lang = _i18n.lang(language)
    _need(values, ["unit", "series", "year", "value"], "trend_chart values")
    if not panels:
        raise DataError("trend_chart: no panel to draw.")
    twice = values.duplicated(["unit", "series", "year"])
    if twice.any():
        first = values[twice].iloc[0]
        raise DataError(
            f"trend_chart: unit {first['unit']!r} has several {first['series']} values in "
            f"{first['year']}; give each unit one row per series and year (e.g. name a unit by "
            "its level and code: 'wijk:24045', 'gemeente:24045')."
        )
    ncols = 2 if len(panels) > 2 else len(panels)
    nrows = -(-len(panels) // ncols)
    fig = _figure(7.0, 2.5 * nrows + 0.3)
    styles = [
        {"color": _BLUE, "lw": 2.2, "ls": "-", "marker": "o", "ms": 4, "zorder": 3},
        {"color": _GREY, "lw": 1.4, "ls": "-", "marker": "s", "ms": 3, "zorder": 2},
        {"color": _ORANGE, "lw": 1.4, "ls": "--", "marker": "D", "ms": 3, "zorder": 2},
    ]
    for k, (series, title, lines, index) in enumerate(panels):
        ax = fig.add_subplot(nrows, ncols, k + 1)
        sel = values[values["series"] == series]
        years = sorted(int(y) for y in sel["year"].dropna().unique())
        drawn = 0
        for n, (unit, label) in enumerate(lines):
            line = sel[sel["unit"].astype(str) == str(unit)].set_index("year")["value"]
            y = pd.to_numeric(line.reindex(years), errors="coerce").astype(float)
            if index and years:
                base = y.get(years[0], np.nan)
                y = 100 * y / base if pd.notna(base) and base > 0 else y * np.nan
            if y.notna().any():
                drawn += n == 0
                ax.plot(years, y.to_numpy(), label=mpl_text(label), **styles[n % len(styles)])
        if not drawn:
            ax.text(
                0.5,
                0.5,
                _insufficient(lang),
                transform=ax.transAxes,
                ha="center",
                va="center",
                fontsize=8,
                style="italic",
                color="#555555",
            )
        if index and years:
            ax.axhline(100, color="#bbbbbb", lw=0.6, zorder=1)
        ax.set_title(mpl_text(title), fontsize=8.5, loc="left")
        ax.set_xticks(years if len(years) <= 6 else years[:: -(-len(years) // 6)])
        ax.tick_params(labelsize=7)
        ax.yaxis.set_major_formatter(
            lambda v, _pos: _i18n.fmt_number(v, 0 if abs(v) >= 10 else 1, lang)
        )
        ax.grid(axis="y", color="#e5e5e5", lw=0.5)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=6.5, loc="best", framealpha=0.9)
    return fig
