"""The context of the plans: programming norms and a distance benchmark per municipality.

Two yardsticks are put next to the plans, per municipality and facility type with a norm:

- the programming norm (:mod:`wijkanalyse.locate.norms`): how many centres the municipality
  may have for its population, next to the register;
- a distance benchmark: the residents within ``[plan] distance_m`` metres' walk of today's
  nearest centre (default :data:`DISTANCE_M`). The distance is walked on the study's street
  network (or its crow-flies model) and counted on the access step's demand points, so it
  is the same walk as the access results, measured in metres instead of minutes.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import _i18n, locate
from wijkanalyse._i18n import Note
from wijkanalyse.study._demand import sector_means
from wijkanalyse.study._plan_joint import existing_of
from wijkanalyse.study.results import AccessResults, StudyData
from wijkanalyse.study.slices import PlanSlice

#: The distance benchmark, metres: the nearness of a basic facility as the Vlaamse
#: Stadsmonitor measures it (share of residents within 1 500 m).
DISTANCE_M = 1500.0


def norms(
    config: PlanSlice,
    data: StudyData,
    acc: AccessResults,
    points: gpd.GeoDataFrame,
    notes: list[Note],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the norms per municipality and type, and per sector the share within reach.

    The first frame is that of :func:`~wijkanalyse.locate.norms.programming_norm` with
    ``name``, ``distance_m``, ``population_located`` (the residents the demand points
    carry), ``pop_within_distance`` and ``share_within_distance`` (of the located); the
    second has one column per type: the share of each sector's residents within the
    distance (for the disclosure audit).
    """
    cfg = config.plan
    assert cfg is not None
    known = (
        dict(locate.norms.NORMS)
        if cfg.norms is None
        else {
            t: locate.norms.Norm(n, _i18n.text("norm_own_source", config.language))
            for t, n in cfg.norms.items()
        }
    )
    sec = data.sectors
    if "gemeente" not in sec or not len(sec):
        return pd.DataFrame(), pd.DataFrame()
    gemeente = sec["gemeente"].astype(str)
    people = pd.to_numeric(sec["pop_total"], errors="coerce")
    unknown = gemeente[people.isna()]
    if len(unknown):
        # a norm on the known residents only is a lower bound: say so
        notes.append(
            _i18n.note(
                "plan_norm_population_unknown",
                n=len(unknown),
                where=", ".join(sorted(set(unknown))),
            )
        )
    pop = people.groupby(gemeente).sum()
    fac = data.facilities[data.facilities["type"].isin(list(known))]
    centres = gpd.GeoDataFrame(
        {"gemeente": gemeente.to_numpy()},
        geometry=sec.geometry.representative_point().to_numpy(),
        crs=sec.crs,
    )
    near = gpd.sjoin_nearest(fac[["type", "status", "geometry"]], centres, how="left")
    near = near[~near.index.duplicated()]
    out = locate.norms.programming_norm(pop, near, known)
    names = (
        {data.region.code: data.region.name}
        if data.region.is_municipality
        else dict(data.region.municipality_names)
    )
    out.insert(1, "name", out["gemeente"].map(names).fillna(out["gemeente"]))
    within = pd.DataFrame(index=pd.Index(sec.index.astype(str), name="sector"))
    if cfg.distance_m is None or not len(out):
        return out, within
    model = acc.model
    placed = within.index.isin(pd.Index(points["sector"].astype(str)))
    metres_per_minute = model.profile.speed_kmh * 1000.0 / 60.0
    for ftype in known:
        today = existing_of(data.facilities, ftype)
        if len(today):
            minutes = pd.to_numeric(
                model.nearest(points.geometry, today.geometry)["minutes"], errors="coerce"
            ).to_numpy(dtype=float)
        else:
            minutes = np.full(len(points), np.inf)
        finite = np.isfinite(minutes)
        reached = np.zeros(len(minutes), dtype=bool)
        reached[finite] = minutes[finite] * metres_per_minute <= cfg.distance_m
        share = sector_means(points, within.index, "pop_total", reached.astype(float))
        within[ftype] = np.where(placed, share, np.nan)
    counts = within.mul(people.reindex(within.index).to_numpy(), axis=0)
    by_gemeente = counts.groupby(gemeente.reindex(within.index).to_numpy()).sum(min_count=1)
    # residents whose sector has no demand point cannot be placed: unknown, not far away
    located = people.where(placed)
    by_located = located.groupby(gemeente).sum(min_count=1)
    out["distance_m"] = float(cfg.distance_m)
    out["population_located"] = out["gemeente"].map(by_located).astype(float)
    out["pop_within_distance"] = [
        round(float(by_gemeente.loc[g, t]))
        if g in by_gemeente.index and t in by_gemeente
        else np.nan
        for g, t in zip(out["gemeente"], out["facility_type"], strict=True)
    ]
    out["share_within_distance"] = out["pop_within_distance"] / out["population_located"]
    return out, within
