"""Maps: interactive (folium) maps of wijken, sectors, facilities, areas and planned sites.

:func:`interactive_map` draws, each as its own layer with a layer control:

* a choropleth of any wijk value (an indicator or the index), classified with mapclassify
  (quantiles, natural breaks or fixed breaks) in a colour-blind-safe palette, with a legend
  that gives the unit and every class's bounds; wijken without a value are grey and say so;
* sector values as proportional symbols on their centroids;
* facilities by type, each type its own colour and layer, with a popup in Dutch;
* custom areas (e.g. Hoogland, Wijgmaal) outlined;
* planned or candidate sites.

Every text that comes from data (names, types, labels, titles) is data, never code: in the
interactive map it goes through :func:`wijkanalyse._safe.html_text` (folium renders it as Jinja
template source and inside JavaScript template literals, see there), in the printed map
through :func:`wijkanalyse._safe.mpl_text` (never mathtext); a name such as
``<script>…</script>``, ``{{7*7}}`` or ``${alert(1)}`` shows as written. The map works
offline (no basemap, the default) or with OpenStreetMap tiles and their attribution. Only
here are geometries reprojected to EPSG:4326, as Leaflet needs.

The package: :mod:`~wijkanalyse.maps._layers` (classes, palettes, colours and labels shared by
both renderers), :mod:`~wijkanalyse.maps.interactive` (folium) and
:mod:`~wijkanalyse.maps.static` (matplotlib, for print).
"""

from wijkanalyse.maps._layers import PALETTES, classify
from wijkanalyse.maps._layers import TYPE_COLOURS as TYPE_COLOURS
from wijkanalyse.maps._layers import Scheme as Scheme
from wijkanalyse.maps.interactive import MAX_SHOWN_RINGS as MAX_SHOWN_RINGS
from wijkanalyse.maps.interactive import interactive_map
from wijkanalyse.maps.static import _distance_label as _distance_label
from wijkanalyse.maps.static import _nice_length as _nice_length
from wijkanalyse.maps.static import place_labels, save_figure, static_map

__all__ = [
    "PALETTES",
    "classify",
    "interactive_map",
    "place_labels",
    "save_figure",
    "static_map",
]
