"""TOML text for the study files: values as TOML, comments without control characters."""

from __future__ import annotations

import math
import re
import textwrap
import unicodedata
from collections.abc import Iterable

import numpy as np


def clean(text: str) -> str:
    """Remove control characters (a name cannot end a comment line early)."""
    return "".join(
        ch if ch == "\n" or unicodedata.category(ch)[0] != "C" else " " for ch in str(text)
    )


_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def toml(value: object) -> str:
    """Return ``value`` as a TOML value (strings escaped as basic strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        if not math.isfinite(float(value)):
            raise ValueError(f"TOML has no value for {value!r}")
        text = repr(float(value))
        return text if ("." in text or "e" in text) else text + ".0"
    if isinstance(value, str):
        out = []
        for ch in value:
            if ch in _ESCAPES:
                out.append(_ESCAPES[ch])
            elif ord(ch) < 0x20 or ord(ch) == 0x7F:
                out.append(f"\\u{ord(ch):04X}")
            else:
                out.append(ch)
        return '"' + "".join(out) + '"'
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, Iterable):
        return "[" + ", ".join(toml(v) for v in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def _key(name: object) -> str:
    text = str(name)
    return text if re.fullmatch(r"[A-Za-z0-9_-]+", text) else toml(text)


def slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\((arr|prov)\.?\)", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "studie"


class TomlText:
    """TOML text built line by line: keys with a trailing note, tables, wrapped comments."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def comment(self, text: str = "", *, wrap: bool = True) -> None:
        """Add ``text`` as comment lines (wrapped at 96 characters unless ``wrap=False``)."""
        body = clean(text)
        lines = textwrap.wrap(body.replace("\n", " "), width=96) if wrap else body.splitlines()
        for line in lines or [""]:
            self.lines.append(f"# {line}".rstrip())

    def key(self, name: str, value: object, note: str = "") -> None:
        """Add ``name = value``, with ``note`` as a comment on the same line."""
        line = f"{name} = {toml(value)}"
        if note:
            line = f"{line}  # {clean(note).replace(chr(10), ' ')}"
        self.lines.append(line)

    def table(self, header: str, note: str = "") -> None:
        """Start a table (``[x]`` or ``[[x]]``) after a blank line, with ``note`` above it."""
        self.blank()
        if note:
            self.comment(note)
        self.lines.append(header)

    def blank(self) -> None:
        """Add one blank line (never two in a row)."""
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
