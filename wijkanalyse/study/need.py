"""The need index of a study: flags, shrinkage, both kinds of uncertainty, reference, checks.

Called by :func:`~wijkanalyse.study.analyse.analyse` with the indicator tables; returns the
index tables per level and the validation table (:mod:`wijkanalyse.validation`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from wijkanalyse import _i18n, index, validation, vocab
from wijkanalyse._errors import SchemaError
from wijkanalyse._i18n import Items, Note
from wijkanalyse._validate import listing
from wijkanalyse.index import IndexSpec
from wijkanalyse.indicators import Indicator
from wijkanalyse.parallel import Scheduler
from wijkanalyse.study.config import IndexSection, index_spec
from wijkanalyse.study.results import StudyData
from wijkanalyse.study.slices import AnalyseSlice

#: The reference values the flags compare with (the Flemish row of the reference table).
_FLAG_REFERENCE = ("share_65plus", "income_median", "persons_per_connection")

#: The BIMD columns an index is checked against: the overall score and its domains.
BIMD_REFERENCES = (
    "bimd",
    "bimd_income",
    "bimd_employment",
    "bimd_education",
    "bimd_housing",
    "bimd_health",
    "bimd_crime",
)

_CHOICE_COLUMNS = {
    "rank_p05": "choice_rank_p05",
    "rank_median": "choice_rank_median",
    "rank_p95": "choice_rank_p95",
    "p_top_decile": "choice_p_top_decile",
    "p_top_k": "choice_p_top_k",
}


@dataclass(frozen=True)
class NeedResult:
    """The index tables per level, the validation table and the notes."""

    tables: dict[str, pd.DataFrame]
    validation: pd.DataFrame | None
    notes: tuple[Note, ...]
    #: what the report and the provenance say about the index (JSON-able)
    meta: dict[str, Any] = field(default_factory=dict)


def _reference_values(tables: Mapping[str, pd.DataFrame]) -> dict[str, float]:
    """Return the Flemish (else the municipal) values the flags compare with."""
    wk = tables["wijken"]
    for level in ("gewest", "gemeente", "gemeenten"):
        rows = wk[wk["level"] == level]
        if len(rows):
            row = rows.iloc[-1]
            return {k: float(row[k]) for k in _FLAG_REFERENCE if k in row and pd.notna(row[k])}
    return {}


def _flag_values(table: pd.DataFrame, inputs: pd.DataFrame) -> pd.DataFrame:
    values = table.drop(columns=["name"], errors="ignore").copy()
    for col in ("bimd_income_decile", "bimd_employment_decile"):
        if col in inputs:
            values[col] = inputs[col].reindex(values.index)
    return values


def _rules(section: IndexSection) -> index.FlagRules:
    return index.FlagRules(**section.flags.model_dump())


def _quartiles(group: pd.DataFrame) -> pd.Series:
    """Return the weighted first and third quartile of the sector values of one unit."""
    g = group.sort_values("v")
    cum = g["w"].cumsum() / g["w"].sum()
    v = g["v"].to_numpy()
    low = v[int((cum >= 0.25).to_numpy().argmax())]
    high = v[int((cum >= 0.75).to_numpy().argmax())]
    return pd.Series({"low": low, "high": high})


def _bounds(spec: IndexSpec, meta: Mapping[str, Indicator], data: StudyData, key: str) -> dict:
    """Return, per approximated median of the index, the range its true value may take.

    Above the sector level a median is the population-weighted median of its sectors'
    medians. Its true value lies between their smallest and largest median, a bound that
    one tiny sector can stretch; the range used is the population-weighted first to third
    quartile of the sectors' medians, a plausible range rather than a bound.
    """
    if key != "wijken" or data.inputs is None:
        return {}
    sectors = data.inputs.sectors
    out = {}
    for ind_id in spec.indicator_ids:
        ind = meta.get(ind_id)
        if ind is None or ind.kind != "weighted_median" or str(ind.numerator) not in sectors:
            continue
        v = pd.to_numeric(sectors[str(ind.numerator)], errors="coerce").astype("float64")
        w = pd.to_numeric(sectors[ind.weight], errors="coerce").astype("float64")
        frame = pd.DataFrame({"v": v, "w": w, "wijk": sectors["wijk"]}).dropna()
        out[ind_id] = frame.groupby("wijk")[["v", "w"]].apply(_quartiles)
    return out


def need_tables(
    config: AnalyseSlice,
    data: StudyData,
    tables: Mapping[str, pd.DataFrame],
    meta: Mapping[str, Indicator],
    *,
    progress: bool = False,
    scheduler: Scheduler = None,
) -> NeedResult:
    """Compute the index per level of ``[index] levels`` and check it."""
    section = config.index
    spec = index_spec(section)
    if section is None or spec is None:
        return NeedResult({}, None, ())
    notes: list[Note] = []
    not_need = index.non_need(spec, meta)
    for ind_id, concept in not_need.items():
        notes.append(_i18n.note(f"index_not_need_{concept}", indicator=ind_id))
    rules = _rules(section)
    ref_values = _reference_values(tables)
    inputs = data.inputs.sectors if data.inputs is not None else pd.DataFrame()
    sec_table = tables["sectors"]
    sector_flags = index.flag_sectors(
        _flag_values(sec_table, inputs), reference=ref_values, rules=rules
    )
    out: dict[str, pd.DataFrame] = {}
    checks: list[pd.DataFrame] = []
    info: dict[str, Any] = {
        "preset": section.preset,
        "indicators": spec.indicator_ids,
        "domains": {d.name: dict(d.indicators) for d in spec.domains},
        "domain_weights": {d.name: d.weight for d in spec.domains},
        "not_need": not_need,
        "exclude": list(section.exclude),
        "flag_thresholds": {k: round(v, 4) for k, v in sector_flags.attrs["thresholds"].items()},
        "bimd_deciles": "bimd_income_decile" in inputs and "bimd_employment_decile" in inputs,
        "choice_draws": section.sensitivity.draws,
        "data_draws": section.data_uncertainty.draws,
        "returns_per_resident": section.data_uncertainty.returns_per_resident,
    }
    flemish = _flemish(section, spec, data, ref_values, rules)
    for level in section.levels:
        key = "wijken" if level == "wijk" else "sectors"
        table = tables[key]
        if key == "wijken":
            table = table[table["level"] == "wijk"]
        # residents without a known sector or wijk are not a place to rank
        pseudo = table.index.str.upper().str.endswith(vocab.PSEUDO_WIJK_SUFFIXES)
        table = table[~pseudo]
        values = table.copy()
        values.attrs = {"indicators": meta}
        constant = index.constant_indicators(values, spec)
        if constant:
            notes.append(
                _i18n.note("index_constant", level=level, indicators=Items(tuple(constant)))
            )
        if key == "sectors":
            flags = sector_flags.reindex(values.index)
        else:
            flags = index.aggregate_flags(
                sector_flags, inputs["wijk"], inputs["pop_total"]
            ).reindex(values.index)
        result = index.need_index(
            values, spec, flags=flags, exclude=section.exclude, shrink=section.shrinkage
        )
        table_out = result.table
        ranked = table_out["rank"].notna().to_numpy()
        ranked_values = values[ranked]
        ranked_values.attrs = values.attrs
        # the choices are varied around the values the index was computed from (shrunk)
        shrunk_values = (result.values if result.values is not None else values)[ranked]
        shrunk_values.attrs = values.attrs
        sens = section.sensitivity
        if sens.draws and ranked.sum() >= 2:
            mc = index.sensitivity(
                shrunk_values,
                spec,
                draws=sens.draws,
                seed=sens.seed,
                concentration=sens.concentration,
                normalisations=sens.normalisations,
                transforms=sens.transforms,
                leave_one_out=sens.leave_one_out,
                top_k=sens.top_k,
                progress=progress,
                scheduler=scheduler if scheduler is not None else config.scheduler,
            )
            table_out = table_out.join(mc.rename(columns=_CHOICE_COLUMNS))
        du = section.data_uncertainty
        if du.draws and ranked.sum() >= 2:
            noise = index.DataNoise(
                returns_per_resident=du.returns_per_resident,
                bounds=_bounds(spec, meta, data, key),
                shrink_weights=result.table.attrs.get("shrink_weights", {}),
            )
            data_mc = index.data_uncertainty(
                ranked_values, spec, draws=du.draws, seed=du.seed, noise=noise
            )
            table_out = table_out.join(data_mc)
            info["redrawn"] = data_mc.attrs["redrawn"]
            info["fixed"] = data_mc.attrs["fixed"]
        info["shrunk"] = list(result.table.attrs.get("shrunk", []))
        if key == "sectors":
            table_out = table_out.join(_published_deciles(spec, inputs, values.index))
        if key == "sectors" and flemish is not None:
            table_out = table_out.join(flemish.reindex(values.index))
            info["n_flanders"] = flemish.attrs.get("n_flanders")
        table_out.insert(0, "name", table["name"])
        out[key] = table_out
        checks.append(_checks(config, spec, level, table_out, values, meta))
    if flemish is not None and data.reference_sectors is not None:
        checks.append(_flanders_check(spec, flemish, data.reference_sectors))
    _check_known(config, out)
    validation_table = (
        pd.concat([c for c in checks if len(c)], ignore_index=True) if checks else None
    )
    if section.exclude:
        kinds = Items(tuple(_i18n.note(f"index_flag_{k}") for k in section.exclude))
        notes.append(_i18n.note("index_excluded", kinds=kinds))
    return NeedResult(out, validation_table, tuple(notes), info)


def _published_deciles(spec: IndexSpec, inputs: pd.DataFrame, units: pd.Index) -> pd.DataFrame:
    """Return the BIMD's own national deciles of the index's BIMD domains and overall score."""
    out = pd.DataFrame(index=units)
    ids = [i for i in spec.indicator_ids if i.startswith("bimd")]
    for ind_id in [*ids, "bimd"]:
        col = f"{ind_id}_decile"
        if col in inputs and f"{ind_id}_decile_national" not in out:
            out[f"{ind_id}_decile_national"] = inputs[col].reindex(units).astype("Int64")
    return out


def _check_known(config: AnalyseSlice, tables: Mapping[str, pd.DataFrame]) -> None:
    vcfg = config.validation
    units = {u for t in tables.values() for u in t.index}
    unknown = [u for u in (*vcfg.known_high, *vcfg.known_low) if u not in units]
    if unknown:
        levels = " or ".join(
            {"sectors": "sector", "wijken": "wijk"}[k] for k in tables if k in ("sectors", "wijken")
        )
        raise SchemaError(
            f"validation.known_high / known_low: {listing(unknown)} is not a {levels} code of "
            "the study's index (see OUT/index_sectors.csv and index_wijken.csv); write the "
            "codes of [index] levels."
        )


def _flemish(
    section: IndexSection,
    spec: IndexSpec,
    data: StudyData,
    ref_values: Mapping[str, float],
    rules: index.FlagRules,
) -> pd.DataFrame | None:
    """Return the index over every Flemish sector: score, rank and decile per sector."""
    if section.reference != "flanders" or data.reference_sectors is None:
        return None
    values = data.reference_sectors
    flags = index.flag_sectors(values, reference=ref_values, rules=rules)
    pseudo = values.index.map(vocab.is_pseudo_sector).to_numpy(bool)
    values = values[~pseudo]
    return index.reference_ranks(
        values, spec, flags=flags[~pseudo], exclude=section.exclude, shrink=section.shrinkage
    )


def _from_counts(ind: Indicator | None) -> bool:
    """Say whether an indicator's value is derived from counts of persons."""
    if ind is None:
        return True
    cols = (ind.numerator, ind.denominator, *ind.inputs)
    return ind.persons or any(str(c).startswith("pop_") for c in cols if c)


def _not_independent(refs: list[str], spec: IndexSpec) -> list[str]:
    """Return the references that share an input with the index.

    A BIMD domain that is an indicator of the index, and the overall BIMD score when any of
    its domains is.
    """
    used = [c for c in refs if c in spec.indicator_ids]
    if used and "bimd" in refs:
        used.append("bimd")
    return used


def _checks(
    config: AnalyseSlice,
    spec: IndexSpec,
    level: str,
    table: pd.DataFrame,
    values: pd.DataFrame,
    meta: Mapping[str, Indicator],
) -> pd.DataFrame:
    refs = [c for c in BIMD_REFERENCES if c in values]
    names = table["name"]
    if refs:
        # values derived from counts of persons are not repeated here: the indicator tables
        # publish them where they may be shown, withheld where they may not
        explain_cols = [
            c
            for c in dict.fromkeys([*spec.indicator_ids, "bimd"])
            if c in values and not _from_counts(meta.get(c))
        ]
        agreement = validation.rank_agreement(
            table["score"],
            values[refs],
            level=level,
            inputs=_not_independent(refs, spec),
            names=names,
            explain=values[explain_cols],
        )
    else:
        agreement = validation.no_reference(level, "bimd")
    vcfg = config.validation
    high = [u for u in vcfg.known_high if u in table.index]
    low = [u for u in vcfg.known_low if u in table.index]
    known = validation.known_groups(
        table,
        level=level,
        known_high=high,
        known_low=low,
        expected_share=vcfg.expected_share,
        names=names,
    )
    return pd.concat([t for t in (agreement, known) if len(t)], ignore_index=True)


def _flanders_check(spec: IndexSpec, flemish: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    refs = [c for c in BIMD_REFERENCES if c in values]
    if not refs:
        return pd.DataFrame(columns=list(validation.COLUMNS))
    return validation.rank_agreement(
        flemish["score_flanders"],
        values[refs].reindex(flemish.index),
        level="sector_flanders",
        inputs=_not_independent(refs, spec),
        overall=None,
    )
