"""Which column holds what: canonical names that always work, and the words CPAS lists use
for them in French, Dutch, German, English and Ukrainian (longer and reordered forms are
recognised by headers.py). The header row is the first row (within the first ten) where at
least two cells are recognised. Columns left out are listed by ignored.py."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from desktop.core.i18n import LANGUAGES, load_catalog
from directory.columns import fold
from directory.headers import HeaderMatcher

CANONICAL = (
    "household", "relationship", "surname", "given_name", "patronymic", "surname_latin",
    "given_name_latin", "sex", "birth_date", "nationality", "nrn", "document_type",
    "document_number", "phone", "email", "languages", "arrival_date", "municipality",
    "postal_code", "street", "accommodation_type", "case_number", "notes",
)  # fmt: skip

SYNONYMS: dict[str, tuple[str, ...]] = {
    "household": ("menage", "ménage", "famille", "n° ménage", "n° menage", "gezin",
                  "huishouden",
                  "gezinsnummer", "haushalt", "familie", "family", "домогосподарство",
                  "родина", "сім'я"),
    "relationship": ("lien", "lien de parenté", "parenté", "relatie", "verwantschap",
                     "beziehung", "verwandtschaft", "relation", "родинний зв'язок",
                     "зв'язок"),
    "surname": ("nom", "nom de famille", "naam", "familienaam", "achternaam", "name",
                "nachname", "familienname", "last name", "family name", "прізвище"),
    "given_name": ("prénom", "prenom", "voornaam", "vorname", "first name", "given name",
                   "ім'я", "имя"),
    "patronymic": ("patronyme", "patroniem", "vatersname", "по батькові", "ім'я по батькові",
                   "отчество"),
    "surname_latin": ("nom (latin)", "nom latin", "nom passeport", "naam (latijns)",
                      "nachname (lateinisch)", "surname latin", "прізвище латиницею"),
    "given_name_latin": ("prénom (latin)", "prénom latin", "voornaam (latijns)",
                         "vorname (lateinisch)", "given name latin", "ім'я латиницею"),
    "sex": ("sexe", "genre", "geslacht", "geschlecht", "gender", "стать", "m/f", "h/f",
            "m/v", "m/w", "ч/ж"),
    "birth_date": ("date de naissance", "né le", "née le", "naissance", "geboortedatum",
                   "geboren", "geburtsdatum", "date of birth", "birth date", "dob",
                   "дата народження"),
    "nationality": ("nationalité", "citoyenneté", "nationaliteit", "staatsangehörigkeit",
                    "nationalität", "citizenship", "громадянство"),
    "nrn": ("niss", "inss", "rrn", "registre national", "n° national",
            "numéro national", "rijksregisternummer", "rijksregister", "nationalnummer",
            "nationalregisternummer", "national number", "national register", "bis",
            "національний реєстр"),
    "document_type": ("type de document", "document", "pièce d'identité", "documenttype",
                      "identiteitsbewijs", "dokument", "dokumenttyp", "ausweis",
                      "тип документа"),
    "document_number": ("n° de document", "numéro de document", "n° passeport",
                        "passeport", "documentnummer", "paspoortnummer", "dokumentnummer",
                        "passnummer", "passport number", "номер документа", "паспорт",
                        "n° pièce d'identité", "identiteitsbewijsnummer", "ausweisnummer",
                        "reisepass"),
    "phone": ("téléphone", "tél", "tel", "gsm", "telefoon", "telefon", "handy",
              "телефон"),
    "email": ("e-mail", "courriel", "mail", "adresse e-mail", "adresse électronique", "e-mailadres",
              "електронна пошта", "електронна адреса", "пошта"),
    "languages": ("langues", "langue", "talen", "taal", "sprachen", "sprache", "мови",
                  "мова"),
    "arrival_date": ("date d'arrivée", "arrivée", "arrivé le", "aankomstdatum", "aankomst",
                     "ankunftsdatum", "ankunft", "arrival", "дата прибуття", "прибуття",
                     "date d'entrée", "inreisdatum", "einreisedatum", "einreise"),
    "municipality": ("commune", "localité", "ville", "gemeente", "woonplaats", "gemeinde",
                     "wohnort", "city", "town", "громада", "місто"),
    "postal_code": ("code postal", "cp", "postcode", "postleitzahl", "plz", "zip",
                    "поштовий індекс", "індекс"),
    "street": ("rue", "adresse", "straat", "adres", "straße", "strasse", "anschrift",
               "address", "вулиця", "адреса"),
    "accommodation_type": ("hébergement", "type d'hébergement", "logement", "huisvesting",
                           "opvang", "unterkunft", "unterbringung", "accommodation",
                           "housing", "житло"),
    "case_number": ("n° dossier", "numéro de dossier", "dossier", "dossiernummer",
                    "aktennummer", "akte", "file number", "case number", "номер справи"),
    "notes": ("remarques", "remarque", "notes", "note", "commentaire", "opmerkingen",
              "opmerking", "bemerkungen", "anmerkungen", "comments", "примітки",
              "коментар"),
}


_LOOKUP: dict[str, str] = {}
# The column labels of every catalog first: an export from Relais in any language, and the
# fillable lists, are read back whatever the reader's own language.
for _lang in LANGUAGES:
    _catalog = load_catalog(_lang)
    for _canonical in CANONICAL:
        _label = _catalog.get(f"importer.column_{_canonical}")
        if isinstance(_label, str):
            _LOOKUP.setdefault(fold(_label), _canonical)
for _canonical, _words in SYNONYMS.items():
    _LOOKUP[fold(_canonical)] = _canonical
    for _word in _words:
        _LOOKUP.setdefault(fold(_word), _canonical)
_MATCHER = HeaderMatcher(SYNONYMS)


def recognise(header: Any) -> str | None:
    """A synonym as listed, else any longer or reordered form of one (headers.py)."""
    if header is None:
        return None
    return _LOOKUP.get(fold(header)) or _MATCHER.match(header)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column as a spreadsheet shows it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass
class Mapping:
    """Column index -> canonical name, with the header row it was read from."""

    header_row: int  # 0-based index into Table.rows
    columns: dict[int, str] = field(default_factory=dict)
    # Columns meaning what an earlier column already holds (a second "Nom"): the first wins.
    duplicates: dict[int, str] = field(default_factory=dict)
    # Headers a saved mapping names that the file does not have (header -> canonical name):
    # said in the dry run and the wizard, so a renamed column is not silently left unread.
    missing: dict[str, str] = field(default_factory=dict)

    def assign(self, index: int, name: str) -> None:
        if name in self.columns.values():
            self.duplicates[index] = name
        else:
            self.columns[index] = name

    def column_of(self, name: str) -> int | None:
        return next((i for i, n in self.columns.items() if n == name), None)

    def to_json(self, headers: list[Any]) -> str:
        """A named mapping saved by header text, so it applies to next month's file too."""
        return json.dumps({str(headers[i]): name for i, name in self.columns.items()},
                          ensure_ascii=False, indent=1)

    @classmethod
    def from_saved(cls, saved: dict[str, str], headers: list[Any], header_row: int) -> Mapping:
        wanted = {fold(k): v for k, v in saved.items() if v in CANONICAL}
        mapping = cls(header_row=header_row)
        present = set()
        for index, header in enumerate(headers):
            name = wanted.get(fold(header)) if header is not None else None
            if name:
                mapping.assign(index, name)
                present.add(fold(header))
        mapping.missing = {header: name for header, name in saved.items()
                           if name in CANONICAL and fold(header) not in present}
        return mapping


def find_header(rows: list[list[Any]], scan: int = 10) -> int:
    best_row, best_count = 0, 0
    for index, row in enumerate(rows[:scan]):
        count = sum(1 for cell in row if recognise(cell))
        if count > best_count:
            best_row, best_count = index, count
        if count >= 2:
            return index
    return best_row


def propose(rows: list[list[Any]]) -> Mapping:
    header_row = find_header(rows)
    mapping = Mapping(header_row=header_row)
    for index, cell in enumerate(rows[header_row] if rows else []):
        name = recognise(cell)
        if name:
            mapping.assign(index, name)
    return mapping
