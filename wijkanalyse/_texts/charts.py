"""Messages of the charts (:mod:`wijkanalyse.charts`): keys ``chart_*``."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "chart_share_of_base": {"nl": "% van {base} (= 100)", "en": "% of {base} (= 100)"},
    "chart_rank_axis_choice": {
        "nl": "rang (1 = meeste behoefte); lijn: 5–95 % van de rang bij andere methodekeuzes",
        "en": "rank (1 = most need); line: 5–95 % of the rank under other choices of method",
    },
    "chart_rank_axis_data": {
        "nl": "rang (1 = meeste behoefte); lijn: 5–95 % van de rang bij ruis in de gegevens",
        "en": "rank (1 = most need); line: 5–95 % of the rank under noise in the data",
    },
    "chart_rank_axis_both": {
        "nl": "rang (1 = meeste behoefte); dikke lijn: 5–95 % bij andere methodekeuzes;\n"
        "dunne lijn: 5–95 % bij ruis in de gegevens",
        "en": "rank (1 = most need); thick line: 5–95 % under other choices of method;\n"
        "thin line: 5–95 % under noise in the data",
    },
    "chart_rank_top": {
        "nl": "{n} van {total} getoond: de meeste behoefte eerst",
        "en": "{n} of {total} shown: most need first",
    },
    "chart_one_at_a_time": {"nl": "één voor één", "en": "one at a time"},
    "chart_new_centres": {"nl": "aantal nieuwe centra", "en": "number of new centres"},
    "chart_share_within_reach": {"nl": "% binnen bereik", "en": "% within reach"},
    "chart_longest_walk": {
        "nl": "langste wandeling naar het dichtste centrum (min)",
        "en": "longest walk to the nearest centre (min)",
    },
    "chart_points_withheld": {
        "nl": "({n} {n|punt|punten} afgeschermd)",
        "en": "({n} {n|point|points} withheld)",
    },
    "chart_now": {"nl": "nu", "en": "now"},
    "chart_with_scenario": {"nl": "met scenario", "en": "with scenario"},
}
