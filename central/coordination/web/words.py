"""What the coordinator page says, in English, French, Dutch and German (the languages of
the central's coordinators, as central/coordination/words.py). The figures' own codes are
worded by central/coordination/labels.py, as in the PDF."""

from __future__ import annotations

LANGUAGES = ("en", "fr", "nl", "de")
_I = {"en": 0, "fr": 1, "nl": 2, "de": 3}

PAGE: dict[str, tuple[str, str, str, str]] = {  # en, fr, nl, de
    "login.heading": ("Coordinator sign-in", "Connexion coordinateur",
                      "Aanmelden als coördinator", "Anmeldung für Koordinatoren"),
    "login.token": ("Access token", "Jeton d’accès", "Toegangstoken", "Zugangstoken"),
    "login.help": ("The token given to you when your coordinator account was created.",
                   "Le jeton qui vous a été remis à la création de votre compte de "
                   "coordinateur.",
                   "Het token dat u kreeg toen uw coördinatoraccount werd aangemaakt.",
                   "Das Token, das Sie beim Anlegen Ihres Koordinatorkontos erhalten haben."),
    "login.submit": ("Sign in", "Se connecter", "Aanmelden", "Anmelden"),
    "login.failed": ("This token is not valid, or it was revoked.",
                     "Ce jeton n’est pas valable, ou il a été révoqué.",
                     "Dit token is niet geldig, of het werd ingetrokken.",
                     "Dieses Token ist nicht gültig oder wurde widerrufen."),
    "login.too_many": ("Too many failed attempts from this address. Please try again in "
                       "15 minutes.",
                       "Trop d’essais manqués depuis cette adresse. Veuillez réessayer dans "
                       "15 minutes.",
                       "Te veel mislukte pogingen vanaf dit adres. Probeer het over "
                       "15 minuten opnieuw.",
                       "Zu viele Fehlversuche von dieser Adresse. Bitte versuchen Sie es in "
                       "15 Minuten erneut."),
    "login.ended": ("Your session has ended. Please sign in again.",
                    "Votre session est terminée. Veuillez vous reconnecter.",
                    "Uw sessie is afgelopen. Meld u opnieuw aan.",
                    "Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an."),
    "nav.signed_in": ("Signed in as {name}", "Connecté en tant que {name}",
                      "Aangemeld als {name}", "Angemeldet als {name}"),
    "nav.partners": ("Partner services", "Services partenaires", "Partnerdiensten",
                     "Partnerdienste"),
    "nav.logout": ("Sign out", "Se déconnecter", "Afmelden", "Abmelden"),
    "nav.language": ("Language", "Langue", "Taal", "Sprache"),
    "form.heading": ("Choose the figures", "Choisir les chiffres", "Cijfers kiezen",
                     "Zahlen auswählen"),
    "form.month": ("Month", "Mois", "Maand", "Monat"),
    "form.month_hint": ("YYYY-MM", "AAAA-MM", "JJJJ-MM", "JJJJ-MM"),
    "form.scope": ("Area", "Territoire", "Gebied", "Gebiet"),
    "form.level": ("Figures by", "Chiffres par", "Cijfers per", "Zahlen nach"),
    "form.show": ("Show", "Afficher", "Tonen", "Anzeigen"),
    "level.region": ("Region", "Région", "Gewest", "Region"),
    "level.province": ("Province", "Province", "Provincie", "Provinz"),
    "level.municipality": ("Municipality of residence", "Commune de résidence",
                           "Woongemeente", "Wohngemeinde"),
    "scope.federal": ("Belgium (federal level)", "Belgique (niveau fédéral)",
                      "België (federaal niveau)", "Belgien (föderale Ebene)"),
    "region.02000": ("Flemish Region", "Région flamande", "Vlaams Gewest",
                     "Flämische Region"),
    "region.03000": ("Walloon Region", "Région wallonne", "Waals Gewest",
                     "Wallonische Region"),
    "region.04000": ("Brussels-Capital Region", "Région de Bruxelles-Capitale",
                     "Brussels Hoofdstedelijk Gewest", "Region Brüssel-Hauptstadt"),
    "place.none": ("No province (Brussels)", "Sans province (Bruxelles)",
                   "Geen provincie (Brussel)", "Keine Provinz (Brüssel)"),
    "place.heading": ("{level}, {month}", "{level}, {month}", "{level}, {month}",
                      "{level}, {month}"),
    "chart.heading": ("The last 12 months", "Les 12 derniers mois", "De laatste 12 maanden",
                      "Die letzten 12 Monate"),
    "chart.description": ("Bars: persons; line: active files in the month; from {first} to "
                          "{last}. The same figures are in the table below the chart.",
                          "Barres : personnes ; ligne : dossiers actifs dans le mois ; de "
                          "{first} à {last}. Les mêmes chiffres sont dans le tableau sous le "
                          "graphique.",
                          "Staven: personen; lijn: actieve dossiers in de maand; van {first} tot "
                          "{last}. Dezelfde cijfers staan in de tabel onder de grafiek.",
                          "Balken: Personen; Linie: im Monat aktive Akten; von {first} bis "
                          "{last}. Dieselben Zahlen stehen in der Tabelle unter der Grafik."),
    "chart.table": ("The chart’s figures", "Les chiffres du graphique",
                    "De cijfers van de grafiek", "Die Zahlen der Grafik"),
    "orgs.heading": ("Organisations", "Organisations", "Organisaties", "Organisationen"),
    "orgs.name": ("Organisation", "Organisation", "Organisatie", "Organisation"),
    "orgs.details": ("All tables of {name}", "Tous les tableaux de {name}",
                     "Alle tabellen van {name}", "Alle Tabellen von {name}"),
    "legend.heading": ("Hidden figures", "Chiffres masqués", "Verborgen cijfers",
                       "Ausgeblendete Zahlen"),
    "legend.intro": ("Small counts could point to a person, so they are never shown.",
                     "Un petit nombre pourrait désigner une personne : il n’est jamais "
                     "affiché.",
                     "Een klein aantal kan naar een persoon wijzen: het wordt nooit getoond.",
                     "Eine kleine Zahl könnte auf eine Person hinweisen: Sie wird nie "
                     "angezeigt."),
    "legend.small": ("<5: a count from 1 to 4.", "<5 : un nombre de 1 à 4.",
                     "<5: een aantal van 1 tot 4.", "<5: eine Zahl von 1 bis 4."),
    "legend.hidden": ("–: hidden, because it is under 5 or because it would let such a "
                      "count be worked out from the totals.",
                      "– : masqué, parce qu’il est inférieur à 5 ou parce qu’il permettrait "
                      "de retrouver un tel nombre à partir des totaux.",
                      "–: verborgen, omdat het kleiner is dan 5 of omdat zo’n aantal anders "
                      "uit de totalen af te leiden zou zijn.",
                      "–: ausgeblendet, weil sie unter 5 liegt oder weil sich sonst eine "
                      "solche Zahl aus den Summen errechnen ließe."),
    "legend.partial": ("≥ n: at least n; the counts of some organisations are hidden here.",
                       "≥ n : au moins n ; les nombres de certaines organisations sont masqués "
                       "ici.",
                       "≥ n: minstens n; de aantallen van sommige organisaties zijn hier "
                       "verborgen.",
                       "≥ n: mindestens n; die Zahlen einiger Organisationen sind hier "
                       "ausgeblendet."),
    "downloads.heading": ("Download these figures", "Télécharger ces chiffres",
                          "Deze cijfers downloaden", "Diese Zahlen herunterladen"),
    "downloads.csv": ("CSV (one value a line)", "CSV (une valeur par ligne)",
                      "CSV (één waarde per regel)", "CSV (ein Wert pro Zeile)"),
    "downloads.xlsx": ("Excel workbook (XLSX)", "Classeur Excel (XLSX)",
                       "Excel-werkmap (XLSX)", "Excel-Arbeitsmappe (XLSX)"),
    "downloads.pdf": ("PDF for reading", "PDF à lire", "PDF om te lezen", "PDF zum Lesen"),
    "error.bad_month": ("Please give the month as YYYY-MM, for example 2026-03.",
                        "Veuillez indiquer le mois sous la forme AAAA-MM, par exemple "
                        "2026-03.",
                        "Geef de maand als JJJJ-MM, bijvoorbeeld 2026-03.",
                        "Bitte geben Sie den Monat als JJJJ-MM an, zum Beispiel 2026-03."),
    "error.outside_scope": ("This area is outside your own; your own area is shown.",
                            "Ce territoire dépasse le vôtre ; votre propre territoire est "
                            "affiché.",
                            "Dit gebied valt buiten het uwe; uw eigen gebied wordt getoond.",
                            "Dieses Gebiet liegt außerhalb Ihres eigenen; Ihr eigenes Gebiet "
                            "wird angezeigt."),
    "footer": ("Anonymous figures, schema relais.figures/1. No record, name or identifier "
               "of a person is shown here.",
               "Chiffres anonymes, schéma relais.figures/1. Aucune donnée, aucun nom ni "
               "identifiant de personne n’apparaît ici.",
               "Anonieme cijfers, schema relais.figures/1. Geen gegevens, naam of "
               "identificatie van een persoon worden hier getoond.",
               "Anonyme Zahlen, Schema relais.figures/1. Hier erscheinen keine Daten, Namen "
               "oder Kennungen einer Person."),
}


def page_word(key: str, lang: str, **values: str) -> str:
    text = PAGE[key][_I[lang]]
    return text.format(**values) if values else text


def choose_language(asked: str | None, accept_language: str | None) -> str:
    """``?lang=`` if it is one of ours, else the browser's first of ours, else English."""
    if asked in LANGUAGES:
        return str(asked)
    for part in (accept_language or "")[:200].split(","):
        code = part.split(";")[0].strip()[:2].lower()
        if code in LANGUAGES:
            return code
    return "en"
