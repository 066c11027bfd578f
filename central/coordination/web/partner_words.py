"""What the coordinator page's partner services section says, in English, French, Dutch
and German (kept apart from words.py, in the same shape)."""

from __future__ import annotations

from central.coordination.web.words import page_word

_I = {"en": 0, "fr": 1, "nl": 2, "de": 3}

WORDS: dict[str, tuple[str, str, str, str]] = {  # en, fr, nl, de
    "nav.partners": ("Partner services", "Services partenaires", "Partnerdiensten",
                     "Partnerdienste"),
    "nav.figures": ("Figures", "Chiffres", "Cijfers", "Zahlen"),
    "title": ("Partner services", "Services partenaires", "Partnerdiensten",
              "Partnerdienste"),
    "form.kind": ("Kind of service", "Type de service", "Soort dienst", "Art des Dienstes"),
    "form.area": ("Area", "Zone", "Gebied", "Gebiet"),
    "form.all_provinces": ("All provinces", "Toutes les provinces", "Alle provincies",
                           "Alle Provinzen"),
    "map.heading": ("Map: {kind}", "Carte\u00a0: {kind}", "Kaart: {kind}", "Karte: {kind}"),
    "map.description": ("Each square is a province, placed roughly where it lies; the darker, "
                        "the more services of this kind serve it. The table below gives "
                        "the same numbers.",
                        "Chaque carré est une province, placée à peu près où elle se trouve\u202f; "
                        "plus il est foncé, plus des services de ce type la desservent. Le "
                        "tableau ci-dessous donne les mêmes nombres.",
                        "Elk vierkant is een provincie, ongeveer waar ze ligt; hoe donkerder, "
                        "hoe meer diensten van deze soort ze bedienen. De tabel hieronder "
                        "geeft dezelfde getallen.",
                        "Jedes Quadrat ist eine Provinz, ungefähr dort, wo sie liegt; je "
                        "dunkler, desto mehr Dienste dieser Art sind dort tätig. Die Tabelle "
                        "darunter enthält dieselben Zahlen."),
    "counts.heading": ("Services by kind and area", "Services par type et par zone",
                       "Diensten per soort en gebied", "Dienste nach Art und Gebiet"),
    "counts.hint": ("A service counts in every area it serves (its municipalities served; "
                    "without any, where it is). Median wait in days from referral to "
                    "outcome, over the 12 months from {first} to {last}; “–” under 5 "
                    "outcomes.",
                    "Un service compte dans chaque zone qu’il dessert (ses communes "
                    "desservies\u202f; à défaut, là où il se trouve). Attente médiane en jours de "
                    "l’orientation à son issue, sur les 12 mois de {first} à {last}\u202f; "
                    "«\u00a0–\u00a0» sous 5 issues.",
                    "Een dienst telt in elk gebied dat hij bedient (zijn bediende gemeenten; "
                    "zonder, waar hij ligt). Mediane wachttijd in dagen van doorverwijzing "
                    "tot uitkomst, over de 12 maanden van {first} tot {last}; “–” onder "
                    "5 uitkomsten.",
                    "Ein Dienst zählt in jedem Gebiet, das er bedient (seine bedienten "
                    "Gemeinden; sonst, wo er liegt). Mittlere Wartezeit (Median) in Tagen "
                    "von der Vermittlung bis zum Ergebnis, über die 12 Monate von {first} "
                    "bis {last}; „–“ unter 5 Ergebnissen."),
    "col.services": ("Services", "Services", "Diensten", "Dienste"),
    "col.wait": ("Median wait (days)", "Attente médiane (jours)", "Mediane wachttijd (dagen)",
                 "Median Wartezeit (Tage)"),
    "col.outcomes": ("Outcomes", "Issues", "Uitkomsten", "Ergebnisse"),
    "col.persons": ("Persons registered", "Personnes inscrites", "Ingeschreven personen",
                    "Erfasste Personen"),
    "col.kind": ("Kind", "Type", "Soort", "Art"),
    "longest.heading": ("Where people wait longest", "Où l’on attend le plus longtemps",
                        "Waar men het langst wacht", "Wo am längsten gewartet wird"),
    "longest.none": ("No kind and area has 5 outcomes or more yet.",
                     "Aucun type ni zone ne compte encore 5 issues ou plus.",
                     "Nog geen soort en gebied met 5 uitkomsten of meer.",
                     "Noch keine Art und kein Gebiet mit 5 oder mehr Ergebnissen."),
    "gaps.heading": ("Gaps: people registered, no service of the kind",
                     "Manques\u00a0: des personnes inscrites, aucun service du type",
                     "Leemten: ingeschreven personen, geen dienst van de soort",
                     "Lücken: erfasste Personen, kein Dienst dieser Art"),
    "gaps.none": ("No gap: every area with people registered has a service of each kind.",
                  "Aucun manque\u00a0: chaque zone avec des personnes inscrites a un service de "
                  "chaque type.",
                  "Geen leemte: elk gebied met ingeschreven personen heeft een dienst van "
                  "elke soort.",
                  "Keine Lücke: Jedes Gebiet mit erfassten Personen hat einen Dienst jeder "
                  "Art."),
    "gaps.missing": ("Kinds without a service", "Types sans service", "Soorten zonder dienst",
                     "Arten ohne Dienst"),
    "list.heading": ("{kind} in {area}", "{kind} à {area}", "{kind} in {area}",
                     "{kind} in {area}"),
    "list.choose": ("Choose an area in the table above to list its services.",
                    "Choisissez une zone dans le tableau ci-dessus pour en lister les "
                    "services.",
                    "Kies een gebied in de tabel hierboven om zijn diensten te tonen.",
                    "Wählen Sie oben in der Tabelle ein Gebiet, um seine Dienste zu sehen."),
    "list.none": ("No service of this kind serves this area.",
                  "Aucun service de ce type ne dessert cette zone.",
                  "Geen dienst van deze soort bedient dit gebied.",
                  "Kein Dienst dieser Art ist in diesem Gebiet tätig."),
    "list.name": ("Name", "Nom", "Naam", "Name"),
    "list.municipality": ("Municipality", "Commune", "Gemeente", "Gemeinde"),
    "list.languages": ("Languages spoken", "Langues parlées", "Gesproken talen",
                       "Gesprochene Sprachen"),
    "list.verified": ("Last verified on", "Vérifié le", "Laatst nagekeken op",
                      "Zuletzt geprüft am"),
    "list.show": ("Services: {area}", "Services\u00a0: {area}", "Diensten: {area}",
                  "Dienste: {area}"),
}


def partner_word(key: str, lang: str, **values: object) -> str:
    """A word of this section, else one of the page's own."""
    if key not in WORDS:
        return page_word(key, lang, **values)
    text = WORDS[key][_I.get(lang, 0)]
    return text.format(**values) if values else text
