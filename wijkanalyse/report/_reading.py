"""The "Hoe lees je deze cijfers" section of every report: what the numbers rest on.

Where people are taken to live, the network and its gaps, the speeds, the centres' locations
and their confidence, the centres that are only planned, and what the ranges vary. All of it
is read back from the run's provenance record and ``facilities.csv``.
"""

from __future__ import annotations

from typing import Any

from wijkanalyse import _i18n
from wijkanalyse.network import GROUP_SPEEDS_KMH
from wijkanalyse.report._context import _Builder
from wijkanalyse.vocab import EXISTING, LOCATION_RADIUS_M, PLANNED

__all__ = ["reading_guide"]


def _speeds(b: _Builder, access: dict[str, Any]) -> str:
    speeds = access.get("speeds_kmh") or {}
    if not speeds:
        return _i18n.text(
            "report_read_speed_one", b.lang, speed=_i18n.fmt_number(access["speed_kmh"], 1, b.lang)
        )
    parts = [
        _i18n.text(
            "report_read_speed_group",
            b.lang,
            group=b.group(g),
            speed=_i18n.fmt_number(float(v), 1, b.lang),
        )
        for g, v in speeds.items()
    ]
    text = _i18n.text("report_read_speeds", b.lang, groups="; ".join(parts))
    default_65 = GROUP_SPEEDS_KMH.get(str(access.get("profile")), {}).get("pop_65plus")
    if default_65 is not None and speeds.get("pop_65plus") == default_65:
        text += " " + _i18n.text("report_read_speed_65", b.lang)
    return text


def _centres(b: _Builder) -> str | None:
    f = b.run.facilities
    centres = f[f["type"].astype(str).isin(["buurtcentrum", "lokaal_dienstencentrum"])]
    if centres.empty:
        return None
    status = centres["status"].fillna(EXISTING).astype(str) if "status" in centres else None
    open_ = centres if status is None else centres[status == EXISTING]
    parts = []
    if "location_confidence" in open_:
        counts = open_["location_confidence"].fillna("").astype(str).str.lower().value_counts()
        for level in ("high", "medium", "low"):
            if counts.get(level):
                parts.append(
                    _i18n.text(
                        f"report_read_confidence_{level}",
                        b.lang,
                        n=int(counts[level]),
                        m=_i18n.fmt_int(int(LOCATION_RADIUS_M[level]), b.lang),
                    )
                )
    text = _i18n.text(
        "report_read_centres",
        b.lang,
        n=len(open_),
        confidence="; ".join(parts) if parts else _i18n.text("report_read_confidence_none", b.lang),
    )
    if status is not None:
        planned = centres[status == PLANNED]
        if len(planned):
            names = _i18n.short_list(planned["name"].fillna("").astype(str), b.lang)
            text += " " + _i18n.text("report_read_planned", b.lang, names=names)
    return text


def reading_guide(b: _Builder) -> list[str]:
    """Return the paragraphs of "Hoe lees je deze cijfers" (none without ``[access]``)."""
    prov = b.run.provenance
    access = prov.get("access")
    paras = []
    if access:
        paras.append(_demand(b, access))
        network = access.get("network")
        if network:
            paras.append(
                _i18n.text("report_read_network", b.lang, network=_i18n.render(network, b.lang))
            )
        else:
            paras.append(_i18n.text("report_read_no_network", b.lang, method=access["method"]))
        paras.append(_speeds(b, access))
        centres = _centres(b)
        if centres:
            paras.append(centres)
    if prov.get("index"):
        paras.append(_i18n.text("report_read_ranges", b.lang))
    if access:
        paras.append(_access_ranges(b, access))
    return paras


def _demand(b: _Builder, access: dict[str, Any]) -> str:
    """Return the paragraph on where people live: the demand model and its areas."""
    rec = access.get("demand")
    if not rec or rec.get("model") == "centroid":
        return _i18n.text("report_read_demand", b.lang)
    spacing = _i18n.fmt_number(float(rec.get("spacing_m") or 0), 0, b.lang)
    n_fallback = int(rec.get("sectors_on_centroid") or 0)
    return _i18n.text(
        "report_read_demand_points",
        b.lang,
        model=_i18n.text(f"report_read_model_{rec['model']}", b.lang, spacing=spacing),
        points=_i18n.fmt_int(rec["points"], b.lang),
        area=_i18n.text(f"report_read_area_{rec['area_method']}", b.lang),
        fallback=_i18n.text("report_read_fallback", b.lang, n=n_fallback) if n_fallback else "",
    ).strip()


def _access_ranges(b: _Builder, access: dict[str, Any]) -> str:
    """Return the paragraph on the ranges of the accessibility figures."""
    rec = access.get("ranges")
    if not rec:
        return _i18n.text("report_read_access_no_ranges", b.lang)
    speeds = "; ".join(
        _i18n.text(
            "ranges_speed",
            b.lang,
            group=b.group(g),
            lo=_i18n.fmt_number(lo, 1, b.lang),
            hi=_i18n.fmt_number(hi, 1, b.lang),
        )
        for g, (lo, hi) in rec["speeds_kmh"].items()
    )
    detour = rec.get("detour")
    parts = []
    if rec.get("positions", True):
        parts.append(_i18n.text("report_read_positions", b.lang))
    models = ", ".join(_i18n.text(f"demand_name_{m}", b.lang) for m in rec["demand_models"])
    parts.append(_i18n.text("report_read_models", b.lang, models=models))
    parts.append(_i18n.text("report_read_speed_range", b.lang, speeds=speeds))
    if detour:
        parts.append(
            _i18n.text(
                "report_read_detour_range",
                b.lang,
                lo=_i18n.fmt_number(detour[0], 2, b.lang),
                hi=_i18n.fmt_number(detour[1], 2, b.lang),
            )
        )
    joined = ", ".join(parts[:-1]) + _i18n.text("report_read_and", b.lang) + parts[-1]
    return _i18n.text(
        "report_read_access_ranges",
        b.lang,
        draws=_i18n.fmt_int(rec["draws"], b.lang),
        parts=joined,
    )
