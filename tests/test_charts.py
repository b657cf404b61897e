"""Charts: what is drawn, where values are missing, and the errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wijkanalyse import DataError, SchemaError, _i18n, charts
from wijkanalyse._safe import mpl_text


def _texts(fig) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text)]


def _points(ax) -> list[tuple[float, float]]:
    out = []
    for coll in ax.collections:
        out += [tuple(p) for p in coll.get_offsets()]
    return out


def test_profile_chart_relative_to_the_municipality() -> None:
    values = pd.DataFrame(
        {
            "name": ["Wijk A", "Stad", "Vlaanderen"],
            "share_65plus": [30.0, 15.0, 20.0],
            "income_median": [np.nan, 30_000.0, 30_000.0],
            "density": [12_000.0, 2_000.0, 500.0],
        },
        index=["W1", "G", "VL"],
    )
    fig = charts.profile_chart(
        values,
        unit="W1",
        indicators=[
            ("share_65plus", "65+"),
            ("income_median", "inkomen"),
            ("density", "dichtheid"),
        ],
        references=["G", "VL"],
    )
    ax = fig.axes[0]
    pts = set(_points(ax))
    # rows from the top: 65+ (y=2), income (y=1), density (y=0); the city is 100
    assert (200.0, 2.0) in pts  # 30 / 15
    assert (100.0, 2.0) in pts
    assert (pytest.approx(133.333, abs=0.01), 2.0) in [(x, y) for x, y in pts]
    # the wijk's missing income is not drawn (never at 0) and is named
    assert not any(y == 1.0 and x in (0.0,) for x, y in pts)
    assert "onvoldoende gegevens" in _texts(fig)
    # 600 % is beyond the 300 % axis: drawn at the edge with its value written
    assert (300.0, 0.0) in pts
    assert "600 %" in _texts(fig)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Wijk A", "Stad", "Vlaanderen"]
    with pytest.raises(DataError, match="no row"):
        charts.profile_chart(values, unit="W9", indicators=[("density", "d")], references=["G"])
    with pytest.raises(SchemaError, match="no column"):
        charts.profile_chart(values, unit="W1", indicators=[("x", "x")], references=["G"])


def test_values_beyond_the_axis_never_print_over_each_other() -> None:
    # Wijgmaal's case: the wijk and two references beyond 300 % on the same line
    values = pd.DataFrame(
        {"open_space": [349.0, 100.0, 718.0, 626.0], "density": [1.0, 1.0, 1.0, 1.0]},
        index=["W", "G", "A", "VL"],
    )
    fig = charts.profile_chart(
        values,
        unit="W",
        indicators=[("open_space", "open ruimte"), ("density", "dichtheid")],
        references=["G", "A", "VL"],
    )
    ax = fig.axes[0]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_text().endswith("%")]
    assert sorted(t.get_text() for t in labels) == ["349 %", "626 %", "718 %"]
    boxes = [t.get_window_extent(renderer) for t in labels]
    for i, a in enumerate(boxes):
        for bx in boxes[i + 1 :]:
            assert not a.overlaps(bx), (a, bx)
    # the three triangles sit apart on the line, inside the axes with their labels
    edge = sorted(y for x, y in _points(ax) if x == 300.0)
    assert len(edge) == 3
    assert min(np.diff(edge)) > 0.2
    assert all(t.get_position()[0] < ax.get_xlim()[1] for t in labels)


def test_rank_chart_intervals_and_highlight() -> None:
    index = pd.DataFrame(
        {
            "name": ["A", "B", "C"],
            "rank": [2, 1, np.nan],
            "rank_p05": [1, 1, np.nan],
            "rank_p95": [3, 2, np.nan],
        },
        index=["W1", "W2", "W3"],
    )
    fig = charts.rank_chart(index, highlight=["W1"])
    ax = fig.axes[0]
    # best rank on top; the unranked unit is left out
    ticks = dict(zip(ax.get_yticks(), [t.get_text() for t in ax.get_yticklabels()], strict=True))
    assert ticks == {1: "B", 0: "A"}
    lines = [ln for ln in ax.get_lines()]
    spans = sorted(tuple(ln.get_xdata()) for ln in lines)
    assert spans == [(1, 2), (1, 3)]
    colours = {tuple(ln.get_xdata()): ln.get_color() for ln in lines}
    assert colours[(1, 3)] == "#E69F00"  # the highlighted wijk
    with pytest.raises(DataError, match="no unit has a rank"):
        charts.rank_chart(index.iloc[2:])


def _svg_tree(fig):
    import io

    import matplotlib

    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buf, format="svg")
    return buf.getvalue().decode()


def _drawn_parts(svg: str) -> dict[str, list[tuple[str, float]]]:
    """Per rank-chart part id: the colour and size of what is drawn in it (a line's
    stroke; a dot's centre colour and radius, from its own shape or the circle on top)."""
    import re
    import xml.etree.ElementTree as ET

    ns = "{http://www.w3.org/2000/svg}"
    root = ET.fromstring(svg)
    shapes = {
        p.get("id"): max(abs(float(v)) for v in re.findall(r"-?\d+\.\d+", p.get("d", "0.0")))
        for p in root.iter(f"{ns}path")
        if p.get("id")
    }
    out: dict[str, list[tuple[str, float]]] = {}
    for g in root.iter(f"{ns}g"):
        gid = g.get("id") or ""
        if not gid.startswith("rank-unit-"):
            continue
        drawn = []
        for node in g.iter():
            style = node.get("style") or ""
            colour = re.search(r"(?:stroke|fill): (#[0-9a-f]{6})", style)
            if node.tag == f"{ns}path" and node.get("id") is None and colour:
                drawn.append((colour.group(1), 0.0))
            elif node.tag == f"{ns}use":
                ref = node.get("{http://www.w3.org/1999/xlink}href", "").lstrip("#")
                drawn.append((colour.group(1) if colour else "", shapes.get(ref, 0.0)))
            elif node.tag == f"{ns}circle":
                drawn.append((colour.group(1) if colour else "", float(node.get("r", 0))))
        out[gid] = drawn
    return out


def test_a_rank_chart_drawn_once_and_highlighted_shows_what_drawing_it_highlighted_shows() -> None:
    index = pd.DataFrame(
        {
            "name": ["A", "B", "C", "D"],
            "rank": [2, 1, 4, 3],
            "choice_rank_p05": [1, 1, 3, 2],
            "choice_rank_p95": [3, 2, 4, 4],
            "data_rank_p05": [2, 1, 3, 3],
            "data_rank_p95": [2, 3, 4, 4],
        },
        index=["W1", "W2", "W3", "W4"],
    )
    units = charts.rank_units(index)
    assert units == ["W2", "W1", "W4", "W3"]
    base = _svg_tree(charts.rank_chart(index))
    for code in units:
        once = _drawn_parts(charts.highlight_rank_svg(base, [units.index(code)]))
        direct = _drawn_parts(_svg_tree(charts.rank_chart(index, highlight=[code])))
        assert once.keys() == direct.keys()
        for gid, parts in direct.items():
            if gid.endswith("-dot"):
                # the top dot: orange and of the highlighted size in both
                assert once[gid][-1][0] == parts[-1][0]
                assert once[gid][-1][1] == pytest.approx(parts[-1][1], abs=1e-3)
            else:
                assert once[gid] == parts, gid
        highlighted = charts.rank_gid(units.index(code), "choice")
        assert direct[highlighted] == [("#e69f00", 0.0)]
    # every id once (a valid SVG), nothing highlighted without a position
    import re

    ids = re.findall(r' id="([^"]+)"', charts.highlight_rank_svg(base, [0]))
    assert len(ids) == len(set(ids))
    assert "#e69f00" not in charts.highlight_rank_svg(base, [])


def test_rank_chart_top_keeps_the_highlighted_unit() -> None:
    n = 10
    index = pd.DataFrame(
        {
            "name": [f"U{i}" for i in range(1, n + 1)],
            "rank": np.arange(1, n + 1),
            "rank_p05": np.arange(1, n + 1),
            "rank_p95": np.arange(1, n + 1),
        },
        index=[f"W{i}" for i in range(1, n + 1)],
    )
    ax = charts.rank_chart(index, top=3, highlight=["W8"]).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["U1", "U2", "U3", "U8"]
    assert "4 van 10 getoond" in ax.get_xlabel()
    full = charts.rank_chart(index, top=20).axes[0]
    assert len(full.get_yticklabels()) == n
    assert "getoond" not in full.get_xlabel()
    with pytest.raises(DataError, match="top must be at least 1"):
        charts.rank_chart(index, top=0)


def test_front_chart_draws_published_points_and_counts_the_withheld() -> None:
    fronts = pd.DataFrame(
        {
            "question": ["ldc", "ldc", "ldc", "ldc"],
            "longest_minutes": [68.5, 66.1, 80.0, 88.0],
            "share_covered": [0.075, np.nan, 0.12, 0.15],
        }
    )
    fig = charts.front_chart(fronts)
    ax = fig.axes[0]
    (line,) = ax.get_lines()
    # sorted by the longest walk; the withheld point is neither drawn nor drawn as 0 %
    assert list(line.get_xdata()) == pytest.approx([68.5, 80.0, 88.0])
    assert list(line.get_ydata()) == pytest.approx([7.5, 12.0, 15.0])
    assert "(1 punt afgeschermd)" in ax.get_legend().get_texts()[0].get_text()
    assert "langste wandeling" in ax.get_xlabel()
    en = charts.front_chart(fronts, language="en").axes[0]
    assert "longest walk" in en.get_xlabel()
    with pytest.raises(DataError, match="no point of any front"):
        charts.front_chart(fronts.assign(share_covered=np.nan))


def test_coverage_curve_and_scenario_chart() -> None:
    curves = pd.DataFrame(
        {
            "question": ["q", "q", "q"],
            "p": [0, 1, 2],
            "exact_share": [0.1, 0.3, 0.4],
            "greedy_share": [0.1, 0.3, 0.35],
        }
    )
    ax = charts.coverage_curve_chart(curves).axes[0]
    exact, greedy = ax.get_lines()
    assert list(exact.get_ydata()) == pytest.approx([10, 30, 40])
    assert list(greedy.get_ydata()) == pytest.approx([10, 30, 35])
    sc = pd.DataFrame(
        {
            "scenario": ["3 nieuwe", "sluiting"],
            "target_group": ["65-plussers", "alle inwoners"],
            "threshold_minutes": [10.0, 10.0],
            "share_covered_before": [0.097, np.nan],
            "share_covered_after": [0.335, np.nan],
        }
    )
    fig = charts.scenario_chart(sc)
    texts = _texts(fig)
    assert "9,7\u00a0%" in texts
    assert "33,5\u00a0%" in texts
    # withheld shares are named, not drawn as 0 %
    assert texts.count("onvoldoende gegevens") == 2
    assert "0,0\u00a0%" not in texts
    with pytest.raises(SchemaError, match="share_covered_after"):
        charts.scenario_chart(sc.drop(columns="share_covered_after"))


def test_a_scenario_chart_of_only_zeros_becomes_a_sentence() -> None:
    from wijkanalyse.report.pages import _reach_nobody

    zero = pd.DataFrame({"share_covered_before": [0.0, 0.0], "share_covered_after": [0.0, 0.0]})
    assert _reach_nobody(zero)
    # a withheld share is unknown, not 0: the others decide; all unknown draws nothing
    assert _reach_nobody(zero.assign(share_covered_after=[0.0, np.nan]))
    assert not _reach_nobody(zero.assign(share_covered_after=[0.0, 0.02]))
    assert not _reach_nobody(zero.assign(share_covered_before=np.nan, share_covered_after=np.nan))
    assert _i18n.text("report_scenarios_reach_nobody", "nl").startswith("Geen grafiek")


def _trend_values() -> pd.DataFrame:
    rows = [
        # the wijk: 200 -> 220 -> 240 (index 100, 110, 120); energy missing in 2020
        ("W", "population", 2001, 200.0),
        ("W", "population", 2011, 220.0),
        ("W", "population", 2021, 240.0),
        ("W", "elek", 2019, 3000.0),
        ("W", "elek", 2020, np.nan),
        ("W", "elek", 2021, 2800.0),
        # the municipality: 1000 -> 1050 -> 1100; Flanders: no 2001 count (no base)
        ("G", "population", 2001, 1000.0),
        ("G", "population", 2011, 1050.0),
        ("G", "population", 2021, 1100.0),
        ("F", "population", 2011, 6e6),
        ("F", "population", 2021, 6.5e6),
        ("G", "elek", 2019, 3100.0),
        ("G", "elek", 2020, 3050.0),
        ("G", "elek", 2021, 2900.0),
    ]
    return pd.DataFrame(rows, columns=["unit", "series", "year", "value"])


def test_trend_chart_indexes_to_the_first_year_and_leaves_gaps() -> None:
    lines = [("W", "Wijk"), ("G", "Gemeente"), ("F", "Vlaanderen")]
    fig = charts.trend_chart(
        _trend_values(),
        panels=[
            ("population", "Inwoners (2001 = 100)", lines, True),
            ("elek", "Elektriciteit (kWh)", lines, False),
            ("gas", "Aardgas (kWh)", lines, False),
        ],
        language="nl",
    )
    pop, elek, gas = fig.axes
    drawn = {ln.get_label(): ln.get_ydata() for ln in pop.get_lines() if ln.get_label()[0] != "_"}
    np.testing.assert_allclose(drawn["Wijk"], [100, 110, 120])
    np.testing.assert_allclose(drawn["Gemeente"], [100, 105, 110])
    # Flanders has no value in the first year: no base, so no line (never a made-up base)
    assert "Vlaanderen" not in drawn
    wijk = next(ln for ln in elek.get_lines() if ln.get_label() == "Wijk")
    y = np.asarray(wijk.get_ydata(), dtype=float)
    # a missing year is a gap in the line, never 0
    assert np.isnan(y[1])
    assert list(y[[0, 2]]) == [3000.0, 2800.0]
    # a panel without any value of the unit says so
    assert [t.get_text() for t in gas.texts] == [_i18n.text("insufficient_data", "nl")]
    assert [t.get_text() for t in elek.get_xticklabels()] == ["2019", "2020", "2021"]
    # Dutch numbers on the value axis: a thin space between thousands
    fig.canvas.draw()
    assert any("\u202f" in t.get_text() for t in elek.get_yticklabels())


def test_trend_chart_draws_names_as_written() -> None:
    fig = charts.trend_chart(
        _trend_values(),
        panels=[("population", "$x$ wijk", [("W", "$\\alpha$ & co")], True)],
        language="en",
    )
    (ax,) = fig.axes
    assert ax.get_title(loc="left") == mpl_text("$x$ wijk")
    with pytest.raises(DataError, match="no panel"):
        charts.trend_chart(_trend_values(), panels=[])
    with pytest.raises(SchemaError, match="no column"):
        charts.trend_chart(_trend_values().drop(columns="year"), panels=[("a", "b", [], False)])
    twice = pd.concat([_trend_values(), _trend_values().iloc[:1]])
    with pytest.raises(DataError, match="several population values in 2001"):
        charts.trend_chart(twice, panels=[("population", "p", [("W", "W")], True)])
