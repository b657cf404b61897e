"""The output folder ``OUT`` of a run: its lifecycle, its schema, and its reading back.

* :mod:`~wijkanalyse.outputs.folder`: a run's folder is written whole or not at all
  (:func:`check_out`, :class:`Staging`, :func:`replacing`, the manifest, Ctrl-C).
"""

from __future__ import annotations

from wijkanalyse.outputs.folder import (
    MANIFEST,
    Staging,
    check_interrupt,
    check_out,
    interrupt_guard,
    read_manifest,
    record,
    replacing,
)

__all__ = [
    "MANIFEST",
    "Staging",
    "check_interrupt",
    "check_out",
    "interrupt_guard",
    "read_manifest",
    "record",
    "replacing",
]
