"""User-facing text in Dutch (default) and English, and number formatting: the one catalogue.

Only text a user reads (CLI messages, summaries, maps, charts and the wijkrapport with its
templates) lives here, each message under a key with its ``nl`` and ``en`` text and the same
``{placeholders}``; :func:`text` picks and fills it. Code, identifiers and exceptions stay
English.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from wijkanalyse import settings
from wijkanalyse._texts import _TEXT, FACILITY_TYPE_LABELS

Language = Literal["nl", "en"]


def lang(language: str | None = None) -> Language:
    """Return the language in effect."""
    value = language or settings.language
    if value not in ("nl", "en"):
        raise ValueError(f"language must be 'nl' or 'en', got {value!r}")
    return value  # type: ignore[return-value]


def text(key: str, language: str | None = None, **values: object) -> str:
    """Return the message ``key`` in the language in effect, formatted with ``values``."""
    return _TEXT[key][lang(language)].format(**values)


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


_MODELS = {
    "mclp": ("maximale dekking (MCLP)", "maximal coverage (MCLP)"),
    "lscp": ("volledige dekking (LSCP)", "set covering (LSCP)"),
    "p_median": ("kortste totale tijd (p-mediaan)", "shortest total time (p-median)"),
    "p_center": ("kortste langste tijd (p-centrum)", "shortest longest time (p-center)"),
}


def model_label(model: str, language: str | None = None) -> str:
    """Return a readable name of a location model, e.g. ``maximale dekking (MCLP)``."""
    nl, en = _MODELS.get(model, (model, model))
    return nl if lang(language) == "nl" else en


def method_label(method: str, language: str | None = None) -> str:
    """Return a readable label of a distance method: ``netwerk``, ``hemelsbreed ×1,3``, …."""
    parts = []
    for m in method.split("+"):
        if m == "network":
            parts.append("netwerk" if lang(language) == "nl" else "network")
        elif m.startswith("euclidean_x"):
            factor = m.removeprefix("euclidean_x")
            if lang(language) == "nl":
                parts.append(f"hemelsbreed ×{factor.replace('.', ',')}")
            else:
                parts.append(f"straight line ×{factor}")
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
