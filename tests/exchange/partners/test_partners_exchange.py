"""The directory as a spreadsheet: an export re-imports whole in any language, headers are
read as people write them, formula-like cells never run, and a row that cannot be read is
said with its line and column, nothing written."""

from __future__ import annotations

import csv
from dataclasses import asdict
from datetime import date

import pytest
from sqlmodel import Session, select

from desktop.core.enums import PartnerKind, PartnerScope, Role
from desktop.core.errors import AccessDenied, RelaisError
from desktop.core.i18n import Translator
from desktop.core.models import PartnerService
from desktop.core.partners import PartnerEntry, PartnerFilter, entry_of
from desktop.core.uow import UnitOfWork
from tests.conftest import login_as


def write_csv(path, rows, delimiter=";"):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def entries(services) -> list[dict]:
    return sorted((asdict(entry_of(p)) | {"listed": p.listed} for p in
                   services.partners.search(PartnerFilter(include_unlisted=True))),
                  key=lambda e: (e["name"], str(e["municipalities"])))


@pytest.mark.parametrize(("fmt", "language"), [("csv", "nl"), ("xlsx", "uk"), ("csv", "de")])
def test_an_export_in_any_language_imports_back_whole(services, session, tmp_path, fmt,
                                                      language):
    services.partners.load_examples()
    unlisted = services.partners.search()[0]
    services.partners.set_listed(unlisted.id, False)
    services.partners.add(PartnerEntry(kind=PartnerKind.OTHER, name="Permanence sans adresse"))
    before = entries(services)
    target = tmp_path / f"partners.{fmt}"
    assert services.partner_exports.export(target, fmt, Translator(language)) == 14 - 1

    with UnitOfWork(session.engine, session.actor) as uow:  # an empty directory again
        for partner in uow.session.exec(select(PartnerService)).all():
            uow.delete(partner)
    plan = services.partner_imports.plan(target)
    assert plan.rejected == []
    # The directory column is said as left out: an import always adds local entries.
    assert [c.meaning or c.header for c in plan.ignored_columns] == [
        Translator(language)("partners.column_scope")]
    assert services.partner_imports.run(plan) == 13
    assert entries(services) == before


def test_headers_as_people_write_them_in_several_languages(services, tmp_path):
    source = write_csv(tmp_path / "liste.csv", [
        ["Liste des partenaires 2026"],
        ["Nom du service", "Catégorie", "Localité", "Tél.", "Langues parlées", "Horaire",
         "Vérifié le", "Remarque interne"],
        ["Atelier Horizon", "cours de langue", "Liège", "+32 000 00 00 01", "ukrainien, russe",
         "Lu–ve 9:00–17:00", "02/11/2026", "à rappeler"],
        ["Taalpunt", "Taallessen", "Luik", "+32 000 00 00 02", "Oekraïens en Russisch", "",
         "2026-11-02", ""],
    ], delimiter=",")
    plan = services.partner_imports.plan(source)
    assert plan.rejected == []
    assert [c.header for c in plan.ignored_columns] == ["Remarque interne"]
    services.partner_imports.run(plan)
    for partner in services.partners.search():
        assert partner.kind == PartnerKind.LANGUAGE_COURSES
        assert partner.municipality_refnis == "62063"
        assert partner.languages == ["uk", "ru"]
        assert partner.verified_on == date(2026, 11, 2)
        assert partner.scope == PartnerScope.LOCAL and partner.owner == "62063"


def test_a_formula_like_name_is_never_a_formula_and_reads_back_as_typed(services, tmp_path):
    name = '=HYPERLINK("https://example.org","Cliquez")'
    services.partners.add(PartnerEntry(kind=PartnerKind.OTHER, name=name,
                                       phone="+32 000 00 00 03"))
    target = tmp_path / "partners.csv"
    services.partner_exports.export(target, "csv")
    text = target.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ";+32 000 00 00 03;" in text  # a phone stays readable
    plan = services.partner_imports.plan(target)
    assert [entry.name for _, entry, _ in plan.entries] == [name]


def test_bad_rows_are_said_by_line_and_column_and_nothing_is_written(services, tmp_path):
    source = write_csv(tmp_path / "partners.csv", [
        ["Name", "Kind of service", "Municipality", "E-mail", "Usual wait (days)"],
        ["Good one", "Housing", "Namur", "a@example.org", "10"],
        ["Bad kind", "Bakery", "Namur", "", ""],
        ["Shared postal code", "Housing", "1050", "", ""],
        ["Bad mail", "Housing", "", "not an address", ""],
        ["Bad days", "Housing", "", "", "soon"],
        ["x" * 201, "Housing", "", "", ""],
    ])
    plan = services.partner_imports.plan(source)
    tr = Translator("en")
    from desktop.exchange.partners import problem_text

    said = [problem_text(tr, p) for p in plan.rejected]
    assert [p.line for p in plan.rejected] == [3, 4, 5, 6, 7]
    assert said[0] == "line 3: column B “Kind of service”: “Bakery” is not a kind of service " \
        "Relais knows (language courses, housing, health…)."
    assert [p.column for p in plan.rejected] == ["B", "C", "D", "E", "A"]
    assert [p.key for p in plan.rejected] == [
        "partners.import_bad_kind", "import.ambiguous_municipality", "partners.bad_email",
        "partners.import_bad_days", "text.too_long"]
    assert len(plan.entries) == 1
    assert services.partners.search() == []  # the dry run wrote nothing


def test_a_file_without_a_name_column_is_refused(services, tmp_path):
    source = write_csv(tmp_path / "partners.csv", [["Téléphone", "Commune"], ["1", "Namur"]])
    with pytest.raises(RelaisError) as refused:
        services.partner_imports.plan(source)
    assert refused.value.key == "partners.import_no_name_column"


def test_only_administrators_import(vault, services, tmp_path):
    worker = login_as(vault, services, "worker", Role.SOCIAL_WORKER)
    source = write_csv(tmp_path / "partners.csv", [["Name", "Phone"], ["A", "1"]])
    with pytest.raises(AccessDenied):
        worker.partner_imports.plan(source)
    # Reading it out is for anyone who may read it.
    assert worker.partner_exports.export(tmp_path / "out.csv", "csv") == 0


def test_an_import_and_an_export_are_audited_with_counts_only(services, session, tmp_path):
    from desktop.core.enums import AuditAction
    from desktop.core.models import AuditEvent

    source = write_csv(tmp_path / "partners.csv", [["Name", "Phone"],
                                                  ["Secret name", "+32 000 00 00 09"]])
    services.partner_imports.run(services.partner_imports.plan(source))
    services.partner_exports.export(tmp_path / "out.xlsx", "xlsx")
    with Session(session.engine) as db:
        events = {e.action: e for e in db.exec(select(AuditEvent).where(
            AuditEvent.action.in_([AuditAction.IMPORT, AuditAction.EXPORT])))}
    assert events[AuditAction.IMPORT].detail == {"kind": "partners", "rows": 1, "rejected": 0}
    assert events[AuditAction.EXPORT].detail == {"kind": "partners", "format": "xlsx",
                                                 "rows": 1}
    # The viewer names the kind in words.
    assert Translator("en")("audit.kind_partners") == "partner services directory"
    assert "Secret" not in str([e.detail for e in events.values()])
