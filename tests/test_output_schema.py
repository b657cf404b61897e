"""The output folder's schema: what a run writes is what the schema lists, and reads back.

Unit tests of :mod:`wijkanalyse.outputs.schema`, ``write`` and ``read`` on hand-made frames
(their expected shapes worked out by hand), and one check of the shared Leuven run: every
file and layer it wrote is a table of the schema, in the schema's column order.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely

from wijkanalyse import outputs
from wijkanalyse.outputs import SchemaError, conform
from wijkanalyse.study import RunResult


def test_key_from_the_index_comes_first_and_slots_set_the_order() -> None:
    gaps = pd.DataFrame(
        {"gap_rank": [1], "suppressed": [None], "level": ["wijk"], "need_pct": [0.123456]},
        index=pd.Index(["240621"], name="unit"),
    )
    shaped = conform("gaps", gaps)
    assert list(shaped.columns) == ["unit", "level", "need_pct", "gap_rank", "suppressed"]
    assert shaped.loc[0, "need_pct"] == 0.1235  # 4 decimals for need_pct


def test_a_pattern_slot_keeps_the_results_order() -> None:
    scen = pd.DataFrame(
        {
            "suppressed": [None],
            "gini_before": [0.1],
            "covered_before": [1.0],
            "covered_after": [2.0],
            "scenario": ["s"],
            "fca_change": [0.123456789],
        }
    )
    shaped = conform("scenarios", scen)
    assert list(shaped.columns) == [
        "scenario",
        "gini_before",
        "covered_before",
        "covered_after",
        "fca_change",
        "suppressed",
    ]
    assert shaped.loc[0, "fca_change"] == 0.123457  # "*": every float to 6 decimals


def test_population_values_come_before_their_reasons_in_the_sector_layer() -> None:
    sectors = pd.DataFrame(
        {
            "sector": ["24062A00-"],
            "pop_65plus_suppressed_reason": ["small_count"],
            "pop_total": [10],
            "pop_65plus": [pd.NA],
            "x": [1.0],
            "name": ["a"],
            "secret_column": [3],
        }
    )
    shaped = conform("sectors", sectors)
    # the sector layer publishes only what it declares
    assert list(shaped.columns) == [
        "sector",
        "name",
        "pop_total",
        "pop_65plus",
        "pop_65plus_suppressed_reason",
        "x",
    ]


def test_an_undeclared_column_is_an_error_that_names_it() -> None:
    cov = pd.DataFrame({"wijk": ["240621"], "share_covered": [0.5], "surprise": [1]})
    with pytest.raises(SchemaError, match=r"coverage_wijken: columns \['surprise'\]"):
        conform("coverage_wijken", cov)


def test_extra_columns_are_kept_after_the_declared_ones_where_the_table_allows() -> None:
    fac = pd.DataFrame({"osm_id": [7], "type": ["ldc"], "facility_id": ["f1"], "name": ["x"]})
    assert list(conform("facilities", fac).columns) == ["facility_id", "name", "type", "osm_id"]


def test_a_missing_key_and_an_unknown_table_are_errors() -> None:
    with pytest.raises(SchemaError, match="key column 'wijk'"):
        conform("coverage_wijken", pd.DataFrame({"share_covered": [0.5]}))
    with pytest.raises(SchemaError, match="no output table 'gap'; the schema knows"):
        outputs.write_table(Path("."), "gap", pd.DataFrame())


def test_codes_read_back_as_text(tmp_path: Path) -> None:
    cov = pd.DataFrame(
        {"level": ["deelgemeente"], "share_covered": [1 / 3]},
        index=pd.Index(["01234"], name="wijk"),
    )
    (path,) = outputs.write_table(tmp_path, "coverage_wijken", cov)
    assert path.read_text(encoding="utf-8").splitlines() == [
        "wijk,level,share_covered",
        "01234,deelgemeente,0.333333",
    ]
    back = outputs.read_table(tmp_path, "coverage_wijken")
    assert back is not None
    assert back.loc[0, "wijk"] == "01234"  # a code keeps its leading zero
    assert outputs.read_table(tmp_path, "gaps") is None  # not written: None, not an error


def test_a_layer_with_a_csv_twin(tmp_path: Path) -> None:
    wijken = gpd.GeoDataFrame(
        {"pop_total": [12], "wijk_name": ["Noord"]},
        index=pd.Index(["W1"], name="wijk"),
        geometry=[shapely.box(0, 0, 10, 10)],
        crs="EPSG:31370",
    )
    files = outputs.write_table(tmp_path, "wijken", wijken)
    assert files == [tmp_path / outputs.GPKG, tmp_path / "wijken.csv"]
    assert (tmp_path / "wijken.csv").read_text(encoding="utf-8").splitlines()[0] == (
        "wijk,wijk_name,pop_total"
    )
    layer = outputs.read_layer(tmp_path, "wijken")
    assert layer is not None
    assert list(layer.index) == ["W1"]
    assert layer.crs is not None
    assert layer.crs.to_epsg() == 31370
    assert outputs.read_layer(tmp_path, "service_areas") is None
    with pytest.raises(TypeError, match="GeoPackage layer: give a GeoDataFrame"):
        outputs.write_table(tmp_path, "wijken", pd.DataFrame(wijken.drop(columns="geometry")))


def test_the_leuven_run_writes_only_schema_tables_in_schema_order(leuven_run: RunResult) -> None:
    out = leuven_run.out
    by_csv = {t.csv: t for t in outputs.TABLES.values() if t.csv}
    by_layer = {t.layer: t for t in outputs.TABLES.values() if t.layer}
    csvs = sorted(p.name for p in out.glob("*.csv"))
    assert set(csvs) <= set(by_csv), set(csvs) - set(by_csv)
    assert set(csvs) == set(by_csv)  # the example study writes every table of the schema
    for name in csvs:
        spec = by_csv[name]
        header = pd.read_csv(out / name, nrows=0).columns.tolist()
        frame = pd.read_csv(out / name, dtype={c: str for c in spec.codes})
        assert list(conform(spec.name, frame).columns) == header, name  # already in shape
    layers = [name for name, _ in pyogrio.list_layers(out / outputs.GPKG)]
    assert sorted(layers) == [
        "areas",
        "basemap",
        "facilities",
        "sectors",
        "service_areas",
        "wijken",
    ]
    for layer in layers:
        frame = gpd.read_file(out / outputs.GPKG, layer=layer)
        spec = by_layer[layer]
        assert list(conform(spec.name, frame).columns) == list(frame.columns), layer
    prov = outputs.read_provenance(out)
    assert prov == json.loads((out / outputs.PROVENANCE).read_text(encoding="utf-8"))


def test_the_report_reads_every_csv_table_through_the_schema(leuven_run: RunResult) -> None:
    run = outputs.RunOutput.read(leuven_run.out)
    assert set(run.tables) == {
        t.name
        for t in outputs.TABLES.values()
        if t.layer is None and (leuven_run.out / str(t.csv)).is_file()
    }
    assert all(isinstance(v, str) for v in run.tables["plans"]["site_id"])
    assert run.areas is not None
    assert set(run.areas.index) == set(run.tables["areas"]["area"])
