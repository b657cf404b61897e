"""Checks that a study's inputs fit together: extents, wijken, areas and questions."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from wijkanalyse import (
    _i18n,
    areas,
    io,
    vocab,
)
from wijkanalyse._i18n import Items, Note
from wijkanalyse._validate import Problems, listing
from wijkanalyse.areas import Region
from wijkanalyse.study._messages import (
    _not_of,
    _wijk_hints,
)
from wijkanalyse.study._sources import Sources
from wijkanalyse.study.config import (
    FacilitySource,
    StudyConfig,
)


def _gives(fac: FacilitySource, ftype: str, facilities: gpd.GeoDataFrame) -> bool:
    """Whether a ``[[facilities]]`` entry provides facilities of ``ftype``."""
    if fac.types is not None:
        return ftype in fac.types
    if not len(facilities) or "source" not in facilities:
        return False
    mine = facilities["source"].astype(str) == Path(fac.source).name
    mine |= facilities["source"].astype(str) == fac.source
    return bool((facilities.loc[mine, "type"].astype(str) == ftype).any())


def _check_extents(
    config: StudyConfig, sources: Sources, muni: Region, problems: Problems, notes: list[Note]
) -> dict[int, tuple[str, ...]]:
    """Name every catalogue source of the study that does not cover its area.

    Returns the ``[[facilities]]`` entries that cover only part of a region, with the
    municipalities they miss (see :meth:`_check_fit`).
    """
    partial: dict[int, tuple[str, ...]] = {}
    cfg = config
    keyed: list[tuple[str, str | None]] = [
        (f"facilities[{i}].source", f.source) for i, f in enumerate(cfg.facilities)
    ]
    keyed += [
        (f"data.{key}", cfg.data.source(key))
        for key in ("sectors", "population", "income", "energy", "open_space", "bimd")
    ]
    if cfg.plan is not None:
        keyed += [(f"plan.sites[{i}].source", f.source) for i, f in enumerate(cfg.plan.sites)]
    for key, src in keyed:
        ds = sources.dataset(src)  # an id, or a file that is a catalogued file
        if src is None or ds is None:
            continue
        lacking = areas.not_covered(ds.id, muni)
        if not lacking:
            continue
        if len(lacking) < len(muni.municipalities):
            if key.startswith("facilities["):
                partial[int(key.split("[")[1].split("]")[0])] = lacking
            names = muni.municipality_names
            notes.append(
                _i18n.note(
                    "source_partial",
                    source=src,
                    coverage=ds.coverage,
                    missing=Items(tuple(names.get(c, c) for c in lacking)),
                )
            )
            continue
        if key.startswith("facilities"):
            fix = (
                "remove this [[facilities]] entry (and the questions and scenarios about "
                f"its types), or give a register of {muni.name} as source"
            )
        elif key.startswith("plan.sites"):
            fix = f"remove this [[plan.sites]] entry or give a list of sites in {muni.name}"
        else:
            fix = f"give a source that covers {muni.name}"
        problems.add(f"{key} {src!r} covers {ds.coverage}, not {muni.name}: {fix}.")
    return partial


def _check_fit(
    config: StudyConfig,
    sources: Sources,
    sectors: gpd.GeoDataFrame,
    wijken: gpd.GeoDataFrame,
    facilities: gpd.GeoDataFrame,
    graph: io.RoadGraphFrames | None,
    muni: Region,
    problems: Problems,
    partial: dict[int, tuple[str, ...]],
) -> None:
    """Check what the study asks of its area against what the loaded data hold.

    Every question, scenario and wijk list that names something the area lacks (a
    facility type with no facility within reach, a facility id, a site outside it, a
    wijk of another municipality, a road graph that reaches none of its sectors) is one
    problem, named by its key with what to change. Run before any computation.
    """
    cfg = config
    reach_km = cfg.study.facility_buffer_m / 1000
    have = set(facilities["type"].dropna().astype(str)) if len(facilities) else set()
    registers = listing(f.source for f in cfg.facilities) or "none"
    lacking_fix = (
        "remove it, or add a [[facilities]] source that has this type there (e.g. the "
        "city's own register)"
    )

    def type_problem(where: str, ftype: str) -> None:
        if ftype not in have and ftype[:16] not in have:
            problems.add(
                f"{where}.facility_type {ftype!r}: no facility of this type in {muni.name} "
                f"or within {reach_km:g} km of it in the [[facilities]] sources ({registers}); "
                f"{lacking_fix}."
            )
            return
        # the sources of this type: if each covers only part of the region, residents of
        # the rest would count as out of reach for want of data
        giving = [i for i, f in enumerate(cfg.facilities) if _gives(f, ftype, facilities)]
        if giving and all(i in partial for i in giving):
            missed = sorted(set.intersection(*(set(partial[i]) for i in giving)))
            if missed:
                names = muni.municipality_names
                srcs = listing(cfg.facilities[i].source for i in giving)
                problems.add(
                    f"{where}.facility_type {ftype!r}: its source(s) {srcs} do not cover "
                    f"{len(missed)} of the {len(muni.municipalities)} municipalities of "
                    f"{muni.name} ({listing((names.get(c, c) for c in missed), 5)}), whose "
                    "residents would count as out of reach for want of data; study the area "
                    "the source covers, or add a source for the rest."
                )

    if cfg.access is not None:
        for i, q in enumerate(cfg.access.questions):
            type_problem(f"access.questions[{i}]", q.facility_type)
    known_wijken = set(wijken.index)
    outlined = [c for c in wijken.index if wijken.geometry.get(c) is not None]
    if cfg.plan is not None:
        for key, listed in (
            [("plan.candidate_wijken", cfg.plan.candidate_wijken)]
            + [
                (f"plan.questions[{i}].candidate_wijken", q.candidate_wijken)
                for i, q in enumerate(cfg.plan.questions)
            ]
            + [
                (f"plan.joint[{i}].candidate_wijken", j.candidate_wijken)
                for i, j in enumerate(cfg.plan.joint)
            ]
        ):
            unknown = [w for w in listed or [] if w not in known_wijken]
            if unknown:
                problems.add(
                    f"{key}: {_not_of(unknown, 'wijk', 'wijken')} of {muni.name} (it has "
                    f"{listing(sorted(known_wijken), 6)}){_wijk_hints(unknown, wijken)}; "
                    "give wijk codes (`wijkanalyse init` lists them), or remove the list."
                )
    boundary = areas.region_polygon(muni)
    reach = boundary.buffer(cfg.study.facility_buffer_m)
    for i, sc in enumerate(cfg.scenarios):
        where = f"scenarios[{i}] ({sc.name})"
        if sc.plan is not None or sc.facility_type is None:
            continue
        of_type = facilities[facilities["type"] == sc.facility_type]
        status = (
            of_type["status"].fillna(vocab.EXISTING)
            if "status" in of_type
            else pd.Series(vocab.EXISTING, index=of_type.index)
        )
        for key, ids, wanted in (
            ("close", sc.close, vocab.EXISTING),
            ("open", sc.open, vocab.PLANNED),
        ):
            mine = of_type.index[(status == wanted).to_numpy()]
            unknown = [c for c in ids if c not in mine]
            if unknown:
                what = _not_of(
                    unknown,
                    f"an id of a {wanted} {sc.facility_type} facility",
                    f"ids of its {wanted} facilities",
                )
                problems.add(
                    f"{where}.{key}: {what} of {muni.name} (the {wanted} {sc.facility_type} "
                    f"ids are: {listing(mine, 4) or 'none'}; see facilities.csv of a run); "
                    "change or remove the scenario."
                )
        for j, site in enumerate(sc.add):
            point = shapely.Point(site.x, site.y)
            if not reach.covers(point):
                km = boundary.distance(point) / 1000
                problems.add(
                    f"{where}.add[{j}] ({site.name}): x={site.x:g}, y={site.y:g} lies "
                    f"{km:.1f} km outside {muni.name}; give x and y in EPSG:31370 metres "
                    f"inside the study area or within study.facility_buffer_m "
                    f"({cfg.study.facility_buffer_m:g} m) of it, or remove the scenario."
                )
    if isinstance(cfg.report.wijken, list):
        unknown = [w for w in cfg.report.wijken if w not in outlined]
        if unknown:
            have_outlines = (
                f"e.g. {listing(outlined, 6)}" if outlined else "it has no wijk with an outline"
            )
            problems.add(
                f"report.wijken: {_not_of(unknown, 'wijk', 'wijken')} with an outline in "
                f"{muni.name} ({have_outlines}); change the list or write "
                'wijken = "auto".'
            )
    if graph is not None and cfg.access is not None and cfg.access.osm is None:
        located = sectors.geometry.dropna()
        located = located[~located.is_empty]
        if len(located):
            from scipy.spatial import cKDTree

            nodes = graph.nodes.geometry
            tree = cKDTree(np.column_stack([nodes.x.to_numpy(), nodes.y.to_numpy()]))
            pts = located.representative_point()
            dist, _ = tree.query(np.column_stack([pts.x.to_numpy(), pts.y.to_numpy()]))
            limit = max(cfg.access.max_snap_m, 300.0)
            if not (dist <= limit).any():
                src = cfg.data.source("road_graph")
                ds = sources.dataset(src)
                covers = f" (it covers {ds.coverage})" if ds else ""
                problems.add(
                    f"data.road_graph {src!r} has no street within {limit:g} m of any "
                    f"sector of {muni.name}{covers}: remove the line (distances are then "
                    "straight lines × access.detour_factor, labelled as such) or give a "
                    f"road graph or OSM extract (access.osm) that covers {muni.name}."
                )
