"""Building street graphs: reading the ways of OpenStreetMap files."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np

from wijkanalyse._errors import DataError
from wijkanalyse.network.profiles import _NEVER, TravelProfile


def _read_osm_ways(
    path: Path, profile: TravelProfile
) -> tuple[
    list[int],
    np.ndarray,
    np.ndarray,
    list[int],
    list[int],
    list[bool],
    int,
    list[tuple[float, ...]],
]:
    """Read the usable ways of an OSM file as straight segments between their nodes."""
    try:
        import osmium
    except ImportError as exc:  # pragma: no cover - osmium is a dependency
        raise ImportError("reading OpenStreetMap files needs pyosmium: pip install osmium") from exc
    pos: dict[int, int] = {}
    lons: list[float] = []
    lats: list[float] = []
    tails: list[int] = []
    heads: list[int] = []
    oneway: list[bool] = []
    excluded = 0
    excluded_segments: list[tuple[float, ...]] = []

    def node_pos(ref: int, lon: float, lat: float) -> int:
        i = pos.get(ref)
        if i is None:
            i = len(lons)
            pos[ref] = i
            lons.append(lon)
            lats.append(lat)
        return i

    try:
        processor = osmium.FileProcessor(str(path), osmium.osm.NODE | osmium.osm.WAY)
        processor = processor.with_locations()
        for obj in processor:
            if not isinstance(obj, osmium.osm.Way):
                continue
            tags = {t.k: t.v for t in obj.tags}
            if "highway" not in tags:
                continue
            locs = [
                (r.ref, r.location.lon, r.location.lat) if r.location.valid() else None
                for r in obj.nodes
            ]
            if not profile.allows(tags):
                if tags["highway"] not in _NEVER:
                    excluded += 1
                    for a, b in itertools.pairwise(locs):
                        if a is not None and b is not None:
                            excluded_segments.append((a[1], a[2], b[1], b[2]))
                continue
            direction = profile.direction(tags)
            for a, b in itertools.pairwise(locs):
                if a is None or b is None:
                    continue  # a node outside the extract: the way is cut there
                ia, ib = node_pos(*a), node_pos(*b)
                if direction == -1:
                    ia, ib = ib, ia
                tails.append(ia)
                heads.append(ib)
                oneway.append(direction != 0)
    except RuntimeError as exc:
        raise DataError(f"OSM file {path.name!r} cannot be read: {exc}") from exc
    refs = list(pos)
    return (
        refs,
        np.asarray(lons, dtype=float),
        np.asarray(lats, dtype=float),
        tails,
        heads,
        oneway,
        excluded,
        excluded_segments,
    )
