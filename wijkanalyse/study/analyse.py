"""The indicators and the need index of a loaded study."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from wijkanalyse import _i18n, indicators, io
from wijkanalyse._errors import (
    DataError,
)
from wijkanalyse._i18n import Note
from wijkanalyse.parallel import Scheduler
from wijkanalyse.study.need import need_tables
from wijkanalyse.study.results import (
    Analysis,
    StudyData,
)
from wijkanalyse.study.slices import AnalyseSlice, NeedSlice


def analyse(
    config: AnalyseSlice,
    data: StudyData,
    *,
    progress: bool = False,
    scheduler: Scheduler = None,
) -> Analysis:
    """Compute the indicators (every level, with references) and the index of ``data``.

    ``scheduler`` (default: the study's ``[compute]``) says where the Monte Carlo draws
    are ranked; see :mod:`wijkanalyse.parallel`.
    """
    cfg = config
    icfg = cfg.indicators
    thr = icfg.suppression_threshold
    notes: list[Note] = list(data.input_notes)
    inputs = data.inputs
    if inputs is None:  # a StudyData made without the load step: population and income only
        inputs = indicators.sector_inputs(data.sectors, energy=None, open_space=None)
    boundary = data.boundary
    extent = boundary.buffer(cfg.facility_buffer_m)
    common = {
        # facilities open today: a planned or closed centre is not counted in its wijk
        "facilities": open_ if len(open_ := io.open_facilities(data.facilities)) else None,
        "facility_extent": extent,
        "threshold": thr,
        "min_coverage": icfg.min_coverage,
    }
    sec = indicators.compute(inputs, **common)
    wijk_polys = data.wijken.geometry
    wk = indicators.compute(inputs, by="wijk", polygons=wijk_polys, **common)
    wk = wk.reindex(data.wijken.index)
    wk["name"] = data.wijken["wijk_name"].reindex(wk.index)
    tables = {"sectors": sec}
    if data.deelgemeenten is not None:
        tables["deelgemeenten"] = indicators.compute(
            inputs, by="deelgemeente", level="deelgemeente", polygons=data.deelgemeenten, **common
        )
    if data.custom_areas:
        polys = {}
        for area_cfg in cfg.areas:
            if area_cfg.wijken is not None:
                geoms = data.wijken.geometry.reindex(area_cfg.wijken).dropna()
                if len(geoms) == len(area_cfg.wijken):
                    polys[area_cfg.name] = geoms.union_all()
        area_polys = gpd.GeoSeries(polys, crs=data.wijken.crs) if polys else None
        tables["areas"] = indicators.compute(
            inputs, by=list(data.custom_areas), polygons=area_polys, **common
        )
    if data.references is not None:
        # the reference rows hold every indicator their inputs allow; show the wijken's
        ref = data.references
        extra = set(ref.attrs.get("indicators", {})) - set(wk.attrs.get("indicators", {}))
        if extra:
            ref = ref.drop(
                columns=[c for c in ref.columns if c in extra or c.rsplit("_", 1)[0] in extra]
            )
            ref.attrs = {
                **data.references.attrs,
                "indicators": {
                    k: v for k, v in data.references.attrs["indicators"].items() if k not in extra
                },
            }
        wk = indicators.concat([wk, ref])
        wk.index.name = "wijk"
    tables["wijken"] = wk
    meta = {**sec.attrs.get("indicators", {}), **wk.attrs.get("indicators", {})}
    definitions = indicators.list_indicators(list(meta.values()), threshold=thr)
    need = need_tables(config, data, tables, meta, progress=progress, scheduler=scheduler)
    notes += need.notes
    return Analysis(
        inputs=inputs,
        indicators=tables,
        definitions=definitions,
        index=need.tables,
        notes=tuple(notes),
        validation=need.validation,
        index_meta=need.meta,
    )


def _need(
    config: NeedSlice, analysis: Analysis | None, notes: list[Note]
) -> tuple[pd.Series, pd.Series, str, str]:
    """Need per sector and per wijk, its label and whether higher means more need."""
    acc = config
    if acc.need == "index" and analysis is not None and analysis.index:
        name = config.index_name or "index"
        sec = analysis.index.get("sectors", pd.DataFrame(columns=["score"]))["score"]
        wk = analysis.index.get("wijken", pd.DataFrame(columns=["score"]))["score"]
        return sec, wk, f"index:{name}", "higher"
    ind_id = acc.need if acc.need != "index" else "share_65plus"
    if acc.need == "index":
        notes.append(_i18n.note("access_need_fallback", indicator=ind_id))
    ind = indicators.get_indicator(ind_id)
    if analysis is None or ind_id not in analysis.indicators["sectors"]:
        raise DataError(
            f"access.need {ind_id!r} was not computed for this study; it needs "
            f"{ind.source or 'its inputs'}."
        )
    sec = analysis.indicators["sectors"][ind_id]
    wk_table = analysis.indicators["wijken"]
    wk = wk_table.loc[wk_table["level"] == "wijk", ind_id]
    return sec, wk, ind_id, "lower" if ind.direction == "less_need" else "higher"
