"""Names for candidate and chosen sites: the nearest named street, else the nearest stop.

A plan that says "straatknoop n1200" tells a wijkmanager nothing; "nabij Tiensestraat
(Sint-Maartensdal), 40 m" can be found on a map and walked to. :func:`name_sites` gives every
site the nearest named street of a line layer (OSM 2025 streets where the mirror has them)
within ``street_m``, else the nearest named bus stop of a point layer (OSM 2015 points)
within ``stop_m``, with the distance. Stop names follow De Lijn's form "<place> <stop>"; the
place is left out ("Leuven Jan Stasstraat" → "Jan Stasstraat"). A site with neither keeps
no name here and is named by its wijk alone (:func:`site_label`).
"""

from __future__ import annotations

from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import _i18n
from wijkanalyse._errors import DataError

__all__ = ["name_sites", "site_label"]

#: How far a street may be from a site to name it (metres).
STREET_M = 150.0
#: How far a stop may be from a site to name it (metres).
STOP_M = 300.0


def _stop_name(name: str) -> str:
    """Leave out the place of a De Lijn stop name ("Leuven Jan Stasstraat" → "Jan Stasstraat")."""
    parts = name.split(maxsplit=1)
    return parts[1] if len(parts) == 2 else name


def _nearest(
    sites: gpd.GeoDataFrame, named: gpd.GeoDataFrame, max_m: float
) -> tuple[pd.Series, pd.Series]:
    """Per site, the name of the nearest feature within ``max_m`` and its distance (NA)."""
    empty = (
        pd.Series(pd.NA, index=sites.index, dtype="string"),
        pd.Series(np.nan, index=sites.index),
    )
    if not len(named) or not len(sites):
        return empty
    left = gpd.GeoDataFrame(geometry=sites.geometry.to_numpy(), crs=sites.crs)
    left["_site"] = np.arange(len(sites))
    right = gpd.GeoDataFrame(
        {"_name": named["name"].to_numpy()}, geometry=named.geometry.to_numpy(), crs=named.crs
    )
    joined = gpd.sjoin_nearest(left, right, max_distance=max_m, distance_col="_m", how="inner")
    # ties (two streets at the same distance): the first name in alphabetical order
    joined = joined.sort_values(["_site", "_m", "_name"], kind="stable").drop_duplicates("_site")
    name, dist = empty[0].copy(), empty[1].copy()
    pos = joined["_site"].to_numpy()
    name.iloc[pos] = joined["_name"].astype(str).to_numpy()
    dist.iloc[pos] = joined["_m"].to_numpy(dtype=float)
    return name, dist


def name_sites(
    sites: gpd.GeoDataFrame,
    *,
    streets: gpd.GeoDataFrame | None = None,
    stops: gpd.GeoDataFrame | None = None,
    street_m: float = STREET_M,
    stop_m: float = STOP_M,
) -> pd.DataFrame:
    """Return per site the nearest named street (else stop) and its distance.

    Parameters
    ----------
    sites
        Points (candidate or chosen sites), in a projected CRS.
    streets
        Lines with a ``name`` column (e.g. :func:`wijkanalyse.io.read_street_lines`).
    stops
        Points with ``name`` (and optionally ``type``: only ``bus_stop`` rows are used when
        it is there), e.g. :func:`wijkanalyse.io.read_osm_points`.
    street_m, stop_m
        How far a street or a stop may be to name a site.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``sites``: ``near`` (the name, NA where none is close enough),
        ``near_kind`` (``street`` or ``stop``), ``near_m`` (metres, straight line).
    """
    if sites.crs is None or sites.crs.is_geographic:
        raise DataError("name_sites: sites need a projected CRS (metres), e.g. EPSG:31370.")
    layers: list[tuple[str, gpd.GeoDataFrame, float]] = []
    for kind, frame, limit in (("street", streets, street_m), ("stop", stops, stop_m)):
        if frame is None:
            continue
        if "name" not in frame:
            raise DataError(f"name_sites: the {kind} layer has no 'name' column.")
        named = frame[frame["name"].notna() & (frame["name"].astype(str).str.strip() != "")]
        if kind == "stop" and "type" in named:
            named = named[named["type"].astype(str) == "bus_stop"]
        named = named.to_crs(sites.crs)
        if kind == "stop":
            named = named.assign(name=named["name"].astype(str).map(_stop_name))
        layers.append((kind, named, limit))
    out = pd.DataFrame(
        {
            "near": pd.Series(pd.NA, index=sites.index, dtype="string"),
            "near_kind": pd.Series(pd.NA, index=sites.index, dtype="string"),
            "near_m": np.nan,
        },
        index=sites.index,
    )
    for kind, named, limit in layers:
        todo = out["near"].isna().to_numpy()
        if not todo.any():
            break
        name, dist = _nearest(sites[todo], named, limit)
        found = name.notna().to_numpy()
        idx = sites.index[todo][found]
        out.loc[idx, "near"] = name.to_numpy()[found]
        out.loc[idx, "near_kind"] = kind
        out.loc[idx, "near_m"] = dist.to_numpy()[found]
    return out


def site_label(
    near: object,
    kind: object,
    wijk: object,
    language: Literal["nl", "en"] = "nl",
) -> str:
    """Return a site's name for people: "nabij Tiensestraat (Sint-Maartensdal)".

    A stop is named as one ("nabij halte Jan Stasstraat (…)"); a site near neither is named
    by its wijk ("in Wijgmaal"), or "zonder naam" without one.
    """
    has_wijk = isinstance(wijk, str) and wijk.strip() != ""
    if isinstance(near, str) and near:
        key = "site_near_stop" if kind == "stop" else "site_near_street"
        if has_wijk:
            return _i18n.text(f"{key}_in", language, name=near, wijk=wijk)
        return _i18n.text(key, language, name=near)
    if has_wijk:
        return _i18n.text("site_in_wijk", language, wijk=wijk)
    return _i18n.text("site_unnamed", language)
