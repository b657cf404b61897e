"""Independent blocks of work, run in this process or on a Dask cluster.

A run that outgrows one machine (every sector of Flanders with address-level demand, many
Monte Carlo draws) splits its work into blocks that do not depend on each other: the index
draws per normalisation/transform/indicator combination, the nearest-facility search per
facility type and per tile of municipalities. :func:`map_blocks` runs them here, one after the
other, or on ``dask.distributed`` workers, and returns the results in the same order, so the
answer is the same wherever it was computed.

Choose where with ``scheduler``:

- ``None``: in this process (the default);
- ``"local"``: a :class:`distributed.LocalCluster` on this machine (one worker process per
  core; started once and reused);
- ``"tcp://host:8786"``: an existing Dask scheduler (its workers need ``wijkanalyse``
  installed, the same version);
- a :class:`distributed.Client`.

Examples
--------
>>> map_blocks(lambda block, k: [x * k for x in block], [[1, 2], [3]], shared={"k": 10})
[[10, 20], [30]]
"""

from __future__ import annotations

import atexit
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from wijkanalyse._errors import DataError

__all__ = ["Scheduler", "client_for", "map_blocks"]

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

#: Where blocks run: ``None`` (here), ``"local"``, a scheduler address or a Dask client.
Scheduler = Any

# clients by "local" or address, closed when the interpreter exits
_LOCAL: dict[str, Any] = {}

#: How long to wait for a remote scheduler before giving up.
CONNECT_TIMEOUT = "10s"


def client_for(scheduler: Scheduler) -> Any | None:
    """Return the Dask client for ``scheduler`` (``None`` runs blocks in this process).

    Raises
    ------
    DataError
        ``dask.distributed`` is not installed, or the scheduler cannot be reached.
    """
    if scheduler is None:
        return None
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - distributed is a dependency
        raise DataError(
            "a Dask scheduler was asked for, but dask.distributed is not installed; "
            "pip install 'dask[distributed]'."
        ) from exc
    if isinstance(scheduler, Client):
        return scheduler
    if not isinstance(scheduler, str) or not scheduler.strip():
        raise DataError(
            f"scheduler must be None, 'local', an address such as 'tcp://host:8786' or a "
            f"dask.distributed.Client; got {scheduler!r}."
        )
    key = scheduler.strip()
    if key == "local":
        if "local" not in _LOCAL:
            cluster = LocalCluster(threads_per_worker=1, processes=True, dashboard_address=None)
            _LOCAL["local"] = Client(cluster)
            log.info("started a local Dask cluster: %s", cluster)
        return _LOCAL["local"]
    if "://" not in key:
        raise DataError(
            f"scheduler {key!r} is not an address; give e.g. 'tcp://10.0.0.5:8786' or 'local'."
        )
    known = _LOCAL.get(key)
    if known is not None and known.status == "running":
        return known
    try:
        client = Client(key, timeout=CONNECT_TIMEOUT)
    except OSError as exc:
        raise DataError(
            f"cannot reach the Dask scheduler at {key}: {exc}. Is it running, and is the "
            "address right?"
        ) from exc
    _LOCAL[key] = client  # one connection per address, reused by every block of the run
    return client


@atexit.register
def _close_local() -> None:
    client = _LOCAL.pop("local", None)
    if client is not None:
        cluster = client.cluster
        client.close()
        if cluster is not None:
            cluster.close()
    for other in list(_LOCAL.values()):
        other.close()
    _LOCAL.clear()


def map_blocks(
    func: Callable[..., R],
    blocks: Sequence[T],
    *,
    shared: Mapping[str, Any] | None = None,
    scheduler: Scheduler = None,
) -> list[R]:
    """Return ``[func(block, **shared) for block in blocks]``, here or on Dask workers.

    ``shared`` (e.g. a street network or the prepared index inputs) is sent to every worker
    once, not with every block. ``func`` must be a module-level function (Dask pickles it).
    Results come back in the order of ``blocks``.
    """
    kwargs = dict(shared or {})
    client = client_for(scheduler)
    if client is None or not blocks:
        return [func(block, **kwargs) for block in blocks]
    # scatter each value as one object (a list would otherwise be split into its items)
    sent = {k: client.scatter([v], broadcast=True)[0] for k, v in kwargs.items()}
    futures = client.map(func, list(blocks), pure=False, **sent)
    results: list[R] = client.gather(futures)
    return results
