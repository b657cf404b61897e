"""Reader of road graphs: a GeoPackage with ``nodes`` and ``edges`` layers.

Owns :class:`RoadGraphFrames`, :func:`read_road_graph` and the check and repair of edge
lengths against the edges' geometry.
"""

from __future__ import annotations

import logging
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from wijkanalyse import settings
from wijkanalyse._errors import CRSError, DataError, SchemaError
from wijkanalyse._validate import (
    Problems,
    check_edge_lengths,
    crs_label,
    listing,
    require_columns,
)
from wijkanalyse.datasets import SourceLike, resolve_source
from wijkanalyse.io._tables import _label, _memo
from wijkanalyse.io._vectors import _geo_checks, _read_vector, _to_working_crs

__all__ = [
    "WEGENREGISTER_EXCLUDED_MORF",
    "RoadGraphFrames",
    "read_road_graph",
    "read_street_lines",
    "read_wegenregister",
]

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------- road graph


@dataclass(frozen=True)
class RoadGraphFrames:
    """A road graph as plain frames: nodes (points) and directed edges (lines)."""

    nodes: gpd.GeoDataFrame
    edges: gpd.GeoDataFrame
    repaired_edges: int = 0
    """Edges whose ``length_m`` was missing, negative, zero or shorter than their geometry,
    and was replaced by the geometry's length (see :func:`read_road_graph`)."""
    repaired_km: float = 0.0
    """Their length by the geometry, in km."""


@_memo
def read_road_graph(
    source: SourceLike = "leuven_road_graph_2013",
    *,
    assume_crs: str | None = None,
    member: str | None = None,
) -> RoadGraphFrames:
    """Read a road graph GeoPackage with layers ``nodes`` and ``edges``.

    ``assume_crs`` is the CRS of a file that states none (an error otherwise); ``member``
    the GeoPackage inside a zip that holds several vector files.

    The mirror's Leuven graph (OSM c. 2013 via RinSim) is a *road* network: footways,
    cycleways, pedestrian streets, steps and service roads are missing, and Wijgmaal is not
    covered. ``maxspeed_kmh`` values above 200 (RinSim parse artefacts such as 3050 from
    "30/50") become NA.

    Returns
    -------
    RoadGraphFrames
        ``nodes`` indexed by ``node_id``; ``edges`` with ``u``, ``v``, ``length_m``,
        ``maxspeed_kmh`` (Float64), ``has_reverse``; both in the working CRS.
    """
    path, ds = resolve_source(source)
    label = _label(path, ds)
    nodes = _read_vector(
        path, label=f"{label} layer 'nodes'", layer="nodes", member=member, assume_crs=assume_crs
    )
    edges = _read_vector(
        path, label=f"{label} layer 'edges'", layer="edges", member=member, assume_crs=assume_crs
    )
    problems = Problems(label)
    require_columns(nodes, ["node_id"], source=f"{label} layer 'nodes'", problems=problems)
    require_columns(
        edges, ["u", "v", "length_m"], source=f"{label} layer 'edges'", problems=problems
    )
    problems.raise_if_any()
    if nodes["node_id"].duplicated().any():
        problems.add("node ids occur more than once.")
    known = set(nodes["node_id"])
    dangling = ~(edges["u"].isin(known) & edges["v"].isin(known))
    if dangling.any():
        problems.add(f"{int(dangling.sum())} edges refer to nodes that do not exist.")
    _geo_checks(nodes, f"{label} layer 'nodes'", problems)
    problems.raise_if_any()
    nodes = nodes.set_index("node_id")
    edges, repaired, km = _repair_edge_lengths(nodes, edges, label=f"{label} layer 'edges'")
    if "maxspeed_kmh" in edges:
        speed = pd.to_numeric(edges["maxspeed_kmh"], errors="coerce").astype("Float64")
        odd = speed > 200
        if odd.any():
            log.info(
                "%s: %d maxspeed values above 200 km/h set to NA (parse artefacts)",
                label,
                int(odd.sum()),
            )
        edges["maxspeed_kmh"] = speed.mask(odd)
    return RoadGraphFrames(
        nodes=_to_working_crs(nodes, label),
        edges=_to_working_crs(edges, label),
        repaired_edges=repaired,
        repaired_km=km,
    )


def _repair_edge_lengths(
    nodes: gpd.GeoDataFrame, edges: gpd.GeoDataFrame, *, label: str
) -> tuple[gpd.GeoDataFrame, int, float]:
    """Check ``length_m`` against each edge's line and its end nodes; repair what is wrong.

    The shortest length an edge can have is the longer of its line geometry's length and the
    straight line between its end nodes (both in the file's projected CRS). A ``length_m``
    that is missing, negative, zero or shorter than that is replaced by it, with a
    :class:`~wijkanalyse.DataWarning` (see :func:`wijkanalyse._validate.check_edge_lengths`):
    a zero-length street would make every route across it too short.
    """
    if edges.crs is not None and edges.crs.is_geographic:
        raise CRSError(
            f"{label} is in a geographic CRS ({crs_label(edges.crs)}); edge lengths are checked "
            f"in metres. Reproject the file (e.g. to {settings.working_crs})."
        )
    length = pd.to_numeric(edges["length_m"], errors="coerce").to_numpy(float)
    geoms = edges.geometry.to_numpy()
    lines = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    lines &= np.isin(
        shapely.get_type_id(geoms),
        [shapely.GeometryType.LINESTRING, shapely.GeometryType.MULTILINESTRING],
    )
    by_line = np.where(lines, shapely.length(geoms), np.nan)
    xy = nodes.geometry
    x = xy.x.reindex(edges["u"]).to_numpy(float), xy.x.reindex(edges["v"]).to_numpy(float)
    y = xy.y.reindex(edges["u"]).to_numpy(float), xy.y.reindex(edges["v"]).to_numpy(float)
    chord = np.hypot(x[1] - x[0], y[1] - y[0])
    reference = np.fmax(by_line, chord)
    ids = [f"{u}->{v}" for u, v in zip(edges["u"], edges["v"], strict=True)]
    fixed, wrong = check_edge_lengths(length, reference, source=label, ids=ids)
    edges = edges.assign(length_m=fixed)
    return edges, int(wrong.sum()), float(fixed[wrong].sum()) / 1000


def read_street_lines(
    source: SourceLike = "osm_streets_2025",
    *,
    within: shapely.Geometry | None = None,
    layer: str | None = None,
    member: str | None = None,
    assume_crs: str | None = None,
) -> gpd.GeoDataFrame:
    """Read a line layer of streets (GeoJSON, GeoPackage, shapefile) in the working CRS.

    ``within`` keeps the lines that meet it (e.g. the study area with its facility buffer).
    The lines are read as they are; :meth:`wijkanalyse.network.StreetNetwork.from_lines`
    and :func:`wijkanalyse.network.combine` make a network of them.
    """
    path, ds = resolve_source(source)
    label = _label(path, ds)
    frame = _read_vector(path, label=label, layer=layer, member=member, assume_crs=assume_crs)
    problems = Problems(label)
    kinds = set(frame.geometry.dropna().geom_type)
    if kinds - {"LineString", "MultiLineString"}:
        problems.add(
            f"street lines must be LineStrings, found {sorted(kinds)}; give a line layer "
            "(layer='…') or filter the file."
        )
    problems.raise_if_any()
    frame = _to_working_crs(frame, label)
    _geo_checks(frame, label, problems)
    problems.raise_if_any()
    if within is not None:
        frame = frame[frame.intersects(within)]
    return frame.reset_index(drop=True)


# --------------------------------------------------------------------------- Wegenregister

#: Wegenregister morphologies (``MORF``) a profile may not use, with the register's labels:
#: 101 autosnelweg, 107 op- of afrit van een niet-gelijkgrondse verbinding, 116 tramweg
#: (niet toegankelijk voor andere voertuigen), 130 veer (a ferry is not a street).
WEGENREGISTER_EXCLUDED_MORF: dict[str, frozenset[int]] = {
    "walk": frozenset({101, 107, 116, 130}),
    "bike": frozenset({101, 107, 116, 130}),
}
#: Segments in use (``STATUS`` 4, "in gebruik") that the public may use (``TGBEP`` 1
#: "openbare weg", 5 "seizoensgebonden toegang").
WEGENREGISTER_STATUS_IN_USE = 4
WEGENREGISTER_PUBLIC_ACCESS = frozenset({1, 5})
_SEGMENT_LAYERS = ("Wegsegment", "eWegsegment", "iWegsegment")


def read_wegenregister(
    path: SourceLike, *, profile: str = "walk", layer: str | None = None
) -> tuple[gpd.GeoDataFrame, dict[str, Any]]:
    """Read the Wegenregister's segments a profile may use, and what was left out.

    ``path`` is a register extract (or its dataset id): a ``.zip`` or a folder with
    ``Wegsegment.shp`` (and/or ``eWegsegment``/``iWegsegment``, merged by ``WS_OIDN``), or
    one ``.shp``. Kept: segments
    in use, publicly accessible, of a morphology the profile allows
    (:data:`WEGENREGISTER_EXCLUDED_MORF`). Returns the lines (EPSG:31370) and counts of what
    was excluded by status, access and morphology.
    """
    import pyogrio

    p, _ = resolve_source(path)
    if not p.exists():
        raise DataError(f"Wegenregister: {p} does not exist.")
    sources = _segment_sources(p, layer)
    if not sources:
        raise SchemaError(
            f"Wegenregister: {p} has no segment layer ({listing(_SEGMENT_LAYERS)}.shp); give "
            "layer='…' for another name."
        )
    frames = []
    for src in sources:
        with warnings.catch_warnings():
            # the register's lines carry measures (M); lengths need only x and y
            warnings.filterwarnings("ignore", "Measured", UserWarning)
            frames.append(pyogrio.read_dataframe(src))
    seg = pd.concat(frames, ignore_index=True)
    need = ["WS_OIDN", "B_WK_OIDN", "E_WK_OIDN", "STATUS", "MORF", "TGBEP"]
    missing = [c for c in need if c not in seg]
    if missing:
        raise SchemaError(
            f"Wegenregister {p.name}: the segments lack {listing(missing)}: not the "
            "register's Wegsegment schema."
        )
    seg = seg.drop_duplicates("WS_OIDN")
    seg = gpd.GeoDataFrame(seg, geometry="geometry", crs=frames[0].crs or "EPSG:31370")
    if seg.crs is not None and not seg.crs.equals("EPSG:31370") and seg.crs.is_geographic:
        seg = seg.to_crs("EPSG:31370")
    if profile not in WEGENREGISTER_EXCLUDED_MORF:
        raise DataError(
            f"Wegenregister: no rules for profile {profile!r} "
            f"(known: {listing(WEGENREGISTER_EXCLUDED_MORF)})."
        )
    status_ok = seg["STATUS"].astype(int) == WEGENREGISTER_STATUS_IN_USE
    access_ok = seg["TGBEP"].astype(int).isin(WEGENREGISTER_PUBLIC_ACCESS)
    morf_ok = ~seg["MORF"].astype(int).isin(WEGENREGISTER_EXCLUDED_MORF[profile])
    keep = status_ok & access_ok & morf_ok
    report = {
        "segments": len(seg),
        "kept": int(keep.sum()),
        "not_in_use": int((~status_ok).sum()),
        "not_public": int((status_ok & ~access_ok).sum()),
        "not_for_profile": int((status_ok & access_ok & ~morf_ok).sum()),
        "excluded_km": float(seg.geometry[~keep].length.sum() / 1000.0),
    }
    return seg[keep].reset_index(drop=True), report


def _segment_sources(p: Path, layer: str | None) -> list[str]:
    names = (layer,) if layer else _SEGMENT_LAYERS
    if p.suffix.lower() == ".shp":
        return [str(p)]
    if p.suffix.lower() == ".zip":
        with zipfile.ZipFile(p) as zf:
            members = set(zf.namelist())
        return [f"/vsizip/{p}/{m}" for m in members if Path(m).stem in names and m.endswith(".shp")]
    return [str(p / f"{name}.shp") for name in names if (p / f"{name}.shp").exists()]
