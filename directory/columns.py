"""The columns of a directory list of partner services, the words people head them with
(French, Dutch, German, English, Ukrainian), the words for each kind, and the limits of a
list: shared by the desktop's import and the central's publishing of a regional directory,
so both read a file by the same rules. Plain data; imports neither side."""

from __future__ import annotations

import unicodedata

COLUMNS = ("kind", "name", "municipalities", "street", "postal_code", "municipality",
           "phone", "email", "website", "languages", "opening_hours", "waiting",
           "waiting_days", "verified_on", "scope", "listed")
# The kinds of service (the desktop's PartnerKind values), and the words a list uses for them.
KINDS = ("language_courses", "integration_pathway", "housing", "health", "mental_health",
         "legal_aid", "schooling", "employment", "childcare", "emergency_aid", "community",
         "other")
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "language_courses": ("langue", "langues", "fle", "cours de français", "taal",
              "taalles", "nt2", "sprache", "deutschkurs", "language"),
    "integration_pathway": ("intégration", "parcours", "inburgering",
              "integration", "інтеграція"),
    "housing": ("logement", "wonen", "wohnung", "житло"),
    "health": ("santé", "mutuelle", "mutualité", "gezondheid", "ziekenfonds",
              "gesundheit", "krankenkasse", "health", "здоров'я"),
    "mental_health": ("santé mentale", "psy", "psychosocial",
              "geestelijke gezondheid", "psychosoziale", "mental health",
              "психологічна допомога"),
    "legal_aid": ("juridique", "avocat", "juridisch", "advocaat", "recht",
              "legal", "юридична допомога"),
    "schooling": ("école", "scolarité", "daspa", "school", "okan", "schule",
              "школа"),
    "employment": ("emploi", "formation", "forem", "actiris", "vdab", "werk",
              "opleiding", "arbeit", "adg", "work", "jobs", "робота"),
    "childcare": ("crèche", "garderie", "kinderopvang", "kita", "дитсадок"),
    "emergency_aid": ("urgence", "aide d'urgence", "accueil", "noodhulp",
              "opvang", "nothilfe", "emergency", "екстрена допомога"),
    "community": ("association", "vereniging", "verein", "community", "громада"),
}

MAX_ROWS = 5_000  # a directory holds hundreds of entries; a bigger file is not one
CELL_MAX = 2_000  # any cell, before its own rule (a list of municipalities is long)
# The longest each text may be (a directory entry is shown whole in a list and a letter).
TEXT_LIMITS = {
    "name": 200, "street": 200, "postal_code": 10, "phone": 40, "email": 200,
    "website": 300, "opening_hours": 500, "waiting": 500,
}
MAX_MUNICIPALITIES = 600  # Belgium has 565
MAX_LANGUAGES = 20
MAX_WAITING_DAYS = 3650

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



def fold(text: str) -> str:
    """A header or a word as compared: no case, no accents, one kind of apostrophe, single
    spaces."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold().strip())
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(kept.replace("’", "'").replace("_", " ").split())
