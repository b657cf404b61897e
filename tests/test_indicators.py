"""Indicators: hand-computed values on tiny frames, suppression, vintages, real-data totals."""

from __future__ import annotations

import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from wijkanalyse import areas, indicators, io
from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse.areas import CustomArea
from wijkanalyse.indicators import Indicator, IndicatorInputs, compute, register, unregister
from wijkanalyse.study import RunResult

# --------------------------------------------------------------------------- a tiny city

#: Four sectors in two wijken; the numbers are chosen so every expectation is easy by hand.
#:   S1 (w1): 100 residents, 20 aged 65+, median income 20 000
#:   S2 (w1):  50 residents,  3 aged 65+, median income 30 000
#:   S3 (w2):   4 residents,  1 aged 65+, income suppressed at source
#:   S4 (w2): 200 residents, 60 aged 65+, median income 40 000
CODES = ["11111A00-", "11111A01-", "11111B00-", "11111B01-"]


def tiny() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "wijk": ["w1", "w1", "w2", "w2"],
            "wijk_name": ["Noord", "Noord", "Zuid", "Zuid"],
            "name": ["S1", "S2", "S3", "S4"],
            "vintage": 2024,
            "pop_total": pd.array([100, 50, 4, 200], dtype="Int64"),
            "pop_65plus": pd.array([20, 3, 1, 60], dtype="Int64"),
            "income_median": pd.array([20_000.0, 30_000.0, None, 40_000.0], dtype="Float64"),
            "income_median_na_reason": [None, None, io.SUPPRESSED, None],
        },
        index=pd.Index(CODES, name="sector"),
    )


def test_sector_values_and_reasons() -> None:
    out = compute(tiny(), indicators=["pop_total", "pop_65plus", "share_65plus", "income_median"])
    assert out["level"].eq("sector").all()
    assert out["name"].tolist() == ["S1", "S2", "S3", "S4"]
    assert out.loc["11111A00-", "share_65plus"] == pytest.approx(20.0)
    assert out.loc["11111B01-", "share_65plus"] == pytest.approx(30.0)
    # S2: 3 persons aged 65+ -> the count and the share are withheld
    assert pd.isna(out.loc["11111A01-", "pop_65plus"])
    assert out.loc["11111A01-", "pop_65plus_suppressed_reason"] == "small_count"
    assert out.loc["11111A01-", "share_65plus_suppressed_reason"] == "small_numerator"
    # S3: 4 residents -> the population and the share are withheld
    assert out.loc["11111B00-", "pop_total_suppressed_reason"] == "small_count"
    assert out.loc["11111B00-", "share_65plus_suppressed_reason"] == "small_denominator"
    # the source's own reason is kept
    assert out.loc["11111B00-", "income_median_suppressed_reason"] == io.SUPPRESSED
    assert out.loc["11111A00-", "income_median"] == 20_000


def test_wijk_rates_are_ratios_of_sums_and_totals_are_kept() -> None:
    out = compute(tiny(), by="wijk", indicators=["pop_total", "pop_65plus", "share_65plus"])
    assert out["name"].tolist() == ["Noord", "Zuid"]
    assert out.loc["w1", "share_65plus"] == pytest.approx(100 * 23 / 150)
    # Zuid: 61 / 204, not the mean of the sector rates (25 % and 30 %)
    assert out.loc["w2", "share_65plus"] == pytest.approx(100 * 61 / 204)
    assert out.loc["w2", "share_65plus"] != pytest.approx(27.5)
    assert int(out["pop_total"].sum()) == int(tiny()["pop_total"].sum()) == 354
    assert out["pop_65plus"].tolist() == [23, 61]


def test_weighted_median_is_flagged_and_needs_coverage() -> None:
    out = compute(tiny(), by="wijk", indicators=["income_median"])
    # Noord: weights 100 and 50 -> the weighted median is S1's value
    assert out.loc["w1", "income_median"] == 20_000
    # Zuid: S3 (4 of 204 residents) has no value; S4 holds 98 % -> S4's value
    assert out.loc["w2", "income_median"] == 40_000
    assert out["income_median_note"].str.contains("approximation").all()
    strict = compute(tiny(), by="wijk", indicators=["income_median"], min_coverage=0.99)
    assert pd.isna(strict.loc["w2", "income_median"])
    assert strict.loc["w2", "income_median_suppressed_reason"] == "insufficient_coverage"


def test_overlapping_custom_areas() -> None:
    a = CustomArea(name="A", sectors=("11111A00-", "11111B00-"), vintage=2024)
    b = CustomArea(name="B", sectors=("11111B00-", "11111B01-"), vintage=2024)
    out = compute(tiny(), by=[a, b], indicators=["pop_total", "share_65plus"])
    assert out["level"].eq("area").all()
    assert out["pop_total"].tolist() == [104, 204]
    assert out.loc["A", "share_65plus"] == pytest.approx(100 * 21 / 104)
    with pytest.raises(DataError, match="custom area 'C': sectors .*99999A00-"):
        compute(tiny(), by=[CustomArea(name="C", sectors=("99999A00-",), vintage=2024)])


def test_threshold_is_configurable() -> None:
    out = compute(tiny(), indicators=["pop_65plus"], threshold=25)
    assert out["pop_65plus"].isna().tolist() == [True, True, True, False]
    out0 = compute(tiny(), indicators=["pop_65plus"], threshold=0)
    assert out0["pop_65plus"].tolist() == [20, 3, 1, 60]


def test_user_indicators_column_and_function() -> None:
    frame = tiny().assign(n_unemployed=pd.array([10, 5, 0, 20], dtype="Int64"))
    ratio = Indicator(
        id="unemployed_per_100",
        label_nl="werklozen per 100 inwoners",
        label_en="unemployed per 100 residents",
        definition="test",
        unit="per 100",
        direction="more_need",
        kind="ratio",
        numerator="n_unemployed",
        denominator="pop_total",
        scale=100,
        persons=True,
    )
    func = Indicator(
        id="old_to_young",
        label_nl="ouderen per jongere",
        label_en="old per young",
        definition="test",
        unit="ratio",
        direction="neutral",
        kind="function",
        func=lambda u: u["pop_65plus"] / (u["pop_total"] - u["pop_65plus"]),
        inputs=("pop_65plus", "pop_total"),
        denominator="pop_total",
    )
    register(ratio)
    try:
        out = compute(frame, by="wijk", indicators=["unemployed_per_100", func])
        assert out.loc["w1", "unemployed_per_100"] == pytest.approx(10.0)
        assert out.loc["w2", "unemployed_per_100"] == pytest.approx(100 * 20 / 204)
        assert out.loc["w1", "old_to_young"] == pytest.approx(23 / 127)
        with pytest.raises(SchemaError, match="already registered"):
            register(ratio)
    finally:
        unregister("unemployed_per_100")
    with pytest.raises(SchemaError, match="unknown indicator 'unemployed_per_100'"):
        indicators.get_indicator("unemployed_per_100")


def test_indicator_definition_is_checked() -> None:
    with pytest.raises(SchemaError, match="kind 'ratio' needs numerator= and denominator="):
        Indicator(
            id="x", label_nl="x", label_en="x", definition="", unit="", direction="neutral",
            kind="ratio", numerator="a",
        )  # fmt: skip
    with pytest.raises(SchemaError, match="direction 'up' must be"):
        Indicator(
            id="x", label_nl="x", label_en="x", definition="", unit="", direction="up",  # type: ignore[arg-type]
            kind="count", numerator="a",
        )  # fmt: skip


def test_compute_errors_name_the_problem() -> None:
    with pytest.raises(SchemaError, match="unknown indicator 'share_65plu'.*'share_65plus'"):
        compute(tiny(), indicators=["share_65plu"])
    with pytest.raises(
        SchemaError, match="needs input column\\(s\\) elek_res_kwh, elek_res_n, which"
    ):
        compute(tiny(), indicators=["elek_per_connection"])
    with pytest.raises(SchemaError, match="no column 'wijkk' to group by"):
        compute(tiny(), by="wijkk")
    with pytest.raises(SchemaError, match="level 'buurt' is not one of"):
        compute(tiny(), by="wijk", level="buurt")


def test_split_sector_data_are_exact_where_a_unit_holds_every_part() -> None:
    # a 2019 sector split into S1 and S2: its energy is known only for the pair
    frame = tiny().assign(
        elek_res_kwh=pd.array([None, None, 600.0, 3_000.0], dtype="Float64"),
        elek_res_n=pd.array([None, None, 5, 10], dtype="Int64"),
        elek_res_kwh_na_reason=["split_in_crosswalk", "split_in_crosswalk", None, None],
        elek_res_n_na_reason=["split_in_crosswalk", "split_in_crosswalk", None, None],
    )
    groups = pd.DataFrame(
        {"elek_res_kwh": pd.array([4_000.0], dtype="Float64"), "elek_res_n": [20]},
        index=["2019:g"],
    )
    members = pd.Series(["2019:g", "2019:g"], index=CODES[:2])
    inputs = IndicatorInputs(sectors=frame, groups=groups, members=members)
    sec = compute(inputs, indicators=["elek_per_connection"])
    assert sec["elek_per_connection_suppressed_reason"].tolist()[:2] == ["split_in_crosswalk"] * 2
    assert sec.loc["11111B00-", "elek_per_connection"] == pytest.approx(120.0)
    wijk = compute(inputs, by="wijk", indicators=["elek_per_connection"])
    assert wijk.loc["w1", "elek_per_connection"] == pytest.approx(200.0)
    assert wijk.loc["w2", "elek_per_connection"] == pytest.approx(3_600 / 15)
    half = CustomArea(name="half", sectors=(CODES[0], CODES[3]), vintage=2024)
    out = compute(inputs, by=[half], indicators=["elek_per_connection"])
    assert out.loc["half", "elek_per_connection_suppressed_reason"] == "split_across_units"


def test_facilities_area_and_density_from_polygons() -> None:
    frame = tiny()
    sq1 = shapely.box(0, 0, 1000, 1000)  # 1 km²
    sq2 = shapely.box(1000, 0, 3000, 1000)  # 2 km²
    polys = gpd.GeoSeries([sq1, sq2], index=["w1", "w2"], crs="EPSG:31370")
    fac = gpd.GeoDataFrame(
        {"type": ["pharmacy", "pharmacy", "pharmacy", "school"]},
        geometry=shapely.points([(10, 10), (500, 500), (1500, 500), (9000, 9000)]),
        crs="EPSG:31370",
    )
    extent = shapely.box(-100, -100, 10_000, 10_000)
    out = compute(frame, by="wijk", polygons=polys, facilities=fac, facility_extent=extent)
    assert out["n_pharmacy"].tolist() == [2, 1]
    assert out["n_school"].tolist() == [0, 0]
    assert out.loc["w1", "pharmacy_per_1000"] == pytest.approx(2 / 150 * 1000)
    assert out.loc["w2", "pharmacy_per_1000"] == pytest.approx(1 / 204 * 1000)
    assert out["density"].tolist() == pytest.approx([150.0, 102.0])
    # units outside the facility data's extent get NA with the reason
    out2 = compute(
        frame,
        by="wijk",
        polygons=polys,
        facilities=fac,
        facility_extent=shapely.box(0, 0, 1100, 1100),
    )
    assert out2["n_pharmacy"].isna().tolist() == [False, True]
    assert out2.loc["w2", "n_pharmacy_suppressed_reason"] == "outside_facility_coverage"
    # no polygons: no area, no density, and the reason says why
    bare = compute(frame, by="wijk", indicators=["density"])
    assert bare["density_suppressed_reason"].eq("no_polygon").all()


def test_suppress_counts() -> None:
    frame = tiny()
    out = indicators.suppress_counts(frame)
    assert out["pop_total"].isna().tolist() == [False, False, True, False]
    assert out["pop_65plus"].isna().tolist() == [False, True, True, False]
    assert out["pop_65plus_suppressed_reason"].tolist()[1] == "small_count"
    assert frame["pop_65plus"].tolist() == [20, 3, 1, 60]  # the input is not changed
    with pytest.raises(SchemaError, match="no column 'pop_x'"):
        indicators.suppress_counts(frame, ["pop_x"])


# --------------------------------------------------------------------------- real data


def test_energy_moves_to_2024_preserving_totals(mirror: Path) -> None:
    raw = io.read_energy()
    assert (raw.index.str.len() == 9).all()
    assert set(raw["vintage"]) == {2019}
    flemish = areas.load_sectors(areas.flemish_municipalities(), geometry=None, income=None)
    inp = indicators.sector_inputs(flemish, open_space=None)
    moved = inp.sectors["elek_res_n"].sum() + inp.groups["elek_res_n"].sum()
    assert int(moved) == int(raw["elek_res_n"].sum())
    assert len(inp.groups) > 0
    assert inp.members.nunique() == len(inp.groups)
    leuven = inp.sectors[inp.sectors["gemeente"] == "24062"]
    assert int(leuven["elek_res_n"].sum()) == 48_199  # data/README: Leuven 2021


def test_open_space_pseudo_sector_is_zero_not_missing(mirror: Path) -> None:
    leuven = areas.load_sectors("24062", geometry=None, income=None)
    inp = indicators.sector_inputs(leuven, energy=None)
    assert inp.sectors.loc["24062ZZZZ", "open_space_m2"] == 0
    assert inp.sectors["open_space_m2"].notna().all()
    total = io.read_open_space().filter(like="24062", axis=0)["open_space_m2"].sum()
    assert inp.sectors["open_space_m2"].sum() == total


def _census_sum(prefixes: tuple[str, ...], mirror: Path) -> int:
    path = (
        mirror / "statbel_via_TravelTime_Hospitals/statbel_census2021_age65_per_sector_belgium.csv"
    )
    raw = pd.read_csv(path, dtype={"cd_sector": str}, keep_default_na=False, na_values=["", "NA"])
    rows = raw[raw["cd_sector"].str.startswith(prefixes)]
    return int(rows["x65"].fillna(0).sum() + rows["rest"].fillna(0).sum())


def test_reference_rows_from_the_same_files(leuven_run: RunResult, mirror: Path) -> None:
    wk = pd.read_csv(leuven_run.out / "indicators_wijken.csv", dtype={"wijk": str}).set_index(
        "wijk"
    )
    refs = wk[wk["level"] != "wijk"]
    assert refs["level"].tolist() == ["gemeente", "arrondissement", "gewest"]
    assert refs.index.tolist() == ["24062", "24000", "02000"]
    assert refs.loc["24062", "pop_total"] == 101_032
    # independent sums of the raw census file: arrondissement Leuven = NIS 24xxx;
    # the Flemish Region = provinces 1x, 3x, 4x, 7x, 23 and 24
    assert refs.loc["24000", "pop_total"] == _census_sum(("24",), mirror)
    flanders = _census_sum(("1", "3", "4", "7", "23", "24"), mirror)
    assert refs.loc["02000", "pop_total"] == flanders == 6_653_062
    # density of the Flemish Region: 6.65 M residents on about 13 600 km²
    assert 470 < refs.loc["02000", "density"] < 500
    # every wijk row has the reference columns next to it
    wijk_rows = wk[wk["level"] == "wijk"]
    assert len(wijk_rows) == 25
    assert {"share_65plus", "income_median"} <= set(wk.columns)
    # the municipality's wijk sum equals the municipality row
    assert wijk_rows["pop_total"].sum() == refs.loc["24062", "pop_total"]
    # facility data only cover Leuven and 3 km around it
    assert refs.loc["02000", "n_pharmacy_suppressed_reason"] == "outside_facility_coverage"


def test_no_small_count_anywhere_in_out(leuven_run: RunResult) -> None:
    """Small-number suppression is applied before anything is written."""
    defs = pd.read_csv(leuven_run.out / "indicator_definitions.csv").set_index("id")
    counts = defs[(defs["kind"] == "count") & defs["suppress_counts_below"].notna()]
    person_counts = set(counts.index)
    assert {"pop_total", "pop_65plus"} <= person_counts
    seen = 0
    for path in sorted(leuven_run.out.glob("*.csv")):
        table = pd.read_csv(path)
        for col in table.columns:
            if col in person_counts or col in ("pop_under65", "elek_res_n", "gas_res_n"):
                values = pd.to_numeric(table[col], errors="coerce").dropna()
                # zero is published ("nobody aged 65+ lives here" names no one)
                small = (values > 0) & (values < 5)
                assert not small.any(), f"{path.name}:{col} has a count from 1 to 4"
                seen += 1
    assert seen >= 8
    sec = pd.read_csv(leuven_run.out / "indicators_sectors.csv", dtype={"sector": str})
    sec = sec.set_index("sector")
    # 24062B27- has 4 residents: its count and every rate on it are withheld
    assert pd.isna(sec.loc["24062B27-", "pop_total"])
    assert pd.isna(sec.loc["24062B27-", "share_65plus"])
    assert sec.loc["24062B27-", "share_65plus_suppressed_reason"] == "small_denominator"
    # rates whose numerator counts fewer than 5 persons are withheld too
    small_num = sec["share_65plus_suppressed_reason"].eq("small_numerator")
    assert small_num.any()
    assert sec.loc[small_num, "share_65plus"].isna().all()


def test_leuven_indicator_values_make_sense(leuven_run: RunResult) -> None:
    wk = pd.read_csv(leuven_run.out / "indicators_wijken.csv", dtype={"wijk": str}).set_index(
        "wijk"
    )
    leuven = wk.loc["24062"]
    assert leuven["share_65plus"] == pytest.approx(100 * 16_872 / 101_032)
    assert 1_700 < leuven["density"] < 1_800  # 101 032 residents on 57.5 km²
    assert leuven["elek_per_connection"] == pytest.approx(2_558.6, abs=0.1)
    assert 20_000 < leuven["income_median"] < 40_000
    wijgmaal = wk.loc["240621"]
    assert wijgmaal["name"] == "Wijgmaal"
    assert wijgmaal["pop_total"] == 3_736
    assert wijgmaal["open_space_share"] > wk.loc["240629", "open_space_share"]  # vs Centrum
    assert math.isclose(wk.loc["240621", "share_65plus"], 100 * 754 / 3_736)
    areas_t = pd.read_csv(leuven_run.out / "indicators_areas.csv").set_index("area")
    assert areas_t.loc["Hoogland", "density_suppressed_reason"] == "no_polygon"
    assert areas_t.loc["Wijgmaal", "density"] == pytest.approx(wijgmaal["density"])
    dg = pd.read_csv(leuven_run.out / "indicators_deelgemeenten.csv").set_index("deelgemeente")
    assert int(dg["pop_total"].sum()) == 101_032
    defs = pd.read_csv(leuven_run.out / "indicator_definitions.csv").set_index("id")
    assert "approximation" in defs.loc["income_median", "aggregation"]
    assert defs.loc["share_65plus", "aggregation"] == "ratio of sums"
    assert np.isfinite(wk.loc[wk["level"] == "wijk", "share_65plus"].dropna()).all()


def test_ratio_over_sectors_with_data_needs_coverage() -> None:
    # Fluvius leaves some cells empty: a wijk's ratio is taken over the member sectors that
    # have both numerator and denominator, if they hold at least 90 % of its residents
    frame = tiny().assign(
        elek_res_kwh=pd.array([1_000.0, 500.0, None, 3_000.0], dtype="Float64"),
        elek_res_n=pd.array([10, 5, None, 10], dtype="Int64"),
    )
    out = compute(frame, by="wijk", indicators=["elek_per_connection"])
    assert out.loc["w1", "elek_per_connection"] == pytest.approx(100.0)
    assert "elek_per_connection_note" not in out or pd.isna(
        out.loc["w1", "elek_per_connection_note"]
    )
    # Zuid: S3 (4 of 204 residents) lacks data -> ratio over S4, labelled
    assert out.loc["w2", "elek_per_connection"] == pytest.approx(300.0)
    assert "98.0% of residents" in out.loc["w2", "elek_per_connection_note"]
    # the big sector missing instead: 2 % coverage is not enough
    worse = frame.assign(
        elek_res_kwh=pd.array([1_000.0, 500.0, 60.0, None], dtype="Float64"),
        elek_res_n=pd.array([10, 5, 6, None], dtype="Int64"),
    )
    out2 = compute(worse, by="wijk", indicators=["elek_per_connection"])
    assert pd.isna(out2.loc["w2", "elek_per_connection"])
    assert out2.loc["w2", "elek_per_connection_suppressed_reason"] == "insufficient_coverage"


def test_density_with_a_missing_member_is_na_not_an_error() -> None:
    # a unit's area comes from its polygon, not from its sectors: when a member sector lacks
    # its population, the density cannot be taken over "the members with data"
    frame = tiny().assign(pop_total=pd.array([100, None, 4, 200], dtype="Int64"))
    polys = gpd.GeoSeries(
        [shapely.box(0, 0, 1000, 1000), shapely.box(1000, 0, 3000, 1000)],
        index=["w1", "w2"],
        crs="EPSG:31370",
    )
    out = compute(frame, by="wijk", polygons=polys, indicators=["density", "pop_total"])
    assert pd.isna(out.loc["w1", "density"])
    assert out.loc["w1", "density_suppressed_reason"] == "member_missing"
    assert out.loc["w2", "density"] == pytest.approx(102.0)


def test_every_builtin_says_what_it_is_in_dutch_too() -> None:
    from wijkanalyse.indicators import definitions
    from wijkanalyse.indicators.definitions import facility_indicators
    from wijkanalyse.indicators.registry import get_indicator

    builtin = [*definitions._BUILTINS, *definitions._BIMD_INDICATORS]
    shown = [get_indicator(i.id) for i in builtin]  # as registered
    shown += facility_indicators(["doctors", "school", "buurtcentrum"])
    for ind in shown:
        assert ind.definition_nl, ind.id
        assert bool(ind.caveat_nl) == bool(ind.caveat), ind.id
    labels = {i.id: i.label_nl for i in facility_indicators(["doctors", "school"])}
    # a count takes the plural: "aantal huisartsen", never "aantal huisarts"
    assert labels == {
        "n_doctors": "aantal huisartsen",
        "doctors_per_1000": "huisartsen per 1 000 inwoners",
        "n_school": "aantal scholen",
        "school_per_1000": "scholen per 1 000 inwoners",
    }
