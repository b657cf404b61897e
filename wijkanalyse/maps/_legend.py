"""The interactive map's legend of symbols and lines (the wijk colours have their own)."""

from __future__ import annotations

import geopandas as gpd

from wijkanalyse import _i18n
from wijkanalyse._i18n import Language
from wijkanalyse._safe import html_text
from wijkanalyse.maps import base
from wijkanalyse.maps._layers import MapLayers


def _darker(colour: str, by: float = 0.65) -> str:
    """Return a ``#rrggbb`` colour mixed with black (``by``: the share of black)."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * (1 - by)):02x}" for c in rgb)


def _symbol_legend(spec: MapLayers, basemap: gpd.GeoDataFrame | None, lang: Language) -> str:
    """Return the legend of every layer that is not a choropleth: symbols and lines."""

    def swatch(css: str) -> str:
        return f'<span style="display:inline-block;margin-right:6px;{css}"></span>'

    rows: list[tuple[str, str]] = []
    for reach in spec.service_areas:
        rows.append(
            (
                swatch(
                    f"width:14px;height:10px;background:{reach.colour}33;"
                    f"border:2px dashed {_darker(reach.colour)}"
                ),
                reach.legend,
            )
        )
    if spec.gaps is not None:
        rows.append(
            (
                swatch("width:10px;height:10px;border:2px solid #C00000;border-radius:50%"),
                spec.gaps.legend,
            )
        )
    for layer in spec.facilities:
        rows.append(
            (
                swatch(
                    f"width:10px;height:10px;background:{layer.colour};"
                    "border:1px solid #000;border-radius:50%"
                ),
                layer.legend,
            )
        )
    if spec.areas is not None:
        rows.append(
            (
                swatch(f"width:14px;height:10px;border:3px solid {spec.areas.colour or '#D55E00'}"),
                spec.areas.legend,
            )
        )
    for layer in spec.sites:
        rows.append(
            (
                swatch(f"width:10px;height:10px;background:{layer.colour};border:2px solid #000"),
                layer.legend,
            )
        )
    if basemap is not None and len(basemap):
        kinds = set(basemap["kind"].astype(str))
        for kind, (colour, _, _) in base.LINE_STYLE.items():
            if kind in kinds:
                rows.append(
                    (
                        swatch(f"width:16px;height:0;border-top:3px solid {colour}"),
                        _i18n.text(f"map_base_{kind}", lang),
                    )
                )
    if not rows:
        return ""
    body = "".join(f"<div>{sym}{html_text(label)}</div>" for sym, label in rows)
    return (
        '<div class="wijkanalyse-legend wijkanalyse-symbols" style="position:fixed;'
        "bottom:28px;right:12px;z-index:9999;background:white;padding:8px 10px;"
        f'border:1px solid #999;font:12px sans-serif;max-width:280px">{body}</div>'
    )
