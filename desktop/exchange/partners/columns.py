"""The columns of a directory list and the words people head them with (French, Dutch,
German, English, Ukrainian); the labels an export writes (``partners.column_*`` in every
catalog) read back in any language. Headers are matched as sets of word stems
(exchange/headers.py), as for persons."""

from __future__ import annotations

from typing import Any

from desktop.core.i18n import LANGUAGES, load_catalog
from desktop.exchange.columns import Mapping, fold
from desktop.exchange.headers import HeaderMatcher

COLUMNS = ("kind", "name", "municipalities", "street", "postal_code", "municipality",
           "phone", "email", "website", "languages", "opening_hours", "waiting",
           "waiting_days", "verified_on", "scope", "listed")
LABELS = "partners.column_"
# What an import reads; the directory an entry belongs to is not (imports are local).
READ = tuple(c for c in COLUMNS if c != "scope")

SYNONYMS: dict[str, tuple[str, ...]] = {
    "kind": ("type", "type de service", "catégorie", "domaine", "soort", "soort dienst",
             "categorie", "domein", "art", "kategorie", "bereich", "kind", "category",
             "вид", "тип", "категорія"),
    "name": ("nom", "nom du service", "organisme", "partenaire", "naam", "organisatie",
             "partner", "dienst", "name", "organisation", "einrichtung", "service",
             "назва", "організація", "партнер"),
    "municipalities": ("communes desservies", "zone desservie", "territoire",
                       "bediende gemeenten", "werkgebied", "versorgte gemeinden",
                       "einzugsgebiet", "municipalities served", "area served",
                       "громади", "територія обслуговування"),
    "street": ("adresse", "rue", "adres", "straat", "anschrift", "straße", "strasse",
               "address", "street", "адреса", "вулиця"),
    "postal_code": ("code postal", "cp", "postcode", "postleitzahl", "plz", "zip",
                    "поштовий індекс", "індекс"),
    "municipality": ("commune", "localité", "ville", "gemeente", "plaats", "gemeinde", "ort",
                     "city", "town", "municipality", "місто", "громада адреси"),
    "phone": ("téléphone", "tél", "tel", "gsm", "telefoon", "telefon", "phone", "телефон"),
    "email": ("e-mail", "courriel", "mail", "adresse e-mail", "e-mailadres",
              "електронна пошта", "пошта"),
    "website": ("site", "site web", "site internet", "website", "webseite", "internet",
                "url", "вебсайт", "сайт"),
    "languages": ("langues", "langues parlées", "talen", "gesproken talen", "sprachen",
                  "languages", "languages spoken", "мови"),
    "opening_hours": ("heures d'ouverture", "horaire", "horaires", "openingsuren",
                      "openingstijden", "öffnungszeiten", "sprechzeiten", "opening hours",
                      "hours", "години роботи", "графік"),
    "waiting": ("délai d'attente", "attente", "capacité", "wachttijd", "capaciteit",
                "wartezeit", "kapazität", "waiting time", "capacity", "очікування",
                "черга"),
    "waiting_days": ("attente en jours", "jours d'attente", "wachttijd in dagen",
                     "wartezeit in tagen", "waiting days", "wait in days",
                     "очікування днів"),
    "verified_on": ("vérifié le", "date de vérification", "nagekeken op", "gecontroleerd op",
                    "geprüft am", "verified on", "last verified", "перевірено"),
    "scope": ("répertoire", "gids", "verzeichnis", "directory", "довідник"),
    "listed": ("actif", "repris", "actief", "opgenomen", "aktiv", "active", "listed",
               "активний"),
}

_LOOKUP: dict[str, str] = {}
for _lang in LANGUAGES:
    _catalog = load_catalog(_lang)
    for _column in COLUMNS:
        _label = _catalog.get(f"{LABELS}{_column}")
        if isinstance(_label, str):
            _LOOKUP.setdefault(fold(_label), _column)
for _column, _words in SYNONYMS.items():
    _LOOKUP.setdefault(fold(_column), _column)
    for _word in _words:
        _LOOKUP.setdefault(fold(_word), _column)
_MATCHER = HeaderMatcher(SYNONYMS)


def recognise(header: Any) -> str | None:
    if header is None:
        return None
    return _LOOKUP.get(fold(header)) or _MATCHER.match(header)


def propose(rows: list[list[Any]], scan: int = 10) -> Mapping:
    """The first row (within ``scan``) where two headers are recognised, and its columns."""
    header_row, best = 0, 0
    for index, row in enumerate(rows[:scan]):
        count = sum(1 for cell in row if recognise(cell))
        if count > best:
            header_row, best = index, count
        if count >= 2:
            break
    mapping = Mapping(header_row=header_row)
    for index, cell in enumerate(rows[header_row] if rows else []):
        name = recognise(cell)
        if name:
            mapping.assign(index, name)
    return mapping
