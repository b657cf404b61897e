"""User-facing text in Dutch (default) and English, and number formatting: the one catalogue.

Only text a user reads (CLI messages, summaries, maps, charts and the wijkrapport with its
templates) lives here, each message under a key with its ``nl`` and ``en`` text and the same
``{placeholders}``; :func:`text` picks and fills it. Code, identifiers and exceptions stay
English.

A message that is made before anyone reads it (a step's note about the data, a warning for
the summary) is a :class:`Note`: its key and raw values (numbers, lists, codes), rendered in a
language only when a summary, report or log line is written, and stored as it is in
``provenance.json``.

A word that follows a count is written ``{n|sector|sectoren}``: the first form when the value
``n`` is one, the second otherwise (``1 sector``, ``3 sectoren``), never ``sector(en)``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal, Union

from wijkanalyse import settings, vocab
from wijkanalyse._texts import _TEXT, FACILITY_TYPE_LABELS, FACILITY_TYPE_PLURALS

Language = Literal["nl", "en"]


def lang(language: str | None = None) -> Language:
    """Return the language in effect."""
    value = language or settings.language
    if value not in ("nl", "en"):
        raise ValueError(f"language must be 'nl' or 'en', got {value!r}")
    return value  # type: ignore[return-value]


#: ``{n|one|other}``: the form of a word after the count ``n``.
_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")


def _is_one(value: object) -> bool:
    """Whether a count (a number, or a number written in either language) is one."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return value == 1
    digits = re.sub(r"[\s\u00a0\u202f]", "", str(value))
    return digits in ("1", "1,0", "1.0")


def text(key: str, language: str | None = None, **values: object) -> str:
    """Return the message ``key`` in the language in effect, formatted with ``values``.

    ``{n|sector|sectoren}`` in the message becomes ``sector`` when ``n`` is one, else
    ``sectoren``.
    """
    template = _TEXT[key][lang(language)]
    if "|" in template:
        template = _PLURAL.sub(
            lambda m: m.group(2) if _is_one(values[m.group(1)]) else m.group(3), template
        )
    return template.format(**values)


def has_text(key: str) -> bool:
    """Whether the catalogue has a message ``key``."""
    return key in _TEXT


def pick(pair: tuple[str, str], language: str | None = None) -> str:
    """Return the text in the language of a ``(nl, en)`` pair from a vocabulary.

    The vocabularies (e.g. :data:`wijkanalyse.vocab.REASON_LABELS`) keep their labels beside
    their codes as such pairs.
    """
    nl, en = pair
    return nl if lang(language) == "nl" else en


def short_list(values: Iterable[object], language: str | None = None, limit: int = 12) -> str:
    """Return ``a, b, c`` or, past ``limit`` items, ``a, b, … (nog 12)`` in the language."""
    items = [str(v) for v in values]
    if len(items) <= limit:
        return ", ".join(items)
    return ", ".join(items[:limit]) + ", " + text("and_more", language, n=len(items) - limit)


def type_label(facility_type: str, language: str | None = None) -> str:
    """Return the display name of a facility type (the type itself when unknown)."""
    return FACILITY_TYPE_LABELS.get(facility_type, {}).get(lang(language), facility_type)


def type_plural(facility_type: str, language: str | None = None) -> str:
    """Return the plural of a facility type's name (the type itself when unknown)."""
    return FACILITY_TYPE_PLURALS.get(facility_type, {}).get(lang(language), facility_type)


_MODELS = {
    "mclp": ("maximale dekking (MCLP)", "maximal coverage (MCLP)"),
    "lscp": ("volledige dekking (LSCP)", "set covering (LSCP)"),
    "p_median": ("kortste totale tijd (p-mediaan)", "shortest total time (p-median)"),
    "p_center": ("kortste langste tijd (p-centrum)", "shortest longest time (p-center)"),
}


_GROUPS = {
    "pop_total": ("alle inwoners", "all residents"),
    "pop_65plus": ("65-plussers", "residents aged 65+"),
    "pop_under65": ("inwoners jonger dan 65", "residents under 65"),
}


def group_label(group: str, language: str | None = None) -> str:
    """Return the display name of a census target group (the code itself when unknown)."""
    nl, en = _GROUPS.get(group, (group, group))
    return nl if lang(language) == "nl" else en


def model_label(model: str, language: str | None = None) -> str:
    """Return a readable name of a location model, e.g. ``maximale dekking (MCLP)``."""
    nl, en = _MODELS.get(model, (model, model))
    return nl if lang(language) == "nl" else en


def series_label(series: str, language: str | None = None) -> str:
    """Return the label of a trend series (:data:`wijkanalyse.trends.SERIES`)."""
    key = f"trend_series_{series}"
    return text(key, language) if has_text(key) else series


def method_label(method: str, language: str | None = None) -> str:
    """Return a readable label of a distance method: ``netwerk``, ``hemelsbreed ×1,3``, …."""
    parts = []
    for m in method.split("+"):
        factor = vocab.detour_factor(m)
        if m == vocab.METHOD_NETWORK:
            parts.append("netwerk" if lang(language) == "nl" else "network")
        elif factor is not None:
            shown = f"{factor:g}"
            if lang(language) == "nl":
                parts.append(f"hemelsbreed ×{shown.replace('.', ',')}")
            else:
                parts.append(f"straight line ×{shown}")
        else:
            parts.append(m)
    return " + ".join(parts)


def _missing(value: object) -> bool:
    """Whether a value is None, NaN or pandas' NA."""
    try:
        return value is None or bool(value != value)
    except TypeError:  # pandas.NA: its comparisons are NA, which has no truth value
        return True


def fmt_int(value: object, language: str | None = None) -> str:
    """Format an integer with thousands separators: ``101 032`` (nl) or ``101,032`` (en)."""
    if _missing(value):
        return text("unknown", language)
    s = f"{int(value):,}"  # type: ignore[call-overload]
    return s.replace(",", "\u202f") if lang(language) == "nl" else s


def fmt_count(value: object, language: str | None = None) -> str:
    """Format a published count of persons; a withheld one (NA) says so."""
    if _missing(value):
        return text("withheld", language)
    return fmt_int(value, language)


def fmt_number(value: object, decimals: int = 1, language: str | None = None) -> str:
    """Format a number with a decimal comma (nl) or point (en)."""
    if _missing(value):
        return text("unknown", language)
    s = f"{float(value):,.{decimals}f}"  # type: ignore[arg-type]
    if lang(language) == "nl":
        s = s.replace(",", "\u202f").replace(".", ",")
    return s


def fmt_pct(share: object, decimals: int = 1, language: str | None = None) -> str:
    """Format a share in [0, 1] as a percentage: ``16,7 %`` (nl) or ``16.7%`` (en)."""
    if _missing(share):
        return text("unknown", language)
    num = fmt_number(float(share) * 100, decimals, language)  # type: ignore[arg-type]
    return f"{num}\u00a0%" if lang(language) == "nl" else f"{num}%"


def fmt_range(
    value: object,
    low: object,
    high: object,
    *,
    decimals: int = 1,
    language: str | None = None,
    percent: bool = True,
) -> str:
    """Format a value with its range: ``9,7 % (3–11 %)`` (nl) or ``9.7% (3–11%)`` (en).

    The bounds get no decimals from 10 (percent) up, else one. Without a range (either
    bound missing, or both the same when rounded) the value alone; a missing value is
    ``unknown``.

    >>> fmt_range(0.097, 0.026, 0.112, language="en")
    '9.7% (3–11%)'
    >>> fmt_range(0.02, 0.008, 0.055, language="en"), fmt_range(5.25, 4.0, 6.5, percent=False,
    ...     language="en")
    ('2.0% (0.8–5.5%)', '5.2 (4.0–6.5)')
    """
    if _missing(value):
        return text("unknown", language)
    shown = fmt_pct(value, decimals, language) if percent else fmt_number(value, decimals, language)
    if _missing(low) or _missing(high):
        return shown
    scale = 100.0 if percent else 1.0
    lo, hi = float(low) * scale, float(high) * scale  # type: ignore[arg-type]
    d = 0 if hi >= 10 else 1
    lo_s, hi_s = fmt_number(lo, d, language), fmt_number(hi, d, language)
    if lo_s == hi_s:
        return shown  # every draw gave (rounded) the same: no range to show
    span = f"{lo_s}–{hi_s}"
    if percent:
        span += "\u00a0%" if lang(language) == "nl" else "%"
    return f"{shown} ({span})"


# --------------------------------------------------------------------------- notes

#: what a note's value may be
Param = Union[str, int, float, "Num", "Items", "Label", "Note", None]


@dataclass(frozen=True)
class Num:
    """A number in a note, written with the language's decimal sign when rendered."""

    value: float
    decimals: int = 1


@dataclass(frozen=True)
class Items:
    """A list in a note: ``a, b, c``, shortened past ``limit`` items, when rendered."""

    values: tuple[Param, ...]
    limit: int = 12


@dataclass(frozen=True)
class Label:
    """A code shown by its name in a note: a facility type, location model or method."""

    kind: Literal["type", "model", "method", "group", "series"]
    code: str


@dataclass(frozen=True)
class Note:
    """A message for the user, kept as a catalogue key and its values until it is read.

    Steps return notes as values; a summary, report or log line renders them in its own
    language (:meth:`render`), and ``provenance.json`` keeps them as they are
    (:meth:`to_json`), the same whatever the language of the run.
    """

    key: str
    params: tuple[tuple[str, Param], ...] = ()

    def __post_init__(self) -> None:
        if not has_text(self.key):
            raise KeyError(f"no message {self.key!r} in the text catalogue")

    def render(self, language: str | None = None) -> str:
        """Return the note in ``language`` (the language in effect by default)."""
        return text(self.key, language, **{k: _value(v, language) for k, v in self.params})

    def __str__(self) -> str:
        return self.render()

    def to_json(self) -> dict[str, Any]:
        """Return the note as JSON data (key and raw values), independent of language."""
        return {"key": self.key, "params": {k: _to_json(v) for k, v in self.params}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Note:
        """Return the note :meth:`to_json` wrote."""
        params = tuple((k, _from_json(v)) for k, v in data.get("params", {}).items())
        return cls(str(data["key"]), params)


def note(key: str, **params: Param) -> Note:
    """Return the :class:`Note` ``key`` with ``params`` (checked against the catalogue)."""
    return Note(key, tuple(params.items()))


def render(message: Note | str | dict[str, Any], language: str | None = None) -> str:
    """Return a note, a note's JSON (from ``provenance.json``) or plain text, as text.

    A record written by another version of wijkanalyse may hold a note this catalogue does
    not know, or with other values: it is shown as its key and values, not dropped.
    """
    if isinstance(message, dict):
        try:
            return Note.from_json(message).render(language)
        except (KeyError, IndexError, ValueError, TypeError):
            params = json.dumps(message.get("params", {}), ensure_ascii=False, sort_keys=True)
            return f"{message.get('key', '?')} {params}"
    return message.render(language) if isinstance(message, Note) else str(message)


def _value(value: Param, language: str | None) -> str:
    if isinstance(value, Note):
        return value.render(language)
    if isinstance(value, Num):
        return fmt_number(value.value, value.decimals, language)
    if isinstance(value, Items):
        return short_list((_value(v, language) for v in value.values), language, value.limit)
    if isinstance(value, Label):
        labels = {
            "type": type_label,
            "model": model_label,
            "method": method_label,
            "group": group_label,
            "series": series_label,
        }
        return labels[value.kind](value.code, language)
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int):
        return fmt_int(value, language)
    if isinstance(value, float):
        return fmt_number(value, 1, language)
    return str(value)


def _to_json(value: Param) -> Any:
    if isinstance(value, Note):
        return {"note": value.to_json()}
    if isinstance(value, Num):
        return {"number": value.value, "decimals": value.decimals}
    if isinstance(value, Items):
        return {"items": [_to_json(v) for v in value.values], "limit": value.limit}
    if isinstance(value, Label):
        return {"label": value.kind, "code": value.code}
    return value


def _from_json(value: Any) -> Param:
    if not isinstance(value, dict):
        return value
    if "note" in value:
        return Note.from_json(value["note"])
    if "number" in value:
        return Num(float(value["number"]), int(value["decimals"]))
    if "items" in value:
        return Items(tuple(_from_json(v) for v in value["items"]), int(value["limit"]))
    return Label(value["label"], str(value["code"]))
