"""Where a study's inputs are: catalogue dataset ids, or files relative to the study file."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from pydantic import BaseModel

from wijkanalyse.datasets import CATALOGUE, Dataset, Source, dataset_of
from wijkanalyse.study._messages import _hinting_any
from wijkanalyse.study.config import DataSection, StudyConfig, _Source


@dataclass(frozen=True)
class Sources:
    """Resolve a study's sources as readers take them.

    Attributes
    ----------
    data
        The study file's ``[data]`` table.
    base_dir
        The folder relative paths are read from (the study file's folder).
    study_file
        The study file itself, when the study was read from one.
    """

    data: DataSection
    base_dir: Path = Path(".")
    study_file: Path | None = None

    def path(self, source: str) -> str:
        """Return a dataset id as it is, a file path relative to :attr:`base_dir`."""
        return source if source in CATALOGUE else str(self.base_dir / source)

    @overload
    def spec(self, value: _Source) -> str | Source: ...

    @overload
    def spec(self, value: _Source | None) -> str | Source | None: ...

    def spec(self, value: _Source | None) -> str | Source | None:
        """Return a ``[data]`` source as readers take it: id or path, with its options."""
        if value is None:
            return None
        where = self.path(value.source)
        options = value.read_options()
        return Source(where, **options) if options else where

    def hints(self, *keys: str) -> contextlib.AbstractContextManager[None]:
        """Add to a reader's error where its options go in ``[data]`` (see ``_hinting_any``)."""
        entries: list[tuple[str, str, type[BaseModel], dict[str, str | None]]] = []
        for key in keys:
            value = getattr(self.data, key)
            if value is None:
                continue
            # a [data] source's crs is the reader's assume_crs; a reader's crs= (the CRS
            # a file states) cannot be overridden from here
            renames: dict[str, str | None] = {"assume_crs": "crs", "crs": None}
            if key in ("energy", "open_space"):
                renames["year"] = f"indicators.{key}_year"
            entries.append((f"data.{key}", value.source, type(value), renames))
        return _hinting_any(entries)

    def dataset(self, source: str | None) -> Dataset | None:
        """Return the catalogue entry of a source: its id, or a file that is a catalogued file."""
        if source is None:
            return None
        return dataset_of(self.path(source))

    def input_files(self, config: StudyConfig) -> list[Path]:
        """Return the files (not dataset ids) ``config`` reads, the study file included."""
        keys = ("sectors", "population", "income", "energy", "open_space", "bimd", "road_graph")
        sources = [config.data.source(key) for key in keys]
        sources += [f.source for f in config.facilities]
        if config.access is not None:
            sources.append(config.access.osm)
        found = [self.base_dir / s for s in sources if s and s not in CATALOGUE]
        return ([self.study_file] if self.study_file is not None else []) + found
