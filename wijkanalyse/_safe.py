r"""User text is data: the one place that makes it safe for each place it is shown.

Names of facilities, wijken, sectors and areas, facility types, target-group labels, plan
questions, scenario names, legend titles and every other string from a register, a table or
a study file reach the interactive map, the printed maps and charts, the HTML and PDF
reports and the console. In none of them may such text act as anything but text. The
contexts, and what each needs:

* **Interactive map** (folium → Leaflet), through :func:`html_text`. folium places our text
  in several layers at once, and the text must be inert in all of them:

  1. *Jinja template source.* branca renders every ``MacroElement``'s script and wraps the
     result in ``Element(result)``, whose first argument is a *template*: the page is
     rendered a second time, with our names in it as template source. A name
     ``{{ lipsum.__globals__.os.getcwd() }}`` runs Python, ``{{7*7}}`` shows 49 and
     ``{% raw %}`` or ``{# x`` crash the run. Every Jinja delimiter starts with ``{``
     (branca's templates set no line-statement or line-comment prefix), so ``{`` and ``}``
     become ``&#123;`` and ``&#125;``. ``%`` alone opens nothing and stays.
  2. *JavaScript template literals.* Popups are ``$(`…`)[0]`` and tooltips
     ``bindTooltip(`<div>…</div>`)``: a backtick ends the literal and ``${…}`` runs
     JavaScript. folium's own ``escape_backticks`` covers popups only and leaves ``${``.
     So a backtick, ``$`` and ``\`` (which would escape the character after it) become
     ``&#96;``, ``&#36;`` and ``&#92;``.
  3. *JavaScript strings and JSON* (``tojson`` of GeoJSON properties, tooltip aliases,
     layer names, ``L.divIcon`` options): with the characters above and ``<``, ``>``, ``&``,
     quotes encoded, no string can be closed or a ``</script>`` formed; ``U+2028`` and
     ``U+2029``, line terminators inside older JavaScript strings, become entities too.
  4. *HTML*: Leaflet puts popups, tooltips, GeoJSON-tooltip cells and layer names into the
     page with ``innerHTML``, so the text is HTML-escaped (``html.escape(quote=True)``:
     ``& < > " '``) and every entity above shows as its character again.

  Text escaped once by :func:`html_text` can be joined with our own fixed markup
  (``<b>…</b><br>``); it must not be escaped a second time.

* **HTML and PDF reports**: Jinja2 with autoescape renders the text as data (the template
  is ours, the text is a value); WeasyPrint draws what the browser would show. Nothing of
  this module is needed there: passing :func:`html_text` output to an autoescaped template
  would show the entities.

* **Printed maps and charts** (matplotlib), through :func:`mpl_text`. A string with an
  even number of unescaped ``$`` is *mathtext*: ``$x^2$`` is drawn as a formula and
  ``$\frac$`` raises when the figure is drawn. Escaping every ``$`` as ``\$`` turns
  mathtext off for that string (matplotlib counts only unescaped dollars) and shows the
  ``$``; a backslash already before a ``$`` stays visible. This works for every text
  matplotlib draws, tick labels and legend entries included, which are created at draw
  time, where a per-artist ``parse_math=False`` cannot reach. ``text.usetex`` is never on.

* **Console** (rich), through :func:`console_text`: a :class:`rich.text.Text` is printed as
  it is: no console markup (``[bold]``, a stray ``[/]`` that raises ``MarkupError``), no
  emoji codes (``:warning:``), no highlighting.

* **Tables and GeoPackage**: CSV and GPKG hold the text unchanged; it is data there.
"""

from __future__ import annotations

import html
import math
from typing import Any

__all__ = ["console_text", "html_text", "is_missing", "mpl_text"]

#: Characters that ``html.escape`` leaves but folium's template and script contexts need
#: encoded (see the module docstring); numeric references work in every HTML context.
_SCRIPT_AND_TEMPLATE = str.maketrans(
    {
        "{": "&#123;",
        "}": "&#125;",
        "$": "&#36;",
        "`": "&#96;",
        "\\": "&#92;",
        "\u2028": "&#8232;",
        "\u2029": "&#8233;",
    }
)


def is_missing(value: Any) -> bool:
    """Return whether a value is missing (``None``, NaN, ``pd.NA``, ``NaT``)."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    import numpy as np
    import pandas as pd

    try:
        result = pd.isna(value)
    except (TypeError, ValueError):
        return False
    # a list or an array is a value, not a missing one
    return bool(result) if np.ndim(result) == 0 else False


def html_text(value: Any, *, missing: str = "") -> str:
    r"""Return ``value`` as HTML text that stays text in every context of a folium map.

    HTML-escaped (``& < > " '``) and with ``{ } $ ` \ U+2028 U+2029`` as numeric character
    references, so the result is inert as Jinja template source, inside JavaScript template
    literals and strings, and shows the original text when the page parses it as HTML.

    Parameters
    ----------
    value
        Any value; it is shown as ``str(value)``.
    missing
        What a missing value (``None``, NaN, ``pd.NA``) becomes; already safe text.

    Examples
    --------
    >>> html_text("{{7*7}}")
    '&#123;&#123;7*7&#125;&#125;'
    >>> html_text("${alert(1)}`")
    '&#36;&#123;alert(1)&#125;&#96;'
    >>> html_text('"><img src=x>')
    '&quot;&gt;&lt;img src=x&gt;'
    >>> html_text(None)
    ''
    """
    if is_missing(value):
        return missing
    return html.escape(str(value), quote=True).translate(_SCRIPT_AND_TEMPLATE)


def mpl_text(value: Any, *, missing: str = "") -> str:
    r"""Return ``value`` as a string matplotlib draws literally (never as mathtext).

    Every ``$`` becomes ``\$``: matplotlib then sees no unescaped dollar, draws no formula
    and shows each ``$``.

    Examples
    --------
    >>> mpl_text("$x^2$")
    '\\$x^2\\$'
    >>> mpl_text("kost: 5 $")
    'kost: 5 \\$'
    """
    if is_missing(value):
        return missing
    return str(value).replace("$", "\\$")


def console_text(value: Any, *, style: str | None = None) -> Any:
    """Return ``value`` as a :class:`rich.text.Text`: printed as is, never as markup.

    Parameters
    ----------
    value
        Any value; it is printed as ``str(value)`` (missing values as an empty string).
    style
        A rich style for the whole text (e.g. ``"bold"``), ours, never the user's.
    """
    from rich.text import Text

    return Text("" if is_missing(value) else str(value), style=style or "")
