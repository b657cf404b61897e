"""Messages of the maps (:mod:`wijkanalyse.maps`): keys ``map_*``."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "map_wijk": {"nl": "wijk", "en": "district"},
    "map_reach_layer": {"nl": "{type}: bereik {minutes} min", "en": "{type}: reach {minutes} min"},
    "map_sector_layer": {"nl": "{value} (sectoren)", "en": "{value} (sectors)"},
    "map_gaps_layer": {"nl": "tekorten (niet binnen bereik)", "en": "gaps (not covered)"},
    "map_not_covered": {"nl": "niet binnen bereik", "en": "not covered"},
    "map_gaps_uncertain": {
        "nl": "gestreept: onzeker (marge van {points} procentpunten of meer)",
        "en": "dashed: uncertain (a range of {points} percentage points or more)",
    },
    "map_areas_layer": {"nl": "beleidsgebieden", "en": "policy areas"},
    "map_area_legend": {"nl": "beleidsgebied", "en": "policy area"},
    "map_sites_layer": {"nl": "voorgestelde locaties", "en": "proposed sites"},
    "map_site_legend": {"nl": "voorgestelde locatie", "en": "proposed site"},
    "map_base_layer": {"nl": "achtergrond", "en": "background"},
    "map_base_street": {"nl": "straten", "en": "streets"},
    "map_base_railway": {"nl": "spoorweg", "en": "railway"},
    "map_base_waterway": {"nl": "waterloop", "en": "waterway"},
    "map_base_municipality": {"nl": "buurgemeente", "en": "neighbouring municipality"},
    "map_not_labelled": {"nl": "niet gelabeld", "en": "not labelled"},
    "map_glyph_pharmacy": {"nl": "A", "en": "Ph"},
    "map_glyph_doctors": {"nl": "H", "en": "GP"},
    "map_glyph_supermarket": {"nl": "W", "en": "Sm"},
    "map_glyph_library": {"nl": "Bib", "en": "Lib"},
    # -- the wijkrapport's pages (report/pages.py, report/templates: t(key))
}
