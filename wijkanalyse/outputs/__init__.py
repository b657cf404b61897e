"""The output folder ``OUT`` of a run: its lifecycle, its schema, writing and reading back.

* :mod:`~wijkanalyse.outputs.folder`: a run's folder is written whole or not at all
  (:func:`check_out`, :class:`Staging`, :func:`replacing`, the manifest, Ctrl-C).
* :mod:`~wijkanalyse.outputs.schema`: every table of the folder (:data:`TABLES`): its file
  and layer, its columns in order, their rounding and which columns are codes.
* :mod:`~wijkanalyse.outputs.write` and :mod:`~wijkanalyse.outputs.read`: the only code
  that writes the tables and the provenance record, and the only code that reads them back
  (:class:`RunOutput`, what the report and its maps are made from).
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
from wijkanalyse.outputs.read import RunOutput, read_layer, read_provenance, read_table
from wijkanalyse.outputs.schema import GPKG, PROVENANCE, TABLES, SchemaError, Table, conform
from wijkanalyse.outputs.write import write_provenance, write_table

__all__ = [
    "GPKG",
    "MANIFEST",
    "PROVENANCE",
    "TABLES",
    "RunOutput",
    "SchemaError",
    "Staging",
    "Table",
    "check_interrupt",
    "check_out",
    "conform",
    "interrupt_guard",
    "read_layer",
    "read_manifest",
    "read_provenance",
    "read_table",
    "record",
    "replacing",
    "write_provenance",
    "write_table",
]
