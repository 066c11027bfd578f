"""Recognising a column header as people write it, not only as the synonym list spells it.

A header and every synonym become sets of word stems: accents, case and punctuation go,
articles and prepositions (de, du, van, der, von, of, the…) go, "n°/nr/no/numéro/nummer/
number/№" and the glued "-nummer/-nr" become one NUMBER token, and a little plural and
gender ending is cut, so "N° de dossier", "Dossiernr.", "Numéro du dossier" and "dossier
number" all read the same. A header means a column when the words of one of its synonyms
are all there, in any order, and every other word is harmless for it ("date" on a date, the
NUMBER on an identifier, "Belgique", "de la personne"…). An unknown word ("Lieu de
naissance", "Nom de l'hébergeur") means something else: better left unmapped, and
reported, than filled into the wrong field. The most specific synonym wins; a tie between
two meanings ("Nom et prénom") is left unmapped too."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

NUMBER = "#"  # the token every way of writing "number" becomes

_NUMBER_WORDS = {"n", "no", "nr", "nro", "num", "numero", "nummer", "number", "номер", "#"}
_GLUED_NUMBER = ("nummer", "nr")  # dossiernummer, rijksregisternr, aktennr
# Articles, prepositions and conjunctions in French, Dutch, German, English and Ukrainian.
_STOPWORDS = frozenset(word for line in (
    "de du des d la le les l en et a au aux pour par sur avec ou un une si",
    "van het der den in op voor met of een te indien",
    "die das dem von vom und im am zum zur fur mit ein eine falls",
    "the of and on for with an at by if",
    "та і й в у з на для якщо",
) for word in line.split())
_WORD = re.compile(r"[^\W_]+|#")
_LATIN_ENDINGS = "se"  # adresse(s) → adres, latine(s) → latin, personnes → personn
_CYRILLIC_ENDINGS = "аеиіоуюяєїйь"  # прізвища → прізвищ, дитини → дитин
# Ukrainian case endings (after folding, й reads и): національному/-ого/-ий → національн.
_CYRILLIC_CASES = ("ими", "ому", "ого", "ами", "ями", "ях", "ах", "ів", "ою", "ею", "ом",
                   "ем", "ам", "ям", "их", "ии", "іи", "оі")
_OPTIONAL = re.compile(r"(?<=\w)\((\w{1,3})\)")  # Prénom(s), Vorname(n), Voorna(a)m(en)


def _stem(word: str) -> str:
    if "\u0400" <= word[0] <= "\u04ff":
        ending = next((e for e in _CYRILLIC_CASES if word.endswith(e)
                       and len(word) - len(e) >= 4), "")
        word, endings = word[: len(word) - len(ending)], _CYRILLIC_ENDINGS
    else:
        endings = _LATIN_ENDINGS
    while len(word) > 4 and word[-1] in endings:
        word = word[:-1]
    return word


def spellings(text: str) -> list[str]:
    """The header with its optional letters left out, then with each kept in turn."""
    found = [text]
    for _ in range(3):  # at most three optional parts: eight spellings
        if not _OPTIONAL.search(found[-1]):
            break
        found = [f"{t[:m.start()]}{keep}{t[m.end():]}" for t in found
                 if (m := _OPTIONAL.search(t)) for keep in ("", m.group(1))]
    return found


def words(text: object) -> frozenset[str]:
    """The stems of a header, NUMBER for any way of writing "number"."""
    decomposed = unicodedata.normalize("NFKD", str(text).replace("№", " # ")).casefold()
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Elided French articles (d'arrivée, l'enfant) go; the Ukrainian apostrophe joins (ім'я).
    plain = re.sub(r"\b[dlnjmst]['’`]", " ", plain)
    plain = re.sub(r"['’`ʼ]", "", plain)
    found: set[str] = set()
    letters: set[str] = set()  # kept only when there is nothing else: "M/V", "Ч/Ж"
    for word in _WORD.findall(plain):
        if word in _NUMBER_WORDS:
            found.add(NUMBER)
            continue
        glued = next((s for s in _GLUED_NUMBER if word.endswith(s) and len(word) > len(s) + 2),
                     None)
        if glued:
            found.add(NUMBER)
            word = word[: -len(glued)]
        if len(word) == 1 and not word.isdigit():
            letters.add(word)
        elif word not in _STOPWORDS:
            found.add(_stem(word))
    return frozenset(found or letters)


def _stems(text: str) -> frozenset[str]:
    return frozenset(w for phrase in text.split(",") for w in words(phrase))


# Words that may stand next to a synonym without changing what the column holds.
ANY_COLUMN = _stems(
    "Belgique, België, Belgien, Belgium, бельгії, бельгію, belge, belgisch, belgian, "
    "personne, persoon, person, особи, особа, membre, lid, mitglied, "
    "member, bénéficiaire, begunstigde, leistungsempfänger, beneficiary, enfant, kind, "
    "kindes, child, дитини, demandeur, aanvrager, antragsteller, applicant, actuel, "
    "actuelle, huidig, huidige, aktuell, aktuelle, current, поточний, principal, "
    "officiel, officieel, offiziell, official, connu, gekend, bekend, bekannt, known, "
    "відомо, obligatoire, verplicht, erforderlich, required, обовязково")
_DATE = _stems("date, datum, дата, jour, dag, tag, day, jj, mm, aa, aaaa, dd, yy, yyyy, jjjj, "
               "tt, дд, мм, рррр, гггг")
_NUMBER = frozenset({NUMBER})
_KIND = _stems("type, soort, art, typ, тип, вид, catégorie, categorie, kategorie, category")
_ADDRESS = _stems("résidence, domicile, verblijf, verblijfplaats, wohnsitz, проживання, "
                  "maison, huis, haus, house, boîte, bus") | _NUMBER
_NAME = _stems("cyrillique, cyrillisch, kyrillisch, cyrillic, кирилицею, ukrainien, "
               "oekraïens, ukrainisch, ukrainian, українською, caractères, lettres, letters, "
               "tekens, buchstaben, schrift, alphabet, script")
_CONTACT = _stems("portable, mobile, mobiel, mobil, мобільний, "
                  "fixe, vast, privé, privat, private") | _NUMBER
_EMAIL = _stems("privé, privat, private, adresse, adres, address, адреса")
_SPOKEN = _stems("parlée, parlées, gesproken, gesprochen, spoken, maternelle")
_REFERENCE = _stems("réf, référence, ref, referentie, referenz, reference, id, identifiant, "
                    "code, CPAS, OCMW, ÖSHZ, посилання") | _NUMBER
_RELATION = _stems("chef, ménage, hoofd, gezinshoofd, gezin, haushaltsvorstand, haushalt, "
                   "head, household, голова, домогосподарства, référence, referentie")
HARMLESS: dict[str, frozenset[str]] = {
    "household": _REFERENCE, "relationship": _RELATION, "birth_date": _DATE,
    "arrival_date": _DATE, "nrn": _NUMBER,
    "document_type": _KIND, "document_number": _NUMBER, "accommodation_type": _KIND,
    "case_number": _REFERENCE, "phone": _CONTACT, "email": _EMAIL, "languages": _SPOKEN,
    "street": _ADDRESS, "municipality": _ADDRESS, "postal_code": _ADDRESS,
    "surname": _NAME, "given_name": _NAME, "patronymic": _NAME, "surname_latin": _NAME,
    "given_name_latin": _NAME,
}


class HeaderMatcher:
    """Which canonical column a header means, from the synonyms of each one."""

    def __init__(self, synonyms: Mapping[str, Iterable[str]]) -> None:
        self.synonyms = {name: {words(s) for s in [name, *texts]} - {frozenset()}
                         for name, texts in synonyms.items()}
        self.vocabulary = {name: frozenset().union(*sets) for name, sets in
                           self.synonyms.items()}

    def match(self, header: object) -> str | None:
        if header is None:
            return None
        for spelling in spellings(str(header)):
            meaning = self._match(words(spelling))
            if meaning:
                return meaning
        return None

    def _match(self, found: frozenset[str]) -> str | None:
        if not found:
            return None
        best: dict[str, tuple[int, int]] = {}
        for name, sets in self.synonyms.items():
            allowed = ANY_COLUMN | HARMLESS.get(name, frozenset()) | self.vocabulary[name]
            for synonym in sets:
                rest = found - synonym
                if synonym <= found and rest <= allowed:
                    # Most words explained by the synonym itself, then fewest left over.
                    best[name] = max(best.get(name, (0, 0)), (len(synonym), -len(rest)))
        if not best:
            return None
        ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None  # two meanings fit as well: the person chooses
        return ranked[0][0]
