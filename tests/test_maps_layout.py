"""The printed overview map of the Leuven run, measured on screen: nothing hides anything.

The legend box never covers a policy area, a proposed site or a wijk; no two labels overlap;
no label covers a proposed site; and the base layer (streets, railways, waterways, the
neighbouring municipalities with their names) is drawn. Boxes are the matplotlib artists'
window extents in the saved figure's pixels.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import pytest
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from wijkanalyse import outputs
from wijkanalyse.report._context import _Builder
from wijkanalyse.study import RunResult

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def overview(leuven_run: RunResult) -> tuple[Any, Any, _Builder]:
    builder = _Builder(outputs.RunOutput.read(leuven_run.out), "nl")
    fig = builder.overview_figure()
    fig.canvas.draw()
    return fig, fig.canvas.get_renderer(), builder


def _box(ax: Any, geom: Any) -> Bbox:
    x0, y0, x1, y1 = geom.bounds
    return Bbox(ax.transData.transform([[x0, y0], [x1, y1]]))


def test_the_legend_covers_no_area_site_or_wijk(overview: tuple[Any, Any, _Builder]) -> None:
    fig, renderer, b = overview
    ax = fig.axes[0]
    legend = ax.get_legend().get_window_extent(renderer)
    assert b.run.areas is not None
    assert len(b.run.areas) == 4
    for name, geom in b.run.areas.geometry.items():
        assert not legend.overlaps(_box(ax, geom)), name
    assert b.sites is not None
    assert len(b.sites)
    for site, pt in b.sites.geometry.items():
        px, py = ax.transData.transform((pt.x, pt.y))
        assert not legend.contains(px, py), site
    for code, geom in b.run.wijken.geometry.dropna().items():
        assert not legend.overlaps(_box(ax, geom)), code


def test_no_two_labels_overlap_and_none_covers_a_site(
    overview: tuple[Any, Any, _Builder],
) -> None:
    fig, renderer, b = overview
    ax = fig.axes[0]
    labels = [a for a in ax.texts if isinstance(a, Annotation)]
    # the texts' own boxes: an annotation's extent includes its leader line
    boxes = [(a.get_text(), Text.get_window_extent(a, renderer)) for a in labels]
    assert len(boxes) >= 20  # the wijken and the neighbouring municipalities
    for (ta, a), (tb, bb) in combinations(boxes, 2):
        assert not a.overlaps(bb), (ta, tb)
    half = 6 * fig.dpi / 72  # the site square is 12 pt wide
    for site, pt in b.sites.geometry.items():  # type: ignore[union-attr]
        px, py = ax.transData.transform((pt.x, pt.y))
        marker = Bbox([[px - half, py - half], [px + half, py + half]])
        for text, box in boxes:
            assert not box.overlaps(marker), (site, text)


def test_every_wijk_and_policy_area_name_is_on_the_map(
    overview: tuple[Any, Any, _Builder],
) -> None:
    fig, _, _ = overview
    shown = {a.get_text() for a in fig.axes[0].texts}
    # the four: the legend used to cover them
    assert {"Wilsele Putkapel", "Wijgmaal", "Sint-Maartensdal", "Maria Theresia"} <= shown
    assert fig.wijkanalyse_unlabelled == []
    # the neighbours are named too
    assert {"Herent", "Bierbeek", "Rotselaar"} <= shown


def test_the_base_layer_is_drawn_and_in_the_legend(overview: tuple[Any, Any, _Builder]) -> None:
    fig, _, b = overview
    assert b.run.basemap is not None
    kinds = set(b.run.basemap["kind"])
    assert kinds == {"municipality", "street", "railway", "waterway"}
    entries = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert {"straten", "spoorweg", "waterloop", "buurgemeente"} <= set(entries)
