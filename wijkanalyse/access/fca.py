"""Floating catchments and gravity: 2SFCA, E2SFCA and Hansen accessibility.

:func:`two_step_fca` (Luo & Wang 2003) and :func:`enhanced_two_step_fca` (Luo & Qi 2009;
step or Gaussian decay) give facilities per resident within reach, with the competition of
other residents for the same facility; :func:`gravity` is Hansen's potential accessibility,
Σ supply × decay(time), without competition.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._validate import Problems, listing
from wijkanalyse.access.inputs import _population
from wijkanalyse.network import ODMatrix
from wijkanalyse.network.model import DistanceModel

__all__ = ["E2SFCA_STEPS", "enhanced_two_step_fca", "gravity", "two_step_fca"]

#: E2SFCA's default travel-time zones (minutes → weight), as in Luo & Qi (2009) and PySAL
#: access.
E2SFCA_STEPS: dict[float, float] = {10.0: 1.0, 20.0: 0.68, 30.0: 0.22}


def _od_pairs(
    od: ODMatrix | pd.DataFrame | None,
    network: DistanceModel | None,
    demand: gpd.GeoDataFrame,
    supply: gpd.GeoDataFrame,
    max_minutes: float | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return the OD pairs as positions into demand and supply, their minutes, and reached.

    Labels are matched once per distinct label (not once per pair), so a matrix of millions
    of pairs costs two hash lookups of its labels.
    """
    if od is None:
        if network is None:
            raise DataError("give a distance model (network=...) or a precomputed od=... matrix.")
        od = network.od_matrix(demand.geometry, supply.geometry, max_minutes=max_minutes)
    problems = Problems("od matrix")
    if isinstance(od, ODMatrix):
        o_map = demand.index.get_indexer(od.origins)
        d_map = supply.index.get_indexer(od.destinations)
        used_o, used_d = np.unique(od.row), np.unique(od.col)
        unknown_o = list(od.origins[used_o][o_map[used_o] < 0])
        unknown_d = list(od.destinations[used_d][d_map[used_d] < 0])
        oi, di = o_map[od.row], d_map[od.col]
        minutes = np.asarray(od.minutes, dtype=float)
    else:
        missing = [c for c in ("origin", "destination", "minutes") if c not in od]
        if missing:
            raise SchemaError(
                f"od lacks columns {listing(missing)} (found: {listing(od.columns)}); it needs "
                "origin, destination and minutes."
            )
        oi = demand.index.get_indexer(od["origin"])
        di = supply.index.get_indexer(od["destination"])
        unknown_o = list(pd.unique(od["origin"].to_numpy()[oi < 0]))
        unknown_d = list(pd.unique(od["destination"].to_numpy()[di < 0]))
        minutes = od["minutes"].to_numpy(dtype=float)
    if unknown_o:
        problems.add(f"origins not in demand: {listing(sorted(map(str, unknown_o)))}.")
    if unknown_d:
        problems.add(f"destinations not in supply: {listing(sorted(map(str, unknown_d)))}.")
    if (minutes < 0).any():
        problems.add("travel times must be non-negative.")
    problems.raise_if_any()
    return oi, di, minutes, _reached(od, demand)


def _reached(od: ODMatrix | pd.DataFrame | None, demand: pd.DataFrame) -> np.ndarray:
    if isinstance(od, ODMatrix) and od.origin_ok is not None:
        return (
            pd.Series(od.origin_ok, index=od.origins)
            .reindex(demand.index)
            .fillna(False)
            .to_numpy(bool)
        )
    return np.ones(len(demand), dtype=bool)


def _decay_weights(
    minutes: np.ndarray,
    decay: Literal["step", "gaussian", "none"] | Callable[[np.ndarray], np.ndarray],
    *,
    steps: Mapping[float, float] | None,
    sigma: float | None,
) -> np.ndarray:
    if callable(decay):
        w = np.asarray(decay(minutes), dtype=float)
    elif decay == "none":
        w = np.ones(len(minutes))
    elif decay == "step":
        zones = sorted((float(k), float(v)) for k, v in (steps or E2SFCA_STEPS).items())
        if any(v < 0 for _, v in zones):
            raise DataError("step weights must be non-negative.")
        bounds = np.array([k for k, _ in zones])
        weights = np.array([v for _, v in zones] + [0.0])
        # a time on a zone's bound belongs to that zone (≤), as in PySAL access
        w = weights[np.searchsorted(bounds, minutes, side="left")]
    elif decay == "gaussian":
        if sigma is None or not sigma > 0:
            raise DataError("Gaussian decay needs sigma > 0 (minutes).")
        w = np.exp(-(minutes**2) / (2 * sigma**2))
    else:
        raise DataError(f"decay must be 'step', 'gaussian', 'none' or a function, got {decay!r}.")
    if len(w) != len(minutes) or not np.isfinite(w).all() or (w < 0).any():
        raise DataError("decay weights must be finite and non-negative, one per pair.")
    return w


def _supply(supply: gpd.GeoDataFrame, capacity_col: str | None) -> pd.Series:
    if capacity_col is None:
        return pd.Series(1.0, index=supply.index)
    if capacity_col not in supply:
        raise SchemaError(
            f"supply has no capacity column {capacity_col!r} (found: {listing(supply.columns)})."
        )
    cap = pd.to_numeric(supply[capacity_col], errors="coerce").astype(float)
    if cap.isna().any() or (cap < 0).any():
        raise DataError(
            f"capacity column {capacity_col!r} has missing or negative values for "
            f"{listing(supply.index[cap.isna() | (cap < 0)])}; fill them or use "
            "capacity_col=None (each facility counts once)."
        )
    return cap


def two_step_fca(
    demand: gpd.GeoDataFrame,
    supply: gpd.GeoDataFrame,
    *,
    network: DistanceModel | None = None,
    od: ODMatrix | pd.DataFrame | None = None,
    demand_col: str = "pop_total",
    capacity_col: str | None = None,
    max_minutes: float = 10.0,
    decay: Literal["step", "gaussian", "none"] | Callable[[np.ndarray], np.ndarray] = "none",
    steps: Mapping[float, float] | None = None,
    sigma: float | None = None,
    per: float = 1000.0,
) -> pd.Series:
    """Two-step floating catchment area accessibility (2SFCA).

    Step 1: every facility's supply divided by the (decay-weighted) demand within
    ``max_minutes``: R_j = S_j / Σ_i P_i w(t_ij). Step 2: every demand point sums the ratios of
    the facilities it reaches: A_i = Σ_j R_j w(t_ij). With ``decay="none"`` this is the
    original 2SFCA (Luo & Wang 2003); with step or Gaussian decay it is E2SFCA.

    Parameters
    ----------
    demand
        Demand points with ``demand_col``.
    supply
        Facilities (one type), with an optional ``capacity_col`` (default: each counts 1).
    network, od
        A distance model, or a precomputed OD matrix (``ODMatrix`` or a frame with
        origin, destination, minutes).
    max_minutes
        Catchment size.
    decay, steps, sigma
        Distance decay inside the catchment: ``"none"``, ``"step"`` (``steps``: upper bound
        in minutes → weight, ≤ inclusive; default 10/20/30 min → 1/0.68/0.22) or
        ``"gaussian"`` (exp(−t²/2σ²)), or a vectorised function of minutes.
    per
        Express the result per this many residents (1000: facilities per 1 000 residents).

    Returns
    -------
    pandas.Series
        Indexed like ``demand``. 0 where no facility is within reach; NA for demand points
        without a distance (off the network with ``off_network="na"``) or without population
        data. A facility whose catchment holds no residents has no ratio and adds nothing.
    """
    if not (math.isfinite(max_minutes) and max_minutes > 0):
        raise DataError(f"max_minutes must be a positive number, got {max_minutes!r}.")
    pop = _population(demand, demand_col)
    cap = _supply(supply, capacity_col)
    oi, di, t, reached = _od_pairs(od, network, demand, supply, max_minutes)
    keep = t <= max_minutes
    oi, di, t = oi[keep], di[keep], t[keep]
    w = _decay_weights(t, decay, steps=steps, sigma=sigma)
    p = pop.reindex(demand.index).to_numpy(dtype=float, na_value=np.nan)[oi]
    # step 1: each facility's capacity over the (weighted) people within its reach
    demand_w = np.bincount(di, weights=w * np.nan_to_num(p), minlength=len(supply))
    capv = cap.reindex(supply.index).to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(demand_w > 0, capv / demand_w, np.nan)
    # step 2: each resident's sum of the (weighted) ratios of the facilities in reach
    r = ratio[di]
    acc = np.bincount(oi, weights=np.where(np.isfinite(r), w * r, 0.0), minlength=len(demand))
    out = pd.Series(acc * per, index=demand.index)
    # a point without population data, or off the network without a fallback, stays NA
    out = out.where(pop.notna().to_numpy(dtype=bool, na_value=False) & reached)
    out.name = f"{demand_col}_2sfca"
    return out.astype("Float64")


def enhanced_two_step_fca(
    demand: gpd.GeoDataFrame,
    supply: gpd.GeoDataFrame,
    *,
    network: DistanceModel | None = None,
    od: ODMatrix | pd.DataFrame | None = None,
    demand_col: str = "pop_total",
    capacity_col: str | None = None,
    max_minutes: float = 30.0,
    decay: Literal["step", "gaussian"] | Callable[[np.ndarray], np.ndarray] = "step",
    steps: Mapping[float, float] | None = None,
    sigma: float | None = None,
    per: float = 1000.0,
) -> pd.Series:
    """Enhanced 2SFCA (Luo & Qi 2009): 2SFCA with travel-time zones or Gaussian decay.

    The default zones are 0–10, 10–20 and 20–30 minutes with weights 1, 0.68 and 0.22 (as
    in PySAL access). See :func:`two_step_fca` for the parameters.
    """
    out = two_step_fca(
        demand,
        supply,
        network=network,
        od=od,
        demand_col=demand_col,
        capacity_col=capacity_col,
        max_minutes=max_minutes,
        decay=decay,
        steps=steps,
        sigma=sigma,
        per=per,
    )
    out.name = f"{demand_col}_e2sfca"
    return out


def gravity(
    demand: gpd.GeoDataFrame,
    supply: gpd.GeoDataFrame,
    *,
    network: DistanceModel | None = None,
    od: ODMatrix | pd.DataFrame | None = None,
    capacity_col: str | None = None,
    max_minutes: float | None = 30.0,
    decay: Literal["power", "exponential"] = "exponential",
    beta: float = 0.1,
    min_minutes: float = 1.0,
) -> pd.Series:
    """Hansen gravity accessibility: A_i = Σ_j S_j f(t_ij).

    ``decay="exponential"``: f(t) = exp(−β t); ``"power"``: f(t) = max(t, min_minutes)^−β
    (the floor keeps a facility next door from giving an infinite value). No competition
    between residents (use :func:`two_step_fca` for that).

    Returns
    -------
    pandas.Series
        Indexed like ``demand``; 0 where nothing is within ``max_minutes``.
    """
    if not (math.isfinite(beta) and beta > 0):
        raise DataError(f"beta must be a positive number, got {beta!r}.")
    cap = _supply(supply, capacity_col)
    oi, di, t, reached = _od_pairs(od, network, demand, supply, max_minutes)
    if max_minutes is not None:
        keep = t <= max_minutes
        oi, di, t = oi[keep], di[keep], t[keep]
    if decay == "exponential":
        f = np.exp(-beta * t)
    elif decay == "power":
        if not min_minutes > 0:
            raise DataError("power decay needs min_minutes > 0.")
        f = np.maximum(t, min_minutes) ** (-beta)
    else:
        raise DataError(f"decay must be 'exponential' or 'power', got {decay!r}.")
    contrib = f * cap.reindex(supply.index).to_numpy(dtype=float, na_value=np.nan)[di]
    # a facility without capacity adds nothing (as a skipped NaN in a sum)
    acc = np.bincount(oi, weights=np.nan_to_num(contrib), minlength=len(demand))
    out = pd.Series(acc, index=demand.index).where(reached)
    out.name = "gravity"
    return out.astype("Float64")
