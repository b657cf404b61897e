"""Shared fixtures.

Integration tests read the real data of the dataset mirror (``../shared/data`` next to the
checkout, or ``$WIJKANALYSE_DATA_MIRROR``). Unit tests build tiny files whose expected
results are computed by hand in the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from wijkanalyse import settings
from wijkanalyse.network import StreetNetwork
from wijkanalyse.study import RunResult, Study

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every test starts with default settings and a private, empty download cache."""
    saved = {
        name: getattr(settings, name)
        for name in (
            "data_mirror",
            "cache_dir",
            "download_base_url",
            "language",
            "working_crs",
            "suppression_threshold",
        )
    }
    settings.cache_dir = tmp_path_factory.mktemp("cache")
    yield
    for name, value in saved.items():
        setattr(settings, name, value)


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The dataset mirror with the real data; the integration tests need it."""
    path = settings.resolved_data_mirror()
    if path is None or not path.is_dir():
        pytest.fail(
            "the dataset mirror is missing: put the shared data at ../shared/data next to the "
            "checkout or set WIJKANALYSE_DATA_MIRROR"
        )
    return path


@pytest.fixture(scope="session")
def leuven_run(tmp_path_factory: pytest.TempPathFactory, mirror: Path) -> RunResult:
    """The flagship study, run once per test session."""
    out = tmp_path_factory.mktemp("leuven_out")
    return Study.from_toml(EXAMPLES / "leuven.toml").run(out)


# --------------------------------------------------------------------------- tiny sectors

#: Three real Leuven sector codes (2024) with hand-made square "polygons" of 100 m × 100 m
#: (1 ha each) near their true centroids, in EPSG:31370.
TINY_SECTORS = {
    "24062A00-": ("LEUVEN-CENTRUM", 173300.0, 174300.0),
    "24062A01-": ("LEI - VISMARKT", 173150.0, 174600.0),
    "24062A02-": ("LEUVEN STADSPARK", 173450.0, 174000.0),
}


def tiny_sector_frame(crs: str = "EPSG:31370", *, z: bool = False) -> gpd.GeoDataFrame:
    """Three 1-ha squares with Statbel 2022+ GeoJSON column names."""
    geoms = []
    for _name, x, y in TINY_SECTORS.values():
        box = shapely.box(x, y, x + 100, y + 100)
        geoms.append(shapely.force_3d(box, 0.0) if z else box)
    frame = gpd.GeoDataFrame(
        {
            "cd_sector": list(TINY_SECTORS),
            "tx_sector_descr_nl": [v[0] for v in TINY_SECTORS.values()],
            "cd_munty_refnis": ["24062"] * 3,
            "cd_sub_munty": ["24062A"] * 3,
            "ms_area_ha": [1.0, 1.0, 1.0],
        },
        geometry=geoms,
        crs="EPSG:31370",
    )
    return frame.to_crs(crs)


def grid_network(n: int = 5, step: float = 100.0) -> StreetNetwork:
    """A square grid of two-way streets, ``step`` metres apart, nodes labelled ``i-j``."""
    ids = [f"{i}-{j}" for i in range(n) for j in range(n)]
    nodes = pd.DataFrame(
        {
            "x": [i * step for i in range(n) for j in range(n)],
            "y": [j * step for i in range(n) for j in range(n)],
        },
        index=ids,
    )
    us, vs = [], []
    for i in range(n):
        for j in range(n):
            if i + 1 < n:
                us.append(f"{i}-{j}")
                vs.append(f"{i + 1}-{j}")
            if j + 1 < n:
                us.append(f"{i}-{j}")
                vs.append(f"{i}-{j + 1}")
    return StreetNetwork.from_edges(nodes, pd.DataFrame({"u": us, "v": vs}), crs="EPSG:31370")


def check_written_counts(frame: pd.DataFrame, col: str, expected: int, threshold: int = 5) -> None:
    """Check the person counts of a written table against their true total.

    Withheld counts are NA with a reason; the published ones are 0 or at least
    ``threshold``; and what they leave of the true total (the withheld part, which anyone can
    compute by subtraction) is itself 0 or at least ``threshold``.
    """
    why = frame[f"{col}_suppressed_reason"]
    withheld = why.notna().to_numpy()
    assert frame.loc[withheld, col].isna().all()
    shown = frame.loc[~withheld, col]
    assert ((shown == 0) | (shown >= threshold)).all(), shown[(shown > 0) & (shown < threshold)]
    rest = expected - shown.sum()
    assert rest == 0 or rest >= threshold, rest
    assert set(why.dropna()) <= {"small_count", "complementary"}


XSS_FACILITY = "<script>alert(1)</script>"
XSS_WIJK = '"><img src=x onerror=alert(1)>'


def copy_run(src: Path, dst: Path) -> Path:
    """Copy the tables of a finished run (not its maps and reports) to ``dst``."""
    import shutil

    dst.mkdir(parents=True, exist_ok=True)
    for f in src.iterdir():
        if f.is_file():
            shutil.copy2(f, dst / f.name)
    return dst


@pytest.fixture(scope="session")
def hostile_run(tmp_path_factory: pytest.TempPathFactory, leuven_run: RunResult) -> Path:
    """The Leuven run with a facility and a wijk renamed to HTML/JS payloads, re-rendered."""
    import pyogrio

    from wijkanalyse import report

    out = copy_run(leuven_run.out, tmp_path_factory.mktemp("hostile"))
    gpkg = out / "wijkanalyse.gpkg"
    layers = {name: gpd.read_file(gpkg, layer=name) for name, _ in pyogrio.list_layers(gpkg)}
    gpkg.unlink()
    fac = layers["facilities"]
    first_centre = fac.index[fac["type"] == "buurtcentrum"][0]
    fac.loc[first_centre, "name"] = XSS_FACILITY
    wijken = layers["wijken"]
    wijken.loc[wijken["wijk"] == "240621", "wijk_name"] = XSS_WIJK
    for name, frame in layers.items():
        frame.to_file(gpkg, layer=name, driver="GPKG", engine="pyogrio")
    ind = pd.read_csv(out / "indicators_wijken.csv", dtype={"wijk": str})
    ind.loc[ind["wijk"] == "240621", "name"] = XSS_WIJK
    ind.to_csv(out / "indicators_wijken.csv", index=False)
    report.render(out, units=["240621", "Hoogland"], pdf=True)
    return out
