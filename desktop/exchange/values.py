"""Cell values read as people write them: relationships and sexes in five languages,
dates as text, as Excel serial numbers or as real dates, languages as lists. Every label an
export writes (labels.py, from the catalogs) reads back in any of the five languages; the
words below are the others people use."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from desktop.core.enums import AccommodationType, DocumentType, Relationship, Sex
from desktop.core.errors import RelaisError
from desktop.core.i18n import language_code
from desktop.core.intake_rules import parse_date
from desktop.core.text import clean_text
from desktop.exchange import labels
from desktop.exchange.columns import fold

EXCEL_EPOCH = date(1899, 12, 30)

RELATIONSHIPS: dict[str, Relationship] = labels.words_for(Relationship)
for _value, _words in {
    Relationship.HEAD: ("head", "chef", "chef de ménage", "chef de famille", "demandeur",
                        "gezinshoofd", "referentiepersoon", "haushaltsvorstand",
                        "referenzperson", "personne de référence",
                        "hauptperson", "голова", "голова домогосподарства", "заявник"),
    Relationship.SPOUSE: ("spouse", "partner", "partenaire", "conjoint", "conjointe",
                          "épouse", "époux", "echtgenoot", "echtgenote", "ehepartner",
                          "ehefrau", "ehemann", "дружина", "чоловік"),
    Relationship.CHILD: ("child", "enfant", "fils", "fille", "kind", "zoon", "dochter",
                         "sohn", "tochter", "дитина", "син", "донька", "дочка"),
    Relationship.PARENT: ("parent", "mère", "père", "ouder", "moeder", "vader",
                          "elternteil", "mutter", "vater", "мати", "батько"),
    Relationship.SIBLING: ("sibling", "frère", "sœur", "soeur", "broer", "zus", "bruder",
                           "schwester", "брат", "сестра"),
    Relationship.GRANDPARENT: ("grandparent", "grand-mère", "grand-père", "grootmoeder",
                               "grootvader", "oma", "opa", "großmutter", "großvater",
                               "бабуся", "дідусь"),
    Relationship.GRANDCHILD: ("grandchild", "petit-enfant", "petit-fils", "petite-fille",
                              "kleinkind", "kleinzoon", "kleindochter", "enkel", "enkelin",
                              "онук", "онука"),
    Relationship.OTHER: ("other", "autre", "ander", "andere", "anderer", "інше", "інший"),
}.items():
    for _word in _words:
        RELATIONSHIPS.setdefault(fold(_word), _value)

SEXES: dict[str, Sex] = labels.words_for(Sex)
for _word, _sex in {
    "m": Sex.MALE, "h": Sex.MALE, "homme": Sex.MALE, "man": Sex.MALE, "mann": Sex.MALE,
    "male": Sex.MALE, "masculin": Sex.MALE, "mannelijk": Sex.MALE, "männlich": Sex.MALE,
    "ч": Sex.MALE, "чол": Sex.MALE, "чоловіча": Sex.MALE,
    "f": Sex.FEMALE, "v": Sex.FEMALE, "w": Sex.FEMALE, "femme": Sex.FEMALE,
    "vrouw": Sex.FEMALE, "frau": Sex.FEMALE, "female": Sex.FEMALE, "féminin": Sex.FEMALE,
    "vrouwelijk": Sex.FEMALE, "weiblich": Sex.FEMALE, "ж": Sex.FEMALE, "жін": Sex.FEMALE,
    "жіноча": Sex.FEMALE, "x": Sex.OTHER, "u": Sex.UNKNOWN, "?": Sex.UNKNOWN,
    "inconnu": Sex.UNKNOWN, "onbekend": Sex.UNKNOWN, "unbekannt": Sex.UNKNOWN,
    "unknown": Sex.UNKNOWN, "невідома": Sex.UNKNOWN,
}.items():  # fmt: skip
    SEXES.setdefault(fold(_word), _sex)

ACCOMMODATION: dict[str, AccommodationType] = labels.words_for(AccommodationType)
for _value, _words in {
    AccommodationType.HOST_FAMILY: ("host family", "famille d'accueil", "famille",
                                    "gastgezin", "gastfamilie", "приймаюча сім'я"),
    AccommodationType.COLLECTIVE: ("collective", "collectif", "centre", "collectieve opvang",
                                   "gemeinschaftsunterkunft", "колективне"),
    AccommodationType.RENTAL: ("rental", "location", "logement", "huur", "huurwoning",
                               "miete", "mietwohnung", "оренда"),
    AccommodationType.CRISIS_PLACE: ("crisis place", "place de crise", "crisisplaats",
                                     "krisenplatz", "кризове місце"),
    AccommodationType.UNKNOWN: ("unknown", "not known yet", "inconnu", "pas encore connu",
                                "onbekend", "nog niet gekend", "unbekannt",
                                "noch nicht bekannt", "невідомо", "ще невідомо"),
}.items():
    for _word in _words:
        ACCOMMODATION.setdefault(fold(_word), _value)

DOCUMENTS: dict[str, DocumentType] = labels.words_for(DocumentType)
for _value, _words in {
    DocumentType.PASSPORT: ("passport", "passeport", "paspoort", "reisepass", "pass",
                            "паспорт", "закордонний паспорт"),
    DocumentType.ID_CARD: ("id card", "id", "carte d'identité", "identiteitskaart",
                           "personalausweis", "id-картка"),
    DocumentType.BIRTH_CERTIFICATE: ("birth certificate", "acte de naissance",
                                     "geboorteakte", "geburtsurkunde",
                                     "свідоцтво про народження"),
    DocumentType.INTERNAL_PASSPORT: ("internal passport", "passeport intérieur",
                                     "внутрішній паспорт"),
}.items():
    for _word in _words:
        DOCUMENTS.setdefault(fold(_word), _value)

LANGUAGE_WORDS = {
    "uk": ("uk", "ukr", "ukrainien", "oekraïens", "ukrainisch", "ukrainian", "українська"),
    "ru": ("ru", "rus", "russe", "russisch", "russian", "російська", "русский"),
    "en": ("en", "eng", "anglais", "engels", "englisch", "english", "англійська"),
    "fr": ("fr", "français", "frans", "französisch", "french", "французька"),
    "nl": ("nl", "néerlandais", "nederlands", "niederländisch", "dutch", "нідерландська"),
    "de": ("de", "allemand", "duits", "deutsch", "german", "німецька"),
}
LANGUAGES = labels.language_words()
for _code, _words in LANGUAGE_WORDS.items():
    for _word in _words:
        LANGUAGES.setdefault(fold(_word), _code)
# Words between languages ("ukrainien et russe"), not languages themselves.
LANGUAGE_JOINS = {fold(w) for w in ("et", "ou", "en", "of", "und", "oder", "and", "or", "і",
                                    "та", "або")}

# Nationalities as people write them (country, adjective, code); any other three-letter
# code is taken as ISO 3166-1 alpha-3. Cutting a word to three letters would turn
# "Oekraïens" into "OEK": a word Relais does not know is said, not guessed.
NATIONALITY_WORDS = {
    "UKR": ("ua", "ukraine", "ukrainien", "ukrainienne", "oekraïne", "oekraïens",
            "oekraïense", "ukrainisch", "ukrainer", "ukrainerin", "ukrainian", "україна",
            "українець", "українка", "українська", "украина"),
    "RUS": ("ru", "russie", "russe", "rusland", "russisch", "russische", "russland",
            "russia", "russian", "росія", "російська", "россия"),
    "BLR": ("by", "biélorussie", "bélarus", "biélorusse", "belarus", "wit-rusland",
            "wit-russisch", "belarussisch", "belarusian", "білорусь", "білоруська"),
    "MDA": ("md", "moldavie", "moldave", "moldavië", "moldavisch", "moldau", "moldova",
            "moldovan", "молдова"),
    "BEL": ("be", "belgique", "belge", "belgië", "belg", "belgisch", "belgische", "belgien",
            "belgier", "belgium", "belgian", "бельгія"),
    "XXA": ("apatride", "staatloos", "staatenlos", "stateless", "без громадянства"),
}
NATIONALITIES = {fold(w): code for code, words in NATIONALITY_WORDS.items() for w in words}


class BadValue(Exception):
    """A cell that cannot be read; ``key`` is the message, ``params`` its values."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key, self.params = key, params


def text(cell: Any, multiline: bool = False) -> str:
    """A cell as text, without control or invisible characters (core/text.py)."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return clean_text(str(cell), multiline).strip()


def relationship(cell: Any) -> Relationship | None:
    value = fold(text(cell))
    if not value:
        return None
    if value in RELATIONSHIPS:
        return RELATIONSHIPS[value]
    raise BadValue("import.bad_relationship", value=text(cell))


def sex(cell: Any) -> Sex:
    value = fold(text(cell)).rstrip(".")
    if not value:
        return Sex.UNKNOWN
    if value in SEXES:
        return SEXES[value]
    raise BadValue("import.bad_sex", value=text(cell))


def date_text(cell: Any) -> str:
    """A date cell as the intake form's text (dd/mm/yyyy, mm/yyyy or yyyy)."""
    if cell is None or text(cell) == "":
        return ""
    if isinstance(cell, datetime):
        cell = cell.date()
    if isinstance(cell, date):
        return cell.strftime("%d/%m/%Y")
    if isinstance(cell, int | float) and 1 <= float(cell) < 80_000:
        if 1900 <= float(cell) <= 2100 and float(cell).is_integer():
            return str(int(cell))  # a year alone
        return (EXCEL_EPOCH + timedelta(days=int(cell))).strftime("%d/%m/%Y")
    value = text(cell)
    if re.fullmatch(r"\d{5}", value):  # an Excel serial number read as text
        return (EXCEL_EPOCH + timedelta(days=int(value))).strftime("%d/%m/%Y")
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?", value)
    if match:
        year, month, day = match.groups()
        return f"{int(day):02d}/{int(month):02d}/{year}"
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", value)  # a month, as exports write it
    if match:
        year, month = match.groups()
        return f"{int(month):02d}/{year}"
    return value.replace(".", "/").replace("-", "/")


def languages(cell: Any) -> list[str]:
    """Language codes as people write them: a code, or a name in any interface language
    (CLDR's names through Babel too, so "polonais" is pl). A word Relais cannot read is a
    BadValue (dropping it would leave "uk" in its place)."""
    found: list[str] = []
    # Words and what separates them: "en" is English after a comma, Dutch "and" between
    # two languages separated by spaces only ("oekraïens en russisch").
    pieces = re.split(r"(\s*[,;/+]+\s*|\s+)", text(cell))
    words, separators = pieces[0::2], pieces[1::2]
    for position, part in enumerate(words):
        word = fold(part)
        if not word:
            continue
        between_spaces = (0 < position < len(words) - 1
                          and not separators[position - 1].strip()
                          and not separators[position].strip())
        if word in LANGUAGE_JOINS and (between_spaces or word not in LANGUAGES):
            continue
        code = LANGUAGES.get(word) or language_code(part)
        if code is None:
            raise BadValue("import.bad_language", value=part)
        if code not in found:
            found.append(code)
    return found


def nationality(cell: Any) -> str:
    """ISO 3166-1 alpha-3, "" for an empty cell."""
    value = fold(text(cell))
    if not value:
        return ""
    if value in NATIONALITIES:
        return NATIONALITIES[value]
    if re.fullmatch(r"[a-z]{3}", value):
        return value.upper()
    raise BadValue("import.bad_nationality", value=text(cell))


def accommodation(cell: Any) -> AccommodationType | None:
    value = fold(text(cell))
    if not value:
        return None
    if value in ACCOMMODATION:
        return ACCOMMODATION[value]
    raise BadValue("import.bad_accommodation", value=text(cell))


def document_type(cell: Any) -> DocumentType:
    """An empty cell is a passport (the number column of most lists is "N° passeport"); a
    word Relais does not know is said, not turned into "other": the document has no field
    that would keep what was written."""
    value = fold(text(cell))
    if not value:
        return DocumentType.PASSPORT
    if value in DOCUMENTS:
        return DOCUMENTS[value]
    raise BadValue("import.bad_document_type", value=text(cell))


def year_of(typed_date: str) -> int | None:
    """The year of a date as the intake form takes it, or None when it is not one."""
    try:
        parsed = parse_date(typed_date)
    except RelaisError:
        return None
    return parsed[0].year if parsed else None
