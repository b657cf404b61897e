"""Benchmarks of the access ranges: street-point demand for Leuven, 200 draws, and scaling.

``ranges``: the Leuven example's street-point demand (about 16 000 points) and grid, every
access question (LDC for the 65+ at 10 and 15 minutes, buurtcentrum for everyone at 10), 200
draws of facility positions, demand model, speed and detour, with
:func:`wijkanalyse.access.ranges.draw_access` (target: under 5 s); next to the per-call path
that a user without it would write: per draw, move the facilities and call
``StreetNetwork.nearest`` and ``access.coverage`` for every question (measured on 10 draws,
extrapolated to 200). Both answer the same question; their coverage on the first draw is
compared.

``ranges_scaling``: synthetic street grids of 10 000 to 1 000 000 nodes (quick: up to
160 000) with one demand point per 4 nodes (street-point resolution: points grow with
nodes), 200 facilities of confidence "medium", 50 draws (quick 20) of positions and speed;
time per draw against nodes, with the fitted exponent. All of Flanders' 9 200 sectors at
50 m street points is about 1.2 million points on some 600 000 nodes.
"""

from __future__ import annotations

import time
import tracemalloc
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from benchmarks.run import Row, fit_row, grid


def _leuven_inputs() -> tuple[Any, dict[str, gpd.GeoDataFrame], gpd.GeoDataFrame, list, Any]:
    from wijkanalyse.access.ranges import DrawSpec, RangeQuestion
    from wijkanalyse.study import Study, _demand
    from wijkanalyse.study.slices import AccessSlice

    study = Study.from_toml(Path_examples() / "leuven.toml")
    data = study.load()
    acc = AccessSlice.of(study.config).access
    assert acc is not None
    groups = [q.target_group for q in acc.questions]
    sets = {
        name: _demand.study_demand(acc.model_copy(update={"demand": name}), data, groups)[0]
        for name in ("street_points", "grid")
    }
    net = data.network
    cal = net.report.detour
    spec = DrawSpec(
        draws=200,
        speeds={"pop_65plus": (2.88, 3.6), "pop_total": (4.32, 5.28)},
        detour=(cal.p25, cal.p75),
    )
    questions = [
        RangeQuestion(q.facility_type, q.target_group, tuple(float(m) for m in q.minutes))
        for q in acc.questions
    ]
    return net, sets, data.facilities, questions, spec


def Path_examples() -> Any:  # noqa: N802 (a path, like a constant)
    from pathlib import Path

    return Path(__file__).resolve().parents[1] / "examples"


def _per_call(net: Any, sets: dict, fac: gpd.GeoDataFrame, questions: list, spec: Any, n: int):
    """The path without draw_access: per draw, move, then nearest + coverage per question."""
    from wijkanalyse import access
    from wijkanalyse.access.ranges import facility_radii

    rng = np.random.default_rng(spec.seed)
    names = list(sets)
    radius = facility_radii(fac)
    shares = []
    for _ in range(n):
        pts = sets[names[int(rng.integers(len(names)))]]
        r = radius * np.sqrt(rng.random(len(fac)))
        a = rng.random(len(fac)) * 2 * np.pi
        moved = fac.copy()
        moved.geometry = gpd.points_from_xy(
            fac.geometry.x + r * np.cos(a), fac.geometry.y + r * np.sin(a), crs=fac.crs
        )
        detour = rng.uniform(*spec.detour)
        row = []
        for q in questions:
            speed = rng.uniform(*spec.speeds[q.target_group])
            model = net.with_options(speed_kmh=speed, detour_factor=detour)
            model._snap_memo[1].clear()  # as a fresh call would
            cov = access.coverage(
                pts,
                moved,
                network=model,
                max_minutes=list(q.thresholds),
                target_groups=[q.target_group],
                types=[q.facility_type],
                by="gemeente",
            )
            row += cov["share_covered"].astype(float).tolist()
        shares.append(row)
    return np.asarray(shares)


def case_ranges(quick: bool) -> list[Row]:
    """200 draws of every Leuven access question on street points, and the per-call path."""
    from wijkanalyse.access.ranges import draw_access

    net, sets, fac, questions, spec = _leuven_inputs()
    label = f"Leuven, {len(sets['street_points']):,} street + {len(sets['grid']):,} grid points"
    label = label.replace(",", " ")
    tracemalloc.start()
    t0 = time.perf_counter()
    draws = draw_access(net, sets, fac, questions, spec)
    ours = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    # again without tracing, for the time
    t0 = time.perf_counter()
    draws = draw_access(net, sets, fac, questions, spec)
    ours = min(ours, time.perf_counter() - t0)
    n_call = 3 if quick else 10
    t0 = time.perf_counter()
    per_call = _per_call(net, sets, fac, questions, spec, n_call)
    t_call = (time.perf_counter() - t0) / n_call * spec.draws
    # the same kind of answer: the distribution of the city's coverage over the draws
    keys = [(q.facility_type, q.target_group, float(t)) for q in questions for t in q.thresholds]
    ours_med = np.array([np.median(draws.share_covered(k)) for k in keys])
    theirs_med = np.median(per_call, axis=0)
    agree = "medians " + ", ".join(
        f"{a * 100:.1f}/{b * 100:.1f} %" for a, b in zip(ours_med, theirs_med, strict=True)
    )
    return [
        Row("ranges 200 draws", label, "wijkanalyse draw_access", ours, 1.0, "–", peak),
        Row(
            "ranges 200 draws",
            label,
            f"per-call nearest + coverage (×{spec.draws} from {n_call})",
            t_call,
            t_call / ours,
            agree + " (different draws)",
        ),
    ]


def case_ranges_scaling(quick: bool) -> list[Row]:
    """Draws on growing grids at street-point resolution; the fitted exponent."""
    from wijkanalyse.access.ranges import DrawSpec, RangeQuestion, draw_access

    sides = [100, 200, 400] if quick else [100, 200, 400, 700, 1000]
    n_draws = 20 if quick else 50
    rng = np.random.default_rng(5)
    rows: list[Row] = []
    sizes, times = [], []
    for side in sides:
        net = grid(side)
        span = (side - 1) * 100.0
        n_pts = side * side // 4
        xy = rng.uniform(0, span, (2, n_pts)) + 150_000
        pts = gpd.GeoDataFrame(
            {
                "sector": [f"s{k // 200}" for k in range(n_pts)],
                "pop_total": pd.array(rng.integers(0, 8, n_pts), dtype="Int64"),
            },
            geometry=gpd.points_from_xy(*xy),
            crs="EPSG:31370",
        )
        fxy = rng.uniform(0, span, (2, 200)) + 150_000
        fac = gpd.GeoDataFrame(
            {"type": "c", "location_confidence": "medium"},
            geometry=gpd.points_from_xy(*fxy),
            index=[f"f{k}" for k in range(200)],
            crs="EPSG:31370",
        )
        spec = DrawSpec(draws=max(n_draws, 20), speeds={"pop_total": (4.32, 5.28)})
        q = RangeQuestion("c", "pop_total", (10.0, 15.0))
        tracemalloc.start()
        t0 = time.perf_counter()
        draw_access(net, {"street_points": pts}, fac, [q], spec)
        secs = time.perf_counter() - t0
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        label = f"{side * side:,} nodes, {n_pts:,} pts".replace(",", " ")
        rows.append(
            Row(
                f"ranges scaling ({spec.draws} draws)",
                label,
                "wijkanalyse",
                secs,
                1.0,
                f"{secs / spec.draws * 1000:.0f} ms per draw",
                peak,
            )
        )
        sizes.append(side * side)
        times.append(secs)
    rows.append(fit_row("ranges scaling", sizes, times))
    return rows
