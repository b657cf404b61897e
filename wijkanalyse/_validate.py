"""Validation at the boundary: collect every problem of an input, then raise once.

A :class:`Problems` collector gathers messages; :meth:`Problems.raise_if_any` raises one error
that lists all of them. The ``check_*`` helpers add to a collector (or raise directly where
nothing else can be checked without the answer).
"""

from __future__ import annotations

import difflib
import re
import warnings
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NoReturn

import numpy as np
import pandas as pd
from pyproj import CRS

from wijkanalyse import settings
from wijkanalyse._errors import WARNING_PREFIX, CRSError, DataError, DataWarning, SchemaError

if TYPE_CHECKING:
    import geopandas as gpd

#: A Statbel statistical-sector code: the 5-digit NIS code of the municipality (it does
#: not start with 0) followed by 4 characters: upper-case letters, digits or ``-``. Examples:
#: ``24062A00-``, ``24062E73L``, ``1100212MQ``, ``24062ZZZZ`` (unlocated residents).
SECTOR_CODE_RE = re.compile(r"^[1-9][0-9]{4}[A-Z0-9][A-Z0-9-]{3}$")

#: A NIS5 municipality code.
NIS5_RE = re.compile(r"^[1-9][0-9]{4}$")

_MAX_LISTED = 8


def listing(values: Iterable[object], limit: int = _MAX_LISTED) -> str:
    """Return a short, readable listing of values: ``a, b, c`` or ``a, b, … (12 in all)``."""
    items = [str(v) for v in values]
    if len(items) <= limit:
        return ", ".join(items)
    return ", ".join(items[:limit]) + f", … ({len(items)} in all)"


def close_matches(word: str, candidates: Iterable[str], n: int = 5) -> list[str]:
    """Return up to ``n`` candidates that resemble ``word`` (case-insensitive)."""
    cands = list(candidates)
    lower = {c.lower(): c for c in cands}
    found = difflib.get_close_matches(word.lower(), list(lower), n=n, cutoff=0.6)
    hits = [lower[f] for f in found]
    # substring hits come first when difflib misses them
    for c in cands:
        if word.lower() in c.lower() and c not in hits:
            hits.append(c)
    return hits[:n]


class Problems:
    """Collect every problem with one input before raising once.

    Parameters
    ----------
    what
        What is being checked, e.g. ``"population table 'census.csv'"``. It starts the
        error message.

    Examples
    --------
    >>> p = Problems("study file 'x.toml'")
    >>> p.add("unknown key 'foo'")
    >>> p.add("'municipality' must be a NIS5 code, got '2406'")
    >>> try:
    ...     p.raise_if_any(SchemaError)
    ... except SchemaError as e:
    ...     print(e)
    study file 'x.toml' has 2 problems:
      - unknown key 'foo'
      - 'municipality' must be a NIS5 code, got '2406'
    """

    def __init__(self, what: str):
        self.what = what
        self.messages: list[str] = []
        self.error_class: type[DataError] = DataError

    def add(self, message: str, error_class: type[DataError] | None = None) -> None:
        """Record one problem; ``error_class`` sets the class raised (the most specific wins)."""
        self.messages.append(message)
        if error_class is not None and issubclass(error_class, self.error_class):
            self.error_class = error_class

    def __bool__(self) -> bool:
        return bool(self.messages)

    def __len__(self) -> int:
        return len(self.messages)

    def raise_if_any(self, error_class: type[DataError] | None = None) -> None:
        """Raise one error that lists every recorded problem, if there is any."""
        if not self.messages:
            return
        cls = error_class or self.error_class
        if len(self.messages) == 1:
            raise cls(f"{self.what}: {self.messages[0]}")
        body = "\n".join(f"  - {m}" for m in self.messages)
        raise cls(f"{self.what} has {len(self.messages)} problems:\n{body}")


def fail(error_class: type[DataError], message: str) -> NoReturn:
    """Raise ``error_class(message)``; a helper for one-line checks."""
    raise error_class(message)


def require_columns(
    frame: pd.DataFrame,
    required: Sequence[str],
    *,
    source: str,
    hint: str | None = None,
    problems: Problems | None = None,
) -> None:
    """Check that ``frame`` has every column in ``required``.

    The message lists the missing columns, the columns found and, when given, how to fix it
    (``hint``, e.g. ``"Pass code_col='cd_sector'."``).
    """
    missing = [c for c in required if c not in frame.columns]
    if not missing:
        return
    found = listing(map(str, frame.columns), limit=20)
    what = "column" if len(missing) == 1 else "columns"
    msg = f"{source} lacks {what} {listing(repr(m) for m in missing)} (found: {found})."
    if hint:
        msg += f" {hint}"
    if problems is None:
        raise SchemaError(msg)
    problems.add(msg, SchemaError)


def check_sector_codes(
    codes: pd.Series | pd.Index, *, source: str, problems: Problems, allow_duplicates: bool = False
) -> None:
    """Record malformed, missing and duplicate statistical-sector codes."""
    values = pd.Series(codes, dtype="object")
    missing = values.isna()
    if missing.any():
        problems.add(f"{int(missing.sum())} rows have no sector code.")
    present = values[~missing].astype(str)
    bad = present[~present.str.fullmatch(SECTOR_CODE_RE)]
    if len(bad):
        examples = listing(repr(v) for v in bad.unique())
        problems.add(
            f"{len(bad)} malformed sector codes: {examples}. A sector code has 9 characters: "
            "the 5-digit NIS code of the municipality and 4 upper-case letters, digits or '-' "
            "(e.g. '24062A00-'). Read codes as text so trailing '-' and letters survive."
        )
    if not allow_duplicates:
        dup = present[present.duplicated(keep=False)]
        if len(dup):
            problems.add(
                f"{dup.nunique()} sector codes occur more than once: {listing(dup.unique())}. "
                "Each sector must appear once; aggregate the rows first or pass "
                "duplicates='sum' where the reader offers it."
            )


def check_nis5(code: str, *, what: str) -> str:
    """Return ``code`` as a NIS5 string or raise a :class:`SchemaError`."""
    text = str(code).strip()
    if not NIS5_RE.fullmatch(text):
        raise SchemaError(
            f"{what} must be a 5-digit NIS code such as '24062' (Leuven), got {code!r}."
        )
    return text


def crs_label(crs: object) -> str:
    """Return ``EPSG:xxxx`` for a CRS when it has an EPSG code, else its name."""
    c = CRS.from_user_input(crs)
    epsg = c.to_epsg()
    return f"EPSG:{epsg}" if epsg else c.name


def check_projected(gdf: gpd.GeoDataFrame | gpd.GeoSeries, *, what: str) -> None:
    """Raise :class:`CRSError` when ``gdf`` has no CRS or a geographic one."""
    if gdf.crs is None:
        raise CRSError(
            f"{what} has no CRS. Set it with .set_crs(...) (e.g. 'EPSG:31370') before "
            "computing distances or areas."
        )
    if gdf.crs.is_geographic:
        raise CRSError(
            f"{what} is in a geographic CRS ({crs_label(gdf.crs)}, degrees); distances and "
            f"areas need metres. Reproject first: .to_crs('{settings.working_crs}')."
        )


def check_same_crs(
    a: gpd.GeoDataFrame | gpd.GeoSeries,
    b: gpd.GeoDataFrame | gpd.GeoSeries,
    *,
    names: tuple[str, str],
) -> None:
    """Raise :class:`CRSError` when two inputs have different CRSs."""
    if a.crs is None or b.crs is None or not a.crs.equals(b.crs):
        la = crs_label(a.crs) if a.crs is not None else "no CRS"
        lb = crs_label(b.crs) if b.crs is not None else "no CRS"
        raise CRSError(
            f"{names[0]} is in {la} but {names[1]} is in {lb}. Bring them to one CRS first, "
            f"e.g. {names[1]}.to_crs({names[0]}.crs)."
        )


def check_in_belgium(
    gdf: gpd.GeoDataFrame | gpd.GeoSeries,
    *,
    source: str,
    problems: Problems,
    axis_fix: str | None = None,
) -> None:
    """Record coordinates that cannot be in Belgium under the stated CRS.

    This catches the two most common mix-ups: longitude/latitude values in a file or columns
    labelled EPSG:31370 (then every x is about 2–6 and every y about 49–52), and swapped axes
    (latitude in the longitude column, northing in the easting column), which is named as
    such rather than blamed on the CRS. ``axis_fix`` says how to swap them back (e.g. which
    column options to pass); without it the message says to swap them in the source.
    """
    if gdf.crs is None or len(gdf) == 0:
        return
    label = crs_label(gdf.crs)
    bounds = settings.belgium_bounds.get(label)
    geoms = gdf.geometry if hasattr(gdf, "geometry") else gdf
    geoms = geoms[~(geoms.isna() | geoms.is_empty)]
    if bounds is None or len(geoms) == 0:
        return
    b = geoms.bounds
    xmin, ymin, xmax, ymax = bounds
    outside = (b.minx < xmin) | (b.miny < ymin) | (b.maxx > xmax) | (b.maxy > ymax)
    if not outside.any():
        return
    n = int(outside.sum())
    ext = f"x {b.minx.min():.6g}..{b.maxx.max():.6g}, y {b.miny.min():.6g}..{b.maxy.max():.6g}"
    looks_lonlat = bool(
        (b.minx.min() >= -180)
        & (b.maxx.max() <= 180)
        & (b.miny.min() >= -90)
        & (b.maxy.max() <= 90)
    )
    msg = f"{n} of {len(geoms)} geometries lie outside Belgium for the stated CRS {label} ({ext})."
    swapped_in = (b.miny >= xmin) & (b.minx >= ymin) & (b.maxy <= xmax) & (b.maxx <= ymax)
    if swapped_in[outside].mean() >= 0.5 and swapped_in.sum() > (~outside).sum():
        # x holds the northing / latitude and y the easting / longitude: not a CRS problem
        what = "latitude/longitude" if label == "EPSG:4326" else "y/x"
        msg += (
            f" With x and y swapped, {int(swapped_in.sum())} of {len(geoms)} fall inside "
            f"Belgium: the coordinates are in {what} order, not a wrong CRS. "
            + (axis_fix or "Swap the x and y coordinates in the source.")
        )
    elif looks_lonlat and label != "EPSG:4326":
        msg += (
            " The values look like longitude/latitude: the data is probably EPSG:4326. Pass "
            "crs='EPSG:4326' (or lon_col/lat_col) instead of labelling it as projected metres."
        )
    else:
        msg += " Check the CRS of the source and pass the right one with crs=... ."
    problems.add(msg, CRSError)


def check_geometries(gdf: gpd.GeoDataFrame, *, source: str, problems: Problems) -> None:
    """Record invalid geometries, with the reason shapely gives for the first ones."""
    import shapely

    geoms = gdf.geometry
    present = geoms[~(geoms.isna() | geoms.is_empty)]
    invalid = present[~present.is_valid]
    if len(invalid):
        reasons = [
            f"{idx}: {shapely.is_valid_reason(g)}" for idx, g in invalid.head(_MAX_LISTED).items()
        ]
        problems.add(
            f"{len(invalid)} invalid geometries ({listing(reasons)}). Repair them first, "
            "e.g. gdf.geometry = gdf.geometry.make_valid(), and check the result.",
        )


def is_missing(value: object) -> bool:
    """Return True for None, NaN and pandas NA."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def as_nullable_int(
    values: pd.Series, *, what: str, na_values: Iterable[str] = (), first_row: int = 2
) -> pd.Series:
    """Convert to pandas nullable ``Int64``, refusing non-integral numbers.

    Cells equal to one of ``na_values`` (after stripping) become NA, never 0. Any other text
    is refused with the column, the rows (numbered as in a spreadsheet: the header is row 1,
    so the first data row is ``first_row``), the values and the way to read them as missing.
    """
    markers = {str(v).strip() for v in na_values}
    if markers:
        values = values.map(
            lambda v: None if isinstance(v, str) and v.strip() in markers else v
        ).astype("object")
    num = pd.to_numeric(values, errors="coerce")
    bad = values.notna() & num.isna()
    if bad.any():
        rows = [f"row {i + first_row}" for i in np.flatnonzero(bad.to_numpy())]
        found = [str(v) for v in values[bad].unique()]
        example = found[0]
        raise SchemaError(
            f"{what} has {int(bad.sum())} non-numeric values: {listing(found)} "
            f"({listing(rows)}). A count must be a whole number. If {example!r} means "
            f"'not available', pass na_values='{example}' to read such cells as missing "
            "(NA, never 0); otherwise put the count in the file."
        )
    frac = num.notna() & (np.floor(num) != num)
    if frac.any():
        raise SchemaError(f"{what} has non-integral counts: {listing(num[frac].unique())}.")
    return num.astype("Int64")


#: An edge length may fall short of its geometry by this much (metres) plus
#: :data:`EDGE_LENGTH_RTOL` of it before it is called wrong: sources round lengths (the
#: Leuven graph to the centimetre).
EDGE_LENGTH_ATOL = 0.01
EDGE_LENGTH_RTOL = 0.001


def check_edge_lengths(
    length: np.ndarray, reference: np.ndarray, *, source: str, ids: Sequence[object] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Return edge lengths that are never shorter than their geometry, and which were wrong.

    ``reference`` is the shortest length an edge can have: its line geometry's length, or the
    straight line between its end nodes (NaN where neither is known). A ``length_m`` that is
    missing, negative, zero or shorter than the reference by more than rounding
    (:data:`EDGE_LENGTH_ATOL` + :data:`EDGE_LENGTH_RTOL` × reference) is replaced by the
    reference, with a :class:`DataWarning` naming how many edges and how many km that
    concerns; such a length would make a route shorter than the straight line. A zero is
    trusted only where the reference is zero too. Lengths short of the reference by rounding
    only are raised to it silently. An edge that needs repair but has no reference is an
    error (:class:`DataError`).

    Examples
    --------
    >>> lengths, repaired = check_edge_lengths(
    ...     np.array([10.0, 4.996]), np.array([10.0, 5.0]), source="x"
    ... )
    >>> lengths, repaired
    (array([10.,  5.]), array([False, False]))
    """
    length = np.asarray(length, dtype=float)
    reference = np.asarray(reference, dtype=float)
    known = np.isfinite(reference)
    tol = EDGE_LENGTH_ATOL + EDGE_LENGTH_RTOL * np.where(known, reference, 0.0)
    finite = np.isfinite(length)
    short = known & finite & (length < reference - tol)
    wrong = ~finite | (length < 0) | short | (~known & (length == 0))
    lost = wrong & ~known
    if lost.any():
        labels = np.asarray(ids, dtype=object) if ids is not None else np.arange(len(length))
        raise DataError(
            f"{source}: {int(lost.sum())} edges have a missing, negative or impossible length_m "
            f"and no geometry to measure it from ({listing(labels[lost])}). Give every edge a "
            "length in metres, or a line geometry (or end nodes with coordinates)."
        )
    out = np.where(known, np.fmax(length, reference), length)
    out = np.where(wrong, reference, out)
    if wrong.any():
        km = float(reference[wrong].sum()) / 1000
        zero = int((finite & (length == 0) & wrong).sum())
        warnings.warn(
            f"{WARNING_PREFIX}{source}: {int(wrong.sum())} edges ({km:.2f} km by their "
            f"geometry) have a length_m that is missing, negative, zero ({zero} of them) or "
            "shorter than the straight line between their ends; their length is taken from "
            "the geometry. Correct length_m in the source to silence this.",
            DataWarning,
            stacklevel=3,
        )
    return out, wrong
