"""Ranges of the access measures: draws of the uncertain inputs, checked by hand."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from wijkanalyse import DataError
from wijkanalyse.access.ranges import (
    AccessDraws,
    DrawSpec,
    RangeQuestion,
    draw_access,
    facility_radii,
)
from wijkanalyse.network import CrowFlies, travel_profile

CRS = "EPSG:31370"


def _world() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Two sectors of points on a line east of a centre at x = 0: 100 m apart."""
    xs = np.arange(1, 11) * 100.0  # 100 … 1000 m from the centre
    pts = gpd.GeoDataFrame(
        {
            "sector": ["a"] * 5 + ["b"] * 5,
            "pop_total": pd.array([10] * 10, dtype="Int64"),
        },
        geometry=gpd.points_from_xy(xs, np.zeros(10)),
        crs=CRS,
    )
    fac = gpd.GeoDataFrame(
        {"type": ["bc"], "location_confidence": ["high"]},
        geometry=gpd.points_from_xy([0.0], [0.0]),
        index=["c"],
        crs=CRS,
    )
    return pts, fac


def test_fixed_inputs_give_no_spread() -> None:
    pts, fac = _world()
    model = CrowFlies(profile=travel_profile("walk"), detour_factor=1.0, crs=CRS)
    spec = DrawSpec(draws=20, speeds={"pop_total": (4.8, 4.8)}, positions=False)
    q = RangeQuestion("bc", "pop_total", (5.0,))
    d = draw_access(model, {"street_points": pts}, fac, [q], spec)
    # 80 m a minute: within 5 minutes are the points at 100-400 m, all of sector a but one
    share = d.share_covered(("bc", "pop_total", 5.0))
    assert np.allclose(share, 0.4)
    a = d.positions(["a"])
    assert np.allclose(d.share_covered(("bc", "pop_total", 5.0), a), 0.8)
    assert AccessDraws.bound(share, 0.05) == (pytest.approx(0.4), 0)
    # the mean time of sector b: points at 600-1000 m, 10 persons each: 800 m = 10 minutes
    assert np.allclose(d.mean_minutes(("bc", "pop_total"), d.positions(["b"])), 10.0)


def test_each_draw_recomputed_by_hand() -> None:
    """Speed and detour vary: every draw's coverage equals a direct count with its values."""
    pts, fac = _world()
    model = CrowFlies(profile=travel_profile("walk"), detour_factor=1.3, crs=CRS)
    spec = DrawSpec(
        draws=50, seed=3, speeds={"pop_total": (3.0, 6.0)}, detour=(1.0, 1.5), positions=False
    )
    q = RangeQuestion("bc", "pop_total", (6.0, 9.0))
    d = draw_access(model, {"street_points": pts}, fac, [q], spec)
    x = pts.geometry.x.to_numpy()
    for k in range(spec.draws):
        minutes = x * d.detours[k] / (d.speeds["pop_total"][k] * 1000 / 60)
        for thr in (6.0, 9.0):
            expected = (minutes <= thr).mean()
            assert d.share_covered(("bc", "pop_total", thr))[k] == pytest.approx(expected)
        mins = d.equity[("bc", "pop_total", 6.0)][k]
        assert mins[0] == pytest.approx(minutes.mean())
    # seeded: the same draws again; another seed, other draws
    again = draw_access(model, {"street_points": pts}, fac, [q], spec)
    assert np.array_equal(again.detours, d.detours)
    other = draw_access(
        model,
        {"street_points": pts},
        fac,
        [q],
        DrawSpec(draws=50, seed=4, speeds=spec.speeds, detour=spec.detour, positions=False),
    )
    assert not np.array_equal(other.detours, d.detours)


def test_positions_move_within_their_confidence() -> None:
    """A centre of confidence "low" (750 m) moves by up to 750 m, never more."""
    _, fac = _world()
    fac["location_confidence"] = "low"
    assert facility_radii(fac).tolist() == [750.0]
    model = CrowFlies(profile=travel_profile("walk"), detour_factor=1.0, crs=CRS)
    # a point at the centre's own place: its distance is how far the centre moved
    here = gpd.GeoDataFrame(
        {"sector": ["z"], "pop_total": pd.array([1], dtype="Int64")},
        geometry=gpd.points_from_xy([0.0], [0.0]),
        crs=CRS,
    )
    spec = DrawSpec(draws=400, speeds={"pop_total": (4.8, 4.8)})
    q = RangeQuestion("bc", "pop_total", (5.0,))
    d = draw_access(model, {"m": here}, fac, [q], spec)
    moved = d.mean_minutes(("bc", "pop_total")) * 80.0
    assert moved.max() <= 750.0 + 1e-6
    # uniform in the disc: the median distance is 750 / √2 ≈ 530 m
    assert np.median(moved) == pytest.approx(750 / np.sqrt(2), rel=0.1)


def test_demand_sets_must_carry_the_same_counts() -> None:
    pts, fac = _world()
    other = pts.copy()
    other["pop_total"] = pd.array([1] * 10, dtype="Int64")
    model = CrowFlies(profile=travel_profile("walk"), detour_factor=1.0, crs=CRS)
    q = RangeQuestion("bc", "pop_total", (5.0,))
    with pytest.raises(DataError, match="disagree on the sector counts"):
        draw_access(model, {"a": pts, "b": other}, fac, [q], DrawSpec(draws=20))
    with pytest.raises(DataError, match="at least 20 draws"):
        DrawSpec(draws=5)


def test_bounds_of_a_share_and_its_complement_are_the_same_draws() -> None:
    values = np.random.default_rng(1).random(200)
    lo, d_lo = AccessDraws.bound(values, 0.05)
    hi, d_hi = AccessDraws.bound(1 - values, 0.95)
    assert d_lo == d_hi
    assert hi == pytest.approx(1 - lo)
    # 10 draws below the 5 % bound, 10 above the 95 % one
    assert (values < lo).sum() == 9 or (values < lo).sum() == 10
    assert (values < AccessDraws.bound(values, 0.05)[0]).sum() == (
        values > AccessDraws.bound(values, 0.95)[0]
    ).sum()


def test_a_question_more_leaves_the_others_draws_alone() -> None:
    pts, fac = _world()
    fac2 = pd.concat(
        [
            fac,
            gpd.GeoDataFrame(
                {"type": ["ldc"], "location_confidence": ["low"]},
                geometry=gpd.points_from_xy([500.0], [0.0]),
                index=["l"],
                crs=CRS,
            ),
        ]
    )
    pts["pop_65plus"] = pd.array([2] * 10, dtype="Int64")
    model = CrowFlies(profile=travel_profile("walk"), detour_factor=1.0, crs=CRS)
    spec = DrawSpec(draws=30, speeds={"pop_total": (4.0, 5.0), "pop_65plus": (3.0, 3.6)})
    one = RangeQuestion("bc", "pop_total", (5.0,))
    other = RangeQuestion("ldc", "pop_65plus", (5.0,))
    alone = draw_access(model, {"m": pts}, fac2, [one], spec)
    both = draw_access(model, {"m": pts}, fac2, [other, one], spec)
    key = ("bc", "pop_total", 5.0)
    assert np.array_equal(alone.share_covered(key), both.share_covered(key))


def test_a_scenario_that_adds_a_centre_is_drawn_in_pairs() -> None:
    """Today's centres move alike before and after: no draw loses anyone's reach."""
    pts, fac = _world()
    fac["location_confidence"] = "low"
    new = gpd.GeoDataFrame(
        {"type": ["bc"], "location_radius_m": [0.0]},
        geometry=gpd.points_from_xy([1000.0], [0.0]),
        index=["new"],
        crs=CRS,
    )
    model = CrowFlies(profile=travel_profile("walk"), detour_factor=1.0, crs=CRS)
    spec = DrawSpec(draws=50, speeds={"pop_total": (4.0, 5.0)})
    q = RangeQuestion("bc", "pop_total", (5.0,))
    before = draw_access(model, {"m": pts}, fac, [q], spec)
    after = draw_access(model, {"m": pts}, pd.concat([fac, new]), [q], spec)
    key = ("bc", "pop_total", 5.0)
    assert (after.covered[key] >= before.covered[key] - 1e-9).all()
    assert (after.covered[key] > before.covered[key]).any()
