"""Each study step on its own, on a tiny hand-made world whose answers are computed by hand.

The world: a 5 × 5 grid of two-way streets, 100 m apart, in the centre of Leuven; four
sectors on its corners in two wijken; one buurtcentrum on the south-west corner. Walking at
4.8 km/h (80 m a minute), a corner is 5 min from the next corner and 10 min from the
opposite one.

    A02 (0, 400)  pop 50, 65+ 10  ─────  A03 (400, 400)  pop 40, 65+ 20     wijk W2
       │                                      │
    A00 (0, 0)    pop 100, 65+ 30 ─────  A01 (400, 0)    pop 200, 65+ 3      wijk W1
       buurtcentrum "Het Hoekje"

A01's three residents aged 65+ are a count below the threshold of 5: A01 is withheld, and so
is A00, whose counts would give A01's away next to W1's public totals.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from wijkanalyse import _i18n, areas, io
from wijkanalyse._errors import SchemaError
from wijkanalyse._validate import Problems
from wijkanalyse.study import (
    StudyConfig,
    StudyData,
    _inputs,
    checks,
    load,
    provenance,
    publish,
    summary,
    write,
)
from wijkanalyse.study import accessibility as access_step
from wijkanalyse.study import analyse as analyse_step
from wijkanalyse.study import planning as planning_step
from wijkanalyse.study._sources import Sources
from wijkanalyse.study.config import AccessSection
from wijkanalyse.study.slices import AccessSlice, AnalyseSlice, NeedSlice, PlanSlice

pytestmark = pytest.mark.usefixtures("mirror")

X0, Y0 = 173000.0, 174000.0  # inside Leuven-Centrum, EPSG:31370
CRS = "EPSG:31370"
SECTORS = {
    # code: (grid i, grid j, wijk, pop_total, pop_65plus)
    "24062A00-": (0, 0, "W1", 100, 30),
    "24062A01-": (4, 0, "W1", 200, 3),
    "24062A02-": (0, 4, "W2", 50, 10),
    "24062A03-": (4, 4, "W2", 40, 20),
}


def _point(i: int, j: int) -> shapely.Point:
    return shapely.Point(X0 + 100 * i, Y0 + 100 * j)


def _road_graph(n: int = 5) -> io.RoadGraphFrames:
    ids = {(i, j): f"n{i}-{j}" for i in range(n) for j in range(n)}
    nodes = gpd.GeoDataFrame(
        {"node_id": list(ids.values())},
        geometry=[_point(i, j) for i, j in ids],
        crs=CRS,
    ).set_index("node_id")
    rows = []
    for (i, j), a in ids.items():
        for di, dj in ((1, 0), (0, 1)):
            b = ids.get((i + di, j + dj))
            if b is not None:
                line = shapely.LineString([_point(i, j), _point(i + di, j + dj)])
                rows += [(a, b, 100.0, line), (b, a, 100.0, line.reverse())]
    edges = gpd.GeoDataFrame(
        pd.DataFrame(rows, columns=["u", "v", "length_m", "geometry"]), crs=CRS
    )
    return io.RoadGraphFrames(nodes=nodes, edges=edges)


def tiny_data(config: StudyConfig | None = None) -> StudyData:
    """Return the tiny world as the load step would (with the network of ``config``)."""
    codes = list(SECTORS)
    sectors = gpd.GeoDataFrame(
        {
            "name": [f"sector {c}" for c in codes],
            "wijk": [SECTORS[c][2] for c in codes],
            "wijk_name": [f"wijk {SECTORS[c][2]}" for c in codes],
            "deelgemeente": "24062A",
            "deelgemeente_name": "Leuven (Dg.)",
            "gemeente": "24062",
            "gemeente_name": "Leuven",
            "vintage": 2024,
            "pop_total": pd.array([SECTORS[c][3] for c in codes], dtype="Int64"),
            "pop_65plus": pd.array([SECTORS[c][4] for c in codes], dtype="Int64"),
        },
        geometry=[_point(*SECTORS[c][:2]) for c in codes],
        index=pd.Index(codes, name="sector"),
        crs=CRS,
    )
    sectors["pop_under65"] = sectors["pop_total"] - sectors["pop_65plus"]
    wijken = gpd.GeoDataFrame(
        {
            "wijk_name": ["wijk W1", "wijk W2"],
            "n_sectors": [2, 2],
            "area_km2": pd.array([0.1, 0.1], dtype="Float64"),
            "pop_total": pd.array([300, 90], dtype="Int64"),
            "pop_65plus": pd.array([33, 30], dtype="Int64"),
            "pop_under65": pd.array([267, 60], dtype="Int64"),
        },
        geometry=[
            shapely.box(X0 - 50, Y0 - 50, X0 + 450, Y0 + 200),
            shapely.box(X0 - 50, Y0 + 200, X0 + 450, Y0 + 450),
        ],
        index=pd.Index(["W1", "W2"], name="wijk"),
        crs=CRS,
    )
    facilities = gpd.GeoDataFrame(
        {
            "name": ["Het Hoekje"],
            "type": ["buurtcentrum"],
            "status": ["existing"],
            "capacity": pd.array([pd.NA], dtype="Float64"),
            "source": ["tiny.csv"],
            "area": [pd.NA],
            "located_by": ["survey"],
            "location_confidence": ["high"],
            "in_municipality": [True],
        },
        geometry=[_point(0, 0)],
        index=pd.Index(["bc-1"], name="facility_id"),
        crs=CRS,
    )
    region = areas.region("24062", vintage=2024)
    data = StudyData(
        sectors=sectors,
        wijken=wijken,
        facilities=facilities,
        areas=pd.DataFrame(
            columns=["vintage", "sectors", "exact", "note", "pop_total", "n_sectors"],
            index=pd.Index([], name="area"),
        ),
        road_graph=_road_graph(),
        region=region,
        deelgemeenten=gpd.GeoSeries(
            [shapely.box(X0 - 100, Y0 - 100, X0 + 500, Y0 + 500)],
            index=pd.Index(["24062A"], name="deelgemeente"),
            crs=CRS,
        ),
    )
    if config is not None:
        graph = data.road_graph
        net = _inputs.street_network(config, _sources(config), graph, CRS)
        data = dataclasses.replace(data, network=net)
    return data


def tiny_config(**tables: object) -> StudyConfig:
    raw: dict[str, object] = {
        "study": {"name": "Tiny", "municipality": "24062"},
        "indicators": {"references": False},
        "target_groups": {
            "pop_total": {"label_nl": "alle inwoners", "label_en": "all residents"},
            "pop_65plus": {"label_nl": "65-plussers", "label_en": "residents aged 65+"},
        },
        "facilities": [{"source": "tiny.csv", "types": ["buurtcentrum"]}],
        **tables,
    }
    return StudyConfig.model_validate(raw)


ACCESS = {
    "access": {
        "speed_kmh": 4.8,
        "demand": "centroid",  # the hand-computed answers put each sector on its point
        "need": "share_65plus",
        "questions": [{"facility_type": "buurtcentrum", "minutes": [3, 6, 11]}],
    }
}
PLAN = {
    "plan": {
        "candidates": ["sectors"],
        "questions": [
            {"name": "bc", "facility_type": "buurtcentrum", "minutes": 6, "p": [1]},
        ],
    }
}


@pytest.fixture(scope="module")
def data() -> StudyData:
    return tiny_data()


def _sources(config: StudyConfig) -> Sources:
    return Sources(config.data, Path("."))


# --------------------------------------------------------------------------- checks


def test_checks_name_every_problem_at_once() -> None:
    config = tiny_config(
        access={"questions": [{"facility_type": "buurtcentra", "target_group": "pop_kids"}]}
    )
    with pytest.raises(SchemaError) as err:
        checks._check_sources(config, _sources(config), "tiny")
    text = str(err.value)
    assert "facility_type 'buurtcentra' is not a type" in text
    assert "did you mean 'buurtcentrum'" in text
    assert "target_group 'pop_kids' is not one of [target_groups]" in text


# --------------------------------------------------------------------------- analyse


def test_analyse_rates_are_ratios_of_sums(data: StudyData) -> None:
    config = tiny_config()
    result = analyse_step.analyse(AnalyseSlice.of(config), data)
    wijken = result.indicators["wijken"]
    # in percent: W1 (30 + 3) / (100 + 200); W2 (10 + 20) / (50 + 40)
    assert wijken.loc["W1", "share_65plus"] == pytest.approx(100 * 33 / 300)
    assert wijken.loc["W2", "share_65plus"] == pytest.approx(100 * 30 / 90)
    assert wijken.loc["W1", "pop_total"] == 300
    assert result.index == {}  # no [index] table, no index


def test_analyse_withholds_small_counts(data: StudyData) -> None:
    config = tiny_config()
    sectors = analyse_step.analyse(AnalyseSlice.of(config), data).indicators["sectors"]
    assert sectors["pop_65plus"].isna()["24062A01-"]
    assert sectors.loc["24062A00-", "pop_65plus"] == 30


# --------------------------------------------------------------------------- accessibility


@pytest.fixture(scope="module")
def access_result():  # type: ignore[no-untyped-def]
    config = tiny_config(**ACCESS)
    data = tiny_data(config)
    analysis = analyse_step.analyse(AnalyseSlice.of(config), data)
    acc = access_step.accessibility(AccessSlice.of(config), data, analysis)
    return config, data, analysis, acc


def test_accessibility_walks_the_grid(access_result) -> None:  # type: ignore[no-untyped-def]
    acc = access_result[-1]
    minutes = acc.nearest.xs("buurtcentrum", level="facility_type")["minutes"]
    # 0 m, 400 m, 400 m and 800 m at 80 m a minute
    assert minutes.loc["24062A00-"] == pytest.approx(0.0)
    assert minutes.loc["24062A01-"] == pytest.approx(5.0)
    assert minutes.loc["24062A02-"] == pytest.approx(5.0)
    assert minutes.loc["24062A03-"] == pytest.approx(10.0)


def test_a_step_needs_only_its_slice(data: StudyData) -> None:
    """Accessibility from a hand-made slice: [access], how need enters it, no study file."""
    section = AccessSection.model_validate(
        {
            "speed_kmh": 4.8,
            "demand": "centroid",
            "questions": [{"facility_type": "buurtcentrum"}],
        }
    )
    world = tiny_data(tiny_config(**ACCESS))  # the network of the grid
    analysis = analyse_step.analyse(AnalyseSlice.of(tiny_config()), world)
    acc = access_step.accessibility(
        AccessSlice(section, NeedSlice("share_65plus", index_name=None), scheduler=None),
        world,
        analysis,
    )
    assert acc is not None
    minutes = acc.nearest.xs("buurtcentrum", level="facility_type")["minutes"]
    assert minutes.round(6).tolist() == [0.0, 5.0, 5.0, 10.0]
    assert acc.need_source == "share_65plus"
    assert access_step.accessibility(AccessSlice(None, None, None), world) is None
    # without a NeedSlice, [access] need says what need is (here its default, the index,
    # which this world lacks: the 65+ share stands in, with a note)
    bare = access_step.accessibility(AccessSlice(section, None, None), world, analysis)
    assert bare is not None
    assert bare.need_source == "share_65plus"
    assert "access_need_fallback" in [n.key for n in bare.notes]


def test_each_target_group_walks_at_its_own_speed(data: StudyData) -> None:
    """The 65+ walk at 3.3 km/h (55 m a minute; Studenski et al. 2011) unless told."""
    config = tiny_config(
        access={
            "speed_kmh": 4.8,
            "demand": "centroid",
            "need": "share_65plus",
            "questions": [
                {"facility_type": "buurtcentrum", "target_group": "pop_65plus", "minutes": [8]}
            ],
        }
    )
    world = tiny_data(config)
    analysis = analyse_step.analyse(AnalyseSlice.of(config), world)
    acc = access_step.accessibility(AccessSlice.of(config), world, analysis)
    assert acc is not None
    assert acc.speeds == {"pop_65plus": 3.3}
    # 400 m: 5 min at 80 m/min, 400 / 55 = 7.27 min for the 65+: within 8 minutes; 800 m:
    # 14.5 min, not within (at 4.8 km/h it would be 10 min, not within either)
    sectors = world.sectors["pop_65plus"]
    cov = acc.coverage[acc.coverage["level"] == "gemeente"].iloc[0]
    within = sectors[["24062A00-", "24062A01-", "24062A02-"]].sum()
    assert cov["pop_covered"] == within
    # at 4.8 km/h on request: the same question covers the same three at 8 minutes, and a
    # 6-minute question now covers two of them
    fast = tiny_config(
        target_groups={
            "pop_total": {"label_nl": "alle inwoners"},
            "pop_65plus": {"label_nl": "65-plussers", "speed_kmh": 4.8},
        },
        access={
            "speed_kmh": 4.8,
            "demand": "centroid",
            "need": "share_65plus",
            "questions": [
                {"facility_type": "buurtcentrum", "target_group": "pop_65plus", "minutes": [6]}
            ],
        },
    )
    acc_fast = access_step.accessibility(AccessSlice.of(fast), world, analysis)
    assert acc_fast is not None
    row = acc_fast.coverage[acc_fast.coverage["level"] == "gemeente"].iloc[0]
    assert row["pop_covered"] == within  # A01 and A02 at 5 min
    six = access_step.accessibility(
        AccessSlice.of(
            tiny_config(
                access={
                    "speed_kmh": 4.8,
                    "demand": "centroid",
                    "need": "share_65plus",
                    "questions": [
                        {
                            "facility_type": "buurtcentrum",
                            "target_group": "pop_65plus",
                            "minutes": [6],
                        }
                    ],
                }
            )
        ),
        world,
        analysis,
    )
    assert six is not None
    row6 = six.coverage[six.coverage["level"] == "gemeente"].iloc[0]
    assert row6["pop_covered"] == sectors["24062A00-"]  # 7.27 min is beyond 6


def test_street_points_spread_a_sector_over_its_streets() -> None:
    """A00's residents on the midpoints of its 12 street stretches, counted by hand.

    Without sector polygons, W1 (x from -50 to 450 m) is split between A00 (0, 0) and
    A01 (400, 0) at x = 200: A00's cell is [-50, 200] × [-50, 200]. The grid's 100 m streets
    inside it (the lines x = 200 and y = 200 on its edge included) are 12 stretches, one point
    each at 100 m spacing. Along the streets from the centre at (0, 0): 2 points at 50 m,
    4 at 150 m, 4 at 250 m, 2 at 350 m, i.e. 0.625, 1.875, 3.125 and 4.375 minutes at
    80 m a minute. With 120 residents, 10 on each point.
    """
    access = {
        **ACCESS["access"],
        "demand": "street_points",
        "demand_spacing_m": 100,
        "questions": [
            {"facility_type": "buurtcentrum", "minutes": [3, 4, 5]},
            {"facility_type": "buurtcentrum", "target_group": "pop_65plus", "minutes": [5]},
        ],
    }
    config = tiny_config(access=access)
    data = tiny_data(config)
    sectors = data.sectors.copy()
    sectors.loc["24062A00-", "pop_total"] = 120
    data = dataclasses.replace(data, sectors=sectors)
    analysis = analyse_step.analyse(AnalyseSlice.of(config), data)
    acc = access_step.accessibility(AccessSlice.of(config), data, analysis)
    assert acc is not None
    assert acc.demand_info.model == "street_points"
    assert acc.demand_info.area_method == "voronoi_in_wijk"
    pts = acc.demand
    # the census counts per sector and target group, exactly
    totals = pts.groupby("sector")[["pop_total", "pop_65plus"]].sum()
    assert totals["pop_total"].to_dict() == sectors["pop_total"].astype(int).to_dict()
    assert totals["pop_65plus"].to_dict() == sectors["pop_65plus"].astype(int).to_dict()
    a00 = pts[pts["sector"] == "24062A00-"]
    assert len(a00) == 12
    assert set(a00["pop_total"]) == {10}
    minutes = acc.nearest.xs("buurtcentrum", level="facility_type")["minutes"]
    assert (
        sorted(minutes[a00.index].round(3)) == [0.625] * 2 + [1.875] * 4 + [3.125] * 4 + [4.375] * 2
    )
    gaps = acc.gaps[(acc.gaps["level"] == "sector") & (acc.gaps["target_group"] == "pop_total")]
    a = gaps.loc["24062A00-"].set_index("threshold_minutes")
    assert a["pop_affected"].to_dict() == {3.0: 60, 4.0: 20, 5.0: 0}
    assert a["mean_minutes"].iloc[0] == pytest.approx(30 / 12)
    # the sector's median resident in OUT/access_sectors.csv: between 1.875 and 3.125, the
    # first point where half the residents (60 of 120) are reached is at 1.875 minutes
    from wijkanalyse.study._demand import sector_view

    view = sector_view(pts, acc.nearest)
    assert view.loc[("24062A00-", "buurtcentrum"), "minutes"] == pytest.approx(1.875)
    assert view.loc[("24062A00-", "buurtcentrum"), "points"] == 12
    # the publish step audits each count as shares of sector counts. W2's sectors are
    # public: its counts are published as computed (an irreproducible one would be withheld).
    # A00 and A01 are withheld and W1's total is public: W1's covered count, 1/2 A00 plus a
    # share of A01, would give them away with the total, and is withheld.
    pub = publish.protect(config, data, analysis, acc, None)
    assert pub.access is not None
    cov, raw = pub.access.coverage, acc.coverage
    total = (cov["target_group"] == "pop_total") & (cov["threshold_minutes"] == 4.0)
    w2, w2_raw = cov[total & (cov.index == "W2")].iloc[0], raw[total & (raw.index == "W2")].iloc[0]
    assert 0 < w2["pop_covered"] == w2_raw["pop_covered"] < 90
    assert pd.isna(cov[total & (cov.index == "W1")].iloc[0]["pop_covered"])


def test_accessibility_coverage_per_wijk(access_result) -> None:  # type: ignore[no-untyped-def]
    acc = access_result[-1]
    cov = acc.coverage[acc.coverage["target_group"] == "pop_total"]
    got = {
        (str(unit), float(row.threshold_minutes)): int(row.pop_covered)
        for unit, row in cov.iterrows()
    }
    assert got[("W1", 3.0)] == 100  # only A00 within 3 min
    assert got[("W1", 6.0)] == 300
    assert got[("W2", 6.0)] == 50  # A02 at 5 min, A03 at 10 min
    assert got[("W2", 11.0)] == 90
    assert got[("24062", 6.0)] == 350  # the municipality's row: all four sectors


# --------------------------------------------------------------------------- planning


def test_planning_covers_the_far_corner() -> None:
    config = tiny_config(**ACCESS, **PLAN)
    data = tiny_data(config)
    analysis = analyse_step.analyse(AnalyseSlice.of(config), data)
    acc = access_step.accessibility(AccessSlice.of(config), data, analysis)
    res = planning_step.planning(PlanSlice.of(config), data, acc, analysis)
    assert res is not None
    plan = res.plans[("bc", 1)]
    # today 350 of 390 residents live within 6 min; one new site reaches A03's 40 as well
    # (A01, A02 and A03 each do), and no site can reach more
    assert plan.objective == pytest.approx(390)
    new = [s for s in plan.selected.index if not plan.selected.loc[s, "existing"]]
    assert len(new) == 1


# --------------------------------------------------------------------------- publish, write, summary


@pytest.fixture(scope="module")
def published(access_result):  # type: ignore[no-untyped-def]
    config, data, analysis, acc = access_result
    return config, publish.protect(config, data, analysis, acc, None)


def test_publish_withholds_a_small_count_and_its_complement(published) -> None:  # type: ignore[no-untyped-def]
    _, pub = published
    sectors = pub.data.sectors
    why = sectors["pop_65plus_suppressed_reason"]
    # A01 is withheld whole (its 65+ count is 3); W1's totals are public, so A00's counts
    # would give A01's away: A00 is withheld too, as the complement
    assert why.loc["24062A01-"] == "small_count"
    assert why.loc["24062A00-"] == "complementary"
    assert sectors.loc[["24062A00-", "24062A01-"], "pop_total"].isna().all()
    assert sectors.loc["24062A02-", "pop_65plus"] == 10
    assert pub.data.wijken.loc["W1", "pop_65plus"] == 33


def test_write_puts_only_published_counts_in_the_files(published, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config, pub = published
    files = write._write(config, pub.data, tmp_path)
    assert {p.name for p in files} >= {"sectors.csv", "wijken.csv", "wijkanalyse.gpkg"}
    sectors = pd.read_csv(tmp_path / "sectors.csv", dtype={"sector": str}).set_index("sector")
    assert sectors.loc[["24062A00-", "24062A01-"], "pop_65plus"].isna().all()
    assert sectors.loc["24062A01-", "pop_65plus_suppressed_reason"] == "small_count"
    assert sectors.loc["24062A03-", "pop_total"] == 40


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_summary_speaks_the_study_language(published, lang: str) -> None:  # type: ignore[no-untyped-def]
    config, pub = published
    section = config.study.model_copy(update={"language": lang})
    config = config.model_copy(update={"study": section})
    lines = summary._summary_lines(config, _sources(config), pub, None, None)
    text = "\n".join(lines)
    assert ("inwoners" in text) == (lang == "nl")
    assert ("residents" in text) == (lang == "en")
    assert "390" in text  # the study's residents


# --------------------------------------------------------------------------- the written tables

EXPECTED = Path(__file__).parent / "expected" / "tiny"
#: columns that say how long a solver ran: they differ from run to run
TIMING_COLUMNS = ("seconds", "solve_seconds")


def _tiny_outputs(out: Path, language: str = "nl") -> list[Path]:
    config = tiny_config(**ACCESS, **PLAN)
    config = config.model_copy(
        update={"study": config.study.model_copy(update={"language": language})}
    )
    data = tiny_data(config)
    analysis = analyse_step.analyse(AnalyseSlice.of(config), data)
    acc = access_step.accessibility(AccessSlice.of(config), data, analysis)
    plans = planning_step.planning(PlanSlice.of(config), data, acc, analysis)
    pub = publish.protect(config, data, analysis, acc, plans)
    assert pub.analysis is not None
    assert pub.access is not None
    assert pub.planning is not None
    files = write._write(config, pub.data, out)
    files += write._write_analysis(config, pub.analysis, out)
    files += write._write_access(config, pub.access, pub.data, out)
    files += write._write_planning(config, pub.planning, out)
    # the record names every input file with its checksum: the facility register's here
    (out / "tiny.csv").write_text("the tiny world's register\n", encoding="utf-8")
    src = Sources(config.data, out)
    files.append(
        provenance._write_provenance(
            config, src, pub.data, out, pub.analysis, pub.access, pub.planning
        )
    )
    return sorted(p for p in files if p.suffix == ".csv")


def test_written_tables_are_unchanged(tmp_path: Path) -> None:
    """Every CSV of the tiny world, cell by cell as text, against the committed tables.

    A change that alters an output table (a column, its order, a number's format, a value)
    fails here and names the cell. After a *deliberate* change, regenerate the expected
    tables with ``WIJKANALYSE_REGENERATE=1 pytest tests/test_study_steps.py -k unchanged``
    and review the diff before committing it.
    """
    files = _tiny_outputs(tmp_path)
    if os.environ.get("WIJKANALYSE_REGENERATE") == "1":
        EXPECTED.mkdir(parents=True, exist_ok=True)
        for old in EXPECTED.glob("*.csv"):
            old.unlink()
        for path in files:
            shutil.copy(path, EXPECTED / path.name)
    assert [p.name for p in files] == sorted(p.name for p in EXPECTED.glob("*.csv"))
    for path in files:
        got = pd.read_csv(path, dtype=str, keep_default_na=False)
        want = pd.read_csv(EXPECTED / path.name, dtype=str, keep_default_na=False)
        got = got.drop(columns=[c for c in TIMING_COLUMNS if c in got])
        want = want.drop(columns=[c for c in TIMING_COLUMNS if c in want])
        assert list(got.columns) == list(want.columns), path.name
        pd.testing.assert_frame_equal(got, want, obj=path.name)


def test_provenance_is_the_same_in_either_language(tmp_path: Path) -> None:
    """Notes are kept as keys and values: the record does not depend on the study language."""
    records = {}
    for lang in ("nl", "en"):
        (tmp_path / lang).mkdir()
        _tiny_outputs(tmp_path / lang, lang)
        record = json.loads((tmp_path / lang / "provenance.json").read_text(encoding="utf-8"))
        record.pop("created")
        record["study"]["study"].pop("language")
        for plan in record["planning"]["plans"]:
            plan.pop("solve_seconds")
        for entry in record["input_files"]:
            entry.pop("path")  # each language's run has its own folder
        records[lang] = record
    assert records["nl"] == records["en"]
    network = records["nl"]["access"]["network"]
    assert network["key"] == "network_report"
    assert network["params"]["nodes"] == 25  # the 5 × 5 grid
    assert network["params"]["km"] == {"number": 4.0, "decimals": 1}  # 40 streets of 100 m
    assert _i18n.render(network, "nl").endswith(
        "4,0 km gebruikt; 0 wegen of verbindingen "
        "(0,0 km) niet voor dit profiel; 1 samenhangende delen, waarvan 0 knopen (0,0 km) "
        "buiten het grootste deel weggelaten"
    )


def test_the_studys_own_areas_are_typed_values_with_their_sectors(tmp_path: Path) -> None:
    """[[areas]] become CustomArea values; the table of counts and areas.csv follow them."""
    config = tiny_config(
        areas=[
            {"name": "Noord", "sectors": ["24062A02-", "24062A03-"]},
            {"name": "W1 heel", "wijken": ["W1"]},
        ]
    )
    base = tiny_data()
    notes: list[_i18n.Note] = []
    table, custom = load._custom_areas(
        config, _sources(config), base.sectors, base.region, notes, Problems("tiny")
    )
    assert [(a.name, a.sectors) for a in custom] == [
        ("Noord", ("24062A02-", "24062A03-")),
        ("W1 heel", ("24062A00-", "24062A01-")),
    ]
    assert table["sectors"].tolist() == ["24062A02- 24062A03-", "24062A00- 24062A01-"]
    assert table["pop_total"].tolist() == [90, 300]  # 50 + 40; 100 + 200
    data = dataclasses.replace(base, areas=table, custom_areas=custom)
    assert data.area_members(["24062A03-", "24062A00-"]) == {
        "Noord": ["24062A03-"],
        "W1 heel": ["24062A00-"],
    }
    analysis = analyse_step.analyse(AnalyseSlice.of(config), data)
    assert analysis.indicators["areas"].loc["Noord", "pop_total"] == 90
    pub = publish.protect(config, data, analysis, None, None)
    write._write(config, pub.data, tmp_path)
    written = pd.read_csv(tmp_path / "areas.csv")
    assert written.columns[:3].tolist() == ["area", "vintage", "sectors"]
    assert written["sectors"].tolist() == ["24062A02- 24062A03-", "24062A00- 24062A01-"]


def test_points_demand_needs_its_file() -> None:
    import pydantic

    with pytest.raises(pydantic.ValidationError, match="go together"):
        AccessSection.model_validate({"demand": "points"})
    with pytest.raises(pydantic.ValidationError, match="go together"):
        AccessSection.model_validate({"demand_file": "adressen.gpkg"})
    ok = AccessSection.model_validate({"demand": "points", "demand_file": "adressen.gpkg"})
    assert ok.demand_weight is None


def test_the_studys_own_address_points_carry_the_residents() -> None:
    """A00's 100 residents over two addresses of 3 and 1 dwellings: 75 at 50 m, 25 at 250 m."""
    access = {
        **ACCESS["access"],
        "demand": "points",
        "demand_file": "adressen.gpkg",  # the points below stand in for the file
        "demand_weight": "wooneenheden",
        "questions": [{"facility_type": "buurtcentrum", "minutes": [3]}],
    }
    config = tiny_config(access=access)
    data = tiny_data(config)
    addresses = gpd.GeoDataFrame(
        {"wooneenheden": [3, 1]},
        geometry=[_point(0, 0.5), _point(1.5, 1)],
        crs=CRS,
    )
    data = dataclasses.replace(data, user_points=addresses)
    analysis = analyse_step.analyse(AnalyseSlice.of(config), data)
    acc = access_step.accessibility(AccessSlice.of(config), data, analysis)
    assert acc is not None
    a00 = acc.demand[acc.demand["sector"] == "24062A00-"]
    assert a00["pop_total"].tolist() == [75, 25]
    minutes = acc.nearest.xs("buurtcentrum", level="facility_type")["minutes"]
    assert minutes[a00.index].round(3).tolist() == [0.625, 3.125]
    gaps = acc.gaps[(acc.gaps["level"] == "sector") & (acc.gaps["threshold_minutes"] == 3)]
    assert gaps.loc["24062A00-", "pop_affected"] == 25
    # the other sectors have no address: each keeps its centre, and says so
    others = acc.demand[acc.demand["sector"] != "24062A00-"]
    assert set(others["model"]) == {"centroid_fallback"}
    assert len(acc.demand_info.fallback) == 3
