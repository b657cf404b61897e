"""Plumbing shared by the readers: tables, codes, vintages and the memo.

Owns how a text or spreadsheet table is read (CSV/TXT/XLSX, optionally inside a zip;
encodings, separators, NA markers), how numbers with a decimal comma or point are parsed,
how column names are matched, how sector codes are cleaned and their vintage told, and
the memo that caches reads of catalogue datasets (bounded; :func:`clear_cache` empties it).
"""

from __future__ import annotations

import functools
import inspect
import io as _io
import re
import threading
import unicodedata
import zipfile
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from wijkanalyse import settings, vocab
from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._validate import Problems, check_sector_codes, listing
from wijkanalyse.datasets import CATALOGUE, Dataset, Source, SourceLike, resolve_source

__all__ = ["clear_cache", "vintage_from_year"]


#: Reason codes used in ``*_na_reason`` columns.
SUPPRESSED = vocab.SUPPRESSED_BY_SOURCE
ABSENT = vocab.ABSENT_FROM_SOURCE
MISSING = "missing_in_source"


_VINTAGES = (2001, 2011, 2019, 2024, 2025)
_TABLE_SUFFIXES = (".csv", ".txt", ".xlsx", ".xls", ".tsv")
#: Cell values read as missing in text tables: empty, and R's ``NA`` (several mirror files
#: were written by R).
_NA_MARKERS = ("", "NA")
_MOJIBAKE_RE = re.compile("[ÃÂ][\u0080-\u00bf]")


# --------------------------------------------------------------------------- memo


_F = TypeVar("_F", bound=Callable[..., Any])

#: Most reads the memo keeps; the least recently used goes first. A study of Leuven makes 18
#: catalogue reads (about 50 MB of frames, none above 10 MB), so 32 keeps a whole run's reads
#: with room for other options or a second working CRS, without keeping every file a long
#: session ever touched.
_MEMO_MAXSIZE = 32
_MEMO: OrderedDict[tuple[object, ...], Any] = OrderedDict()
_MEMO_LOCK = threading.Lock()
_NOT_CACHED = object()


def clear_cache() -> None:
    """Forget every catalogue read memoised in this process.

    The next read of a dataset reads its file again. Reads of paths are never memoised.
    """
    with _MEMO_LOCK:
        _MEMO.clear()


def _memo_key(func: Callable[..., Any], ds: Dataset, kwargs: dict[str, Any]) -> tuple[object, ...]:
    """Return everything a memoised read depends on.

    The reader, the catalogue entry (its sha256 pins the file's bytes, and its layer,
    encoding and vintage are the reader's defaults), the options, the working CRS (the
    geometries are reprojected to it) and the bounds of Belgium (a read outside them fails).
    Where the file comes from (mirror, cache, download) does not matter: its bytes are
    checked against the sha256.
    """
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in kwargs.items()))
    bounds = tuple(sorted(settings.belgium_bounds.items()))
    return (func.__module__, func.__qualname__, ds, frozen, settings.working_crs, bounds)


def _copy(value: Any) -> Any:
    """Return a copy the caller may change: a frame, or a dataclass of frames."""
    if is_dataclass(value) and not isinstance(value, type):
        frames = {
            f.name: getattr(value, f.name).copy()
            for f in fields(value)
            if isinstance(getattr(value, f.name), pd.DataFrame)
        }
        return replace(value, **frames)
    return value.copy()


def _memo(func: _F) -> _F:
    """Cache reads of catalogue datasets in this process; callers get a copy.

    Catalogue files are verified by hash and never change, so reading one twice with the
    same arguments gives the same frame. Paths are never cached. The memo keeps the
    :data:`_MEMO_MAXSIZE` most recently used reads, keyed on everything they depend on (see
    :func:`_memo_key`); :func:`clear_cache` empties it. It is thread-safe: two threads that
    miss the same key at once both read, and one result is kept.

    A :class:`~wijkanalyse.datasets.Source` is unwrapped here: its options that the reader
    takes become keyword arguments (explicit ones other than ``None`` win), the others do
    not apply to it.
    """
    params = inspect.signature(func).parameters
    default = params["source"].default

    @functools.wraps(func)
    def wrapper(source: object = default, *args: Any, **kwargs: Any) -> Any:
        if source is inspect.Parameter.empty:
            raise TypeError(f"{func.__name__}() missing the required argument 'source'")
        if isinstance(source, Source):
            options = {k: v for k, v in source.options.items() if k in params}
            given = {k: v for k, v in kwargs.items() if v is not None or k not in options}
            kwargs = {**options, **given}
            source = source.source
        if args or not (isinstance(source, str) and source in CATALOGUE):
            return func(source, *args, **kwargs)
        key = _memo_key(func, CATALOGUE[source], kwargs)
        try:
            hash(key)
        except TypeError:
            return func(source, **kwargs)
        with _MEMO_LOCK:
            value = _MEMO.get(key, _NOT_CACHED)
            if value is not _NOT_CACHED:
                _MEMO.move_to_end(key)
        if value is _NOT_CACHED:
            value = func(source, **kwargs)
            with _MEMO_LOCK:
                _MEMO[key] = value
                while len(_MEMO) > _MEMO_MAXSIZE:
                    _MEMO.popitem(last=False)
        return _copy(value)

    return wrapper  # type: ignore[return-value]


# --------------------------------------------------------------------------- helpers


def vintage_from_year(year: int) -> int:
    """Return the sector-code vintage in force on 1 January of ``year``.

    Statbel's codes changed in 2019 (municipal mergers), in 2020 (the "statsec2024" codes,
    valid 2020–2024) and in 2025 (the new sectors). Earlier years use the 2011 codes.

    Examples
    --------
    >>> vintage_from_year(2021), vintage_from_year(2025), vintage_from_year(2013)
    (2024, 2025, 2011)
    """
    if year >= 2025:
        return 2025
    if year >= 2020:
        return 2024
    if year == 2019:
        return 2019
    return 2011


def _norm(name: object) -> str:
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    return re.sub(r"[^0-9a-z]+", "_", text.strip().lower()).strip("_")


def _find(frame: pd.DataFrame, *candidates: str, pattern: str | None = None) -> str | None:
    """Return the first column whose normalised name is a candidate (or matches pattern)."""
    normed = {_norm(c): c for c in frame.columns}
    for cand in candidates:
        if _norm(cand) in normed:
            return str(normed[_norm(cand)])
    if pattern is not None:
        for n, c in normed.items():
            if re.fullmatch(pattern, n):
                return str(c)
    return None


def _label(path: Path, ds: Dataset | None) -> str:
    return f"dataset {ds.id!r} ({path.name})" if ds else f"file {path.name!r}"


def _check_not_empty(path: Path, label: str) -> None:
    if path.is_file() and path.stat().st_size == 0:
        raise DataError(f"{label} is empty (0 bytes). Download it again or check the path.")


def _zip_members(path: Path, suffixes: Sequence[str]) -> list[str]:
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
    except zipfile.BadZipFile as exc:
        raise DataError(f"{path.name!r} is not a valid zip archive ({exc}).") from exc
    return [
        n
        for n in names
        if n.lower().endswith(tuple(suffixes))
        and not n.startswith("__MACOSX")
        and not n.endswith("/")
    ]


def _pick_member(path: Path, suffixes: Sequence[str], member: str | None, what: str) -> str:
    members = _zip_members(path, suffixes)
    if member is not None:
        if member not in members:
            raise DataError(
                f"zip {path.name!r} has no member {member!r}; {what} members: "
                f"{listing(members) or 'none'}."
            )
        return member
    if not members:
        raise DataError(
            f"zip {path.name!r} holds no {what} file (looked for {', '.join(suffixes)})."
        )
    if len(members) > 1:
        # a shapefile zip can hold one .shp plus no other vector file; otherwise ask
        raise DataError(
            f"zip {path.name!r} holds several {what} files: {listing(members)}. Pass member=... "
            "to choose one."
        )
    return members[0]


def _decode(raw: bytes, encoding: str, label: str) -> str:
    if not raw.strip():
        raise DataError(f"{label} is empty: it has no header and no rows.")
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = raw[exc.start : exc.start + 1].hex()
        line = raw[: exc.start].count(b"\n") + 1
        other = "cp1252" if encoding.replace("-", "").lower().startswith("utf8") else "utf-8"
        raise DataError(
            f"{label} is not valid {encoding} text (byte 0x{bad} on line {line}). Statbel and "
            f"PinC files are UTF-8 (often with BOM) or cp1252/latin-1: pass encoding='{other}'."
        ) from exc
    head = text[:200_000]
    if encoding.lower().replace("-", "") in {"cp1252", "latin1", "iso88591", "windows1252"}:
        hits = _MOJIBAKE_RE.findall(head)
        if len(hits) >= 3:
            raise DataError(
                f"{label} looks like UTF-8 text read as {encoding} (garbled characters such as "
                f"{listing(sorted(set(hits)), 4)}): pass encoding='utf-8'."
            )
    return text.lstrip("\ufeff")


def _sniff_sep(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in ("|", ";", "\t", ",")}
    sep, n = max(counts.items(), key=lambda kv: kv[1])
    return sep if n else ","


def _read_table(
    path: Path,
    *,
    label: str,
    encoding: str | None = None,
    sep: str | None = None,
    sheet: str | int | None = None,
    member: str | None = None,
) -> pd.DataFrame:
    """Read a CSV/TXT/XLSX table (optionally inside a zip) as text columns."""
    _check_not_empty(path, label)
    suffix = path.suffix.lower()
    raw: bytes | None = None
    name = path.name
    if suffix == ".zip":
        name = _pick_member(path, _TABLE_SUFFIXES, member, "table")
        with zipfile.ZipFile(path) as zf:
            raw = zf.read(name)
        label = f"{label} member {name!r}"
        suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xls"):
        source: Any = _io.BytesIO(raw) if raw is not None else path
        try:
            frame = pd.read_excel(
                source,
                sheet_name=0 if sheet is None else sheet,
                dtype=str,
                engine="calamine",
            )
        except ValueError as exc:
            raise DataError(f"{label} cannot be read as a spreadsheet: {exc}") from exc
        if frame.shape[1] == 0:
            raise DataError(f"{label} is empty: its sheet has no header and no rows.")
    elif suffix in (".csv", ".txt", ".tsv") or raw is not None:
        if raw is None:
            raw = path.read_bytes()
        text = _decode(raw, encoding or "utf-8-sig", label)
        try:
            frame = pd.read_csv(
                _io.StringIO(text),
                sep=sep or _sniff_sep(text),
                dtype=str,
                keep_default_na=False,
                na_values=list(_NA_MARKERS),
                skipinitialspace=True,
            )
        except pd.errors.ParserError as exc:
            raise DataError(f"{label} cannot be parsed as a delimited table: {exc}") from exc
    else:
        raise DataError(
            f"{label}: unsupported table format {suffix!r}; use CSV/TXT (optionally zipped) "
            "or XLSX."
        )
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    for col in frame.columns:
        frame[col] = _strip_cells(frame[col])
    if len(frame) == 0:
        raise DataError(f"{label} has a header but no rows.")
    return frame


def _open_table(
    source: SourceLike,
    *,
    encoding: str | None = None,
    sheet: str | int | None = None,
    member: str | None = None,
) -> tuple[pd.DataFrame, Path, Dataset | None, str]:
    """Resolve a dataset id or path and read it as a text table (catalogue encoding first)."""
    path, ds = resolve_source(source)
    label = _label(path, ds)
    frame = _read_table(
        path,
        label=label,
        encoding=encoding or (ds.encoding if ds else None),
        sheet=sheet,
        member=member,
    )
    return frame, path, ds, label


def _strip_cells(values: pd.Series) -> pd.Series:
    """Return a column read as text with its text cells stripped and missing cells None."""
    s = values.astype("object")
    missing = s.isna().to_numpy()
    stripped = s.str.strip().astype("object")  # NaN where a cell is not text
    other = stripped.isna().to_numpy() & ~missing
    if other.any():  # a value that is not text (not from a table read as text) stays as is
        stripped[other] = s[other]
    stripped[missing] = None
    return stripped


def _to_number(values: pd.Series, *, what: str, missing: Iterable[str] = ()) -> pd.Series:
    """Parse numbers written with a decimal point or a decimal comma; ``missing`` → NA."""
    s = values.astype("object").reset_index(drop=True)  # positions: the index may repeat
    text = s[s.notna()].astype(str).str.strip()
    text = text[~text.isin(set(missing))]
    text = text.str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False)
    comma = text.str.contains(",", regex=False)
    point = text.str.contains(".", regex=False)
    only_comma, only_point = comma & ~point, point & ~comma
    if only_comma.any() and only_point.any():
        first = [int(m.index.to_numpy()[m.to_numpy()][0]) for m in (only_comma, only_point)]
        examples = [s.iloc[i] for i in first]
        raise SchemaError(
            f"{what} mixes decimal commas and decimal points ({listing(map(repr, examples))}); "
            "the numbers are ambiguous. Make the column use one convention."
        )
    text[comma] = text[comma].map(_normalise_decimal)
    num = pd.to_numeric(text, errors="coerce")
    bad = num.index[num.isna()]
    if len(bad):
        raise SchemaError(
            f"{what} has {len(bad)} values that are not numbers: "
            f"{listing(repr(v) for v in s[bad].unique())}."
        )
    out = pd.Series(pd.NA, index=s.index, dtype="Float64")
    out[num.index] = num
    return out.set_axis(values.index)


def _normalise_decimal(value: object) -> object:
    """Turn '1.234,5' and '12,5' (decimal comma) and '1,234.5' into Python notation.

    With both separators, the last one is the decimal separator; with only commas, the
    comma is the decimal separator (Statbel's convention).
    """
    if not isinstance(value, str) or "," not in value:
        return value
    if "." in value and value.rfind(".") > value.rfind(","):
        return value.replace(",", "")
    return value.replace(".", "").replace(",", ".")


def _blank(value: object) -> bool:
    """Return True for None, NaN and pandas NA."""
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))


def _clean_codes(values: pd.Series) -> pd.Series:
    """Strip whitespace and an Excel-added '.0' from code strings; keep NA."""
    s = values.astype("object")
    given = s.notna().to_numpy()
    text = s[given].astype(str).str.strip().str.replace(r"^(\d+)\.0$", r"\1", regex=True)
    cleaned = np.full(len(s), None, dtype=object)
    cleaned[given] = [t or None for t in text.to_numpy()]
    return pd.Series(cleaned, index=values.index, dtype="object")


def _vintage_hint(vintage: int | None, label: str, *, year: int | None = None) -> int:
    if vintage is not None:
        if vintage not in _VINTAGES:
            raise SchemaError(
                f"vintage must be one of {', '.join(map(str, _VINTAGES))} (2024 stands for the "
                f"2020-2024 codes); got {vintage!r}."
            )
        return vintage
    if year is not None:
        return vintage_from_year(year)
    raise SchemaError(
        f"cannot tell the sector-code vintage of {label}: pass vintage=2024 (codes of "
        "2020-2024), 2025, 2019 or 2011. wijkanalyse.areas.detect_vintage(codes) can suggest "
        "it from the codes."
    )


def _year_in_name(name: str) -> int | None:
    m = re.search(r"(?<!\d)(20\d{2}|19\d{2})(?:0101)?(?!\d)", name)
    return int(m.group(1)) if m else None


def _finish_sector_table(
    frame: pd.DataFrame, code_col: str, *, label: str, problems: Problems, duplicates: str = "error"
) -> pd.DataFrame:
    codes = _clean_codes(frame[code_col])
    frame = frame.assign(**{code_col: codes})
    check_sector_codes(
        codes, source=label, problems=problems, allow_duplicates=duplicates != "error"
    )
    return frame
