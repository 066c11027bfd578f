"""What relais-central says about figures and coordinators, in French, Dutch, German and
English (the languages of the coordinators who read it). ``--lang``, else RELAIS_LANG,
else the locale's language, else English. Codes in the figures (table keys, rows) stay
codes: they are the schema's, documented in docs/figures-schema.md."""

from __future__ import annotations

import locale
import os

LANGUAGES = ("en", "fr", "nl", "de")

WORDS: dict[str, dict[str, str]] = {
    "coordinator.added": {
        "en": "Coordinator {name} added, scope {scope}. Their token (shown once, give it to "
              "them privately):",
        "fr": "Coordinateur {name} ajouté, périmètre {scope}. Son jeton (affiché une seule "
              "fois, remettez-le en privé)\u00a0:",
        "nl": "Coördinator {name} toegevoegd, bereik {scope}. Het token (eenmaal getoond, "
              "geef het persoonlijk door):",
        "de": "Koordinator {name} hinzugefügt, Bereich {scope}. Das Token (nur einmal "
              "angezeigt, geben Sie es vertraulich weiter):"},
    "coordinator.revoked": {
        "en": "Coordinator {name} revoked.", "fr": "Coordinateur {name} révoqué.",
        "nl": "Coördinator {name} ingetrokken.", "de": "Koordinator {name} widerrufen."},
    "coordinator.active": {"en": "active", "fr": "actif", "nl": "actief", "de": "aktiv"},
    "coordinator.inactive": {"en": "revoked", "fr": "révoqué", "nl": "ingetrokken",
                             "de": "widerrufen"},
    "coordinator.bad_name": {
        "en": "A coordinator needs a name of at most {limit} characters.",
        "fr": "Un coordinateur a besoin d’un nom de {limit} caractères au plus.",
        "nl": "Een coördinator heeft een naam van hoogstens {limit} tekens nodig.",
        "de": "Ein Koordinator braucht einen Namen von höchstens {limit} Zeichen."},
    "coordinator.bad_scope": {
        "en": "Unknown scope {scope}: use federal, region:WAL, region:VLG, region:BRU or "
              "province:<REFNIS code of a province>.",
        "fr": "Périmètre inconnu {scope}\u00a0: utilisez federal, region:WAL, region:VLG, "
              "region:BRU ou province:<code REFNIS d’une province>.",
        "nl": "Onbekend bereik {scope}: gebruik federal, region:WAL, region:VLG, region:BRU "
              "of province:<NIS-code van een provincie>.",
        "de": "Unbekannter Bereich {scope}: verwenden Sie federal, region:WAL, region:VLG, "
              "region:BRU oder province:<NIS-Code einer Provinz>."},
    "coordinator.exists": {
        "en": "A coordinator named {name} already exists.",
        "fr": "Un coordinateur nommé {name} existe déjà.",
        "nl": "Er bestaat al een coördinator met de naam {name}.",
        "de": "Ein Koordinator namens {name} existiert bereits."},
    "coordinator.unknown": {
        "en": "No active coordinator named {name}.",
        "fr": "Aucun coordinateur actif nommé {name}.",
        "nl": "Geen actieve coördinator met de naam {name}.",
        "de": "Kein aktiver Koordinator namens {name}."},
    "figures.bad_month": {
        "en": "{month} is not a month: write YYYY-MM, e.g. 2026-03.",
        "fr": "{month} n’est pas un mois\u00a0: écrivez AAAA-MM, par ex. 2026-03.",
        "nl": "{month} is geen maand: schrijf JJJJ-MM, bv. 2026-03.",
        "de": "{month} ist kein Monat: schreiben Sie JJJJ-MM, z. B. 2026-03."},
    "figures.bad_scope": {
        "en": "Unknown scope {scope}.", "fr": "Périmètre inconnu {scope}.",
        "nl": "Onbekend bereik {scope}.", "de": "Unbekannter Bereich {scope}."},
    "figures.outside_scope": {
        "en": "{scope} lies outside this account's scope.",
        "fr": "{scope} sort du périmètre de ce compte.",
        "nl": "{scope} valt buiten het bereik van deze account.",
        "de": "{scope} liegt außerhalb des Bereichs dieses Kontos."},
    "figures.unknown_organisation": {
        "en": "No organisation {refnis} on this central.",
        "fr": "Aucune organisation {refnis} sur ce serveur central.",
        "nl": "Geen organisatie {refnis} op deze centrale server.",
        "de": "Keine Organisation {refnis} auf diesem zentralen Server."},
    "figures.key": {
        "en": "Figures key of {refnis} (shown once; the CPAS's administrator enters it in "
              "Relais to sign its figures files):",
        "fr": "Clé des chiffres de {refnis} (affichée une seule fois\u202f; l’administrateur du "
              "CPAS la saisit dans Relais pour signer ses fichiers de chiffres)\u00a0:",
        "nl": "Cijfersleutel van {refnis} (eenmaal getoond; de beheerder van het OCMW voert "
              "ze in Relais in om de cijferbestanden te ondertekenen):",
        "de": "Zahlenschlüssel von {refnis} (nur einmal angezeigt; der Administrator des "
              "ÖSHZ gibt ihn in Relais ein, um seine Zahlendateien zu signieren):"},
    "figures.imported": {
        "en": "Figures of {refnis} for {month} imported.",
        "fr": "Chiffres de {refnis} pour {month} importés.",
        "nl": "Cijfers van {refnis} voor {month} geïmporteerd.",
        "de": "Zahlen von {refnis} für {month} importiert."},
    "figures.written": {
        "en": "Figures written to {path}.", "fr": "Chiffres enregistrés dans {path}.",
        "nl": "Cijfers opgeslagen in {path}.", "de": "Zahlen gespeichert in {path}."},
    "figures.bad_output": {
        "en": "The output file must end in .csv, .xlsx, .pdf or .json.",
        "fr": "Le fichier de sortie doit se terminer par .csv, .xlsx, .pdf ou .json.",
        "nl": "Het uitvoerbestand moet eindigen op .csv, .xlsx, .pdf of .json.",
        "de": "Die Ausgabedatei muss auf .csv, .xlsx, .pdf oder .json enden."},
    "figures.usage": {
        "en": "Use: relais-central figures --month YYYY-MM [--scope S] -o FILE.csv|.xlsx|.pdf, "
              "or relais-central figures import FILE.json",
        "fr": "Utilisation\u00a0: relais-central figures --month AAAA-MM [--scope P] "
              "-o FICHIER.csv|.xlsx|.pdf, ou relais-central figures import FICHIER.json",
        "nl": "Gebruik: relais-central figures --month JJJJ-MM [--scope B] "
              "-o BESTAND.csv|.xlsx|.pdf, of relais-central figures import BESTAND.json",
        "de": "Verwendung: relais-central figures --month JJJJ-MM [--scope B] "
              "-o DATEI.csv|.xlsx|.pdf, oder relais-central figures import DATEI.json"},
    "figures.cannot_read": {
        "en": "Cannot read {path}.", "fr": "Impossible de lire {path}.",
        "nl": "Kan {path} niet lezen.", "de": "{path} kann nicht gelesen werden."},
    "figures.cannot_write": {
        "en": "Cannot write {path}.", "fr": "Impossible d’écrire {path}.",
        "nl": "Kan {path} niet schrijven.", "de": "{path} kann nicht geschrieben werden."},
    "figures.file_too_large": {
        "en": "This file is too large for a figures file (at most 5 MB); nothing imported.",
        "fr": "Ce fichier est trop grand pour un fichier de chiffres (5 Mo au plus)\u202f; rien "
              "n’a été importé.",
        "nl": "Dit bestand is te groot voor een cijferbestand (hoogstens 5 MB); niets "
              "geïmporteerd.",
        "de": "Diese Datei ist zu groß für eine Zahlendatei (höchstens 5 MB); nichts "
              "importiert."},
    "figures.file_not_json": {
        "en": "This file is not a figures file (not JSON); nothing imported.",
        "fr": "Ce fichier n’est pas un fichier de chiffres (pas du JSON)\u202f; rien n’a été "
              "importé.",
        "nl": "Dit bestand is geen cijferbestand (geen JSON); niets geïmporteerd.",
        "de": "Diese Datei ist keine Zahlendatei (kein JSON); nichts importiert."},
    "figures.file_schema": {
        "en": "This file does not follow schema relais.figures/1; nothing imported.",
        "fr": "Ce fichier ne suit pas le schéma relais.figures/1\u202f; rien n’a été importé.",
        "nl": "Dit bestand volgt schema relais.figures/1 niet; niets geïmporteerd.",
        "de": "Diese Datei folgt nicht dem Schema relais.figures/1; nichts importiert."},
    "figures.file_unsigned": {
        "en": "This figures file is not signed; nothing imported.",
        "fr": "Ce fichier de chiffres n’est pas signé\u202f; rien n’a été importé.",
        "nl": "Dit cijferbestand is niet ondertekend; niets geïmporteerd.",
        "de": "Diese Zahlendatei ist nicht signiert; nichts importiert."},
    "figures.file_bad_signature": {
        "en": "The signature of this figures file does not match its organisation's key: "
              "it was changed after signing or signed with another key. Nothing imported.",
        "fr": "La signature de ce fichier de chiffres ne correspond pas à la clé de son "
              "organisation\u00a0: il a été modifié après signature ou signé avec une autre clé. "
              "Rien n’a été importé.",
        "nl": "De handtekening van dit cijferbestand past niet bij de sleutel van de "
              "organisatie: het werd na ondertekening gewijzigd of met een andere sleutel "
              "ondertekend. Niets geïmporteerd.",
        "de": "Die Signatur dieser Zahlendatei passt nicht zum Schlüssel ihrer Organisation: "
              "Sie wurde nach dem Signieren geändert oder mit einem anderen Schlüssel "
              "signiert. Nichts importiert."},
    "figures.file_unknown_organisation": {
        "en": "This file's organisation is not known here or has no figures key yet "
              "(relais-central org figures-key); nothing imported.",
        "fr": "L’organisation de ce fichier n’est pas connue ici ou n’a pas encore de clé de "
              "chiffres (relais-central org figures-key)\u202f; rien n’a été importé.",
        "nl": "De organisatie van dit bestand is hier niet bekend of heeft nog geen "
              "cijfersleutel (relais-central org figures-key); niets geïmporteerd.",
        "de": "Die Organisation dieser Datei ist hier nicht bekannt oder hat noch keinen "
              "Zahlenschlüssel (relais-central org figures-key); nichts importiert."},
    "csv.schema": {"en": "schema", "fr": "schéma", "nl": "schema", "de": "Schema"},
    "csv.month": {"en": "month", "fr": "mois", "nl": "maand", "de": "Monat"},
    "csv.refnis": {"en": "REFNIS code", "fr": "code REFNIS", "nl": "NIS-code",
                   "de": "NIS-Code"},
    "csv.organisation": {"en": "organisation", "fr": "organisation", "nl": "organisatie",
                         "de": "Organisation"},
    "csv.region": {"en": "region", "fr": "région", "nl": "gewest", "de": "Region"},
    "csv.province": {"en": "province", "fr": "province", "nl": "provincie",
                     "de": "Provinz"},
    "csv.table": {"en": "table", "fr": "tableau", "nl": "tabel", "de": "Tabelle"},
    "csv.unit": {"en": "unit", "fr": "unité", "nl": "eenheid", "de": "Einheit"},
    "csv.row": {"en": "row", "fr": "ligne", "nl": "rij", "de": "Zeile"},
    "csv.column": {"en": "column", "fr": "colonne", "nl": "kolom", "de": "Spalte"},
    "csv.value": {"en": "value", "fr": "valeur", "nl": "waarde", "de": "Wert"},
}


def language(asked: str | None = None) -> str:
    for candidate in (asked, os.environ.get("RELAIS_LANG"), os.environ.get("LANGUAGE"),
                      os.environ.get("LC_ALL"), os.environ.get("LC_MESSAGES"),
                      os.environ.get("LANG"), locale.getlocale()[0]):
        code = (candidate or "")[:2].lower()
        if code in LANGUAGES:
            return code
    return "en"


def say(lang: str, key: str, **values: str) -> str:
    return WORDS[key][lang].format(**values)
