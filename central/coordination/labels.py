"""Words for the figures' codes (tables, rows, columns) in French, Dutch, German and English:
what a person reads in the PDF and on the coordinator page. The JSON and CSV keep the
codes of the schema."""

from __future__ import annotations

from figures.places import municipality_name

_L: dict[str, tuple[str, str, str, str]] = {  # en, fr, nl, de
    # tables
    "overview": ("Overview", "Vue d’ensemble", "Overzicht", "Überblick"),
    "persons_by_age_sex": ("Persons by age and sex", "Personnes par âge et sexe",
                           "Personen naar leeftijd en geslacht",
                           "Personen nach Alter und Geschlecht"),
    "files_by_household_type": ("Files by household type", "Dossiers par type de ménage",
                                "Dossiers naar type huishouden",
                                "Akten nach Haushaltsart"),
    "persons_by_protection_stage": ("Persons by protection document",
                                    "Personnes par document de protection",
                                    "Personen naar beschermingsdocument",
                                    "Personen nach Schutzdokument"),
    "files_by_piis": ("Files with and without PIIS", "Dossiers avec et sans PIIS",
                      "Dossiers met en zonder GPMI", "Akten mit und ohne PIIS"),
    "by_municipality": ("By municipality", "Par commune", "Per gemeente", "Nach Gemeinde"),
    "referrals_by_kind_outcome": ("Referrals by kind and outcome",
                                  "Orientations par type et issue",
                                  "Doorverwijzingen naar soort en uitkomst",
                                  "Weiterverweisungen nach Art und Ergebnis"),
    "referral_wait": ("Median wait from referral to outcome (days)",
                      "Attente médiane de l’orientation à l’issue (jours)",
                      "Mediane wachttijd van doorverwijzing tot uitkomst (dagen)",
                      "Mittlere Wartezeit von der Weiterverweisung bis zum Ergebnis (Tage)"),
    # overview rows and place columns
    "persons": ("Persons", "Personnes", "Personen", "Personen"),
    "households": ("Households", "Ménages", "Huishoudens", "Haushalte"),
    "files_active": ("Files open in the month", "Dossiers ouverts dans le mois",
                     "Dossiers open in de maand", "Im Monat offene Akten"),
    "files_opened": ("Files opened", "Dossiers ouverts", "Dossiers geopend",
                     "Eröffnete Akten"),
    "files_closed": ("Files closed", "Dossiers clôturés", "Dossiers afgesloten",
                     "Abgeschlossene Akten"),
    # columns
    "count": ("Number", "Nombre", "Aantal", "Anzahl"),
    "total": ("Total", "Total", "Totaal", "Gesamt"),
    "F": ("Women", "Femmes", "Vrouwen", "Frauen"),
    "M": ("Men", "Hommes", "Mannen", "Männer"),
    "X": ("Other", "Autre", "Ander", "Divers"),
    "U": ("Unknown", "Inconnu", "Onbekend", "Unbekannt"),
    "unknown": ("Unknown", "Inconnu", "Onbekend", "Unbekannt"),
    "other": ("Other municipalities or unknown", "Autres communes ou inconnue",
              "Andere gemeenten of onbekend", "Andere Gemeinden oder unbekannt"),
    "median_days": ("Median (days)", "Médiane (jours)", "Mediaan (dagen)", "Median (Tage)"),
    # household types
    "alone": ("Person alone", "Personne seule", "Alleenstaande", "Alleinstehend"),
    "adults": ("Adults only", "Adultes seulement", "Enkel volwassenen", "Nur Erwachsene"),
    "single_parent": ("Single parent with children", "Parent seul avec enfants",
                      "Alleenstaande ouder met kinderen", "Alleinerziehend mit Kindern"),
    "adults_with_children": ("Adults with children", "Adultes avec enfants",
                             "Volwassenen met kinderen", "Erwachsene mit Kindern"),
    "minors_only": ("Minors only", "Mineurs seulement", "Enkel minderjarigen",
                    "Nur Minderjährige"),
    # protection stages
    "a_card": ("A card", "Carte A", "A-kaart", "A-Karte"),
    "annex15": ("Annex 15", "Annexe 15", "Bijlage 15", "Anlage 15"),
    "attestation": ("Attestation of temporary protection",
                    "Attestation de protection temporaire",
                    "Attest van tijdelijke bescherming",
                    "Bescheinigung des vorübergehenden Schutzes"),
    "none": ("None yet", "Aucun encore", "Nog geen", "Noch keines"),
    "with_piis": ("With PIIS", "Avec PIIS", "Met GPMI", "Mit PIIS"),
    "without_piis": ("Without PIIS", "Sans PIIS", "Zonder GPMI", "Ohne PIIS"),
    # referrals
    "unspecified": ("All kinds", "Tous types", "Alle soorten", "Alle Arten"),
    "proposed": ("Proposed", "Proposée", "Voorgesteld", "Vorgeschlagen"),
    "sent": ("Sent", "Envoyée", "Verstuurd", "Gesendet"),
    "accepted": ("Accepted", "Acceptée", "Aanvaard", "Angenommen"),
    "completed": ("Done", "Terminée", "Afgerond", "Erledigt"),
    "declined": ("Refused", "Refusée", "Geweigerd", "Abgelehnt"),
    # the document
    "title": ("Anonymous figures", "Chiffres anonymes", "Anonieme cijfers", "Anonyme Zahlen"),
    "month": ("Month", "Mois", "Maand", "Monat"),
    "scope": ("Scope", "Périmètre", "Bereik", "Bereich"),
    "hidden": ("– hidden: fewer than 5, or would reveal such a count",
               "– masqué : moins de 5, ou révélerait un tel nombre",
               "– verborgen: minder dan 5, of zou zo’n aantal onthullen",
               "– ausgeblendet: weniger als 5, oder würde eine solche Zahl verraten"),
    "origin_file": ("figures sent as a signed file", "chiffres envoyés par fichier signé",
                    "cijfers verstuurd als ondertekend bestand",
                    "Zahlen als signierte Datei gesendet"),
    "origin_sync": ("figures computed from synced records",
                    "chiffres calculés sur les données synchronisées",
                    "cijfers berekend uit gesynchroniseerde gegevens",
                    "Zahlen aus synchronisierten Daten berechnet"),
    "none_found": ("No organisation in this scope sent figures for this month.",
                   "Aucune organisation de ce périmètre n’a de chiffres pour ce mois.",
                   "Geen organisatie in dit bereik heeft cijfers voor deze maand.",
                   "Keine Organisation in diesem Bereich hat Zahlen für diesen Monat."),
}
_INDEX = {"en": 0, "fr": 1, "nl": 2, "de": 3}


def label(code: str, lang: str, table: str = "") -> str:
    """The words for a code; a municipality's REFNIS code gets its name."""
    if table == "by_municipality" and code.isdigit():
        return f"{code} {municipality_name(code, lang) or ''}".strip()
    words = _L.get(code)
    return words[_INDEX[lang]] if words else code
