"""A corpus of bad inputs: each gives a precise error, or a labelled result, never a quiet number.

Issue 18 (items 3 and 5) asks that every input that can be checked is checked at the
boundary, and that an error names the real cause and a fix a study user can apply. Every
case below asserts the exact outcome: the error class and its message (``match=``), or the
values and the warning of a result that is repaired and labelled. The families:

- **study files** (``Study.from_dict``, checked before any data is read): repeated area
  names, malformed codes, unknown sources, options of the wrong type;
- **study files against the data** (``Study.load``, before any analysis): wijk names or
  near-miss codes in ``candidate_wijken``, unknown wijken of an area, registers whose
  coordinate columns are swapped (Lambert 72 and lon/lat), register rows far outside the
  study area (noted with name and distance, never dropped silently), ``n.b.`` in a
  population table read from the study file;
- **facility registers** (``io.read_facilities``): swapped lon/lat, degrees labelled as
  metres, rows without coordinates, coordinates without a CRS, bad status, negative
  capacity, polygons, duplicate ids, text in a coordinate column;
- **sector layers** (``io.read_sectors``): a GeoJSON without ``crs`` in Lambert metres (not
  "EPSG:4326"), a shapefile without ``.prj``, swapped lon/lat, malformed and repeated codes;
- **population tables** (``io.read_population``, ``io.read_census``): ``n.b.`` and other
  text in a count (column, rows, values and the ``na_values`` fix), ``na_values`` read as
  NA and never 0 (also in the totals it enters), negative and fractional counts, and a
  population-layout table reported by its own reader rather than as "missing columns";
- **road networks** (``StreetNetwork.from_edges``, ``io.read_road_graph``): zero, missing,
  negative and too short edge lengths repaired from the geometry with a warning (how many
  edges, how many km), a length that cannot be measured refused, rounding accepted,
  dangling edges, missing columns, geographic CRS; and the invariant that a network
  distance is never shorter than the straight line.

Output folders are another part's family (issue 18, item 2).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from conftest import tiny_sector_frame

from wijkanalyse import io
from wijkanalyse._errors import CRSError, DataError, DataWarning, SchemaError
from wijkanalyse.network import StreetNetwork, check_not_shorter
from wijkanalyse.study import Study

CRS = "EPSG:31370"
LEUVEN = {"study": {"name": "Leuven", "municipality": "24062"}}
TIENEN = {"study": {"name": "Tienen", "municipality": "24107"}}

#: Three facilities in the centre of Tienen (x 190 km, y 168 km: far from the diagonal x = y,
#: so swapped coordinates land 30 km away) and the real Leuven centres' positions.
TIENEN_XY = [(190500.0, 168000.0), (191000.0, 167500.0), (189800.0, 168400.0)]


def _register(path: Path, xy: list[tuple[float, float]], *, cols: tuple[str, str]) -> Path:
    frame = pd.DataFrame(
        {
            "name": [f"Centrum {i + 1}" for i in range(len(xy))],
            "type": "buurtcentrum",
            cols[0]: [p[0] for p in xy],
            cols[1]: [p[1] for p in xy],
        }
    )
    frame.to_csv(path, index=False)
    return path


def _leuven_centres() -> list[tuple[float, float]]:
    centres = io.read_facilities("leuven_centres_reference")
    return [(round(p.x, 1), round(p.y, 1)) for p in centres.geometry]


def _text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- study files


STUDY_FILE_CASES: list[tuple[str, dict[str, Any], str]] = [
    (
        "repeated area names",
        {
            **LEUVEN,
            "areas": [
                {"name": "Centrum", "wijken": ["240621"]},
                {"name": "Centrum", "wijken": ["240623"]},
            ],
        },
        r"areas: more than one \[\[areas\]\] entry is named 'Centrum'; an area's name is its "
        r"key in every output: give each \[\[areas\]\] entry its own name\.",
    ),
    (
        "an area without sectors or wijken",
        {**LEUVEN, "areas": [{"name": "Leeg"}]},
        r"areas\.0: Value error, give either 'sectors' or 'wijken'",
    ),
    (
        "a NIS code of four digits",
        {"study": {"name": "x", "municipality": "2406"}},
        r"must be a 5-digit NIS code such as '24062' \(Leuven\), got '2406'",
    ),
    (
        "a misspelt dataset id",
        {**LEUVEN, "data": {"population": "statbel_census_2021"}},
        r"data\.population: 'statbel_census_2021' is neither a dataset id nor a file path\. "
        r"Did you mean 'statbel_census2021_age65'",
    ),
    (
        "na_values of the wrong type",
        {**LEUVEN, "data": {"population": {"source": "statbel_census2021_age65", "na_values": 5}}},
        r"data\.population\.na_values",
    ),
    (
        "a register file that does not exist",
        {**LEUVEN, "facilities": [{"source": "registers/centra.csv"}]},
        r"facilities\[0\]\.source: file 'registers/centra\.csv' does not exist",
    ),
    (
        "a sector layer CRS pyproj does not know",
        {**LEUVEN, "data": {"sectors": {"source": "statbel_sector_centroids_2024", "crs": "L72"}}},
        r"'L72' is not a CRS pyproj knows; e\.g\. 'EPSG:31370'",
    ),
]


@pytest.mark.parametrize(
    ("raw", "message"),
    [pytest.param(raw, msg, id=name) for name, raw, msg in STUDY_FILE_CASES],
)
def test_study_file(raw: dict[str, Any], message: str, tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match=message):
        Study.from_dict(raw, base_dir=tmp_path)


# --------------------------------------------------------------------------- study x data


def test_candidate_wijk_given_by_name_is_named_with_its_code() -> None:
    raw = {
        **LEUVEN,
        "facilities": [{"source": "leuven_centres_reference", "types": ["buurtcentrum"]}],
        "access": {"questions": [{"facility_type": "buurtcentrum"}]},
        "plan": {
            "candidates": ["sectors"],
            "questions": [
                {"name": "q", "facility_type": "buurtcentrum", "candidate_wijken": ["Wijgmaal"]}
            ],
        },
    }
    with pytest.raises(
        DataError,
        match=r"plan\.questions\[0\]\.candidate_wijken: Wijgmaal is not a wijk of Leuven "
        r"\(it has 240621, .*\); 'Wijgmaal' is the name of wijk 240621; give wijk codes",
    ):
        Study.from_dict(raw).load()


def test_candidate_wijk_near_miss_code_gets_suggestions() -> None:
    raw = {
        **LEUVEN,
        "facilities": [{"source": "leuven_centres_reference", "types": ["buurtcentrum"]}],
        "access": {"questions": [{"facility_type": "buurtcentrum"}]},
        "plan": {
            "candidates": ["sectors"],
            "candidate_wijken": ["2406299"],
            "questions": [{"name": "q", "facility_type": "buurtcentrum"}],
        },
    }
    with pytest.raises(
        DataError,
        match=r"plan\.candidate_wijken: 2406299 is not a wijk of Leuven .*for '2406299' did you "
        r"mean .*240629 \(",
    ):
        Study.from_dict(raw).load()


def test_area_with_a_wijk_of_another_municipality() -> None:
    raw = {**LEUVEN, "areas": [{"name": "Elders", "wijken": ["440211"]}]}
    with pytest.raises(
        DataError, match=r"areas\[0\] \(Elders\)\.wijken: 440211 is not a wijk of Leuven"
    ):
        Study.from_dict(raw).load()


def test_register_with_lambert_x_and_y_swapped_is_refused_with_the_fix(tmp_path: Path) -> None:
    _register(tmp_path / "centra.csv", [(y, x) for x, y in TIENEN_XY], cols=("x_31370", "y_31370"))
    raw = {**TIENEN, "facilities": [{"source": "centra.csv"}]}
    with pytest.raises(
        DataError,
        match=r"\[\[facilities\]\] entry 1 \('centra\.csv'\): 3 of 3 facilities lie outside "
        r"Tienen and its 3 km buffer, but 3 of 3 fall inside when x and y are swapped: the x "
        r"and y columns look swapped \(x holds the northing\)\. In the study file: "
        r'x_col = "y_31370", y_col = "x_31370", crs = "EPSG:31370" in \[\[facilities\]\] entry 1',
    ):
        Study.from_dict(raw, base_dir=tmp_path).load()
    # the fix the message gives works
    fixed = {
        **TIENEN,
        "facilities": [
            {"source": "centra.csv", "x_col": "y_31370", "y_col": "x_31370", "crs": CRS}
        ],
    }
    data = Study.from_dict(fixed, base_dir=tmp_path).load()
    got = zip(data.facilities.geometry.x, data.facilities.geometry.y, strict=True)
    assert sorted(got) == sorted(TIENEN_XY)


def test_register_swapped_near_the_diagonal_is_named_in_a_warning_and_a_note(
    tmp_path: Path,
) -> None:
    # Leuven lies near x = y in Lambert 72: swapped centres stay inside the study area, but
    # lie far from where people live
    xy = _leuven_centres()
    _register(tmp_path / "centra.csv", [(y, x) for x, y in xy], cols=("x_31370", "y_31370"))
    raw = {**LEUVEN, "facilities": [{"source": "centra.csv"}]}
    with pytest.warns(
        DataWarning,
        match=r"\[\[facilities\]\] entry 1 \('centra\.csv'\): the facilities lie a median \d+ m "
        r"from the nearest sector, but \d+ m with x and y swapped: the coordinates look swapped\. "
        r'If so, in the study file: x_col = "y_31370", y_col = "x_31370"',
    ):
        data = Study.from_dict(raw, base_dir=tmp_path).load()
    assert [
        n for n in data.notes if str(n).startswith("Voorzieningen uit centra.csv: x en y lijken")
    ]
    # the same register the right way round passes without a word
    _register(tmp_path / "goed.csv", xy, cols=("x_31370", "y_31370"))
    ok = Study.from_dict({**LEUVEN, "facilities": [{"source": "goed.csv"}]}, base_dir=tmp_path)
    assert not [n for n in ok.load().notes if "verwisseld" in str(n)]


def test_register_row_far_outside_is_named_with_its_distance(tmp_path: Path) -> None:
    xy = [*_leuven_centres(), (195000.0, 174000.0)]
    _register(tmp_path / "centra.csv", xy, cols=("x_31370", "y_31370"))
    raw = {**LEUVEN, "facilities": [{"source": "centra.csv"}]}
    data = Study.from_dict(raw, base_dir=tmp_path).load()
    assert len(data.facilities) == len(xy) - 1
    far = [str(n) for n in data.notes if "liggen verder dan" in str(n)]
    assert len(far) == 1
    assert re.fullmatch(
        rf"1 van {len(xy)} voorzieningen in centra\.csv liggen verder dan 3,0 km buiten Leuven "
        r"en tellen niet mee: Centrum \d+ \(\d+,\d km\)",
        far[0],
    )


def test_population_with_nb_from_the_study_file(tmp_path: Path) -> None:
    census = pd.read_csv(io.resolve_source("statbel_census2021_age65")[0], dtype=str)
    census = census[census["cd_sector"].str.startswith("24062")].reset_index(drop=True)
    code = census.loc[3, "cd_sector"]
    census.loc[3, "x65"] = "n.b."
    census.to_csv(tmp_path / "census.csv", index=False)
    raw = {**LEUVEN, "data": {"population": "census.csv"}}
    with pytest.raises(
        SchemaError,
        match=r"file 'census\.csv' column 'x65' has 1 non-numeric values: n\.b\. \(row 5\)\. "
        r"A count must be a whole number\. If 'n\.b\.' means 'not available', pass "
        r"na_values='n\.b\.' .*\nIn the study file: data\.population = \{ source = "
        r'"census\.csv", na_values = "n\.b\." \}',
    ):
        Study.from_dict(raw, base_dir=tmp_path).load()
    raw = {**LEUVEN, "data": {"population": {"source": "census.csv", "na_values": "n.b."}}}
    sectors = Study.from_dict(raw, base_dir=tmp_path).load().sectors
    assert sectors.loc[code, "pop_65plus"] is pd.NA
    assert sectors.loc[code, "pop_total"] is pd.NA  # never 0 + the rest
    assert sectors.loc[code, "pop_under65"] == int(census.loc[3, "rest"])


# --------------------------------------------------------------------------- registers


REGISTER_CASES: list[tuple[str, str, dict[str, Any], type[Exception], str]] = [
    (
        "lon and lat swapped",
        "name,type,lon,lat\nA,buurtcentrum,50.88,4.70\nB,buurtcentrum,50.87,4.71\n",
        {},
        CRSError,
        r"2 of 2 geometries lie outside Belgium for the stated CRS EPSG:4326 .* With x and y "
        r"swapped, 2 of 2 fall inside Belgium: the coordinates are in latitude/longitude order, "
        r"not a wrong CRS\. Column 'lon' holds the latitude: pass lon_col='lat', lat_col='lon'",
    ),
    (
        "degrees labelled as Lambert metres",
        "name,type,x_31370,y_31370\nA,buurtcentrum,4.70,50.88\n",
        {},
        CRSError,
        r"1 of 1 geometries lie outside Belgium for the stated CRS EPSG:31370 .* The values "
        r"look like longitude/latitude: the data is probably EPSG:4326\.",
    ),
    (
        "Lambert metres swapped and outside Belgium",
        "name,type,x_31370,y_31370\nA,buurtcentrum,200000,280000\n",
        {},
        CRSError,
        r"With x and y swapped, 1 of 1 fall inside Belgium: the coordinates are in y/x order, "
        r"not a wrong CRS\. Column 'x_31370' holds the y coordinate: pass x_col='y_31370', "
        r"y_col='x_31370', crs='EPSG:31370'",
    ),
    (
        "a row without coordinates",
        "name,type,x_31370,y_31370\nA,buurtcentrum,173000,174000\nB,buurtcentrum,,\n",
        {},
        SchemaError,
        r"1 facilities have no coordinates \(row 3\); geocode them or remove them\.",
    ),
    (
        "plain x and y without a CRS",
        "name,type,x,y\nA,buurtcentrum,173000,174000\n",
        {},
        CRSError,
        r"coordinate columns 'x'/'y' do not say their CRS\. Pass crs='EPSG:31370'",
    ),
    (
        "a status outside the vocabulary",
        "name,type,status,x_31370,y_31370\nA,buurtcentrum,gepland,173000,174000\n",
        {},
        SchemaError,
        r"status must be one of existing, planned, candidate, closed; found gepland\.",
    ),
    (
        "a negative capacity",
        "name,type,capacity,x_31370,y_31370\nA,buurtcentrum,-10,173000,174000\n",
        {},
        DataError,
        r"capacities must not be negative\.",
    ),
    (
        "text in a coordinate column",
        "name,type,x_31370,y_31370\nA,buurtcentrum,173000,onbekend\n",
        {},
        SchemaError,
        r"column 'y_31370' has 1 values that are not numbers: 'onbekend'\.",
    ),
    (
        "repeated ids",
        "id,name,type,x_31370,y_31370\n7,A,buurtcentrum,173000,174000\n7,B,buurtcentrum,"
        "173100,174100\n",
        {"id_col": "id"},
        DataError,
        r"column 'id' must hold a unique id for every facility; duplicates: 7, empty: 0\.",
    ),
    (
        "no type column and no facility_type",
        "name,x_31370,y_31370\nA,173000,174000\n",
        {},
        SchemaError,
        r"there is no 'type' column \(found: name\); pass type_col=\.\.\. or "
        r"facility_type='buurtcentrum'\.",
    ),
]


@pytest.mark.parametrize(
    ("text", "options", "error", "message"),
    [pytest.param(t, o, e, m, id=name) for name, t, o, e, m in REGISTER_CASES],
)
def test_register(
    text: str, options: dict[str, Any], error: type[Exception], message: str, tmp_path: Path
) -> None:
    path = _text(tmp_path / "register.csv", text)
    with pytest.raises(error, match=message):
        io.read_facilities(path, **options)


def test_register_polygons_need_as_point(tmp_path: Path) -> None:
    frame = tiny_sector_frame()[["geometry"]].assign(name="x", type="buurtcentrum")
    frame.to_file(tmp_path / "centra.gpkg", driver="GPKG")
    with pytest.raises(
        SchemaError, match=r"has Polygon geometries; facilities are points\. Pass as_point="
    ):
        io.read_facilities(tmp_path / "centra.gpkg")


def test_register_vector_file_with_swapped_lonlat(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame(
        {"name": ["A"], "type": ["buurtcentrum"]},
        geometry=[shapely.Point(50.88, 4.70)],
        crs="EPSG:4326",
    )
    frame.to_file(tmp_path / "centra.gpkg", driver="GPKG")
    with pytest.raises(
        CRSError,
        match=r"latitude/longitude order, not a wrong CRS\. Write the file with x \(easting or "
        r"longitude\) first",
    ):
        io.read_facilities(tmp_path / "centra.gpkg")


# --------------------------------------------------------------------------- sector layers


def _geojson_without_crs(path: Path, frame: gpd.GeoDataFrame) -> Path:
    data = json.loads(frame.to_json())
    data.pop("crs", None)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_sector_geojson_in_lambert_without_crs_member(tmp_path: Path) -> None:
    path = _geojson_without_crs(tmp_path / "sectoren.geojson", tiny_sector_frame())
    with pytest.raises(
        CRSError,
        match=r"file 'sectoren\.geojson' states no CRS: a GeoJSON file without a 'crs' member "
        r"counts as EPSG:4326 \(longitude/latitude\), but its coordinates \(x 173150\.\.173550, "
        r"y 174000\.\.174700\) are not degrees; they look like EPSG:31370\. Pass "
        r"assume_crs='EPSG:31370'",
    ):
        io.read_sectors(path, vintage=2024)
    sectors = io.read_sectors(path, vintage=2024, assume_crs=CRS)
    assert sectors.crs.to_epsg() == 31370
    assert sectors.geometry.iloc[0].bounds == (173300.0, 174300.0, 173400.0, 174400.0)


def test_sector_geojson_without_crs_hint_in_the_study_file(tmp_path: Path) -> None:
    _geojson_without_crs(tmp_path / "sectoren.geojson", tiny_sector_frame())
    raw = {**LEUVEN, "data": {"sectors": "sectoren.geojson"}}
    with pytest.raises(
        CRSError,
        match=r"states no CRS.*\nIn the study file: data\.sectors = \{ source = "
        r'"sectoren\.geojson", crs = "EPSG:31370" \}',
    ):
        Study.from_dict(raw, base_dir=tmp_path).load()


@pytest.mark.filterwarnings("ignore:Column names longer than 10:UserWarning")
@pytest.mark.filterwarnings("ignore:Normalized/laundered field name:RuntimeWarning")
def test_sector_shapefile_without_prj(tmp_path: Path) -> None:
    tiny_sector_frame().to_file(tmp_path / "sectoren.shp")
    (tmp_path / "sectoren.prj").unlink()
    with pytest.raises(
        CRSError,
        match=r"file 'sectoren\.shp' has no CRS\. Pass assume_crs='EPSG:31370' \(or the right "
        r"CRS\) if you know it\.",
    ):
        io.read_sectors(tmp_path / "sectoren.shp", vintage=2024)


def test_sector_layer_with_swapped_lonlat(tmp_path: Path) -> None:
    frame = tiny_sector_frame("EPSG:4326")
    frame = frame.set_geometry(shapely.transform(frame.geometry.values, lambda c: c[:, ::-1]))
    frame = frame.set_crs("EPSG:4326", allow_override=True)
    frame.to_file(tmp_path / "sectoren.gpkg", driver="GPKG")
    with pytest.raises(
        CRSError, match=r"3 of 3 geometries .* the coordinates are in latitude/longitude order"
    ):
        io.read_sectors(tmp_path / "sectoren.gpkg", vintage=2024)


def test_sector_layer_with_malformed_and_repeated_codes(tmp_path: Path) -> None:
    frame = tiny_sector_frame()
    frame["cd_sector"] = ["24062A00-", "24062A00-", "2406A01"]
    frame.to_file(tmp_path / "sectoren.gpkg", driver="GPKG")
    with pytest.raises(DataError, match=r"has 2 problems:") as info:
        io.read_sectors(tmp_path / "sectoren.gpkg", vintage=2024)
    assert "1 malformed sector codes: '2406A01'" in str(info.value)
    assert "1 sector codes occur more than once: 24062A00-" in str(info.value)


# --------------------------------------------------------------------------- population tables


POPULATION_CASES: list[tuple[str, str, str, str, type[Exception], str]] = [
    (
        "n.b. in TOTAL",
        "population",
        "CD_SECTOR,TOTAL\n24062A00-,120\n24062A01-,n.b.\n24062A02-,80\n",
        "",
        SchemaError,
        r"column 'TOTAL' has 1 non-numeric values: n\.b\. \(row 3\)\. A count must be a whole "
        r"number\. If 'n\.b\.' means 'not available', pass na_values='n\.b\.'",
    ),
    (
        "several markers in TOTAL",
        "population",
        "CD_SECTOR,TOTAL\n24062A00-,?\n24062A01-,n.b.\n24062A02-,80\n",
        "",
        SchemaError,
        r"column 'TOTAL' has 2 non-numeric values: \?, n\.b\. \(row 2, row 3\)",
    ),
    (
        "a marker not declared",
        "population",
        "CD_SECTOR,TOTAL\n24062A00-,x\n24062A01-,n.b.\n",
        "n.b.",
        SchemaError,
        r"column 'TOTAL' has 1 non-numeric values: x \(row 2\)",
    ),
    (
        "a fractional count",
        "population",
        "CD_SECTOR,TOTAL\n24062A00-,12.5\n",
        "",
        SchemaError,
        r"column 'TOTAL' has non-integral counts: 12\.5\.",
    ),
    (
        "a negative count",
        "population",
        "CD_SECTOR,TOTAL\n24062A00-,-3\n",
        "",
        DataError,
        r"column 'TOTAL' has negative counts\.",
    ),
    (
        "n.b. in the census 65+ column",
        "census",
        "cd_sector,x65,rest\n24062A00-,30,90\n24062A01-,n.b.,12\n",
        "",
        SchemaError,
        r"column 'x65' has 1 non-numeric values: n\.b\. \(row 3\)",
    ),
    (
        "text in the census long format",
        "census",
        "CD_SECTOR,CD_AGE,MS_POP\n24062A00-,65-69,nb\n",
        "",
        SchemaError,
        r"column 'MS_POP' has 1 non-numeric values: nb \(row 2\)\. .*na_values='nb'",
    ),
]


@pytest.mark.parametrize(
    ("reader", "text", "na_values", "error", "message"),
    [pytest.param(r, t, n, e, m, id=name) for name, r, t, n, e, m in POPULATION_CASES],
)
def test_population_table(
    reader: str,
    text: str,
    na_values: str,
    error: type[Exception],
    message: str,
    tmp_path: Path,
) -> None:
    path = _text(tmp_path / "bevolking_2024.csv", text)
    read = io.read_population if reader == "population" else io.read_census
    with pytest.raises(error, match=message):
        read(path, vintage=2024, na_values=na_values or None)


def test_population_na_values_are_na_never_zero(tmp_path: Path) -> None:
    path = _text(tmp_path / "bev.csv", "CD_SECTOR,TOTAL\n24062A00-,120\n24062A01-,n.b.\n")
    pop = io.read_population(path, vintage=2024, na_values="n.b.")
    assert pop["pop_total"].tolist() == [120, pd.NA]


def test_census_na_values_make_the_totals_they_enter_na(tmp_path: Path) -> None:
    wide = _text(
        tmp_path / "census.csv", "cd_sector,x65,rest\n24062A00-,30,90\n24062A01-,n.b.,12\n"
    )
    c = io.read_census(wide, vintage=2024, na_values=["n.b."])
    assert c.loc["24062A01-", ["pop_total", "pop_65plus", "pop_under65"]].tolist() == [
        pd.NA,
        pd.NA,
        12,
    ]
    assert c.loc["24062A00-", "pop_total"] == 120
    long = _text(
        tmp_path / "census_long.csv",
        "CD_SECTOR,CD_AGE,MS_POP\n24062A00-,0-4,10\n24062A00-,65-69,n.b.\n24062A01-,0-4,7\n",
    )
    c = io.read_census(long, vintage=2024, na_values="n.b.")
    assert c.loc["24062A00-", "pop_0_14"] == 10
    assert c.loc["24062A00-", "pop_65plus"] is pd.NA
    assert c.loc["24062A00-", "pop_total"] is pd.NA
    assert c.loc["24062A01-", "pop_total"] == 7


def test_population_layout_error_is_not_reported_as_missing_census_columns(
    tmp_path: Path,
) -> None:
    from wijkanalyse.areas import _read_population_any

    path = _text(tmp_path / "bevolking.csv", "CD_SECTOR,TOTAL\n24062A00-,120\n24062A01-,n.b.\n")
    with pytest.raises(SchemaError, match=r"column 'TOTAL' has 1 non-numeric values: n\.b\."):
        _read_population_any(path, vintage=2024)
    # a table of neither layout still gets the census reader's list of what it expects
    other = _text(tmp_path / "iets.csv", "CD_SECTOR,AANTAL\n24062A00-,120\n")
    with pytest.raises(SchemaError, match=r"lacks columns .*'x65', 'rest'"):
        _read_population_any(other, vintage=2024)


# --------------------------------------------------------------------------- networks


NODES = pd.DataFrame({"x": [0.0, 100.0, 200.0], "y": [0.0, 100.0, 0.0]}, index=list("ABC"))


@pytest.mark.parametrize(
    ("claimed", "zeros"),
    [
        pytest.param(0.0, 1, id="zero length"),
        pytest.param(np.nan, 0, id="missing length"),
        pytest.param(-20.0, 0, id="negative length"),
        pytest.param(150.0, 0, id="shorter than the straight line"),
    ],
)
def test_network_edge_length_repaired_with_a_warning(claimed: float, zeros: int) -> None:
    edges = pd.DataFrame(
        {"u": ["A", "B", "A"], "v": ["B", "C", "C"], "length_m": [150.0, 150.0, claimed]}
    )
    with pytest.warns(
        DataWarning,
        match=rf"network 'edges': 1 edges \(0\.20 km by their geometry\) have a length_m that is "
        rf"missing, negative, zero \({zeros} of them\) or shorter than the straight line between "
        r"their ends; their length is taken from the geometry\.",
    ):
        net = StreetNetwork.from_edges(NODES, edges, crs=CRS)
    assert net.shortest_path_lengths(["A"]).loc["A", "C"] == pytest.approx(200.0)


def test_network_length_within_rounding_is_accepted_silently() -> None:
    edges = pd.DataFrame({"u": ["A", "B"], "v": ["B", "C"], "length_m": [141.41, 141.42]})
    net = StreetNetwork.from_edges(NODES, edges, crs=CRS)
    assert net.shortest_path_lengths(["A"]).loc["A", "C"] == pytest.approx(2 * np.hypot(100, 100))


def test_network_longer_length_is_kept() -> None:
    # a winding street is longer than its straight line: that is data, not an error
    edges = pd.DataFrame({"u": ["A", "B"], "v": ["B", "C"], "length_m": [400.0, 141.5]})
    net = StreetNetwork.from_edges(NODES, edges, crs=CRS)
    assert net.shortest_path_lengths(["A"]).loc["A", "C"] == pytest.approx(541.5)


def test_network_edge_to_an_unknown_node() -> None:
    edges = pd.DataFrame({"u": ["A", "B"], "v": ["B", "Z"]})
    with pytest.raises(DataError, match=r"network 'edges': 1 edges refer to unknown nodes \(Z\)"):
        StreetNetwork.from_edges(NODES, edges, crs=CRS)


def test_network_edges_without_u_and_v() -> None:
    with pytest.raises(SchemaError, match=r"edges lack columns u, v \(found: from, to\)"):
        StreetNetwork.from_edges(NODES, pd.DataFrame({"from": ["A"], "to": ["B"]}), crs=CRS)


def test_network_in_degrees() -> None:
    edges = pd.DataFrame({"u": ["A"], "v": ["B"]})
    with pytest.raises(CRSError, match=r"network 'edges' is in a geographic CRS \(EPSG:4326\)"):
        StreetNetwork.from_edges(NODES, edges, crs="EPSG:4326")


def _graph_file(path: Path, claimed: list[float]) -> Path:
    xy = {1: (174000.0, 174000.0), 2: (174100.0, 174100.0), 3: (178900.0, 174000.0)}
    nodes = gpd.GeoDataFrame(
        {"node_id": list(xy)},
        geometry=[shapely.Point(p) for p in xy.values()],
        crs=CRS,
    )
    ends = [(1, 2), (2, 3), (1, 3)]
    edges = gpd.GeoDataFrame(
        {"u": [a for a, _ in ends], "v": [b for _, b in ends], "length_m": claimed},
        geometry=[shapely.LineString([xy[a], xy[b]]) for a, b in ends],
        crs=CRS,
    )
    nodes.to_file(path, layer="nodes", driver="GPKG")
    edges.to_file(path, layer="edges", driver="GPKG")
    return path


def test_road_graph_with_a_zero_length_long_edge(tmp_path: Path) -> None:
    # the case: an edge of 4.9 km with length_m = 0 made far centres "near"
    path = _graph_file(tmp_path / "wegen.gpkg", [141.43, 4801.04, 0.0])
    with pytest.warns(
        DataWarning,
        match=r"file 'wegen\.gpkg' layer 'edges': 1 edges \(4\.90 km by their geometry\)",
    ):
        graph = io.read_road_graph(path)
    assert (graph.repaired_edges, graph.repaired_km) == (1, pytest.approx(4.9))
    net = StreetNetwork.from_road_graph(graph)
    near = net.nearest(
        gpd.GeoSeries([shapely.Point(174000, 174000)], index=["home"], crs=CRS),
        gpd.GeoSeries([shapely.Point(178900, 174000)], index=["centre"], crs=CRS),
    ).loc["home"]
    assert near["network_m"] == pytest.approx(4900.0)
    assert near["method"] == "network"


def test_road_graph_repair_is_a_note_of_the_study(tmp_path: Path) -> None:
    _graph_file(tmp_path / "wegen.gpkg", [141.43, 4801.04, 0.0])
    raw = {**LEUVEN, "data": {"road_graph": "wegen.gpkg"}}
    with pytest.warns(DataWarning, match=r"1 edges \(4\.90 km by their geometry\)"):
        data = Study.from_dict(raw, base_dir=tmp_path).load()
    assert (
        "Wegennet wegen.gpkg: 1 straatstukken (4,90 km) hadden een lengte van 0, geen, een "
        "negatieve of een kortere lengte dan hun ligging; hun lengte is uit de ligging gemeten"
        in [n.render("nl") for n in data.notes]
    )


def test_a_distance_below_the_straight_line_is_never_returned() -> None:
    with pytest.raises(AssertionError, match=r"1 travel distances are shorter than the straight"):
        check_not_shorter(np.array([99.0]), np.array([100.0]))
