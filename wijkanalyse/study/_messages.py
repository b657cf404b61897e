"""Error messages of a study: where a reader's suggested options go in the study file."""

from __future__ import annotations

import contextlib
import re
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import pandas as pd
from pydantic import (
    BaseModel,
)

from wijkanalyse._errors import (
    WijkanalyseError,
)
from wijkanalyse._validate import close_matches, listing
from wijkanalyse.study.config import StudyConfig


def _members(tp: Any) -> list[Any]:
    """Return the types a field may hold: ``Annotated`` stripped, unions split, no ``None``."""
    origin = get_origin(tp)
    if origin is Annotated:
        return _members(get_args(tp)[0])
    if origin in (Union, types.UnionType):
        return [m for arg in get_args(tp) for m in _members(arg)]
    return [] if tp is type(None) else [tp]


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _table_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """Return the model of the study-file table that holds ``loc[-1]``.

    Walks the model tree from :class:`StudyConfig` along an error's ``loc``: a field name
    into a model, an index into a list, a key into a dict (``index.domains.<name>``).
    """
    tp: Any = StudyConfig
    for part in loc[:-1]:
        step = None
        for member in _members(tp):
            if _is_model(member) and isinstance(part, str) and part in member.model_fields:
                step = member.model_fields[part].annotation
            elif get_origin(member) is list and isinstance(part, int):
                step = get_args(member)[0]
            elif get_origin(member) is dict and isinstance(part, str):
                step = get_args(member)[1]
            if step is not None:
                break
        if step is None:
            return None
        tp = step
    models = [m for m in _members(tp) if _is_model(m)]
    return models[0] if models else None


#: an option a reader's message suggests: ``encoding='cp1252'``, ``member=...``
_OPTION_RE = re.compile(r"\b([a-z][a-z_]*)=(?:'([^']*)')?")


def _study_hint(
    message: str,
    where: str,
    source: str,
    model: type[BaseModel],
    renames: dict[str, str | None],
    *,
    inline: bool,
) -> str:
    """Say where the options a reader's message suggests go in the study file.

    ``renames`` maps a reader's option to its study-file key (``None``: it has none).
    """
    allowed = set(model.model_fields) - {"source"} | {v for v in renames.values() if v}
    keys: dict[str, str] = {}
    for name, value in _OPTION_RE.findall(message):
        key = renames.get(name, name)
        if key is not None and key in allowed and key not in keys:
            keys[key] = value
    if not keys:
        return ""
    own = {k: v for k, v in keys.items() if "." not in k}
    elsewhere = {k: v for k, v in keys.items() if "." in k}
    parts = []
    if own:
        given = ", ".join(f'{k} = "{v}"' if v else f"{k} = ..." for k, v in own.items())
        parts.append(
            f'{where} = {{ source = "{source}", {given} }}'
            if inline
            else f"{given} in {where} (source = {source!r})"
        )
    parts += [f"{k} = {v or '...'}" for k, v in elsewhere.items()]
    hint = "In the study file: " + "; ".join(parts)
    return hint if hint.endswith("...") else hint + "."


@contextlib.contextmanager
def _hinting_any(
    entries: list[tuple[str, str, type[BaseModel], dict[str, str | None]]], *, inline: bool = True
) -> Iterator[None]:
    """Re-raise a reader's error with where its suggested options go in the study file.

    ``entries`` are (place in the study file, source, its model, renamed options); the
    entry whose file or id the message names gets the hint.
    """
    try:
        yield
    except WijkanalyseError as exc:
        message = str(exc)
        for where, source, model, renames in entries:
            if source not in message and Path(source).name not in message:
                continue
            hint = _study_hint(message, where, source, model, renames, inline=inline)
            if hint:
                raise type(exc)(f"{message}\n{hint}") from exc
            break
        raise


def _hinting(
    where: str, source: str, model: type[BaseModel], *, inline: bool
) -> contextlib.AbstractContextManager[None]:
    # a register's crs is both the coordinates' CRS and that of a file that states none
    return _hinting_any([(where, source, model, {"assume_crs": "crs"})], inline=inline)


def _describe(error: dict[str, Any]) -> str:
    loc = [str(p) for p in error["loc"]]
    where = ".".join(loc) or "(top level)"
    kind = error["type"]
    if kind == "extra_forbidden":
        model = _table_at(tuple(error["loc"])) or StudyConfig
        allowed = list(model.model_fields)
        hits = close_matches(loc[-1], allowed)
        hint = f"; did you mean {', '.join(map(repr, hits))}?" if hits else ""
        return f"unknown key {where!r}{hint} Allowed here: {', '.join(allowed)}."
    got = error.get("input")
    shown = f" (got {got!r})" if not isinstance(got, dict) and "got " not in error["msg"] else ""
    return f"{where}: {error['msg']}{shown}"


def _not_of(items: list[str], one: str, many: str) -> str:
    """Return ``"X is not a wijk"`` or ``"X, Y are not wijken"`` (``one`` without article)."""
    if len(items) == 1:
        article = "" if one.startswith(("a ", "an ")) else "an " if one[0] in "aeiou" else "a "
        return f"{items[0]} is not {article}{one}"
    return f"{listing(items)} are not {many}"


def _wijk_hints(unknown: list[str], wijken: pd.DataFrame) -> str:
    """Suggest wijk codes for wijk names or near-miss codes: ``; 'Wijgmaal' is wijk 240621``."""
    names = wijken["wijk_name"].dropna().astype(str) if "wijk_name" in wijken else pd.Series()
    by_name = {n.lower(): c for c, n in names.items()}
    hints = []
    for w in unknown:
        code = by_name.get(str(w).strip().lower())
        if code is not None:
            hints.append(f"{w!r} is the name of wijk {code}")
            continue
        close = close_matches(str(w), list(names), n=3)
        codes = close_matches(str(w), [str(c) for c in wijken.index], n=3)
        options = [f"{names.index[list(names).index(c)]} ({c})" for c in close] + [
            f"{c} ({names[c]})" if c in names.index else c for c in codes
        ]
        if options:
            hints.append(f"for {w!r} did you mean {listing(options, 4)}?")
    return f"; {'; '.join(hints)}" if hints else ""
