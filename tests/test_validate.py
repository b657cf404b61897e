from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from wijkanalyse._errors import CRSError, DataError, SchemaError
from wijkanalyse._validate import (
    SECTOR_CODE_RE,
    Problems,
    as_nullable_int,
    check_in_belgium,
    check_projected,
    check_same_crs,
    check_sector_codes,
    close_matches,
    listing,
    require_columns,
)


@pytest.mark.parametrize("code", ["24062A00-", "24062E73L", "1100212MQ", "24062ZZZZ", "11002M0PA"])
def test_valid_sector_codes(code: str) -> None:
    assert SECTOR_CODE_RE.fullmatch(code)


@pytest.mark.parametrize("code", ["2406A00-", "24062a00-", "04062A00-", "24062A00--", "24062 A00"])
def test_malformed_sector_codes(code: str) -> None:
    assert not SECTOR_CODE_RE.fullmatch(code)


def test_problems_collects_then_raises_once() -> None:
    p = Problems("table 'x.csv'")
    p.raise_if_any()  # nothing yet
    p.add("first")
    p.add("second", CRSError)
    with pytest.raises(CRSError, match=r"table 'x.csv' has 2 problems:\n  - first\n  - second"):
        p.raise_if_any()


def test_sector_code_checks() -> None:
    p = Problems("t")
    check_sector_codes(pd.Series(["24062A00-", None, "bad", "24062A00-"]), source="t", problems=p)
    assert len(p) == 3
    assert "1 rows have no sector code" in p.messages[0]
    assert "malformed sector codes: 'bad'" in p.messages[1]
    assert "occur more than once: 24062A00-" in p.messages[2]


def test_require_columns_lists_what_was_found() -> None:
    frame = pd.DataFrame(columns=["cd_sector", "x65", "rest"])
    with pytest.raises(
        SchemaError,
        match=r"census.csv lacks column 'CD_SECTOR' \(found: cd_sector, x65, rest\)\. Pass code_col='cd_sector'\.",
    ):
        require_columns(
            frame, ["CD_SECTOR"], source="census.csv", hint="Pass code_col='cd_sector'."
        )


def test_lonlat_labelled_as_projected() -> None:
    pts = gpd.GeoSeries(gpd.points_from_xy([4.70, 4.71], [50.88, 50.87]), crs=31370)
    p = Problems("f")
    check_in_belgium(pts, source="f", problems=p)
    assert "look like longitude/latitude" in p.messages[0]
    ok = Problems("f")
    check_in_belgium(pts.set_crs(4326, allow_override=True), source="f", problems=ok)
    assert not ok


def test_crs_checks() -> None:
    a = gpd.GeoSeries([shapely.Point(1, 1)], crs=31370)
    with pytest.raises(
        CRSError, match=r"geographic CRS \(EPSG:4326, degrees\).*to_crs\('EPSG:31370'\)"
    ):
        check_projected(a.to_crs(4326), what="facilities")
    with pytest.raises(CRSError, match="has no CRS"):
        check_projected(gpd.GeoSeries([shapely.Point(1, 1)]), what="facilities")
    with pytest.raises(
        CRSError,
        match=r"sectors is in EPSG:31370 but facilities is in EPSG:3812.*facilities\.to_crs\(sectors\.crs\)",
    ):
        check_same_crs(a, a.to_crs(3812), names=("sectors", "facilities"))


def test_nullable_ints_refuse_fractions_and_text() -> None:
    assert as_nullable_int(pd.Series(["1", None, "3"]), what="n").tolist()[0] == 1
    with pytest.raises(SchemaError, match="non-integral counts: 1.5"):
        as_nullable_int(pd.Series(["1.5"]), what="n")
    with pytest.raises(SchemaError, match="non-numeric values: x"):
        as_nullable_int(pd.Series(["x"]), what="n")


def test_listing_and_close_matches() -> None:
    assert listing(range(3)) == "0, 1, 2"
    assert listing(range(20), limit=2) == "0, 1, … (20 in all)"
    assert close_matches("populaton", ["population", "income"]) == ["population"]
    assert isinstance(DataError("x"), ValueError)
