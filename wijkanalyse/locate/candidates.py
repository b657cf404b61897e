"""Candidate sites: the user's own list, sector points and street-network nodes on a grid."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from wijkanalyse._errors import DataError
from wijkanalyse._validate import listing
from wijkanalyse.network import StreetNetwork


def candidate_sites(
    *,
    sites: gpd.GeoDataFrame | None = None,
    sectors: gpd.GeoDataFrame | None = None,
    network: StreetNetwork | None = None,
    grid_m: float | None = None,
    within: gpd.GeoDataFrame | gpd.GeoSeries | shapely.Geometry | None = None,
    name_col: str = "name",
) -> gpd.GeoDataFrame:
    """Return candidate sites from a user list, sector centroids and street-network nodes.

    Parameters
    ----------
    sites
        The user's own list (e.g. city-owned buildings), points with unique labels.
    sectors
        Sector points (centroids or representative points): each becomes a candidate
        labelled ``sector:<code>``.
    network
        Street network whose nodes, thinned to one per ``grid_m`` cell (the node nearest the
        cell's centre), become candidates labelled ``node:<id>``. Every candidate is also
        snapped to it (``snap_m``, ``attached``).
    grid_m
        Grid spacing for thinning network nodes (required with ``network`` nodes).
    within
        Keep only candidates inside these polygons (e.g. some wijken); on the boundary
        counts as inside. With a GeoDataFrame, ``area`` gives the label of the polygon each
        candidate lies in.
    name_col
        Column with a site's name in ``sites`` and ``sectors``.

    Returns
    -------
    geopandas.GeoDataFrame
        Indexed by ``site_id``: ``name``, ``source`` (``user``, ``sector``,
        ``network_node``), ``snap_m`` and ``attached`` (NA without a network).
    """
    frames: list[gpd.GeoDataFrame] = []
    crs = None
    if sites is not None:
        _check_points(sites, "sites")
        crs = sites.crs
        frames.append(_candidates(sites, [str(i) for i in sites.index], "user", name_col))
    if sectors is not None:
        _check_points(sectors, "sectors")
        crs = crs or sectors.crs
        frames.append(
            _candidates(sectors, [f"sector:{i}" for i in sectors.index], "sector", name_col)
        )
    if network is not None and grid_m is not None:
        if not (isinstance(grid_m, int | float) and grid_m > 0):
            raise DataError(f"grid_m must be a positive number of metres, got {grid_m!r}.")
        nodes = network.nodes()
        crs = crs or nodes.crs
        xy = np.column_stack([network.x, network.y])
        cell = np.floor(xy / grid_m).astype(np.int64)
        centre = (cell + 0.5) * grid_m
        d = np.hypot(*(xy - centre).T)
        order = np.lexsort((d, cell[:, 1], cell[:, 0]))
        c = cell[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = (c[1:] != c[:-1]).any(axis=1)
        pick = np.sort(order[first])
        picked = nodes.iloc[pick]
        frames.append(
            gpd.GeoDataFrame(
                {
                    "name": pd.Series(pd.NA, index=range(len(pick)), dtype="string"),
                    "source": "network_node",
                },
                geometry=picked.geometry.to_numpy(),
                index=pd.Index([f"node:{i}" for i in picked.index], name="site_id"),
                crs=nodes.crs,
            )
        )
    elif grid_m is not None:
        raise DataError("grid_m thins network nodes: pass network=... as well.")
    if not frames:
        raise DataError(
            "candidate_sites: give at least one source: sites=..., sectors=... or "
            "network=... with grid_m=..."
        )
    out = gpd.GeoDataFrame(pd.concat(frames), crs=crs)
    out.index.name = "site_id"
    if not out.index.is_unique:
        raise DataError(
            f"candidate labels repeat: {listing(out.index[out.index.duplicated()])}; relabel "
            "the user's sites."
        )
    if within is not None:
        if isinstance(within, gpd.GeoDataFrame | gpd.GeoSeries):
            if within.crs is not None and out.crs is not None and within.crs != out.crs:
                raise DataError(
                    f"within is in {within.crs.to_string()}, the candidates in "
                    f"{out.crs.to_string()}; reproject one of them."
                )
            area = shapely.union_all(within.geometry.to_numpy())
        else:
            area = within
        inside = shapely.covers(area, out.geometry.to_numpy())
        out = out[inside].copy()
        if isinstance(within, gpd.GeoDataFrame | gpd.GeoSeries) and len(out):
            # which polygon each candidate lies in (the first, if they overlap)
            tree = shapely.STRtree(within.geometry.to_numpy())
            pt, poly = tree.query(out.geometry.to_numpy(), predicate="covered_by")
            order = np.lexsort((poly, pt))
            pt, poly = pt[order], poly[order]
            head = np.r_[True, pt[1:] != pt[:-1]] if len(pt) else np.array([], dtype=bool)
            area_id = np.full(len(out), None, dtype=object)
            area_id[pt[head]] = np.asarray(within.index)[poly[head]]
            out["area"] = area_id
    if network is not None and len(out):
        snapped = network.snap(out.geometry)
        out["snap_m"] = snapped["snap_m"].to_numpy()
        out["attached"] = snapped["attached"].to_numpy()
    else:
        out["snap_m"] = np.nan
        out["attached"] = pd.array([pd.NA] * len(out), dtype="boolean")
    return out


def _check_points(frame: gpd.GeoDataFrame, what: str) -> None:
    if not isinstance(frame, gpd.GeoDataFrame):
        raise DataError(f"{what} must be a GeoDataFrame, got {type(frame).__name__}.")
    kinds = set(frame.geometry.dropna().geom_type)
    if kinds - {"Point"}:
        raise DataError(
            f"{what} must be points, found {listing(sorted(kinds))}; use "
            "access.demand_points(..., as_point=...) for polygons."
        )
    if frame.geometry.isna().any() or frame.geometry.is_empty.any():
        bad = frame.index[frame.geometry.isna() | frame.geometry.is_empty]
        raise DataError(f"{what} without a location: {listing(bad)}.")


def _candidates(
    frame: gpd.GeoDataFrame, ids: list[str], source: str, name_col: str
) -> gpd.GeoDataFrame:
    names = (
        frame[name_col].astype("string").to_numpy()
        if name_col in frame
        else pd.array([pd.NA] * len(frame), dtype="string")
    )
    return gpd.GeoDataFrame(
        {"name": names, "source": source},
        geometry=frame.geometry.to_numpy(),
        index=pd.Index(ids, name="site_id"),
        crs=frame.crs,
    )
