"""Readers: real mirror files, and small format-faithful files written from the documented
Statbel schemas (../shared/data/STATBEL_SCHEMAS.md) where the real files are not offline."""

from __future__ import annotations

import zipfile
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from conftest import TINY_SECTORS, tiny_sector_frame

from wijkanalyse import datasets, io, settings
from wijkanalyse._errors import CRSError, DataError, DataWarning, SchemaError
from wijkanalyse.datasets import Source
from wijkanalyse.io import _tables
from wijkanalyse.io.roads import RoadGraphFrames

LEUVEN = "24062"


# --------------------------------------------------------------------------- sector layers


def _zip_folder(folder: Path, target: Path, *, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(target, "w") as zf:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                zf.write(p, p.relative_to(folder.parent).as_posix())
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return target


def _check_tiny(frame: gpd.GeoDataFrame, vintage: int) -> None:
    assert list(frame.index) == list(TINY_SECTORS)
    assert frame.index.name == "sector"
    assert (frame["vintage"] == vintage).all()
    assert frame.crs.to_epsg() == 31370
    assert not frame.geometry.has_z.any()
    # the squares come back where they were drawn, to the millimetre
    for code, (_name, x, y) in TINY_SECTORS.items():
        minx, miny, _, _ = frame.geometry[code].bounds
        assert abs(minx - x) < 1e-3
        assert abs(miny - y) < 1e-3
        assert frame.geometry[code].area == pytest.approx(10_000, rel=1e-6)


def test_sectors_geojson_zip_2024(tmp_path: Path) -> None:
    # layout: <name>.geojson/<name>.geojson inside <name>.geojson.zip, plus readme and licence
    name = "sh_statbel_statistical_sectors_31370_20240101"
    folder = tmp_path / f"{name}.geojson"
    folder.mkdir()
    tiny_sector_frame(z=True).to_file(folder / f"{name}.geojson", driver="GeoJSON")
    archive = _zip_folder(
        folder,
        tmp_path / f"{name}.geojson.zip",
        extra={f"{name}-readme-nl.doc": b"readme", "Licence open data_NL.pdf": b"%PDF-1.4"},
    )
    frame = io.read_sectors(archive)
    _check_tiny(frame, 2024)
    assert list(frame["name"]) == [v[0] for v in TINY_SECTORS.values()]
    assert (frame["gemeente"] == LEUVEN).all()
    assert (frame["deelgemeente"] == "24062A").all()
    assert list(frame["area_ha"]) == [1.0, 1.0, 1.0]


def test_sectors_shapefile_zip_3812_two_folder_levels(tmp_path: Path) -> None:
    name = "sh_statbel_statistical_sectors_3812_20240101"
    inner = tmp_path / f"{name}.shp" / f"{name}.shp"
    inner.mkdir(parents=True)
    src = (
        tiny_sector_frame("EPSG:3812")
        .rename(
            columns={
                "cd_sector": "CS01012024",
                "tx_sector_descr_nl": "T_SEC_NL",
                "cd_munty_refnis": "CNIS5_2024",
                "ms_area_ha": "M_AREA_HA",
            }
        )
        .drop(columns="cd_sub_munty")
    )
    src.to_file(inner / f"{name}.shp")
    archive = _zip_folder(tmp_path / f"{name}.shp", tmp_path / f"{name}.shp.zip")
    frame = io.read_sectors(archive)
    _check_tiny(frame, 2024)
    assert "deelgemeente" not in frame
    assert (frame["gemeente"] == LEUVEN).all()


def test_sectors_shapefile_zip_2019_without_epsg_in_the_name(tmp_path: Path) -> None:
    src = (
        tiny_sector_frame()
        .rename(
            columns={
                "cd_sector": "CS01012019",
                "tx_sector_descr_nl": "T_SEC_NL",
                "cd_munty_refnis": "CNIS5_2019",
            }
        )
        .drop(columns=["cd_sub_munty", "ms_area_ha"])
    )
    folder = tmp_path / "sh_statbel_statistical_sectors_20190101.shp"
    folder.mkdir()
    src.to_file(folder / "sh_statbel_statistical_sectors_20190101.shp")
    archive = _zip_folder(folder, tmp_path / "sh_statbel_statistical_sectors_20190101.shp.zip")
    frame = io.read_sectors(archive)
    _check_tiny(frame, 2019)
    assert frame["area_ha"].isna().all()


def test_sectors_plain_shapefile_2020(tmp_path: Path) -> None:
    src = (
        tiny_sector_frame()
        .rename(
            columns={
                "cd_sector": "CS01012020",
                "tx_sector_descr_nl": "T_SEC_NL",
                "cd_munty_refnis": "CNIS5_2020",
                "ms_area_ha": "M_AREA_HA",
            }
        )
        .drop(columns="cd_sub_munty")
    )
    path = tmp_path / "sh_statbel_statistical_sectors_20200101.shp"
    src.to_file(path)
    _check_tiny(io.read_sectors(path), 2024)  # 2020 codes are the 2020-2024 ("2024") vintage


def test_sectors_shapefile_2011(tmp_path: Path) -> None:
    src = (
        tiny_sector_frame()
        .rename(
            columns={
                "cd_sector": "CS012011",
                "tx_sector_descr_nl": "SECTOR_NL",
                "cd_munty_refnis": "NIS_012011",
                "ms_area_ha": "GIS_AREA_H",
            }
        )
        .drop(columns="cd_sub_munty")
    )
    path = tmp_path / "scbel01012011_gen13.shp"
    src.to_file(path)
    frame = io.read_sectors(path)
    _check_tiny(frame, 2011)
    assert list(frame["name"]) == [v[0] for v in TINY_SECTORS.values()]


def test_sectors_geopackage_2025_with_z(tmp_path: Path) -> None:
    src = tiny_sector_frame(z=True)
    src["cd_sector"] = ["24062A00K", "24062A01K", "24062A02-"]
    path = tmp_path / "sh_statbel_statistical_sectors_31370_20250101.gpkg"
    src.to_file(path, driver="GPKG")
    frame = io.read_sectors(path)
    assert list(frame.index) == ["24062A00K", "24062A01K", "24062A02-"]
    assert (frame["vintage"] == 2025).all()
    assert not frame.geometry.has_z.any()


def test_sectors_spatialite_zip_2022(tmp_path: Path) -> None:
    # the zip is named with 31370 but the inner SQLite file is not
    folder = tmp_path / "sh_statbel_statistical_sectors_31370_20220101.sqlite"
    folder.mkdir()
    tiny_sector_frame().to_file(
        folder / "sh_statbel_statistical_sectors_20220101.sqlite",
        driver="SQLite",
        dataset_options={"SPATIALITE": "YES"},
    )
    archive = _zip_folder(
        folder, tmp_path / "sh_statbel_statistical_sectors_31370_20220101.sqlite.zip"
    )
    _check_tiny(io.read_sectors(archive), 2024)


def test_sectors_without_crs_need_assume_crs(tmp_path: Path) -> None:
    path = tmp_path / "sh_statbel_statistical_sectors_31370_20240101.shp"
    tiny_sector_frame().rename(
        columns={"cd_sector": "CS01012024", "tx_sector_descr_nl": "T_SEC_NL"}
    )[["CS01012024", "T_SEC_NL", "geometry"]].to_file(path)
    path.with_suffix(".prj").unlink()
    with pytest.raises(
        CRSError,
        match=r"has no CRS\. The file name suggests EPSG:31370; if so, pass assume_crs='EPSG:31370'",
    ):
        io.read_sectors(path)
    _check_tiny(io.read_sectors(path, assume_crs="EPSG:31370"), 2024)


def test_sectors_lonlat_labelled_as_lambert(tmp_path: Path) -> None:
    frame = tiny_sector_frame("EPSG:4326")
    frame = frame.set_crs("EPSG:31370", allow_override=True)  # the classic mistake
    path = tmp_path / "sectors_20240101.gpkg"
    frame.to_file(path, driver="GPKG")
    with pytest.raises(
        CRSError,
        match=r"outside Belgium for the stated CRS EPSG:31370.*look like longitude/latitude",
    ):
        io.read_sectors(path)


def test_sectors_duplicate_and_malformed_codes_reported_together(tmp_path: Path) -> None:
    frame = tiny_sector_frame()
    frame["cd_sector"] = ["24062A00-", "24062A00-", "2406A01"]
    path = tmp_path / "sectors_20240101.gpkg"
    frame.to_file(path, driver="GPKG")
    with pytest.raises(
        DataError,
        match=r"has 2 problems:\n  - 1 malformed sector codes: '2406A01'.*\n  - 1 sector codes occur more than once: 24062A00-",
    ):
        io.read_sectors(path)


def test_sectors_missing_code_column(tmp_path: Path) -> None:
    frame = tiny_sector_frame().rename(columns={"cd_sector": "code"})
    path = tmp_path / "sectors_20240101.gpkg"
    frame.to_file(path, driver="GPKG")
    with pytest.raises(
        SchemaError,
        match=r"lacks column 'cd_sector' \(found: code, tx_sector_descr_nl.*Pass code_col=",
    ):
        io.read_sectors(path)
    assert list(io.read_sectors(path, code_col="code").index) == list(TINY_SECTORS)


def test_sectors_vintage_must_be_known(tmp_path: Path) -> None:
    path = tmp_path / "my_sectors.gpkg"
    tiny_sector_frame().to_file(path, driver="GPKG")
    with pytest.raises(SchemaError, match="cannot tell the sector-code vintage.*pass vintage=2024"):
        io.read_sectors(path)
    assert (io.read_sectors(path, vintage=2024)["vintage"] == 2024).all()


def test_sectors_invalid_geometry(tmp_path: Path) -> None:
    frame = tiny_sector_frame()
    x, y = 173300.0, 174300.0
    frame.loc[0, "geometry"] = shapely.Polygon(
        [(x, y), (x + 100, y + 100), (x + 100, y), (x, y + 100)]
    )
    path = tmp_path / "sectors_20240101.gpkg"
    frame.to_file(path, driver="GPKG")
    with pytest.raises(DataError, match=r"1 invalid geometries \(0: Self-intersection.*make_valid"):
        io.read_sectors(path)


def test_empty_files_are_refused(tmp_path: Path) -> None:
    for name in ("sectors_20240101.gpkg", "OPENDATA_SECTOREN_2024.txt"):
        (tmp_path / name).write_bytes(b"")
    with pytest.raises(DataError, match="is empty"):
        io.read_sectors(tmp_path / "sectors_20240101.gpkg")
    with pytest.raises(DataError, match="is empty"):
        io.read_population(tmp_path / "OPENDATA_SECTOREN_2024.txt")
    (tmp_path / "header_only.csv").write_text("cd_sector,x65,rest\n")
    with pytest.raises(DataError, match="has a header but no rows"):
        io.read_census(tmp_path / "header_only.csv")


def test_real_sector_centroids(mirror: Path) -> None:
    c = io.read_sectors("statbel_sector_centroids_2024")
    assert len(c) == 19_795
    assert c.crs.to_epsg() == 31370
    leuven = c[c.index.str.startswith(LEUVEN)]
    assert len(leuven) == 118  # every 2024 code but 24062ZZZZ
    assert (leuven.geom_type == "Point").all()
    # Leuven lies around x 170-180 km, y 170-180 km in Lambert 72
    assert leuven.geometry.x.between(165_000, 185_000).all()
    assert leuven.geometry.y.between(165_000, 185_000).all()


# --------------------------------------------------------------------------- population


_POP_HEADER = (
    "CD_REFNIS|CD_SECTOR|TOTAL|DT_STRT_SECTOR|DT_STOP_SECTOR|OPPERVLAKKTE IN HM²|"
    "TX_DESCR_SECTOR_NL|TX_DESCR_SECTOR_FR|TX_DESCR_NL|TX_DESCR_FR"
)
_POP_ROWS = [
    "24062|24062A00-|757|01/01/2020|31/12/9999|45,25|LEUVEN-CENTRUM|LOUVAIN-CENTRE|Leuven|Louvain",
    "24062|24062A01-|825|01/01/2020|31/12/9999|12,5|LEI - VISMARKT|LEI - VISMARKT|Leuven|Louvain",
    "24062|24062A02-|280|01/01/2020|31/12/9999|30|LEUVEN STADSPARK|LEUVEN STADSPARK|Leuven|Louvain",
]


def _opendata_txt(path: Path, rows: list[str] = _POP_ROWS) -> Path:
    # pipe-separated, UTF-8 with BOM, decimal comma: as Statbel publishes it
    path.write_bytes(("\n".join([_POP_HEADER, *rows]) + "\n").encode("utf-8-sig"))
    return path


def test_population_opendata_txt(tmp_path: Path) -> None:
    pop = io.read_population(_opendata_txt(tmp_path / "OPENDATA_SECTOREN_2024.txt"))
    assert list(pop.index) == ["24062A00-", "24062A01-", "24062A02-"]
    assert list(pop["pop_total"]) == [757, 825, 280]
    assert str(pop["pop_total"].dtype) == "Int64"
    assert list(pop["area_ha"]) == [45.25, 12.5, 30.0]
    assert (pop["vintage"] == 2024).all()
    assert pop.loc["24062A00-", "name"] == "LEUVEN-CENTRUM"


def test_population_opendata_zip_and_xlsx(tmp_path: Path) -> None:
    txt = _opendata_txt(tmp_path / "OPENDATA_SECTOREN_2022.txt")
    archive = tmp_path / "OPENDATA_SECTOREN_2022.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(txt, txt.name)
    from_zip = io.read_population(archive)
    assert from_zip["pop_total"].sum() == 757 + 825 + 280
    frame = pd.read_csv(txt, sep="|", encoding="utf-8-sig", dtype=str)
    xlsx = tmp_path / "OPENDATA_SECTOREN_2025_NEW.xlsx"
    frame.assign(CD_SECTOR=["24062A00K", "24062A01K", "24062A02-"]).to_excel(xlsx, index=False)
    new = io.read_population(xlsx)
    assert (new["vintage"] == 2025).all()
    assert list(new["pop_total"]) == [757, 825, 280]


def test_population_duplicates(tmp_path: Path) -> None:
    rows = [*_POP_ROWS, _POP_ROWS[0].replace("|757|", "|3|")]
    path = _opendata_txt(tmp_path / "OPENDATA_SECTOREN_2024.txt", rows)
    with pytest.raises(
        DataError, match=r"1 sector codes occur more than once: 24062A00-.*duplicates='sum'"
    ):
        io.read_population(path)
    summed = io.read_population(path, duplicates="sum")
    assert summed.loc["24062A00-", "pop_total"] == 760
    assert summed["pop_total"].sum() == 760 + 825 + 280


def test_population_missing_columns_listed(tmp_path: Path) -> None:
    path = tmp_path / "OPENDATA_SECTOREN_2024.txt"
    path.write_bytes("CD_REFNIS|SECTOR|POP\n24062|24062A00-|757\n".encode("utf-8-sig"))
    with pytest.raises(
        SchemaError, match=r"lacks columns 'CD_SECTOR', 'TOTAL' \(found: CD_REFNIS, SECTOR, POP\)"
    ):
        io.read_population(path)


def test_population_wrong_encoding(tmp_path: Path) -> None:
    path = tmp_path / "OPENDATA_SECTOREN_2024.txt"
    text = "\n".join([_POP_HEADER, _POP_ROWS[0].replace("LOUVAIN-CENTRE", "LOUVAIN-CENTRÉ")])
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(
        DataError,
        match=r"is not valid utf-8-sig text \(byte 0x.. on line 1\).*pass encoding='cp1252'",
    ):
        io.read_population(path)
    ok = io.read_population(path, encoding="cp1252")
    assert ok["pop_total"].tolist() == [757]
    # a Source carries the option to any reader; the reader's own keyword wins
    assert io.read_population(Source(path, encoding="cp1252"))["pop_total"].tolist() == [757]
    with pytest.raises(DataError, match="pass encoding='cp1252'"):
        io.read_population(Source(path, encoding="cp1252"), encoding="utf-8")
    with pytest.raises(
        SchemaError, match=r"unknown reading option\(s\) encodng; did you mean 'encoding'\?"
    ):
        Source(path, encodng="cp1252")


# --------------------------------------------------------------------------- census


def test_census_mirror_leuven(mirror: Path) -> None:
    census = io.read_census()
    leuven = census[census.index.str.startswith(LEUVEN)]
    assert len(leuven) == 117
    assert int(leuven["pop_total"].sum()) == 101_032
    assert int(leuven["pop_65plus"].sum()) == 16_872
    assert (leuven["pop_total"] == leuven["pop_65plus"] + leuven["pop_under65"]).all()
    assert int(census["pop_total"].sum()) == 11_521_238  # the Belgian census count
    # 'NA' in 'rest' (no residents under 65) reads as 0, never as a missing total
    assert census.loc["11002H8MJ", ["pop_total", "pop_65plus", "pop_under65"]].tolist() == [1, 1, 0]
    assert census["pop_total"].notna().all()


def test_census_official_long_format(tmp_path: Path) -> None:
    rows = [
        ("24062A00-", "0-4", "1", 10),
        ("24062A00-", "0-4", "2", 12),
        ("24062A00-", "15-19", "1", 7),
        ("24062A00-", "60-64", "2", 5),
        ("24062A00-", "65-69", "1", 4),
        ("24062A00-", "80-84", "2", 3),
        ("24062A00-", "100+", "2", 1),
        ("24062A01-", "20-24", "1", 50),
    ]
    frame = pd.DataFrame(rows, columns=["CD_SECTOR", "CD_AGE", "CD_SEX", "MS_POP"])
    path = tmp_path / "TF_CENSUS_2021_S01.xlsx"
    frame.to_excel(path, index=False)
    census = io.read_census(path)
    a = census.loc["24062A00-"]
    # by hand: 0-14 = 22; 15-64 = 12; 65+ = 8 (4 + 3 + 1); 80+ = 4
    assert (a["pop_total"], a["pop_0_14"], a["pop_15_64"], a["pop_65plus"], a["pop_80plus"]) == (
        42,
        22,
        12,
        8,
        4,
    )
    assert a["pop_under65"] == 34
    assert census.loc["24062A01-", "pop_total"] == 50
    assert (census["vintage"] == 2024).all()


def test_census_age_classes_must_parse(tmp_path: Path) -> None:
    frame = pd.DataFrame({"CD_SECTOR": ["24062A00-"], "CD_AGE": ["old"], "MS_POP": [3]})
    path = tmp_path / "TF_CENSUS_2021_S01.xlsx"
    frame.to_excel(path, index=False)
    with pytest.raises(SchemaError, match="age classes that are not 'a-b' or 'a\\+': 'old'"):
        io.read_census(path)


# --------------------------------------------------------------------------- income


def test_income_mirror(mirror: Path) -> None:
    inc = io.read_income()
    leuven = inc[inc.index.str.startswith(LEUVEN)]
    assert len(leuven) == 116
    assert (inc["year"] == 2021).all()
    assert (inc["vintage"] == 2024).all()
    assert leuven["income_median"].median() == 30_869
    suppressed = inc["income_median"].isna()
    assert int(suppressed.sum()) == 1_801
    assert (inc.loc[suppressed, "income_median_na_reason"] == "suppressed_by_source").all()
    assert inc.loc[~suppressed, "income_median_na_reason"].isna().all()
    assert int(inc["income_mean"].isna().sum()) == 2_803
    # never 0 in place of a suppressed cell
    assert not (inc["income_median"] == 0).any()


_INCOME_TXT = (
    "CD_YEAR|CD_REFNIS_SECTOR|CD_SECTOR|CD_MUNTY_REFNIS|TX_SECTOR_DESCR_NL|MS_NBR_NON_ZERO_INC|"
    "MS_TOT_NET_TAXABLE_INC|MS_AVG_TOT_NET_TAXABLE_INC|MS_MEDIAN_NET_TAXABLE_INC\n"
    "2013|24062A00-|A00-|24062|LEUVEN-CENTRUM|520|15600000|30000|25000\n"
    "2013|24062A01-|A01-|24062|LEI - VISMARKT|C|C|C|C\n"
    "2012|24062A00-|A00-|24062|LEUVEN-CENTRUM|500|14000000|28000|24000\n"
)


def test_income_official_txt_with_confidential_cells(tmp_path: Path) -> None:
    path = tmp_path / "TF_PSNL_INC_TAX_SECTOR.txt"
    path.write_bytes(_INCOME_TXT.encode("utf-8-sig"))
    with pytest.raises(SchemaError, match=r"holds income years 2012, 2013; pass year="):
        io.read_income(path)
    inc = io.read_income(path, year=2013)
    assert list(inc.index) == ["24062A00-", "24062A01-"]
    assert inc.loc["24062A00-", "n_declarations"] == 520
    assert inc.loc["24062A00-", "income_total"] == 15_600_000
    assert pd.isna(inc.loc["24062A01-", "income_median"])
    assert inc.loc["24062A01-", "income_median_na_reason"] == "suppressed_by_source"
    assert inc.loc["24062A01-", "n_declarations_na_reason"] == "suppressed_by_source"
    assert (inc["vintage"] == 2011).all()  # income 2013 uses the 2011-2018 codes
    with pytest.raises(DataError, match="has no income year 2020"):
        io.read_income(path, year=2020)


def test_income_official_xlsx_short_sector_codes(tmp_path: Path) -> None:
    # the 4-character CD_SECTOR is joined to the municipality code
    frame = pd.DataFrame(
        {
            "cd_year": [2021, 2021],
            "cd_munty_refnis": ["24062", "24062"],
            "cd_sector": ["A00-", "A01-"],
            "ms_avg_tot_net_taxable_inc": ["30521", "*"],
            "ms_median_net_taxable_inc": ["22286", "*"],
        }
    )
    path = tmp_path / "TF_PSNL_INC_TAX_SECTOR.xlsx"
    frame.to_excel(path, index=False)
    inc = io.read_income(path)
    assert list(inc.index) == ["24062A00-", "24062A01-"]
    assert inc.loc["24062A00-", "income_median"] == 22_286
    assert pd.isna(inc.loc["24062A01-", "income_mean"])
    assert (inc["vintage"] == 2024).all()


# --------------------------------------------------------------------------- hierarchy tables


def test_sector_tables(mirror: Path) -> None:
    t24 = io.read_sector_table("pinc_statsec2024_als_basis")
    leuven24 = t24[t24["gemeente"] == LEUVEN]
    assert len(leuven24) == 119
    assert (leuven24["vintage"] == 2024).all()
    assert leuven24["wijk"].nunique() == 25  # 24 wijken + unlocated residents
    assert leuven24.loc["24062ZZZZ", "wijk"] == "24062ONB"
    assert set(leuven24["deelgemeente"]) == {"24062A", "24062C", "24062-Z", "24062-Y", "24062ONBE"}
    assert (leuven24["gemeente_2025"] == LEUVEN).all()
    t25 = io.read_sector_table("pinc_statsec2025_als_basis")
    leuven25 = t25[t25["gemeente"] == LEUVEN]
    assert len(leuven25) == 135
    assert leuven25.loc["24062E73L", ["name", "wijk"]].tolist() == ["Hoogland", "24062W14"]
    t11 = io.read_sector_table("statbel_sectors_2011")
    assert (t11["gemeente"] == LEUVEN).sum() == 119
    assert len(t11) == 20_375


def test_cp1252_table_is_read_correctly(mirror: Path) -> None:
    dg = io.read_sector_table("pinc_deelgemeenten_belgie")
    assert len(dg) == 20_371
    assert dg.loc["24062A00-", "deelgemeente_name"] == "Leuven"
    # byte 0xEB is 'ë' in cp1252; the '+' before it is the source's own garbling (see the
    # data README), kept byte for byte
    assert dg.loc["25005B00-", "deelgemeente_name"] == "L'+ëcluse"
    with pytest.raises(DataError, match="is not valid utf-8 text.*pass encoding='cp1252'"):
        io.read_sector_table("pinc_deelgemeenten_belgie", encoding="utf-8")


def test_utf8_read_as_cp1252_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text(
        "statsec;deelgemeente;gemeente;statsec_naam;gemeente_naam;provincie;"
        "statsec_naam_lang;deelgemeente_naam\n"
        "11001A00-;11001A;11001;Café;Liège;10000;Café (11001A00-);Hélécine\n"
        "11001A01-;11001A;11001;Crèche;Liège;10000;Crèche (11001A01-);Hélécine\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="looks like UTF-8 text read as cp1252.*encoding='utf-8'"):
        io.read_sector_table(path, encoding="cp1252", vintage=2011)
    assert io.read_sector_table(path, vintage=2011).loc["11001A00-", "name"] == "Café"


def test_crosswalk_table(mirror: Path) -> None:
    cw = io.read_sector_crosswalk()
    assert len(cw) == 10_241
    pair = cw[cw["sector_2019"] == "12030ZZZZ"]["sector_2024"].tolist()
    assert pair == ["12041ZZZZ"]


def test_area_polygons(mirror: Path) -> None:
    w = io.read_areas("pinc_wijken_ggw72024_arr_leuven")
    leuven = w[w.index.str.startswith(LEUVEN)]
    assert len(leuven) == 24
    assert leuven.loc["240621", "short_name"] == "Wijgmaal"
    assert leuven.loc["240621", "name"] == "Wijgmaal (Leuven)"
    assert (leuven["level"] == "wijk").all()
    assert leuven.area.sum() / 1e6 == pytest.approx(57.50, abs=0.01)
    d = io.read_areas("pinc_deelgemeenten_2024")
    assert set(d.index[d.index.str.startswith(LEUVEN)]) == {
        "24062A",
        "24062C",
        "24062-Z",
        "24062-Y",
    }
    assert (d["level"] == "deelgemeente").all()
    g = io.read_areas("pinc_gemeenten_2024")
    assert g.loc[LEUVEN, "name"] == "Leuven"
    assert (g["level"] == "gemeente").all()
    names = io.read_area_names("pinc_ggw72024_names")
    assert names.loc["2406213", "short_name"] == "Blauwput"


# --------------------------------------------------------------------------- facilities


def test_leuven_centres_reference(mirror: Path) -> None:
    f = io.read_facilities("leuven_centres_reference")
    assert len(f) == 7
    assert f.index.name == "facility_id"
    assert f["type"].value_counts().to_dict() == {"buurtcentrum": 4, "lokaal_dienstencentrum": 3}
    assert (f["status"] == "existing").all()
    assert f["capacity"].isna().all()
    assert f.crs.to_epsg() == 31370
    assert f.loc["buurtcentrum-buurthuis-t-lampeke", "location_confidence"] == "high"
    lampeke = f.geometry["buurtcentrum-buurthuis-t-lampeke"]
    assert (lampeke.x, lampeke.y) == (172792.4, 175027.7)


def test_leuven_centres_with_status(mirror: Path) -> None:
    f = io.read_facilities("leuven_centres_status")
    assert f.loc["buurtcentrum-buurtfunctie-blauwput", "status"] == "planned"
    assert (f["status"] == "existing").sum() == 6
    # how far each may lie from its point: building 25 m, neighbourhood 250 m, centroid 750 m
    assert f["location_radius_m"].to_dict() == {
        "buurtcentrum-buurthuis-t-lampeke": 25.0,
        "buurtcentrum-buurtcentrum-sint-maartensdal": 250.0,
        "buurtcentrum-buurtcentrum-casablanca": 250.0,
        "buurtcentrum-buurtfunctie-blauwput": 750.0,
        "lokaal-dienstencentrum-ldc-ter-vlierbeke": 750.0,
        "lokaal-dienstencentrum-ldc-ter-putkapelle": 750.0,
        "lokaal-dienstencentrum-ldc-ruelenspark": 750.0,
    }


def test_location_confidence_in_metres_or_refused(tmp_path: Path) -> None:
    header = "name,type,location_confidence,x_31370,y_31370"
    ok = _register(
        tmp_path / "ok.csv",
        header,
        [
            "A,buurtcentrum,120,170000,170000",
            "B,buurtcentrum,Low,170100,170000",
            "C,buurtcentrum,,170200,170000",
        ],
    )
    f = io.read_facilities(ok).set_index("name")
    assert f.loc["A", "location_radius_m"] == 120.0
    assert f.loc["B", "location_radius_m"] == 750.0
    assert pd.isna(f.loc["C", "location_radius_m"])
    bad = _register(tmp_path / "bad.csv", header, ["A,buurtcentrum,ongeveer,170000,170000"])
    with pytest.raises(
        DataError, match="must be high, medium, low or a radius in metres; found ongeveer"
    ):
        io.read_facilities(bad)


def _register(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_facilities_lonlat_csv(tmp_path: Path) -> None:
    path = _register(
        tmp_path / "ldc.csv",
        "name;lat;lon;capacity",
        ["LDC A;50,8798;4,7005;120", "LDC B;50,8900;4,7200;"],
    )
    f = io.read_facilities(path, facility_type="lokaal dienstencentrum")
    assert list(f["type"]) == ["lokaal_dienstencentrum"] * 2
    assert f.crs.to_epsg() == 31370
    assert f["capacity"].tolist()[0] == 120
    assert pd.isna(f["capacity"].tolist()[1])
    # 4.7005 E, 50.8798 N is in Leuven: about (173 400, 174 000) in Lambert 72
    a = f.geometry.iloc[0]
    assert 172_000 < a.x < 175_000
    assert 173_000 < a.y < 176_000


def test_facilities_xy_need_a_crs(tmp_path: Path) -> None:
    path = _register(tmp_path / "f.csv", "name,type,x,y", ["A,buurtcentrum,173000,174000"])
    with pytest.raises(
        CRSError, match=r"coordinate columns 'x'/'y' do not say their CRS\. Pass crs='EPSG:31370'"
    ):
        io.read_facilities(path)
    assert io.read_facilities(path, crs="EPSG:31370").geometry.iloc[0].x == 173000


def test_facilities_lonlat_labelled_as_lambert(tmp_path: Path) -> None:
    path = _register(tmp_path / "f.csv", "name,type,x_31370,y_31370", ["A,buurtcentrum,4.70,50.88"])
    with pytest.raises(CRSError, match="look like longitude/latitude"):
        io.read_facilities(path)


def test_facilities_missing_coordinates_and_bad_status(tmp_path: Path) -> None:
    path = _register(
        tmp_path / "f.csv",
        "name,type,x_31370,y_31370",
        ["A,buurtcentrum,173000,174000", "B,buurtcentrum,,"],
    )
    with pytest.raises(SchemaError, match=r"1 facilities have no coordinates \(row 3\)"):
        io.read_facilities(path)
    path = _register(
        tmp_path / "g.csv",
        "name,type,status,x_31370,y_31370",
        ["A,buurtcentrum,open,173000,174000"],
    )
    with pytest.raises(
        SchemaError, match="status must be one of existing, planned, candidate, closed; found open"
    ):
        io.read_facilities(path)


def test_facilities_ids_do_not_depend_on_row_order(tmp_path: Path) -> None:
    rows = [
        "Zaal,buurtcentrum,173000,174000",
        "Zaal,buurtcentrum,174000,175000",
        "Huis,buurtcentrum,172000,176000",
    ]
    a = io.read_facilities(_register(tmp_path / "a.csv", "name,type,x_31370,y_31370", rows))
    b = io.read_facilities(_register(tmp_path / "b.csv", "name,type,x_31370,y_31370", rows[::-1]))
    assert sorted(a.index) == sorted(b.index)
    assert a.loc["buurtcentrum-huis"].geometry.equals(b.loc["buurtcentrum-huis"].geometry)
    for fid in a.index:
        assert a.geometry[fid].equals(b.geometry[fid])


def test_facilities_geojson_and_geopackage(tmp_path: Path) -> None:
    pts = gpd.GeoDataFrame(
        {"name": ["A", "B"], "type": ["buurtcentrum", "pharmacy"], "capacity": [30, 10]},
        geometry=gpd.points_from_xy([4.70, 4.71], [50.88, 50.87]),
        crs=4326,
    )
    pts.to_file(tmp_path / "f.geojson", driver="GeoJSON")
    pts.to_crs(31370).to_file(tmp_path / "f.gpkg", driver="GPKG")
    a, b = io.read_facilities(tmp_path / "f.geojson"), io.read_facilities(tmp_path / "f.gpkg")
    assert list(a.index) == list(b.index) == ["buurtcentrum-a", "pharmacy-b"]
    assert np.allclose(a.geometry.x, b.geometry.x, atol=1e-6)
    assert a["capacity"].tolist() == [30, 10]
    assert list(io.read_facilities(tmp_path / "f.gpkg", types=["pharmacy"]).index) == ["pharmacy-b"]


def test_facility_polygons_need_as_point(tmp_path: Path) -> None:
    poly = gpd.GeoDataFrame(
        {"name": ["Zaal"], "type": ["buurtcentrum"]},
        geometry=[shapely.box(173000, 174000, 173020, 174030)],
        crs=31370,
    )
    poly.to_file(tmp_path / "p.gpkg", driver="GPKG")
    with pytest.raises(
        SchemaError, match="Polygon geometries; facilities are points. Pass as_point="
    ):
        io.read_facilities(tmp_path / "p.gpkg")
    f = io.read_facilities(tmp_path / "p.gpkg", as_point="representative_point")
    assert f.geometry.iloc[0].within(poly.geometry.iloc[0])


def test_osm_points(mirror: Path) -> None:
    pts = io.read_osm_points(types=["pharmacy", "doctors", "school", "supermarket", "library"])
    assert set(pts["type"]) == {"pharmacy", "doctors", "school", "supermarket", "library"}
    assert pts.index[0].startswith("osm-node-")
    from wijkanalyse.areas import municipality_polygon

    inside = pts[pts.within(municipality_polygon(LEUVEN))]
    counts = inside["type"].value_counts().to_dict()
    # data README: inside Leuven pharmacy 39, school 24, doctors 19, supermarket 27, library 7
    assert counts == {"pharmacy": 39, "supermarket": 27, "school": 24, "doctors": 19, "library": 7}


def test_osm_unknown_type_suggests(mirror: Path) -> None:
    with pytest.raises(DataError, match=r"no points of type 'pharmacie'.*did you mean pharmacy"):
        io.read_osm_points(types=["pharmacie"])
    # Geofabrik truncates type to 16 characters: a longer request matches its first 16
    long = io.read_osm_points(types=["motorway_junction"])
    assert set(long["type"]) == {"motorway_junctio"}


# --------------------------------------------------------------------------- road graph


def test_road_graph(mirror: Path) -> None:
    g = io.read_road_graph()
    assert len(g.nodes) == 21_032
    assert len(g.edges) == 41_535
    assert g.nodes.index.name == "node_id"
    assert g.edges.crs.to_epsg() == 31370
    assert int(g.edges["maxspeed_kmh"].notna().sum()) == 14_409 - 24  # 3050 artefacts → NA
    assert float(g.edges["maxspeed_kmh"].max()) <= 200
    assert (g.edges["length_m"] >= 0).all()


def test_road_graph_with_dangling_edges(tmp_path: Path) -> None:
    nodes = gpd.GeoDataFrame(
        {"node_id": [1, 2]},
        geometry=gpd.points_from_xy([173000, 173100], [174000, 174000]),
        crs=31370,
    )
    edges = gpd.GeoDataFrame(
        {"u": [1, 2], "v": [2, 3], "length_m": [100.0, 50.0]},
        geometry=[shapely.LineString([(173000, 174000), (173100, 174000)])] * 2,
        crs=31370,
    )
    path = tmp_path / "g.gpkg"
    nodes.to_file(path, layer="nodes", driver="GPKG")
    edges.to_file(path, layer="edges", driver="GPKG")
    with pytest.raises(DataError, match="1 edges refer to nodes that do not exist"):
        io.read_road_graph(path)


@pytest.mark.filterwarnings("ignore:'crs' was not provided:UserWarning")
def test_road_graph_without_crs_takes_assume_crs(tmp_path: Path) -> None:
    nodes = gpd.GeoDataFrame(
        {"node_id": [1, 2]}, geometry=gpd.points_from_xy([173000, 173100], [174000, 174000])
    )
    edges = gpd.GeoDataFrame(
        {"u": [1], "v": [2], "length_m": [100.0]},
        geometry=[shapely.LineString([(173000, 174000), (173100, 174000)])],
    )
    path = tmp_path / "g.gpkg"
    nodes.to_file(path, layer="nodes", driver="GPKG")
    edges.to_file(path, layer="edges", driver="GPKG")
    with pytest.raises(CRSError, match=r"layer 'nodes' has no CRS\. Pass assume_crs="):
        io.read_road_graph(path)
    g = io.read_road_graph(path, assume_crs="EPSG:31370")
    assert g.edges.crs.to_epsg() == 31370
    assert io.read_road_graph(Source(path, assume_crs="EPSG:31370")).nodes.crs.to_epsg() == 31370


def test_pinc_upload_encoding_and_member(tmp_path: Path) -> None:
    text = (
        "period;geolevel;geoitem;v2506_elek_res_cons;v2506_elek_res_n;v2506_gas_res_cons;"
        "v2506_gas_res_n;opmerking\n"
        "2021;statsec2019;24062A00-;1000;10;2000;5;café\n"
    )
    path = tmp_path / "energie.csv"
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(DataError, match="pass encoding='cp1252'"):
        io.read_energy(path)
    e = io.read_energy(path, encoding="cp1252")
    assert e.loc["24062A00-", "elek_res_n"] == 10
    archive = tmp_path / "energie.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.csv", text.encode("cp1252"))
        zf.writestr("b.csv", "x\n1\n")
    with pytest.raises(
        DataError, match=r"holds several table files: a\.csv, b\.csv\. Pass member="
    ):
        io.read_energy(Source(archive, encoding="cp1252"))
    zipped = io.read_energy(Source(archive, encoding="cp1252", member="a.csv"))
    assert zipped.loc["24062A00-", "gas_res_kwh"] == 2000


def test_vintage_from_year() -> None:
    assert [io.vintage_from_year(y) for y in (2011, 2018, 2019, 2020, 2024, 2025, 2030)] == [
        2011,
        2011,
        2019,
        2024,
        2024,
        2025,
        2025,
    ]


def test_decimal_separators() -> None:
    s = pd.Series(["12,5", "1.234,5", None, "7"])
    assert io._to_number(s, what="x").tolist()[:2] == [12.5, 1234.5]
    assert io._to_number(pd.Series(["1,234.5", "3.25"]), what="x").tolist() == [1234.5, 3.25]
    with pytest.raises(SchemaError, match="mixes decimal commas and decimal points"):
        io._to_number(pd.Series(["1,234", "3.25"]), what="x")


def _shortcut_graph(path: Path, claimed: list[float]) -> Path:
    """Three nodes near Leuven station: a 2 × 150 m detour A-B-C and a shortcut A-C of 200 m."""
    x0, y0 = 174000.0, 174000.0
    xy = {1: (x0, y0), 2: (x0 + 100, y0 + 100), 3: (x0 + 200, y0)}
    nodes = gpd.GeoDataFrame(
        {"node_id": list(xy)},
        geometry=gpd.points_from_xy(*zip(*xy.values(), strict=True)),
        crs=31370,
    )
    ends = [(1, 2), (2, 3), (1, 3)]
    edges = gpd.GeoDataFrame(
        {"u": [u for u, _ in ends], "v": [v for _, v in ends], "length_m": claimed},
        geometry=[shapely.LineString([xy[u], xy[v]]) for u, v in ends],
        crs=31370,
    )
    nodes.to_file(path, layer="nodes", driver="GPKG")
    edges.to_file(path, layer="edges", driver="GPKG")
    return path


def test_road_graph_zero_lengths_are_measured_from_the_line(tmp_path: Path) -> None:
    path = _shortcut_graph(tmp_path / "g.gpkg", [141.43, 141.43, 0.0])
    with pytest.warns(
        DataWarning,
        match=r"file 'g\.gpkg' layer 'edges': 1 edges \(0\.20 km by their geometry\) have a "
        r"length_m that is missing, negative, zero \(1 of them\) or shorter than the straight",
    ):
        g = io.read_road_graph(path)
    assert g.repaired_edges == 1
    assert g.repaired_km == pytest.approx(0.2)
    assert g.edges["length_m"].tolist() == pytest.approx([141.43, 141.43, 200.0], abs=0.01)
    # a correct graph is read without a word and nothing is repaired
    ok = io.read_road_graph(_shortcut_graph(tmp_path / "ok.gpkg", [141.43, 141.43, 200.0]))
    assert ok.repaired_edges == 0


def test_road_graph_length_without_line_is_measured_between_its_nodes(tmp_path: Path) -> None:
    path = _shortcut_graph(tmp_path / "g.gpkg", [141.43, 141.43, float("nan")])
    edges = gpd.read_file(path, layer="edges")
    nodes = gpd.read_file(path, layer="nodes")
    nodes = nodes[nodes["node_id"] != 3]  # the shortcut's end node is gone ...
    edges = edges.iloc[[0, 2]]
    edges.loc[2, "v"] = 2
    edges.loc[2, "geometry"] = None  # ... and so is its line
    bad = tmp_path / "bad.gpkg"
    nodes.to_file(bad, layer="nodes", driver="GPKG")
    edges.to_file(bad, layer="edges", driver="GPKG")
    # A→B has a line and nodes; the NA length of the second A→B is measured from its nodes
    with pytest.warns(DataWarning, match=r"1 edges \(0\.14 km by their geometry\)"):
        g = io.read_road_graph(bad)
    assert g.edges["length_m"].tolist() == pytest.approx([141.43, 141.42], abs=0.01)

    # with neither a line nor end nodes there is nothing to measure: refused, never trusted
    from wijkanalyse._validate import check_edge_lengths

    with pytest.raises(
        DataError,
        match=r"x: 1 edges have a missing, negative or impossible length_m and no "
        r"geometry to measure it from \(a->b\)",
    ):
        check_edge_lengths(
            np.array([0.0, 5.0]), np.array([np.nan, 5.0]), source="x", ids=["a->b", "b->c"]
        )


def test_leuven_road_graph_needs_no_length_repair(mirror: Path) -> None:
    # its lengths are rounded to the centimetre: within rounding, nothing is repaired
    g = io.read_road_graph()
    assert (g.repaired_edges, g.repaired_km) == (0, 0.0)
    assert (g.edges["length_m"] >= g.edges.geometry.length - 0.01).all()


# --------------------------------------------------------------------------- memo

_ID = "statbel_census2021_age65"


@pytest.fixture
def memo(monkeypatch: pytest.MonkeyPatch) -> OrderedDict[tuple[object, ...], object]:
    """Give the test an empty memo; the process's memo is left as it was."""
    fresh: OrderedDict[tuple[object, ...], object] = OrderedDict()
    monkeypatch.setattr(_tables, "_MEMO", fresh)
    return fresh


def _counting_reader() -> tuple[Callable[..., pd.DataFrame], list[object]]:
    """Return a memoised stand-in reader that records every call that reaches it."""
    calls: list[object] = []

    @_tables._memo
    def read(source: str, *, n: int | None = None) -> pd.DataFrame:
        calls.append((source, n, settings.working_crs))
        return pd.DataFrame({"n": [n], "crs": [settings.working_crs]})

    return read, calls


def test_memo_is_bounded_and_forgets_the_least_recently_used(
    memo: OrderedDict, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_tables, "_MEMO_MAXSIZE", 3)
    read, calls = _counting_reader()
    for n in range(5):
        read(_ID, n=n)
    assert len(memo) == 3
    assert len(calls) == 5
    read(_ID, n=4)
    read(_ID, n=2)  # both kept: no new read; 2 is now the most recently used
    assert len(calls) == 5
    read(_ID, n=0)  # forgotten: read again; 3, the least recently used, goes
    assert len(calls) == 6
    assert len(memo) == 3
    read(_ID, n=2)
    assert len(calls) == 6
    read(_ID, n=3)
    assert len(calls) == 7


def test_memo_key_includes_the_working_crs_and_the_catalogue_entry(
    memo: OrderedDict, monkeypatch: pytest.MonkeyPatch
) -> None:
    read, calls = _counting_reader()
    assert read(_ID, n=1)["crs"].iloc[0] == "EPSG:31370"
    monkeypatch.setattr(settings, "working_crs", "EPSG:3812")
    assert read(_ID, n=1)["crs"].iloc[0] == "EPSG:3812"
    assert len(calls) == 2
    monkeypatch.setattr(settings, "working_crs", "EPSG:31370")
    assert read(_ID, n=1)["crs"].iloc[0] == "EPSG:31370"
    assert len(calls) == 2
    # another file under the same id (another sha256) is another read
    entry = datasets.CATALOGUE[_ID]
    monkeypatch.setitem(datasets.CATALOGUE, _ID, replace(entry, sha256="0" * 64))
    read(_ID, n=1)
    assert len(calls) == 3


def test_memoised_geometries_follow_the_working_crs(
    mirror: Path, memo: OrderedDict, monkeypatch: pytest.MonkeyPatch
) -> None:
    lambert72 = io.read_areas("pinc_gemeenten_2024")
    monkeypatch.setattr(settings, "working_crs", "EPSG:3812")
    lambert08 = io.read_areas("pinc_gemeenten_2024")
    assert lambert72.crs.equals("EPSG:31370")
    assert lambert08.crs.equals("EPSG:3812")
    assert len(memo) == 2


def test_memo_hands_out_copies(memo: OrderedDict) -> None:
    read, calls = _counting_reader()
    first = read(_ID, n=1)
    first.loc[0, "n"] = 99
    assert read(_ID, n=1).loc[0, "n"] == 1
    assert len(calls) == 1

    @_tables._memo
    def graph(source: str) -> RoadGraphFrames:
        nodes = gpd.GeoDataFrame({"node_id": [1]}, geometry=[shapely.Point(0, 0)], crs="EPSG:31370")
        edges = gpd.GeoDataFrame({"u": [1], "v": [1]}, geometry=[None], crs="EPSG:31370")
        return RoadGraphFrames(nodes=nodes, edges=edges, repaired_edges=2, repaired_km=0.5)

    g = graph(_ID)
    g.nodes.loc[0, "node_id"] = 7
    g.edges.loc[0, "u"] = 7
    again = graph(_ID)
    assert again.nodes.loc[0, "node_id"] == 1
    assert again.edges.loc[0, "u"] == 1
    assert (again.repaired_edges, again.repaired_km) == (2, 0.5)


def test_memo_skips_paths_and_clear_cache_empties_it(memo: OrderedDict, tmp_path: Path) -> None:
    read, calls = _counting_reader()
    read(str(tmp_path / "census.csv"), n=1)
    read(str(tmp_path / "census.csv"), n=1)
    assert len(calls) == 2
    assert len(memo) == 0
    read(_ID, n=1)
    assert len(memo) == 1
    io.clear_cache()
    assert len(memo) == 0
    read(_ID, n=1)
    assert len(calls) == 4


def test_memo_is_thread_safe(memo: OrderedDict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_tables, "_MEMO_MAXSIZE", 4)
    read, _calls = _counting_reader()

    def work(seed: int) -> bool:
        return all(
            read(_ID, n=(seed * 7 + i) % 10)["n"].iloc[0] == (seed * 7 + i) % 10 for i in range(50)
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(work, range(16)))
    assert len(memo) <= 4
