"""The administrator's audit viewer: from a case window, "who opened this file" in one
click; filters by person found with the usual search; the chain checked; the selection
exported as CSV. Hidden from other roles, and refused by the service anyway."""

import csv

import pytest

from desktop.core.enums import AuditAction, Role
from desktop.core.errors import AccessDenied
from desktop.core.intake_input import HouseholdInput
from desktop.ui.audit_dialog import AuditDialog
from desktop.ui.case_window import CaseWindow
from tests.conftest import login_as
from tests.core.test_intake import mother


def _rows(dialog) -> list[list[str]]:
    return [[dialog.table.item(r, c).text() for c in range(dialog.table.columnCount())]
            for r in range(dialog.table.rowCount())]


def _settled(qtbot, dialog, tasks) -> None:
    tasks.wait()
    qtbot.waitUntil(lambda: dialog.summary.text() not in ("", dialog.lang.tr("audit.loading")),
                    timeout=10_000)


def test_who_opened_this_file_in_one_click(qtbot, lang, vault, services, tasks):
    case_id = services.intake.register(HouseholdInput(members=[mother()]))
    marie = login_as(vault, services, "marie", Role.SOCIAL_WORKER)
    marie.case_files.open(case_id)  # Marie opened the file once
    window = CaseWindow(lang, services, case_id, None, tasks)
    qtbot.addWidget(window)
    window.show()
    assert window.who_opened.isVisible()
    dialog = window.open_who_opened()
    _settled(qtbot, dialog, tasks)
    rows = _rows(dialog)
    assert {row[2] for row in rows} == {"consultation"}
    users = [row[1] for row in rows]
    assert "marie" in users and "Admin Liège" in users  # Marie's view, and this one
    assert all(row[4] == window.view.case.file_number for row in rows)
    marie.session.close()


def test_a_social_worker_has_no_viewer(qtbot, lang, vault, services, tasks):
    case_id = services.intake.register(HouseholdInput(members=[mother()]))
    marie = login_as(vault, services, "marie", Role.SOCIAL_WORKER)
    window = CaseWindow(lang, marie, case_id, None, tasks)
    qtbot.addWidget(window)
    window.show()
    assert not window.who_opened.isVisible()
    with pytest.raises(AccessDenied):
        marie.audit.events(__import__("desktop.core.audit.log", fromlist=["x"]).AuditFilter())
    marie.session.close()


def test_find_a_person_then_check_and_export(qtbot, lang, services, tasks, tmp_path):
    services.intake.register(HouseholdInput(members=[mother()]))
    services.search.search("Shevchenko")
    dialog = AuditDialog(lang, services, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    _settled(qtbot, dialog, tasks)
    qtbot.keyClicks(dialog.find_text, "Chevtchenko")
    dialog._find_subject()
    assert dialog.subject.currentData()[0] == "person"
    dialog.action.setCurrentIndex(dialog.action.findData(AuditAction.CREATE))
    _settled(qtbot, dialog, tasks)
    assert {row[2] for row in _rows(dialog)} == {"création"}
    assert "personne" in {row[3] for row in _rows(dialog)}

    dialog.verify()
    tasks.wait()
    qtbot.waitUntil(lambda: "intact" in dialog.chain_state.text(), timeout=10_000)

    target = tmp_path / "audit.csv"
    dialog.export_to(target)
    tasks.wait()
    qtbot.waitUntil(lambda: str(target) in dialog.summary.text(), timeout=10_000)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle, delimiter=";"))
    assert len(lines) - 1 == len(_rows(dialog)) and {line[4] for line in lines[1:]} == {
        "create"}


def test_the_period_dates_are_written_as_everywhere_else_in_relais(
        qtbot, lang, services, tasks):
    import re

    lang.set_language("en")  # Qt's own English writes 10/30/26
    dialog = AuditDialog(lang, services, tasks)
    qtbot.addWidget(dialog)
    _settled(qtbot, dialog, tasks)
    for edit in (dialog.since, dialog.until):
        assert re.fullmatch(r"\d\d/\d\d/\d{4}", edit.text()), edit.text()


def test_the_details_of_backups_retention_and_checks_are_named_in_every_language(
        services, tmp_path):
    """No raw word of the program ('anchors', 'request', 'set_aside') in the viewer."""
    from desktop.core.audit.log import AuditFilter
    from desktop.core.enums import RetentionKind
    from desktop.core.i18n import LANGUAGES, Translator
    from desktop.ui.audit_dialog import detail_text

    services.demo.generate(3)
    services.backups.back_up(tmp_path)
    services.audit.verify()
    services.retention.set_rule(RetentionKind.UNFINISHED_INTAKES, 1, True)
    services.retention.apply(services.retention.preview())
    from sqlmodel import Session, select

    from desktop.core.models import Person

    with Session(services.session.engine) as db:
        person_id = db.exec(select(Person.id).where(Person.anonymised_at.is_(None))).first()
    services.retention.anonymise_person(person_id)
    rows = [row for row in services.audit.events(AuditFilter()).rows if row.detail]
    assert {"backup", "audit_verify", "retention", "anonymise"} <= {r.action for r in rows}
    for language in LANGUAGES:
        tr = Translator(language)
        for row in rows:
            assert detail_text(tr, row)
            for key, value in row.detail.items():
                label = f"audit.detail_{key}"
                assert tr(label) != label, (language, row.action, key)
                if key in ("reason", "rule"):
                    named = f"audit.kind_{value}"
                    assert tr(named) != named, (language, row.action, value)
