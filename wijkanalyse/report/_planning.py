"""The planning section's context: what shared buildings cost, and the norms beside the plans.

Read from ``plan_sharing.csv`` and ``plan_norms.csv`` (already protected: a withheld count is
shown as such, never as 0).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from wijkanalyse import _i18n
from wijkanalyse.report._context import _Builder


def _count(value: Any, lang: str) -> str:
    return _i18n.fmt_int(value, lang) if pd.notna(value) else _i18n.text("insufficient_data", lang)


def sharing_rows(b: _Builder) -> list[dict[str, Any]]:
    """Return per joint question, number of shared buildings and type: reach and its cost."""
    sharing = b.run.table("plan_sharing")
    if sharing is None or sharing.empty:
        return []
    lang = b.lang
    return [
        {
            "joint": r["joint"],
            "k": int(r["min_shared"]),
            "type": _i18n.type_label(str(r["facility_type"]), lang),
            "group": b.group(r["target_group"]),
            "covered": _count(r["pop_covered"], lang),
            "lost": _count(r["pop_lost"], lang),
            "where": str(r["shared_names"]) if pd.notna(r["shared_names"]) else "–",
        }
        for _, r in sharing.iterrows()
    ]


def norm_lines(b: _Builder) -> list[str]:
    """Return the programming norm and the distance benchmark, one sentence each."""
    norms = b.run.table("plan_norms")
    if norms is None or norms.empty:
        return []
    lang = b.lang
    t = _i18n.text
    lines = []
    for _, r in norms.iterrows():
        kind = _i18n.type_label(str(r["facility_type"]), lang)
        lines.append(
            t(
                "plan_norm_row",
                lang,
                type=kind,
                per=_i18n.fmt_count(r["per_inhabitants"], lang),
                source=str(r["source"]).split(":")[0],
                where=r["name"],
                norm=int(r["norm"]),
                registered=int(r["registered"]),
                planned=int(r["planned"]),
            ).strip()
        )
        if "distance_m" in r and pd.notna(r["distance_m"]):
            lines.append(
                t(
                    "plan_distance_row",
                    lang,
                    m=_i18n.fmt_count(r["distance_m"], lang),
                    type=kind,
                    where=r["name"],
                    count=_count(r["pop_within_distance"], lang),
                    total=_count(r["population_located"], lang),
                    share=_i18n.fmt_pct(r["share_within_distance"], 1, lang),
                ).strip()
            )
    return lines
