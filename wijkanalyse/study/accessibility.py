"""Travel times, coverage, equity and gaps of a loaded study."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd

from wijkanalyse import (
    _i18n,
    access,
)
from wijkanalyse._errors import (
    DataError,
)
from wijkanalyse._i18n import Items, Label, Note, Num
from wijkanalyse._validate import listing
from wijkanalyse.network import CrowFlies, StreetNetwork, travel_profile
from wijkanalyse.network.crowflies import DEFAULT_DETOUR_FACTOR
from wijkanalyse.parallel import Scheduler
from wijkanalyse.study import _demand, _ranges
from wijkanalyse.study import analyse as _analyse
from wijkanalyse.study.config import AccessSection
from wijkanalyse.study.results import (
    AccessResults,
    Analysis,
    StudyData,
)
from wijkanalyse.study.slices import AccessSlice, NeedSlice


def _methods_by(methods: pd.Series, groups: pd.Series) -> pd.Series:
    """Return the distance methods used within each group, joined with '+'."""
    frame = pd.DataFrame({"m": methods, "g": groups.reindex(methods.index)}).dropna()
    return frame.groupby("g", sort=False)["m"].agg(lambda s: "+".join(sorted(set(s))))


def at_speed(
    model: StreetNetwork | CrowFlies, nearest: pd.DataFrame, speed_kmh: float | None
) -> tuple[StreetNetwork | CrowFlies, pd.DataFrame]:
    """Return the model and a nearest-facility table at ``speed_kmh`` (unchanged: ``None``).

    A profile has one speed on every way and along the snap link, so a time at another
    speed is the time at the profile's speed times their ratio; the nearest facility stays
    the same.
    """
    if speed_kmh is None or speed_kmh == model.profile.speed_kmh:
        return model, nearest
    factor = model.profile.speed_kmh / speed_kmh
    scaled = nearest.copy()
    if "minutes" in scaled:
        scaled["minutes"] = scaled["minutes"] * factor
    return model_at_speed(model, speed_kmh), scaled


def model_at_speed(
    model: StreetNetwork | CrowFlies, speed_kmh: float | None
) -> StreetNetwork | CrowFlies:
    """Return ``model`` at ``speed_kmh`` (itself when ``None`` or the same speed)."""
    if speed_kmh is None or speed_kmh == model.profile.speed_kmh:
        return model
    return model.with_options(speed_kmh=speed_kmh)


def _demand_note(info: _demand.DemandInfo) -> Note:
    """Return the note that says where the study puts each sector's residents."""
    if info.model == "centroid":
        return _i18n.note("demand_centroid", points=info.points)
    return _i18n.note(
        "demand_points",
        model=_i18n.note(f"demand_model_{info.model}", spacing=Num(info.spacing_m or 0, 0)),
        points=Num(info.points, 0),
        area=_i18n.note(f"demand_area_{info.area_method}"),
        fallback=Num(len(info.fallback), 0),
    )


def _where(data: StudyData) -> Note:
    """Return the study area as a note's value: the municipality or the region."""
    return _i18n.note("where_municipality" if data.region.is_municipality else "where_region")


def _distance_model(
    acc: AccessSection,
    data: StudyData,
    demand: gpd.GeoDataFrame,
    notes: list[Note],
) -> StreetNetwork | CrowFlies:
    prof = travel_profile(acc.profile, speed_kmh=acc.speed_kmh)
    factor = acc.detour_factor if isinstance(acc.detour_factor, float) else DEFAULT_DETOUR_FACTOR
    crow = CrowFlies(profile=prof, detour_factor=factor, crs=data.sectors.crs)
    net = data.network
    if net is None:
        notes.append(
            _i18n.note("access_no_network", method=Label("method", crow.method), where=_where(data))
        )
        return crow
    snapped = net.snap(demand.geometry)
    if not snapped["attached"].any():
        notes.append(
            _i18n.note("access_no_network", method=Label("method", crow.method), where=_where(data))
        )
        return crow
    notes.append(net.report.note())
    off = snapped.index[~snapped["attached"]]
    if len(off):
        wijken = demand.loc[off, "wijk_name"].dropna().unique()
        notes.append(
            _i18n.note(
                "access_off_network" if acc.off_network == "euclidean" else "access_off_na",
                n=demand.loc[off, "sector"].nunique(),
                max_snap=int(acc.max_snap_m),
                wijken=Items(tuple(str(w) for w in wijken)),
                method=Label("method", net.fallback_method),
            )
        )
    fac = data.facilities
    if len(fac):
        fsnap = net.snap(fac.geometry)
        far = fsnap.index[~fsnap["attached"]]
        asked = {q.facility_type for q in acc.questions}
        named = [
            str(fac.at[f, "name"]) if pd.notna(fac.at[f, "name"]) else str(f)
            for f in far
            if fac.at[f, "type"] in asked
        ]
        if len(far):
            notes.append(
                _i18n.note(
                    "access_facility_off",
                    n=len(far),
                    names=Items(tuple(named)) if named else "–",
                    max_snap=int(acc.max_snap_m),
                    method=Label("method", net.fallback_method),
                )
            )
    return net


def accessibility(
    config: AccessSlice,
    data: StudyData,
    analysis: Analysis | None = None,
    *,
    scheduler: Scheduler = None,
) -> AccessResults | None:
    """Compute travel times, coverage, equity and coverage gaps of the ``[access]`` section.

    ``scheduler`` (default: the study's ``[compute]``) says where the nearest-facility
    search runs, per facility type and municipality; see :mod:`wijkanalyse.parallel`.

    Returns ``None`` when the study has no ``[access]`` section.
    """
    acc = config.access
    if acc is None:
        return None
    notes: list[Note] = []
    # sectors without a location are named in the summary (with their protected count);
    # the others' residents are spread over points inside them (the demand model)
    demand, info = _demand.study_demand(acc, data, [q.target_group for q in acc.questions])
    notes.append(_demand_note(info))
    model = _distance_model(acc, data, demand, notes)
    fac = data.facilities
    types = list(dict.fromkeys(fac["type"].astype(str))) if len(fac) else []
    asked = [q.facility_type for q in acc.questions if q.facility_type not in types]
    if asked:
        raise DataError(
            f"access.questions ask about {listing(sorted(set(asked)))} but the loaded "
            f"facilities have no such type (they have {listing(types) or 'none'})."
        )
    nearest = (
        access.nearest_facility(
            demand,
            fac,
            network=model,
            types=types,
            tiles=demand.get("gemeente"),
            scheduler=(scheduler if scheduler is not None else config.scheduler),
        )
        if types
        else pd.DataFrame()
    )
    wijk_names = data.wijken["wijk_name"]
    need_s, need_w, need_label, higher = (
        _analyse._need(config.need or NeedSlice(acc.need, index_name=None), analysis, notes)
        if acc.questions
        else (pd.Series(), pd.Series(), "", "")
    )
    cov_frames, gap_frames, eq_rows = [], [], []
    gemeente_names = (
        {data.region.code: data.region.name}
        if data.region.is_municipality
        else data.region.municipality_names
    )
    members = data.area_members(demand["sector"].unique())
    sector_names = data.sectors.get("name", None)
    for q in acc.questions:
        near_q = pd.DataFrame(nearest.xs(q.facility_type, level="facility_type", drop_level=False))
        # the question's target group at its own speed: every time scales by the same factor
        model_q, near_q = at_speed(model, near_q, config.speeds.get(q.target_group))
        common: dict[str, Any] = {
            "network": model_q,
            "max_minutes": q.minutes,
            "target_groups": [q.target_group],
            "types": [q.facility_type],
            "nearest": near_q,
        }
        by_wijk = access.coverage(demand, fac, by="wijk", **common)
        by_wijk.insert(0, "level", "wijk")
        by_wijk.insert(1, "name", wijk_names.reindex(by_wijk.index).to_numpy())
        total = access.coverage(demand, fac, by="gemeente", **common)
        total.insert(0, "level", "gemeente")
        total.insert(1, "name", total.index.map(gemeente_names).to_numpy())
        total.index.name = "wijk"
        cov_frames += [by_wijk, total]
        if not data.region.is_municipality:
            whole = pd.Series(data.region.code, index=demand.index)
            reg = access.coverage(demand, fac, by=whole, **common)
            reg.insert(0, "level", data.region.level)
            reg.insert(1, "name", data.region.name)
            reg.index.name = "wijk"
            cov_frames.append(reg)
        minutes = near_q.droplevel("facility_type")["minutes"]
        methods = near_q.droplevel("facility_type")["method"]
        pop = demand[q.target_group]
        for thr in q.minutes:
            eq = access.equity(minutes, pop, threshold=thr)
            eq_rows.append(
                {
                    "facility_type": q.facility_type,
                    "target_group": q.target_group,
                    "threshold_minutes": thr,
                    **eq.to_dict(),
                }
            )
            sec = access.coverage_gaps(
                need_s,
                minutes,
                pop,
                threshold=thr,
                groups=demand["sector"],
                names=sector_names,
                higher_need=higher,  # type: ignore[arg-type]
            )
            sector_methods = _methods_by(methods, demand["sector"])
            sec["method"] = sector_methods.reindex(sec.index)
            wk = access.coverage_gaps(
                need_w,
                minutes,
                pop,
                threshold=thr,
                groups=demand["wijk"],
                names=wijk_names,
                higher_need=higher,  # type: ignore[arg-type]
            )
            wk["method"] = _methods_by(methods, demand["wijk"]).reindex(wk.index)
            parts = [("sector", sec), ("wijk", wk)]
            if members:
                ar = access.aggregate_gaps(sec, members)
                ar.insert(0, "name", ar.index)
                ar["method"] = [
                    "+".join(
                        sorted(
                            {
                                p
                                for x in sector_methods.reindex(m).dropna()
                                for p in str(x).split("+")
                            }
                        )
                    )
                    for m in members.values()
                ]
                parts.append(("area", ar))
            for level, frame in parts:
                frame = frame.copy()
                frame.index.name = "unit"
                frame.insert(0, "level", level)
                frame.insert(2, "facility_type", q.facility_type)
                frame.insert(3, "target_group", q.target_group)
                frame.insert(4, "threshold_minutes", thr)
                frame["need_source"] = need_label
                gap_frames.append(frame)
    coverage = pd.concat(cov_frames) if cov_frames else pd.DataFrame()
    gaps = pd.concat(gap_frames) if gap_frames else pd.DataFrame()
    equity = pd.DataFrame(eq_rows)
    # the ranges: the same questions over draws of the inputs that are not known exactly
    draws = _ranges.draws_of(config, data, demand, info, model, notes)
    members_of = _ranges.Members(draws, data) if draws is not None else None
    coverage = _ranges.add_ranges(coverage, "coverage", draws, members_of)
    gaps = _ranges.add_ranges(gaps, "gaps", draws, members_of)
    equity = _ranges.add_ranges(equity, "equity", draws, members_of)
    return AccessResults(
        model=model,
        nearest=nearest,
        demand=demand,
        demand_info=info,
        draws=draws,
        coverage=coverage,
        gaps=gaps,
        equity=equity,
        need_source=need_label,
        notes=tuple(notes),
        speeds={
            q.target_group: config.speeds.get(q.target_group, model.profile.speed_kmh)
            for q in acc.questions
        },
    )
