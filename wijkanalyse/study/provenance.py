"""The provenance record of a run: datasets, parameters, versions."""

from __future__ import annotations

import datetime as _dt
import hashlib
from importlib.metadata import version as _version
from pathlib import Path
from typing import Any

import pandas as pd

from wijkanalyse import outputs
from wijkanalyse.datasets import CATALOGUE, Dataset, dataset_of, get_dataset
from wijkanalyse.network import StreetNetwork
from wijkanalyse.study._sources import Sources
from wijkanalyse.study.config import StudyConfig
from wijkanalyse.study.results import (
    AccessResults,
    Analysis,
    PlanResults,
    StudyData,
)


def _write_provenance(
    config: StudyConfig,
    sources: Sources,
    data: StudyData,
    out: Path,
    analysis: Analysis | None = None,
    acc: AccessResults | None = None,
    planning: PlanResults | None = None,
) -> Path:
    from wijkanalyse import __version__

    def entry(ds: Dataset) -> dict[str, Any]:
        return {
            "id": ds.id,
            "title": ds.title,
            "publisher": ds.publisher,
            "licence": ds.licence,
            "attribution": ds.attribution,
            "source_url": ds.source_url,
            "sha256": ds.sha256,
            "vintage": ds.vintage,
            "reference_year": ds.reference_year,
        }

    files = []
    for src in (
        *map(config.data.source, ("sectors", "population", "income")),
        *map(config.data.source, ("energy", "open_space", "bimd")),
        *(f.source for f in config.facilities),
    ):
        if src and src not in CATALOGUE:
            p = sources.base_dir / src
            entry_ = {"path": str(p), "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
            ds = dataset_of(p)
            if ds is not None:
                entry_["dataset"] = ds.id  # a byte-identical copy of a catalogued file
            files.append(entry_)
    manifest: dict[str, Any] = {
        "package": "wijkanalyse",
        "version": __version__,
        "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "study_file": str(sources.study_file) if sources.study_file else None,
        "study": config.model_dump(mode="json"),
        "municipality": {
            "code": data.region.code,
            "name": data.region.name,
            "vintage": data.region.vintage,
            "level": data.region.level,
            "municipalities": list(data.region.municipalities),
        },
        "sector_vintage": config.study.vintage,
        "datasets": [entry(get_dataset(d)) for d in data.datasets],
        "input_files": files,
        "notes": [n.to_json() for n in (*data.notes, *(analysis.notes if analysis else ()))],
        "suppression_threshold": config.indicators.suppression_threshold,
    }
    if analysis is not None:
        used = {
            src
            for src in analysis.definitions["source"].dropna()
            for src in str(src).split()
            if src in CATALOGUE
        }
        known = {d["id"] for d in manifest["datasets"]}
        manifest["datasets"] += [entry(get_dataset(d)) for d in sorted(used - known)]
    if analysis is not None and analysis.index_meta:
        manifest["index"] = analysis.index_meta
    if acc is not None:
        model = acc.model
        manifest["access"] = {
            "profile": model.profile.name,
            "speed_kmh": model.profile.speed_kmh,
            "speeds_kmh": acc.speeds,
            "method": model.method,
            "network": model.report.note().to_json() if isinstance(model, StreetNetwork) else None,
            "need": acc.need_source,
            "demand": _demand_record(acc),
            "ranges": _ranges_record(acc),
            "notes": [n.to_json() for n in acc.notes],
        }
        osm = config.access.osm if config.access else None
        known = {d["id"] for d in manifest["datasets"]}
        if osm in CATALOGUE and osm not in known:
            manifest["datasets"].append(entry(get_dataset(osm)))
    if planning is not None:
        manifest["planning"] = {
            "solver": f"HiGHS (highspy {_version('highspy')})",
            "candidates": planning.candidates["source"].value_counts().to_dict()
            if len(planning.candidates)
            else {},
            "plans": [
                {
                    "question": name,
                    "p": p,
                    "model": plan.model,
                    "status": plan.status,
                    "gap": plan.gap,
                    # withheld (NA) where it is a count that may not be published
                    "objective": None if pd.isna(plan.objective) else plan.objective,
                    "solve_seconds": round(plan.solve_seconds, 3),
                }
                for (name, p), plan in planning.plans.items()
            ],
            "notes": [n.to_json() for n in planning.notes],
        }
    return outputs.write_provenance(out, manifest)


def _demand_record(acc: AccessResults) -> dict[str, Any] | None:
    """Return how the demand points were made (the model, the sector areas, how many)."""
    info = acc.demand_info
    if info is None:
        return None
    return {
        "model": info.model,
        "area_method": info.area_method,
        "approximate_areas": info.area_method == "voronoi_in_wijk",
        "points": info.points,
        "spacing_m": info.spacing_m,
        "sectors_on_centroid": len(info.fallback),
    }


def _ranges_record(acc: AccessResults) -> dict[str, Any] | None:
    """Return what the access ranges vary (``None``: no ranges)."""
    draws = acc.draws
    if draws is None:
        return None
    spec = draws.spec
    return {
        "draws": spec.draws,
        "seed": spec.seed,
        "quantiles": [0.05, 0.95],
        "demand_models": sorted(set(draws.models)),
        "speeds_kmh": {g: list(v) for g, v in spec.speeds.items()},
        "detour": list(spec.detour) if spec.detour is not None else None,
        "positions": spec.positions,
    }
