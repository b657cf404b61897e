"""Find a Flemish municipality, arrondissement or province by its name or NIS code.

:func:`find_area` knows the municipalities as they are today (the mergers of 1 January
2025 included), as they were in 2024, and those merged in 2019 by their old names;
:func:`area_name` gives the level and name of a code.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from wijkanalyse._errors import DataError
from wijkanalyse._validate import close_matches, listing
from wijkanalyse.areas.regions import _FLANDERS, FLEMISH_PROVINCES, in_brussels
from wijkanalyse.areas.vintages import _full_hierarchy

__all__ = [
    "AreaMatch",
    "area_name",
    "find_area",
]


def _name_key(name: str) -> str:
    """Compare names without case, accents, punctuation and '(Arr.)'/'(Prov.)' prefixes."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    text = re.sub(r"\((arr|prov)\.?\)", " ", text.casefold()).strip()
    text = re.sub(r"^(arrondissement|arr\.?|provincie|province|prov\.?|gemeente|stad)\s+", "", text)
    return re.sub(r"[^a-z0-9]+", "", text)


@dataclass(frozen=True)
class AreaMatch:
    """The result of :func:`find_area`: the area's NIS code, official name and level.

    Attributes
    ----------
    code, name, level
        NIS code (``"flanders"`` for the Flemish Region), name, and one of ``gemeente``,
        ``arrondissement``, ``provincie``, ``gewest``.
    asked
        The text that was looked up.
    formed_from
        For a municipality formed on 1 January 2025 and found by a name it shares with one
        of its parts (Hasselt): the codes of the 2024 municipalities it was formed from.
    before
        The 2024 municipality of that same name (Hasselt 71022).
    merged_into
        For a 2024 municipality that merged on 1 January 2025 (Melle): the new code.
    former
        For a municipality found by the name of one merged into it in 2019 (Overpelt):
        that former municipality's code and name.
    """

    code: str
    name: str
    level: str
    asked: str = ""
    formed_from: tuple[str, ...] = ()
    before: str | None = None
    merged_into: str | None = None
    former: tuple[str, str] | None = None

    @property
    def note(self) -> str:
        """What the lookup decided, in English (empty when nothing needs saying)."""
        if self.formed_from:
            return (
                f"{self.asked!r} is NIS {self.code}, the municipality since 1 January 2025 "
                f"(formed from {listing(self.formed_from)}); give {self.before} to study the "
                "municipality as it was before."
            )
        if self.merged_into:
            found = area_name(self.merged_into)
            return (
                f"{self.name} ({self.code}) merged into {found[1] if found else ''} "
                f"({self.merged_into}) on 1 January 2025; this is the municipality as it was "
                f"before (give {self.merged_into} for the new one)."
            )
        if self.former:
            return (
                f"{self.former[1]} ({self.former[0]}) merged into {self.name} ({self.code}) in "
                "2019; the study covers all of it."
            )
        return ""


def find_area(text: str, *, region: bool = False) -> AreaMatch:
    """Return the municipality (or, with ``region=True``, the region) that ``text`` names.

    ``text`` is a NIS code or a name, compared without case, accents and punctuation
    (``"sint-truiden"``, ``"Sint Truiden"``). A name that is both a municipality before and
    after the mergers of 1 January 2025 (e.g. Hasselt: 71022, since 2025 71072 with
    Kortessem) gives today's municipality; a municipality merged in 2019 (Overpelt) gives
    the one it merged into. With ``region=True`` the text names an arrondissement
    (``"Leuven (Arr.)"``, ``"arrondissement Leuven"``, ``"arr. Leuven"``), a province
    (``"Limburg"``) or Flanders (``"flanders"``, ``"vlaanderen"``).

    Raises
    ------
    DataError
        No Flemish area has that name or code (close names are listed; a place in Brussels
        or Wallonia, or the wrong kind of area, is named as such), or the name is ambiguous
        (every match is listed with its code).

    Examples
    --------
    >>> find_area("Tienen").code
    '24107'
    >>> find_area("Vlaams-Brabant", region=True).level
    'provincie'
    """
    key = " ".join(str(text).split())
    kind = "an arrondissement or a province of Flanders" if region else "a Flemish municipality"
    if not key:
        raise DataError(f"no area given: name {kind} or give its NIS code.")
    if key.lower() in _FLANDERS:
        if region:
            return AreaMatch("flanders", "Vlaams Gewest", "gewest", asked=key)
        raise DataError(f"{key!r} is the Flemish Region, not a municipality; use --region.")
    digits = key.replace(" ", "")
    if re.fullmatch(r"\d{4,5}", digits):
        return _area_by_code(digits.zfill(5), key, region=region)
    candidates = _area_names(region)
    hits = [c for c, (n, _) in candidates.items() if _name_key(n) == _name_key(key)]
    if not hits:
        raise DataError(_no_area_named(key, region, candidates))
    if len(hits) > 1 and not region:
        successor = _successors()
        current = [c for c in hits if successor.get(c, c) == c]
        if len(current) == 1:
            members = tuple(sorted(c for c, nxt in successor.items() if nxt == current[0]))
            name, level = candidates[current[0]]
            before = next(c for c in hits if c != current[0])
            return AreaMatch(current[0], name, level, asked=key, formed_from=members, before=before)
    if len(hits) > 1:
        raise DataError(
            f"{key!r} names more than one area: "
            + listing(f"{candidates[c][1]} {candidates[c][0]} ({c})" for c in hits)
            + "; give the NIS code."
        )
    code = hits[0]
    name, level = candidates[code]
    if code.startswith("old:"):  # a municipality merged in 2019: today's one
        old = code.removeprefix("old:")
        now = _today_of_2011(old)
        found = area_name(now)
        return AreaMatch(now, found[1] if found else now, "gemeente", asked=key, former=(old, name))
    merged = _successors().get(code, code)
    return AreaMatch(code, name, level, asked=key, merged_into=merged if merged != code else None)


def _area_by_code(code: str, asked: str, *, region: bool) -> AreaMatch:
    found = area_name(code)
    if found is None:
        raise DataError(_not_flemish(code, asked, region))
    level, name = found
    if region and level == "gemeente":
        raise DataError(
            f"{code} is the municipality {name}, not an arrondissement or a province; use "
            "--municipality for one municipality."
        )
    if not region and level != "gemeente":
        raise DataError(f"{code} is the {level} {name}, not a municipality; use --region for it.")
    merged = _successors().get(code, code) if level == "gemeente" else code
    return AreaMatch(code, name, level, asked=asked, merged_into=merged if merged != code else None)


def _area_names(region: bool) -> dict[str, tuple[str, str]]:
    """Code → (name, level) of the Flemish areas a lookup may find."""
    h24 = _full_hierarchy(2024)
    flemish = h24[h24["provincie"].isin(FLEMISH_PROVINCES)]
    out: dict[str, tuple[str, str]] = {}
    for level in ("arrondissement", "provincie") if region else ("gemeente",):
        rows = flemish[[level, f"{level}_name"]].drop_duplicates()
        for c, n in zip(rows[level], rows[f"{level}_name"], strict=True):
            out[str(c)] = (str(n), level)
    if region:
        return out
    h25 = _full_hierarchy(2025)
    new = h25[h25["provincie"].isin(FLEMISH_PROVINCES)].drop_duplicates("gemeente")
    for c, n in zip(new["gemeente"], new["gemeente_name"], strict=True):
        out.setdefault(str(c), (str(n), "gemeente"))
    # municipalities merged on 1 January 2019, by their 2011 names
    h11 = _full_hierarchy(2011)
    old = h11[h11["provincie"].isin(FLEMISH_PROVINCES)].drop_duplicates("gemeente")
    known = {_name_key(n) for n, _ in out.values()}
    for c, n in zip(old["gemeente"], old["gemeente_name"], strict=True):
        if str(c) not in out and _name_key(str(n)) not in known:
            out[f"old:{c}"] = (str(n), "gemeente")
    return out


@functools.lru_cache(maxsize=1)
def _successors() -> dict[str, str]:
    """2024 municipality → the municipality it belongs to since 1 January 2025.

    One cached table: it is read from hash-verified catalogue tables that never change.
    """
    h24 = _full_hierarchy(2024)
    rows = h24.drop_duplicates("gemeente")
    return {str(a): str(b) for a, b in zip(rows["gemeente"], rows["gemeente_2025"], strict=True)}


def _today_of_2011(code: str) -> str:
    """Return the 2024 municipality that holds the sectors of a 2011 municipality."""
    h11, h24 = _full_hierarchy(2011), _full_hierarchy(2024)
    sectors = h11.index[h11["gemeente"] == code]
    now = h24.loc[h24.index.intersection(sectors), "gemeente"]
    return str(now.mode().iloc[0]) if len(now) else code


def _not_flemish(code: str, asked: str, region: bool) -> str:
    kind = "region" if region else "municipality"
    if in_brussels(code):
        return (
            f"{asked} lies in the Brussels-Capital Region; wijkanalyse studies Flemish "
            f"municipalities (energy, open space and wijk outlines cover Flanders only)."
        )
    h11 = _full_hierarchy(2011)
    for level in ("gemeente", "arrondissement", "provincie"):
        hit = h11.loc[h11[level] == code, f"{level}_name"]
        if len(hit):
            return (
                f"{code} ({hit.iloc[0]}) lies outside Flanders; wijkanalyse studies Flemish "
                f"municipalities."
            )
    return f"{code} is not the NIS code of a Flemish {kind}."


def _no_area_named(key: str, region: bool, candidates: dict[str, tuple[str, str]]) -> str:
    kind = "an arrondissement or a province of Flanders" if region else "a Flemish municipality"
    other = _area_names(not region)
    if any(_name_key(n) == _name_key(key) for n, _ in other.values()):
        option = "--municipality" if region else "--region"
        what = "a municipality" if region else "an arrondissement or a province"
        return f"{key!r} is {what}, not {kind}; use {option}."
    h11 = _full_hierarchy(2011)
    for level in ("gemeente", "arrondissement", "provincie"):
        rows = h11.drop_duplicates(level)
        for c, n, prov in zip(rows[level], rows[f"{level}_name"], rows["provincie"], strict=True):
            parts = {_name_key(x) for x in re.split(r"[/-]", str(n))} | {_name_key(str(n))}
            if _name_key(key) in parts and prov not in FLEMISH_PROVINCES:
                return _not_flemish(str(c), f"{key!r} ({c})", region)
    names = {n: c.removeprefix("old:") for c, (n, _) in candidates.items()}
    close = close_matches(key, names)
    hint = f" Did you mean {listing(f'{n} ({names[n]})' for n in close)}?" if close else ""
    return f"{key!r} is not the name of {kind}.{hint}"


def area_name(code: str) -> tuple[str, str] | None:
    """Return ``(level, name)`` of a Flemish municipality, arrondissement or province code.

    Municipalities formed on 1 January 2025 are known by their new name.
    """
    h24 = _full_hierarchy(2024)
    flemish = h24[h24["provincie"].isin(FLEMISH_PROVINCES)]
    for level in ("gemeente", "arrondissement", "provincie"):
        hit = flemish.loc[flemish[level] == code, f"{level}_name"]
        if len(hit):
            return level, str(hit.iloc[0])
    h25 = _full_hierarchy(2025)
    hit = h25.loc[
        (h25["gemeente"] == code) & h25["provincie"].isin(FLEMISH_PROVINCES), "gemeente_name"
    ]
    if len(hit):
        return "gemeente", str(hit.iloc[0])
    return None
