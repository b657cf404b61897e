"""The need index of issue 20: shrinkage, flags, exclusions, reference ranks, both kinds of
uncertainty and the validation, each on hand-made tables whose answer was computed by hand,
then on the Leuven example run (real data)."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pandas as pd
import pytest

from wijkanalyse import indicators, uncertainty, validation, vocab
from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse.index import (
    FlagRules,
    IndexSpec,
    aggregate_flags,
    compute_index,
    constant_indicators,
    data_uncertainty,
    empirical_bayes_rates,
    flag_sectors,
    need_index,
    non_need,
    preset,
    reference_ranks,
    sensitivity,
)
from wijkanalyse.indicators.inputs import bimd_2024
from wijkanalyse.study import RunResult, Study


def spec(domains: dict, **kw: object) -> IndexSpec:
    return IndexSpec.from_dict({"domains": domains, **kw})


# --------------------------------------------------------------------------- shrinkage


def test_empirical_bayes_by_hand() -> None:
    # rates 10 %, 30 % on 100 residents and 50 % on 10:
    # m = 45/210 = 0.2142857, binomial variance m (1 − m) = 0.1683673;
    # s² = (100·0.0130612 + 100·0.0073469 + 10·0.0816327)/210 = 0.0136054;
    # A = s² − 0.1683673/70 = 0.0112002; C = A/(A + 0.1683673/n) = 0.869319 (n = 100),
    # 0.399480 (n = 10); shrunk = m + C (r − m) = 11.4935, 28.8799, 32.8423 %
    x = pd.Series([10, 30, 5], index=["a", "b", "c"])
    n = pd.Series([100, 100, 10], index=["a", "b", "c"])
    r = empirical_bayes_rates(x, n, scale=100)
    t = r.table
    assert r.between_variance["all"] == pytest.approx(0.0112002, abs=1e-7)
    assert t["weight"].tolist() == pytest.approx([0.869319, 0.869319, 0.399480], abs=1e-6)
    assert t["shrunk"].tolist() == pytest.approx([11.4935, 28.8799, 32.8423], abs=1e-4)
    assert t["prior"].tolist() == pytest.approx([21.42857] * 3, abs=1e-5)
    assert t["rate"].tolist() == pytest.approx([10.0, 30.0, 50.0])


def test_empirical_bayes_without_spread_moves_everything_to_the_mean() -> None:
    # equal rates: s² = 0 < m / n̄, so A = 0 and every unit gets the mean
    t = empirical_bayes_rates(pd.Series([1, 2]), pd.Series([10, 20])).table
    assert t["shrunk"].tolist() == pytest.approx([0.1, 0.1])
    assert t["weight"].tolist() == [0.0, 0.0]


def test_empirical_bayes_per_group_and_missing() -> None:
    x = pd.Series([10, 30, 1, 3, pd.NA], index=list("abcde"), dtype="Int64")
    n = pd.Series([100, 100, 10, 10, 50], index=list("abcde"))
    g = pd.Series(["w1", "w1", "w2", "w2", "w2"], index=list("abcde"))
    t = empirical_bayes_rates(x, n, groups=g).table
    # group w1: m = 0.2; w2: m = 4/20 = 0.2 too, but its rates 0.1, 0.3 on 10 are noise:
    # s² = 0.01, m (1 − m)/n̄ = 0.016 → A = 0 → both at 0.2
    assert t.loc[["c", "d"], "shrunk"].tolist() == pytest.approx([0.2, 0.2])
    assert t.loc["a", "shrunk"] < 0.2 < t.loc["b", "shrunk"]
    assert pd.isna(t.loc["e", "shrunk"])
    with pytest.raises(DataError, match="between 0 and their denominator"):
        empirical_bayes_rates(pd.Series([11]), pd.Series([10]))


# --------------------------------------------------------------------------- flags

REF = {"share_65plus": 20.0, "persons_per_connection": 2.2, "income_median": 28_000.0}


def _flag_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "pop_total": [426, 1332, 8, 500, 300, 700, 700, np.nan],
            "share_65plus": [2.3, 19.2, 25.0, 5.0, 40.0, 10.0, 12.0, np.nan],
            "income_median": [2338, 17121, 30000, 15000, 20000, 20000, 25000, np.nan],
            "persons_per_connection": [14.7, 1.9, 2.0, 2.0, 4.0, 3.3, 3.29, np.nan],
            "bimd_income_decile": [1, 1, 5, np.nan, 1, 1, 2, np.nan],
            "bimd_employment_decile": [10, 1, 5, np.nan, 6, 9, 6, np.nan],
        },
        index=["campus", "estate", "hamlet", "young", "carehome", "edge10", "edge2", "empty"],
    )


def test_flags_by_hand() -> None:
    # thresholds: young < 0.5 × 20 = 10 %; collective ≥ 1.5 × 2.2 = 3.3; low income
    # < 0.8 × 28 000 = 22 400 (only without BIMD deciles); small < 10 residents
    f = flag_sectors(_flag_table(), reference=REF)
    assert f.attrs["thresholds"]["young_share_65plus"] == pytest.approx(10.0)
    assert f.attrs["thresholds"]["collective_persons_per_connection"] == pytest.approx(3.3)
    assert f["flags"].to_dict() == {
        "campus": "collective, student",
        "estate": "",  # deprived in income *and* employment: not students
        "hamlet": "small",
        "young": "student",  # no BIMD: young with a low income
        "carehome": "collective",  # old, many residents per meter
        "edge10": "collective",  # 10 % is not < 10 %; 3.3 ≥ 3.3
        "edge2": "",  # 12 % is not young; 3.29 < 3.3
        "empty": "small",  # no population known
    }
    # values derived from counts of persons are not printed (they may be withheld elsewhere)
    assert f.loc["campus", "evidence"] == (
        "persons_per_connection >= 3.30; share_65plus < 10.00; "
        "bimd_income_decile 1 <= 2; bimd_employment_decile 10 >= 6"
    )
    assert (
        f.loc["young", "evidence"] == "share_65plus < 10.00; income_median 15000 < 22400; no_bimd"
    )
    assert f.loc["hamlet", "evidence"] == "pop_total < 10"
    assert f.loc["empty", "evidence"] == "pop_total NA"


def test_flags_rules_and_reference_fallback() -> None:
    t = _flag_table()
    # without a reference: the population-weighted mean share of 65+ of the table itself
    f = flag_sectors(t)
    ok = t["share_65plus"].notna()
    mean = np.average(t.loc[ok, "share_65plus"], weights=t.loc[ok, "pop_total"])
    assert f.attrs["thresholds"]["young_share_65plus"] == pytest.approx(0.5 * mean)
    stricter = flag_sectors(t, reference=REF, rules=FlagRules(min_population=500))
    assert set(stricter.index[stricter["flag_small"]]) == {"campus", "hamlet", "carehome", "empty"}
    with pytest.raises(SchemaError, match="bimd_income_decile_max"):
        FlagRules(bimd_income_decile_max=11)


def test_aggregate_flags_by_residents_and_counts_sectors() -> None:
    f = flag_sectors(_flag_table().loc[["campus", "estate", "hamlet"]], reference=REF)
    wijk = pd.Series({"campus": "w1", "estate": "w2", "hamlet": "w2"})
    agg = aggregate_flags(f, wijk, pd.Series({"campus": 426, "estate": 1332, "hamlet": 8}))
    assert agg.loc["w1", "flags"] == "collective, student"
    # the hamlet is 8 of 1 340 residents: w2 is not 'small', and the evidence counts sectors
    assert agg.loc["w2", "flags"] == ""
    assert agg.loc["w2", "evidence"] == "small 1/2"


# --------------------------------------------------------------------------- the need index


def _values() -> pd.DataFrame:
    v = pd.DataFrame(
        {
            "income_median": [20_000.0, 25_000.0, 30_000.0, 35_000.0, 1_000.0],
            "share_65plus": [10.0, 20.0, 30.0, 40.0, 50.0],
            "pop_total": [1000, 1000, 1000, 20, 400],
        },
        index=["a", "b", "c", "d", "s"],
    )
    v.attrs = {"indicators": {i: indicators.get_indicator(i) for i in v.columns}}
    return v


def test_excluded_units_do_not_move_the_others() -> None:
    s = spec({"inkomen": {"weight": 1, "indicators": ["income_median"]}}, normalisation="minmax")
    flags = pd.DataFrame(
        {"flags": ["", "", "", "", "student"], "evidence": [""] * 5}, index=list("abcds")
    )
    t = need_index(_values(), s, flags=flags, exclude=["student"]).table
    assert t.loc["s", "not_ranked"] == "student"
    assert pd.isna(t.loc["s", "rank"])
    # the student sector's € 1 000 would have stretched min-max; without it a = 1.0 need
    assert t.loc["a", "score"] == pytest.approx(1.0)
    assert t["rank"].dropna().astype(int).tolist() == [1, 2, 3, 4]
    ranked_with_flag = need_index(_values(), s, flags=flags, exclude=[]).table
    assert ranked_with_flag.loc["s", "rank"] == 1
    assert ranked_with_flag.loc["s", "flags"] == "student"
    with pytest.raises(SchemaError, match="not a flag kind"):
        need_index(_values(), s, exclude=["students"])


def test_shrinkage_inside_the_index_uses_the_rates_denominator() -> None:
    s = spec({"d": {"weight": 1, "indicators": ["share_65plus"]}}, normalisation="minmax")
    t = need_index(_values(), s, shrink=True).table
    assert t.attrs["shrunk"] == ["share_65plus"]
    v = _values()
    eb = empirical_bayes_rates(
        (v["share_65plus"] * v["pop_total"] / 100).round(), v["pop_total"], scale=100
    ).table["shrunk"]
    expected = compute_index(v.assign(share_65plus=eb.astype(float)), s).table["score"]
    assert t["score"].astype(float).tolist() == pytest.approx(expected.astype(float).tolist())
    # the unit of 20 residents moves most towards the mean
    moved = (eb - v["share_65plus"]).abs()
    assert moved.idxmax() == "d"


def test_choice_sensitivity_varies_the_shrunk_values() -> None:
    s = spec({"d": {"weight": 1, "indicators": ["share_65plus"]}}, normalisation="rank")
    result = need_index(_values(), s, shrink=True)
    assert result.values is not None
    # no choice varied: every draw is the index itself, so its interval is its rank
    mc = sensitivity(
        result.values,
        s,
        draws=20,
        seed=1,
        normalisations=["rank"],
        leave_one_out=False,
        progress=False,
    )
    assert (mc["rank_p05"] == result.table["rank"]).all()
    assert (mc["rank_p95"] == result.table["rank"]).all()


def test_what_is_not_need_and_what_is_constant() -> None:
    s = spec(
        {
            "a": {"weight": 1, "indicators": ["income_median", "share_65plus"]},
            "b": {"weight": 1, "indicators": ["open_space_per_inhabitant", "bimd_crime"]},
        }
    )
    assert non_need(s) == {"share_65plus": "demand", "open_space_per_inhabitant": "context"}
    assert non_need(preset("deprivatie").spec()) == {}
    v = pd.DataFrame({"income_median": [1.0, 2.0], "bimd_crime": [17.3, 17.3]})
    assert constant_indicators(v, s) == ["bimd_crime"]
    assert indicators.get_indicator("bimd_employment").concept == "need"


def test_reference_ranks_by_hand() -> None:
    v = pd.DataFrame(
        {"income_median": np.arange(20_000.0, 40_000.0, 1_000.0)},
        index=[f"s{i:02d}" for i in range(20)],
    )
    s = spec({"inkomen": {"weight": 1, "indicators": ["income_median"]}}, normalisation="rank")
    r = reference_ranks(v, s)
    # 20 units: decile = ceil(rank · 10 / 20)
    assert r["rank_flanders"].tolist() == list(range(1, 21))
    assert r["decile_flanders"].tolist() == [math.ceil(k / 2) for k in range(1, 21)]
    assert r.attrs["n_flanders"] == 20


# --------------------------------------------------------------------------- uncertainty


def test_data_uncertainty_holds_what_has_no_noise_model() -> None:
    v = pd.DataFrame({"bimd_employment": [5.0, 50.0, 20.0, 30.0]}, index=list("abcd"))
    s = spec({"werk": {"weight": 1, "indicators": ["bimd_employment"]}}, normalisation="rank")
    r = data_uncertainty(v, s, draws=50, seed=3)
    base = compute_index(v, s).table["rank"]
    assert (r["data_rank_p05"] == base).all()
    assert (r["data_rank_p95"] == base).all()
    assert r.attrs["redrawn"] == []
    assert r.attrs["fixed"] == ["bimd_employment"]


@pytest.mark.parametrize("missing", ["impute", "drop", "reweight"])
@pytest.mark.parametrize("transform", ["none", "exponential"])
def test_data_uncertainty_without_noise_is_the_index(missing: str, transform: str) -> None:
    # ties (imputed medians, repeated values) share the best rank in both
    rng = np.random.default_rng(5)
    v = pd.DataFrame(
        {
            "bimd_employment": rng.choice([10.0, 20.0, 30.0], 40),
            "bimd_education": np.where(rng.random(40) < 0.2, np.nan, rng.random(40)),
        },
        index=[f"s{i:02d}" for i in range(40)],
    )
    s = spec(
        {
            "werk": {"weight": 1, "indicators": ["bimd_employment"]},
            "opleiding": {"weight": 1, "indicators": ["bimd_education"]},
        },
        normalisation="rank",
        transform=transform,
        missing=missing,
    )
    base = compute_index(v, s).table["rank"]
    r = data_uncertainty(v, s, draws=5, seed=1)
    pd.testing.assert_series_equal(r["data_rank_p05"], base, check_names=False)
    pd.testing.assert_series_equal(r["data_rank_p95"], base, check_names=False)


def test_data_uncertainty_of_rates_narrows_with_the_count() -> None:
    def table(n: int) -> pd.DataFrame:
        return pd.DataFrame(
            {"share_65plus": [10.0, 11.0, 12.0], "pop_total": [n, n, n]}, index=list("abc")
        )

    s = spec({"d": {"weight": 1, "indicators": ["share_65plus"]}}, normalisation="rank")
    big = data_uncertainty(table(10_000_000), s, draws=200, seed=1)
    assert big["data_rank_p05"].tolist() == [3, 2, 1] == big["data_rank_p95"].tolist()
    small = data_uncertainty(table(100), s, draws=200, seed=1)
    assert (small["data_rank_p05"] < small["data_rank_p95"]).all()
    again = data_uncertainty(table(100), s, draws=200, seed=1)
    pd.testing.assert_frame_equal(small, again)


def test_data_uncertainty_draws_withheld_values() -> None:
    v = pd.DataFrame(
        {
            "income_median": [20_000.0, 30_000.0, np.nan, 25_000.0],
            "bimd_employment": [40.0, 10.0, 25.0, 20.0],
            "pop_total": [1e9, 1e9, 1e9, 1e9],
        },
        index=list("abcd"),
    )
    s = spec(
        {
            "inkomen": {"weight": 1, "indicators": ["income_median"]},
            "werk": {"weight": 1, "indicators": ["bimd_employment"]},
        },
        normalisation="rank",
    )
    fixed = data_uncertainty(v, s, draws=300, seed=2)
    assert fixed.loc["c", "data_rank_p05"] == fixed.loc["c", "data_rank_p95"]
    v["income_median_suppressed_reason"] = [None, None, vocab.SUPPRESSED_BY_SOURCE, None]
    drawn = data_uncertainty(v, s, draws=300, seed=2)
    assert drawn.loc["c", "data_rank_p05"] < drawn.loc["c", "data_rank_p95"]


def test_median_noise_by_hand() -> None:
    # mean/median = e^(σ²/2) with σ = 0.5: relative se = 1.2533 · 0.5 / √100 = 0.0627
    rng = np.random.default_rng(0)
    med = uncertainty.median_noise(
        np.array([100.0]), np.array([100.0 * math.exp(0.125)]), np.array([100.0]), 20_000, rng
    )
    assert np.log(med / 100.0).std() == pytest.approx(math.sqrt(math.pi / 2) * 0.05, rel=0.03)


def test_leave_one_out_never_drops_a_domain() -> None:
    v = pd.DataFrame(
        {
            "income_median": [1.0, 2.0, 3.0, 4.0],
            "income_mean": [1.0, 3.0, 2.0, 4.0],
            "bimd_employment": [4.0, 3.0, 2.0, 1.0],
        }
    )
    s = spec(
        {
            "inkomen": {"weight": 1, "indicators": ["income_median", "income_mean"]},
            "werk": {"weight": 1, "indicators": ["bimd_employment"]},
        }
    )
    mc = sensitivity(v, s, draws=20, seed=1, progress=False)
    assert mc.attrs["leave_one_out_skipped"] == ["bimd_employment"]


# --------------------------------------------------------------------------- validation


def test_spearman_interval_by_hand() -> None:
    # z = atanh(0.8) = 1.098612; se = 1.06 / √100 = 0.106; half = 1.959964 · 0.106
    lo, hi = validation.spearman_interval(0.8, 103)
    assert lo == pytest.approx(math.tanh(1.098612 - 0.207756), abs=1e-6)
    assert hi == pytest.approx(math.tanh(1.098612 + 0.207756), abs=1e-6)
    assert all(math.isnan(x) for x in validation.spearman_interval(0.5, 3))


def test_rank_agreement_and_known_groups() -> None:
    s = pd.Series([5.0, 4.0, 3.0, 2.0, 1.0], index=list("abcde"))
    refs = pd.DataFrame(
        {
            "bimd": [1.0, 2.0, 3.0, 4.0, 5.0],  # exactly opposite
            "bimd_crime": [7.0] * 5,
            "bimd_income": [5.0, 4.0, 3.0, 1.0, 2.0],
        },
        index=s.index,
    )
    t = validation.rank_agreement(s, refs, level="sector", inputs=["bimd_income"])
    corr = t[t["check"] == "rank_correlation"].set_index("reference")
    assert corr.loc["bimd", "value"] == pytest.approx(-1.0)
    assert corr.loc["bimd", "result"] == "strong_negative"
    assert corr.loc["bimd_crime", "result"] == "constant_reference"
    assert corr.loc["bimd_income", "value"] == pytest.approx(0.9)
    assert not corr.loc["bimd_income", "independent"]
    gaps = t[t["check"] == "disagreement"]
    # rank 1 in the index is rank 5 in the reference: the largest gaps first
    assert gaps["unit"].tolist()[:2] == ["a", "e"]
    assert gaps["value"].tolist()[:2] == [-4.0, 4.0]
    idx = pd.DataFrame({"rank": [1, 2, 3, 4, 5, pd.NA]}, index=list("abcdef"))
    k = validation.known_groups(idx, level="sector", known_high=["a", "e", "f"], known_low=["e"])
    assert k["result"].tolist() == [
        "as_expected",
        "not_as_expected",
        "not_ranked",
        "as_expected",
        "2/4",
    ]
    with pytest.raises(SchemaError, match="'zz' is not a sector"):
        validation.known_groups(idx, level="sector", known_high=["zz"])


# --------------------------------------------------------------------------- BIMD on 2024


def test_bimd_moves_to_2024_sectors() -> None:
    moved, note = bimd_2024(
        "bimd2011_sectors", pd.Index(["11002J8AN", "31004X0JQ", "24062A12-", "99999X99-"])
    )
    # recoded in Antwerp: the 2011 sector 11002J81- carries over
    assert moved.loc["11002J8AN", "bimd_rank"] == 2014
    assert moved.loc["24062A12-", "bimd_decile"] == 1
    assert pd.isna(moved.loc["31004X0JQ", "bimd_score"])
    assert moved.loc["31004X0JQ", "bimd_score_na_reason"] == vocab.SPLIT_IN_CROSSWALK
    assert moved.loc["99999X99-", "bimd_score_na_reason"] == vocab.ABSENT_FROM_SOURCE
    assert dict(note.params)["n"] == 1


# --------------------------------------------------------------------------- the study


def test_index_table_needs_one_definition() -> None:
    base = {"study": {"name": "x", "municipality": "24062"}}
    with pytest.raises(SchemaError, match="not both"):
        Study.from_dict(
            {
                **base,
                "index": {
                    "preset": "deprivatie",
                    "domains": {"a": {"weight": 1, "indicators": ["income_median"]}},
                },
            }
        )
    with pytest.raises(SchemaError, match="not neither"):
        Study.from_dict({**base, "index": {"name": "x"}})
    with pytest.raises(SchemaError, match="deprivatie"):
        Study.from_dict({**base, "index": {"preset": "deprivation"}})
    with pytest.raises(SchemaError, match="moves to the 2024 sectors only"):
        Study.from_dict(
            {
                "study": {"name": "x", "municipality": "24062", "vintage": 2025},
                "index": {"preset": "deprivatie"},
            }
        )
    with pytest.raises(SchemaError, match=r"\[data\] bimd is left out"):
        Study.from_dict({**base, "data": {"bimd": None}, "index": {"preset": "deprivatie"}})


@pytest.mark.integration
def test_demand_in_the_index_is_warned_and_unknown_known_units_refused() -> None:
    raw = {
        "study": {"name": "Leuven", "municipality": "24062"},
        "index": {
            "levels": ["wijk"],
            "domains": {
                "inkomen": {"weight": 1, "indicators": ["income_median"]},
                "vergrijzing": {"weight": 1, "indicators": ["share_65plus"]},
            },
            "reference": "none",
            "sensitivity": {"draws": 20},
            "data_uncertainty": {"draws": 20},
        },
        "indicators": {"references": False},
        "validation": {"known_high": ["240625"]},
    }
    study = Study.from_dict(raw)
    data = study.load()
    analysis = study.analyse(data)
    keys = [n.key for n in analysis.notes]
    assert "index_not_need_demand" in keys
    assert analysis.index_meta["not_need"] == {"share_65plus": "demand"}
    raw["validation"] = {"known_high": ["24062A12-"]}  # a sector, but the index is per wijk
    with pytest.raises(SchemaError, match="24062A12- is not a wijk code"):
        Study.from_dict(raw).analyse(data)


def test_leuven_validation(leuven_run: RunResult) -> None:
    out = leuven_run.out
    val = pd.read_csv(out / "validation.csv", dtype={"unit": str})
    corr = val[val["check"] == "rank_correlation"].set_index(["level", "reference"])
    # the BIMD's income domain is not an input of the example's index: an independent check
    income = corr.loc[("sector", "bimd_income")]
    assert income["independent"]
    assert income["value"] > 0.5
    assert income["ci_low"] < income["value"] < income["ci_high"]
    assert not corr.loc[("sector", "bimd"), "independent"]  # shares employment, education …
    assert corr.loc[("sector", "bimd_crime"), "result"] == "constant_reference"
    assert corr.loc[("sector_flanders", "bimd"), "n"] > 7000
    known = val[val["check"].isin(["known_high", "known_low"])]
    assert set(known["unit"]) == {"240625", "240626", "24062C44-"}
    assert (known["result"] == "as_expected").all()
    sectors = pd.read_csv(out / "index_sectors.csv", dtype={"sector": str}).set_index("sector")
    # Sint-Maartensdal is the most deprived sector, without a flag, in Flanders' first decile
    assert sectors.loc["24062A12-", "rank"] == 1
    assert pd.isna(sectors.loc["24062A12-", "flags"])
    assert sectors.loc["24062A12-", "decile_flanders"] == 1
    # ... and in the BIMD's own first national decile (published, 2011)
    assert sectors.loc["24062A12-", "bimd_decile_national"] == 1
    assert sectors.loc["24062A12-", "bimd_employment_decile_national"] == 1
    # Campus Heverlee (426 residents, 14.7 per connection, € 2 338 per return) is flagged
    assert sectors.loc["24062D410", "flags"] == "collective, student"
    top = sectors.sort_values("rank").head(10)
    students = top[top["flags"].fillna("").str.contains("student")]
    assert len(students) < 5
    prov = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    assert prov["index"]["preset"] == "deprivatie"
    assert prov["index"]["redrawn"] == ["income_median"]
    report = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert "<h2>Toetsing</h2>" in report
    rho = f"{income['value']:.2f}".replace(".", ",")
    assert f'<td class="num">{rho}</td>' in report
    assert "Campus Heverlee" in report
    assert "collectieve woonvorm, studenten" in report
    summary = "\n".join(leuven_run.summary)
    assert "Toetsing aan de BIMD 2011 (sectoren" in summary
    assert "Kans op top" not in report
    assert not re.search(r"\bzeker", report)  # no certainty claimed ("onzekerheid" is fine)
