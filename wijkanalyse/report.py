"""The wijkrapport: a Dutch (or English) report per wijk, per custom area and for the city.

:func:`render` reads a finished output folder (what ``wijkanalyse run`` wrote: the
GeoPackage, the CSV tables and ``provenance.json``) and writes

* ``OUT/maps/overzicht.html``: the interactive map (index choropleth, 65-plussers per
  sector, facilities by type, the reach of today's centres, coverage gaps, the policy areas
  and the proposed sites); ``OUT/maps/overzicht.png`` for print (and ``overzicht.pdf``
  when ``pdf=True``);
* ``OUT/report/index.html``: the city overview, with a link to every wijk and area;
* ``OUT/report/wijk-<code>.html`` and ``OUT/report/gebied-<name>.html``: the profile
  against the municipality, arrondissement and Flanders, the indicators (withheld values
  read "onvoldoende gegevens", never 0), the need index with its rank interval,
  accessibility and gaps, the planning options and scenarios, a map and charts;
* the same reports as PDF (WeasyPrint) when ``pdf=True``.

Every report is one standalone HTML file (maps and charts inline) and ends with the
provenance manifest: datasets with licence, attribution and checksum, sector vintage, study
parameters, package version and date. All text from data is escaped by Jinja2's autoescape.
Each section appears only when its table exists, so a study without ``[access]`` or
``[plan]`` still gets a report.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import logging
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import _i18n, charts, maps, outputs, vocab
from wijkanalyse._errors import DataError, DataWarning
from wijkanalyse._safe import mpl_text
from wijkanalyse.areas import wijk_polygon_dataset
from wijkanalyse.datasets import get_dataset
from wijkanalyse.vocab import is_pseudo_wijk

__all__ = ["RunOutput", "render"]

log = logging.getLogger(__name__)

#: Past this many wijken the overview map has no wijk labels (they would cover the map).
LABEL_MAX = 60
#: Past ``RANK_CHART_MAX`` ranked units the rank chart shows the ``RANK_CHART_TOP`` first.
RANK_CHART_MAX = 60
RANK_CHART_TOP = 40

_CODE_COLUMNS = {c: str for c in ("wijk", "sector", "unit", "area", "site_id", "gemeente")}
_TABLES = (
    "areas",
    "indicators_wijken",
    "indicators_areas",
    "indicator_definitions",
    "index_wijken",
    "coverage_wijken",
    "gaps",
    "access_equity",
    "plans",
    "plan_curves",
    "scenarios",
)

#: Why a value is missing, for the reader (see :mod:`wijkanalyse.indicators`).
_REASONS = vocab.REASON_LABELS
_WITHHELD = vocab.WITHHELD

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


def _t(nl: str, en: str, lang: str) -> str:
    return nl if lang == "nl" else en


# --------------------------------------------------------------------------- reading OUT


@dataclass(frozen=True)
class RunOutput:
    """The files of a finished run, read back (see :meth:`read`)."""

    out: Path
    provenance: dict[str, Any]
    wijken: gpd.GeoDataFrame = field(repr=False)
    sectors: gpd.GeoDataFrame = field(repr=False)
    facilities: gpd.GeoDataFrame = field(repr=False)
    areas: gpd.GeoDataFrame | None = field(repr=False)
    service_areas: gpd.GeoDataFrame | None = field(repr=False)
    tables: dict[str, pd.DataFrame] = field(repr=False)

    @classmethod
    def read(cls, out: str | Path) -> RunOutput:
        """Read an output folder written by ``wijkanalyse run``."""
        folder = Path(out)
        gpkg, prov = folder / "wijkanalyse.gpkg", folder / "provenance.json"
        missing = [p.name for p in (gpkg, prov) if not p.is_file()]
        if missing:
            raise DataError(
                f"{folder} is not a wijkanalyse output folder: {', '.join(missing)} missing. "
                "Run `wijkanalyse run STUDY.toml --out OUT` first, then `wijkanalyse report OUT`."
            )
        import pyogrio

        layers = {name for name, _ in pyogrio.list_layers(gpkg)}

        def layer(name: str, index: str | None) -> gpd.GeoDataFrame | None:
            if name not in layers:
                return None
            frame = gpd.read_file(gpkg, layer=name, engine="pyogrio")
            for col in _CODE_COLUMNS:
                if col in frame:
                    frame[col] = frame[col].astype("string")
            return frame.set_index(index) if index else frame

        tables = {}
        for name in _TABLES:
            path = folder / f"{name}.csv"
            if path.is_file():
                tables[name] = pd.read_csv(path, dtype=_CODE_COLUMNS, encoding="utf-8")
        wijken, sectors, facilities = (
            layer("wijken", "wijk"),
            layer("sectors", "sector"),
            layer("facilities", "facility_id"),
        )
        if wijken is None or sectors is None or facilities is None:
            raise DataError(f"{gpkg} lacks the wijken, sectors or facilities layer; run again.")
        return cls(
            out=folder,
            provenance=json.loads(prov.read_text(encoding="utf-8")),
            wijken=wijken,
            sectors=sectors,
            facilities=facilities,
            areas=layer("areas", "area"),
            service_areas=layer("service_areas", None),
            tables=tables,
        )

    def table(self, name: str) -> pd.DataFrame | None:
        """Return a CSV table of the run, or ``None`` when the run did not write it."""
        return self.tables.get(name)


# --------------------------------------------------------------------------- formatting


def _fmt_value(value: Any, unit: str, lang: str) -> str:
    v = float(value)
    if unit == "%":
        return _i18n.fmt_number(v, 1, lang) + ("\u00a0%" if lang == "nl" else "%")
    if unit == "€":
        return "€\u00a0" + _i18n.fmt_int(round(v), lang)
    if unit in ("aantal", "inwoners") and v == round(v):
        return _i18n.fmt_int(v, lang)
    return _i18n.fmt_number(v, 0 if abs(v) >= 100 else 1 if abs(v) >= 10 else 2, lang)


@dataclass(frozen=True)
class _Cell:
    text: str
    missing: bool = False
    reason: str = ""
    note: str = ""


def _cell(row: pd.Series | None, ind: str, unit: str, lang: str) -> _Cell:
    if row is None or ind not in row.index:
        return _Cell(_t("geen gegevens", "no data", lang), True)
    value = row[ind]
    note = row.get(f"{ind}_note")
    note = str(note) if isinstance(note, str) else ""
    if pd.notna(value):
        return _Cell(_fmt_value(value, unit, lang), note=note)
    code = row.get(f"{ind}_suppressed_reason")
    code = str(code) if isinstance(code, str) else ""
    nl, en = _REASONS.get(code, (code, code))
    label = (
        _t("onvoldoende gegevens", "insufficient data", lang)
        if code in _WITHHELD
        else _t("geen gegevens", "no data", lang)
    )
    return _Cell(label, True, reason=_t(nl, en, lang))


def _img(fig: Any, fmt: Literal["png", "svg"] = "svg", dpi: int = 150) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=dpi)
    mime = "image/svg+xml" if fmt == "svg" else "image/png"
    return f"data:{mime};base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _slug(name: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return s or "gebied"


def _slugs(names: Sequence[str]) -> dict[str, str]:
    """Return a distinct file-name slug per name (``-2``, ``-3`` … when two names share one).

    Names are user text: "{{x}}" and "x", or two names of symbols only, would otherwise
    write the same page.
    """
    out: dict[str, str] = {}
    for name in names:
        slug, n = _slug(name), 1
        while slug in out.values():
            n += 1
            slug = f"{_slug(name)}-{n}"
        out[name] = slug
    return out


# --------------------------------------------------------------------------- contexts


class _Builder:
    """Builds the template contexts of one run (shared maps and tables computed once)."""

    def __init__(self, run: RunOutput, lang: str) -> None:
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
                short = _t(
                    "© OpenStreetMap-bijdragers (ODbL)",
                    "© OpenStreetMap contributors (ODbL)",
                    self.lang,
                )
            if short and short not in parts:
                parts.append(short)
        src = _t("Bronnen", "Sources", self.lang)
        full = _t(
            "volledige vermelding en licenties: zie ‘Herkomst van de gegevens’",
            "full attribution and licences: see ‘Provenance’",
            self.lang,
        )
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
            return _t("65-plussers per sector", "residents 65+ per sector", self.lang)
        return _t("inwoners per sector", "residents per sector", self.lang)

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
            return self.index["score"], str(name), _t("score", "score", self.lang)
        if self.ind is not None and "share_65plus" in self.ind:
            return self.ind["share_65plus"], _t("aandeel 65-plussers", "share 65+", self.lang), "%"
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
            language=self.lang,  # type: ignore[arg-type]
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
            language=self.lang,  # type: ignore[arg-type]
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
            language=self.lang,  # type: ignore[arg-type]
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
                    if pd.notna(d.get("caveat")) and self.lang == "en"
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
            language=self.lang,  # type: ignore[arg-type]
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
            else _t("onvoldoende gegevens", "insufficient data", lang),
            "covered": _i18n.fmt_int(r["pop_covered"], lang)
            if pd.notna(r["pop_covered"])
            else _t("onvoldoende gegevens", "insufficient data", lang),
            "share": _i18n.fmt_pct(share, 1, lang)
            if pd.notna(share)
            else _t("onvoldoende gegevens", "insufficient data", lang),
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
                    else _t("onvoldoende gegevens", "insufficient data", self.lang),
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
                    else _t("onvoldoende gegevens", "insufficient data", lang)
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
        return _img(charts.scenario_chart(shown, language=self.lang))  # type: ignore[arg-type]

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
                    else _t("onvoldoende gegevens", "insufficient data", lang),
                    "share": _i18n.fmt_pct(r["share_covered"], 1, lang)
                    if pd.notna(r["share_covered"])
                    else "–",
                    "status": _t("bewezen optimaal", "proven optimal", lang)
                    if r["status"] == "optimal"
                    else _t(
                        f"tijdslimiet (kloof {_i18n.fmt_pct(r['gap'], 1, lang)})",
                        f"time limit (gap {_i18n.fmt_pct(r['gap'], 1, lang)})",
                        lang,
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
            "rank": f"{int(r['rank'])}/{n}" if known else _t("geen rang", "no rank", self.lang),
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
                language=self.lang,  # type: ignore[arg-type]
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


# --------------------------------------------------------------------------- rendering


def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("wijkanalyse", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"], default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def render(
    out: str | Path,
    *,
    language: Literal["nl", "en"] | None = None,
    pdf: bool = True,
    units: Sequence[str] | None = None,
) -> list[Path]:
    """Write the maps and reports of a finished run; return the files written.

    When WeasyPrint cannot load the system libraries it draws PDFs with (Pango), the reports
    are written as HTML only, with a :class:`~wijkanalyse.DataWarning` that names the Debian
    packages to install. When only HarfBuzz-Subset is missing the PDFs are still written and
    the note is logged as a warning.

    Each page, map and PDF is written to a temporary file beside it and then replaces the
    previous version whole, so Ctrl-C (checked between pages) leaves every file either new
    or as it was, never half-written. The folder's ``manifest.json`` is updated for the
    files written.

    Parameters
    ----------
    out
        The output folder of ``wijkanalyse run`` (read, and written to under ``maps/`` and
        ``report/``).
    language
        ``nl`` (default) or ``en``.
    pdf
        Also write every report and the overview map as PDF (WeasyPrint, matplotlib).
    units
        Only these wijk codes and area names get their own report (default: every wijk with
        inhabitants and every custom area).
    """
    notes: list[str] = []
    with outputs.interrupt_guard():
        files = _render(out, language=language, pdf=pdf, units=units, notes=notes)
    for note in notes:
        log.warning(note)
    return files


def _render(
    out: str | Path,
    *,
    language: Literal["nl", "en"] | None,
    pdf: bool,
    units: Sequence[str] | None,
    notes: list[str],
) -> list[Path]:
    """Do the work of :func:`render`; notes about this machine go to ``notes``."""
    lang = _i18n.lang(language)
    run = RunOutput.read(out)
    if pdf:
        support = _pdf_support(lang)
        if not support.available:
            warnings.warn(support.note, DataWarning, stacklevel=3)
            pdf = False
        elif support.note:
            notes.append(support.note)
    b = _Builder(run, lang)
    env = _environment()
    report_dir = run.out / "report"
    report_dir.mkdir(parents=True, exist_ok=True)
    files = b.overview_maps(run.out / "maps", pdf=pdf)

    wijk_codes = [c for c in run.wijken.index if run.wijken.geometry.get(c) is not None]
    area_names = list(run.areas.index) if run.areas is not None else []
    if run.table("areas") is not None:
        area_names = list(dict.fromkeys([*area_names, *run.table("areas")["area"]]))  # type: ignore[index]
    slugs = _slugs(area_names)  # of every area, so a page keeps its name when re-rendered
    if units is not None:
        unknown = sorted(set(units) - set(wijk_codes) - set(area_names))
        if unknown:
            raise DataError(
                f"render: units {unknown} are neither wijken ({', '.join(wijk_codes)}) nor "
                f"areas ({', '.join(area_names)}) of this run."
            )
        wijk_codes = [c for c in wijk_codes if c in units]
        area_names = [a for a in area_names if a in units]
    links = [
        {"href": f"wijk-{c}.html", "name": b.wijk_names.get(c, c), "code": c} for c in wijk_codes
    ]
    area_links = [{"href": f"gebied-{slugs[a]}.html", "name": a} for a in area_names]
    common = {
        "lang": lang,
        "t": lambda nl, en: _t(nl, en, lang),
        "municipality": b.municipality,
        "manifest": b.manifest(),
        "attribution": b.attribution,
    }
    pages: list[tuple[Path, str]] = []
    pages.append((report_dir / "index.html", _overview(env, b, common, links, area_links)))
    for code in wijk_codes:
        outputs.check_interrupt()
        pages.append((report_dir / f"wijk-{code}.html", _wijk_page(env, b, common, code)))
    for name in area_names:
        outputs.check_interrupt()
        pages.append((report_dir / f"gebied-{slugs[name]}.html", _area_page(env, b, common, name)))
    for path, text in pages:
        # each page replaces its previous version whole; Ctrl-C stops between pages, also
        # when WeasyPrint swallowed it inside write_pdf
        outputs.check_interrupt()
        with outputs.replacing(path) as part:
            part.write_text(text, encoding="utf-8")
        files.append(path)
        if pdf:
            with outputs.replacing(path.with_suffix(".pdf")) as part:
                _pdf(text, part, base=path.parent)
            files.append(path.with_suffix(".pdf"))
    outputs.check_interrupt()
    outputs.record(run.out, files)  # an earlier run's manifest lists the new versions
    return files


@dataclass(frozen=True)
class _PdfSupport:
    """What the PDF probe found: can WeasyPrint write PDFs here, and what is missing."""

    available: bool
    #: plain-language note on what is missing and which Debian package to install ("": none)
    note: str = ""


def _import_weasyprint() -> ModuleType:
    import weasyprint

    return weasyprint


def _pdf_support(language: str | None = None) -> _PdfSupport:
    """Import WeasyPrint and say whether it can write PDFs on this machine.

    Importing WeasyPrint loads Pango and HarfBuzz through ctypes-like bindings: a missing
    Pango raises ``OSError`` (after WeasyPrint prints a banner, kept out of our output), a
    missing HarfBuzz-Subset emits a ``DeprecationWarning`` while PDFs still work. Neither may
    stop a run (or a test run with warnings as errors): every warning of the import is
    caught here and turned into a note in the user's language.
    """
    lang = _i18n.lang(language)
    banner = io.StringIO()
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(banner):
        warnings.simplefilter("always")
        try:
            module = _import_weasyprint()
        except OSError as exc:
            log.info("WeasyPrint cannot load a system library: %s", exc)
            reason = _i18n.text("pdf_no_pango", lang)
            return _PdfSupport(False, _i18n.text("pdf_skipped", lang, reason=reason))
        except ImportError as exc:
            log.info("WeasyPrint cannot be imported: %s", exc)
            reason = _i18n.text("pdf_no_weasyprint", lang, error=exc)
            return _PdfSupport(False, _i18n.text("pdf_skipped", lang, reason=reason))
    subset_missing = False
    for w in caught:
        if "HarfBuzz-Subset" in str(w.message):
            subset_missing = True
        else:
            log.debug("warning while importing WeasyPrint: %s: %s", w.category.__name__, w.message)
    # the warning is emitted only by the first import; the loaded library tells every time
    ffi = getattr(getattr(module, "text", None), "ffi", None)
    if ffi is not None and getattr(ffi, "harfbuzz_subset", False) is None:
        subset_missing = True
    if subset_missing:
        return _PdfSupport(True, _i18n.text("pdf_harfbuzz_subset", lang))
    return _PdfSupport(True)


def _pdf(html_text: str, target: Path, *, base: Path) -> Path:
    import weasyprint

    # WeasyPrint logs every CSS property it does not support; the reports use none that
    # matter for print, so keep its log quiet unless something fails.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    weasyprint.HTML(string=html_text, base_url=str(base)).write_pdf(target)
    return target


def _overview(
    env: Any,
    b: _Builder,
    common: dict[str, Any],
    links: list[dict[str, Any]],
    area_links: list[dict[str, Any]],
) -> str:
    lang = b.lang
    muni = str(b.municipality.get("code", ""))
    refs, ref_names = b.ref_rows()
    index_rows = []
    if b.index is not None:
        for code, r in b.index.sort_values("rank").iterrows():
            info = b.index_row(str(code))
            if info is not None:
                index_rows.append({"code": code, "name": r.get("name", code), **info})
    cov = b.coverage_rows(muni)
    eq = b.run.table("access_equity")
    equity = []
    if eq is not None:
        for _, r in eq.iterrows():
            equity.append(
                {
                    "type": _i18n.type_label(str(r["facility_type"]), lang),
                    "group": b.group(r["target_group"]),
                    "minutes": _i18n.fmt_number(float(r["threshold_minutes"]), 0, lang),
                    "mean": _i18n.fmt_number(r["mean"], 1, lang),
                    "p90": _i18n.fmt_number(r["p90"], 1, lang),
                    "gini": _i18n.fmt_number(r["gini"], 2, lang),
                    "beyond": _i18n.fmt_pct(r["share_beyond"], 1, lang),
                }
            )
    gaps = b.run.table("gaps")
    top_gaps = []
    if gaps is not None:
        key: Any
        for key, block in gaps[gaps["level"] == "wijk"].groupby(
            ["facility_type", "target_group", "threshold_minutes"], sort=False
        ):
            best = block.sort_values("gap_rank").head(5)
            top_gaps.append(
                {
                    "title": f"{_i18n.type_label(str(key[0]), lang)}, {b.group(key[1])}, "
                    f"{_i18n.fmt_number(float(key[2]), 0, lang)} min",
                    "rows": [
                        {
                            "name": r["name"],
                            "not_covered": _i18n.fmt_pct(r["share_not_covered"], 0, lang)
                            if pd.notna(r["share_not_covered"])
                            else _t("onvoldoende gegevens", "insufficient data", lang),
                            "affected": _i18n.fmt_int(r["pop_affected"], lang)
                            if pd.notna(r["pop_affected"])
                            else _t("onvoldoende gegevens", "insufficient data", lang),
                        }
                        for _, r in best.iterrows()
                    ],
                }
            )
    curves = b.run.table("plan_curves")
    curve_img = (
        _img(charts.coverage_curve_chart(curves, language=lang))  # type: ignore[arg-type]
        if curves is not None and not curves.empty and curves["exact_share"].notna().any()
        else None
    )
    sc = b.scenario_rows("gemeente", muni)
    row = b.ind_row(muni)
    return str(
        env.get_template("overview.html.j2").render(
            **common,
            title=_t(
                f"Wijkanalyse {b.municipality.get('name', '')}",
                f"Neighbourhood analysis {b.municipality.get('name', '')}",
                lang,
            ),
            ref_names=ref_names[1:],
            indicators=b.indicator_rows(row, refs[1:]),
            map_png=b.overview_png,
            wijk_map_note=b.wijk_map_note(),
            no_wijk_map=not b.run.wijken.geometry.notna().any(),
            has_gaps=b.gaps_points is not None and len(b.gaps_points) > 0,
            index_name=b.map_value()[1],
            index_rows=index_rows,
            rank_img=b.rank_img([]),
            coverage=cov,
            equity=equity,
            gap_point_label=b.gaps_points.attrs.get("label", "")
            if b.gaps_points is not None
            else "",
            top_gaps=top_gaps,
            plans=b.plan_rows(),
            curve_img=curve_img,
            scenarios=b.scenario_table(sc),
            scenario_img=b.scenario_img(sc),
            links=links,
            area_links=area_links,
        )
    )


def _wijk_page(env: Any, b: _Builder, common: dict[str, Any], code: str) -> str:
    lang = b.lang
    name = b.wijk_names.get(code, code)
    row = b.ind_row(code)
    refs, ref_names = b.ref_rows()
    geom = b.run.wijken.geometry.loc[code]
    sc = b.scenario_rows("wijk", code)
    return str(
        env.get_template("unit.html.j2").render(
            **common,
            kind=_t("Wijkrapport", "District report", lang),
            title=f"{name} ({code})",
            ref_names=ref_names,
            indicators=b.indicator_rows(row, refs),
            profile_img=b.profile_img(code, b.ind)
            if b.ind is not None and row is not None
            else None,
            map_png=b.unit_map(geom, name),
            index=b.index_row(code),
            index_name=b.map_value()[1],
            rank_img=b.rank_img([code]),
            coverage=b.coverage_rows(code),
            gaps=b.gap_rows(code, "wijk"),
            plans=b.plan_rows(code),
            scenarios=b.scenario_table(sc),
            scenario_img=b.scenario_img(sc),
            area_note="",
        )
    )


def _area_page(env: Any, b: _Builder, common: dict[str, Any], name: str) -> str:
    lang = b.lang
    row = b.ind_areas.loc[name] if b.ind_areas is not None and name in b.ind_areas.index else None
    refs, ref_names = b.ref_rows()
    info = b.run.table("areas")
    note = ""
    if info is not None and name in set(info["area"]):
        note = str(info.set_index("area").at[name, "note"])
    how = ""
    map_png = None
    if b.run.areas is not None and name in b.run.areas.index:
        geom = b.run.areas.geometry.loc[name]
        how = str(b.run.areas.at[name, "how"])
        map_png = b.unit_map(geom, name)
    outline = {
        "voronoi": _t(
            "De omtrek is benaderd (Voronoi-cellen rond de sectorcentroïden, binnen de "
            "wijkgrenzen): sectorgrenzen zijn niet beschikbaar.",
            "The outline is approximate (Voronoi cells around the sector centroids, within "
            "the wijk boundaries): sector boundaries are not available.",
            lang,
        ),
        "wijken": _t("De omtrek volgt de wijkgrenzen.", "The outline follows wijk borders.", lang),
    }.get(how, "")
    profile = None
    if row is not None and b.ind is not None and b.refs:
        table = b.ind_areas.loc[[name]].copy()  # type: ignore[union-attr]
        table.index = pd.Index([f"gebied:{name}"])
        profile = b.profile_img(f"gebied:{name}", pd.concat([table, b.ind.loc[b.refs]]))
    sc = b.scenario_rows("area", name)
    return str(
        env.get_template("unit.html.j2").render(
            **common,
            kind=_t("Gebiedsrapport", "Area report", lang),
            title=name,
            ref_names=ref_names,
            indicators=b.indicator_rows(row, refs),
            profile_img=profile,
            map_png=map_png,
            index=None,
            index_name="",
            rank_img=None,
            coverage=[],
            gaps=b.gap_rows(name, "area"),
            plans=[],
            scenarios=b.scenario_table(sc),
            scenario_img=b.scenario_img(sc),
            area_note=" ".join(x if x.endswith(".") else f"{x}." for x in (note, outline) if x),
        )
    )
