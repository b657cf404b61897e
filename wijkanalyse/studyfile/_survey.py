"""What the data hold for one area: wijken, facility sources, a road graph, income."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import geopandas as gpd
import numpy as np

from wijkanalyse import areas, io, vocab
from wijkanalyse._errors import DataWarning
from wijkanalyse.datasets import CATALOGUE, Dataset

_ROAD_GRAPHS = ("leuven_road_graph_2013",)
#: A road graph is written when it has a street within this many metres of at least
#: :data:`_ROAD_SHARE` of the area's located sectors.
_ROAD_SNAP_M = 300.0
_ROAD_SHARE = 0.5
#: Index levels need this many units to rank (fewer: the level is left out, and said why).
MIN_UNITS = {"wijk": 5, "sector": 10}


@dataclass(frozen=True)
class SourceFound:
    dataset: Dataset
    inside: dict[str, int]
    reach: dict[str, int]

    @property
    def types(self) -> list[str]:
        return [t for t in self.dataset.facility_types if self.near(t) > 0]

    def near(self, ftype: str) -> int:
        """Facilities of ``ftype`` within reach (OSM truncates types to 16 characters)."""
        return self.reach.get(ftype, self.reach.get(ftype[:16], 0))

    def within(self, ftype: str) -> int:
        """Facilities of ``ftype`` inside the area."""
        return self.inside.get(ftype, self.inside.get(ftype[:16], 0))


@dataclass(frozen=True)
class Survey:
    """What the data hold for one area."""

    sectors: gpd.GeoDataFrame
    wijken: gpd.GeoDataFrame
    sources: tuple[SourceFound, ...]
    partial: tuple[tuple[Dataset, tuple[str, ...]], ...]
    road_graph: str | None
    road_share: float
    income_known: float

    @classmethod
    def of(cls, reg: areas.Region) -> Survey:
        codes: str | list[str] = reg.code if reg.is_municipality else list(reg.municipalities)
        sectors = areas.load_sectors(codes)
        with warnings.catch_warnings():
            # a missing outline is reported by the file itself
            warnings.simplefilter("ignore", DataWarning)
            wijk_geo = areas.wijk_areas(2024, gemeente=reg)
        counts = areas.aggregate(sectors, "wijk", columns=["pop_total"])
        wijken = wijk_geo.join(counts[["pop_total"]], how="left")
        boundary = areas.region_polygon(reg)
        reach = boundary.buffer(3000.0)
        sources, partial = [], []
        for ds in CATALOGUE.values():
            if not ds.read_as:
                continue
            lacking = areas.not_covered(ds.id, reg)
            if lacking:
                if len(lacking) < len(reg.municipalities):
                    partial.append((ds, lacking))
                continue
            frame = _read_source(ds)
            near = frame[frame.geometry.within(reach)]
            inside = near[near.geometry.within(boundary)]
            sources.append(
                SourceFound(
                    dataset=ds,
                    inside=inside["type"].astype(str).value_counts().to_dict(),
                    reach=near["type"].astype(str).value_counts().to_dict(),
                )
            )
        located = sectors.geometry[sectors.geometry.notna() & (sectors["pop_total"] > 0)]
        road, share = None, 0.0
        for graph_id in _ROAD_GRAPHS:
            graph = io.read_road_graph(graph_id)
            s = _share_near(located, graph.nodes, _ROAD_SNAP_M)
            if s > share:
                road, share = graph_id, s
        if share < _ROAD_SHARE:
            road = None
        populated = sectors[sectors["pop_total"].fillna(0) > 0]
        known = float(populated["income_median"].notna().mean()) if len(populated) else 0.0
        return cls(
            sectors=sectors,
            wijken=wijken,
            sources=tuple(sources),
            partial=tuple(partial),
            road_graph=road,
            road_share=share,
            income_known=known,
        )

    @property
    def real_wijken(self) -> gpd.GeoDataFrame:
        return self.wijken[[not vocab.is_pseudo_wijk(c) for c in self.wijken.index]]

    @property
    def n_outlined(self) -> int:
        return int(self.real_wijken.geometry.notna().sum())

    def found(self) -> dict[str, int]:
        """Facilities within reach per type, over the sources the file uses."""
        out: dict[str, int] = {}
        for src in self.sources:
            for t in src.types:
                out[t] = out.get(t, 0) + src.near(t)
        return out

    def index_levels(self) -> list[str]:
        levels = []
        if len(self.real_wijken) >= MIN_UNITS["wijk"]:
            levels.append("wijk")
        populated = int((self.sectors["pop_total"].fillna(0) > 0).sum())
        if populated >= MIN_UNITS["sector"]:
            levels.append("sector")
        return levels


def _read_source(ds: Dataset) -> gpd.GeoDataFrame:
    kind, options = ds.read_as[0], ds.read_options
    unknown = set(options) - {"facility_type", "name_col"}
    if unknown:  # the catalogue grew an option this reader does not pass on
        raise NotImplementedError(f"{ds.id}: reading option(s) {sorted(unknown)}")
    if kind == "osm":
        return io.read_osm_points(ds.id, types=list(ds.facility_types))
    return io.read_facilities(
        ds.id,
        facility_type=options.get("facility_type"),
        name_col=options.get("name_col", "name"),
    )


def _share_near(points: gpd.GeoSeries, nodes: gpd.GeoDataFrame, limit: float) -> float:
    if not len(points) or not len(nodes):
        return 0.0
    from scipy.spatial import cKDTree

    tree = cKDTree(np.column_stack([nodes.geometry.x.to_numpy(), nodes.geometry.y.to_numpy()]))
    pts = points.representative_point()
    dist, _ = tree.query(np.column_stack([pts.x.to_numpy(), pts.y.to_numpy()]))
    return float((dist <= limit).mean())
