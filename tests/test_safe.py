"""wijkanalyse._safe: user text made inert for HTML, Jinja, JavaScript, matplotlib and rich."""

from __future__ import annotations

import html
import io
import json

import jinja2
import numpy as np
import pandas as pd
import pytest
from conftest import PAYLOADS

from wijkanalyse._safe import console_text, html_text, is_missing, mpl_text


def test_html_text_by_hand() -> None:
    assert html_text("{{7*7}}") == "&#123;&#123;7*7&#125;&#125;"
    assert html_text("{% raw %}") == "&#123;% raw %&#125;"
    assert html_text("${x}`") == "&#36;&#123;x&#125;&#96;"
    assert html_text("a\\") == "a&#92;"
    assert html_text("<b a='1'>&</b>") == "&lt;b a=&#x27;1&#x27;&gt;&amp;&lt;/b&gt;"
    assert html_text('"') == "&quot;"
    assert html_text("line\u2028next\u2029") == "line&#8232;next&#8233;"
    assert html_text("Wijgmaal 100%") == "Wijgmaal 100%"  # '%' opens nothing without '{'
    assert html_text(240621) == "240621"
    for missing in (None, float("nan"), np.float64("nan"), pd.NA, pd.NaT):
        assert html_text(missing) == ""
        assert html_text(missing, missing="geen gegevens") == "geen gegevens"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_text_is_inert_in_every_folium_context(payload: str) -> None:
    safe = html_text(payload)
    # HTML: the browser shows the original text
    assert html.unescape(safe) == payload
    # Jinja template source: rendering changes nothing and never fails
    assert jinja2.Template(safe).render() == safe
    assert jinja2.Template("{{ x }}" + safe).render(x=1) == "1" + safe
    # JavaScript template literal or string: nothing that ends it, interpolates or escapes
    for char in "`$\\{}<>\"'\u2028\u2029":
        assert char not in safe
    # JSON (tojson) round trip
    assert json.loads(json.dumps(safe)) == safe


def test_mpl_text_is_never_mathtext() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    assert mpl_text("$x^2$") == "\\$x^2\\$"
    assert mpl_text("€ 5") == "€ 5"
    assert mpl_text(None) == ""
    fig = Figure()
    FigureCanvasAgg(fig)
    for payload in ("$x^2$", "$\\frac{$", "one $ sign", "a\\$b", "ends in \\"):
        text = fig.text(0.1, 0.5, mpl_text(payload))
        shown, is_math = text._preprocess_math(text.get_text())
        assert (shown, is_math) == (payload, False)
    fig.canvas.draw()  # an invalid formula would raise here
    raw = fig.text(0.1, 0.1, "$\\frac{$")
    with pytest.raises(ValueError, match="frac"):
        fig.canvas.draw()
    raw.remove()


def test_console_text_prints_as_is() -> None:
    from rich.console import Console
    from rich.errors import MarkupError

    for payload in ("[bold]x[/]", "[/]", ":warning:", "[red]rood"):
        buf = io.StringIO()
        Console(file=buf, width=200).print(console_text(payload, style="bold"))
        assert buf.getvalue() == payload + "\n"
    with pytest.raises(MarkupError, match=r"closing tag '\[/\]'"):
        Console(file=io.StringIO()).print("[/]")
    assert console_text(None).plain == ""


def test_is_missing() -> None:
    assert [is_missing(v) for v in (None, float("nan"), pd.NA, pd.NaT, np.float64("nan"))] == [
        True
    ] * 5
    assert [is_missing(v) for v in ("", "x", 0, [1], np.array([np.nan]))] == [False] * 5
