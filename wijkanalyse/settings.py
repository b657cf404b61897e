"""Global settings for cross-cutting choices.

Change them by assignment, e.g. ``wijkanalyse.settings.language = "en"``. Every setting is a
module-level variable with a documented meaning; functions read them at call time, so a
change takes effect immediately.

Environment variables (read when the value is ``None``):

``WIJKANALYSE_DATA_MIRROR``
    Folder that holds the dataset files under their catalogue paths (see
    :mod:`wijkanalyse.datasets`). Default: ``../shared/data`` next to the checkout, when it
    exists.
``WIJKANALYSE_DATA_URL``
    Base URL of an HTTP(S) server that serves the same files under the same paths (e.g. a
    city's intranet copy). Used when a file is neither in the mirror nor in the cache.
``WIJKANALYSE_CACHE``
    Folder where downloaded files are kept. Default: the user cache folder
    (``~/.cache/wijkanalyse`` on Linux).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

__all__ = [
    "belgium_bounds",
    "cache_dir",
    "data_mirror",
    "download_base_url",
    "language",
    "resolved_cache_dir",
    "resolved_data_mirror",
    "resolved_download_base_url",
    "solver_mip_gap",
    "solver_time_limit",
    "suppression_threshold",
    "working_crs",
]

#: Working CRS of every distance and area computation: Belgian Lambert 72. EPSG:3812
#: (Belgian Lambert 2008) is also supported; only maps reproject to EPSG:4326.
working_crs: str = "EPSG:31370"

#: Folder of the dataset mirror. ``None``: ``$WIJKANALYSE_DATA_MIRROR``, else
#: ``../shared/data`` next to the checkout of this package when it exists, else no mirror.
data_mirror: Path | str | None = None

#: Folder of the download cache. ``None``: ``$WIJKANALYSE_CACHE``, else the user cache folder.
cache_dir: Path | str | None = None

#: Base URL of an HTTP mirror serving the catalogue files under their catalogue paths.
#: ``None``: ``$WIJKANALYSE_DATA_URL``, else the public download address of each dataset.
download_base_url: str | None = None

#: Language of user-facing text (CLI messages, maps, reports): Dutch ("nl") or English ("en").
language: Literal["nl", "en"] = "nl"

#: Small-number suppression: counts of persons or households below this value, and rates
#: whose numerator or denominator count is below it, are reported as NA with a reason
#: (``*_suppressed_reason``) before anything is written, mapped or reported.
suppression_threshold: int = 5

#: Wall-clock limit in seconds for one optimisation (facility location) solve.
solver_time_limit: float = 300.0

#: Relative MIP gap at which an optimisation stops; 0 asks for a proven optimum.
solver_mip_gap: float = 0.0

#: Plausible extent of Belgium per CRS as (xmin, ymin, xmax, ymax), with a margin. Used to
#: catch coordinates labelled with the wrong CRS (e.g. lon/lat called EPSG:31370).
belgium_bounds: dict[str, tuple[float, float, float, float]] = {
    "EPSG:31370": (15_000.0, 15_000.0, 305_000.0, 255_000.0),
    "EPSG:3812": (510_000.0, 510_000.0, 805_000.0, 755_000.0),
    "EPSG:4326": (2.3, 49.3, 6.6, 51.7),
}


def _checkout_root() -> Path:
    return Path(__file__).resolve().parent.parent


def resolved_data_mirror() -> Path | None:
    """Return the dataset mirror folder in effect, or ``None`` when there is none."""
    if data_mirror is not None:
        return Path(data_mirror).expanduser()
    env = os.environ.get("WIJKANALYSE_DATA_MIRROR")
    if env:
        return Path(env).expanduser()
    default = _checkout_root().parent / "shared" / "data"
    return default if default.is_dir() else None


def resolved_cache_dir() -> Path:
    """Return the download cache folder in effect (it may not exist yet)."""
    if cache_dir is not None:
        return Path(cache_dir).expanduser()
    env = os.environ.get("WIJKANALYSE_CACHE")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "wijkanalyse"


def resolved_download_base_url() -> str | None:
    """Return the base URL of the HTTP mirror in effect, or ``None``."""
    if download_base_url is not None:
        return download_base_url
    return os.environ.get("WIJKANALYSE_DATA_URL") or None
