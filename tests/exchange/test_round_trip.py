"""An export of persons imports into a fresh installation with every person, household and
exported value kept, whatever the language the file was written in (labels, not codes), and
in codes; a birth date known to the month or the year comes back as exactly that."""

from pathlib import Path

import pytest
from sqlmodel import Session, select

from desktop.core.i18n import Translator
from desktop.core.intake_input import DocumentInput, HouseholdInput, PersonInput
from desktop.core.models import (
    Accommodation,
    CaseFile,
    HouseholdMember,
    IdentityDocument,
    Person,
)
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import NewOrganisation, Vault
from tests.conftest import ADMIN_PASSWORD, FAST_KDF


def snapshot(services: Services) -> dict[tuple, tuple]:
    """Every person by name and birth date, with what the persons export holds of them."""
    with Session(services.session.engine) as db:
        homes = {a.household_id: a for a in db.exec(select(Accommodation))}
        numbers = {c.household_id: c.file_number for c in db.exec(select(CaseFile))}
        documents: dict = {}
        for document in db.exec(select(IdentityDocument).order_by(IdentityDocument.id)):
            # Numbers are stored as every form stores them, without spaces.
            documents.setdefault(document.person_id, (document.document_type.value,
                                                      document.number.replace(" ", "")))
        found = {}
        for person, member in db.exec(select(Person, HouseholdMember).join(
                HouseholdMember, HouseholdMember.person_id == Person.id)):
            home = homes.get(member.household_id)
            key = (person.surname_lat, person.given_name_lat, person.birth_date)
            found[key] = (
                person.surname_cyr, person.given_name_cyr, person.patronymic_cyr,
                person.patronymic_lat, person.sex.value, person.birth_precision.value,
                person.nationality, person.national_number or "", person.phone,
                person.email, tuple(person.languages), person.arrived_on,
                member.relationship.value, numbers.get(member.household_id),
                documents.get(person.id),
                (home.accommodation_type.value, home.street, home.postal_code,
                 home.municipality_refnis) if home else None)
        return found


@pytest.fixture
def source(services):
    services.demo.generate(40, seed=3)
    # What the demo rarely makes: a year of birth, sex "other", English only, a second
    # document, and an address whose kind of housing is not known yet.
    services.intake.register(HouseholdInput(
        members=[PersonInput(surname_cyr="Ткаченко", given_name_cyr="Ірина",
                             surname_lat="Tkachenko", given_name_lat="Iryna",
                             patronymic_cyr="Олегівна", patronymic_lat="Olehivna",
                             sex="X", birth_date="1979",
                             languages=["en"], documents=[
                                 DocumentInput(document_type="birth_certificate",
                                               number="I-КИ123456"),
                                 DocumentInput(document_type="passport",
                                               number="FA765432")]),
                 PersonInput(surname_cyr="Ткаченко", given_name_cyr="Софія",
                             surname_lat="Tkachenko", given_name_lat="Sofiia",
                             sex="F", birth_date="03/2012", relationship="grandchild")],
        accommodation_type="unknown", street="Rue Féronstrée 12", postal_code="4000",
        municipality_refnis="62063"))
    return services


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("lang", ["fr", "nl", "de", "en", "uk", "codes"])
def test_an_export_imports_whole_into_a_fresh_installation(source, tmp_path, lang, fmt):
    target = Path(tmp_path / f"persons.{fmt}")
    codes = lang == "codes"  # for machine exchange: canonical names, codes, ISO dates
    exported = source.exports.export("persons", target, fmt,
                                     tr=Translator("uk" if codes else lang), codes=codes)
    other_vault = Vault(DataPaths.portable(tmp_path / "other"), kdf=FAST_KDF)
    session, _ = other_vault.create(NewOrganisation("CPAS de Liège", "62063", "fr"),
                                    "admin", ADMIN_PASSWORD, language="fr")
    try:
        other = Services.for_session(session)
        plan = other.imports.plan(target)
        assert plan.rejected == [] and plan.duplicates == [] and plan.notices == []
        assert plan.ignored_columns == []
        other.imports.run(plan)
        before, after = snapshot(source), snapshot(other)
        assert exported == len(before)
        assert after.keys() == before.keys()
        for key, values in before.items():
            assert after[key] == values, key
    finally:
        session.close()
