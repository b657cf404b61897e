"""Inputs of the access measures: demand points, facilities by type, population columns."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Literal

import geopandas as gpd
import pandas as pd

from wijkanalyse import vocab
from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._validate import listing

__all__ = ["demand_points"]


def demand_points(
    demand: gpd.GeoDataFrame,
    *,
    as_point: Literal["centroid", "representative_point"] | None = None,
    demand_point: Literal["centroid", "representative_point"] | None = None,
) -> gpd.GeoDataFrame:
    """Return demand rows with a point location; rows without a location are left out.

    Parameters
    ----------
    demand
        Sectors or other areas, with point geometry (sector centroids) or polygons.
    as_point
        How a polygon becomes a point: ``"centroid"`` or ``"representative_point"``
        (always inside the polygon). Required when there are polygons; never implicit. The
        same option as :func:`wijkanalyse.io.read_facilities`'s and ``[[facilities]]``'s.
    demand_point
        The old name of ``as_point`` (deprecated: it warns and will go).

    Returns
    -------
    geopandas.GeoDataFrame
        The rows with a location, as points. ``attrs["no_location"]`` lists the labels of
        rows left out (e.g. Statbel's ``ZZZZ`` residents without a known sector).
    """
    if demand_point is not None:
        if as_point is not None:
            raise DataError("give as_point only (demand_point is its old name).")
        warnings.warn(
            "demand_points(demand_point=...) is now as_point=..., the name read_facilities and "
            "the study file use; demand_point will go.",
            FutureWarning,
            stacklevel=2,
        )
        as_point = demand_point
    if not isinstance(demand, gpd.GeoDataFrame):
        raise DataError(f"demand must be a GeoDataFrame, got {type(demand).__name__}.")
    geoms = demand.geometry
    empty = geoms.isna() | geoms.is_empty
    kinds = set(geoms[~empty].geom_type)
    out = demand[~empty].copy()
    if kinds - {"Point"}:
        if as_point is None:
            raise DataError(
                f"demand has {listing(sorted(kinds - {'Point'}))} geometries; say how they become "
                "points: as_point='centroid' or 'representative_point'."
            )
        if as_point == "centroid":
            out = out.set_geometry(out.geometry.centroid)
        elif as_point == "representative_point":
            out = out.set_geometry(out.geometry.representative_point())
        else:
            raise DataError(
                f"as_point must be 'centroid' or 'representative_point', got {as_point!r}."
            )
    out.attrs["no_location"] = list(demand.index[empty])
    return out


def _facilities_of(
    facilities: gpd.GeoDataFrame, types: Sequence[str] | None, type_col: str = "type"
) -> dict[str, gpd.GeoDataFrame]:
    if not isinstance(facilities, gpd.GeoDataFrame):
        raise DataError(f"facilities must be a GeoDataFrame, got {type(facilities).__name__}.")
    if type_col not in facilities:
        raise SchemaError(
            f"facilities lack the column {type_col!r} (found: {listing(facilities.columns)})."
        )
    present = list(dict.fromkeys(facilities[type_col].dropna().astype(str)))
    wanted = present if types is None else list(types)
    if "status" in facilities:
        facilities = facilities[facilities["status"].fillna(vocab.EXISTING) == vocab.EXISTING]
    return {t: facilities[facilities[type_col] == t] for t in wanted}


def _population(demand: pd.DataFrame, group: str) -> pd.Series:
    if group not in demand:
        have = [c for c in demand.columns if str(c).startswith("pop_")]
        raise SchemaError(
            f"demand has no population column {group!r} (target groups here: {listing(have)})."
        )
    values = pd.to_numeric(demand[group], errors="coerce")
    if (values < 0).any():
        raise DataError(f"population column {group!r} has negative values.")
    return values.astype("Float64")
