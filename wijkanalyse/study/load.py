"""Load a study's inputs into canonical frames (the only step that reads files)."""

from __future__ import annotations

import json
import logging
import warnings
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from wijkanalyse import (
    _i18n,
    areas,
    io,
    settings,
    vocab,
)
from wijkanalyse._errors import (
    WARNING_PREFIX,
    DataError,
    DataWarning,
    SchemaError,
)
from wijkanalyse._i18n import Items, Label, Note, Num
from wijkanalyse._validate import Problems, listing
from wijkanalyse.areas import Region
from wijkanalyse.datasets import CATALOGUE, get_dataset
from wijkanalyse.study import _inputs
from wijkanalyse.study import checks as _checks
from wijkanalyse.study import fit as _fit
from wijkanalyse.study._basemap import study_basemap
from wijkanalyse.study._messages import (
    _hinting,
    _not_of,
)
from wijkanalyse.study._sources import Sources
from wijkanalyse.study.config import (
    FacilitySource,
    StudyConfig,
)
from wijkanalyse.study.results import (
    StudyData,
)

log = logging.getLogger(__name__)


def _swap_options(columns: tuple[str, str, str, str, str]) -> str:
    """Return the ``[[facilities]]`` options that read swapped coordinate columns right."""
    xc, yc, xo, yo, crs = columns
    also = f', crs = "{crs}"' if xo == "x_col" else ""
    return f'{xo} = "{yc}", {yo} = "{xc}"{also}'


def load(config: StudyConfig, sources: Sources) -> StudyData:
    """Load and check every input of the study into canonical frames."""
    cfg = config
    vintage = cfg.study.vintage
    notes: list[Note] = []
    used: list[str] = []
    problems = Problems(f"study {cfg.study.name!r}")
    _checks._check_area(config, sources, problems)
    problems.raise_if_any(DataError)
    if isinstance(cfg.study.municipality, str):
        # a municipality field holding an arrondissement's code is an error, not a region
        areas.municipality(cfg.study.municipality, vintage=vintage)
    muni = areas.region(cfg.study.area, vintage=vintage)
    notes += muni.notes
    label = (
        f"study file {sources.study_file.name!r}"
        if sources.study_file
        else f"study {cfg.study.name!r}"
    )
    problems = Problems(f"{label} for {muni.name} (NIS {muni.code})")
    partial = _fit._check_extents(config, sources, muni, problems, notes)

    with sources.hints("sectors", "population", "income"):
        sectors = areas.load_sectors(
            muni.code if muni.is_municipality else list(muni.municipalities),
            vintage=vintage,
            geometry=sources.spec(cfg.data.sectors),
            population=sources.spec(cfg.data.population),
            income=sources.spec(cfg.data.income),
        )
    used += [
        ds.id
        for ds in map(sources.dataset, map(cfg.data.source, ("sectors", "population", "income")))
        if ds is not None
    ]
    used += [
        "pinc_statsec2024_als_basis" if vintage == 2024 else "pinc_statsec2025_als_basis",
        "pinc_ggw72024_names" if vintage == 2024 else "pinc_ggw7_names",
    ]
    missing_groups = [g for g in cfg.target_groups if g not in sectors]
    if missing_groups:
        have = listing(c for c in sectors if c.startswith("pop_"))
        absent = _not_of(missing_groups, "population column", "population columns")
        problems.add(
            f"target_groups: {absent} of {cfg.data.source('population')!r} (it has "
            f"{have}); remove them or give a population source that has them.",
            SchemaError,
        )
    groups = [g for g in cfg.target_groups if g in sectors]

    polygons_id = areas.wijk_polygon_dataset(vintage)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DataWarning)
        wijk_geo = areas.wijk_areas(vintage, gemeente=muni)
    for w in caught:
        warnings.warn(str(w.message), DataWarning, stacklevel=2)
    real = [c for c in wijk_geo.index if not vocab.is_pseudo_wijk(c)]
    lacking = [c for c in real if wijk_geo.geometry[c] is None]
    if lacking:
        notes.append(
            _i18n.note(
                "wijk_polygons_missing",
                vintage=str(vintage),
                n=len(lacking),
                total=len(real),
                coverage=get_dataset(polygons_id).coverage,
            )
        )
    used.append(polygons_id)
    counts = areas.aggregate(
        sectors,
        "wijk",
        columns=groups
        + [c for c in ("pop_under65",) if c in sectors and c not in cfg.target_groups],
    )
    wijken = wijk_geo.join(counts.drop(columns="n_sectors"), how="left")
    wijken["area_km2"] = wijken["area_km2"].round(3)
    wijken = wijken[
        ["wijk_name", "n_sectors", "area_km2", *counts.columns.drop("n_sectors"), "geometry"]
    ]

    boundary = areas.region_polygon(muni)
    used.append("pinc_gemeenten_2024")
    facilities, fnotes, fused = _load_facilities(
        config, sources, boundary, muni.name, problems, homes=sectors.geometry
    )
    notes += fnotes
    used += fused

    graph = None
    if cfg.data.road_graph:
        with sources.hints("road_graph"):
            graph = io.read_road_graph(sources.spec(cfg.data.road_graph))
        ds = sources.dataset(cfg.data.road_graph.source)
        used += [ds.id] if ds is not None else []
        if graph.repaired_edges:
            notes.append(
                _i18n.note(
                    "road_graph_lengths_repaired",
                    source=cfg.data.road_graph.source,
                    n=graph.repaired_edges,
                    km=Num(graph.repaired_km, 2),
                )
            )

    area_rows, custom_areas = _custom_areas(config, sources, sectors, muni, notes, problems)
    _fit._check_fit(config, sources, sectors, wijken, facilities, graph, muni, problems, partial)
    problems.raise_if_any()  # DataError, or SchemaError when one is
    analysis_inputs = _inputs.analysis_inputs(config, sources, sectors, muni, facilities, boundary)
    network = _inputs.street_network(config, sources, graph, sectors.crs, boundary)
    demand_file = config.access.demand_file if config.access is not None else None
    user_points = (
        io.read_demand_points(sources.path(demand_file)) if demand_file is not None else None
    )
    patch = config.access.patch if config.access is not None else None
    patch_ds = sources.dataset(patch)
    used += [patch_ds.id] if patch_ds is not None else []
    name_layers = _name_layers(config, sources, boundary)
    basemap, base_used = study_basemap(
        config.report.basemap, boundary, sectors.crs, network, tuple(muni.municipalities)
    )
    used += base_used
    for src in (config.plan.street_names, config.plan.stop_names) if config.plan else ():
        ds = sources.dataset(src)
        used += [ds.id] if ds is not None else []
    return StudyData(
        sectors=sectors,
        wijken=wijken,
        facilities=facilities,
        areas=area_rows,
        road_graph=graph,
        user_points=user_points,
        region=muni,
        notes=tuple(notes),
        datasets=tuple(dict.fromkeys(u for u in used if u in CATALOGUE)),
        inputs=analysis_inputs.inputs,
        deelgemeenten=analysis_inputs.deelgemeenten,
        references=analysis_inputs.references,
        reference_sectors=analysis_inputs.reference_sectors,
        sites=plan_sites(config, sources),
        name_layers=name_layers,
        network=network,
        input_notes=analysis_inputs.notes,
        custom_areas=custom_areas,
        basemap=basemap,
    )


def _load_facilities(
    config: StudyConfig,
    sources: Sources,
    boundary: Any,
    where_name: str = "",
    problems: Problems | None = None,
    *,
    homes: gpd.GeoSeries | None = None,
) -> tuple[gpd.GeoDataFrame, list[Note], list[str]]:
    """Read every ``[[facilities]]`` entry and keep what lies within reach of the area.

    A register whose rows mostly fall outside the area (and its buffer) but inside when x
    and y are swapped is a problem naming the columns to swap; rows outside the buffer are
    left out with a note naming them and how far out they lie (OSM extracts, cut from a
    larger area by design, only get the count in the log).

    Where the area lies near the diagonal x = y of its CRS (Leuven does), swapped points
    stay inside it; then a register whose points lie much farther from the sectors
    (``homes``) than the same points swapped gets a :class:`DataWarning` and a note.
    """
    cfg = config
    frames: list[gpd.GeoDataFrame] = []
    notes: list[Note] = []
    used: list[str] = []
    reach = boundary.buffer(cfg.study.facility_buffer_m)
    problems = problems if problems is not None else Problems("study")
    for i, fac in enumerate(cfg.facilities):
        ds = sources.dataset(fac.source)
        kind, fac = _read_as(sources, fac)
        where = f"[[facilities]] entry {i + 1}"
        frame = _read_register(config, sources, fac, where)
        used += [ds.id] if ds is not None else []
        inside = frame.geometry.within(reach).to_numpy(bool)
        swap_named = False
        if not inside.all() and len(frame):
            swapped = shapely.points(frame.geometry.y, frame.geometry.x)
            inside_swapped = shapely.within(swapped, reach)
            n_swapped = int(inside_swapped.sum())
            if kind == "register" and n_swapped >= max(0.8 * len(frame), 2 * inside.sum()):
                swap_named = True
                problems.add(
                    _swapped_problem(
                        config,
                        sources,
                        fac,
                        where,
                        frame,
                        int((~inside).sum()),
                        n_swapped,
                        where_name,
                    )
                )
            elif kind == "register":
                out = frame[~inside]
                km = out.geometry.distance(boundary) / 1000
                order = np.argsort(-km.to_numpy())
                rows = tuple(
                    _i18n.note(
                        "facility_outside_row",
                        name=str(
                            out["name"].iloc[k] if pd.notna(out["name"].iloc[k]) else out.index[k]
                        ),
                        km=Num(float(km.iloc[k])),
                    )
                    for k in order
                )
                notes.append(
                    _i18n.note(
                        "facilities_outside",
                        n=len(out),
                        total=len(frame),
                        source=fac.source,
                        buffer=Num(cfg.study.facility_buffer_m / 1000),
                        where=where_name,
                        rows=Items(rows, limit=8),
                    )
                )
            else:
                log.info(
                    "%s: %d points lie outside the study area and its buffer",
                    fac.source,
                    int((~inside).sum()),
                )
        if kind == "register" and homes is not None and not swap_named:
            hint = _maybe_swapped(config, sources, fac, where, frame, reach, homes)
            if hint:
                warnings.warn(f"{WARNING_PREFIX}{hint}", DataWarning, stacklevel=3)
                notes.append(_i18n.note("facilities_maybe_swapped", source=fac.source, hint=hint))
        frame = frame[inside].copy()
        frame["in_municipality"] = frame.geometry.within(boundary)
        wanted = fac.types or sorted(frame["type"].dropna().unique())
        present = set(frame["type"])
        lacking = [t for t in wanted if (t[:16] if kind == "osm" else t) not in present]
        if lacking:
            coverage = ds.coverage if ds else fac.source
            notes.append(
                _i18n.note(
                    "facilities_none",
                    types=Items(tuple(Label("type", t) for t in lacking), limit=len(lacking)),
                    source=fac.source,
                    coverage=coverage,
                )
            )
        frames.append(frame)
    if frames:
        facilities = pd.concat(frames)
        dup = facilities.index[facilities.index.duplicated()]
        if len(dup):
            raise DataError(
                f"facility ids occur in more than one source: {listing(dup.unique())}; "
                "give the registers distinct ids (id_col=...)."
            )
    else:
        facilities = gpd.GeoDataFrame(
            {
                "name": [],
                "type": [],
                "status": [],
                "capacity": pd.array([], dtype="Float64"),
                "source": [],
                "in_municipality": pd.array([], dtype="bool"),
            },
            geometry=[],
            crs=settings.working_crs,
        )
    facilities = gpd.GeoDataFrame(facilities, geometry="geometry", crs=settings.working_crs)
    facilities.index.name = "facility_id"
    return facilities, notes, used


def _swapped_problem(
    config: StudyConfig,
    sources: Sources,
    fac: FacilitySource,
    where: str,
    frame: gpd.GeoDataFrame,
    n_out: int,
    n_swapped: int,
    where_name: str,
) -> str:
    """Say that a register's coordinates look swapped and which options swap them back."""
    buffer_km = config.study.facility_buffer_m / 1000
    msg = (
        f"{where} ({fac.source!r}): {n_out} of {len(frame)} facilities lie outside "
        f"{where_name} and its {buffer_km:g} km buffer, but {n_swapped} of {len(frame)} fall "
        "inside when x and y are swapped: the x and y columns look swapped (x holds the "
        "northing). "
    )
    columns = frame.attrs.get("coordinate_columns")
    if columns:
        return msg + (
            f"In the study file: {_swap_options(columns)} in {where} (source = "
            f"{fac.source!r}); or swap the columns in the register."
        )
    return msg + "Swap the coordinates in the file (x is the easting or longitude)."


def _maybe_swapped(
    config: StudyConfig,
    sources: Sources,
    fac: FacilitySource,
    where: str,
    frame: gpd.GeoDataFrame,
    reach: Any,
    homes: gpd.GeoSeries,
) -> str:
    """Say whether a register's points look swapped by their distance to the sectors.

    Facilities stand where people live: a register whose median distance to the nearest
    sector point is at least four times (and 200 m more than) that of the same points
    with x and y swapped looks swapped. Returns the message, or ``""``.
    """
    from scipy.spatial import cKDTree

    pts = homes.dropna()
    pts = pts[~pts.is_empty].representative_point()
    if len(pts) < 3 or len(frame) < 3:
        return ""
    x, y = frame.geometry.x.to_numpy(), frame.geometry.y.to_numpy()
    near = shapely.within(shapely.points(x, y), reach) | shapely.within(shapely.points(y, x), reach)
    if near.sum() < 3:
        return ""
    tree = cKDTree(np.column_stack([pts.x.to_numpy(), pts.y.to_numpy()]))
    given, _ = tree.query(np.column_stack([x[near], y[near]]))
    swapped, _ = tree.query(np.column_stack([y[near], x[near]]))
    m_given, m_swapped = float(np.median(given)), float(np.median(swapped))
    if not (m_given >= 4 * m_swapped and m_given - m_swapped >= 200):
        return ""
    msg = (
        f"{where} ({fac.source!r}): the facilities lie a median {m_given:.0f} m from the "
        f"nearest sector, but {m_swapped:.0f} m with x and y swapped: the coordinates look "
        "swapped. "
    )
    columns = frame.attrs.get("coordinate_columns")
    if columns:
        return msg + (
            f"If so, in the study file: {_swap_options(columns)} in {where}; or swap the "
            "columns in the register."
        )
    return msg + "If so, swap the coordinates in the file."


def _read_as(sources: Sources, fac: FacilitySource) -> tuple[str, FacilitySource]:
    """Return how an entry is read (``osm`` or ``register``) and its options.

    A catalogued source says how it is read (OSM points or a register, and e.g. the
    hospital list's name column); what the study file sets wins.
    """
    ds = sources.dataset(fac.source)
    kind = fac.kind or (ds.read_as[0] if ds is not None and ds.read_as else "register")
    if ds is not None and ds.read_options:
        own = fac.model_fields_set
        fac = fac.model_copy(update={k: v for k, v in ds.read_options.items() if k not in own})
    return kind, fac


def _read_register(
    config: StudyConfig,
    sources: Sources,
    fac: FacilitySource,
    where: str,
    *,
    facility_type: str | None = None,
) -> gpd.GeoDataFrame:
    """Read one ``[[facilities]]`` (or ``[[plan.sites]]``) entry with all its options."""
    kind, fac = _read_as(sources, fac)
    src = sources.path(fac.source)
    with _hinting(where, fac.source, FacilitySource, inline=False):
        if kind == "osm":
            return io.read_osm_points(src, types=fac.types, assume_crs=fac.crs)
        return io.read_facilities(
            src,
            types=fac.types,
            facility_type=facility_type or fac.facility_type,
            name_col=fac.name_col,
            type_col=fac.type_col,
            id_col=fac.id_col,
            x_col=fac.x_col,
            y_col=fac.y_col,
            lon_col=fac.lon_col,
            lat_col=fac.lat_col,
            crs=fac.crs,
            assume_crs=fac.crs,
            layer=fac.layer,
            member=fac.member,
            as_point=fac.as_point,
            encoding=fac.encoding,
        )


def _custom_areas(
    config: StudyConfig,
    sources: Sources,
    sectors: gpd.GeoDataFrame,
    muni: Region,
    notes: list[Note],
    problems: Problems,
) -> tuple[pd.DataFrame, tuple[areas.CustomArea, ...]]:
    """Return the study's areas: a row of counts per area, and the areas with their sectors."""
    cfg = config
    rows = []
    found: list[areas.CustomArea] = []
    vintage = cfg.study.vintage
    fix = (
        "change or remove this [[areas]] entry; `wijkanalyse init` lists the wijken of "
        f"{muni.name} in a new study file"
    )
    for i, spec in enumerate(cfg.areas):
        lang = cfg.study.language
        where = f"areas[{i}] ({spec.name})"
        if spec.wijken is not None:
            unknown = sorted(set(spec.wijken) - set(sectors["wijk"]))
            if unknown:
                names = sectors.drop_duplicates("wijk").set_index("wijk")["wijk_name"]
                have = listing((f"{w} {names[w]}" for w in names.index), 6)
                problems.add(
                    f"{where}.wijken: {_not_of(unknown, 'wijk', 'wijken')} of {muni.name} in "
                    f"vintage {vintage} (it has {have}); {fix}."
                )
                continue
            codes = list(sectors.index[sectors["wijk"].isin(spec.wijken)])
            area = areas.CustomArea(
                name=spec.name,
                sectors=tuple(codes),
                vintage=vintage,
                note=f"wijken {', '.join(spec.wijken)}",
            )
            message = _i18n.note("area_wijken", n=len(spec.wijken), wijken=", ".join(spec.wijken))
        else:
            assert spec.sectors is not None
            try:
                area = areas.custom_area(spec.name, sectors=spec.sectors, vintage=spec.vintage)
                area = area.to_vintage(vintage)
            except DataError as exc:
                problems.add(f"{where}.sectors: {exc}")
                continue
            if area.source_vintage is None:
                message = _i18n.note(
                    "area_sectors", n=len(area.sectors), sectors=", ".join(area.sectors)
                )
            else:
                key = "area_translated_exact" if area.exact else "area_translated"
                message = _i18n.note(
                    key,
                    src_vintage=str(area.source_vintage),  # a year, not a count
                    src=", ".join(area.source_sectors),
                    n_src=len(area.source_sectors),
                    vintage=str(vintage),
                    dst=", ".join(area.sectors),
                    n_dst=len(area.sectors),
                    extra=", ".join(area.extra_sectors),
                )
        outside = [s for s in area.sectors if s not in sectors.index]
        if outside:
            problems.add(
                f"{where}.sectors: {_not_of(outside, 'sector', 'sectors')} of {muni.name}; {fix}."
            )
            continue
        counts = areas.aggregate(
            sectors, [area], columns=[g for g in cfg.target_groups if g in sectors]
        )
        row: dict[str, Any] = {
            "area": area.name,
            "vintage": area.vintage,
            "sectors": " ".join(area.sectors),  # for display; members: StudyData.custom_areas
            "exact": area.exact,
            "note": message.render(lang),
            # the same note in any language (a report in the other language renders it)
            "note_message": json.dumps(message.to_json(), ensure_ascii=False),
        }
        row.update({str(k): v for k, v in counts.iloc[0].items()})
        rows.append(row)
        found.append(area)
    frame = pd.DataFrame(rows)
    if len(frame):
        frame = frame.set_index("area")
        for g in cfg.target_groups:
            if g in frame:
                frame[g] = frame[g].astype("Int64")
    return frame, tuple(found)


def plan_sites(config: StudyConfig, sources: Sources) -> gpd.GeoDataFrame | None:
    """Read the candidate sites of ``[[plan.sites]]`` (``None`` without any)."""
    if config.plan is None or not config.plan.sites:
        return None
    frames = [
        _read_register(
            config,
            sources,
            src,
            f"[[plan.sites]] entry {i + 1}",
            facility_type=src.facility_type or "kandidaat",
        )
        for i, src in enumerate(config.plan.sites)
    ]
    return gpd.GeoDataFrame(pd.concat(frames), crs=settings.working_crs)


def _name_layers(
    config: StudyConfig, sources: Sources, boundary: Any
) -> tuple[gpd.GeoDataFrame | None, gpd.GeoDataFrame | None]:
    """Read the named streets and stops of ``[plan]`` near the study area."""
    cfg = config.plan
    if cfg is None:
        return None, None
    within = None if boundary is None else boundary.buffer(500.0)
    streets = stops = None
    if cfg.street_names is not None:
        streets = io.read_street_lines(sources.path(cfg.street_names), within=within)
    if cfg.stop_names is not None:
        stops = io.read_osm_points(sources.path(cfg.stop_names), types=["bus_stop"])
        if within is not None:
            stops = stops[stops.intersects(within)]
    return streets, stops
