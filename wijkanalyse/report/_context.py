"""The shared pieces of one run's report: its tables, names, maps, attribution and manifest."""

from __future__ import annotations

import io as io_
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import _i18n, io, maps, outputs
from wijkanalyse._i18n import Language
from wijkanalyse._safe import mpl_text
from wijkanalyse.areas import wijk_polygon_dataset
from wijkanalyse.datasets import get_dataset
from wijkanalyse.report import _provenance
from wijkanalyse.report._format import _img
from wijkanalyse.vocab import is_pseudo_wijk

#: Past this many wijken the overview map has no wijk labels (they would cover the map).
LABEL_MAX = 60


class _Builder:
    """The shared pieces of one run's pages, computed once: tables, names, maps, attribution.

    The sections of each page are built from it by :mod:`wijkanalyse.report.pages`.
    """

    def __init__(self, run: outputs.RunOutput, lang: Language) -> None:
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
        self._made: dict[str, Any] = {}

    def once(self, key: str, make: Callable[[], Any]) -> Any:
        """Return ``make()``, made once per process for ``key`` (a figure many pages show)."""
        if key not in self._made:
            self._made[key] = make()
        return self._made[key]

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
        exact = plans[plans["method"] != "greedy"]
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

    def open_facilities(self) -> gpd.GeoDataFrame:
        """Return the facilities open today: the maps show today, as the coverage does."""
        return io.open_facilities(self.run.facilities)

    def centres(self) -> gpd.GeoDataFrame:
        f = self.open_facilities()
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
    def _overview_layers(self) -> dict[str, Any]:
        value, title, unit = self.map_value()
        w = self.run.wijken.assign(_value=value.reindex(self.run.wijken.index).to_numpy())
        w = w[w.geometry.notna()]
        return {
            "wijken": w,
            "value": "_value",
            # without wijk outlines the map shows the sectors: title it by them
            "title": title if len(w) else self.sector_title(),
            "unit": unit,
            "sectors": self.run.sectors,
            "sector_value": "pop_65plus" if "pop_65plus" in self.run.sectors else "pop_total",
            "sector_title": self.sector_title(),
            "facilities": self.open_facilities(),
            "areas": self.run.areas,
            "sites": self.sites,
            "basemap": self.run.basemap,
        }

    def overview_figure(self) -> Any:
        """Return the printed overview map: the legend beside the map, never over it."""
        layers = self._overview_layers()
        many = int(self.run.wijken.geometry.notna().sum()) > LABEL_MAX
        return maps.static_map(
            **{**layers, "facilities": self.centres()},
            gaps=self.gaps_points,
            attribution=self.attribution,
            labels=not many,
            legend="right",
            figsize=(13.0, 9.0),
            language=self.lang,
        )

    def interactive_overview(self, folder: Path) -> tuple[tuple[Path, bytes], ...]:
        """Return the interactive overview map's file (``overzicht.html``), not written."""
        layers = self._overview_layers()
        study = self.run.provenance.get("study") or {}
        tiles = (study.get("report") or {}).get("tiles") == "osm"
        m = maps.interactive_map(
            **layers,
            service_areas=self.run.service_areas,
            gaps=self.gaps_points,
            shown_types=("buurtcentrum", "lokaal_dienstencentrum"),
            tiles=tiles,
            language=self.lang,
        )
        return ((folder / "overzicht.html", m.get_root().render().encode("utf-8")),)

    def printed_overview(
        self, folder: Path, *, pdf: bool = True
    ) -> tuple[tuple[tuple[Path, bytes], ...], str]:
        """Return the printed overview map's files (PNG; PDF when asked), not yet written.

        Also returned: the same map as a data URI, for the overview page.
        """
        fig = self.overview_figure()
        files = []
        for suffix in ("png", "pdf") if pdf else ("png",):
            buf = io_.BytesIO()
            maps.save_figure(fig, buf, dpi=150, fmt=suffix)
            files.append((folder / f"overzicht.{suffix}", buf.getvalue()))
        return tuple(files), _img(fig, "png", dpi=110)

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
            basemap=self.run.basemap,
            focus=gpd.GeoSeries([geom]).buffer(400),
            highlight=geom,
            attribution=self.attribution,
            figsize=(9.0, 6.0),
            legend="right",
            language=self.lang,
        )
        fig.axes[0].get_legend().set_title(mpl_text(f"{vtitle} ({unit})" if unit else vtitle))
        return _img(fig, "png", dpi=110)

    def manifest(self) -> dict[str, Any]:
        """Return the run's account of itself (see :mod:`wijkanalyse.report._provenance`)."""
        prov = self.run.provenance
        network = (prov.get("access") or {}).get("network")
        return {
            "version": prov.get("version", ""),
            "created": prov.get("created", ""),
            "study_file": prov.get("study_file") or "",
            "vintage": prov.get("sector_vintage", ""),
            "threshold": self.threshold,
            "datasets": _provenance.dataset_rows(prov.get("datasets", []), self.lang),
            "input_files": prov.get("input_files", []),
            "params": _provenance.parameter_blocks(prov.get("study") or {}, self.lang),
            "solver": prov.get("planning", {}).get("solver", ""),
            "network": _i18n.render(network, self.lang) if network else "",
            "notes": [_i18n.render(n, self.lang) for n in prov.get("notes", [])],
            "glossary": _provenance.glossary(self.lang),
        }
