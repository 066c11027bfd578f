"""What the audit trail records besides changes: failed sign-ins (written at the next
session, with their own time), locks and unlocks, searches by national number, exports,
documents made and imports; never a value typed by a user."""

import json

import pytest
from sqlalchemy import text

from desktop.core.audit.chain import verify
from desktop.core.errors import RelaisError
from desktop.core.intake_input import HouseholdInput
from tests.conftest import ADMIN_PASSWORD
from tests.core.test_intake import mother

NRN = "85073003427"  # a woman born 30/07/1985, as mother() is


def events(session, action: str) -> list[dict]:
    with session.engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT action, entity, entity_id, detail, actor_id, at FROM audit_event "
            "WHERE action = :a ORDER BY seq"), {"a": action}).mappings().all()
    return [dict(row) | {"detail": json.loads(row["detail"]) if row["detail"] else None}
            for row in rows]


def test_failed_sign_ins_are_audited_at_the_next_session_and_leave_keys_json(vault, session):
    session.close()
    for _ in range(2):
        with pytest.raises(RelaisError):
            vault.login("admin", "not the password")
    assert len(vault.unaudited_events()) == 2
    again = vault.login("admin", ADMIN_PASSWORD)
    failed = events(again, "login_failed")
    assert len(failed) == 2 and all(e["entity"] == "user_account" for e in failed)
    assert all(e["entity_id"] == e["actor_id"] == again.user.id.bytes for e in failed)
    assert vault.unaudited_events() == []  # the right password's own attempt taken back
    assert "not the password" not in json.dumps([str(e) for e in failed])
    with again.engine.connect() as connection:
        assert verify(connection).intact
    again.close()


def test_a_wrong_password_at_the_lock_screen_is_audited_at_once(session):
    session.record_lock()
    with pytest.raises(RelaisError):
        session.confirm_password("wrong one")
    session.confirm_password(ADMIN_PASSWORD)
    assert len(events(session, "lock")) == 1
    assert len(events(session, "login_failed")) == 1
    assert len(events(session, "unlock")) == 1


def test_a_search_by_national_number_names_whom_it_found_never_the_number(session, services):
    services.intake.register(HouseholdInput(members=[mother(national_number=NRN)]))
    assert services.search.search(NRN)
    services.search.search("85.07.30-000.00")  # nobody
    services.search.search("Shevchenko")  # a name is not audited as a lookup
    found = events(session, "search_id")
    assert [e["detail"] for e in found] == [{"found": 1}, {"found": 0}]
    assert found[0]["entity"] == "person" and found[1]["entity_id"] is None
    with session.engine.connect() as connection:
        assert NRN not in json.dumps([str(r) for r in connection.execute(
            text("SELECT detail FROM audit_event")).all()])


def test_exports_documents_and_imports_are_audited(session, services, tmp_path):
    case_id = services.intake.register(HouseholdInput(members=[mother()]))
    services.exports.export("persons", tmp_path / "persons.csv", "csv")
    languages = services.documents.languages("fr", "uk")
    services.documents.case_document("summary", case_id, tmp_path / "summary.pdf", languages)
    (export,) = events(session, "export")
    assert export["detail"] == {"kind": "persons", "format": "csv", "rows": 1, "codes": False,
                                "columns": export["detail"]["columns"]}
    (document,) = events(session, "document")
    assert document["entity"] == "case_file" and document["entity_id"] == case_id.bytes
    assert document["detail"] == {"kind": "summary", "languages": "fr+uk"}

    plan = services.imports.plan(tmp_path / "persons.csv")
    services.imports.run(plan, skip_invalid=True)
    (imported,) = events(session, "import")
    assert imported["detail"]["persons"] == plan.persons


def test_every_record_and_field_an_event_can_name_has_a_label():
    """The viewer and the CSV never show a table or column name: each synced record kind
    and each of its fields is named in all five languages."""
    from desktop.core.i18n import Translator
    from desktop.core.models import Record
    from desktop.sync.entities import synced_models

    for language in ("en", "fr", "nl", "de", "uk"):
        tr = Translator(language)
        for entity, model in synced_models().items():
            assert tr(f"entity.{entity}") != f"entity.{entity}", (language, entity)
            for name in set(model.model_fields) - Record.BOOKKEEPING:
                assert tr(f"field.{name}") != f"field.{name}", (language, entity, name)


def test_opening_a_persons_record_for_editing_is_a_view_of_that_person(session, services):
    case_id = services.intake.register(HouseholdInput(members=[mother()]))
    person_id = services.case_files.open(case_id).members[0].person.id
    services.people.form(person_id)
    views = [e for e in events(session, "view") if e["entity"] == "person"]
    assert [e["entity_id"] for e in views] == [person_id.bytes]


def test_a_preview_drawn_in_memory_is_not_audited_as_a_document(session, services):
    import io

    case_id = services.intake.register(HouseholdInput(members=[mother()]))
    languages = services.documents.languages("fr", "uk")
    services.documents.case_document("summary", case_id, io.BytesIO(), languages)
    services.documents.monthly("2026-01", languages, pdf=None)
    assert events(session, "document") == []


def test_a_sign_in_as_nobody_is_audited_without_the_name_typed(vault, session):
    session.close()
    with pytest.raises(RelaisError):
        vault.login("correct horse battery", "whatever")  # a password in the name field
    again = vault.login("admin", ADMIN_PASSWORD)
    (failed,) = events(again, "login_failed")
    assert failed["detail"] == {"unknown_user": True} and failed["actor_id"] is None
    with again.engine.connect() as connection:
        assert "horse" not in json.dumps([str(r) for r in connection.execute(
            text("SELECT * FROM audit_event")).all()])
    again.close()
