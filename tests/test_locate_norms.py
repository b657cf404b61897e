"""Programming norms: counted by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from wijkanalyse import DataError
from wijkanalyse.locate.norms import NORMS, Norm, programming_norm


def test_a_started_block_counts() -> None:
    norm = NORMS["lokaal_dienstencentrum"]
    assert norm.per_inhabitants == 15_000
    assert "Zorg en Gezondheid" in norm.source
    assert [norm.count(n) for n in (0, 1, 15_000, 15_001, 101_032)] == [0, 1, 1, 2, 7]
    with pytest.raises(DataError, match="population"):
        norm.count(-1)
    with pytest.raises(DataError, match="whole number"):
        Norm(per_inhabitants=0, source="x")


def test_norm_next_to_the_register() -> None:
    fac = pd.DataFrame(
        {
            "type": ["lokaal_dienstencentrum"] * 4 + ["buurtcentrum"],
            "status": ["existing", "existing", None, "planned", "existing"],
            "gemeente": ["24062", "24062", "24062", "24062", "24062"],
        }
    )
    out = programming_norm({"24062": 101_032, "24009": 14_000}, fac)
    leuven = out[out["gemeente"] == "24062"].iloc[0]
    assert (leuven["norm"], leuven["registered"], leuven["planned"], leuven["room"]) == (7, 3, 1, 4)
    bertem = out[out["gemeente"] == "24009"].iloc[0]
    assert (bertem["norm"], bertem["registered"], bertem["room"]) == (1, 0, 1)
    own = programming_norm({"24062": 30_000}, fac, {"buurtcentrum": Norm(10_000, "eigen norm")})
    assert own[["facility_type", "norm", "registered", "room"]].iloc[0].tolist() == [
        "buurtcentrum",
        3,
        1,
        2,
    ]
    with pytest.raises(DataError, match="no column 'gemeente'"):
        programming_norm({"24062": 1}, fac.drop(columns="gemeente"))


def test_areas_far_apart_are_warned_about() -> None:
    """Two areas 5 km apart, 10 minutes at 4.8 km/h (800 m): one site cannot serve both."""
    from types import SimpleNamespace

    import geopandas as gpd

    from wijkanalyse.study.planning import _far_apart

    demand = gpd.GeoDataFrame(
        geometry=gpd.points_from_xy([0, 100, 5000, 5100], [0, 0, 0, 0]),
        index=["a1", "a2", "b1", "b2"],
        crs="EPSG:31370",
    )
    members = {"A": ["a1", "a2"], "B": ["b1", "b2"]}
    q = SimpleNamespace(name="q", demand_areas=["A", "B"], p=[1], model="p_median", minutes=10)
    (note,) = _far_apart(q, members, demand, 4.8)
    assert "4,9 km" in note.render("nl")
    assert "p = 2" in note.render("nl")
    assert _far_apart(SimpleNamespace(**{**vars(q), "p": [2]}), members, demand, 4.8) == []
    # areas within two walks of each other are not far apart
    assert _far_apart(q, members, demand, 200.0) == []
