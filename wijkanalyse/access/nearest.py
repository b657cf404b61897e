"""Travel time from every demand point to the nearest facility of each type."""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse._errors import DataError
from wijkanalyse._validate import listing
from wijkanalyse.access.inputs import _facilities_of
from wijkanalyse.network import CrowFlies
from wijkanalyse.network.model import DistanceModel
from wijkanalyse.parallel import Scheduler, map_blocks

__all__ = ["MIN_EUCLID_FOR_RATIO_M", "nearest_facility"]

#: Below this straight-line distance a detour ratio says nothing and is left NA.
MIN_EUCLID_FOR_RATIO_M = 100.0


def nearest_facility(
    demand: gpd.GeoDataFrame | gpd.GeoSeries,
    facilities: gpd.GeoDataFrame,
    *,
    network: DistanceModel,
    types: Sequence[str] | None = None,
    type_col: str = "type",
    max_minutes: float | None = None,
    tiles: pd.Series | None = None,
    scheduler: Scheduler = None,
) -> pd.DataFrame:
    """Return the nearest facility of each type for every demand point.

    Only facilities with ``status`` ``existing`` (or no status) count.

    Parameters
    ----------
    demand
        Demand points (see :func:`demand_points` for polygons).
    facilities
        Facilities with a ``type`` column.
    network
        A :class:`~wijkanalyse.network.StreetNetwork` or
        :class:`~wijkanalyse.network.CrowFlies`.
    types
        Facility types to report (default: every type present, in order of appearance).
    max_minutes
        Search no farther.
    tiles
        With straight-line distances and a ``scheduler``: a label per demand point (e.g. its
        municipality); each tile is searched as one block of work. In this process one block
        is fastest, and a street network is searched once per type (one multi-source search
        covers every demand point), so ``tiles`` is not used there.
    scheduler
        Where the blocks run: ``None`` (here), ``"local"``, a Dask scheduler address or
        client (see :mod:`wijkanalyse.parallel`). Every demand point's answer depends only
        on it and the facilities, so the result is identical wherever it is computed.

    Returns
    -------
    pandas.DataFrame
        Indexed by (demand label, ``facility_type``): ``nearest_id``, ``network_m``,
        ``minutes``, ``euclid_m``, ``detour_ratio`` (NA when the straight line is below
        100 m), ``snap_m``, ``method``, ``reason`` (why there is no value).
    """
    by_type = _facilities_of(facilities, types, type_col)
    frames = []
    geoms = demand.geometry if isinstance(demand, gpd.GeoDataFrame) else demand
    parts: list[np.ndarray] = [np.arange(len(geoms))]
    if (
        tiles is not None
        and scheduler is not None
        and isinstance(network, CrowFlies)
        and geoms.index.is_unique  # the tiles are put back together by label
    ):
        labels = pd.Series(tiles).reindex(geoms.index)
        if labels.isna().any():
            raise DataError(
                "nearest_facility: tiles has no label for demand points "
                f"{listing(geoms.index[labels.isna().to_numpy()])}."
            )
        parts = [np.asarray(ix) for ix in labels.groupby(labels, sort=False).indices.values()]
    blocks = [(ftype, part) for ftype in by_type for part in parts]
    found = map_blocks(
        _nearest_block,
        blocks,
        shared={
            "geoms": geoms,
            "by_type": {k: v.geometry for k, v in by_type.items()},
            "network": network,
            "max_minutes": max_minutes,
        },
        scheduler=scheduler,
    )
    for ftype, fac in by_type.items():
        pieces = [r for (t, _), r in zip(blocks, found, strict=True) if t == ftype]
        res = pieces[0] if len(pieces) == 1 else pd.concat(pieces).reindex(geoms.index)
        if not len(fac):
            res["reason"] = "no_facilities"
        short = res["euclid_m"] < MIN_EUCLID_FOR_RATIO_M
        res["detour_ratio"] = res["detour_ratio"].mask(short.fillna(False).astype(bool))
        res.insert(0, "facility_type", ftype)
        frames.append(res)
    name = geoms.index.name or "demand"
    if not frames:
        raise DataError("nearest_facility: no facility types to report.")
    out = pd.concat(frames)
    out.index.name = name
    return out.set_index("facility_type", append=True)


def _nearest_block(
    block: tuple[str, np.ndarray],
    *,
    geoms: gpd.GeoSeries,
    by_type: dict[str, gpd.GeoSeries],
    network: DistanceModel,
    max_minutes: float | None,
) -> pd.DataFrame:
    """Nearest facility of one type for one tile of demand points (a block of work)."""
    ftype, rows = block
    part = geoms if len(rows) == len(geoms) else geoms.iloc[rows]
    return network.nearest(part, by_type[ftype], max_minutes=max_minutes)
