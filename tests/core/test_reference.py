from desktop.core.organisation import organisation_name
from desktop.core.reference import reference_data

GERMAN_SPEAKING = {"63001", "63012", "63013", "63023", "63040", "63048", "63061", "63067",
                   "63087"}


def test_the_565_municipalities_of_2025_with_their_names():
    data = reference_data()
    assert len(data.municipalities) == 565
    assert all(m.names.get("fr") and m.names.get("nl") for m in data.municipalities.values())
    german = {code for code, m in data.municipalities.items() if "de" in m.names}
    assert german > GERMAN_SPEAKING
    assert {code for code, m in data.municipalities.items() if "de" in m.languages} == \
        GERMAN_SPEAKING
    assert data.municipality("63040").names["de"] == "Kelmis"
    assert all(m.valid_from == "2025-01-01" for m in data.municipalities.values())


def test_a_municipality_is_found_by_any_national_name_or_postal_code():
    data = reference_data()
    assert data.find_municipalities("Luik")[0].refnis == "62063"
    assert data.find_municipalities("liege")[0].refnis == "62063"
    assert data.find_municipalities("Kelmis")[0].refnis == "63040"
    assert data.find_municipalities("Anvers")[0].refnis == "11002"


def test_a_postal_code_can_cover_several_municipalities():
    data = reference_data()
    assert {m.refnis for m in data.find_municipalities("1050")} == {"21004", "21009"}
    assert len(data.postal_codes["1804"]) == 2


def test_ukraine_has_27_regions_in_both_scripts():
    regions = reference_data().ukraine_regions
    assert len(regions) == 27
    kyiv = next(r for r in regions if r.code == "UA-30")
    assert kyiv.name_uk == "Київ"
    assert all(r.name_latin and r.name_uk for r in regions)


def test_organisation_names_follow_the_language_area():
    data = reference_data()
    assert organisation_name(data.municipality("44021")) == "OCMW Gent"
    assert organisation_name(data.municipality("63023")) == "ÖSHZ Eupen"
    assert organisation_name(data.municipality("21001")) == "CPAS d'Anderlecht / OCMW Anderlecht"
    assert data.municipality("63023").document_language == "de"


def test_german_names_are_found_with_or_without_umlauts():
    data = reference_data()
    for typed in ("Lüttich", "luttich", "Luettich", "LÜTTICH", "lütt"):
        assert data.find_municipalities(typed)[0].refnis == "62063", typed
    for typed, refnis in (("Brüssel", "21004"), ("Bruessel", "21004"), ("Löwen", "24062"),
                          ("loewen", "24062"), ("Mecheln", "12025"), ("Brügge", "31005"),
                          ("Arel", "81001"), ("Bastnach", "82039"), ("Ypern", "33011"),
                          ("Ostende", "35013"), ("buellingen", "63012"),
                          ("Sankt-Vith", "63067"), ("sankt vith", "63067")):
        assert data.find_municipalities(typed)[0].refnis == refnis, typed


def test_every_municipality_has_a_name_a_german_speaker_recognises():
    data = reference_data()
    assert data.municipality("62063").name("de") == "Lüttich"
    assert data.municipality("71072").name("de") == "Hasselt"  # its own language, not French
    assert data.municipality("44021").name("en") == "Gent"
    assert data.municipality("62063").label("fr") == "Liège / Luik / Lüttich (4000, 4020, 4030)"


def test_reference_names_one_municipality_or_none():
    reference = reference_data()
    assert reference.unambiguous("4020").refnis == "62063"
    assert reference.unambiguous("luttich").refnis == "62063"
    assert reference.unambiguous("1804") is None  # Vilvoorde and Zemst
    assert reference.unambiguous("Lie") is None  # not complete yet
    assert [m.refnis for m in reference.for_postal_code("1050")] == ["21004", "21009"]
