"""Labels on a printed map that never overlap each other, the legend or the map's symbols."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.text import Text

from wijkanalyse._safe import mpl_text


def place_labels(
    ax: Any,
    points: Sequence[tuple[float, float, str]],
    *,
    fontsize: float = 7,
    max_offset_pt: float = 40,
    avoid: Sequence[Any] = (),
    avoid_points: Sequence[tuple[float, float]] = (),
    avoid_pt: float = 8.0,
    color: str = "black",
    italic: bool = False,
) -> tuple[list[Any], list[str]]:
    """Place text labels on ``ax`` so that no two overlap.

    Each label is tried at its point, then at growing offsets around it (with a leader
    line); a label that finds no free spot inside the axes is left out. ``avoid`` holds
    artists (legend, scale bar, north arrow, labels placed before) that labels must not
    cover; ``avoid_points`` map points (proposed sites, centres) whose symbol, a square of
    ``2 × avoid_pt`` points, labels must not cover either.

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
    if len(avoid_points):
        from matplotlib.transforms import Bbox

        half = avoid_pt * fig.dpi / 72.0
        for px, py in ax.transData.transform(np.asarray(avoid_points, dtype=float)):
            if np.isfinite(px) and np.isfinite(py):  # a NaN box would "overlap" everything
                taken.append(Bbox([[px - half, py - half], [px + half, py + half]]))
    placed, dropped = [], []
    steps = np.arange(0, max_offset_pt + 1, 8)
    # the four sides first, then the diagonals, then the sixteenths in between
    angles = np.deg2rad([90, 270, 0, 180, 45, 135, 315, 225, *range(22, 360, 45)])
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
                color=color,
                fontstyle="italic" if italic else "normal",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
                arrowprops={"arrowstyle": "-", "lw": 0.5, "color": "#333333"} if moved else None,
                zorder=6,
            )
            # the text's own box: an annotation's extent includes its leader line, which
            # ends at the point it names (on a site, often)
            art.update_positions(renderer)
            box = Text.get_window_extent(art, renderer).expanded(1.04, 1.08)
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
