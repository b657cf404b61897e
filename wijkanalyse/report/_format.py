"""Formatting shared by the report's pages: values, missing-value cells, images, slugs."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import matplotlib
import pandas as pd

from wijkanalyse import _i18n, vocab
from wijkanalyse._i18n import Language
from wijkanalyse._texts import params as _params

#: Why a value is missing, for the reader (see :mod:`wijkanalyse.indicators`).
_REASONS = vocab.REASON_LABELS
_WITHHELD = vocab.WITHHELD


def _fmt_value(value: Any, unit: str, lang: Language) -> str:
    v = float(value)
    if unit == "%":
        return _i18n.text("percent", lang, value=_i18n.fmt_number(v, 1, lang))
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


def _cell(row: pd.Series | None, ind: str, unit: str, lang: Language) -> _Cell:
    if row is None or ind not in row.index:
        return _Cell(_i18n.text("no_data", lang), True)
    value = row[ind]
    note = row.get(f"{ind}_note")
    note = _note_text(note, lang) if isinstance(note, str) else ""
    if pd.notna(value):
        return _Cell(_fmt_value(value, unit, lang), note=note)
    code = row.get(f"{ind}_suppressed_reason")
    code = str(code) if isinstance(code, str) else ""
    reason = _i18n.pick(_REASONS.get(code, (code, code)), lang)
    label = _i18n.text("insufficient_data" if code in _WITHHELD else "no_data", lang)
    return _Cell(label, True, reason=reason)


_WEIGHTED = re.compile(r"approximation: (\w+)-weighted (median|mean) of sector values")
_MEMBER_RATIO = re.compile(r"ratio over the member sectors with data \(([\d.]+)% of residents\)")


def _note_text(note: str, lang: Language) -> str:
    """Return an approximated value's note (``<id>_note``, written in English) in ``lang``.

    A note of another form (an older table, the user's own) is not read aloud: the page
    points to the table that holds it, in the page's language.
    """
    if m := _WEIGHTED.fullmatch(note):
        weight = _params.WEIGHTS.get(m.group(1))
        return _i18n.text(
            f"note_weighted_{m.group(2)}",
            lang,
            weight=_i18n.pick(weight, lang) if weight else m.group(1),
        )
    if m := _MEMBER_RATIO.fullmatch(note):
        share = _i18n.fmt_pct(float(m.group(1)) / 100, 1, lang)
        return _i18n.text("note_member_ratio", lang, share=share)
    return _i18n.text("note_other", lang)


def _img(fig: Any, fmt: Literal["png", "svg"] = "svg", dpi: int = 150) -> str:
    """Return the figure as a data URI; an SVG keeps its words as text.

    SVG text (not glyph outlines) is searchable and copyable in the page and the PDF, read
    by screen readers, and about a fifth faster for WeasyPrint to draw.
    """
    if fmt == "svg":
        return _svg_uri(_svg(fig))
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=dpi)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _svg(fig: Any) -> str:
    """Return the figure as SVG text, its words as text (not glyph outlines)."""
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buf, format="svg")
    return buf.getvalue().decode("utf-8")


def _svg_uri(svg: str) -> str:
    """Return SVG text as a data URI."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


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
