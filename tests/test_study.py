from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from conftest import check_written_counts

from wijkanalyse import io
from wijkanalyse._errors import CRSError, DataError, SchemaError, VintageError
from wijkanalyse.datasets import fetch
from wijkanalyse.study import RunResult, Study

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

MINIMAL = {"study": {"name": "Leuven", "municipality": "24062"}}


def _census_totals(nis_prefixes: list[str]) -> tuple[int, int]:
    """Census 2021 totals computed straight from the CSV, independently of the package."""
    raw = pd.read_csv(fetch("statbel_census2021_age65"), dtype={"cd_sector": str})
    rows = raw[raw["cd_sector"].str[:5].isin(nis_prefixes)]
    return int(rows["x65"].sum() + rows["rest"].fillna(0).sum()), int(rows["x65"].sum())


# --------------------------------------------------------------------------- validation


def test_unknown_keys_and_wrong_types_are_all_reported() -> None:
    raw = {
        "study": {"name": "Leuven", "municipality": "24062", "vintage": "2024", "munic": 1},
        "data": {"populaton": "statbel_census2021_age65"},
        "facilities": [{"source": "osm2015_points", "types": "pharmacy"}],
    }
    with pytest.raises(SchemaError) as info:
        Study.from_dict(raw, name="bad.toml")
    msg = str(info.value)
    assert msg.startswith("study file 'bad.toml' has 4 problems:")
    assert "study.vintage: Input should be 2024 or 2025 (got '2024')" in msg
    assert "unknown key 'study.munic'; did you mean 'municipality'?" in msg
    assert "unknown key 'data.populaton'; did you mean 'population'?" in msg
    assert "facilities.0.types: Input should be a valid list (got 'pharmacy')" in msg


def test_missing_and_malformed_values() -> None:
    with pytest.raises(
        SchemaError, match=r"study: Value error, give exactly one of 'municipality'"
    ):
        Study.from_dict({"study": {"name": "x"}})
    with pytest.raises(
        SchemaError, match=r"must be a 5-digit NIS code such as '24062' \(Leuven\), got '2406'"
    ):
        Study.from_dict({"study": {"name": "x", "municipality": "2406"}})
    # a NIS code written as a TOML integer is read as text
    assert (
        Study.from_dict({"study": {"name": "x", "municipality": 24062}}).config.study.municipality
        == "24062"
    )


def test_unknown_sources_are_named(tmp_path: Path) -> None:
    raw = {**MINIMAL, "data": {"population": "statbel_census_2021", "income": "data/inc.csv"}}
    with pytest.raises(SchemaError) as info:
        Study.from_dict(raw, base_dir=tmp_path)
    msg = str(info.value)
    assert (
        "data.population: 'statbel_census_2021' is neither a dataset id nor a file path. Did you mean 'statbel_census2021_age65'"
        in msg
    )
    assert "data.income: file 'data/inc.csv' does not exist" in msg


def test_toml_syntax_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[study\nname = 'x'\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="study file 'bad.toml' is not valid TOML"):
        Study.from_toml(bad)
    with pytest.raises(DataError, match="does not exist"):
        Study.from_toml(tmp_path / "nope.toml")


def test_target_groups_must_be_population_columns(mirror: Path) -> None:
    raw = {**MINIMAL, "target_groups": {"pop_families": {"label_nl": "gezinnen"}}}
    with pytest.raises(
        SchemaError, match=r"target_groups: pop_families is not a population column of 'statbel"
    ):
        Study.from_dict(raw).load()
    # collected with every other problem of the study, not raised alone
    raw = {
        **raw,
        "areas": [{"name": "Wijgmaal", "wijken": ["240621"]}],
        "study": {"name": "Tienen", "municipality": "24107"},
    }
    with pytest.raises(SchemaError, match=r"has 2 problems:\n  - target_groups: pop_families"):
        Study.from_dict(raw).load()
    with pytest.raises(SchemaError, match="a target group is a population column"):
        Study.from_dict({**MINIMAL, "target_groups": {"seniors": {"label_nl": "x"}}})


def test_vintage_2025_with_2024_census_is_refused(mirror: Path) -> None:
    raw = {
        "study": {"name": "Leuven", "municipality": "24062", "vintage": 2025},
        "data": {"sectors": "statbel_sector_centroids_2024"},
    }
    with pytest.raises(
        VintageError,
        match="geometry 'statbel_sector_centroids_2024' is of sector vintage 2024, but vintage 2025 was asked",
    ):
        Study.from_dict(raw).load()


# --------------------------------------------------------------------------- Leuven


def test_leuven_totals(leuven_run: RunResult) -> None:
    sectors = pd.read_csv(leuven_run.out / "sectors.csv", dtype={"sector": str, "wijk": str})
    wijken = pd.read_csv(leuven_run.out / "wijken.csv", dtype={"wijk": str})
    assert len(sectors) == 119
    # the loaded data keep every person ...
    data = leuven_run.data
    assert int(data.sectors["pop_total"].sum()) == 101_032
    assert int(data.sectors["pop_65plus"].sum()) == 16_872
    assert int(data.wijken["pop_total"].sum()) == 101_032
    assert int(data.wijken["pop_65plus"].sum()) == 16_872
    # ... the written files withhold counts below 5 and say so
    for frame, col, expected in (
        (sectors, "pop_total", 101_032),
        (sectors, "pop_65plus", 16_872),
        (wijken, "pop_total", 101_032),
        (wijken, "pop_65plus", 16_872),
    ):
        check_written_counts(frame, col, expected)
    # 24062B27- (4 residents) and 24062D390 (4 aged 65+) are withheld, each with a second
    # sector of its wijk; the two sectors absent from the census have 0 residents, shown
    held = sectors["pop_total_suppressed_reason"].notna()
    assert held.sum() == 4
    assert int(sectors["pop_total"].sum()) == 101_032 - int(
        data.sectors.loc[sectors.loc[held, "sector"], "pop_total"].sum()
    )
    named = wijken[~wijken["wijk"].str.endswith("ONB")]
    assert len(named) == 24
    assert named["wijk_name"].notna().all()
    assert {"Wijgmaal", "Blauwput", "Wilsele Dorp", "Ridderbuurt", "Korbeek-Lo"} <= set(
        named["wijk_name"]
    )
    assert wijken.loc[wijken["wijk"] == "240628", "pop_total"].item() == 831  # Kareelveld
    assert wijken.loc[wijken["wijk"] == "240622", "pop_total"].item() == 5_903  # Wilsele Putkapel
    required = {
        "sector",
        "name",
        "vintage",
        "wijk",
        "wijk_name",
        "deelgemeente",
        "pop_total",
        "pop_65plus",
        "income_median",
    }
    assert required <= set(sectors.columns)
    assert (sectors["vintage"] == 2024).all()
    assert {"wijk", "wijk_name", "pop_total", "pop_65plus"} <= set(wijken.columns)


def test_leuven_missing_values_stay_missing(leuven_run: RunResult) -> None:
    sectors = pd.read_csv(leuven_run.out / "sectors.csv", dtype={"sector": str})
    na = sectors["income_median"].isna()
    assert 0 < na.sum() < 10
    assert not (sectors["income_median"] == 0).any()
    reasons = set(sectors.loc[na, "income_median_na_reason"])
    assert reasons <= {"suppressed_by_source", "absent_from_source"}
    assert sectors.loc[~na, "income_median_na_reason"].isna().all()


def test_leuven_geopackage(leuven_run: RunResult) -> None:
    gpkg = leuven_run.out / "wijkanalyse.gpkg"
    layers = {name for name, _ in pyogrio.list_layers(gpkg)}
    assert layers == {"sectors", "wijken", "facilities", "areas", "service_areas", "basemap"}
    outlines = gpd.read_file(gpkg, layer="areas").set_index("area")
    # whole wijken are outlined by their wijk polygons; Hoogland (a 2025 sector inside a
    # 2024 sector) only by an approximation around its centroid
    assert outlines["how"].to_dict() == {
        "Hoogland": "voronoi",
        "Wijgmaal": "wijken",
        "Wilsele Dorp": "wijken",
        "Blauwput": "wijken",
    }
    wijk_poly = gpd.read_file(gpkg, layer="wijken").set_index("wijk").geometry
    assert outlines.geometry["Wijgmaal"].symmetric_difference(wijk_poly["240621"]).area < 1.0
    assert 0 < outlines.geometry["Hoogland"].area < wijk_poly.area.max()
    reach = gpd.read_file(gpkg, layer="service_areas")
    assert set(reach["type"]) == {"buurtcentrum", "lokaal_dienstencentrum"}
    ldc = reach[(reach["type"] == "lokaal_dienstencentrum")]
    assert sorted(set(ldc["minutes"])) == [10.0, 15.0]
    # a 15-minute reach contains the 10-minute reach of the same centre (up to the polygon
    # approximation of the round buffer ends: at most 1 m, so a few m² along the edge)
    for fid, block in ldc.groupby("facility_id"):
        small, large = block.sort_values("minutes").geometry.to_numpy()
        assert small.difference(large).area < 1e-5 * small.area, fid
    wijken = gpd.read_file(gpkg, layer="wijken")
    assert wijken.crs.to_epsg() == 31370
    assert int(wijken["pop_total"].sum()) == 101_032
    assert wijken.geometry.notna().sum() == 24
    sectors = gpd.read_file(gpkg, layer="sectors")
    assert len(sectors) == 119
    assert sectors.geometry.notna().sum() == 118
    facilities = gpd.read_file(gpkg, layer="facilities")
    assert {"facility_id", "name", "type"} <= set(facilities.columns)
    fac_csv = pd.read_csv(leuven_run.out / "facilities.csv")
    assert len(fac_csv) == len(facilities)
    counts = fac_csv[fac_csv["in_municipality"]]["type"].value_counts().to_dict()
    assert counts["buurtcentrum"] == 4
    assert counts["lokaal_dienstencentrum"] == 3
    assert counts["pharmacy"] == 39


def test_leuven_areas_and_provenance(leuven_run: RunResult) -> None:
    a = pd.read_csv(leuven_run.out / "areas.csv", index_col="area")
    assert list(a.index) == ["Hoogland", "Wijgmaal", "Wilsele Dorp", "Blauwput"]
    assert not a.loc["Hoogland", "exact"]
    assert a.loc["Hoogland", "sectors"] == "24062E732"
    assert "24062E73K" in a.loc["Hoogland", "note"]
    assert a.loc["Wijgmaal", "exact"]
    assert a.loc["Wijgmaal", "pop_total"] == 3_736
    prov = json.loads((leuven_run.out / "provenance.json").read_text(encoding="utf-8"))
    ids = {d["id"] for d in prov["datasets"]}
    assert {
        "statbel_census2021_age65",
        "statbel_income2021",
        "osm2015_points",
        "leuven_centres_status",
        "pinc_statsec2024_als_basis",
    } <= ids
    assert all(
        d["licence"] and d["attribution"] and len(d["sha256"]) == 64 for d in prov["datasets"]
    )
    assert prov["sector_vintage"] == 2024
    assert prov["municipality"]["code"] == "24062"


def test_leuven_summary_is_dutch(leuven_run: RunResult) -> None:
    text = "\n".join(leuven_run.summary)
    assert "Leuven (NIS 24062), statistische sectoren 2024" in text
    assert (
        "Inwoners (census 2021): 101\u202f032, waarvan 65-plus: 16\u202f872 (16,7\u00a0%)" in text
    )
    assert "24 wijken + 85 inwoners niet te lokaliseren" in text
    assert "Wijgmaal (240621)" in text  # the road graph does not cover Wijgmaal


def test_english_summary(leuven_run: RunResult) -> None:
    # the summary step on the shared run's results, in English: no second run
    study = Study.from_toml(EXAMPLES / "leuven.toml").with_language("en")
    lines = study.summary(
        leuven_run.data,
        analysis=leuven_run.analysis,
        access=leuven_run.access,
        planning=leuven_run.planning,
    )
    assert "Residents (census 2021): 101,032, of whom aged 65+: 16,872 (16.7%)" in lines
    assert not any("inwoners" in line for line in lines)


# --------------------------------------------------------------------------- other municipalities


@pytest.mark.parametrize(("nis", "named_wijken"), [("24038", 17), ("44021", 25)])
def test_other_municipalities_match_the_census(
    mirror: Path, tmp_path: Path, nis: str, named_wijken: int
) -> None:
    raw: dict[str, Any] = {
        "study": {"name": "x", "municipality": nis},
        "facilities": [{"source": "osm2015_points", "types": ["pharmacy"]}],
    }
    if nis == "44021":  # Gent: outside the 2024 wijk polygons and the OSM/centres coverage
        bad = {**raw, "facilities": [{"source": "leuven_centres_reference"}, *raw["facilities"]]}
        with (
            pytest.warns(UserWarning, match="no 2024 wijk polygons"),
            pytest.raises(DataError) as err,
        ):
            Study.from_dict(bad).run(tmp_path, report=False)
        msg = str(err.value)
        assert "study 'x' for Gent (NIS 44021) has 2 problems:" in msg
        assert "facilities[0].source 'leuven_centres_reference' covers Leuven, not Gent" in msg
        assert "facilities[1].source 'osm2015_points' covers arrondissement Leuven, not" in msg
        assert not any(tmp_path.iterdir())  # refused before any output was written
        raw["facilities"] = [
            {
                "source": "hospital_emergency_campuses_2024",
                "name_col": "ziekenhuis",
                "facility_type": "hospital",
            }
        ]
        with pytest.warns(UserWarning, match="no 2024 wijk polygons"):
            result = Study.from_dict(raw).run(tmp_path, report=False)
    else:
        result = Study.from_dict(raw).run(tmp_path, report=False)
    total, old = _census_totals([nis])
    sectors = pd.read_csv(tmp_path / "sectors.csv")
    wijken = pd.read_csv(tmp_path / "wijken.csv", dtype={"wijk": str})
    data = result.data
    assert int(data.sectors["pop_total"].sum()) == total == int(data.wijken["pop_total"].sum())
    assert int(data.sectors["pop_65plus"].sum()) == old == int(data.wijken["pop_65plus"].sum())
    for frame in (sectors, wijken):  # written: withheld below 5, the rest exact
        for col, expected in (("pop_total", total), ("pop_65plus", old)):
            check_written_counts(frame, col, expected)
    assert (~wijken["wijk"].str.endswith("ONB")).sum() == named_wijken
    text = "\n".join(result.summary)
    if nis == "44021":
        assert "Geen wijkgrenzen (2024) voor 25 van de 25 wijken" in text
        assert set(pd.read_csv(tmp_path / "facilities.csv")["type"]) == {"hospital"}


def test_study_with_real_sector_polygons(mirror: Path, tmp_path: Path) -> None:
    """A user with sector polygons points [data] sectors at the official file."""
    from conftest import TINY_SECTORS, tiny_sector_frame

    path = tmp_path / "sh_statbel_statistical_sectors_31370_20240101.gpkg"
    tiny_sector_frame().to_file(path, driver="GPKG")
    raw = {"study": {"name": "Leuven", "municipality": "24062"}, "data": {"sectors": path.name}}
    result = Study.from_dict(raw, base_dir=tmp_path).run(tmp_path / "out", report=False)
    sectors = gpd.read_file(tmp_path / "out" / "wijkanalyse.gpkg", layer="sectors")
    polys = sectors[sectors.geometry.notna()]
    assert sorted(polys["sector"]) == sorted(TINY_SECTORS)
    assert (polys.geom_type == "Polygon").all()
    table = pd.read_csv(tmp_path / "out" / "sectors.csv", dtype={"sector": str}).set_index("sector")
    assert table.loc[list(TINY_SECTORS), "area_ha"].tolist() == [1.0, 1.0, 1.0]
    # x/y of a polygon is a point inside it
    x, y = table.loc["24062A00-", ["x", "y"]]
    assert 173_300 < x < 173_400
    assert 174_300 < y < 174_400
    assert int(result.data.sectors["pop_total"].sum()) == 101_032
    check_written_counts(table, "pop_total", 101_032)  # 24062B27- (4 persons) and others
    assert "119 sectoren (3 met ligging)" in "\n".join(result.summary)


# --------------------------------------------------------------------------- accessibility


@pytest.mark.integration
def test_leuven_access_outputs(leuven_run: RunResult) -> None:
    out = leuven_run.out
    # the example calibrates the detour of points off the network on the network's routes
    assert leuven_run.access is not None
    fallback = leuven_run.access.model.fallback_method
    assert re.fullmatch(r"euclidean_x1\.[345]\d?", fallback)
    near = pd.read_csv(out / "access_sectors.csv", dtype={"wijk": str})
    assert {
        "sector",
        "facility_type",
        "nearest_facility_id",
        "walk_minutes",
        "euclid_m",
        "network_m",
        "method",
    } <= set(near.columns)
    # every located sector × every facility type, once
    assert len(near) == 118 * 7
    assert not near.duplicated(["sector", "facility_type"]).any()
    located = near["walk_minutes"].notna()
    assert located.all()
    assert (near["network_m"] >= near["euclid_m"] - 1e-6).all()  # a route is never shorter
    # Wijgmaal has no streets in the 2013 graph; the OSM 2025 streets fill it: its residents
    # reach the buurtcentra over the network (the LDC Ter Putkapelle lies 1.7 km from any
    # street: distances to it are straight-line estimates, labelled)
    wijgmaal = near[near["wijk"] == "240621"]
    assert (wijgmaal.loc[wijgmaal["facility_type"] == "buurtcentrum", "method"] == "network").all()
    assert set(near["method"]) == {"network", fallback}
    # each sector by its median resident over the street points
    assert set(near["demand_model"]) == {"street_points"}
    assert (near["points"] >= 1).all()
    # the demand points carry the census counts per sector and target group exactly
    pts = leuven_run.access.demand
    sectors = leuven_run.data.sectors
    for group in ("pop_total", "pop_65plus"):
        per_sector = pts.groupby("sector")[group].sum()
        census = sectors[group].reindex(per_sector.index)
        assert (per_sector.astype(int) == census.astype(int)).all()
    assert leuven_run.access.demand_info.model == "street_points"

    cov = pd.read_csv(out / "coverage_wijken.csv", dtype={"wijk": str})
    assert {"pop_in_group", "pop_covered", "share_covered", "threshold_minutes"} <= set(cov)
    known = cov["share_covered"].notna()
    assert cov.loc[known, "share_covered"].between(0, 1).all()
    both = cov["pop_covered"].notna() & cov["pop_in_group"].notna()
    assert (cov.loc[both, "pop_covered"] <= cov.loc[both, "pop_in_group"]).all()
    total = cov[cov["level"] == "gemeente"].set_index(
        ["facility_type", "target_group", "threshold_minutes"]
    )
    # every located resident is counted: 101 032 minus the 85 without a sector
    assert total.loc[("buurtcentrum", "pop_total", 10.0), "pop_in_group"] == 100_947
    assert total.loc[("lokaal_dienstencentrum", "pop_65plus", 10.0), "pop_in_group"] == 16_872
    ten = total.loc[("lokaal_dienstencentrum", "pop_65plus", 10.0), "pop_covered"]
    fifteen = total.loc[("lokaal_dienstencentrum", "pop_65plus", 15.0), "pop_covered"]
    assert 0 < ten < 16_872
    # within 15 minutes, the city minus its published wijken would be Kesseldal's 3 people
    # (its own row is withheld): the city's count is withheld with it, with the reason
    assert pd.isna(fifteen)
    assert total.loc[("lokaal_dienstencentrum", "pop_65plus", 15.0), "suppressed"] == (
        "complementary"
    )
    # the wijken add up to the municipality
    wijk = cov[cov["level"] == "wijk"]
    sums = wijk.groupby(["facility_type", "target_group", "threshold_minutes"])[
        "pop_in_group"
    ].sum()
    assert sums.loc[("buurtcentrum", "pop_total", 10.0)] == 100_947

    gaps = pd.read_csv(out / "gaps.csv", dtype={"unit": str})
    assert set(gaps["level"]) == {"sector", "wijk", "area"}
    areas = gaps[gaps["level"] == "area"]
    assert {"Hoogland", "Wijgmaal", "Wilsele Dorp", "Blauwput"} <= set(areas["unit"])
    assert set(gaps["need_source"]) == {"index:behoefte-index"}
    w = gaps[(gaps["level"] == "wijk") & gaps["gap_rank"].notna()]
    for _, block in w.groupby(["facility_type", "target_group", "threshold_minutes"]):
        ranked = block.sort_values("gap_rank")
        # a score withheld with its count (a small split) keeps its rank
        assert ranked["gap_score"].dropna().is_monotonic_decreasing
    wijgmaal = areas[areas["unit"] == "Wijgmaal"]
    assert (wijgmaal.loc[wijgmaal["facility_type"] == "buurtcentrum", "method"] == "network").all()
    # no wijk's coverage rests on one centroid: the Vaartkom, whose centroid lies 11 minutes
    # from a buurtcentrum, has part of its residents within 10 minutes
    names = pd.read_csv(out / "wijken.csv", dtype={"wijk": str}).set_index("wijk")["wijk_name"]
    vaartkom = wijk[
        (wijk["wijk"].map(names) == "Vaartkom") & (wijk["facility_type"] == "buurtcentrum")
    ].iloc[0]
    assert 0.2 < vaartkom["share_covered"] < 0.8
    # ranges: published shares have their 5-95 % range, low <= high; a bound whose draw
    # would give a small count away is withheld, with the reason
    shown = cov["share_covered"].notna()
    bounds = cov[["share_covered_p05", "share_covered_p95"]]
    ranged = shown & bounds.notna().all(axis=1)
    assert ranged.sum() >= 0.95 * shown.sum()
    assert cov.loc[shown & ~ranged, "suppressed"].notna().all()
    assert (cov.loc[ranged, "share_covered_p05"] <= cov.loc[ranged, "share_covered_p95"]).all()
    assert vaartkom["share_covered_p05"] < vaartkom["share_covered_p95"]
    assert gaps[["share_not_covered_p05", "mean_minutes_p95"]].notna().any().all()
    eq = pd.read_csv(out / "access_equity.csv")
    assert (eq["mean_p05"] <= eq["mean_p95"]).all()

    prov = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    assert prov["access"]["profile"] == "walk"
    network = prov["access"]["network"]  # a note: its key and values, in no language
    assert network["key"] == "network_report"
    assert network["params"]["source"].startswith("leuven_road_graph_2013")
    assert prov["access"]["demand"]["approximate_areas"] is True
    assert prov["access"]["ranges"]["draws"] == 200
    text = "\n".join(leuven_run.summary)
    assert "lokaal dienstencentrum, 65-plussers binnen 10 min" in text
    assert "hemelsbreed" in text


def test_access_questions_are_checked(mirror: Path) -> None:
    raw = tomllib.loads((EXAMPLES / "leuven.toml").read_text(encoding="utf-8"))
    raw["access"]["questions"][0]["facility_type"] = "lokaal_dienstencentra"
    raw["access"]["questions"][1]["target_group"] = "pop_kids"
    raw["access"]["need"] = "income_medain"
    with pytest.raises(SchemaError) as err:
        Study.from_dict(raw, base_dir=EXAMPLES)
    msg = str(err.value)
    assert "did you mean 'lokaal_dienstencentrum'" in msg
    assert "'pop_kids' is not one of [target_groups]" in msg
    assert "did you mean 'income_median'" in msg
    raw = tomllib.loads((EXAMPLES / "leuven.toml").read_text(encoding="utf-8"))
    raw["access"]["questions"][0]["fcility_type"] = "x"
    with pytest.raises(SchemaError, match="did you mean 'facility_type'"):
        Study.from_dict(raw, base_dir=EXAMPLES)


def test_leuven_plans(leuven_run: RunResult) -> None:
    plans = pd.read_csv(leuven_run.out / "plans.csv", dtype={"wijk": str})
    for col in ("site_id", "x", "y", "rank", "marginal_gain", "objective", "status", "gap"):
        assert col in plans
    chosen = plans[plans["method"] != "greedy"]
    assert set(chosen["status"]) == {"optimal"}
    assert (chosen["gap"] == 0).all()
    ldc = chosen[chosen["question"] == "ldc_65plus"]
    # the LDC plans are chosen across the 200 draws of the access ranges (best on average)
    assert set(ldc["method"]) == {"robust_expected"}
    assert set(ldc["robust"]) == {"expected"}
    assert (ldc["draws"] == 200).all()
    # every site carries how often it is in a draw's best plan of the same size
    assert ldc["selection_frequency"].between(0, 1).all()
    assert ldc["selection_frequency"].notna().all()
    by_p = ldc.groupby("p")
    assert list(by_p.size().index) == [1, 2, 3]
    assert (by_p.size() == by_p.size().index).all()  # each plan has p sites
    # ranges of the coverage, where published: the share lies in its own range's span
    ranged = ldc.dropna(subset=["share_covered", "share_covered_p05", "share_covered_p95"])
    assert len(ranged)
    assert (ranged["share_covered_p05"] <= ranged["share_covered_p95"]).all()
    # today 580 of 16 872 65+ live within 10 min on street points; the plans add to that
    assert (ldc["pop_covered"].dropna() > 580).all()
    assert (chosen["share_covered"].dropna().between(0, 1)).all()
    # sites lie in Leuven's wijken, named after a street or stop, never after a node id
    assert chosen["wijk"].str.startswith("24062").all()
    proposed = chosen[chosen["source"].isin(["network_node", "sector"])]
    assert proposed["name"].str.startswith("nabij ").all()
    assert not chosen["name"].str.contains("n[0-9]+|node", regex=True).any()
    assert (proposed["name_m"] <= 300).all()
    # the joint question: a new LDC moves into the existing Buurtcentrum Sint-Maartensdal
    # (a shared building, a social-housing estate); the buurtcentrum goes elsewhere
    joint = chosen[chosen["question"].str.startswith("buurtwerk_ldc.")]
    assert set(joint["method"]) == {"joint"}
    shared = joint[joint["shared"].astype(bool)]
    assert list(shared["name"]) == ["Buurtcentrum Sint-Maartensdal"]
    assert list(shared["source"]) == ["other_facility"]
    assert list(shared["wijk"]) == ["240625"]
    planning = leuven_run.planning
    assert planning is not None
    existing = set(
        leuven_run.data.facilities.index[
            leuven_run.data.facilities["type"] == "lokaal_dienstencentrum"
        ]
    )
    for (name, _), plan in planning.plans.items():
        if name == "ldc_65plus":
            assert existing <= set(plan.selected.index)  # existing centres are kept
    # the robust plan's coverage range is the draws' own: recomputed from the cover draws
    info = planning.robust[("ldc_65plus", 3)]
    assert info.frequency.sum() == pytest.approx(3.0)  # three sites in every draw's plan
    curves = pd.read_csv(leuven_run.out / "plan_curves.csv")
    mine = curves["question"] == "ldc_65plus"
    both = mine & curves["exact"].notna() & curves["greedy"].notna()
    assert both.sum() >= 2
    assert (curves["exact"] >= curves["greedy"] - 1e-6)[both].all()
    assert curves.loc[mine & (curves["p"] == 0), "exact"].iat[0] == 580
    # Hoogland and Wijgmaal each get a buurtcentrum (two areas 7.6 km apart: p = 2)
    two = chosen[chosen["question"] == "buurtcentrum_hoogland_wijgmaal"]
    assert len(two) == 2
    assert two["model"].iat[0] == "p_median"
    assert set(two["name"].str.extract(r"\((.*)\)$")[0]) >= {"Wijgmaal"}
    # the efficiency-equity front: longer walks allowed, more covered
    front = pd.read_csv(leuven_run.out / "plan_fronts.csv")
    assert len(front) >= 5
    assert front["longest_minutes"].is_monotonic_increasing
    assert front["efficient"].all()
    shown = front["pop_covered"].dropna()
    assert shown.is_monotonic_increasing
    assert (front["longest_minutes"] <= front["limit_minutes"] + 1e-6).all()


def test_leuven_scenarios(leuven_run: RunResult) -> None:
    sc = pd.read_csv(leuven_run.out / "scenarios.csv", dtype={"unit": str})
    assert set(sc["scenario"]) == {
        "2 nieuwe LDC's",
        "3 nieuwe LDC's",
        "buurtcentra Hoogland en Wijgmaal",
        "LDC in Wijgmaal",
        "Buurtfunctie Blauwput open",
    }
    assert {"wijk", "gemeente", "area"} <= set(sc["level"])
    city = sc[(sc["level"] == "gemeente") & (sc["scenario"] == "3 nieuwe LDC's")].iloc[0]
    # before is today's coverage, counted on the same street points (the 65+ at 3.3 km/h,
    # Studenski et al. 2011)
    cov = pd.read_csv(leuven_run.out / "coverage_wijken.csv", dtype={"wijk": str})
    today = cov[
        (cov["level"] == "gemeente")
        & (cov["facility_type"] == "lokaal_dienstencentrum")
        & (cov["threshold_minutes"] == 10)
    ].iloc[0]
    assert city["covered_before"] == today["pop_covered"]
    assert city["pop_in_group"] == 16872
    # the plan's three sites add to it, counted on the same points as the plan itself
    assert city["covered_after"] > city["covered_before"]
    plans = pd.read_csv(leuven_run.out / "plans.csv")
    three = plans[(plans["question"] == "ldc_65plus") & (plans["p"] == 3)]
    three = three[three["method"] != "greedy"]
    if pd.notna(three["pop_covered"].iat[0]):
        assert three["pop_covered"].iat[0] == city["covered_after"]
    # ranges from paired draws: before is today's coverage range, and adding centres never
    # lowers anyone's reach within a draw
    assert city["share_covered_before_p05"] == pytest.approx(today["share_covered_p05"])
    assert city["share_covered_before_p95"] == pytest.approx(today["share_covered_p95"])
    assert city["share_covered_after_p05"] <= city["share_covered_after_p95"]
    assert city["share_covered_change_p05"] >= 0
    # adding or opening centres never lengthens a walk
    assert (sc["mean_minutes_change"].dropna() <= 1e-9).all()
    both = sc["covered_after"].notna() & sc["covered_before"].notna()
    assert (sc.loc[both, "covered_after"] >= sc.loc[both, "covered_before"] - 1e-9).all()
    # the planned Buurtfunctie Blauwput is not in today's coverage; opening it adds Blauwput
    opening = sc["scenario"] == "Buurtfunctie Blauwput open"
    blauwput = sc[opening & (sc["unit"] == "Blauwput")].iloc[0]
    assert blauwput["covered_after"] > blauwput["covered_before"]
    assert sc["share_covered_after"].dropna().between(0, 1).all()
    own = sc[(sc["scenario"] == "LDC in Wijgmaal") & (sc["unit"] == "Wijgmaal")]
    assert (own["mean_minutes_after"] < own["mean_minutes_before"]).all()
    assert (sc.loc[sc["scenario"] == "LDC in Wijgmaal", "source"] == "user").all()
    wijgmaal = sc[
        (sc["unit"] == "Wijgmaal") & (sc["scenario"] == "buurtcentra Hoogland en Wijgmaal")
    ]
    assert wijgmaal["covered_after"].iat[0] > 0


def test_plan_and_scenarios_are_checked(mirror: Path) -> None:
    raw = tomllib.loads((EXAMPLES / "leuven.toml").read_text(encoding="utf-8"))
    raw["plan"]["questions"][0]["facility_type"] = "lokaal_dienstencentra"
    raw["plan"]["questions"][1]["demand_areas"] = ["Hoogand"]
    raw["scenarios"][0]["p"] = 7
    raw["scenarios"][1]["plan"] = "ldc_65"
    with pytest.raises(SchemaError) as err:
        Study.from_dict(raw, base_dir=EXAMPLES)
    msg = str(err.value)
    assert "did you mean 'lokaal_dienstencentrum'" in msg
    assert "'Hoogand' is not one of the [[areas]]" in msg
    assert "did you mean 'Hoogland'" in msg
    assert ".p must be one of the p the question 'ldc_65plus' solves (1, 2, 3)" in msg
    assert "'ldc_65' is not a plan question" in msg
    raw = tomllib.loads((EXAMPLES / "leuven.toml").read_text(encoding="utf-8"))
    raw["scenarios"][0]["add"] = [{"name": "x", "x": 1, "y": 2}]
    raw["plan"]["questions"][0]["p"] = [0]
    with pytest.raises(SchemaError) as err:
        Study.from_dict(raw, base_dir=EXAMPLES)
    assert "a scenario from a plan takes only 'plan' and 'p'" in str(err.value)
    assert "whole numbers from 1 to 50" in str(err.value)
    raw = tomllib.loads((EXAMPLES / "leuven.toml").read_text(encoding="utf-8"))
    del raw["access"]
    with pytest.raises(SchemaError, match=r"\[plan\] and \[\[scenarios\]\] need an \[access\]"):
        Study.from_dict(raw, base_dir=EXAMPLES)


def test_user_scenario_outside_the_city(mirror: Path, tmp_path: Path) -> None:
    raw = tomllib.loads((EXAMPLES / "leuven.toml").read_text(encoding="utf-8"))
    del raw["plan"]
    raw["index"]["sensitivity"]["draws"] = 50
    raw["scenarios"] = [
        {
            "name": "lon/lat by mistake",
            "facility_type": "buurtcentrum",
            "add": [{"name": "verkeerd", "x": 4.70, "y": 50.88}],
        }
    ]
    study = Study.from_dict(raw, base_dir=EXAMPLES)
    with pytest.raises(
        DataError,
        match=r"scenarios\[0\] \(lon/lat by mistake\)\.add\[0\] \(verkeerd\): x=4\.7, y=50\.88 lies "
        r"\d+\.\d km outside Leuven; give x and y in EPSG:31370 metres",
    ):
        study.run(tmp_path / "out", report=False)
    assert not (tmp_path / "out").exists()


def test_city_sites_as_candidates(mirror: Path, tmp_path: Path) -> None:
    sites = tmp_path / "stadsgebouwen.csv"
    # two city-owned buildings: one near Wijgmaal, one in the centre (EPSG:31370)
    sites.write_text(
        "id,name,x_31370,y_31370\n"
        "g1,Gebouw Wijgmaal,173300,179500\n"
        "g2,Gebouw Centrum,173600,174300\n",
        encoding="utf-8",
    )
    raw = tomllib.loads((EXAMPLES / "leuven.toml").read_text(encoding="utf-8"))
    raw["index"]["sensitivity"]["draws"] = 50
    raw["plan"]["candidates"] = []
    raw["plan"]["sites"] = [{"source": str(sites), "id_col": "id"}]
    raw["plan"]["questions"] = [
        {
            "name": "alleen_stadsgebouwen",
            "facility_type": "lokaal_dienstencentrum",
            "target_group": "pop_65plus",
            "model": "mclp",
            "minutes": 10,
            "p": [1],
        }
    ]
    raw["plan"]["joint"] = []
    raw["scenarios"] = []
    result = Study.from_dict(raw, base_dir=EXAMPLES).run(tmp_path / "out", report=False)
    assert result.planning is not None
    cand = result.planning.candidates
    assert set(cand["source"]) == {"user"}
    assert set(cand["name"]) == {"Gebouw Wijgmaal", "Gebouw Centrum"}
    plans = pd.read_csv(tmp_path / "out" / "plans.csv")
    exact = plans[plans["method"] != "greedy"]
    assert len(exact) == 1
    assert exact["source"].iat[0] == "user"
    assert exact["name"].iat[0] in {"Gebouw Wijgmaal", "Gebouw Centrum"}


# --------------------------------------------------------------------------- regions


def test_the_study_area_is_a_municipality_or_a_region(mirror: Path, tmp_path: Path) -> None:
    both = {"study": {"name": "x", "municipality": "24062", "region": "24000"}}
    with pytest.raises(SchemaError, match="give exactly one of 'municipality'"):
        Study.from_dict(both)
    with pytest.raises(SchemaError, match=r"study.region: .*'20001' for Vlaams-Brabant\) or"):
        Study.from_dict({"study": {"name": "x", "region": "Brabant"}})
    with pytest.raises(SchemaError, match=r"study.municipality: .*got '2406'"):
        Study.from_dict({"study": {"name": "x", "municipality": ["24062", "2406"]}})
    with pytest.raises(SchemaError, match="lists no municipality"):
        Study.from_dict({"study": {"name": "x", "municipality": []}})
    assert Study.from_dict({"study": {"name": "x", "region": "Vlaanderen"}}).config.study.area == (
        "flanders"
    )
    # an arrondissement's code as 'municipality' is refused, with the way to a region study
    arr = Study.from_dict({"study": {"name": "x", "municipality": "24000"}})
    with pytest.raises(DataError, match=r'in a study file: region = "24000"'):
        arr.load()


def _sums_up(whole: pd.Series, parts: pd.DataFrame, col: str) -> None:
    """A region's count is the sum of its municipalities', where both are published.

    A count that is withheld says why (``suppressed``): e.g. the located residents of a
    municipality whose residents without a location are a small count.
    """
    if pd.notna(whole[col]) and parts[col].notna().all():
        assert whole[col] == parts[col].sum()
    for row in (whole, *(r for _, r in parts.iterrows())):
        if pd.isna(row[col]):
            assert row["suppressed"] in ("small_count", "complementary"), row


def test_study_of_two_municipalities(mirror: Path, tmp_path: Path) -> None:
    raw = {
        "study": {"name": "Leuven en Bertem", "municipality": ["24062", "24009"]},
        "facilities": [{"source": "osm2015_points", "types": ["pharmacy"]}],
        # the 65+ at the profile's 4.8 km/h: the withheld split below arises at that reach
        "target_groups": {
            "pop_total": {"label_nl": "alle inwoners"},
            "pop_65plus": {"label_nl": "65-plussers", "speed_kmh": 4.8},
        },
        "access": {
            "questions": [
                {"facility_type": "pharmacy", "target_group": "pop_65plus", "minutes": [10]}
            ]
        },
        "report": {"wijken": "none"},
    }
    result = Study.from_dict(raw).run(tmp_path, report=False)
    total, old = _census_totals(["24062", "24009"])
    data = result.data
    assert data.region.level == "gemeenten"
    assert int(data.sectors["pop_total"].sum()) == total
    assert int(data.sectors["pop_65plus"].sum()) == old
    assert set(data.sectors["gemeente"]) == {"24062", "24009"}
    cov = pd.read_csv(tmp_path / "coverage_wijken.csv", dtype={"wijk": str})
    munis = cov[cov["level"] == "gemeente"].set_index("wijk")
    assert munis.loc["24009", "name"] == "Bertem"
    assert munis.loc["24062", "name"] == "Leuven"
    whole = cov[cov["level"] == "gemeenten"].iloc[0]
    assert (whole["wijk"], whole["name"]) == ("24062+24009", "Leuven, Bertem")
    for col in ("pop_in_group", "pop_covered", "pop_not_covered"):
        _sums_up(whole, munis, col)
    ind = pd.read_csv(tmp_path / "indicators_wijken.csv", dtype={"wijk": str})
    refs = ind[ind["level"] != "wijk"]
    assert list(refs["level"]) == ["gemeenten", "arrondissement", "gewest"]
    assert refs.iloc[0]["pop_total"] == total
    text = "\n".join(result.summary)
    assert "wijkanalyse: Leuven, Bertem (NIS 24062+24009)" in text
    assert "Voorzieningen binnen het studiegebied en 3 km daarrond" in text
    # Bertem's one resident without a location (24009ZZZZ) is withheld, so Bertem's located
    # residents would give it away; and with straight-line distances the pharmacies' reach
    # splits withheld sectors from their complements (24062D390 with 4 aged 65+ from
    # 24062D591): those counts are withheld too, and the summary says so
    assert "apotheek, 65-plussers binnen 10 min: afgeschermd van afgeschermd" in text
    bertem = munis.loc["24009"]
    assert pd.isna(bertem["share_covered"])
    # withheld as the complement of its small sectors, or itself small: with residents spread
    # over the streets, few of Bertem's residents may be within reach
    assert bertem["suppressed"] in {"complementary", "small_count"}
    assert set(result.timings) == {
        "load",
        "indicators",
        "access",
        "planning",
        "write",
        "report",
        "total",
    }
    assert result.timings["total"] >= sum(v for k, v in result.timings.items() if k != "total")


@pytest.mark.integration
def test_arrondissement_leuven_run(mirror: Path, tmp_path: Path) -> None:
    study = Study.from_toml(EXAMPLES / "arrondissement_leuven.toml")
    result = study.run(tmp_path, pdf=False)
    data = result.data
    assert (data.region.level, len(data.region.municipalities)) == ("arrondissement", 30)
    total, old = _census_totals(list(data.region.municipalities))
    assert int(data.sectors["pop_total"].sum()) == total == 512_998
    assert int(data.sectors["pop_65plus"].sum()) == old
    assert len(data.sectors) == 874
    cov = pd.read_csv(tmp_path / "coverage_wijken.csv", dtype={"wijk": str})
    for _, block in cov.groupby(["facility_type", "threshold_minutes"]):
        region = block[block["level"] == "arrondissement"]
        munis = block[block["level"] == "gemeente"]
        assert len(region) == 1
        assert len(munis) == 30
        for col in ("pop_in_group", "pop_covered"):
            _sums_up(region.iloc[0], munis, col)
    methods = set(pd.read_csv(tmp_path / "access_sectors.csv")["method"].dropna())
    assert methods == {"network", "euclidean_x1.3"}  # Leuven's graph, straight lines elsewhere
    idx = pd.read_csv(tmp_path / "index_wijken.csv", dtype={"wijk": str})
    assert idx["rank"].notna().sum() >= 250
    assert idx["choice_rank_p95"].notna().sum() == idx["rank"].notna().sum()
    assert idx["data_rank_p95"].notna().sum() == idx["rank"].notna().sum()
    # 264 outlined wijken: the overview only, and the summary says how to get the others
    assert sorted(p.name for p in (tmp_path / "report").iterdir()) == ["index.html"]
    assert any("264 wijken met een omtrek (meer dan 60)" in line for line in result.summary)


@pytest.mark.integration
def test_flanders_run(mirror: Path, tmp_path: Path) -> None:
    import numpy as np

    study = Study.from_toml(EXAMPLES / "vlaanderen.toml")
    with pytest.warns(UserWarning, match="no 2024 wijk polygons for 2262 of 2526 wijken"):
        result = study.run(tmp_path, report=False)
    data = result.data
    assert (data.region.code, len(data.region.municipalities)) == ("02000", 300)
    # Statbel, census 2021: the Flemish Region had 6 653 062 inhabitants (sector code prefixes
    # are pre-2019 municipality codes, so a prefix sum would miss the merged municipalities)
    assert int(data.sectors["pop_total"].sum()) == 6_653_062
    # straight-line distance to the nearest hospital, checked against all pairs
    acc = pd.read_csv(tmp_path / "access_sectors.csv", dtype={"sector": str}).set_index("sector")
    located = data.sectors[data.sectors.geometry.notna() & ~data.sectors.geometry.is_empty]
    fac = data.facilities
    d = np.hypot(
        located.geometry.x.to_numpy()[:, None] - fac.geometry.x.to_numpy()[None, :],
        located.geometry.y.to_numpy()[:, None] - fac.geometry.y.to_numpy()[None, :],
    )
    got = acc.loc[located.index]
    np.testing.assert_allclose(got["euclid_m"], d.min(axis=1), atol=0.05)
    assert (got["nearest_facility_id"].to_numpy() == fac.index.to_numpy()[d.argmin(axis=1)]).all()
    assert set(got["method"]) == {"euclidean_x1.3"}
    sec_index = pd.read_csv(tmp_path / "index_sectors.csv", dtype={"sector": str})
    # sectors under 100 residents are not ranked ([index.flags] min_population), with the reason
    ranked = sec_index["rank"].notna()
    assert ranked.sum() > 7500
    assert set(sec_index.loc[~ranked, "not_ranked"].dropna()) == {"small"}
    assert sec_index["choice_rank_p05"].notna().sum() == sec_index["rank"].notna().sum()
    assert sec_index["data_rank_p05"].notna().sum() == sec_index["rank"].notna().sum()


def test_report_units(mirror: Path) -> None:
    from wijkanalyse.study.core import _report_units as report_units

    raw = {"study": {"name": "Leuven", "municipality": "24062"}, "report": {"wijken": ["240621"]}}
    study = Study.from_dict(raw)
    data = study.load()
    notes: list[str] = []
    assert report_units(study.config, data, notes) == ["240621"]
    bad = Study.from_dict({**raw, "report": {"wijken": ["240621", "999"]}})
    with pytest.raises(DataError, match=r"report.wijken: 999 is not a wijk with an outline in Le"):
        bad.load()
    auto = Study.from_dict({**raw, "report": {"wijken": "auto", "max_wijken": 10}})
    assert report_units(auto.config, data, notes) == []  # 24 wijken > 10: the overview only
    assert notes
    assert "24 wijken met een omtrek (meer dan 10)" in notes[0]
    assert report_units(Study.from_dict({**raw, "report": {}}).config, data, []) is None


def test_plan_without_wijk_outlines(mirror: Path, tmp_path: Path) -> None:
    # Halle has wijken in the tables but no 2024 outlines: candidates stay inside the
    # municipality, and a sector candidate keeps its wijk
    raw = {
        "study": {"name": "Halle", "municipality": "23027"},
        "facilities": [
            {
                "source": "hospital_emergency_campuses_2024",
                "facility_type": "hospital",
                "name_col": "ziekenhuis",
            }
        ],
        "access": {"questions": [{"facility_type": "hospital", "minutes": [20]}]},
        "plan": {
            "candidates": ["sectors"],
            "questions": [{"name": "h", "facility_type": "hospital", "minutes": 20, "p": [1]}],
        },
    }
    with pytest.warns(UserWarning, match="no 2024 wijk polygons"):
        result = Study.from_dict(raw).run(tmp_path, report=False)
    assert result.planning is not None
    cand = result.planning.candidates
    assert len(cand) > 0
    assert (cand["source"] == "sector").all()
    assert cand["wijk"].notna().all()
    assert set(cand["wijk"]) <= set(result.data.wijken.index)
    plans = pd.read_csv(tmp_path / "plans.csv", dtype={"wijk": str})
    exact = plans[plans["method"] != "greedy"]
    assert len(exact) == 1
    assert plans["wijk"].str.startswith("23027").all()


def test_brussels_is_refused_before_any_work(mirror: Path) -> None:
    # the sector tables do give Brussels wijken, but the study's energy, open space and
    # reference rows are Flemish: the study says so at validation, not with a KeyError later
    with pytest.raises(
        SchemaError,
        match=r"study\.municipality: 21001 \(Anderlecht\) lies in the Brussels-Capital Region, "
        r"outside Flanders\. A study covers Flemish municipalities: .*place Brussels' sectors in "
        r"wijken \(e\.g\. 21001_58 'Anderlecht Centrum - Wayez'\): in Python, "
        r"wijkanalyse\.areas\.load_sectors\('21001'\)",
    ):
        Study.from_dict({"study": {"name": "X", "municipality": "21001"}})
    with pytest.raises(
        SchemaError, match=r"study\.municipality: 21004 \(Brussel\) lies in the Brussels"
    ):
        Study.from_dict({"study": {"name": "X", "municipality": ["24062", "21004"]}})
    with pytest.raises(
        SchemaError, match=r"study\.region: 21000 \(arrondissement Brussel\) lies in the Brussels"
    ):
        Study.from_dict({"study": {"name": "X", "region": "21000"}})
    with pytest.raises(SchemaError, match=r"study\.region: 21000 \(arrondissement Brussel\) lies"):
        Study.from_dict({"study": {"name": "X", "region": "Brussel"}})


def test_a_copy_of_a_catalogued_file_is_that_dataset(mirror: Path, tmp_path: Path) -> None:
    census = fetch("statbel_census2021_age65")
    (tmp_path / "census_copy.csv").write_bytes(census.read_bytes())
    tienen = {"study": {"name": "Tienen", "municipality": "24107"}}
    copy = Study.from_dict({**tienen, "data": {"population": "census_copy.csv"}}, base_dir=tmp_path)
    ref = Study.from_dict(tienen)
    a, b = copy.load(), ref.load()
    # the same bytes are the same dataset: complete (absent sectors count 0), same provenance
    pd.testing.assert_frame_equal(a.sectors, b.sectors)
    assert a.datasets == b.datasets
    assert "statbel_census2021_age65" in a.datasets
    an, bn = copy.analyse(a), ref.analyse(b)
    pd.testing.assert_frame_equal(an.indicators["wijken"], bn.indicators["wijken"])
    assert set(an.indicators["wijken"]["level"]) == {"wijk", "gemeente", "arrondissement", "gewest"}
    # a file of one's own (one byte more) runs too; what it cannot promise is said, not a KeyError
    (tmp_path / "census_own.csv").write_bytes(census.read_bytes() + b"\n")
    own = Study.from_dict({**tienen, "data": {"population": "census_own.csv"}}, base_dir=tmp_path)
    data = own.load()
    assert "statbel_census2021_age65" not in data.datasets
    listed = io.read_census("statbel_census2021_age65").index
    absent = data.sectors.index[~data.sectors.index.isin(listed)]
    assert len(absent) == 1
    assert pd.isna(data.sectors.loc[absent[0], "pop_total"])
    assert b.sectors.loc[absent[0], "pop_total"] == 0
    notes = own.analyse(data).notes
    assert (
        "The reference rows (municipality, arrondissement, Flanders) need sources that cover "
        "Flanders; they are left out (data.population 'census_own.csv': not a catalogued "
        "dataset that covers Flanders)." in [n.render("en") for n in notes]
    )


def test_official_opendata_sectoren_population(mirror: Path, tmp_path: Path) -> None:
    # Statbel's OPENDATA_SECTOREN_2024 layout: pipe-separated, UTF-8 with BOM, decimal comma
    header = (
        "CD_REFNIS|CD_SECTOR|TOTAL|DT_STRT_SECTOR|DT_STOP_SECTOR|OPPERVLAKKTE IN HM²|"
        "TX_DESCR_SECTOR_NL|TX_DESCR_SECTOR_FR|TX_DESCR_NL|TX_DESCR_FR"
    )
    counts = {"24062A00-": 757, "24062A01-": 825, "24062A02-": 280, "24062A10-": 1204}
    rows = [
        f"24062|{code}|{n}|01/01/2020|31/12/9999|12,5|SECTOR {i}|SECTEUR {i}|Leuven|Louvain"
        for i, (code, n) in enumerate(counts.items())
    ]
    (tmp_path / "OPENDATA_SECTOREN_2024.txt").write_bytes(
        ("\n".join([header, *rows]) + "\n").encode("utf-8-sig")
    )
    study = Study.from_dict(
        {
            **MINIMAL,
            "data": {"population": "OPENDATA_SECTOREN_2024.txt"},
            "target_groups": {"pop_total": {"label_nl": "alle inwoners"}},
        },
        base_dir=tmp_path,
    )
    data = study.load()
    s = data.sectors
    # the counts come from the file; names and municipality stay the hierarchy's
    assert s.loc[list(counts), "pop_total"].tolist() == list(counts.values())
    assert int(s["pop_total"].sum()) == sum(counts.values())
    assert s.loc["24062A00-", "name"] == "Leuven-Centrum"
    assert (s["gemeente"] == "24062").all()
    # a file that is not a census lists no promise of completeness: the other sectors are NA
    assert s["pop_total"].isna().sum() == len(s) - len(counts)


@pytest.mark.filterwarnings("ignore:'crs' was not provided:UserWarning")
def test_reading_options_in_the_study_file(mirror: Path, tmp_path: Path) -> None:
    # a facility register in cp1252 (as Excel writes it) with non-ASCII names
    register = tmp_path / "ldc.csv"
    register.write_bytes(
        "name;x_31370;y_31370\n"
        "Dienstencentrum Ter Vlierbeke – café;175500;175200\n"
        "Dienstencentrum Sint-Jacob;172800;174600\n".encode("cp1252")
    )
    fac = {"source": "ldc.csv", "facility_type": "lokaal_dienstencentrum"}
    groups = {"pop_total": {"label_nl": "alle inwoners"}}
    raw = {**MINIMAL, "facilities": [fac], "target_groups": groups}
    with pytest.raises(
        DataError,
        match=r"file 'ldc\.csv' is not valid utf-8-sig text \(byte 0x96 on line 2\)\. .*pass "
        r"encoding='cp1252'\.\nIn the study file: encoding = \"cp1252\" in \[\[facilities\]\] "
        r"entry 1 \(source = 'ldc\.csv'\)\.",
    ):
        Study.from_dict(raw, base_dir=tmp_path).load()
    raw["facilities"] = [{**fac, "encoding": "cp1252"}]
    data = Study.from_dict(raw, base_dir=tmp_path).load()
    assert "Dienstencentrum Ter Vlierbeke – café" in set(data.facilities["name"])

    # a census table in cp1252, and sector points in a file that states no CRS
    census = tmp_path / "census.csv"
    census.write_bytes(
        "cd_sector,x65,rest,naam\n24062A00-,100,657,Leuven-Centrum é\n".encode("cp1252")
    )
    points = io.read_sectors("statbel_sector_centroids_2024")
    points = points[points.index.str.startswith("24062")].reset_index()
    points = points.rename(columns={"sector": "cd_sector"})[["cd_sector", "geometry"]]
    points.set_crs(None, allow_override=True).to_file(tmp_path / "punten.gpkg", engine="pyogrio")
    raw = {**MINIMAL, "data": {"population": "census.csv", "sectors": "punten.gpkg"}}
    raw["target_groups"] = groups
    with pytest.raises(
        CRSError,
        match=r"file 'punten\.gpkg' has no CRS\. Pass assume_crs='EPSG:31370' \(or the right "
        r"CRS\) if you know it\.\nIn the study file: data\.sectors = \{ source = "
        r"\"punten\.gpkg\", crs = \"EPSG:31370\" \}\.",
    ):
        Study.from_dict(raw, base_dir=tmp_path).load()
    raw["data"]["sectors"] = {"source": "punten.gpkg", "crs": "EPSG:31370"}
    with pytest.raises(
        DataError,
        match=r"pass encoding='cp1252'\.\nIn the study file: data\.population = "
        r"\{ source = \"census\.csv\", encoding = \"cp1252\" \}\.",
    ):
        Study.from_dict(raw, base_dir=tmp_path).load()
    raw["data"]["population"] = {"source": "census.csv", "encoding": "cp1252"}
    study = Study.from_dict(raw, base_dir=tmp_path)
    data = study.load()
    assert data.sectors.loc["24062A00-", "pop_total"] == 757
    assert data.sectors.geometry.notna().sum() == len(points)
    # the provenance keeps the study file's own form: a string stays a string
    dumped = study.config.model_dump(mode="json")["data"]
    assert dumped["income"] == "statbel_income2021"
    assert dumped["sectors"] == {"source": "punten.gpkg", "crs": "EPSG:31370"}


def test_reading_options_are_checked() -> None:
    raw = {
        **MINIMAL,
        "data": {
            "population": {"source": "statbel_census2021_age65", "encoding": "utf-9"},
            "sectors": {"source": "statbel_sector_centroids_2024", "crs": "EPSG:0"},
            "income": {"source": "statbel_income2021", "crs": "EPSG:31370"},
        },
        "facilities": [{"source": "leuven_centres_reference", "crs": "Lambert"}],
    }
    with pytest.raises(SchemaError) as info:
        Study.from_dict(raw)
    msg = str(info.value)
    assert (
        "data.population.encoding: Value error, 'utf-9' is not a text encoding Python knows" in msg
    )
    assert "data.sectors.crs: Value error, 'EPSG:0' is not a CRS pyproj knows" in msg
    assert "facilities.0.crs: Value error, 'Lambert' is not a CRS pyproj knows" in msg
    assert (
        "unknown key 'data.income.crs' Allowed here: source, encoding, sheet, member, year." in msg
    )


def test_unknown_keys_in_every_section_name_their_own_table() -> None:
    raw = {
        **MINIMAL,
        "data": {"population": {"source": "statbel_census2021_age65", "encodng": "cp1252"}},
        "index": {
            "domains": {"social": {"wieght": 1, "indicators": ["share_65plus"]}},
            "sensitivity": {"drows": 10},
        },
        "access": {"questions": [{"facility_type": "x", "minute": [10]}]},
        "plan": {
            "timelimit": 10,
            "questions": [{"name": "q", "facility_type": "x", "modle": "mclp"}],
            "sites": [{"source": "s.csv", "encodng": "cp1252"}],
        },
        "scenarios": [
            {"name": "s", "facility_type": "x", "add": [{"name": "a", "x": 1, "why": 2}]}
        ],
        "report": {"wijk": ["240621"]},
        "compute": {"schedular": "local"},
    }
    with pytest.raises(SchemaError) as info:
        Study.from_dict(raw)
    msg = str(info.value)
    for line in (
        "unknown key 'data.population.encodng'; did you mean 'encoding'? Allowed here: source, "
        "encoding, sheet, member, duplicates, na_values.",
        "unknown key 'index.domains.social.wieght'; did you mean 'weight'? Allowed here: weight, "
        "indicators.",
        "unknown key 'index.sensitivity.drows'; did you mean 'draws'? Allowed here: draws, seed,",
        "unknown key 'access.questions.0.minute'; did you mean 'minutes'? Allowed here: "
        "facility_type, target_group, minutes.",
        "unknown key 'plan.timelimit'; did you mean 'time_limit'? Allowed here: candidates, sites,",
        "unknown key 'plan.questions.0.modle'; did you mean 'model'? Allowed here: name, "
        "facility_type,",
        "unknown key 'plan.sites.0.encodng'; did you mean 'encoding'? Allowed here: source, types,",
        "unknown key 'scenarios.0.add.0.why' Allowed here: name, x, y.",
        "unknown key 'report.wijk'; did you mean 'wijken', 'max_wijken'? Allowed here: wijken, "
        "max_wijken, pdf, basemap, tiles.",
        "unknown key 'compute.schedular'; did you mean 'scheduler'? Allowed here: scheduler.",
    ):
        assert line in msg
    with pytest.raises(
        SchemaError,
        match=r"unknown key 'scenarios\.0\.ad'; did you mean 'add'\? Allowed here: name, "
        r"facility_type, add, close, open, plan, p\.",
    ):
        Study.from_dict({**MINIMAL, "scenarios": [{"name": "s", "ad": []}]})


def test_a_reader_hint_names_the_study_key_that_holds_it(mirror: Path, tmp_path: Path) -> None:
    # the reader says "pass year=..."; for [data] energy the year is [indicators] energy_year
    (tmp_path / "energie.csv").write_text(
        "period;geolevel;geoitem;v2506_elek_res_cons;v2506_elek_res_n;v2506_gas_res_cons;"
        "v2506_gas_res_n\n2020;statsec2019;24062A00-;1000;10;2000;5\n",
        encoding="utf-8",
    )
    study = Study.from_dict({**MINIMAL, "data": {"energy": "energie.csv"}}, base_dir=tmp_path)
    with pytest.raises(  # the load step reads every input, so it is the one that says so
        DataError,
        match=r"file 'energie\.csv' has no period 2021; it has 2020\. Pass year=\.\.\. from that "
        r"list\.\nIn the study file: indicators\.energy_year = \.\.\.$",
    ):
        study.load()


def test_municipality_given_by_name_gets_its_code(mirror: Path) -> None:
    with pytest.raises(
        SchemaError,
        match=r"got 'Kortrijk'; Kortrijk is NIS 34022: write municipality = \"34022\"$",
    ):
        Study.from_dict({"study": {"name": "K", "municipality": "Kortrijk"}})


def test_a_source_covering_part_of_a_region_cannot_answer_a_question(mirror: Path) -> None:
    raw = {
        "study": {"name": "VB", "region": "20001"},
        "facilities": [{"source": "osm2015_points", "types": ["pharmacy"]}],
        "access": {"questions": [{"facility_type": "pharmacy", "minutes": [10]}]},
    }
    with (
        pytest.raises(
            DataError,
            match=r"access.questions\[0\].facility_type 'pharmacy': its source\(s\) osm2015_points "
            r"do not cover 35 of the 65 municipalities of Vlaams-Brabant \(Asse, ",
        ),
        pytest.warns(UserWarning, match="no 2024 wijk polygons for 260 of 524 wijken"),
    ):
        Study.from_dict(raw).load()
    # the arrondissement it covers whole is fine, and a part-covering source alone is a note
    raw["study"] = {"name": "Arr", "region": "24000"}
    assert Study.from_dict(raw).load().region.code == "24000"
    note = Study.from_dict({**raw, "study": {"name": "VB", "region": "20001"}, "access": {}})
    with pytest.warns(UserWarning, match="no 2024 wijk polygons"):
        text = " ".join(map(str, note.load().notes))
    assert "Bron osm2015_points dekt arrondissement Leuven, niet Asse, Beersel" in text


@pytest.mark.integration
def test_leuven_network_distances_are_never_shorter_than_the_straight_line(
    leuven_run: RunResult,
) -> None:
    """Issue 18, item 3: on the real network, every sector × facility route ≥ its straight line."""
    from wijkanalyse.network import StreetNetwork

    acc = leuven_run.access
    assert acc is not None
    assert isinstance(acc.model, StreetNetwork)
    sectors = leuven_run.data.sectors.geometry.dropna()
    facilities = leuven_run.data.facilities.geometry
    od = acc.model.od_matrix(sectors, facilities).to_frame()
    assert len(od) == len(sectors) * len(facilities)
    assert (od["network_m"] >= od["euclid_m"] - 1e-6).all()
    routed = od[od["method"] == "network"]
    # most pairs are routed (Wijgmaal and facilities far from the graph fall back, labelled)
    assert set(od["method"]) == {"network", acc.model.fallback_method}
    assert len(routed) > len(od) / 2
    # and the published table says the same
    near = pd.read_csv(leuven_run.out / "access_sectors.csv")
    both = near["network_m"].notna() & near["euclid_m"].notna()
    assert both.sum() == 118 * 7
    assert (near.loc[both, "network_m"] >= near.loc[both, "euclid_m"] - 0.01).all()
