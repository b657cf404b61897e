"""Blocks of work here and on a Dask LocalCluster: the same answers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from wijkanalyse import DataError, access, index, parallel
from wijkanalyse.network import CrowFlies, travel_profile
from wijkanalyse.study import Study

distributed = pytest.importorskip("distributed")


def _scale(block: list[int], *, k: int, offset: np.ndarray) -> list[int]:
    return [x * k + int(offset.sum()) for x in block]


def test_map_blocks_in_this_process_keeps_the_order() -> None:
    got = parallel.map_blocks(_scale, [[1, 2], [3], []], shared={"k": 10, "offset": np.ones(2)})
    assert got == [[12, 22], [32], []]
    assert parallel.map_blocks(_scale, [], shared={"k": 1, "offset": np.zeros(1)}) == []


def test_bad_schedulers_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(DataError, match="is not an address; give e.g. 'tcp://"):
        parallel.client_for("10.0.0.5")
    with pytest.raises(DataError, match="scheduler must be None, 'local', an address"):
        parallel.client_for(8786)
    with pytest.raises(DataError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        parallel.client_for("tcp://127.0.0.1:9")
    with pytest.raises(Exception, match="must be 'local' or an address"):
        Study.from_dict(
            {"study": {"name": "x", "municipality": "24062"}, "compute": {"scheduler": "x"}}
        )


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    cluster = distributed.LocalCluster(
        # a dashboard on a free port: another test worker may run a cluster at the same time
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
    )
    with distributed.Client(cluster) as c:
        yield c
        parallel._close_local()  # the connections made by address, before the cluster goes
    cluster.close()


def test_map_blocks_on_a_local_cluster(client: object) -> None:
    blocks = [[1, 2], [3], [4, 5, 6]]
    shared = {"k": 3, "offset": np.arange(3)}
    assert parallel.map_blocks(_scale, blocks, shared=shared, scheduler=client) == (
        parallel.map_blocks(_scale, blocks, shared=shared)
    )


def test_sensitivity_is_identical_on_the_cluster(client: object) -> None:
    rng = np.random.default_rng(1)
    values = pd.DataFrame(
        {
            "share_65plus": rng.uniform(0.05, 0.4, 60),
            "income_median": rng.uniform(20_000, 45_000, 60),
            "unemployment_rate": rng.uniform(0.01, 0.2, 60),
        },
        index=[f"S{i:02d}" for i in range(60)],
    )
    values.iloc[3, 1] = np.nan
    spec = index.IndexSpec.from_dict(
        {
            "name": "t",
            "domains": {
                "a": {"weight": 0.6, "indicators": ["share_65plus", "unemployment_rate"]},
                "b": {"weight": 0.4, "indicators": ["income_median"]},
            },
            "directions": {"income_median": "less_need", "unemployment_rate": "more_need"},
        }
    )
    here = index.sensitivity(values, spec, draws=300, seed=7, chunk=37, progress=False)
    there = index.sensitivity(values, spec, draws=300, seed=7, chunk=37, scheduler=client)
    pd.testing.assert_frame_equal(here, there)


def test_tiles_need_a_label_for_every_point(client: object) -> None:
    import geopandas as gpd
    from shapely.geometry import Point

    pts = gpd.GeoDataFrame(
        {"gemeente": ["A", None]},
        geometry=[Point(0, 0), Point(50, 0)],
        index=["s1", "s2"],
        crs="EPSG:31370",
    )
    fac = gpd.GeoDataFrame(
        {"type": ["pharmacy"]}, geometry=[Point(100, 0)], index=["f1"], crs="EPSG:31370"
    )
    crow = CrowFlies(profile=travel_profile("walk"), detour_factor=1.3, crs=pts.crs)
    with pytest.raises(DataError, match="tiles has no label for demand points s2"):
        access.nearest_facility(pts, fac, network=crow, tiles=pts["gemeente"], scheduler=client)


def test_nearest_by_municipality_tiles_is_identical(client: object, mirror: Path) -> None:
    study = Study.from_dict(
        {
            "study": {"name": "x", "region": "24000"},
            "facilities": [{"source": "osm2015_points", "types": ["pharmacy", "supermarket"]}],
        }
    )
    data = study.load()
    demand = access.demand_points(data.sectors, as_point="representative_point")
    crow = CrowFlies(profile=travel_profile("walk"), detour_factor=1.3, crs=data.sectors.crs)
    here = access.nearest_facility(demand, data.facilities, network=crow)
    there = access.nearest_facility(
        demand, data.facilities, network=crow, tiles=demand["gemeente"], scheduler=client
    )
    assert demand["gemeente"].nunique() == 30  # thirty blocks per type
    pd.testing.assert_frame_equal(here, there)


@pytest.mark.integration
def test_a_study_run_on_the_cluster_writes_the_same_files(
    client: object, mirror: Path, tmp_path: Path
) -> None:
    raw = {
        "study": {"name": "Leuven en Bertem", "municipality": ["24062", "24009"]},
        "data": {"road_graph": "leuven_road_graph_2013"},
        "facilities": [{"source": "osm2015_points", "types": ["pharmacy"]}],
        "index": {
            "name": "behoefte",
            "levels": ["wijk", "sector"],
            "domains": {
                "inkomen": {"weight": 0.6, "indicators": ["income_median"]},
                "vergrijzing": {"weight": 0.4, "indicators": ["share_65plus"]},
            },
            "sensitivity": {"draws": 400, "seed": 3},
        },
        "access": {
            "questions": [
                {"facility_type": "pharmacy", "target_group": "pop_65plus", "minutes": [10]}
            ]
        },
    }
    here = Study.from_dict(raw).run(tmp_path / "here", report=False)
    # the cluster by its address, as a study file names it ([compute] scheduler)
    address = client.scheduler.address  # type: ignore[attr-defined]
    remote = Study.from_dict({**raw, "compute": {"scheduler": address}})
    there = remote.run(tmp_path / "there", report=False)
    assert parallel.client_for(address) is parallel.client_for(address)  # one connection
    csvs = sorted(p.name for p in (tmp_path / "here").glob("*.csv"))
    assert {"index_sectors.csv", "index_wijken.csv", "access_sectors.csv", "gaps.csv"} <= set(csvs)
    for name in csvs:
        assert (tmp_path / "here" / name).read_bytes() == (
            tmp_path / "there" / name
        ).read_bytes(), name
    assert here.summary[:-1] == there.summary[:-1]  # the last line names the folder
