"""The wijkrapport: a Dutch (or English) report per wijk, per custom area and for the city.

:func:`render` reads a finished output folder (what ``wijkanalyse run`` wrote: the
GeoPackage, the CSV tables and ``provenance.json``) and writes

* ``OUT/maps/overzicht.html``: the interactive map (index choropleth, 65-plussers per
  sector, facilities by type, the reach of today's centres, coverage gaps, the policy areas
  and the proposed sites); ``OUT/maps/overzicht.png`` for print (and ``overzicht.pdf``
  when ``pdf=True``);
* ``OUT/report/index.html``: the city overview, with a link to every wijk and area;
* ``OUT/report/wijk-<code>.html`` and ``OUT/report/gebied-<name>.html``: the profile
  against the municipality, arrondissement and Flanders, the indicators (withheld values
  read "onvoldoende gegevens", never 0), the need index with its rank interval,
  accessibility and gaps, the planning options and scenarios, a map and charts;
* the same reports as PDF (WeasyPrint) when ``pdf=True``.

Every report is one standalone HTML file (maps and charts inline) and ends with the
provenance manifest: datasets with licence, attribution and checksum, sector vintage, study
parameters, package version and date. All text from data is escaped by Jinja2's autoescape.
Each section appears only when its table exists, so a study without ``[access]`` or
``[plan]`` still gets a report.

The package: :mod:`~wijkanalyse.report.builder` (:func:`render`: which pages, writing them),
:mod:`~wijkanalyse.report.pages` (the overview, wijk and area pages),
:mod:`~wijkanalyse.report._context` (shared maps and table rows of one run),
:mod:`~wijkanalyse.report._format`,
:mod:`~wijkanalyse.report._pdf` (WeasyPrint support checks) and the Jinja2 ``templates/``.
"""

from wijkanalyse.outputs import RunOutput
from wijkanalyse.report._format import _slug as _slug
from wijkanalyse.report._format import _slugs as _slugs
from wijkanalyse.report._pdf import _import_weasyprint as _import_weasyprint
from wijkanalyse.report._pdf import _pdf_support as _pdf_support
from wijkanalyse.report._pdf import _PdfSupport as _PdfSupport
from wijkanalyse.report.builder import _render as _render
from wijkanalyse.report.builder import render

__all__ = ["RunOutput", "render"]
