"""What relais-central says about the regional directory, in English, French, Dutch and
German (the coordinators' languages; --lang, else RELAIS_LANG, else the locale)."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "publish.bad_scope": {
        "en": "A regional directory needs a region or a province, not {scope}: use "
              "region:WAL, region:VLG, region:BRU or province:<REFNIS code of a province>.",
        "fr": "Un répertoire régional demande une région ou une province, pas {scope}\u00a0: "
              "utilisez region:WAL, region:VLG, region:BRU ou province:<code REFNIS d’une "
              "province>.",
        "nl": "Een regionale gids vraagt een gewest of een provincie, niet {scope}: gebruik "
              "region:WAL, region:VLG, region:BRU of province:<NIS-code van een provincie>.",
        "de": "Ein regionales Verzeichnis braucht eine Region oder eine Provinz, nicht "
              "{scope}: verwenden Sie region:WAL, region:VLG, region:BRU oder "
              "province:<NIS-Code einer Provinz>."},
    "publish.cannot_read": {
        "en": "Cannot read {file}.", "fr": "Impossible de lire {file}.",
        "nl": "Kan {file} niet lezen.", "de": "{file} kann nicht gelesen werden."},
    "publish.bad_format": {
        "en": "{file}: give a .csv or .xlsx file.",
        "fr": "{file}\u00a0: donnez un fichier .csv ou .xlsx.",
        "nl": "{file}: geef een .csv- of .xlsx-bestand.",
        "de": "{file}: geben Sie eine .csv- oder .xlsx-Datei an."},
    "publish.bad_workbook": {
        "en": "{file} is not a readable XLSX workbook.",
        "fr": "{file} n’est pas un classeur XLSX lisible.",
        "nl": "{file} is geen leesbare XLSX-werkmap.",
        "de": "{file} ist keine lesbare XLSX-Arbeitsmappe."},
    "publish.not_text": {
        "en": "The file is not a CSV text file.",
        "fr": "Le fichier n’est pas un fichier texte CSV.",
        "nl": "Het bestand is geen CSV-tekstbestand.",
        "de": "Die Datei ist keine CSV-Textdatei."},
    "publish.file_too_big": {
        "en": "The file is too big (at most {max} MB).",
        "fr": "Le fichier est trop grand ({max} Mo au plus).",
        "nl": "Het bestand is te groot (hoogstens {max} MB).",
        "de": "Die Datei ist zu groß (höchstens {max} MB)."},
    "publish.too_many_rows": {
        "en": "The list has more than {max} rows: it is not a directory.",
        "fr": "La liste a plus de {max} lignes\u00a0: ce n’est pas un répertoire.",
        "nl": "De lijst heeft meer dan {max} rijen: het is geen gids.",
        "de": "Die Liste hat mehr als {max} Zeilen: sie ist kein Verzeichnis."},
    "publish.too_many_columns": {
        "en": "The list has more than {max} columns.",
        "fr": "La liste a plus de {max} colonnes.",
        "nl": "De lijst heeft meer dan {max} kolommen.",
        "de": "Die Liste hat mehr als {max} Spalten."},
    "publish.cell_too_long": {
        "en": "Line {line}: a cell is longer than {max} characters.",
        "fr": "Ligne {line}\u00a0: une cellule dépasse {max} caractères.",
        "nl": "Regel {line}: een cel is langer dan {max} tekens.",
        "de": "Zeile {line}: eine Zelle ist länger als {max} Zeichen."},
    "publish.no_name_column": {
        "en": "{file} has no column for the service's name (e.g. “Name”, “Nom”, “Naam”).",
        "fr": "{file} n’a pas de colonne pour le nom du service "
              "(p. ex. «\u00a0Nom\u00a0», «\u00a0Naam\u00a0»).",
        "nl": "{file} heeft geen kolom voor de naam van de dienst (bv. ‘Naam’, ‘Nom’).",
        "de": "{file} hat keine Spalte für den Namen des Dienstes (z. B. „Name“, „Nom“)."},
    "publish.bad_rows": {
        "en": "{count} row(s) cannot be read; nothing was published:",
        "fr": "{count} ligne(s) illisible(s)\u202f; rien n’a été publié\u00a0:",
        "nl": "{count} rij(en) onleesbaar; er is niets gepubliceerd:",
        "de": "{count} Zeile(n) nicht lesbar; nichts wurde veröffentlicht:"},
    "publish.line": {
        "en": "line {line}: {reason}", "fr": "ligne {line}\u00a0: {reason}",
        "nl": "regel {line}: {reason}", "de": "Zeile {line}: {reason}"},
    "publish.line_column": {
        "en": "line {line}, column “{column}”: {reason}",
        "fr": "ligne {line}, colonne «\u00a0{column}\u00a0»\u00a0: {reason}",
        "nl": "regel {line}, kolom ‘{column}’: {reason}",
        "de": "Zeile {line}, Spalte „{column}“: {reason}"},
    "publish.too_long": {
        "en": "longer than {max} characters", "fr": "plus de {max} caractères",
        "nl": "langer dan {max} tekens", "de": "länger als {max} Zeichen"},
    "publish.name_required": {
        "en": "the service has no name", "fr": "le service n’a pas de nom",
        "nl": "de dienst heeft geen naam", "de": "der Dienst hat keinen Namen"},
    "publish.bad_postal_code": {
        "en": "a postal code has four digits", "fr": "un code postal a quatre chiffres",
        "nl": "een postcode heeft vier cijfers", "de": "eine Postleitzahl hat vier Ziffern"},
    "publish.bad_email": {
        "en": "not an e-mail address", "fr": "pas une adresse e-mail",
        "nl": "geen e-mailadres", "de": "keine E-Mail-Adresse"},
    "publish.bad_kind": {
        "en": "unknown kind of service “{value}”",
        "fr": "type de service inconnu «\u00a0{value}\u00a0»",
        "nl": "onbekende soort dienst ‘{value}’",
        "de": "unbekannte Art von Dienst „{value}“"},
    "publish.too_many": {
        "en": "more than {max}", "fr": "plus de {max}", "nl": "meer dan {max}",
        "de": "mehr als {max}"},
    "publish.unknown_municipality": {
        "en": "unknown municipality “{value}” (a name or a REFNIS code)",
        "fr": "commune inconnue «\u00a0{value}\u00a0» (un nom ou un code REFNIS)",
        "nl": "onbekende gemeente ‘{value}’ (een naam of een NIS-code)",
        "de": "unbekannte Gemeinde „{value}“ (ein Name oder ein NIS-Code)"},
    "publish.bad_language": {
        "en": "unknown language “{value}”", "fr": "langue inconnue «\u00a0{value}\u00a0»",
        "nl": "onbekende taal ‘{value}’", "de": "unbekannte Sprache „{value}“"},
    "publish.bad_days": {
        "en": "a number of days from 0 to {max}", "fr": "un nombre de jours de 0 à {max}",
        "nl": "een aantal dagen van 0 tot {max}", "de": "eine Zahl von Tagen von 0 bis {max}"},
    "publish.bad_date": {
        "en": "not a date, or in the future: “{value}” (write DD/MM/YYYY)",
        "fr": "pas une date, ou dans le futur\u00a0: «\u00a0{value}\u00a0» (écrivez JJ/MM/AAAA)",
        "nl": "geen datum, of in de toekomst: ‘{value}’ (schrijf DD/MM/JJJJ)",
        "de": "kein Datum oder in der Zukunft: „{value}“ (schreiben Sie TT.MM.JJJJ)"},
    "publish.bad_yes_no": {
        "en": "write yes or no, not “{value}”",
        "fr": "écrivez oui ou non, pas «\u00a0{value}\u00a0»",
        "nl": "schrijf ja of nee, niet ‘{value}’", "de": "schreiben Sie ja oder nein, nicht "
                                                        "„{value}“"},
    "publish.unknown_id": {
        "en": "Line {line}: no entry {id} in this directory; nothing was published.",
        "fr": "Ligne {line}\u00a0: aucune entrée {id} dans ce répertoire\u202f; "
              "rien n’a été publié.",
        "nl": "Regel {line}: geen vermelding {id} in deze gids; er is niets gepubliceerd.",
        "de": "Zeile {line}: kein Eintrag {id} in diesem Verzeichnis; nichts wurde "
              "veröffentlicht."},
    "publish.unknown_entry": {
        "en": "No regional entry {id}.", "fr": "Aucune entrée régionale {id}.",
        "nl": "Geen regionale vermelding {id}.", "de": "Kein regionaler Eintrag {id}."},
    "publish.imported": {
        "en": "{added} added, {changed} changed, {unchanged} unchanged; written to "
              "{organisations} organisation(s).",
        "fr": "{added} ajoutée(s), {changed} modifiée(s), {unchanged} inchangée(s)\u202f; écrit "
              "pour {organisations} organisation(s).",
        "nl": "{added} toegevoegd, {changed} gewijzigd, {unchanged} ongewijzigd; geschreven "
              "naar {organisations} organisatie(s).",
        "de": "{added} hinzugefügt, {changed} geändert, {unchanged} unverändert; an "
              "{organisations} Organisation(en) geschrieben."},
    "publish.unlisted": {
        "en": "{name} is no longer listed.", "fr": "{name} n’est plus proposé.",
        "nl": "{name} wordt niet meer aangeboden.", "de": "{name} wird nicht mehr angeboten."},
    "publish.exported": {
        "en": "{count} entries written to {path}.",
        "fr": "{count} entrées écrites dans {path}.",
        "nl": "{count} vermeldingen geschreven naar {path}.",
        "de": "{count} Einträge in {path} geschrieben."},
    "publish.cannot_write": {
        "en": "Cannot write {path}.", "fr": "Impossible d’écrire {path}.",
        "nl": "Kan {path} niet schrijven.", "de": "{path} kann nicht geschrieben werden."},
    "publish.bad_output": {
        "en": "The export is a .csv file.", "fr": "L’export est un fichier .csv.",
        "nl": "De export is een .csv-bestand.", "de": "Der Export ist eine .csv-Datei."},
}


def say(lang: str, key: str, **values: str) -> str:
    return WORDS[key][lang].format(**values)
