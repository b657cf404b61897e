"""The shared pieces of one run's report: maps, rows of every table, the manifest."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import _i18n, charts, maps, outputs
from wijkanalyse._i18n import Language
from wijkanalyse._safe import mpl_text
from wijkanalyse.areas import wijk_polygon_dataset
from wijkanalyse.datasets import get_dataset
from wijkanalyse.report._format import _cell, _img
from wijkanalyse.report._read import RunOutput
from wijkanalyse.vocab import is_pseudo_wijk

#: Past this many wijken the overview map has no wijk labels (they would cover the map).
LABEL_MAX = 60
#: Past ``RANK_CHART_MAX`` ranked units the rank chart shows the ``RANK_CHART_TOP`` first.
RANK_CHART_MAX = 60
RANK_CHART_TOP = 40

#: The language indicator_definitions.csv writes its caveats in (shown only in that language).
_CAVEAT_LANGUAGE: Language = "en"

#: Indicators drawn in the profile chart (rates; counts differ in size between wijken).
_PROFILE_CHART = (
    "share_65plus",
    "income_median",
    "income_mean",
    "elek_per_connection",
    "gas_per_connection",
    "persons_per_connection",
    "open_space_per_inhabitant",
    "open_space_share",
    "forest_grassland_share",
    "density",
)


class _Builder:
    """Builds the template contexts of one run (shared maps and tables computed once)."""

    def __init__(self, run: RunOutput, lang: Language) -> None:
        self.run = run
        self.lang = lang
        prov = run.provenance
        self.municipality = prov.get("municipality", {})
        self.threshold = prov.get("suppression_threshold", 5)
        ind = run.table("indicators_wijken")
        self.ind = ind.set_index("wijk") if ind is not None else None
        areas = run.table("indicators_areas")
        self.ind_areas = areas.set_index("area") if areas is not None else None
        defs = run.table("indicator_definitions")
        self.defs = defs.set_index("id") if defs is not None else None
        idx = run.table("index_wijken")
        self.index = idx.set_index("wijk") if idx is not None else None
        self.refs: list[str] = []
        if self.ind is not None and "level" in self.ind:
            for level in ("gemeente", "arrondissement", "gewest"):
                self.refs += list(self.ind.index[self.ind["level"] == level])
        self.wijk_names = run.wijken["wijk_name"].astype(str).to_dict()
        self.groups = {
            str(k): (v.get(f"label_{lang}") or k)
            for k, v in prov.get("study", {}).get("target_groups", {}).items()
        }
        self.sites = self._sites()
        self.gaps_points = self._gap_points()
        self.attribution = self._attribution()

    # -- shared pieces
    def ind_row(self, code: str) -> Any:
        """Return the indicator row of a wijk or reference unit, or ``None``."""
        if self.ind is None or code not in self.ind.index:
            return None
        return self.ind.loc[code]

    def ref_rows(self) -> tuple[list[Any], list[str]]:
        """Return the reference rows (municipality, arrondissement, Flanders), names."""
        rows = [self.ind_row(r) for r in self.refs]
        return rows, [str(r["name"]) for r in rows]

    def group(self, g: Any) -> str:
        return self.groups.get(str(g), str(g))

    def _sites(self) -> gpd.GeoDataFrame | None:
        plans = self.run.table("plans")
        if plans is None or plans.empty:
            return None
        exact = plans[plans["method"] == "exact"]
        if exact.empty:
            return None
        top = exact.groupby("question")["p"].transform("max")
        rows = exact[exact["p"].fillna(-1) == top.fillna(-1)].drop_duplicates("site_id")
        rows = rows.assign(
            plan=[
                f"{_i18n.type_label(str(t), self.lang)}, {self.group(g)}"
                for t, g in zip(rows["facility_type"], rows["target_group"], strict=True)
            ]
        )
        return gpd.GeoDataFrame(
            rows[["site_id", "name", "rank", "plan", "wijk"]].set_index("site_id"),
            geometry=gpd.points_from_xy(rows["x"], rows["y"]),
            crs=self.run.wijken.crs,
        )

    def _gap_points(self) -> gpd.GeoDataFrame | None:
        gaps = self.run.table("gaps")
        if gaps is None or gaps.empty:
            return None
        first = gaps.iloc[0]
        sel = gaps[
            (gaps["level"] == "sector")
            & (gaps["facility_type"] == first["facility_type"])
            & (gaps["target_group"] == first["target_group"])
            & (gaps["threshold_minutes"] == first["threshold_minutes"])
        ].set_index("unit")
        pts = self.run.sectors.geometry.reindex(sel.index)
        frame = gpd.GeoDataFrame(sel, geometry=pts.to_numpy(), crs=self.run.sectors.crs)
        frame = frame[frame.geometry.notna()]
        frame.attrs["label"] = (
            f"{_i18n.type_label(str(first['facility_type']), self.lang)}, "
            f"{self.group(first['target_group'])}, "
            f"{_i18n.fmt_number(float(first['threshold_minutes']), 0, self.lang)} min"
        )
        return frame

    def _attribution(self) -> str:
        parts = []
        for ds in self.run.provenance.get("datasets", []):
            publisher = str(ds.get("publisher") or ds.get("attribution") or "")
            # the publisher's short name; the full attribution is in the provenance section
            short = re.split(r"[;(,]", publisher)[0].strip().rstrip(".")
            if short.startswith("OpenStreetMap"):
                short = _i18n.text("osm_attribution", self.lang)
            if short and short not in parts:
                parts.append(short)
        src = _i18n.text("report_sources", self.lang)
        full = _i18n.text("report_full_attribution", self.lang)
        version = self.run.provenance.get("version", "")
        return f"{src}: {'; '.join(parts)}; {full}. wijkanalyse {version}"

    def wijk_map_note(self) -> str:
        """Say why there is no wijk map, or why some wijken are not on it."""
        real = [c for c in self.run.wijken.index if not is_pseudo_wijk(c)]
        lacking = [c for c in real if self.run.wijken.geometry.get(c) is None]
        if not lacking:
            return ""
        vintage = int(self.municipality.get("vintage") or 2024)
        ds = get_dataset(wijk_polygon_dataset(vintage))
        return _i18n.text(
            "report_no_wijk_map" if len(lacking) == len(real) else "report_some_wijk_maps",
            self.lang,
            name=self.municipality.get("name", ""),
            vintage=vintage,
            coverage=ds.coverage,
            n=len(lacking),
            total=len(real),
        )

    def sector_title(self) -> str:
        if "pop_65plus" in self.run.sectors:
            return _i18n.text("report_sector_title_65plus", self.lang)
        return _i18n.text("report_sector_title_all", self.lang)

    def centres(self) -> gpd.GeoDataFrame:
        f = self.run.facilities
        keep = ("buurtcentrum", "lokaal_dienstencentrum")
        sel = f[f["type"].astype(str).isin(keep)]
        return sel if len(sel) else f

    def map_value(self) -> tuple[pd.Series, str, str]:
        """Return the wijk value of the overview maps: the index score, else the 65+ share."""
        if self.index is not None and "score" in self.index:
            # a study without [index] has "index": null in its provenance
            study = self.run.provenance.get("study") or {}
            name = (study.get("index") or {}).get("name", "index")
            return self.index["score"], str(name), _i18n.text("report_score_unit", self.lang)
        if self.ind is not None and "share_65plus" in self.ind:
            return self.ind["share_65plus"], _i18n.text("report_share_65plus", self.lang), "%"
        return pd.Series(np.nan, index=self.run.wijken.index), "", ""

    # -- maps
    def overview_maps(self, folder: Path, *, pdf: bool = True) -> list[Path]:
        value, title, unit = self.map_value()
        w = self.run.wijken.assign(_value=value.reindex(self.run.wijken.index).to_numpy())
        w = w[w.geometry.notna()]
        layers: dict[str, Any] = {
            "wijken": w,
            "value": "_value",
            # without wijk outlines the map shows the sectors: title it by them
            "title": title if len(w) else self.sector_title(),
            "unit": unit,
            "sectors": self.run.sectors,
            "sector_value": "pop_65plus" if "pop_65plus" in self.run.sectors else "pop_total",
            "sector_title": self.sector_title(),
            "facilities": self.run.facilities,
            "areas": self.run.areas,
            "sites": self.sites,
        }
        files = []
        folder.mkdir(parents=True, exist_ok=True)
        m = maps.interactive_map(
            **layers,
            service_areas=self.run.service_areas,
            gaps=self.gaps_points,
            shown_types=("buurtcentrum", "lokaal_dienstencentrum"),
            language=self.lang,
        )
        path = folder / "overzicht.html"
        with outputs.replacing(path) as part:
            m.save(str(part))
        files.append(path)
        outputs.check_interrupt()
        many = int(self.run.wijken.geometry.notna().sum()) > LABEL_MAX
        fig = maps.static_map(
            **{**layers, "facilities": self.centres()},
            gaps=self.gaps_points,
            attribution=self.attribution,
            labels=not many,
            legend="right" if many else "inside",
            language=self.lang,
        )
        for suffix in ("png", "pdf") if pdf else ("png",):
            with outputs.replacing(folder / f"overzicht.{suffix}") as part:
                maps.save_figure(fig, part, dpi=150)
            files.append(folder / f"overzicht.{suffix}")
            outputs.check_interrupt()
        self.overview_png = _img(fig, "png", dpi=110)
        return files

    def unit_map(self, geom: Any, title: str) -> str:
        value, vtitle, unit = self.map_value()
        w = self.run.wijken.assign(_value=value.reindex(self.run.wijken.index).to_numpy())
        w = w[w.geometry.notna()]
        fig = maps.static_map(
            wijken=w,
            value="_value",
            title=title,
            unit=unit,
            sectors=self.run.sectors,
            sector_value="pop_65plus" if "pop_65plus" in self.run.sectors else "pop_total",
            sector_title=self.sector_title(),
            facilities=self.centres(),
            service_areas=self.run.service_areas,
            gaps=self.gaps_points,
            sites=self.sites,
            focus=gpd.GeoSeries([geom]).buffer(400),
            highlight=geom,
            attribution=self.attribution,
            figsize=(9.0, 6.0),
            legend="right",
            language=self.lang,
        )
        fig.axes[0].get_legend().set_title(mpl_text(f"{vtitle} ({unit})" if unit else vtitle))
        return _img(fig, "png", dpi=110)

    # -- tables
    def indicator_rows(self, row: Any, refs: list[Any]) -> list[dict[str, Any]]:
        if self.defs is None:
            return []
        out = []
        for ind, d in self.defs.iterrows():
            unit = str(d.get("unit") if pd.notna(d.get("unit")) else "")
            label = str(d.get(f"label_{self.lang}") or ind)
            out.append(
                {
                    "id": ind,
                    "label": label,
                    "unit": unit,
                    "value": _cell(row, str(ind), unit, self.lang),
                    "refs": [_cell(r, str(ind), unit, self.lang) for r in refs],
                    # the caveats are written in English (indicator_definitions.csv)
                    "caveat": str(d["caveat"])
                    if pd.notna(d.get("caveat")) and self.lang == _CAVEAT_LANGUAGE
                    else "",
                }
            )
        return out

    def profile_img(self, code: str, table: pd.DataFrame) -> str | None:
        if self.defs is None or not self.refs:
            return None
        shown = [
            (i, str(self.defs.at[i, f"label_{self.lang}"]))
            for i in _PROFILE_CHART
            if i in self.defs.index and i in table
        ]
        if not shown:
            return None
        refs: Any = self.ind.loc[self.refs] if self.ind is not None else None
        frame = pd.concat([table.loc[[code]], refs])
        fig = charts.profile_chart(
            frame,
            unit=code,
            indicators=shown,
            references=self.refs,
            language=self.lang,
        )
        return _img(fig)

    def coverage_rows(self, unit: str) -> list[dict[str, Any]]:
        cov = self.run.table("coverage_wijken")
        if cov is None:
            return []
        sel = cov[cov["wijk"] == unit]
        return [self._coverage_row(r) for _, r in sel.iterrows()]

    def _coverage_row(self, r: pd.Series) -> dict[str, Any]:
        lang = self.lang
        share = r.get("share_covered")
        return {
            "type": _i18n.type_label(str(r["facility_type"]), lang),
            "group": self.group(r["target_group"]),
            "minutes": _i18n.fmt_number(float(r["threshold_minutes"]), 0, lang),
            "in_group": _i18n.fmt_int(r["pop_in_group"], lang)
            if pd.notna(r["pop_in_group"])
            else _i18n.text("insufficient_data", lang),
            "covered": _i18n.fmt_int(r["pop_covered"], lang)
            if pd.notna(r["pop_covered"])
            else _i18n.text("insufficient_data", lang),
            "share": _i18n.fmt_pct(share, 1, lang)
            if pd.notna(share)
            else _i18n.text("insufficient_data", lang),
            "share_value": float(share) if pd.notna(share) else None,
            "method": _i18n.method_label(str(r["method"]), lang),
        }

    def gap_rows(self, unit: str, level: str) -> list[dict[str, Any]]:
        gaps = self.run.table("gaps")
        if gaps is None:
            return []
        sel = gaps[(gaps["unit"] == unit) & (gaps["level"] == level)]
        n_units = (
            gaps[gaps["level"] == level]
            .groupby(["facility_type", "target_group", "threshold_minutes"])["unit"]
            .nunique()
        )
        rows = []
        for _, r in sel.iterrows():
            key = (r["facility_type"], r["target_group"], r["threshold_minutes"])
            rows.append(
                {
                    "type": _i18n.type_label(str(r["facility_type"]), self.lang),
                    "group": self.group(r["target_group"]),
                    "minutes": _i18n.fmt_number(float(r["threshold_minutes"]), 0, self.lang),
                    "not_covered": _i18n.fmt_pct(r["share_not_covered"], 0, self.lang)
                    if pd.notna(r["share_not_covered"])
                    else _i18n.text("insufficient_data", self.lang),
                    "mean": _i18n.fmt_number(r["mean_minutes"], 1, self.lang)
                    if pd.notna(r["mean_minutes"])
                    else "–",
                    "rank": f"{int(r['gap_rank'])}/{int(n_units.get(key, 0))}"
                    if pd.notna(r["gap_rank"])
                    else "–",
                    "method": _i18n.method_label(str(r["method"]), self.lang),
                }
            )
        return rows

    def scenario_rows(self, level: str, unit: str) -> pd.DataFrame:
        sc = self.run.table("scenarios")
        if sc is None:
            return pd.DataFrame()
        return sc[(sc["level"] == level) & (sc["unit"] == unit)]

    def scenario_table(self, sel: pd.DataFrame) -> list[dict[str, Any]]:
        lang = self.lang
        rows = []
        for _, r in sel.iterrows():

            def pct(v: Any) -> str:
                return (
                    _i18n.fmt_pct(v, 1, lang)
                    if pd.notna(v)
                    else _i18n.text("insufficient_data", lang)
                )

            def mins(v: Any) -> str:
                return _i18n.fmt_number(v, 1, lang) if pd.notna(v) else "–"

            rows.append(
                {
                    "scenario": r["scenario"],
                    "type": _i18n.type_label(str(r["facility_type"]), lang),
                    "group": self.group(r["target_group"]),
                    "minutes": _i18n.fmt_number(float(r["threshold_minutes"]), 0, lang),
                    "before": pct(r["share_covered_before"]),
                    "after": pct(r["share_covered_after"]),
                    "mean_before": mins(r["mean_minutes_before"]),
                    "mean_after": mins(r["mean_minutes_after"]),
                }
            )
        return rows

    def scenario_img(self, sel: pd.DataFrame) -> str | None:
        if sel.empty:
            return None
        shown = sel.assign(target_group=[self.group(g) for g in sel["target_group"]])
        return _img(charts.scenario_chart(shown, language=self.lang))

    def plan_rows(self, wijk: str | None = None) -> list[dict[str, Any]]:
        plans = self.run.table("plans")
        if plans is None or plans.empty:
            return []
        sel = plans[plans["method"] == "exact"]
        if wijk is not None:
            sel = sel[sel["wijk"] == wijk]
        lang = self.lang
        rows = []
        for _, r in sel.iterrows():
            rows.append(
                {
                    "question": r["question"],
                    "type": _i18n.type_label(str(r["facility_type"]), lang),
                    "group": self.group(r["target_group"]),
                    "model": _i18n.model_label(str(r["model"]), lang),
                    "p": "–" if pd.isna(r["p"]) else int(r["p"]),
                    "site": r["name"],
                    "wijk": self.wijk_names.get(str(r["wijk"]), r["wijk"])
                    if pd.notna(r["wijk"])
                    else "–",
                    "rank": "–" if pd.isna(r["rank"]) else int(r["rank"]),
                    "covered": _i18n.fmt_int(r["pop_covered"], lang)
                    if pd.notna(r["pop_covered"])
                    else _i18n.text("insufficient_data", lang),
                    "share": _i18n.fmt_pct(r["share_covered"], 1, lang)
                    if pd.notna(r["share_covered"])
                    else "–",
                    "status": _i18n.text("report_proven_optimal", lang)
                    if r["status"] == "optimal"
                    else _i18n.text(
                        "report_time_limit", lang, gap=_i18n.fmt_pct(r["gap"], 1, lang)
                    ),
                }
            )
        return rows

    def index_row(self, code: str) -> dict[str, Any] | None:
        if self.index is None or code not in self.index.index:
            return None
        r: Any = self.index.loc[code]
        n = int(self.index["rank"].notna().sum())
        domains = [
            {"name": c.removeprefix("domain_"), "score": _i18n.fmt_number(r[c], 1, self.lang)}
            for c in self.index.columns
            if c.startswith("domain_") and pd.notna(r[c])
        ]
        known = pd.notna(r["rank"])
        return {
            "score": _i18n.fmt_number(r["score"], 1, self.lang) if pd.notna(r["score"]) else "–",
            "rank": f"{int(r['rank'])}/{n}" if known else _i18n.text("report_no_rank", self.lang),
            "interval": f"{int(r['rank_p05'])}–{int(r['rank_p95'])}"
            if pd.notna(r.get("rank_p05")) and pd.notna(r.get("rank_p95"))
            else "–",
            "p_top": _i18n.fmt_pct(r["p_top_decile"], 0, self.lang)
            if pd.notna(r.get("p_top_decile"))
            else "–",
            "missing": str(r["missing"]) if pd.notna(r.get("missing")) else "",
            "domains": domains,
        }

    def rank_img(self, highlight: Sequence[str]) -> str | None:
        if self.index is None or "rank_p05" not in self.index:
            return None
        return _img(
            charts.rank_chart(
                self.index,
                highlight=highlight,
                top=RANK_CHART_TOP if len(self.index) > RANK_CHART_MAX else None,
                language=self.lang,
            )
        )

    def manifest(self) -> dict[str, Any]:
        prov = self.run.provenance
        study = prov.get("study", {})
        params: dict[str, str] = {}
        for key in ("study", "data", "indicators", "index", "access", "plan"):
            _flatten(study.get(key), key, params)
        return {
            "version": prov.get("version", ""),
            "created": prov.get("created", ""),
            "study_file": prov.get("study_file") or "",
            "vintage": prov.get("sector_vintage", ""),
            "threshold": self.threshold,
            "datasets": prov.get("datasets", []),
            "input_files": prov.get("input_files", []),
            "params": params,
            "solver": prov.get("planning", {}).get("solver", ""),
            "network": (prov.get("access") or {}).get("network") or "",
            "notes": prov.get("notes", []),
        }


def _flatten(value: Any, key: str, out: dict[str, str]) -> None:
    """Flatten study parameters to ``section.key = value`` lines (short values wrap well)."""
    if value is None:
        return
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(v, f"{key}.{k}", out)
    elif isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        out[key] = ", ".join(str(v) for v in value)
    elif isinstance(value, list):
        for n, v in enumerate(value, start=1):
            _flatten(v, f"{key}[{n}]", out)
    else:
        out[key] = str(value)
