"""The composite index: hand-computed normalisations, missing rules, invariants, Monte Carlo."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse.index import (
    IndexSpec,
    compute_index,
    exponential_transform,
    normalise,
    sensitivity,
)
from wijkanalyse.study import RunResult, Study

C = 1.0 - math.exp(-100.0 / 23.0)


def spec(domains: dict, **kw) -> IndexSpec:
    return IndexSpec.from_dict({"domains": domains, **kw})


# --------------------------------------------------------------------------- building blocks


def test_zscore_by_hand() -> None:
    z = normalise(np.array([1.0, 2.0, 3.0, np.nan]), "zscore")
    sd = math.sqrt(2 / 3)  # population sd of 1, 2, 3
    assert z[:3] == pytest.approx([-1 / sd, 0.0, 1 / sd])
    assert np.isnan(z[3])


def test_rank_with_ties_by_hand() -> None:
    assert normalise(np.array([1.0, 2.0, 2.0, 4.0]), "rank").tolist() == [0.25, 0.625, 0.625, 1.0]


def test_minmax_by_hand_and_constant_columns() -> None:
    assert normalise(np.array([2.0, 4.0, 10.0]), "minmax").tolist() == [0.0, 0.25, 1.0]
    for method in ("zscore", "rank", "minmax"):
        out = normalise(np.array([5.0, 5.0, np.nan]), method)
        assert np.isnan(out[2])
    assert normalise(np.array([5.0, 5.0]), "zscore").tolist() == [0.0, 0.0]
    with pytest.raises(SchemaError, match="normalisation 'log' is not one of"):
        normalise(np.array([1.0]), "log")


def test_exponential_transform_by_hand() -> None:
    x = exponential_transform(np.array([3.0, 1.0, 2.0, 4.0]))
    # R = rank / n with 1 = least need: 3/4, 1/4, 2/4, 4/4
    expected = [-23 * math.log(1 - r * C) for r in (0.75, 0.25, 0.5, 1.0)]
    assert x == pytest.approx(expected)
    assert x.max() == pytest.approx(100.0)
    assert np.isnan(exponential_transform(np.array([np.nan, 1.0]))[0])


def test_index_with_zscore_and_indicator_weights_by_hand() -> None:
    values = pd.DataFrame(
        {"share_65plus": [1.0, 2.0, 3.0, 4.0], "income_median": [1.0, 2.0, 3.0, 4.0]},
        index=list("abcd"),
    )
    # share_65plus: more need; income: less need (negated). Weights 2 : 1 in one domain.
    s = spec({"d": {"weight": 1, "indicators": {"share_65plus": 2, "income_median": 1}}})
    table = compute_index(values, s).table
    z = (np.array([1, 2, 3, 4]) - 2.5) / math.sqrt(1.25)
    assert table["score"].tolist() == pytest.approx((2 * z - z) / 3)
    assert table["rank"].tolist() == [4, 3, 2, 1]
    assert table["decile"].tolist() == [10, 8, 5, 3]
    assert table["domain_d"].tolist() == pytest.approx(table["score"].tolist())


def test_index_with_exponential_transform_by_hand() -> None:
    values = pd.DataFrame(
        {"share_65plus": [10.0, 30.0, 20.0], "income_median": [3.0, 2.0, 1.0]}, index=list("abc")
    )
    s = spec(
        {
            "oud": {"weight": 3, "indicators": ["share_65plus"]},
            "arm": {"weight": 1, "indicators": ["income_median"]},
        },
        normalisation="rank",
        transform="exponential",
    )
    table = compute_index(values, s).table

    def x(r: float) -> float:
        return -23 * math.log(1 - r * C)

    # oud ranks (1 = least): a 1/3, b 3/3, c 2/3; arm (income negated): a 1/3, b 2/3, c 3/3
    expected = [
        (3 * x(1 / 3) + x(1 / 3)) / 4,
        (3 * x(1.0) + x(2 / 3)) / 4,
        (3 * x(2 / 3) + x(1.0)) / 4,
    ]
    assert table["score"].tolist() == pytest.approx(expected)
    assert table["domain_oud"].tolist() == pytest.approx([x(1 / 3), x(1.0), x(2 / 3)])


MISSING = pd.DataFrame(
    {"share_65plus": [0.0, 5.0, 10.0], "pct_x": [10.0, np.nan, 5.0]}, index=list("abc")
)
DOMAINS = {
    "d1": {"weight": 3, "indicators": ["share_65plus"]},
    "d2": {"weight": 1, "indicators": ["pct_x"]},
}
DIRS = {"pct_x": "more_need"}


def test_missing_rule_reweight() -> None:
    t = compute_index(MISSING, spec(DOMAINS, normalisation="minmax", directions=DIRS)).table
    # a: (3·0 + 1·1)/4; b: only d1 → 0.5; c: (3·1 + 1·0)/4
    assert t["score"].tolist() == pytest.approx([0.25, 0.5, 0.75])
    assert t["missing"].tolist() == ["", "pct_x", ""]
    assert t["n_missing"].tolist() == [0, 1, 0]


def test_missing_rule_drop() -> None:
    t = compute_index(
        MISSING, spec(DOMAINS, normalisation="minmax", directions=DIRS, missing="drop")
    ).table
    assert t["score"].isna().tolist() == [False, True, False]
    assert t["score"].dropna().tolist() == pytest.approx([0.25, 0.75])
    assert t["rank"].tolist()[0] == 2
    assert pd.isna(t["rank"].tolist()[1])


def test_missing_rule_impute() -> None:
    t = compute_index(
        MISSING, spec(DOMAINS, normalisation="minmax", directions=DIRS, missing="impute")
    ).table
    # b's pct_x is the median of 10 and 5 = 7.5 → minmax 0.5 → (3·0.5 + 0.5)/4
    assert t["score"].tolist() == pytest.approx([0.25, 0.5, 0.75])
    assert t["imputed"].tolist() == ["", "pct_x", ""]


def test_spec_errors() -> None:
    with pytest.raises(SchemaError, match="income_median appear in more than one domain"):
        spec({"a": {"indicators": ["income_median"]}, "b": {"indicators": ["income_median"]}})
    with pytest.raises(SchemaError, match="weight must be > 0"):
        spec({"a": {"weight": 0, "indicators": ["income_median"]}})
    with pytest.raises(SchemaError, match="normalisation 'log' is not one of"):
        spec({"a": {"indicators": ["income_median"]}}, normalisation="log")
    values = pd.DataFrame({"density": [1.0, 2.0]})
    with pytest.raises(SchemaError, match="'density' .* is descriptive"):
        compute_index(values, spec({"a": {"indicators": ["density"]}}))
    with pytest.raises(
        SchemaError, match="lacks share_65plu. 'share_65plu': did you mean share_65plus"
    ):
        compute_index(
            pd.DataFrame({"share_65plus": [1.0]}), spec({"a": {"indicators": ["share_65plu"]}})
        )
    with pytest.raises(DataError, match="no value for any unit"):
        compute_index(
            pd.DataFrame({"share_65plus": [np.nan, np.nan]}),
            spec({"a": {"indicators": ["share_65plus"]}}),
        )


# --------------------------------------------------------------------------- invariants

GUARANTEED = [
    (norm, transform)
    for norm in ("zscore", "rank", "minmax")
    for transform in ("none", "exponential")
    # z-scores of a changed column move every other unit too; through a rank-based transform
    # of a multi-indicator domain that can reorder units, so it is not guaranteed there
    if not (norm == "zscore" and transform == "exponential")
]


@settings(max_examples=60, deadline=None)
@given(
    data=st.lists(
        st.lists(st.floats(-100, 100, allow_nan=False), min_size=3, max_size=3),
        min_size=3,
        max_size=12,
    ),
    unit=st.integers(0, 11),
    column=st.integers(0, 2),
    delta=st.floats(0.01, 50),
    combo=st.sampled_from(GUARANTEED),
)
def test_less_need_never_raises_the_score(
    data: list[list[float]], unit: int, column: int, delta: float, combo: tuple[str, str]
) -> None:
    unit %= len(data)
    frame = pd.DataFrame(data, columns=["share_65plus", "income_median", "pct_x"])
    s = spec(
        {
            "a": {"weight": 2, "indicators": {"share_65plus": 1, "income_median": 2}},
            "b": {"weight": 1, "indicators": ["pct_x"]},
        },
        normalisation=combo[0],
        transform=combo[1],
        directions={"pct_x": "more_need"},
    )
    before = compute_index(frame, s).table["score"].iloc[unit]
    better = frame.copy()
    # less need: lower share_65plus / pct_x, higher income
    sign = 1.0 if better.columns[column] == "income_median" else -1.0
    better.iloc[unit, column] += sign * delta
    after = compute_index(better, s).table["score"].iloc[unit]
    # a relative tolerance: a column of values near 1e-159 loses digits when standardised
    # (its squares underflow), which moved a score by 2e-7 in CI
    assert after <= before + 1e-6 * max(1.0, abs(before))


def test_single_indicator_domains_are_monotone_for_zscore_and_exponential() -> None:
    rng = np.random.default_rng(3)
    frame = pd.DataFrame(rng.normal(size=(30, 2)), columns=["share_65plus", "pct_x"])
    s = spec(
        {"a": {"indicators": ["share_65plus"]}, "b": {"indicators": ["pct_x"]}},
        transform="exponential",
        directions={"pct_x": "more_need"},
    )
    base = compute_index(frame, s).table["score"]
    for unit in range(30):
        better = frame.copy()
        better.iloc[unit, 0] -= 0.7
        assert compute_index(better, s).table["score"].iloc[unit] <= base.iloc[unit] + 1e-9


# --------------------------------------------------------------------------- sensitivity


def _random_values(n: int = 40, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "share_65plus": rng.normal(20, 5, n),
            "income_median": rng.normal(30_000, 4_000, n),
            "income_mean": rng.normal(38_000, 5_000, n),
            "open_space_per_inhabitant": rng.gamma(2, 100, n),
        },
        index=[f"u{i:02d}" for i in range(n)],
    )


LEUVEN_LIKE = {
    "inkomen": {"weight": 0.5, "indicators": ["income_median", "income_mean"]},
    "vergrijzing": {"weight": 0.3, "indicators": ["share_65plus"]},
    "leefomgeving": {"weight": 0.2, "indicators": ["open_space_per_inhabitant"]},
}


def test_sensitivity_without_uncertainty_gives_the_base_rank() -> None:
    values = _random_values()
    s = spec(LEUVEN_LIKE, transform="exponential")
    base = compute_index(values, s).table
    mc = sensitivity(
        values,
        s,
        draws=50,
        concentration=1e9,
        normalisations=["zscore"],
        leave_one_out=False,
        progress=False,
    )
    assert (mc["rank_p05"] == base["rank"]).all()
    assert (mc["rank_p95"] == base["rank"]).all()
    top = base["rank"] <= 4  # ceil(40 / 10)
    assert mc.loc[top, "p_top_decile"].eq(1.0).all()
    assert mc.loc[~top, "p_top_decile"].eq(0.0).all()


def test_same_seed_same_result_other_seed_within_monte_carlo_error() -> None:
    values = _random_values()
    s = spec(LEUVEN_LIKE, transform="exponential")
    kw = {"draws": 4000, "progress": False, "top_k": 5}
    a = sensitivity(values, s, seed=1, **kw)
    b = sensitivity(values, s, seed=1, **kw)
    pd.testing.assert_frame_equal(a, b)
    c = sensitivity(values, s, seed=2, **kw)
    assert not a.equals(c)
    # a probability from 4 000 draws has a standard error of at most 0.008
    assert (a["p_top_decile"] - c["p_top_decile"]).abs().max() < 0.04
    assert (a["p_top_k"] - c["p_top_k"]).abs().max() < 0.04
    assert (a["rank_median"] - c["rank_median"]).abs().max() <= 1
    assert ((a["rank_p05"] - c["rank_p05"]).abs() <= 2).all()
    assert ((a["rank_p95"] - c["rank_p95"]).abs() <= 2).all()
    assert (a["rank_p05"] <= a["rank_median"]).all()
    assert (a["rank_median"] <= a["rank_p95"]).all()


def test_progress_bar_only_for_long_work(capfd: pytest.CaptureFixture[str]) -> None:
    # a short Monte Carlo shows no bar even when asked (it appears after a second)
    capfd.readouterr()
    sensitivity(_random_values(12), spec(LEUVEN_LIKE), draws=200, progress=True)
    assert capfd.readouterr() == ("", "")


def test_sensitivity_handles_missing_and_bad_arguments() -> None:
    values = _random_values(12)
    values.iloc[0, :] = np.nan  # no value at all: no score, no rank interval
    values.iloc[1, 0] = np.nan
    s = spec(LEUVEN_LIKE)
    mc = sensitivity(values, s, draws=200, progress=False)
    assert mc.iloc[0].isna().all()
    assert mc.iloc[1:]["rank_p95"].max() <= 11
    with pytest.raises(SchemaError, match="draws must be ≥ 1"):
        sensitivity(values, s, draws=0)
    with pytest.raises(SchemaError, match="normalisations log invalid"):
        sensitivity(values, s, normalisations=["log"])


# --------------------------------------------------------------------------- Leuven


def test_leuven_index_per_wijk(leuven_run: RunResult) -> None:
    t = pd.read_csv(leuven_run.out / "index_wijken.csv", dtype={"wijk": str}).set_index("wijk")
    for kind in ("choice_", "data_"):
        need = {f"{kind}rank_p05", f"{kind}rank_median", f"{kind}rank_p95"}
        assert need | {f"{kind}p_top_decile"} <= set(t.columns)
        assert (t[f"{kind}rank_p05"] <= t[f"{kind}rank_median"]).all()
        assert (t[f"{kind}rank_median"] <= t[f"{kind}rank_p95"]).all()
        assert t[f"{kind}p_top_decile"].between(0, 1).all()
    assert len(t) == 24
    assert not t.index.str.endswith("ONB").any()
    assert sorted(t["rank"]) == list(range(1, 25))
    named = t.set_index("name")
    for wijk in ("Wijgmaal", "Wilsele Dorp", "Blauwput"):
        assert wijk in named.index
    # the social-housing estates rank at the top; the student quarters carry their flag
    assert named.loc["Sint-Maartensdal", "rank"] == 1
    assert named.loc["Ridderbuurt", "rank"] <= 3
    assert "student" in named.loc["Centrum/station", "flags"]
    # ... Wilsele Dorp, Heverlee and Kessel-Lo's green edges low
    assert named.loc["Wilsele Dorp", "rank"] >= 12
    assert named.loc["Kesselse Bergen/Vlierbeek", "rank"] == 24
    summary = "\n".join(leuven_run.summary)
    assert "Wijgmaal (240621): score" in summary
    assert "Blauwput (2406213)" in summary
    sectors = pd.read_csv(leuven_run.out / "index_sectors.csv", dtype={"sector": str})
    assert len(sectors) == 118  # every sector but the pseudo-sector 24062ZZZZ
    # sectors under 100 residents are not ranked, with the reason
    small = sectors["not_ranked"].fillna("").str.contains("small")
    assert sectors.loc[~small, "rank"].notna().all()
    assert sectors.loc[small, "rank"].isna().all()
    assert 100 <= sectors["rank"].notna().sum() <= 110


def test_study_index_errors_are_reported_at_load() -> None:
    raw = {
        "study": {"name": "x", "municipality": "24062"},
        "index": {
            "domains": {
                "a": {"weight": 1, "indicators": {"income_medain": 1}},
                "b": {"weight": 1, "indicators": {"density": 1}},
            }
        },
    }
    with pytest.raises(SchemaError, match="unknown indicator 'income_medain'; did you mean"):
        Study.from_dict(raw)
