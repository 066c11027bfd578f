"""Whatever Relais exports, another Relais imports without a rejected row (issue 15, item 7):
10,000 demo persons exported in each of the five languages (CSV and XLSX) and in codes,
each file imported into an empty installation, every person and household compared.

Every file's import plan (what the import reads, in whatever language) is compared with the
source, person by person and household by household; one of them (Ukrainian labels with
XLSX date cells) is also written and compared from the new database, which holds what the
plan held whatever the file's language. Writing each costs about 5 s of CPU more (30 s for
all six, beyond the minute this test may take): bench/round_trip_10000.py times the parts.
One demo installation for the module, and one empty installation copied for each import
(no key derived again, no schema made again)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import Session, select

from desktop.core.dates import parse_partial
from desktop.core.i18n import Translator
from desktop.core.models import (
    Accommodation,
    CaseFile,
    HouseholdMember,
    IdentityDocument,
    Person,
)
from desktop.exchange.importer import ImportPlan
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import NewOrganisation, Vault
from tests.conftest import ADMIN_PASSWORD, FAST_KDF, LIEGE

PERSONS = 10_000
# (language, format, codes, written into the new installation)
EXPORTS = [("fr", "csv", False, False), ("nl", "xlsx", False, False),
           ("de", "csv", False, False), ("en", "csv", False, False),
           ("uk", "xlsx", False, True), ("en", "xlsx", True, False)]


@dataclass
class Installations:
    source: Services
    snapshot: tuple[dict, set]
    empty: Path  # an empty installation's folder, copied for each import


def snapshot(services: Services) -> tuple[dict, set]:
    """Every person by names and birth date with what an export holds of them; every
    household as its members (by the same keys), its file number and address. Columns, not
    objects: loading 10,000 persons as objects cost more than importing them."""
    with Session(services.session.engine) as db:
        homes = {row[0]: row[1:] for row in db.execute(select(
            Accommodation.household_id, Accommodation.accommodation_type, Accommodation.street,
            Accommodation.postal_code, Accommodation.municipality_refnis,
        ).order_by(Accommodation.id))}  # the latest recorded last: the one exported
        numbers = dict(db.execute(select(CaseFile.household_id, CaseFile.file_number)).all())
        documents: dict = {}
        for person_id, kind, number in db.execute(select(
                IdentityDocument.person_id, IdentityDocument.document_type,
                IdentityDocument.number).order_by(IdentityDocument.id)):
            # the first recorded, as exported; forms store numbers without spaces
            documents.setdefault(person_id, (kind.value, number.replace(" ", "")))
        persons, members = {}, {}
        for row in db.execute(select(
                Person.id, Person.surname_lat, Person.given_name_lat, Person.birth_date,
                Person.birth_precision, Person.surname_cyr, Person.given_name_cyr,
                Person.patronymic_cyr, Person.patronymic_lat, Person.sex, Person.nationality,
                Person.national_number, Person.phone, Person.email, Person.languages,
                Person.arrived_on, HouseholdMember.household_id, HouseholdMember.relationship,
        ).join(HouseholdMember, HouseholdMember.person_id == Person.id)):
            key = (row.surname_lat, row.given_name_lat, row.birth_date,
                   row.birth_precision.value)
            persons[key] = (
                row.surname_cyr, row.given_name_cyr, row.patronymic_cyr, row.patronymic_lat,
                row.sex.value, row.nationality, row.national_number or "", row.phone,
                row.email, tuple(row.languages), row.arrived_on, row.relationship.value,
                documents.get(row.id))
            members.setdefault(row.household_id, []).append((key, row.relationship.value))
        households = set()
        for household_id, of_household in members.items():
            home = homes.get(household_id)
            households.add((frozenset(of_household), numbers.get(household_id),
                            (home[0].value, *home[1:]) if home else None))
        return persons, households


def planned(plan: ImportPlan) -> tuple[dict, set]:
    """The import plan in ``snapshot``'s terms: what the import would write."""
    persons, households = {}, set()
    for household in plan.households:
        address, members = household.household, []
        for person in household.household.members:
            born, precision = parse_partial(person.birth_date)
            key = (person.surname_lat, person.given_name_lat, born, precision.value)
            document = person.documents[0] if person.documents else None
            persons[key] = (
                person.surname_cyr, person.given_name_cyr, person.patronymic_cyr,
                person.patronymic_lat, person.sex, person.nationality,
                person.national_number, person.phone, person.email, tuple(person.languages),
                parse_partial(person.arrived_on)[0] if person.arrived_on else None,
                person.relationship, (document.document_type, document.number.replace(
                    " ", "")) if document else None)
            members.append((key, person.relationship))
        households.add((frozenset(members), household.case_number, (
            address.accommodation_type, address.street, address.postal_code,
            address.municipality_refnis) if address.accommodation_type else None))
    return persons, households


def assert_same(found: tuple[dict, set], source: tuple[dict, set]) -> None:
    (persons, households), (before_persons, before_households) = found, source
    assert persons.keys() == before_persons.keys()
    differing = [key for key, values in before_persons.items() if persons[key] != values]
    assert differing == [], (differing[:3], [persons[k] for k in differing[:3]])
    assert households == before_households


@pytest.fixture(scope="module")
def installations(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installations]:
    import keyring

    from tests.store.test_secrets import MemoryKeyring

    folder = tmp_path_factory.mktemp("round_trip")
    previous = keyring.get_keyring()
    with pytest.MonkeyPatch.context() as patch:
        # what the function-scoped fixtures of conftest do, for this module's installations
        for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME",
                         "XDG_CACHE_HOME", "HOME"):
            patch.setenv(variable, str(folder / "home" / variable.lower()))
        keyring.set_keyring(MemoryKeyring())
        try:
            empty, _ = Vault(DataPaths.portable(folder / "empty"), kdf=FAST_KDF).create(
                NewOrganisation("OCMW Gent", "44021", "nl"), "admin", ADMIN_PASSWORD,
                language="nl")
            empty.close()
            session, _ = Vault(DataPaths.portable(folder / "source"), kdf=FAST_KDF).create(
                LIEGE, "admin", ADMIN_PASSWORD, "Admin Liège", language="fr")
            source = Services.for_session(session)
            # one fresh generation: a second one with the same seed repeats its persons
            assert source.demo.generate(PERSONS, seed=15) == PERSONS
            yield Installations(source, snapshot(source), folder / "empty")
            session.close()
        finally:
            keyring.set_keyring(previous)


def test_the_demo_makes_no_two_persons_an_import_takes_for_one(installations):
    persons, households = installations.snapshot
    assert len(persons) == PERSONS
    assert sum(len(members) for members, _, _ in households) == PERSONS


@pytest.mark.parametrize(("lang", "fmt", "codes", "written"), EXPORTS)
def test_an_export_of_10000_persons_comes_back_whole(installations, tmp_path, lang, fmt,
                                                      codes, written):
    target = tmp_path / f"persons.{fmt}"
    assert installations.source.exports.export(
        "persons", target, fmt, tr=Translator(lang), codes=codes) == PERSONS
    shutil.copytree(installations.empty, tmp_path / "other")
    session = Vault(DataPaths.portable(tmp_path / "other"), kdf=FAST_KDF).login(
        "admin", ADMIN_PASSWORD)
    try:
        other = Services.for_session(session)
        plan = other.imports.plan(target)
        assert plan.rejected == [] and plan.duplicates == [] and plan.notices == []
        assert plan.ignored_columns == [] and plan.mapping.duplicates == {}
        assert_same(planned(plan), installations.snapshot)
        if written:
            other.imports.run(plan)
            assert_same(snapshot(other), installations.snapshot)
    finally:
        session.close()
