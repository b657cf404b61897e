"""The report's account of itself: sources, study parameters, notes on the data, glossary.

The overview carries the whole account (every dataset with its licence, attribution and
checksum, the study file's parameters as labelled tables, the notes on the data); a wijk or
area page carries its sources, the notes and a pointer to the overview, so its PDF stays
short. Every page ends with the glossary of method terms. Titles and licences are in the
report's language (the catalogue's Dutch texts); an attribution is shown as its publisher
wrote it.
"""

from __future__ import annotations

import math
from typing import Any

from wijkanalyse import _i18n, datasets
from wijkanalyse._i18n import Language
from wijkanalyse._texts import params as _params

#: The study file's tables shown as parameters, in this order.
_SECTIONS = tuple(_params.SECTIONS)


def dataset_rows(records: list[dict[str, Any]], lang: Language) -> list[dict[str, Any]]:
    """Return the sources of a run: title and licence in ``lang``, attribution as written."""
    rows = []
    for d in records:
        title, licence = datasets.described(d, lang)
        rows.append(
            {
                "title": title,
                "licence": licence,
                "attribution": str(d.get("attribution") or ""),
                "id": str(d.get("id") or ""),
                "source_url": str(d.get("source_url") or ""),
                "sha256": str(d.get("sha256") or ""),
            }
        )
    return rows


def _value(value: Any, lang: Language) -> str:
    """Return a parameter's value as a reader reads it (``–``: not set, the default holds)."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return _i18n.text("prov_yes" if value else "prov_no", lang)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value) and abs(value) < 1e9:
            return _i18n.fmt_number(value, 0, lang)
        shown = f"{value:.6g}"
        if "e" in shown:  # 1e-05: as written, never rounded to 0
            return shown
        # as many decimals as the study file gave (up to six significant digits)
        digits = shown.split(".")[1] if "." in shown else ""
        return _i18n.fmt_number(value, len(digits), lang)
    if isinstance(value, list):
        return ", ".join(_value(v, lang) for v in value) or "–"
    text = str(value)
    pair = _params.VALUES.get(text)
    return _i18n.pick(pair, lang) if pair else text


def _label(path: str, lang: Language) -> tuple[str, bool]:
    """Return a parameter's label and whether it has one (else its path, shown as code)."""
    pair = _params.LABELS.get(path)
    if pair is None:
        return path, False
    return _i18n.pick(pair, lang), True


def _rows(value: dict[str, Any], path: str, lang: Language, out: list[dict[str, Any]]) -> None:
    """Add the scalar parameters of ``value`` (nested tables flattened) to ``out``."""
    for key, v in value.items():
        here = f"{path}.{key}"
        if isinstance(v, dict):
            _rows(v, here, lang, out)
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            continue  # a list of tables: its own blocks
        else:
            label, known = _label(here, lang)
            out.append({"label": label, "code": not known, "value": _value(v, lang)})


def _blocks(
    value: dict[str, Any], path: str, title: str, lang: Language, out: list[dict[str, Any]]
) -> None:
    """Add the block of ``value`` and one block per entry of each of its lists of tables."""
    rows: list[dict[str, Any]] = []
    _rows(value, path, lang, rows)
    if rows:
        out.append({"title": title, "rows": rows})
    for key, v in value.items():
        here = f"{path}.{key}"
        if not (isinstance(v, list) and v and all(isinstance(x, dict) for x in v)):
            continue
        pair = _params.ITEMS.get(here, (f"{key} {{n}}", f"{key} {{n}}"))
        for n, item in enumerate(v, start=1):
            name = str(item.get("name") or "")
            head = _i18n.pick(pair, lang).format(n=n, name=name).rstrip(": ")
            _blocks(item, here, f"{title} · {head}", lang, out)


def parameter_blocks(study: dict[str, Any], lang: Language) -> list[dict[str, Any]]:
    """Return the study's parameters as labelled blocks: one per table and list entry."""
    out: list[dict[str, Any]] = []
    for section in _SECTIONS:
        value = study.get(section)
        if not value:
            continue
        title = _i18n.pick(_params.SECTIONS[section], lang)
        if section == "target_groups":
            for group, spec in value.items():
                name = str(spec.get(f"label_{lang}") or group)
                rows: list[dict[str, Any]] = []
                # the group's name heads its block (in the report's language)
                shown = {k: v for k, v in spec.items() if not k.startswith("label_")}
                _rows(shown, section, lang, rows)
                out.append({"title": f"{title} · {name}", "rows": rows})
            continue
        _blocks(value, section, title, lang, out)
    return out


def glossary(lang: Language) -> list[dict[str, str]]:
    """Return the method terms with their explanation, in ``lang``."""
    return [
        {"term": _i18n.pick(term, lang), "text": _i18n.pick(text, lang)}
        for term, text in _params.GLOSSARY
    ]
