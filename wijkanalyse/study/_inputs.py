"""Inputs of the later steps, read by the load step: indicator inputs, references, network."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import geopandas as gpd
import pandas as pd

from wijkanalyse import _i18n, indicators, io
from wijkanalyse._i18n import Items, Note
from wijkanalyse.areas import Region
from wijkanalyse.network import StreetNetwork, calibrate_detour, combine, travel_profile
from wijkanalyse.network.crowflies import DEFAULT_DETOUR_FACTOR
from wijkanalyse.study._sources import Sources
from wijkanalyse.study.config import StudyConfig

#: what a catalogued source must cover for the reference rows to be computed from it
_FLEMISH = ("Belgium", "Flanders", "Flanders and Brussels")


@dataclass(frozen=True)
class AnalysisInputs:
    """What the analysis step reads: indicator inputs, deelgemeenten and reference rows."""

    inputs: indicators.IndicatorInputs
    deelgemeenten: gpd.GeoSeries
    references: pd.DataFrame | None
    notes: tuple[Note, ...]
    #: the indicators of every Flemish sector, for the index's reference ranks
    reference_sectors: pd.DataFrame | None = None


def analysis_inputs(
    config: StudyConfig,
    sources: Sources,
    sectors: gpd.GeoDataFrame,
    region: Region,
    facilities: gpd.GeoDataFrame,
    boundary: Any,
) -> AnalysisInputs:
    """Read the energy, open-space, deelgemeente and reference inputs of the indicators."""
    icfg = config.indicators
    thr = icfg.suppression_threshold
    notes: list[Note] = []
    vintage = config.study.vintage
    energy = sources.spec(config.data.energy)
    open_space = sources.spec(config.data.open_space)
    bimd = sources.spec(config.data.bimd)
    if vintage != 2024 and (energy or open_space or bimd):
        notes.append(_i18n.note("inputs_vintage_left_out", vintage=str(vintage)))
        energy = open_space = bimd = None
    with sources.hints("energy", "open_space", "bimd"):
        inputs = indicators.sector_inputs(
            sectors,
            energy=energy,
            energy_year=icfg.energy_year,
            open_space=open_space,
            open_space_year=icfg.open_space_year,
            bimd=bimd,
        )
    notes += inputs.notes
    deel = io.read_areas("pinc_deelgemeenten_2024", level="deelgemeente").geometry
    unknown_reach = [
        f"data.{key} {src!r}"
        for key in ("population", "income", "energy", "open_space", "bimd")
        if (src := config.data.source(key)) is not None
        and ((ds := sources.dataset(src)) is None or ds.coverage not in _FLEMISH)
    ]
    references = reference_sectors = None
    flanders = None
    wants_ranks = config.index is not None and config.index.reference == "flanders"
    if (icfg.references or wants_ranks) and not unknown_reach and vintage == 2024:
        flanders = indicators.flemish_inputs(
            population=sources.spec(config.data.population),
            income=sources.spec(config.data.income),
            energy=energy,
            open_space=open_space,
            bimd=bimd,
        )
    if wants_ranks and flanders is not None:
        reference_sectors = indicators.compute(flanders, threshold=thr)
        for col in ("bimd_income_decile", "bimd_employment_decile"):
            if col in flanders.sectors:
                reference_sectors[col] = flanders.sectors[col]
    if icfg.references and flanders is not None:
        references = indicators.reference_indicators(
            region,
            population=sources.spec(config.data.population),
            income=sources.spec(config.data.income),
            energy=energy,
            open_space=open_space,
            bimd=bimd,
            # facilities open today, as in the wijken's rows
            facilities=open_ if len(open_ := io.open_facilities(facilities)) else None,
            facility_extent=boundary.buffer(config.study.facility_buffer_m),
            threshold=thr,
            inputs=flanders,
        )
    elif icfg.references:
        notes.append(
            _i18n.note("references_left_out_sources", sources=Items(tuple(unknown_reach)))
            if unknown_reach
            else _i18n.note("references_left_out")
        )
    if wants_ranks and flanders is None:
        notes.append(_i18n.note("index_reference_left_out"))
    return AnalysisInputs(inputs, deel, references, tuple(notes), reference_sectors)


def street_network(
    config: StudyConfig,
    sources: Sources,
    road_graph: io.RoadGraphFrames | None,
    crs: Any,
    boundary: Any = None,
) -> StreetNetwork | None:
    """Build the ``[access]`` street network from OSM or the road graph (``None``: neither).

    With ``[access] patch``, the patch's lines within ``boundary`` (the study area and its
    facility buffer) fill the network where it has no streets.
    """
    acc = config.access
    if acc is None:
        return None
    calibrate = acc.detour_factor == "calibrated"
    opts: dict[str, Any] = {
        "profile": travel_profile(acc.profile, speed_kmh=acc.speed_kmh),
        "max_snap_m": acc.max_snap_m,
        "off_network": acc.off_network,
        "detour_factor": DEFAULT_DETOUR_FACTOR if calibrate else acc.detour_factor,
    }
    net = None
    if acc.osm is not None:
        net = StreetNetwork.from_osm(sources.path(acc.osm), crs=crs, **opts)
    elif road_graph is not None:
        label = config.data.source("road_graph") or "road graph"
        net = StreetNetwork.from_road_graph(road_graph, **opts)
        net = replace(net, report=replace(net.report, source=label))
    if net is not None and acc.patch is not None:
        within = None if boundary is None else boundary.buffer(config.study.facility_buffer_m)
        lines = io.read_street_lines(sources.path(acc.patch), within=within)
        patch_ds = sources.dataset(acc.patch)
        net = combine(
            net,
            lines,
            gap_m=acc.patch_gap_m,
            labels=(net.report.source, patch_ds.id if patch_ds is not None else acc.patch),
        )
    if net is not None and calibrate:
        cal = calibrate_detour(net)
        net = net.with_options(detour_factor=cal.factor)
        net = replace(net, report=replace(net.report, detour=cal))
    return net
