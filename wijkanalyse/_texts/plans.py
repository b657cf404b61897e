"""Messages of the planning step: plans, joint questions, norms and site names.

Keys ``plan_*``, ``norm_*`` and ``site_*``.
"""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "plan_title": {
        "nl": "Planning nieuwe centra (exact, HiGHS; bestaande centra blijven):",
        "en": "Planning new centres (exact, HiGHS; existing centres kept):",
    },
    "plan_row": {
        "nl": "  {type} voor {group}, {model}{robust}, {minutes} min: {n_new} nieuw → {covered} "
        "van {total} in {where} binnen bereik ({share}){mean}; {sites}{status}",
        "en": "  {type} for {group}, {model}{robust}, {minutes} min: {n_new} new → {covered} "
        "of {total} in {where} within reach ({share}){mean}; {sites}{status}",
    },
    "list_and": {"nl": "{first} en {last}", "en": "{first} and {last}"},
    "plan_robust": {
        "nl": ", robuust: beste gemiddelde over {draws} trekkingen",
        "en": ", robust: best on average over {draws} draws",
    },
    "plan_robust_worst": {
        "nl": ", robuust: beste in de slechtste van {draws} trekkingen",
        "en": ", robust: best in the worst of {draws} draws",
    },
    "plan_robust_quantile": {
        "nl": ", robuust: beste ondergrens ({q}) over {draws} trekkingen",
        "en": ", robust: best lower bound ({q}) over {draws} draws",
    },
    "plan_joint": {
        "nl": ", samen gepland met {other} ({joint})",
        "en": ", planned together with {other} ({joint})",
    },
    "plan_shared_site": {
        "nl": " (gedeeld gebouw)",
        "en": " (shared building)",
    },
    "plan_sharing_row": {
        "nl": "  Gedeeld gebruik ({joint}), gedeelde gebouwen: {k} → {lost}{shared}",
        "en": "  Shared use ({joint}), shared buildings: {k} → {lost}{shared}",
    },
    "plan_sharing_lost": {
        "nl": "{type}: {count} minder binnen bereik ({group})",
        "en": "{type}: {count} fewer within reach ({group})",
    },
    "plan_sharing_where": {
        "nl": " (in {names})",
        "en": " (in {names})",
    },
    "plan_frequency": {
        "nl": " (gekozen in {share} van de trekkingen)",
        "en": " (chosen in {share} of the draws)",
    },
    "plan_mean": {
        "nl": ", gemiddeld {mean} min",
        "en": ", mean {mean} min",
    },
    "plan_status": {
        "nl": " [tijdslimiet: kloof {gap}]",
        "en": " [time limit: gap {gap}]",
    },
    "plan_greedy": {
        "nl": "  Volgorde als er maar één tegelijk kan ({question}): {sites}",
        "en": "  Order if only one can be added at a time ({question}): {sites}",
    },
    "plan_gain_own_point": {
        "nl": "planvraag {question} (p = {p}): {p|de nieuwe locatie bereikt|de nieuwe locaties "
        "bereiken} alleen de inwoners "
        "op de locatie zelf (afstand 0), zoals het vraagmodel hen daar plaatst; dat zegt niet "
        "dat iemand er naartoe wandelt. Tel de inwoners op straatpunten ([access] demand).",
        "en": "plan question {question} (p = {p}): {p|the new site reaches|the new sites reach} "
        "only the residents on "
        "the site itself (distance 0), where the demand model puts them; that does not say "
        "anyone walks there. Count residents on street points ([access] demand).",
    },
    "plan_infeasible": {
        "nl": "planvraag {question} heeft geen oplossing: {reason}",
        "en": "plan question {question} has no solution: {reason}",
    },
    "plan_no_ranges": {
        "nl": "planvraag {question}: geen bandbreedte en geen robuuste keuze, want de "
        "bandbreedtes van [access] trekken geen {group}; voeg een [[access.questions]] voor "
        "die doelgroep toe.",
        "en": "plan question {question}: no range and no robust choice, because the ranges "
        "of [access] do not draw {group}; add an [[access.questions]] for that target group.",
    },
    "plan_need_filled": {
        "nl": "planvraag {question}: de behoefte ({need}) is onbekend voor {n} bewoonde "
        "{n|sector|sectoren} ({sectors}); hun inwoners tellen met de mediane behoefte van de "
        "bekende "
        "sectoren van hun wijk (0,5 zonder).",
        "en": "plan question {question}: the need ({need}) is unknown for {n} populated "
        "{n|sector|sectors} ({sectors}); their residents count with the median need of the known "
        "sectors of their wijk (0.5 without).",
    },
    "plan_no_network_candidates": {
        "nl": "geen stratennetwerk: straatknopen kunnen geen kandidaat-locatie zijn",
        "en": "no street network: street nodes cannot be candidate sites",
    },
    "site_near_street": {"nl": "nabij {name}", "en": "near {name}"},
    "site_near_street_in": {"nl": "nabij {name} ({wijk})", "en": "near {name} ({wijk})"},
    "site_near_stop": {"nl": "nabij halte {name}", "en": "near the {name} stop"},
    "site_near_stop_in": {
        "nl": "nabij halte {name} ({wijk})",
        "en": "near the {name} stop ({wijk})",
    },
    "site_in_wijk": {"nl": "in {wijk}", "en": "in {wijk}"},
    "site_unnamed": {"nl": "locatie zonder naam", "en": "unnamed site"},
    "plan_areas_far_apart": {
        "nl": "planvraag {question}: {a} en {b} liggen {km} km uit elkaar, verder dan twee "
        "keer de wandelafstand van de drempel; met {p} nieuwe {p|locatie|locaties} voor {n} "
        "gebieden "
        "krijgt minstens één gebied niets. Stel de vraag per gebied, of met p = {n}.",
        "en": "plan question {question}: {a} and {b} lie {km} km apart, more than twice the "
        "walking distance of the threshold; with {p} new {p|site|sites} for {n} areas at least one "
        "area gains nothing. Ask the question per area, or with p = {n}.",
    },
    "norm_own_source": {"nl": "norm uit de studie", "en": "norm of the study"},
    "plan_norm_row": {
        "nl": "  Programmatienorm {type} (1 per begonnen {per} inwoners; {source}): {where} "
        "{norm} volgens de norm, {registered} in het register, {planned} gepland",
        "en": "  Programming norm {type} (1 per started {per} inhabitants; {source}): {where} "
        "{norm} by the norm, {registered} in the register, {planned} planned",
    },
    "plan_distance_row": {
        "nl": "  Binnen {m} m wandelen van een {type}: {where} {count} van {total} inwoners "
        "({share})",
        "en": "  Within {m} m walk of a {type}: {where} {count} of {total} residents ({share})",
    },
    "plan_norm_population_unknown": {
        "nl": "de programmatienorm telt alleen de gekende inwoners: het aantal van {n} "
        "{n|sector|sectoren} is onbekend (gemeente {where}); de norm kan hoger liggen.",
        "en": "the programming norm counts the known residents only: the count of {n} "
        "{n|sector|sectors} is unknown (municipality {where}); the norm may be higher.",
    },
    "plan_scenario_skipped": {
        "nl": "scenario {name} vervalt: het plan waarop het steunt heeft geen oplossing",
        "en": "scenario {name} is skipped: the plan it rests on has no solution",
    },
}
