"""Headers as CPAS lists really write them: longer forms of a known header, other word
orders, punctuation, units and qualifiers. None of the headers below is in the synonym
list; they must still be recognised, and the ones that mean something else must not be."""

import pytest

from desktop.exchange.columns import CANONICAL, SYNONYMS, column_letter, fold, recognise
from directory.headers import HeaderMatcher, words

RECOGNISED = [
    # French
    ("N° de dossier CPAS", "case_number"),
    ("Numéro du dossier", "case_number"),
    ("Date de naissance (jj/mm/aaaa)", "birth_date"),
    ("Né(e) le", "birth_date"),
    ("Numéro de registre national", "nrn"),
    ("NISS / n° BIS", "nrn"),
    ("Date d'arrivée en Belgique", "arrival_date"),
    ("Prénom en caractères latins", "given_name_latin"),
    ("Nom en lettres latines", "surname_latin"),
    ("Téléphone portable", "phone"),
    ("N° de GSM", "phone"),
    ("Adresse mail", "email"),
    ("Type de logement", "accommodation_type"),
    ("Langues parlées", "languages"),
    ("Code postal (Belgique)", "postal_code"),
    ("Rue et numéro", "street"),
    ("Sexe (M/F)", "sex"),
    ("Lien de parenté avec le chef de ménage", "relationship"),
    ("Date de naissance / Geboortedatum", "birth_date"),  # bilingual, as in Brussels
    # Dutch
    ("Rijksregisternr.", "nrn"),
    ("Nummer rijksregister", "nrn"),
    ("Geboortedatum (dd/mm/jjjj)", "birth_date"),
    ("Datum van aankomst", "arrival_date"),
    ("Gsm-nummer", "phone"),
    ("Straat en huisnummer", "street"),
    ("Voornaam kind", "given_name"),
    ("Dossiernummer OCMW", "case_number"),
    ("Soort opvang", "accommodation_type"),
    ("Verwantschap met gezinshoofd", "relationship"),
    # German
    ("Geburtsdatum des Kindes", "birth_date"),
    ("Datum der Ankunft", "arrival_date"),
    ("Akten-Nr.", "case_number"),
    ("Vorname (lateinische Schrift)", "given_name_latin"),
    ("Telefonnummer", "phone"),
    ("Straße und Hausnummer", "street"),
    ("Nr. des Reisepasses", "document_number"),
    # English
    ("Date of birth (dd/mm/yyyy)", "birth_date"),
    ("Passport no.", "document_number"),
    ("Mobile phone number", "phone"),
    ("Arrival date in Belgium", "arrival_date"),
    ("National register number", "nrn"),
    ("Case file number", "case_number"),
    ("Household ID", "household"),
    ("E-mail address", "email"),
    # Ukrainian
    ("Дата народження дитини", "birth_date"),
    ("№ справи", "case_number"),
    ("Номер паспорта", "document_number"),
    ("Телефон (мобільний)", "phone"),
    ("Дата прибуття в Бельгію", "arrival_date"),
    ("По батькові (кирилицею)", "patronymic"),
    ("Прізвище (кирилицею)", "surname"),
    ("Адреса електронної пошти", "email"),
    ("Місто проживання", "municipality"),
    ("Поштовий індекс (Бельгія)", "postal_code"),
]

# Another meaning, or two meanings in one column: left for the person to choose (and listed).
UNMAPPED = [
    "Lieu de naissance", "Pays de naissance", "Nom de l'hébergeur", "Nom du père",
    "Nom et prénom", "Naam en voornaam", "Code postal et localité", "Adresse complète",
    "Nom complet", "Remarques du bénévole", "Assistant social", "Date", "Numéro",
    "Geboorteplaats", "Statut du dossier", "Adresse en Ukraine", "Full name",
    "Місце народження", "Chef de ménage", "Nom du CPAS", "Téléphone personne de contact",
    "Date d'ouverture du dossier", "Date d'expiration du passeport", "Composition de ménage",
    "Date d'arrivée au CPAS", "Nom de la personne de contact", "Documents manquants",
]


def literal_synonyms() -> set[str]:
    return {fold(w) for name, texts in SYNONYMS.items() for w in (name, *texts)}


@pytest.mark.parametrize(("header", "meaning"), RECOGNISED)
def test_longer_and_reordered_headers_are_recognised(header, meaning):
    assert fold(header) not in literal_synonyms()  # the point: nobody listed this one
    assert recognise(header) == meaning


@pytest.mark.parametrize("header", UNMAPPED)
def test_headers_meaning_something_else_stay_unmapped(header):
    assert recognise(header) is None


def test_every_language_has_its_share_of_the_table():
    assert len(RECOGNISED) >= 30
    cyrillic = [h for h, _ in RECOGNISED if any("\u0400" <= c <= "\u04ff" for c in h)]
    assert len(cyrillic) >= 8


def test_every_listed_synonym_still_means_its_column_and_no_two_columns_share_one():
    matcher = HeaderMatcher(SYNONYMS)
    assert set(SYNONYMS) == set(CANONICAL)
    owners: dict = {}
    for name, sets in matcher.synonyms.items():
        for synonym in sets:
            assert owners.setdefault(synonym, name) == name, (synonym, name)
    for name, texts in SYNONYMS.items():
        for text in (name, *texts):
            assert recognise(text) == name, text
            assert matcher.match(text) == name, text


def test_the_ways_of_writing_number_are_one_word():
    same = {words(h) for h in ("N° de dossier", "Nº dossier", "Nr. dossier", "Dossiernr",
                               "dossier number", "Numéro de dossier", "№ dossier",
                               "Dossier #", "Dossiernummer")}
    assert len(same) == 1


def test_column_letters_as_a_spreadsheet_shows_them():
    assert [column_letter(i) for i in (0, 2, 25, 26, 27, 701, 702)] == [
        "A", "C", "Z", "AA", "AB", "ZZ", "AAA"]


# Whole header rows as a CPAS, an OCMW, an ÖSHZ and a Ukrainian volunteer would type them:
# everything but the row counter in the first column is recognised, each once.
ROWS = [
    "N°;Nom de famille;Prénom(s);Date de naissance;Sexe;Nationalité;N° registre national;"
    "Type de document;N° du document;Adresse en Belgique;CP;Commune;GSM;Adresse e-mail;"
    "Date d'arrivée;Hébergement;Remarques",
    "Volgnr.;Familienaam;Voorna(a)m(en);Geboortedatum;M/V;Nationaliteit;"
    "Rijksregisternummer;Soort document;Nummer document;Adres;Postcode;Gemeente;"
    "Telefoonnummer;E-mail;Aankomst in België;Type opvang;Opmerkingen",
    "Lfd. Nr.;Nachname;Vorname(n);Geburtsdatum;Geschlecht;Staatsangehörigkeit;"
    "Nationalregisternr.;Art des Dokuments;Dokument-Nr.;Anschrift;PLZ;Wohnort;Telefon;"
    "E-Mail-Adresse;Einreisedatum;Unterbringung;Bemerkungen",
    "№ з/п;Прізвище;Ім'я;Дата народження;Стать;Громадянство;"
    "Номер у національному реєстрі;Тип документа;Номер документа;Адреса в Бельгії;"
    "Поштовий індекс;Громада;Номер телефону;Електронна пошта;Дата прибуття;Тип житла;"
    "Примітки",
]


@pytest.mark.parametrize("row", ROWS)
def test_whole_header_rows_map_every_column_but_the_row_counter(row):
    from desktop.exchange.columns import propose

    headers = row.split(";")
    mapping = propose([headers])
    assert sorted(mapping.columns) == list(range(1, len(headers)))
    assert set(mapping.columns.values()) == {
        "surname", "given_name", "birth_date", "sex", "nationality", "nrn", "document_type",
        "document_number", "street", "postal_code", "municipality", "phone", "email",
        "arrival_date", "accommodation_type", "notes"}
