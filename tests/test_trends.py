"""Trends across sector vintages: counts moved along the crosswalk, changes and their band.

The tiny crosswalk below is drawn by hand (older sectors A–E, newer sectors X, Y, Z1, Z2, W
and N)::

    A ──── X          same
    B ─┬── Y          merged (B + C)
    C ─┘
    D ─┬── Z1         split (D → Z1 + Z2)
       └── Z2
    E ──── W          by code, across a redrawing (not exact)
           N          new: no older sector

and every expected value is worked out in the test's comments.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wijkanalyse import DataError, SchemaError, _i18n, areas, io, trends, vocab


def _links() -> trends.Links:
    frame = pd.DataFrame(
        [
            ("A", "X", True),
            ("B", "Y", True),
            ("C", "Y", True),
            ("D", "Z1", True),
            ("D", "Z2", True),
            ("E", "W", False),
        ],
        columns=["source", "target", "exact"],
    )
    return trends.Links(frame, 2001, 2024)


VALUES = pd.Series({"A": 10, "B": 5, "C": 7, "D": 20, "E": 8})
TARGETS = pd.Index(["X", "Y", "Z1", "Z2", "W", "N"])


def test_counts_move_along_the_crosswalk_and_say_how() -> None:
    moved = trends.move_counts(VALUES, _links(), targets=TARGETS)
    assert moved.loc["X", "value"] == 10
    assert moved.loc["X", "method"] == "same"
    assert moved.loc["Y", "value"] == 12
    assert moved.loc["Y", "method"] == "merged"
    assert moved.loc["W", "value"] == 8
    assert moved.loc["W", "method"] == "by_code"
    for part in ("Z1", "Z2"):  # the parts of a split sector have no value of their own
        assert pd.isna(moved.loc[part, "value"])
        assert moved.loc[part, "na_reason"] == vocab.SPLIT_IN_CROSSWALK
    assert pd.isna(moved.loc["N", "value"])
    assert moved.loc["N", "na_reason"] == vocab.NEW_SECTOR
    assert moved.loc["Z1", "group"] == moved.loc["Z2", "group"] != moved.loc["X", "group"]


def test_a_split_sector_shared_by_weights() -> None:
    # D's 20 shared 30 : 10 by the parts' later population: 15 and 5
    weights = pd.Series({"X": 1, "Y": 1, "Z1": 30, "Z2": 10, "W": 1})
    moved = trends.move_counts(VALUES, _links(), targets=TARGETS, weights=weights)
    assert moved.loc["Z1", "value"] == 15
    assert moved.loc["Z2", "value"] == 5
    assert set(moved.loc[["Z1", "Z2"], "method"]) == {"split_allocated"}
    # every count arrives somewhere: 10 + 12 + 20 + 8 = 50
    assert moved["value"].sum() == VALUES.sum() == 50


def test_units_count_a_group_whole_when_it_lies_inside() -> None:
    # u1 = X + Y = 10 + 12 = 22 (exact); u2 = Z1 + Z2 (all of D: 20) + W (8, by code) = 28
    unit_of = pd.Series({"X": "u1", "Y": "u1", "Z1": "u2", "Z2": "u2", "W": "u2", "N": "u2"})
    units = trends.unit_counts(VALUES, _links(), unit_of)
    assert units.loc["u1", "value"] == 22
    assert units.loc["u1", "method"] == "exact"
    assert units.loc["u2", "value"] == 28
    assert units.loc["u2", "method"] == "by_code"
    assert units.loc["u1", "n_sectors"] == 3
    assert units.loc["u2", "n_sectors"] == 2


def test_a_group_across_units_is_allocated_or_has_no_value() -> None:
    unit_of = pd.Series({"X": "u1", "Y": "u1", "Z1": "u1", "Z2": "u2", "W": "u2", "N": "u2"})
    bare = trends.unit_counts(VALUES, _links(), unit_of)
    assert bare["value"].isna().all()  # D straddles both: neither can be known
    assert set(bare["na_reason"]) == {vocab.SPLIT_IN_CROSSWALK}
    weights = pd.Series({"X": 1, "Y": 1, "Z1": 30, "Z2": 10, "W": 1, "N": 1})
    shared = trends.unit_counts(VALUES, _links(), unit_of, weights=weights)
    # u1 = 22 + 20 · 30/40 = 37; u2 = 20 · 10/40 + 8 = 13 (both: allocated)
    assert shared.loc["u1", "value"] == 37
    assert shared.loc["u2", "value"] == 13
    assert set(shared["method"]) == {"allocated"}


def test_a_group_reaching_outside_the_units_is_never_given_whole_to_one() -> None:
    unit_of = pd.Series({"X": "u1", "Y": "u1", "Z1": "u1", "W": "u1"})  # Z2 lies outside
    units = trends.unit_counts(VALUES, _links(), unit_of)
    assert pd.isna(units.loc["u1", "value"])
    assert units.loc["u1", "na_reason"] == vocab.SPLIT_IN_CROSSWALK


def test_a_code_of_another_vintage_is_refused_not_dropped() -> None:
    with pytest.raises(DataError, match="sector Q has no 2024 successor"):
        trends.move_counts(pd.concat([VALUES, pd.Series({"Q": 3})]), _links())
    with pytest.raises(DataError, match="negative counts"):
        trends.move_counts(pd.Series({"A": -1}), _links())


def test_a_sector_the_source_does_not_list_is_unknown_unless_it_lists_only_the_inhabited() -> None:
    values = VALUES.drop("E")  # W's older sector E is not in the source
    unknown = trends.move_counts(values, _links(), targets=TARGETS)
    assert pd.isna(unknown.loc["W", "value"])
    assert unknown.loc["W", "na_reason"] == vocab.ABSENT_FROM_SOURCE
    unit_of = pd.Series({"X": "u1", "Y": "u1", "Z1": "u2", "Z2": "u2", "W": "u2"})
    assert pd.isna(trends.unit_counts(values, _links(), unit_of).loc["u2", "value"])
    # a source of the inhabited sectors only (the BIMD's population files): E had nobody
    nobody = trends.unit_counts(values, _links(), unit_of, absent="zero")
    assert nobody.loc["u2", "value"] == 20  # D only
    assert (
        trends.move_counts(values, _links(), targets=TARGETS, absent="zero").loc["W", "value"] == 0
    )
    with pytest.raises(DataError, match="absent must be 'na' or 'zero'"):
        trends.move_counts(values, _links(), absent="nul")  # type: ignore[arg-type]


def test_a_hand_computed_change_and_its_noise_band() -> None:
    series = pd.DataFrame({2001: [100, 12, 40, np.nan], 2011: [130, 15, 41, 50]})
    series.index = ["a", "b", "c", "d"]
    out = trends.changes(series).set_index("unit")
    a = out.loc["a"]
    # 100 → 130: +30, +30 %; per year 1.3^(1/10) − 1 = 2.658 %; band 1.96·√230 = 29.72
    assert a["change"] == 30
    assert a["change_rel"] == pytest.approx(0.30)
    assert a["rate_annual"] == pytest.approx(1.3**0.1 - 1)
    assert a["band"] == pytest.approx(1.96 * math.sqrt(230))
    assert bool(a["significant"]) is True  # 30 > 29.72, just
    # 12 → 15: a change of 3 persons is not published
    assert pd.isna(out.loc["b", "change"])
    assert out.loc["b", "na_reason"] == vocab.SMALL_CHANGE
    # 40 → 41: below the threshold too
    assert out.loc["c", "na_reason"] == vocab.SMALL_CHANGE
    assert out.loc["d", "na_reason"] == vocab.ABSENT_FROM_SOURCE
    # 100 → 120 lies inside its band (1.96·√220 = 29.07): no arrow on it
    noise = trends.changes(pd.DataFrame({2001: [100], 2011: [120]})).iloc[0]
    assert noise["change"] == 20
    assert bool(noise["significant"]) is False
    # a count below the threshold is withheld, and so is its change
    small = trends.changes(pd.DataFrame({2001: [3], 2011: [40]})).iloc[0]
    assert pd.isna(small["before"])
    assert small["na_reason"] == vocab.SMALL_COUNT


def test_a_rate_changes_without_a_count_band() -> None:
    # 2 712.7 → 2 558.6 kWh per connection: −154.1 (−5.7 %), no Poisson band on a rate
    out = trends.changes(pd.DataFrame({2018: [2712.7], 2021: [2558.6]}), kind="rate").iloc[0]
    assert out["change"] == pytest.approx(-154.1)
    assert out["change_rel"] == pytest.approx(-154.1 / 2712.7)
    assert out["rate_annual"] == pytest.approx((2558.6 / 2712.7) ** (1 / 3) - 1)
    assert pd.isna(out["band"])
    assert pd.isna(out["significant"])
    with pytest.raises(DataError, match="kind must be 'count' or 'rate'"):
        trends.changes(pd.DataFrame({2018: [1.0], 2021: [2.0]}), kind="share")  # type: ignore[arg-type]


def test_three_years_give_both_steps_and_the_whole_period() -> None:
    out = trends.changes(pd.DataFrame({2001: [100], 2011: [130], 2021: [169]}))
    assert list(zip(out["from_year"], out["to_year"], strict=True)) == [
        (2001, 2011),
        (2011, 2021),
        (2001, 2021),
    ]
    whole = out.iloc[2]
    assert whole["rate_annual"] == pytest.approx(0.3 / 10, abs=0.004)  # 1.69^(1/20) − 1
    assert whole["rate_annual"] == pytest.approx(1.69**0.05 - 1)


@st.composite
def _crosswalks(draw: st.DrawFn) -> tuple[trends.Links, pd.Series, pd.Series, pd.Series]:
    n_old = draw(st.integers(1, 8))
    n_new = draw(st.integers(1, 8))
    old = [f"o{i}" for i in range(n_old)]
    new = [f"n{j}" for j in range(n_new)]
    pairs = {(o, draw(st.sampled_from(new))) for o in old}  # every old sector goes somewhere
    pairs |= set(draw(st.lists(st.tuples(st.sampled_from(old), st.sampled_from(new)))))
    frame = pd.DataFrame(sorted(pairs), columns=["source", "target"]).assign(exact=True)
    values = pd.Series(draw(st.lists(st.integers(0, 5000), min_size=n_old, max_size=n_old)))
    values.index = old
    weights = pd.Series(draw(st.lists(st.integers(1, 900), min_size=n_new, max_size=n_new)))
    weights.index = new
    units = pd.Series(
        draw(st.lists(st.sampled_from(["u", "v", "w"]), min_size=n_new, max_size=n_new))
    )
    units.index = new
    return trends.Links(frame, 2011, 2024), values, weights, units


@settings(max_examples=200, deadline=None)
@given(_crosswalks())
def test_allocation_preserves_totals(
    case: tuple[trends.Links, pd.Series, pd.Series, pd.Series],
) -> None:
    links, values, weights, units = case
    moved = trends.move_counts(values, links, weights=weights)
    reached = moved.loc[moved["method"] != vocab.NEW_SECTOR, "value"]
    assert float(reached.sum()) == pytest.approx(float(values.sum()))
    per_unit = trends.unit_counts(values, links, units, weights=weights)
    assert per_unit["value"].notna().all()
    assert float(per_unit["value"].sum()) == pytest.approx(float(values.sum()))
    # without weights, what has a value is exact and adds up to at most the whole
    bare = trends.unit_counts(values, links, units)
    assert set(bare["method"].dropna()) <= {"exact"}
    assert float(bare["value"].sum()) <= float(values.sum()) + 1e-9


@pytest.mark.integration
def test_leuven_population_per_wijk_adds_up_to_each_years_source() -> None:
    from wijkanalyse import io

    pop = trends.population_series("24062", level="wijk")
    totals = pop.groupby("year")["value"].sum().astype(int).to_dict()
    assert totals == {2001: 88_606, 2011: 96_928, 2021: 101_032}
    # the source files themselves (2011: 96 928 in 115 sectors)
    for year, n, total in ((2001, 113, 88_606), (2011, 115, 96_928)):
        src = io.read_bimd_population(f"bimd_population_{year}")["pop_total"]
        leuven = src[src.index.str.startswith("24062")]
        assert (len(leuven), int(leuven.sum())) == (n, total)
    census = io.read_census()["pop_total"]
    assert int(census[census.index.str.startswith("24062")].sum()) == 101_032
    # every row says how it was made: 2011 → 2024 is exact in Leuven; 2001 goes by code
    # (Statbel redrew sectors of Leuven in 2011), except the pseudo-wijk of no one
    assert pop["method"].notna().all()
    assert set(pop.loc[pop["year"] == 2011, "method"]) == {"exact"}
    real = pop[(pop["year"] == 2001) & (pop["value"] > 0)]
    assert set(real["method"]) == {"by_code"}
    assert len(pop[pop["year"] == 2021]) == 25  # 24 wijken and the unlocated residents
    # the sectors new in 2011 have no 2001 count of their own
    sectors = trends.population_series("24062", level="sector", years=(2001,))
    new = set(sectors.loc[sectors["method"] == vocab.NEW_SECTOR, "unit"])
    assert {"24062C01-", "24062D633"} <= new
    assert sectors.loc[sectors["unit"].isin(new), "value"].isna().all()


def test_population_series_refuses_what_it_cannot_give() -> None:
    with pytest.raises(DataError, match="no population source for \\[1991\\]"):
        trends.population_series("24062", years=(1991, 2011))
    with pytest.raises(DataError, match="level must be one of"):
        trends.population_series("24062", level="straat")


@pytest.mark.integration
def test_leuven_bimd_deciles_2001_to_2011_per_sector() -> None:
    changes = trends.bimd_changes("24062")
    a00 = changes.loc["24062A00-"]
    # the source files: 2001 rank 4 908, decile 3 (2001 codes, carried by code: Leuven's
    # sectors were redrawn in 2011); 2011 rank 2 171, decile 2
    assert (a00["rank_2001"], a00["decile_2001"], a00["method_2001"]) == (4908, 3, "by_code")
    assert (a00["rank_2011"], a00["decile_2011"], a00["method_2011"]) == (2171, 2, "same")
    assert a00["decile_change"] == -1
    assert a00["percentile_2011"] == pytest.approx(2171 / 18_764, abs=1e-3)
    # a sector new in 2011 has no change
    assert pd.isna(changes.loc["24062C01-", "decile_change"])
    assert changes.loc["24062C01-", "na_reason"] is not None
    assert "not that its deprivation grew or fell" in changes.attrs["caveat"]
    income = trends.bimd_changes("24062", domain="income").loc["24062A00-"]
    assert (income["rank_2001"], income["rank_2011"]) == (1469, 40)
    with pytest.raises(DataError, match="no wealth rank"):
        trends.bimd_changes("24062", domain="wealth")


@pytest.mark.integration
def test_counts_of_one_vintage_are_never_read_as_another() -> None:
    from wijkanalyse import io

    census = io.read_census()["pop_total"]  # 2024 codes
    leuven = census[census.index.str.startswith("24062")]
    # 24062C01- and 24062D633 exist only since 2011: read as 2001 codes, they are refused
    with pytest.raises(DataError, match="no 2024 successor.*detect_vintage"):
        trends.move_counts(leuven, trends.links_between(2001, 2024))


@pytest.mark.integration
def test_leuven_energy_per_connection_by_year_agrees_with_the_indicators() -> None:
    energy = trends.energy_series("24062", level="wijk")
    assert sorted(energy["year"].unique()) == [2018, 2019, 2020, 2021]
    assert set(energy["method"]) == {"exact"}
    # the README's household proxy: 48 199 residential connections in Leuven in 2021
    connections = energy.groupby("year")["elek_res_n"].sum()
    assert int(connections[2021]) == 48_199
    # 2021 as the indicators compute it for the wijk reports: Sint-Jacob 2 079 kWh and
    # 12 864 kWh of gas per connection; Leuven 2 559 and 14 984
    sj = energy[(energy["unit"] == "240624") & (energy["year"] == 2021)].iloc[0]
    assert round(sj["elek_per_connection"]) == 2079
    assert round(sj["gas_per_connection"]) == 12_864
    city = trends.energy_series("24062", level="gemeente", years=(2021,)).iloc[0]
    assert (round(city["elek_per_connection"]), round(city["gas_per_connection"])) == (
        2559,
        14_984,
    )


def test_population_signals_rank_what_grows_beyond_the_noise() -> None:
    rows = []
    for unit, a, b, how in (
        ("fast", 100, 200, "exact"),  # +100, band 1.96·√300 = 34: a signal, 3.5 %/yr
        ("slow", 1000, 1100, "by_code"),  # +100, band 1.96·√2100 = 90: a signal, 0.5 %/yr
        ("noise", 100, 120, "exact"),  # +20 inside 1.96·√220 = 29: no signal
        ("down", 400, 300, "exact"),  # −100, band 1.96·√700 = 52: a decline
    ):
        rows += [
            {"unit": unit, "name": unit.title(), "year": 2001, "value": a, "method": "exact"},
            {"unit": unit, "name": unit.title(), "year": 2021, "value": b, "method": how},
        ]
    out = trends.population_signals(pd.DataFrame(rows), top=5)
    growth = out[out["kind"] == "population_growth"]
    assert list(growth["unit"]) == ["fast", "slow"]
    assert list(growth["rank"]) == [1, 2]
    assert growth.iloc[0]["rate_annual"] == pytest.approx(2 ** (1 / 20) - 1)
    assert list(growth["approximate"]) == [False, True]
    assert list(out.loc[out["kind"] == "population_decline", "unit"]) == ["down"]
    assert "noise" not in set(out["unit"])


def test_deprivation_signals_list_the_wijken_that_fell_furthest() -> None:
    bimd = pd.DataFrame(
        {
            "wijk": ["w1", "w1", "w2", "w2", "w3"],
            "decile_change": [-3, -1, 0, -1, 2],
            "method_2001": ["same", "same", "by_code", "same", "same"],
        }
    )
    out = trends.deprivation_signals(bimd, top=5)
    # w1: mean −2, one sector fell 2+ deciles; w2: mean −0.5; w3 rose: no signal
    assert list(out["unit"]) == ["w1", "w2"]
    assert list(out["mean_decile_change"]) == [-2.0, -0.5]
    assert list(out["n_fell"]) == [1, 0]
    assert list(out["approximate"]) == [False, True]
    assert out["n_fell_student"].isna().all()  # not known without the index's flags
    # the fallen sector of w1 is a student sector; a flag on a sector that did not fall
    # (w2's second) counts nothing
    student = pd.Series([True, False, False, True, False], index=bimd.index)
    flagged = trends.deprivation_signals(bimd, top=5, student=student)
    assert list(flagged["n_fell_student"]) == [1, 0]


@pytest.mark.integration
def test_leuven_income_per_deelgemeente_adds_up_to_statbels_municipal_table(mirror: Path) -> None:
    income = trends.income_series("24062")
    assert sorted(income["year"].unique()) == list(range(2005, 2020))
    city = income[income["level"] == "gemeente"].set_index("year")
    # the outside reference: Statbel's municipal table (TF_PSNL_INC_TAX_MUNTY), 2005-2013
    munty = pd.read_csv(
        mirror
        / "statbel_via_BelgiumMaps.StatBel/statbel_fiscal_income_municipality_2005_2013_belgium.csv"
    )
    leuven = munty[munty["CD_MUNTY_REFNIS"].astype(str) == "24062"].set_index("CD_YEAR")
    assert len(leuven) == 9
    for year, row in leuven.iterrows():
        assert city.loc[year, "returns"] == row["MS_NBR_NON_ZERO_INC"]
        # PinC keeps whole euros; Statbel has cents
        assert city.loc[year, "income_total"] == pytest.approx(row["MS_TOT_NET_TAXABLE_INC"], abs=1)
    # the municipality has a mean, never a median (a median cannot be added up)
    assert city["income_median"].isna().all()
    assert city.loc[2019, "income_mean"] == pytest.approx(2_204_762_121 / 57_588)
    kessel_lo = income[(income["unit"] == "24062C") & (income["year"] == 2019)].iloc[0]
    assert (kessel_lo["income_median"], kessel_lo["returns"]) == (29_695, 16_861)
    with pytest.raises(DataError, match="no income for \\[2021\\]"):
        trends.income_series("24062", years=(2019, 2021))


@pytest.mark.integration
def test_a_municipality_merged_in_2019_counts_its_members_sectors() -> None:
    # Puurs-Sint-Amands (12041, 2019) = Puurs (12030) + Sint-Amands (12034): its sectors
    # keep their members' codes, and the census counts 4 unlocated residents as 12030ZZZZ
    pop = trends.population_series("12041", level="gemeente").set_index("year")["value"]
    census = io.read_census("statbel_census2021_age65")["pop_total"]
    members = census[census.index.str[:5].isin(["12030", "12034"])]
    assert members.sum() == 26_208
    assert pop[2021] == 26_208
    bimd = io.read_bimd_population("bimd_population_2011")["pop_total"]
    assert pop[2011] == bimd[bimd.index.str[:5].isin(["12030", "12034"])].sum() == 24_744
    energy = trends.energy_series("12041", level="gemeente", years=[2021]).iloc[0]
    assert energy["elek_res_n"] == 10_854


@pytest.mark.integration
def test_flanders_reference_series_against_statbel(mirror: Path) -> None:
    pop = trends.flemish_population().set_index("year")["value"]
    # Statbel, population on 1 January 2021 of the Flemish Region: 6 653 062 (the census)
    assert pop[2021] == 6_653_062
    # the BIMD's populations of 2001 and 2011, summed over the Flemish sectors
    assert (pop[2001], pop[2011]) == (5_967_044, 6_303_815)
    energy = trends.flemish_energy()
    assert set(energy["method"]) == {"exact"}  # Fluvius has every Flemish sector each year
    assert energy.attrs["coverage"]["elek_per_connection"] == (9_490, 9_490)
    # income: the deelgemeenten with a value in every year; checked against Statbel's
    # complete municipal table (TF_PSNL_INC_TAX_MUNTY), 2005-2013
    income = trends.flemish_income().set_index("year")
    assert set(income["method"]) == {trends.PANEL}
    summed, total = income.attrs["coverage"]["income_mean"]
    # every Flemish deelgemeente (1 352, the members of the 2019 mergers by their own codes),
    # 938 of them with a value in each of 2005-2019
    assert (summed, total) == (938, 1_352)
    munty = pd.read_csv(
        mirror
        / "statbel_via_BelgiumMaps.StatBel/statbel_fiscal_income_municipality_2005_2013_belgium.csv",
        dtype={"CD_MUNTY_REFNIS": str},
    )
    flemish = munty[munty["CD_MUNTY_REFNIS"].isin(areas.flemish_municipalities(2011))]
    sums = flemish.groupby("CD_YEAR")[["MS_TOT_NET_TAXABLE_INC", "MS_NBR_NON_ZERO_INC"]].sum()
    whole = sums["MS_TOT_NET_TAXABLE_INC"] / sums["MS_NBR_NON_ZERO_INC"]
    assert len(whole) == 9
    for year, mean in whole.items():
        # the panel is within 0.5 % of the whole region's mean (measured: -0.3 to -0.4 %)
        assert income.loc[year, "value"] == pytest.approx(mean, rel=0.005)
    with pytest.raises(DataError, match="no source for \\[1991\\]"):
        trends.flemish_population([1991])


@pytest.mark.integration
def test_the_income_series_checked_against_statbels_municipal_table() -> None:
    checks = trends.income_checks(["24062", "12041"])
    rows = checks.set_index("unit")
    assert list(checks["check"]) == [
        "income_reference",
        "income_reference",
        "income_reference_flanders",
    ]
    # the same Statbel figures, published twice: a check of the processing, not independent
    assert not checks["independent"].any()
    # Leuven, and Puurs-Sint-Amands as the sum of its members' rows (12030 + 12034): equal
    # up to PinC's whole euros, in each of the nine years 2005-2013
    for code in ("24062", "12041"):
        assert rows.loc[code, "n"] == 9
        assert rows.loc[code, "result"] == "agrees"
        assert rows.loc[code, "value"] < 1e-6
    # Flanders over its panel of deelgemeenten: 0.33 % off the whole (within 1 %)
    assert rows.loc["02000", "value"] == pytest.approx(0.0033, abs=0.0002)
    assert rows.loc["02000", "result"] == "agrees"
    sentence = trends.check_sentence(checks, "nl")
    assert sentence is not None
    assert "Leuven klopt (gemiddeld inkomen per aangifte 2005–2013, grootste verschil 0,000" in (
        sentence
    )
    assert (
        "Vlaanderen, over de deelgemeenten met een waarde in elk jaar, klopt binnen 1\u00a0%"
        in (sentence)
    )
    assert "2014–2019 niet te toetsen" in sentence
    english = str(trends.check_sentence(checks, "en"))
    assert (
        "Flanders, over the deelgemeenten with a value in every year, agrees within 1%" in english
    )


def test_the_check_sentence_counts_the_municipalities_that_agree_past_five() -> None:
    from wijkanalyse import validation

    rows = [
        validation.check_row(
            check="income_reference",
            level="gemeente",
            unit=str(k),
            name=f"G{k}",
            n=9,
            value=0.0 if k else 0.02,
            result="agrees" if k else "differs",
            detail="mean income per return 2005-2013: largest difference",
        )
        for k in range(7)
    ]
    sentence = str(trends.check_sentence(validation.checks_table(rows), "nl"))
    # six agree and are counted; the one that differs is named with its difference
    assert "6 van de 7 gemeenten kloppen; G0 wijkt af (gemiddeld inkomen per aangifte " in sentence
    assert "2,000\u00a0%" in sentence
    assert "G1" not in sentence


def test_a_series_that_differs_from_its_reference_says_so() -> None:
    from wijkanalyse.trends._checks import _check

    ours = pd.Series([100.0, 121.0, 130.0], index=[2005, 2006, 2014])
    ref = pd.Series([100.0, 110.0], index=[2005, 2006])
    row = _check("income_reference", "gemeente", "x", "X", ours, ref, 0.001)
    # 121 / 110 - 1 = 0.1 in 2006; 2014 has no reference and is not compared
    assert (row["n"], row["result"]) == (2, "differs")
    assert row["value"] == pytest.approx(0.1)
    assert "2005-2006" in str(row["detail"])
    assert "(2006)" in str(row["detail"])
    none = _check("income_reference", "gemeente", "x", "X", ours, ref.iloc[:0], 0.001)
    assert none["result"] == "no_reference"
    assert trends.check_sentence(trends.income_checks([], flanders=False), "nl") is None


def test_a_given_ledger_decides_its_year() -> None:
    from wijkanalyse.indicators.suppression import Ledger

    # sectors a, b, c of one wijk; 2021 has a small count (3) that the study's ledger has
    # withheld together with b; 2011 has none
    rows = [
        ("a", 2011, 40.0),
        ("b", 2011, 50.0),
        ("c", 2011, 60.0),
        ("a", 2021, 3.0),
        ("b", 2021, 45.0),
        ("c", 2021, 70.0),
    ]
    sectors = pd.DataFrame(rows, columns=["unit", "year", "value"]).assign(
        level="sector", na_reason=None
    )
    units = pd.DataFrame(
        {"unit": ["W", "W"], "level": "wijk", "year": [2011, 2021], "value": [150.0, 118.0]}
    ).assign(na_reason=None)
    groups = {"wijk": {"W": ["a", "b", "c"]}}
    study = Ledger(
        pd.DataFrame({"pop_total": [3, 45, 70]}, index=["a", "b", "c"]),
        groups=groups,
        threshold=5,
    )
    s, u = trends.protect_counts(
        sectors, units, groups, threshold=5, given={2021: (study, "pop_total")}
    )
    held = s[s["value"].isna()]
    expected = study.reasons()["pop_total"].dropna()
    assert set(held["unit"]) == set(expected.index)
    assert len(held) == len(expected)
    assert set(held["year"]) == {2021}
    assert u["value"].notna().all()  # the wijk total is published by both


def test_every_trend_series_is_documented_in_both_languages() -> None:
    from report_language import foreign_words

    table = trends.list_series()
    assert list(table.index) == list(trends.SERIES)
    for series, row in table.iterrows():
        # each text in its own language, and the two differ (not one copied into the other)
        for col, lang in (("definition", "en"), ("caveat", "en"), ("label_en", "en")):
            assert foreign_words(str(row[col]), lang) == [], (series, col)
        for col in ("definition_nl", "caveat_nl", "label_nl"):
            assert foreign_words(str(row[col]), "nl") == [], (series, col)
        assert row["definition"] != row["definition_nl"]
        assert row["caveat"] != row["caveat_nl"]
    assert trends.get_series("bimd_decile").change == "rank"
    assert "not that its deprivation grew or fell in absolute terms" in trends.BIMD_CAVEAT
    with pytest.raises(SchemaError, match="Did you mean 'population'"):
        trends.get_series("populaton")
    label = _i18n.Label("series", "elek_per_connection")
    areas_ = _i18n.note("trends_areas_sectors")
    note = _i18n.note("trends_flanders_panel", series=label, summed=1, total=2, areas=areas_)
    assert "elektriciteit per aansluiting: de som over de 1 van 2 sectoren" in note.render("nl")
    assert "electricity per connection: the sum over the 1 of 2 sectors" in note.render("en")


# --------------------------------------------------------------------------- the study


def test_the_trends_table_refuses_years_it_has_no_data_for() -> None:
    from pydantic import ValidationError

    from wijkanalyse.study.config import TrendsSection

    with pytest.raises(ValidationError, match="no population data for \\[1991\\]"):
        TrendsSection(population=[1991, 2011])
    with pytest.raises(ValidationError, match="two or more different years"):
        TrendsSection(energy=[2021])
    assert TrendsSection(income=[]).income == []  # an empty list leaves the series out
    assert TrendsSection(bimd=[2011, 2001]).bimd == [2001, 2011]


@pytest.mark.integration
def test_leuven_run_writes_the_trends_with_their_method_and_signals(leuven_run: Any) -> None:
    out = leuven_run.out
    wijken = pd.read_csv(out / "trends_wijken.csv", dtype={"unit": str})
    pop = wijken[(wijken["series"] == "population") & (wijken["kind"] == "level")]
    per_wijk = pop[pop["level"] == "wijk"]
    # the wijk totals of each year are the source totals (nothing withheld at wijk level)
    assert per_wijk.groupby("year")["value"].sum().astype(int).to_dict() == {
        2001: 88_606,
        2011: 96_928,
        2021: 101_032,
    }
    assert per_wijk["method"].notna().all()  # the method named per row
    assert set(per_wijk.loc[per_wijk["year"] == 2011, "method"]) == {"exact"}
    # energy per connection per wijk and year; income per deelgemeente
    assert {"elek_per_connection", "gas_per_connection", "income_median", "income_mean"} <= set(
        wijken["series"]
    )
    # every series is documented (trends_definitions.csv), and Flanders is the reference
    definitions = pd.read_csv(out / "trends_definitions.csv").set_index("series")
    assert set(wijken["series"]) <= set(definitions.index)
    flanders = wijken[wijken["level"] == "gewest"]
    assert set(flanders["unit"]) == {trends.FLANDERS_CODE}
    assert {"population", "elek_per_connection", "income_mean"} <= set(flanders["series"])
    city_energy = wijken[
        (wijken["level"] == "gemeente") & (wijken["series"] == "elek_per_connection")
    ]
    assert city_energy.loc[city_energy["year"] == 2021, "value"].round().tolist() == [2_559]
    sectors = pd.read_csv(out / "trends_sectors.csv", dtype={"unit": str, "wijk": str})
    deciles = sectors[(sectors["series"] == "bimd_decile") & (sectors["kind"] == "change")]
    a00 = deciles[deciles["unit"] == "24062A00-"].iloc[0]
    assert a00["change"] == -1  # decile 3 in 2001, 2 in 2011
    # no person count from 1 to 4 is published, level or change
    people = sectors[sectors["series"] == "population"]
    small = people["value"].between(1, 4) | people["change"].abs().between(0.5, 4)
    assert not small.any(), people[small]
    signals = pd.read_csv(out / "trends_signals.csv", dtype={"unit": str, "gemeente": str})
    assert set(signals["kind"]) >= {"population_growth", "relative_deprivation"}
    assert "Vaartkom" in set(signals.loc[signals["kind"] == "population_growth", "name"])
    # the student sectors among the fallen ones, joined on the real sector codes: Centrum/
    # station's four (the index flags them on the BIMD's evidence), Kesseldal none
    fell = signals[signals["kind"] == "relative_deprivation"].set_index("name")
    assert fell.loc["Centrum/station", "n_fell_student"] == 4
    assert fell.loc["Kesseldal", "n_fell_student"] == 0
    # the unlocated residents (0 in 2001, 85 in 2021) are no wijk to signal
    assert not signals["unit"].map(vocab.is_pseudo_wijk).any()
    summary = "\n".join(leuven_run.summary)
    assert "Signalen (Leuven" in summary
    assert "Bevolking Leuven: 2001 88\u202f606 · 2011 96\u202f928 · 2021 101\u202f032" in summary
    # the city report's "Signalen", with the evidence and what a change can say
    page = (out / "report" / "index.html").read_text(encoding="utf-8")
    section = page.split('<section id="signalen">', 1)[1].split("</section>", 1)[0]
    assert "Vaartkom" in section
    assert "Toevalsband (95 %)" in section
    assert "niet dat zijn deprivatie in absolute zin groeide" in section
    # the outside reference, shown good or bad
    checks = pd.read_csv(out / "trends_checks.csv", dtype={"unit": str})
    assert set(checks["result"]) == {"agrees"}
    assert "Toets tegen Statbels eigen inkomenstabel per gemeente" in summary
    assert "Leuven klopt" in section
    # the census year is withheld in the trend tables exactly as in the sectors layer (one
    # ledger), so that the two together give nothing away
    layer = pd.read_csv(out / "sectors.csv", dtype={"sector": str}).set_index("sector")
    census = people[(people["year"] == 2021) & (people["kind"] == "level")].set_index("unit")
    withheld_layer = set(layer.index[layer["pop_total"].isna() & layer.index.isin(census.index)])
    assert set(census.index[census["value"].isna()]) == withheld_layer
    # each wijk's "Evolutie": the chart against Leuven and Flanders, what its population did
    wijk = (out / "report" / "wijk-240621.html").read_text(encoding="utf-8")
    trend = wijk.split('<section id="evolutie">', 1)[1].split("</section>", 1)[0]
    assert "naast Leuven en Vlaanderen" in trend
    assert 'src="data:image/svg+xml;base64,' in trend
    assert "Inwoners: 2001 3\u202f430 · 2011 3\u202f570 · 2021 3\u202f736" in trend
    assert "2001: benadering" in trend
    assert "toevalsband" in trend
    assert "deelgemeente Wilsele (Leuven)" in trend
    assert "niet gecorrigeerd voor inflatie" in trend
    area = (out / "report" / "gebied-hoogland.html").read_text(encoding="utf-8")
    assert 'id="evolutie"' not in area
    prov = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    used = {d["id"] for d in prov["datasets"]}
    assert {"bimd_population_2001", "pinc_income_deelgemeenten_2005_2019"} <= used
