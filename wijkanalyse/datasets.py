"""Catalogue of the named open datasets wijkanalyse reads, and :func:`fetch` to get them.

Every dataset has a stable id (e.g. ``"statbel_census2021_age65"``), its provenance (publisher,
licence, the attribution text the licence asks for, the public source), the format, CRS and
statistical-sector vintage of the file, and the sha256 of the exact file the catalogue
describes.

:func:`fetch` returns a local path, looking in this order:

1. the **mirror**: a folder that holds the files under their catalogue paths
   (:func:`wijkanalyse.settings.resolved_data_mirror`; ``../shared/data`` next to the
   checkout by default). Mirror files are checked against the catalogue hash;
2. the **cache** (:func:`wijkanalyse.settings.resolved_cache_dir`);
3. a **download** into the cache, from the HTTP mirror ``WIJKANALYSE_DATA_URL`` when set, else
   from the dataset's public address. Downloads are verified against the sha256 (with
   pooch); a file that does not match is removed and an error raised.

Several files are conversions made when the data was collected (e.g. a shapefile turned into a
GeoPackage with its CRS set). They have no public address with identical bytes: ``url`` is
``None`` and ``derived`` says how they were made; such files come only from a mirror.

The entries themselves are plain data in :mod:`wijkanalyse._catalogue`; this module owns the
:class:`Dataset` record built from them, :data:`CATALOGUE`, :func:`fetch` and the resolution
of a ``source`` (dataset id, path or :class:`Source`) for the readers.

Examples
--------
>>> from wijkanalyse import datasets
>>> ds = datasets.get_dataset("statbel_census2021_age65")
>>> ds.vintage, ds.publisher
(2024, 'Statbel (Algemene Directie Statistiek)')
"""

from __future__ import annotations

import functools
import hashlib
import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, TypeAlias

import pandas as pd

from wijkanalyse import settings
from wijkanalyse._catalogue import ENTRIES
from wijkanalyse._catalogue import dutch as _dutch
from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._validate import close_matches, listing

__all__ = [
    "CATALOGUE",
    "READ_OPTIONS",
    "Dataset",
    "Source",
    "SourceLike",
    "catalogue_markdown",
    "dataset_of",
    "described",
    "fetch",
    "get_dataset",
    "identify",
    "list_datasets",
    "resolve_source",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Dataset:
    """One catalogued dataset: a single file, with its provenance.

    Attributes
    ----------
    id
        Stable identifier used in study files and :func:`fetch`.
    title
        Short description.
    publisher
        Who publishes the data.
    licence
        The licence, as stated by the source (or that none is stated).
    attribution
        The text the licence asks users to show.
    source_url
        The official landing page or original public file the data comes from.
    path
        Path of the file inside the mirror and the cache.
    format
        ``csv``, ``xlsx``, ``gpkg``, ...
    sha256
        Hash of the exact file this entry describes.
    coverage
        Area the data covers (e.g. ``"Belgium"``, ``"arrondissement Leuven"``).
    crs
        CRS of the geometries, if any.
    vintage
        Statistical-sector code vintage (2011, 2019, 2024 for 2020-2024 codes, 2025), if any.
    url
        Public address that serves a byte-identical file, or ``None``.
    derived
        How the catalogued file was made from the source when it is not a byte-identical copy.
    layer
        Layer to read, for multi-layer files.
    encoding
        Text encoding, for text files.
    reference_year
        Year the figures refer to (census 2021, income year 2021, sectors 2024), if any.
    complete
        For count tables: ``True`` when the table covers every unit with a non-zero count, so
        a sector absent from the table has a count of 0 (a census does); ``False`` otherwise.
    notes
        Caveats a user should know.
    extent
        NIS codes of the areas the data cover completely: municipalities, arrondissements,
        provinces, ``02000`` (Flemish Region), ``04000`` (Brussels) or ``01000`` (Belgium).
        Empty when the coverage is not a set of whole areas. See
        :func:`wijkanalyse.areas.not_covered`.
    facility_types
        For a facility source: the facility types it provides (for an OSM extract, the
        everyday types wijkanalyse reads from it by default).
    read_as
        For a facility source: how a study reads it, ``"register"`` or ``"osm"``, followed by
        the options of :func:`wijkanalyse.io.read_facilities` it needs as ``name=value``
        (e.g. ``("register", "facility_type=hospital", "name_col=ziekenhuis")``).
    """

    id: str
    title: str
    publisher: str
    licence: str
    attribution: str
    source_url: str
    path: str
    format: str
    sha256: str
    coverage: str
    crs: str | None = None
    vintage: int | None = None
    url: str | None = None
    derived: str | None = None
    layer: str | None = None
    encoding: str | None = None
    complete: bool = False
    reference_year: int | None = None
    notes: str = ""
    extent: tuple[str, ...] = ()
    facility_types: tuple[str, ...] = ()
    read_as: tuple[str, ...] = ()

    @property
    def read_options(self) -> dict[str, str]:
        """The reading options of a facility source (``read_as`` after its kind) as a dict."""
        return dict(opt.split("=", 1) for opt in self.read_as[1:])


_ENTRIES = [Dataset(**entry) for entry in ENTRIES]

#: The catalogue: dataset id → :class:`Dataset`.
CATALOGUE: dict[str, Dataset] = {d.id: d for d in _ENTRIES}
_BY_SHA256: dict[str, Dataset] = {d.sha256: d for d in _ENTRIES}


def get_dataset(dataset_id: str) -> Dataset:
    """Return the catalogue entry ``dataset_id``.

    Raises
    ------
    DataError
        When the id is unknown; the message lists close matches.
    """
    try:
        return CATALOGUE[dataset_id]
    except KeyError:
        pass
    hits = close_matches(dataset_id, CATALOGUE)
    hint = f" Did you mean: {', '.join(hits)}?" if hits else ""
    raise DataError(
        f"unknown dataset id {dataset_id!r}.{hint} `wijkanalyse datasets list` shows all "
        f"{len(CATALOGUE)} ids."
    )


#: digests of files seen in this process; keyed on path, size and modification time, so a
#: changed file is hashed again. Bounded: the catalogue has some 60 files.
_DIGESTS_KEPT = 256


def _sha256(path: Path) -> str:
    st = path.stat()
    return _digest(str(path.resolve()), st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=_DIGESTS_KEPT)
def _digest(path: str, size: int, mtime_ns: int) -> str:
    """Return the sha256 of ``path`` (``size`` and ``mtime_ns`` only key the cache)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _mirror_file(ds: Dataset) -> Path | None:
    mirror = settings.resolved_data_mirror()
    if mirror is None:
        return None
    path = mirror / ds.path
    if not path.is_file():
        return None
    digest = _sha256(path)
    if digest != ds.sha256:
        raise DataError(
            f"mirror file {path} does not match the catalogue entry {ds.id!r} (sha256 "
            f"{digest[:12]}…, expected {ds.sha256[:12]}…): the mirror holds another version. "
            "Replace the file with the catalogued version, or point WIJKANALYSE_DATA_MIRROR "
            "elsewhere."
        )
    return path


def _download_urls(ds: Dataset) -> list[str]:
    urls = []
    base = settings.resolved_download_base_url()
    if base:
        urls.append(base.rstrip("/") + "/" + ds.path)
    if ds.url:
        urls.append(ds.url)
    return urls


def _remove_empty_dirs(start: Path, stop: Path) -> None:
    d = start
    while d != stop and stop in d.parents:
        try:
            d.rmdir()
        except OSError:
            return
        d = d.parent


def fetch(dataset_id: str, *, progress: bool = False) -> Path:
    """Return a local path to the file of ``dataset_id``: mirror, cache, or download.

    Parameters
    ----------
    dataset_id
        A catalogue id (see :data:`CATALOGUE`).
    progress
        Show a progress bar while downloading.

    Raises
    ------
    DataError
        The id is unknown, the mirror holds a different file, the download failed or its
        sha256 does not match (the partial file is removed), or the dataset is a derived file
        that only a mirror can provide.
    """
    ds = get_dataset(dataset_id)
    mirrored = _mirror_file(ds)
    if mirrored is not None:
        log.debug("dataset %s from the mirror: %s", ds.id, mirrored)
        return mirrored

    cache = settings.resolved_cache_dir()
    target = cache / ds.path
    if target.is_file():
        if _sha256(target) == ds.sha256:
            log.debug("dataset %s from the cache: %s", ds.id, target)
            return target
        log.warning("cached %s does not match its sha256; downloading it again", target)
        target.unlink()

    urls = _download_urls(ds)
    if not urls:
        mirror = settings.resolved_data_mirror()
        where = f"the mirror {mirror}" if mirror else "no mirror (none is configured)"
        raise DataError(
            f"dataset {ds.id!r} ({ds.path}) is not in {where} nor in the cache {cache}, and it "
            f"has no public download: it is a derived file ({ds.derived}). Set "
            "WIJKANALYSE_DATA_MIRROR to a folder that holds it, or WIJKANALYSE_DATA_URL to an "
            "HTTP server that serves it."
        )

    import pooch
    import requests

    if progress:
        try:
            import tqdm  # noqa: F401  (pooch draws its progress bar with tqdm)
        except ImportError:
            log.info("no progress bar: install tqdm to see download progress")
            progress = False
    created = not target.parent.exists()
    errors = []
    for url in urls:
        log.info("downloading %s from %s", ds.id, url)
        try:
            pooch.retrieve(
                url,
                known_hash=f"sha256:{ds.sha256}",
                fname=target.name,
                path=target.parent,
                progressbar=progress,
            )
        except ValueError as exc:
            if "hash" in str(exc).lower():
                errors.append(f"{url}: the file does not match the catalogue sha256 ({exc})")
            else:
                errors.append(f"{url}: {exc}")
        except (requests.RequestException, OSError) as exc:
            errors.append(f"{url}: {type(exc).__name__}: {exc}")
        else:
            return target
    if target.exists():
        target.unlink()
    if created:
        _remove_empty_dirs(target.parent, cache)
    raise DataError(
        f"could not download dataset {ds.id!r}; nothing was kept in the cache:\n"
        + "\n".join(f"  - {e}" for e in errors)
    )


#: The reading options a :class:`Source` can carry; each reader takes those that apply to it.
READ_OPTIONS: tuple[str, ...] = (
    "encoding",
    "sheet",
    "member",
    "layer",
    "assume_crs",
    "code_col",
    "name_col",
    "duplicates",
    "na_values",
    "year",
    "vintage",
)


class Source:
    """A dataset id or a path, with the options to read it (encoding, CRS, layer, ...).

    Every reader of :mod:`wijkanalyse.io`, and the functions that pass a source on to one
    (:func:`~wijkanalyse.areas.load_sectors`, :func:`~wijkanalyse.indicators.sector_inputs`),
    take a ``Source`` wherever they take an id or a path. A reader uses the options it has
    (an encoding says nothing to a GeoPackage); keyword arguments given to the reader win.

    Examples
    --------
    >>> Source("census.csv", encoding="cp1252")
    'census.csv' (encoding='cp1252')
    """

    __slots__ = ("options", "source")

    def __init__(self, source: str | Path, **options: Any) -> None:
        unknown = sorted(set(options) - set(READ_OPTIONS))
        if unknown:
            hits = [h for u in unknown for h in close_matches(u, READ_OPTIONS)]
            hint = f"; did you mean {listing(map(repr, hits))}?" if hits else "."
            raise SchemaError(
                f"Source {str(source)!r}: unknown reading option(s) {listing(unknown)}{hint} "
                f"Options: {', '.join(READ_OPTIONS)}."
            )
        self.source = source
        self.options: dict[str, Any] = {k: v for k, v in options.items() if v is not None}

    def __repr__(self) -> str:
        opts = ", ".join(f"{k}={v!r}" for k, v in self.options.items())
        return f"{str(self.source)!r}" + (f" ({opts})" if opts else "")

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Source)
            and str(other.source) == str(self.source)
            and other.options == self.options
        )

    def __hash__(self) -> int:
        return hash((str(self.source), tuple(sorted(self.options.items()))))


#: What readers take as a source: a dataset id, a path, or a :class:`Source` with options.
SourceLike: TypeAlias = str | Path | Source


def described(record: Any, language: str = "nl") -> tuple[str, str]:
    """Return a dataset's title and licence in ``language`` (``nl`` or ``en``).

    ``record`` is a :class:`Dataset` or its provenance record (a mapping with ``id``, ``title``
    and ``licence``). The catalogue's entries are written in English and carry a Dutch title
    and licence; a dataset outside the catalogue keeps the words its user gave it.
    """
    get = record.get if isinstance(record, dict) else lambda k, d=None: getattr(record, k, d)
    title, licence = str(get("title", "") or ""), str(get("licence", "") or "")
    if language != "nl":
        return title, licence
    return _dutch.TITLES.get(str(get("id", "")), title), _dutch.LICENCES.get(licence, licence)


def identify(path: str | Path) -> Dataset | None:
    """Return the catalogue entry whose file is byte-identical to ``path``, or ``None``.

    A copy of a catalogued file (same sha256) is that dataset: it gets the dataset's
    metadata (vintage, encoding, coverage, completeness, provenance) wherever it is read.
    """
    p = Path(path)
    if not p.is_file():
        return None
    ds = _BY_SHA256.get(_sha256(p))
    if ds is not None:
        log.info("%s is byte-identical to catalogue dataset %r; read as that dataset", p, ds.id)
    return ds


def dataset_of(source: SourceLike) -> Dataset | None:
    """Return the catalogue entry of a dataset id, or of a file that is a catalogued file.

    Any other source (an unknown id, a file of one's own, a missing path) gives ``None``.
    """
    if isinstance(source, Source):
        source = source.source
    if isinstance(source, str) and source in CATALOGUE:
        return CATALOGUE[source]
    return identify(source)


def resolve_source(source: SourceLike) -> tuple[Path, Dataset | None]:
    """Turn a dataset id or a file path into a local path (and the catalogue entry, if any).

    A :class:`~pathlib.Path`, or a string that names an existing file or contains a path
    separator or a file suffix, is a path; any other string is a dataset id. A path to a
    byte-identical copy of a catalogued file comes back with that entry (see
    :func:`identify`). The options of a :class:`Source` are the reader's business.
    """
    if isinstance(source, Source):
        source = source.source
    if isinstance(source, Path):
        path = source
    elif source in CATALOGUE:
        return fetch(source), CATALOGUE[source]
    elif "/" in source or "\\" in source or Path(source).suffix or Path(source).exists():
        path = Path(source)
    else:
        get_dataset(source)  # raises with close matches
        raise AssertionError("unreachable")
    if not path.exists():
        raise DataError(f"file {str(path)!r} does not exist.")
    return path, identify(path)


def list_datasets() -> pd.DataFrame:
    """Return the catalogue as a DataFrame indexed by dataset id.

    Besides the catalogue fields it has ``available``: ``"mirror"``, ``"cache"``,
    ``"download"`` or ``"missing"`` (a derived file with no mirror).
    """
    rows = []
    mirror = settings.resolved_data_mirror()
    cache = settings.resolved_cache_dir()
    for ds in CATALOGUE.values():
        row = asdict(ds)
        if mirror is not None and (mirror / ds.path).is_file():
            row["available"] = "mirror"
        elif (cache / ds.path).is_file():
            row["available"] = "cache"
        elif _download_urls(ds):
            row["available"] = "download"
        else:
            row["available"] = "missing"
        rows.append(row)
    cols = [f.name for f in fields(Dataset)] + ["available"]
    return pd.DataFrame(rows, columns=cols).set_index("id")


def catalogue_markdown() -> str:
    """Return the catalogue as a Markdown document (the content of ``data/README.md``)."""
    out = [
        "# Dataset catalogue",
        "",
        "Generated by `wijkanalyse datasets list --format markdown`; do not edit by hand. "
        "The catalogue lives in `wijkanalyse/datasets.py`.",
        "",
        "Files are read from the dataset mirror (`WIJKANALYSE_DATA_MIRROR`, by default "
        "`../shared/data` next to the checkout), else from the cache, else downloaded and "
        "checked against the sha256 below. Derived files (no public address with identical "
        "bytes) come only from a mirror.",
        "",
    ]
    for ds in CATALOGUE.values():
        out += [f"## `{ds.id}`", "", ds.title + ".", ""]
        items = [
            ("Publisher", ds.publisher),
            ("Licence", ds.licence),
            ("Attribution", ds.attribution),
            ("Source", ds.source_url),
            ("Download", ds.url or "none (derived file; mirror only)"),
            ("How it was made", ds.derived),
            (
                "File",
                f"`{ds.path}` ({ds.format}"
                + (f", {ds.encoding}" if ds.encoding else "")
                + (f", layer `{ds.layer}`" if ds.layer else "")
                + ")",
            ),
            ("Coverage", ds.coverage),
            ("Covers completely (NIS codes)", ", ".join(ds.extent) or None),
            ("Facility types", ", ".join(ds.facility_types) or None),
            ("CRS", ds.crs),
            ("Sector vintage", str(ds.vintage) if ds.vintage else None),
            ("sha256", f"`{ds.sha256}`"),
            ("Notes", ds.notes or None),
        ]
        out += [f"- **{k}:** {v}" for k, v in items if v]
        out.append("")
    return "\n".join(out)
