"""Cross-field checks of a study file, done before any data is read."""

from __future__ import annotations

from pathlib import Path

from wijkanalyse import (
    areas,
    indicators,
    vocab,
)
from wijkanalyse._errors import (
    SchemaError,
    WijkanalyseError,
)
from wijkanalyse._validate import NIS5_RE, Problems, close_matches, listing
from wijkanalyse.datasets import CATALOGUE
from wijkanalyse.study._sources import Sources
from wijkanalyse.study.config import StudyConfig, index_spec


def _brussels_problem(where: str, codes: list[str], vintage: int) -> str:
    """Say why a study refuses Brussels codes, what the data do hold and what to do instead."""
    muni = next((c for c in codes if NIS5_RE.fullmatch(c) and c != "21000"), "21004")
    named, example = list(codes), ""
    try:
        h = areas.hierarchy(vintage)
        names = dict(zip(h["gemeente"], h["gemeente_name"], strict=True))
        names["21000"] = "arrondissement Brussel"
        named = [f"{c} ({names[c]})" if c in names else c for c in codes]
        rows = h[(h["gemeente"] == muni) & h["wijk"].notna()]
        rows = rows[~rows["wijk"].map(vocab.is_pseudo_wijk)]
        if len(rows):
            example = f" (e.g. {rows['wijk'].iloc[0]} {rows['wijk_name'].iloc[0]!r})"
    except WijkanalyseError:  # the names only decorate the message
        pass
    return (
        f"{where}: {listing(named)} {'lies' if len(codes) == 1 else 'lie'} in the "
        "Brussels-Capital Region, outside Flanders. "
        "A study covers Flemish municipalities: its energy (Fluvius) and open-space inputs and "
        "its reference rows (arrondissement, Flanders) exist only there. The sector tables do "
        f"place Brussels' sectors in wijken{example}: in Python, "
        f"wijkanalyse.areas.load_sectors('{muni}') and wijkanalyse.indicators.compute(sectors, "
        "by='wijk') give population and income per wijk. For a study, give a Flemish "
        "municipality, arrondissement or province, or region = 'flanders'."
    )


def _check_area(config: StudyConfig, sources: Sources, problems: Problems) -> None:
    """Refuse Brussels codes before any work: a study covers Flemish municipalities."""
    st = config.study
    key = "municipality" if st.municipality is not None else "region"
    codes = [st.area] if isinstance(st.area, str) else list(st.area)
    brussels = [c for c in codes if areas.in_brussels(c)]
    if brussels:
        problems.add(_brussels_problem(f"study.{key}", brussels, st.vintage))


def _check_sources(config: StudyConfig, sources: Sources, label: str) -> None:
    problems = Problems(label)
    _check_area(config, sources, problems)
    d = config.data
    for key in (
        "sectors",
        "population",
        "income",
        "energy",
        "open_space",
        "bimd",
        "road_graph",
    ):
        src = d.source(key)
        if src is not None:
            _source_problem(config, sources, src, f"data.{key}", problems)
    for i, fac in enumerate(config.facilities):
        _source_problem(config, sources, fac.source, f"facilities[{i}].source", problems)
    area_names = [a.name for a in config.areas]
    repeated = sorted({n for n in area_names if area_names.count(n) > 1})
    if repeated:
        problems.add(
            "areas: more than one [[areas]] entry is named "
            f"{listing(repr(n) for n in repeated)}; an area's name is its key in every "
            "output: give each [[areas]] entry its own name."
        )
    for group in config.target_groups:
        if not group.startswith("pop_"):
            problems.add(
                f"target_groups.{group}: a target group is a population column "
                "such as 'pop_total' or 'pop_65plus'."
            )
    if config.access is not None:
        _check_access(config, sources, problems)
    if config.plan is not None or config.scenarios:
        _check_plan(config, sources, problems)
    if config.index is not None:
        types = {t for f in config.facilities for t in (f.types or [])}
        known = set(indicators.REGISTRY) | {
            i.id for i in indicators.facility_indicators(sorted(types))
        }
        for dname, dom in (config.index.domains or {}).items():
            for ind_id in dom.indicators:
                if ind_id not in known:
                    hits = close_matches(ind_id, known)
                    hint = f"; did you mean {', '.join(map(repr, hits))}?" if hits else "."
                    problems.add(
                        f"index.domains.{dname}: unknown indicator {ind_id!r}{hint} "
                        "`wijkanalyse indicators list` shows them."
                    )
        try:
            spec = index_spec(config.index)
        except SchemaError as exc:
            problems.add(str(exc))
        else:
            bimd = [
                i
                for i in (spec.indicator_ids if spec is not None else [])
                if i in indicators.REGISTRY and "bimd2011_sectors" in indicators.REGISTRY[i].source
            ]
            if bimd and config.data.bimd is None:
                problems.add(
                    f"index: {listing(bimd)} come(s) from the BIMD, but [data] bimd is left "
                    'out; write bimd = "bimd2011_sectors" in [data] or choose other indicators.'
                )
            elif bimd and config.study.vintage != 2024:
                problems.add(
                    f"index: {listing(bimd)} come(s) from the BIMD 2011, which the package "
                    f"moves to the 2024 sectors only; this study is on the "
                    f"{config.study.vintage} sectors. Use vintage = 2024 in [study] or an "
                    "index without BIMD indicators."
                )
    problems.raise_if_any(SchemaError)


def _check_access(config: StudyConfig, sources: Sources, problems: Problems) -> None:
    acc = config.access
    assert acc is not None
    if acc.osm is not None:
        _source_problem(config, sources, acc.osm, "access.osm", problems)
    known_types = None
    if all(f.types is not None for f in config.facilities):
        known_types = {t for f in config.facilities for t in (f.types or [])}
    for i, q in enumerate(acc.questions):
        if known_types is not None and q.facility_type not in known_types:
            hits = close_matches(q.facility_type, known_types)
            hint = f"; did you mean {', '.join(map(repr, hits))}?" if hits else "."
            problems.add(
                f"access.questions[{i}].facility_type {q.facility_type!r} is not a type of "
                f"the [[facilities]] ({listing(sorted(known_types))}){hint}"
            )
        if q.target_group not in config.target_groups:
            problems.add(
                f"access.questions[{i}].target_group {q.target_group!r} is not one of "
                f"[target_groups] ({listing(config.target_groups)})."
            )
    if acc.need != "index" and acc.need not in indicators.REGISTRY:
        hits = close_matches(acc.need, indicators.REGISTRY)
        hint = f"; did you mean {', '.join(map(repr, hits))}?" if hits else "."
        problems.add(f"access.need must be 'index' or an indicator id, got {acc.need!r}{hint}")


def _check_plan(config: StudyConfig, sources: Sources, problems: Problems) -> None:
    cfg = config
    plan = cfg.plan
    if cfg.access is None:
        problems.add(
            "[plan] and [[scenarios]] need an [access] section: it says how travel times "
            "are measured (profile, speed, network)."
        )
    known_types = None
    if all(f.types is not None for f in cfg.facilities):
        known_types = {t for f in cfg.facilities for t in (f.types or [])}
    area_names = [a.name for a in cfg.areas]
    questions = plan.questions if plan is not None else []
    joint = plan.joint if plan is not None else []
    names = [q.name for q in questions] + [q.name for j in joint for q in j.questions()]
    if len(set(names)) != len(names):
        problems.add(
            f"plan.questions and plan.joint: names repeat ({listing(names)}); name each once "
            "(a joint question's types are named <name>.<facility_type>)."
        )
    if plan is not None:
        for i, src in enumerate(plan.sites):
            _source_problem(config, sources, src.source, f"plan.sites[{i}].source", problems)
    checked = [(f"plan.questions[{i}] ({q.name})", q) for i, q in enumerate(questions)]
    checked += [
        (f"plan.joint[{i}].types[{k}] ({j.name})", q)
        for i, j in enumerate(joint)
        for k, q in enumerate(j.questions())
    ]
    for where, q in checked:
        if known_types is not None and q.facility_type not in known_types:
            hits = close_matches(q.facility_type, known_types)
            hint = f"; did you mean {', '.join(map(repr, hits))}?" if hits else "."
            problems.add(
                f"{where}.facility_type {q.facility_type!r} is not a type of the "
                f"[[facilities]] ({listing(sorted(known_types))}){hint}"
            )
        if q.target_group not in cfg.target_groups:
            problems.add(
                f"{where}.target_group {q.target_group!r} is not one of [target_groups] "
                f"({listing(cfg.target_groups)})."
            )
        for a in q.demand_areas or []:
            if a not in area_names:
                hits = close_matches(a, area_names)
                hint = f"; did you mean {', '.join(map(repr, hits))}?" if hits else "."
                problems.add(
                    f"{where}.demand_areas: {a!r} is not one of the [[areas]] "
                    f"({listing(area_names) or 'none defined'}){hint}"
                )
        if q.model == "p_center" and q.capacity_col is not None:
            problems.add(f"{where}: p_center does not take capacities; use p_median.")
    scen_names = [sc.name for sc in cfg.scenarios]
    if len(set(scen_names)) != len(scen_names):
        problems.add(f"scenarios: names repeat ({listing(scen_names)}); name each once.")
    by_name = plan.by_name() if plan is not None else {}
    for i, sc in enumerate(cfg.scenarios):
        where = f"scenarios[{i}] ({sc.name})"
        if sc.plan is not None:
            asked = by_name.get(sc.plan)
            if asked is None:
                hits = close_matches(sc.plan, by_name)
                hint = f"; did you mean {', '.join(map(repr, hits))}?" if hits else "."
                problems.add(
                    f"{where}.plan {sc.plan!r} is not a plan question "
                    f"({listing(by_name) or 'there are none'}){hint}"
                )
            elif asked.model != "lscp" and (sc.p is None or sc.p not in asked.p):
                problems.add(
                    f"{where}.p must be one of the p the question {asked.name!r} solves "
                    f"({listing(map(str, asked.p))})."
                )
        elif known_types is not None and sc.facility_type not in known_types:
            problems.add(
                f"{where}.facility_type {sc.facility_type!r} is not a type of the "
                f"[[facilities]] ({listing(sorted(known_types))})."
            )


def _source_problem(
    config: StudyConfig, sources: Sources, source: str, where: str, problems: Problems
) -> None:
    if source in CATALOGUE:
        return
    looks_like_path = "/" in source or "\\" in source or Path(source).suffix
    if looks_like_path:
        if not (sources.base_dir / source).exists():
            problems.add(
                f"{where}: file {source!r} does not exist (relative to {sources.base_dir})."
            )
        return
    hits = close_matches(source, CATALOGUE)
    hint = f" Did you mean {', '.join(map(repr, hits))}?" if hits else ""
    problems.add(f"{where}: {source!r} is neither a dataset id nor a file path.{hint}")
