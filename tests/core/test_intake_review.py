"""The review before registering lists everything the intake will save, in words."""

from desktop.core.i18n import Translator
from desktop.core.intake_input import DocumentInput, HouseholdInput, PersonInput, ReferralInput
from desktop.core.intake_review import review_sections
from desktop.core.reference import reference_data


def full_household() -> HouseholdInput:
    mother = PersonInput(
        surname_cyr="Шевченко", given_name_cyr="Юлія", patronymic_cyr="Петрівна",
        surname_lat="Shevchenko", given_name_lat="Yuliia", sex="F", birth_date="30/07/1985",
        languages=["uk", "ru"], interpreter_needed=True, phone="+32 470 12 34 56",
        email="yulia@example.org", contact_consent=True, national_number="85073000259",
        documents=[DocumentInput(number="FA123456", expires_on="01/01/2030")],
        annex15_issued_on="10/03/2022", arrived_on="05/03/2022",
        specific_needs=["disability"], urgent_need=True, specific_need_details="fauteuil")
    child = PersonInput(surname_cyr="Шевченко", given_name_cyr="Андрій", birth_date="2015",
                        relationship="child")
    return HouseholdInput(members=[mother, child], accommodation_type="host_family",
                          host_name="Famille Dupont", postal_code="4000",
                          municipality_refnis="62063", needs=["income", "school"],
                          referrals=[ReferralInput("FOREM", "recherche d'emploi")])


def test_everything_typed_is_listed_grouped_by_person_then_household():
    sections = review_sections(Translator("fr"), full_household(), reference_data())
    assert [s.title for s in sections] == [
        "Shevchenko Yuliia — Personne de référence — 30/07/1985",
        "Шевченко Андрій — Enfant — 2015",
        "Hébergement, besoins et première orientation"]
    mother = "\n".join(sections[0].lines)
    for shown in ("Noms\u00a0: Шевченко Юлія Петрівна · Shevchenko Yuliia",
                  "+32 470 12 34 56", "yulia@example.org", "85073000259",
                  "Passeport FA123456 · Expire le 01/01/2030", "Annexe 15",
                  "Ukrainien, Russe, Interprète nécessaire", "fauteuil", "Urgent"):
        assert shown in mother
    household = "\n".join(sections[2].lines)
    for shown in ("Famille d'accueil — Famille Dupont, 4000 Liège", "Revenus", "École",
                  "FOREM", "recherche d'emploi"):
        assert shown in household
    assert "disability" not in mother and "host_family" not in household  # words, not codes


def test_every_language_has_every_label():
    for language in ("en", "fr", "nl", "de", "uk"):
        text = "\n".join(line for s in review_sections(
            Translator(language), full_household(), reference_data()) for line in s.lines)
        assert "intake." not in text and "review." not in text


def test_the_review_shows_names_as_they_will_be_saved_without_controls_or_overrides():
    # U+202E showed "Kovalenko Olena — Head of household" reversed before registering, though
    # the service saves the names cleaned.
    household = HouseholdInput(members=[PersonInput(
        surname_lat="\u202eKovalenko\x1b", given_name_lat="Ole\x07na", birth_date="1990")],
        street="Rue\u202e Haute 5")
    sections = review_sections(Translator("en"), household, reference_data())
    shown = "\n".join(s.title + "\n" + "\n".join(s.lines) for s in sections)
    assert "Kovalenko Olena" in shown and "Rue Haute 5" in shown
    assert not {"\u202e", "\x1b", "\x07"} & set(shown)
