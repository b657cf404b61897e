from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from wijkanalyse import areas, indicators, io, settings
from wijkanalyse._errors import CRSError, DataError, DataWarning, SchemaError, VintageError
from wijkanalyse.areas import CustomArea, aggregate, lookup, regions, vintages

LEUVEN = "24062"


# --------------------------------------------------------------------------- tiny fixture


def _tiny() -> pd.DataFrame:
    """Six sectors in two wijken; counts chosen so sums are easy to check by hand."""
    return pd.DataFrame(
        {
            "wijk": ["W1", "W1", "W2", "W2", "W2", "W1"],
            "pop_total": pd.array([10, 20, 30, 40, 50, 60], dtype="Int64"),
            "pop_65plus": pd.array([1, 2, 3, pd.NA, 5, 6], dtype="Int64"),
            "share": [0.1, 0.1, 0.1, 0.0, 0.1, 0.1],
            "vintage": 2024,
        },
        index=pd.Index([f"24062A0{i}-" for i in range(6)], name="sector"),
    )


def test_aggregate_by_column_by_hand() -> None:
    out = aggregate(_tiny(), "wijk", columns=["pop_total", "pop_65plus"])
    assert list(out.index) == ["W1", "W2"]  # order of first appearance
    assert out.loc["W1", "pop_total"] == 10 + 20 + 60
    assert out.loc["W2", "pop_total"] == 30 + 40 + 50
    assert out.loc["W1", "pop_65plus"] == 1 + 2 + 6
    assert pd.isna(out.loc["W2", "pop_65plus"])  # one member unknown → the sum is unknown
    assert out["n_sectors"].tolist() == [3, 3]
    assert str(out["pop_total"].dtype) == "Int64"


def test_aggregate_skip_reports_missing() -> None:
    out = aggregate(_tiny(), "wijk", columns=["pop_65plus"], na="skip")
    assert out.loc["W2", "pop_65plus"] == 8
    assert out.loc["W2", "pop_65plus_n_missing"] == 1
    assert out.loc["W1", "pop_65plus_n_missing"] == 0


def test_aggregate_default_columns_are_the_counts() -> None:
    out = aggregate(_tiny(), "wijk")
    assert list(out.columns) == ["pop_total", "pop_65plus", "n_sectors"]


def test_aggregate_refuses_rates_and_unassigned_sectors() -> None:
    with pytest.raises(SchemaError, match="sums counts only; share are not integer columns"):
        aggregate(_tiny(), "wijk", columns=["share"])
    t = _tiny()
    t.loc["24062A02-", "wijk"] = None
    with pytest.raises(DataError, match="1 sectors have no wijk: 24062A02-"):
        aggregate(t, "wijk")
    with pytest.raises(SchemaError, match="no column 'buurt' to group by"):
        aggregate(_tiny(), "buurt")


def test_aggregate_custom_areas_may_overlap() -> None:
    a = CustomArea("A", ("24062A00-", "24062A01-"), 2024)
    b = CustomArea("B", ("24062A01-", "24062A02-"), 2024)
    out = aggregate(_tiny(), [a, b], columns=["pop_total"])
    assert out.loc["A", "pop_total"] == 30
    assert out.loc["B", "pop_total"] == 50
    with pytest.raises(DataError, match="sectors 24062Z99- are not in the data"):
        aggregate(_tiny(), [CustomArea("C", ("24062Z99-",), 2024)])


def test_aggregate_by_mapping() -> None:
    mapping = {code: ("N" if i < 3 else "S") for i, code in enumerate(_tiny().index)}
    out = aggregate(_tiny(), mapping, columns=["pop_total"])
    assert out["pop_total"].to_dict() == {"N": 60, "S": 150}


@hyp_settings(max_examples=60, deadline=None)
@given(
    counts=st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=40),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    n_groups=st.integers(min_value=1, max_value=8),
)
def test_aggregate_preserves_totals(counts: list[int], seed: int, n_groups: int) -> None:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "g": rng.integers(0, n_groups, len(counts)).astype(str),
            "pop_total": pd.array(counts, dtype="Int64"),
        },
        index=[f"24062X{i:03d}" for i in range(len(counts))],
    )
    out = aggregate(frame, "g")
    assert int(out["pop_total"].sum()) == sum(counts)
    assert int(out["n_sectors"].sum()) == len(counts)


def test_real_aggregation_preserves_totals_at_every_level(mirror: Path) -> None:
    sectors = areas.load_sectors(LEUVEN)
    total = int(sectors["pop_total"].sum())
    assert total == 101_032
    for level in ("wijk", "deelgemeente", "gemeente"):
        out = aggregate(sectors, level)
        assert int(out["pop_total"].sum()) == total, level
        assert int(out["pop_65plus"].sum()) == 16_872, level
    assert list(aggregate(sectors, "gemeente").index) == [LEUVEN]


# --------------------------------------------------------------------------- vintages


def test_detect_vintage(mirror: Path) -> None:
    h24 = areas.hierarchy(2024, gemeente=LEUVEN)
    h25 = areas.hierarchy(2025, gemeente=LEUVEN)
    assert areas.detect_vintage(h24.index) == 2024
    assert areas.detect_vintage(h25.index) == 2025
    assert areas.detect_vintage(["24062E73L"]) == 2025
    with pytest.raises(VintageError, match=r"fit no single vintage.*24062A00K"):
        areas.detect_vintage(["24062A00-", "24062A00K", "24062D691"])


def test_check_vintage_names_the_other_vintage(mirror: Path) -> None:
    with pytest.raises(
        VintageError,
        match=r"census: 2 of 3 sector codes are not 2024 codes: 2 are 2025 codes \(e\.g\. 24062A00K, 24062E73L\).*crosswalk",
    ):
        areas.check_vintage(["24062A02-", "24062A00K", "24062E73L"], 2024, what="census")
    areas.check_vintage(["24062A02-", "24062ZZZZ"], 2025)  # unchanged code, pseudo-sector
    with pytest.raises(VintageError, match="1 are in no known vintage"):
        areas.check_vintage(["24062Q99X"], 2024)
    with pytest.raises(SchemaError, match="unknown sector vintage 2023"):
        areas.check_vintage(["24062A02-"], 2023)


# --------------------------------------------------------------------------- hierarchy


def test_leuven_hierarchy_2024(mirror: Path) -> None:
    h = areas.hierarchy(2024, gemeente=LEUVEN)
    assert len(h) == 119
    named = h[~h["wijk"].str.endswith("ONB")]
    assert named["wijk"].nunique() == 24
    assert named["wijk_name"].notna().all()
    assert h.loc["24062F40-", ["wijk", "wijk_name"]].tolist() == ["240621", "Wijgmaal"]
    assert h.loc["24062ZZZZ", "wijk"] == "24062ONB"
    assert h.loc["24062A00-", "deelgemeente_name"] == "Leuven (Dg.)"
    assert set(h["gemeente_name"]) == {"Leuven"}


def test_leuven_wijk_areas(mirror: Path) -> None:
    w = areas.wijk_areas(2024, gemeente=LEUVEN)
    assert list(w.index[:3]) == ["240621", "240622", "240623"]
    assert w.index[-1] == "24062ONB"
    assert w.geometry["24062ONB"] is None
    assert w.loc["2406213", "wijk_name"] == "Blauwput"
    assert w["n_sectors"].sum() == 119
    assert float(w["area_km2"].sum()) == pytest.approx(57.50, abs=0.01)
    # every 2024 sector centroid lies in the polygon of its own wijk (data README)
    sectors = areas.load_sectors(LEUVEN, population=None, income=None)
    located = sectors[sectors.geometry.notna()]
    polys = w.geometry.reindex(located["wijk"]).to_numpy()
    assert all(p.contains(pt) for p, pt in zip(polys, located.geometry, strict=True))


def test_wijk_areas_outside_the_polygon_coverage_warn(mirror: Path) -> None:
    with pytest.warns(
        UserWarning,
        match=r"wijkanalyse: no 2024 wijk polygons for 25 of 25 wijken of municipality 44021",
    ):
        w = areas.wijk_areas(2024, gemeente="44021")
    assert w.geometry.isna().all()
    assert len(w) == 26


def test_municipality_errors(mirror: Path) -> None:
    with pytest.raises(
        DataError,
        match=r"24000 is the NIS code of arrondissement Leuven \(Arr\.\), not of a municipality\. Its municipalities include",
    ):
        areas.municipality("24000")
    with pytest.raises(
        SchemaError, match="municipality must be a 5-digit NIS code such as '24062'"
    ):
        areas.municipality("2406")
    with pytest.raises(DataError, match=r"25005 \(Bevekom\) is outside Flanders and Brussels"):
        areas.municipality("25005")
    with pytest.raises(
        DataError,
        match=r"24063 is not a municipality code of vintage 2024\. Codes nearby: .*24062 Leuven",
    ):
        areas.municipality("24063")


def test_merged_municipality_of_2025_in_2024_sectors(mirror: Path) -> None:
    h = areas.hierarchy(2024)
    members = sorted(h.loc[h["gemeente_2025"] == "44086", "gemeente"].unique())
    assert len(members) >= 2
    m = areas.municipality("44086", vintage=2024)
    assert m.members == tuple(members)
    assert set(m.sectors) == set(h.index[h["gemeente"].isin(members)])
    census = io.read_census()
    expected = sum(
        int(census.loc[census.index.isin(areas.municipality(g).sectors), "pop_total"].sum())
        for g in members
    )
    sectors = areas.load_sectors("44086", income=None)
    assert int(sectors["pop_total"].sum()) == expected


def test_municipality_polygon(mirror: Path) -> None:
    p = areas.municipality_polygon(LEUVEN)
    assert p.area / 1e6 == pytest.approx(57.50, abs=0.01)
    with pytest.raises(DataError, match="no municipality polygon for 25005"):
        areas.municipality_polygon("25005")


# --------------------------------------------------------------------------- crosswalk


def test_crosswalk_2025_to_2024_for_hoogland(mirror: Path) -> None:
    cw = areas.crosswalk(2025, 2024)
    hoog = cw[cw["sector_2025"] == "24062E73L"]
    assert hoog["sector_2024"].tolist() == ["24062E732"]
    assert hoog["relation"].tolist() == ["merge"]  # E73K + E73L (2025) → E732 (2024)
    assert not hoog["exact"].any()
    assert bool(hoog["centroid_check"].iloc[0])
    same = cw[cw["sector_2025"] == "24062A02-"]
    assert same["relation"].tolist() == ["same"]
    assert same["exact"].all()


def test_crosswalk_2024_to_2025_relations(mirror: Path) -> None:
    cw = areas.crosswalk(2024, 2025)
    split = cw[cw["sector_2024"] == "24062A05-"]
    assert sorted(split["sector_2025"]) == ["24062A05K", "24062A05L", "24062A05M"]
    assert set(split["relation"]) == {"split"}
    vanished = cw[cw["sector_2024"] == "24062D691"]
    assert vanished["relation"].tolist() == ["unmatched"]
    assert vanished["sector_2025"].isna().all()
    # the 2025 wijk of a vanished sector is still known through its centroid
    assert vanished["wijk_2025_of_centroid"].notna().all()
    linked = cw[cw["relation"].isin(["same", "recoded", "split", "merge"])]
    # the code rule agrees with the wijk polygons for the great majority of links
    assert linked["centroid_check"].dropna().mean() > 0.9


def test_crosswalk_2019_2024_official(mirror: Path) -> None:
    cw = areas.crosswalk(2019, 2024)
    row = cw[cw["sector_2019"] == "12030ZZZZ"]
    assert row["sector_2024"].tolist() == ["12041ZZZZ"]
    assert set(cw["method"]) == {"official_table"}
    with pytest.raises(DataError, match="no crosswalk from 2011 to 2025"):
        areas.crosswalk(2011, 2025)


def test_crosswalk_2011_to_2024_through_2019(mirror: Path) -> None:
    cw = areas.crosswalk(2011, 2024)
    assert set(cw["method"]) == {"same_code+official_table"}
    leuven = cw[cw["sector_2011"].str.startswith("24062")]
    # Leuven's sectors of 2011 (the BIMD's 115 and the unpopulated ones) keep their codes
    assert (leuven["relation"] == "same").all()
    assert leuven["exact"].all()
    assert (leuven["sector_2011"] == leuven["sector_2024"]).all()
    # Antwerp's district boundaries moved in 2019: linked by code, never called exact
    antwerp = cw[cw["sector_2011"].str.startswith("11002")]
    assert len(antwerp) > 0
    assert not antwerp["exact"].any()
    # a Walloon sector: the 2019 list covers Flanders and Brussels only
    namur = cw[cw["sector_2011"].str.startswith("92094")]
    assert len(namur) > 0
    assert (namur["relation"] == "unmatched").all()
    assert namur["sector_2024"].isna().all()
    # a 2019 sector split in 2024 is a split from 2011 (not exact) and a merge back (exact)
    split = cw[cw["sector_2011"] == "31004ZZZZ"]
    assert sorted(split["sector_2024"]) == ["31004X0JQ", "31004ZZZZ"]
    assert (split["relation"] == "split").all()
    assert not split["exact"].any()
    back = areas.crosswalk(2024, 2011)
    assert list(back.columns[:2]) == ["sector_2024", "sector_2011"]
    merged = back[back["sector_2011"] == "31004ZZZZ"]
    assert (merged["relation"] == "merge").all()
    assert merged["exact"].all()
    assert areas.crosswalk(2011, 2019)["relation"].isin(["same", "unmatched"]).all()


# --------------------------------------------------------------------------- custom areas


def test_custom_area_from_sectors_and_translation(mirror: Path) -> None:
    hoog = areas.custom_area("Hoogland", sectors=["24062E73L"])
    assert hoog.vintage == 2025
    assert hoog.exact
    in24 = hoog.to_vintage(2024)
    assert in24.sectors == ("24062E732",)
    assert not in24.exact
    assert in24.extra_sectors == ("24062E73K",)
    assert "figures cover more than Hoogland" in in24.note
    unchanged = areas.custom_area("Stadspark", sectors=["24062A02-"], vintage=2025).to_vintage(2024)
    assert unchanged.sectors == ("24062A02-",)
    assert unchanged.exact
    with pytest.raises(VintageError, match="custom area 'Mix'"):
        areas.custom_area("Mix", sectors=["24062A00-", "24062A00K"], vintage=2024)
    with pytest.raises(SchemaError, match="pass either sectors"):
        areas.custom_area("None")


def test_custom_area_from_polygon(mirror: Path) -> None:
    sectors = areas.load_sectors(LEUVEN, population=None, income=None)
    wijgmaal = areas.wijk_areas(2024, gemeente=LEUVEN).geometry["240621"]
    area = areas.custom_area("Wijgmaal", polygon=wijgmaal, sectors_frame=sectors)
    assert set(area.sectors) == set(sectors.index[sectors["wijk"] == "240621"])
    as_lonlat = gpd.GeoSeries([wijgmaal], crs=31370).to_crs(4326)
    with pytest.raises(
        CRSError, match="sectors_frame is in EPSG:31370 but polygon is in EPSG:4326"
    ):
        areas.custom_area("W", polygon=as_lonlat, sectors_frame=sectors)
    with pytest.raises(DataError, match="no sector .*lies within the polygon"):
        areas.custom_area("Nowhere", polygon=shapely.box(0, 0, 10, 10), sectors_frame=sectors)


# --------------------------------------------------------------------------- joins


def test_join_refuses_two_vintages(mirror: Path) -> None:
    s25 = areas.hierarchy(2025, gemeente=LEUVEN)[["name"]].assign(vintage=2025)
    with pytest.raises(
        VintageError,
        match=r"cannot join census of sector vintage 2024 to sectors of vintage 2025.*crosswalk\(2024, 2025\)",
    ):
        areas.join(s25, io.read_census(), what="census")


def test_join_complete_and_incomplete_tables() -> None:
    sectors = pd.DataFrame(
        {"vintage": 2024}, index=pd.Index(["24062A00-", "24062A01-"], name="sector")
    )
    table = pd.DataFrame({"n": pd.array([5], dtype="Int64"), "vintage": 2024}, index=["24062A00-"])
    complete = areas.join(sectors, table, complete=True)
    assert complete["n"].tolist() == [5, 0]
    assert "n_na_reason" not in complete
    partial = areas.join(sectors, table)
    assert partial["n"].iloc[0] == 5
    assert pd.isna(partial["n"].iloc[1])
    assert partial["n_na_reason"].tolist()[1] == "absent_from_source"
    with pytest.raises(SchemaError, match="sectors already have column"):
        areas.join(complete, table)


def test_load_sectors_matches_the_reference_join(mirror: Path) -> None:
    """The sectors frame equals the independent join made when the data was collected."""
    mine = areas.load_sectors(LEUVEN)
    from wijkanalyse.datasets import fetch

    ref = gpd.read_file(fetch("arr_leuven_sectors_2024_census_income"), layer="sectors")
    ref = ref.set_index("cd_sector")
    ref = ref[ref["gemeente2024"] == LEUVEN]
    assert len(ref) == 118
    common = mine.loc[ref.index]
    # the reference leaves sectors without census rows empty; here they are 0 (census is complete)
    ref_pop = ref["pop_total_census2021"].fillna(0).astype(int)
    assert (common["pop_total"].astype(int) == ref_pop).all()
    assert (
        common["pop_65plus"].astype(int) == ref["pop65plus_census2021"].fillna(0).astype(int)
    ).all()
    med = common["income_median"].astype(float).to_numpy()
    ref_med = ref["inc2021_median_net_taxable"].astype(float).to_numpy()
    assert np.array_equal(np.isnan(med), np.isnan(ref_med))
    assert np.allclose(med[~np.isnan(med)], ref_med[~np.isnan(ref_med)])
    d = common.geometry.distance(ref.geometry, align=True)
    assert float(d.max()) < 0.01  # same centroids, to the centimetre
    assert (common["wijk"] == ref["ggw72024"]).all()


def test_lambert_2008_as_working_crs(mirror: Path) -> None:
    from wijkanalyse import settings

    settings.working_crs = "EPSG:3812"
    sectors = areas.load_sectors(LEUVEN, population=None, income=None)
    assert sectors.crs.to_epsg() == 3812
    located = sectors[sectors.geometry.notna()]
    assert located.geometry.x.between(665_000, 685_000).all()  # Leuven in Lambert 2008
    w = areas.wijk_areas(2024, gemeente=LEUVEN)
    assert w.crs.to_epsg() == 3812
    assert float(w["area_km2"].sum()) == pytest.approx(57.50, abs=0.05)


def test_area_outlines_by_hand() -> None:
    from shapely.geometry import Point, box

    from wijkanalyse.areas import area_outlines

    crs = "EPSG:31370"
    # two wijken: W1 = [0, 2000] × [0, 1000] with sectors at x = 500 and 1500; W2 next to it
    wijken = gpd.GeoDataFrame(
        {"wijk_name": ["Een", "Twee"]},
        geometry=[box(0, 0, 2000, 1000), box(2000, 0, 3000, 1000)],
        index=pd.Index(["W1", "W2"], name="wijk"),
        crs=crs,
    )
    sectors = gpd.GeoDataFrame(
        {"wijk": ["W1", "W1", "W2"]},
        geometry=[Point(500, 500), Point(1500, 500), Point(2500, 500)],
        index=["S1", "S2", "S3"],
        crs=crs,
    )
    out = area_outlines(
        {"west": ["S1"], "twee": ["S3"], "alles": ["S1", "S2", "S3"]}, sectors, wijken
    )
    assert out["how"].to_dict() == {"west": "voronoi", "twee": "wijken", "alles": "wijken"}
    # S1's Voronoi cell within W1 is the half left of x = 1000 (midway between the centroids)
    assert out.geometry["west"].symmetric_difference(box(0, 0, 1000, 1000)).area < 1e-6
    assert out.geometry["twee"].symmetric_difference(wijken.geometry["W2"]).area < 1e-6
    assert out.geometry["alles"].area == pytest.approx(3_000_000)
    with pytest.raises(DataError, match="S9"):
        area_outlines({"x": ["S9"]}, sectors, wijken)


# --------------------------------------------------------------------------- regions


def test_regions_of_every_level(mirror: Path) -> None:
    h = areas.hierarchy(2024)
    one = areas.region(LEUVEN)
    assert (one.level, one.name, one.municipalities, one.is_municipality) == (
        "gemeente",
        "Leuven",
        (LEUVEN,),
        True,
    )
    assert set(one.sectors) == set(areas.municipality(LEUVEN).sectors)
    arr = areas.region("24000")
    assert (arr.level, arr.name, len(arr.municipalities)) == (
        "arrondissement",
        "Leuven (Arr.)",
        30,
    )
    assert set(arr.sectors) == set(h.index[h["arrondissement"] == "24000"])
    assert len(arr.sectors) == 874  # the data README's count for arrondissement 24000
    prov = areas.region("20001")
    assert prov.level == "provincie"
    assert set(arr.municipalities) < set(prov.municipalities)
    flanders = areas.region("Vlaanderen")
    assert (flanders.code, flanders.level) == ("02000", "gewest")
    assert flanders.municipalities == tuple(areas.flemish_municipalities(2024))
    assert len(flanders.municipalities) == 300
    assert areas.region("flanders") == flanders
    pair = areas.region(["24062", "24009"])
    assert (pair.level, pair.code, pair.name) == ("gemeenten", "24062+24009", "Leuven, Bertem")
    assert pair.municipality_names == {"24062": "Leuven", "24009": "Bertem"}
    assert areas.region(["24062"]) == one


def test_region_outlines(mirror: Path) -> None:
    # the data README: arrondissement Leuven 1 169.2 km², Leuven 57.50 km²
    assert areas.region_polygon(areas.region("24000")).area / 1e6 == pytest.approx(1169.2, abs=0.1)
    assert areas.region_polygon(areas.region(LEUVEN)).area / 1e6 == pytest.approx(57.50, abs=0.01)
    pair = areas.region_polygon(areas.region(["24062", "24009"]))
    parts = areas.municipality_polygon("24062").area + areas.municipality_polygon("24009").area
    assert pair.area == pytest.approx(parts, rel=1e-9)  # neighbours: the union adds nothing


def test_outlines_follow_the_working_crs(mirror: Path) -> None:
    # cached outlines are keyed on the working CRS: switching it never returns the old CRS
    arr, leuven = areas.region("24000"), areas.region(LEUVEN)
    in_72 = {r.code: areas.region_polygon(r) for r in (arr, leuven)}
    settings.working_crs = "EPSG:3812"
    for r in (arr, leuven):
        in_08 = areas.region_polygon(r)
        expected = gpd.GeoSeries([in_72[r.code]], crs="EPSG:31370").to_crs("EPSG:3812").iloc[0]
        assert in_08.hausdorff_distance(expected) < 0.01
        assert in_08.centroid.distance(in_72[r.code].centroid) > 500_000  # not the old CRS
    assert areas.municipality_polygon(LEUVEN).equals(areas.region_polygon(leuven))
    assert areas.wijk_areas(2024, gemeente=LEUVEN).crs.to_epsg() == 3812
    settings.working_crs = "EPSG:31370"
    assert areas.region_polygon(leuven).equals(in_72[LEUVEN])


# --------------------------------------------------------------------------- caches


@pytest.mark.parametrize(
    ("owner", "name", "maxsize"),
    [
        (vintages, "sector_codes", len(areas.VINTAGES)),
        (vintages, "_full_hierarchy", len(areas.VINTAGES)),
        (vintages, "_crosswalk_2024_2025", 2),
        (lookup, "_successors", 1),
        (regions, "_union_of_municipalities", 8),
    ],
)
def test_area_caches_are_bounded(owner: object, name: str, maxsize: int) -> None:
    # an lru_cache with a small maxsize: no process-wide memo that grows without bound
    assert getattr(owner, name).cache_info().maxsize == maxsize


def test_sector_codes_cache_one_entry_per_vintage(mirror: Path) -> None:
    vintages.sector_codes.cache_clear()
    first = {v: areas.sector_codes(v) for v in areas.VINTAGES}
    again = {v: areas.sector_codes(v) for v in areas.VINTAGES}
    info = vintages.sector_codes.cache_info()
    n = len(areas.VINTAGES)
    assert (info.currsize, info.misses, info.hits) == (n, n, n)
    assert all(again[v] is first[v] for v in areas.VINTAGES)
    # codes do not depend on the working CRS: the same entries serve both
    settings.working_crs = "EPSG:3812"
    assert areas.sector_codes(2024) is first[2024]
    # the catalogue files are hash-verified, so a fresh read gives the same codes
    vintages.sector_codes.cache_clear()
    assert areas.sector_codes(2025) == first[2025]


def test_hierarchy_cache_is_not_handed_out(mirror: Path) -> None:
    vintages._full_hierarchy.cache_clear()
    table = areas.hierarchy(2024, gemeente=LEUVEN)
    table["wijk"] = "changed"
    assert (areas.hierarchy(2024, gemeente=LEUVEN)["wijk"] != "changed").all()
    assert vintages._full_hierarchy.cache_info().currsize == 1


def test_successors_cache_holds_one_table(mirror: Path) -> None:
    lookup._successors.cache_clear()
    assert areas.find_area("Melle").merged_into == "44088"
    assert areas.find_area("Hasselt").code == "71072"
    assert lookup._successors.cache_info().currsize == 1


def test_crosswalk_cache_is_keyed_on_the_working_crs(mirror: Path) -> None:
    vintages._crosswalk_2024_2025.cache_clear()
    in_72 = areas.crosswalk(2024, 2025)
    settings.working_crs = "EPSG:3812"
    in_08 = areas.crosswalk(2024, 2025)
    assert vintages._crosswalk_2024_2025.cache_info().currsize == 2  # one entry per CRS
    links = ["sector_2024", "sector_2025", "relation", "method", "exact", "wijk_2025"]
    pd.testing.assert_frame_equal(in_08[links], in_72[links])
    # the centroid check ran in each CRS; a reprojection moves no centroid across a border
    assert (in_08["centroid_check"] == in_72["centroid_check"]).fillna(True).all()
    settings.working_crs = "EPSG:31370"
    assert areas.crosswalk(2024, 2025).equals(in_72)
    assert vintages._crosswalk_2024_2025.cache_info().currsize == 2


def test_region_errors(mirror: Path) -> None:
    with pytest.raises(SchemaError, match="list of municipalities is empty"):
        areas.region([])
    with pytest.raises(SchemaError, match=r"municipalities 24062 are listed twice"):
        areas.region(["24062", "24062"])
    with pytest.raises(DataError, match="24000 is the NIS code of arrondissement"):
        areas.region(["24062", "24000"])
    with pytest.raises(DataError, match="24063 is not a municipality code"):
        areas.region("24063")
    with pytest.raises(SchemaError, match="region must be a 5-digit NIS code"):
        areas.region("Brabant")
    with pytest.raises(
        DataError,
        match=r"'04000' is the Brussels-Capital Region; the sector tables know it as "
        r"arrondissement 21000 \(Brussel\), its 19 municipalities 21001 to 21019\. Use "
        r"region\('21000'\)\.",
    ):
        areas.region("04000")


def test_brussels_in_the_api(mirror: Path) -> None:
    # the PinC tables place Brussels' sectors in wijken; population and income are known,
    # energy and open space (Flanders only) are NA with a reason, never a KeyError
    assert areas.in_brussels("21001")
    assert areas.in_brussels("Brussel")
    assert not areas.in_brussels("24062")
    arr = areas.region("21000")
    assert (arr.level, len(arr.municipalities)) == ("arrondissement", 19)
    sectors = areas.load_sectors("21001")
    assert sectors["wijk"].notna().all()
    with pytest.warns(DataWarning, match="no 2024 wijk polygons for 19 of 19 wijken"):
        wijken = areas.wijk_areas(2024, gemeente="21001")
    inputs = indicators.sector_inputs(sectors)
    out = indicators.compute(inputs, by="wijk", polygons=wijken.geometry, threshold=0)
    assert int(out["pop_total"].sum()) == int(sectors["pop_total"].sum())
    assert out["open_space_share"].isna().all()
    real = [w for w in out.index if not areas.is_pseudo_wijk(w)]
    assert set(out.loc[real, "open_space_share_suppressed_reason"]) == {"member_missing"}
    # the reference rows are Flemish: asked for Brussels they say so instead of dropping it
    with pytest.raises(
        DataError,
        match=r"reference_indicators: 21001 lie\(s\) outside the Flemish Region; the reference "
        r"rows \(the area, its arrondissement, Flanders\) are computed from the Flemish sectors",
    ):
        indicators.reference_indicators("21001")


def test_wijk_areas_of_a_region(mirror: Path) -> None:
    arr = areas.region("24000")
    w = areas.wijk_areas(2024, gemeente=arr)
    h = areas.hierarchy(2024)
    assert set(w.index) == set(h.loc[h["arrondissement"] == "24000", "wijk"])
    assert int(w["n_sectors"].sum()) == 874
    leuven = areas.wijk_areas(2024, gemeente=LEUVEN)
    assert set(leuven.index) <= set(w.index)
