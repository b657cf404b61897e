"""Two types at once with shared buildings: by hand on a 4 × 4 instance, and brute force."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from wijkanalyse import DataError
from wijkanalyse import locate as lc
from wijkanalyse.locate.joint import joint_mclp, sharing_cost

SITES = ["S1", "S2", "S3", "S4"]
UNITS = ["u1", "u2", "u3", "u4"]
# buurtcentrum (everyone, 5 minutes): S1 reaches u1; S2 u1, u2; S3 u2, u3; S4 u4
MIN_A = [[1, 3, 9, 9], [9, 2, 4, 9], [9, 9, 2, 6], [9, 9, 9, 1]]
# lokaal dienstencentrum (65+, slower, 5 minutes): S1 reaches u1; S2 u2; S4 u4
MIN_B = [[3, 9, 9, 9], [9, 4, 9, 9], [9, 9, 9, 9], [9, 9, 9, 2]]
W_A = [10, 8, 6, 4]
W_B = [1, 2, 3, 5]


def _problems() -> tuple[lc.LocationProblem, lc.LocationProblem]:
    a = pd.DataFrame(MIN_A, index=UNITS, columns=SITES, dtype=float)
    b = pd.DataFrame(MIN_B, index=UNITS, columns=SITES, dtype=float)
    return (
        lc.LocationProblem.from_matrix(a, weights=W_A),
        lc.LocationProblem.from_matrix(b, weights=W_B),
    )


def test_four_by_four_by_hand() -> None:
    a, b = _problems()
    # apart: two buurtcentra at S3 and S1 or S2 reach u1, u2, u3 (24); one LDC at S4 (5)
    free = joint_mclp(a, b, p_a=2, p_b=1, max_minutes_a=5, max_minutes_b=5)
    assert (free.covered_a, free.covered_b) == (24.0, 5.0)
    assert free.sites_b == ("S4",)
    assert "S3" in free.sites_a
    assert free.shared == ()
    # one shared building: at S4 (buurtcentra S2 + S4: 22; LDC S4: 5) = 27; at S2 26, at
    # S1 25, at S3 24
    one = joint_mclp(a, b, p_a=2, p_b=1, max_minutes_a=5, max_minutes_b=5, min_shared=1)
    assert one.shared == ("S4",)
    assert set(one.sites_a) == {"S2", "S4"}
    assert (one.covered_a, one.covered_b) == (22.0, 5.0)
    # a bonus of 2 or more per shared site makes sharing pay off by itself (27 + 3 > 29)
    bonus = joint_mclp(a, b, p_a=2, p_b=1, max_minutes_a=5, max_minutes_b=5, share_bonus=3)
    assert bonus.shared == ("S4",)
    assert bonus.objective == 30.0
    cost = sharing_cost(a, b, p_a=2, p_b=1, max_minutes_a=5, max_minutes_b=5)
    assert cost["min_shared"].tolist() == [0, 1]
    assert cost["cost"].tolist() == [0.0, 2.0]


def test_an_existing_centre_of_the_other_type_is_a_shared_building() -> None:
    a, _ = _problems()
    # the LDC at S2 exists: a new buurtcentrum there shares its building
    b_cost = pd.DataFrame(MIN_B, index=UNITS, columns=SITES, dtype=float)
    b = lc.LocationProblem.from_matrix(b_cost, weights=W_B, existing=["S2"])
    plan = joint_mclp(a, b, p_a=2, p_b=1, max_minutes_a=5, max_minutes_b=5, min_shared=1)
    # buurtcentra S2 + S3 (24) and the LDC at S4: 2 (existing S2) + 5, all at no cost
    assert set(plan.sites_a) == {"S2", "S3"}
    assert plan.sites_b == ("S4",)
    assert plan.shared == ("S2",)
    assert (plan.covered_a, plan.covered_b) == (24.0, 7.0)


@pytest.mark.parametrize("seed", range(6))
def test_against_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    m, n = 5, 9
    cost_a = pd.DataFrame(rng.uniform(0, 10, (n, m)), columns=[f"s{j}" for j in range(m)])
    cost_b = pd.DataFrame(rng.uniform(0, 10, (n, m)), columns=cost_a.columns)
    wa, wb = rng.integers(1, 9, n), rng.integers(1, 9, n)
    a = lc.LocationProblem.from_matrix(cost_a, weights=wa)
    b = lc.LocationProblem.from_matrix(cost_b, weights=wb)
    ta, tb = 3.0, 2.5
    for bonus, need in ((0.0, 0), (2.5, 0), (0.0, 1), (1.0, 2)):
        best = -1.0
        for ra in range(3):
            for sa in itertools.combinations(range(m), ra):
                ca = float(wa[(cost_a.iloc[:, list(sa)] <= ta).any(axis=1)].sum()) if sa else 0.0
                for rb in range(3):
                    for sb in itertools.combinations(range(m), rb):
                        shared = len(set(sa) & set(sb))
                        if shared < need:
                            continue
                        mask = (cost_b.iloc[:, list(sb)] <= tb).any(axis=1)
                        cb = float(wb[mask].sum()) if sb else 0.0
                        best = max(best, ca + cb + bonus * shared)
        plan = joint_mclp(
            a,
            b,
            p_a=2,
            p_b=2,
            max_minutes_a=ta,
            max_minutes_b=tb,
            share_bonus=bonus,
            min_shared=need,
        )
        assert plan.objective == pytest.approx(best)
        assert len(plan.shared) >= need


def test_bad_arguments() -> None:
    a, b = _problems()
    with pytest.raises(DataError, match="min_shared"):
        joint_mclp(a, b, p_a=1, p_b=1, max_minutes_a=5, max_minutes_b=5, min_shared=9)
    with pytest.raises(DataError, match="share_bonus"):
        joint_mclp(a, b, p_a=1, p_b=1, max_minutes_a=5, max_minutes_b=5, share_bonus=-1)
    with pytest.raises(DataError, match="p_a"):
        joint_mclp(a, b, p_a=-1, p_b=1, max_minutes_a=5, max_minutes_b=5)


def test_sharing_cost_reuses_a_known_plan_as_is() -> None:
    a, b = _problems()
    args = {"p_a": 2, "p_b": 1, "max_minutes_a": 5, "max_minutes_b": 5}
    fresh = sharing_cost(a, b, **args)
    plan = joint_mclp(a, b, **args, min_shared=1)
    reused = sharing_cost(a, b, **args, known={1: plan})
    pd.testing.assert_frame_equal(fresh, reused)
    # a known plan is taken as given: a different one shows in its row
    other = joint_mclp(a, b, **args, min_shared=0)
    swapped = sharing_cost(a, b, **args, known={1: other})
    assert swapped.loc[1, "shared"] == " ".join(other.shared)
