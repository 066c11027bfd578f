"""Exports: Cyrillic that Excel shows, a choice of columns, roles respected, and a persons
export that imports again."""

import pytest
from python_calamine import CalamineWorkbook

from desktop.core.enums import Role
from desktop.core.errors import AccessDenied
from desktop.core.i18n import Translator
from desktop.core.intake_input import DocumentInput, HouseholdInput, PersonInput
from tests.conftest import login_as


@pytest.fixture
def registered(services):
    services.intake.register(HouseholdInput(
        members=[PersonInput(surname_cyr="Шевченко", given_name_cyr="Юлія",
                             surname_lat="Shevchenko", given_name_lat="Yuliia", sex="M",
                             birth_date="30/07/1985", national_number="85073003328",
                             documents=[DocumentInput(number="FA123456")]),
                 PersonInput(surname_cyr="Шевченко", given_name_cyr="Андрій",
                             birth_date="2015", relationship="child")],
        accommodation_type="host_family", postal_code="4000", municipality_refnis="62063"))
    return services


def test_csv_has_a_bom_and_cyrillic_for_excel(registered, tmp_path):
    target = tmp_path / "persons.csv"
    assert registered.exports.export("persons", target, "csv") == 2
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "Шевченко;Юлія" in text and "85073003328" in text


def test_xlsx_with_chosen_columns_in_words_not_codes(registered, tmp_path):
    target = tmp_path / "cases.xlsx"
    registered.exports.export("cases", target, "xlsx",
                              ["case_number", "status", "members", "piis"],
                              tr=Translator("fr"))
    rows = CalamineWorkbook.from_path(str(target)).get_sheet_by_index(0).to_python()
    assert rows[0] == ["N° de dossier", "Statut", "Nombre de membres", "PIIS"]
    assert rows[1][1:3] == ["Ouvert", 2]


@pytest.mark.parametrize("lang", ["fr", "nl", "de", "en", "uk"])
def test_enumerated_values_are_written_as_labels(registered, tmp_path, lang):
    """host_family, head, M, passport are codes: a spreadsheet is read by people."""
    tr = Translator(lang)
    target = tmp_path / "persons.csv"
    registered.exports.export("persons", target, "csv", tr=tr)
    header, head, child = [line.split(";") for line in
                           target.read_text(encoding="utf-8-sig").splitlines()]
    assert header[:3] == [tr("importer.column_case_number"), tr("importer.column_household"),
                          tr("importer.column_relationship")]
    cells = dict(zip(header, head, strict=True))
    assert cells[tr("importer.column_relationship")] == tr("relationship.head")
    assert cells[tr("importer.column_sex")] == tr("sex.M")
    assert cells[tr("importer.column_document_type")] == tr("document_type.passport")
    assert cells[tr("importer.column_accommodation_type")] == tr("accommodation.host_family")
    assert cells[tr("importer.column_languages")] == tr("language.uk")
    assert dict(zip(header, child, strict=True))[tr("importer.column_relationship")] == \
        tr("relationship.child")
    codes = {"head", "child", "host_family", "passport", "uk", "M", "U"}
    assert not codes & set(head + child)


def test_a_volunteer_export_never_contains_restricted_fields(vault, registered, tmp_path):
    volunteer = login_as(vault, registered, "vera", Role.VOLUNTEER)
    assert "nrn" not in volunteer.exports.allowed_columns("persons")
    target = tmp_path / "persons.csv"
    volunteer.exports.export("persons", target, "csv")
    assert "85073003328" not in target.read_text(encoding="utf-8-sig")
    with pytest.raises(AccessDenied):
        volunteer.exports.export("persons", target, "csv", ["surname", "nrn"])
    with pytest.raises(AccessDenied):
        volunteer.exports.export("cases", target, "csv", ["case_number", "piis"])
    volunteer.session.close()


def test_a_persons_export_imports_into_another_installation(registered, tmp_path, vault):
    from desktop.paths import DataPaths
    from desktop.services import Services
    from desktop.store.vault import NewOrganisation, Vault
    from tests.conftest import ADMIN_PASSWORD, FAST_KDF

    target = tmp_path / "persons.xlsx"
    registered.exports.export("persons", target, "xlsx")
    other_vault = Vault(DataPaths.portable(tmp_path / "other"), kdf=FAST_KDF)
    session, _ = other_vault.create(NewOrganisation("OCMW Gent", "44021", "nl"), "admin",
                                    ADMIN_PASSWORD, language="nl")
    other = Services.for_session(session)
    plan = other.imports.plan(target)
    assert plan.rejected == [] and plan.persons == 2 and len(plan.households) == 1
    other.imports.run(plan)
    hits = other.search.search("Chevtchenko Ioulia")
    assert hits and hits[0].birth_date == "1985-07-30"
    session.close()


def test_a_household_that_moved_is_one_row_per_person_at_its_latest_address(registered,
                                                                           tmp_path):
    from sqlmodel import Session, select

    from desktop.core.enums import AccommodationType
    from desktop.core.models import Accommodation, HouseholdMember
    from desktop.core.uow import UnitOfWork

    engine = registered.session.engine
    with Session(engine) as db:
        household_id = db.exec(select(HouseholdMember.household_id)).first()
    with UnitOfWork(engine, registered.session.actor) as uow:
        uow.add(Accommodation(household_id=household_id, street="Rue Neuve 3",
                              postal_code="4020", municipality_refnis="62063",
                              accommodation_type=AccommodationType.RENTAL))
    persons, cases = tmp_path / "persons.csv", tmp_path / "cases.csv"
    assert registered.exports.export("persons", persons, "csv", tr=Translator("fr")) == 2
    assert registered.exports.export("households", cases, "csv", ["street"]) == 1
    rows = persons.read_text(encoding="utf-8-sig").splitlines()[1:]
    assert all("Rue Neuve 3" in row and ";Location" in row for row in rows)
    assert cases.read_text(encoding="utf-8-sig").splitlines()[1:] == ["Rue Neuve 3"]
