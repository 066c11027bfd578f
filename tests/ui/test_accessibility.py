"""Every control a keyboard or a screen reader reaches has a name: its own text, a label
that points to it (buddy), or an accessible name."""

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)

from desktop.core.intake_input import HouseholdInput, PersonInput
from desktop.core.reference import reference_data
from desktop.settings import Settings
from desktop.ui.audit_dialog import AuditDialog
from desktop.ui.backups_dialog import BackupsDialog
from desktop.ui.case_window import CaseWindow
from desktop.ui.export_dialog import ExportDialog
from desktop.ui.figures_dialog import FiguresDialog
from desktop.ui.import_wizard import ImportWizard
from desktop.ui.intake_wizard import IntakeWizard
from desktop.ui.login import LoginWindow
from desktop.ui.partners.dialog import PartnersDialog
from desktop.ui.partners.editor import PartnerEditor
from desktop.ui.partners.picker import ChoosePartnerDialog
from desktop.ui.quick_intake import QuickIntakeDialog
from desktop.ui.restore_dialog import RestoreDialog
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.setup_wizard import SetupWizard
from desktop.ui.users_dialog import UsersDialog

CONTROLS = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)


def unnamed(root: QWidget) -> list[str]:
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    missing = []
    for widget in root.findChildren(QWidget):
        if widget.objectName().startswith("qt_") or isinstance(widget, QHeaderView) or \
                isinstance(widget.parentWidget(), (QTabBar, QLineEdit)) or \
                _inside_combo_popup(widget):
            continue  # Qt's own parts: headers, tab scrollers, clear buttons, popups
        if isinstance(widget, QAbstractButton):
            if not (widget.text() or widget.accessibleName() or widget.toolTip()):
                missing.append(f"{type(widget).__name__} {widget.objectName()}")
        elif isinstance(widget, CONTROLS) and not isinstance(widget.parent(), QComboBox):
            if widget.parent() is not None and isinstance(widget.parent(), QAbstractSpinBox):
                continue
            if not (widget.accessibleName() or id(widget) in buddies):
                missing.append(f"{type(widget).__name__} under "
                               f"{type(widget.parentWidget()).__name__}")
    return missing


def _inside_combo_popup(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox):
            return True
        parent = parent.parentWidget()
    return False


@pytest.fixture
def screens(qtbot, lang, services, vault, paths, make_main, tasks):
    case_id = services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Koval", given_name_lat="Nazar", birth_date="1990")]))
    services.partners.load_examples()
    built = {
        "login": LoginWindow(lang, vault, tasks, "admin", "CPAS"),
        "quick intake": QuickIntakeDialog(lang, services),
        "intake wizard": IntakeWizard(lang, services),
        "case file": CaseWindow(lang, services, case_id),
        "users": UsersDialog(lang, services.users),
        "settings": SettingsDialog(lang, Settings(), paths, services.secrets),
        "settings with sync": SettingsDialog(lang, Settings(), paths, services.secrets, None,
                                             services.documents, services.session, tasks),
        "import": ImportWizard(lang, services, paths, tasks),
        "export": ExportDialog(lang, services, tasks),
        "audit": AuditDialog(lang, services, tasks),
        "figures": FiguresDialog(lang, services.figures_export, services.secrets, tasks),
        "partners": PartnersDialog(lang, services, tasks),
        "partner editor": PartnerEditor(lang, services.partners, services.reference),
        "choose a partner": ChoosePartnerDialog(lang, services.partners, services.reference),
        "main window": make_main(services),
        "backups": BackupsDialog(lang, services.backups, Settings(), paths, tasks),
        "restore from the login screen": RestoreDialog(lang, paths, tasks, "admin"),
    }
    for name, widget in built.items():
        if name != "main window":
            qtbot.addWidget(widget)
    return built


def test_every_control_has_a_name(screens):
    problems = {name: unnamed(widget) for name, widget in screens.items()}
    assert {name: found for name, found in problems.items() if found} == {}


def test_the_setup_wizard_names_its_controls(qtbot, lang, tmp_path):
    from desktop.paths import DataPaths
    from desktop.store.vault import Vault

    wizard = SetupWizard(lang, Vault(DataPaths.portable(tmp_path / "x")), reference_data())
    qtbot.addWidget(wizard)
    assert unnamed(wizard) == []
    wizard.show()
    wizard.next()
    wizard.choice_page.join.setChecked(True)
    wizard.next()
    assert wizard.currentPage() is wizard.join_page
    assert unnamed(wizard) == []


def test_the_sync_dialogs_name_their_controls(qtbot, lang, services, tasks):
    """With a conflict of each kind of editor and a refused change shown (written here as
    the pull and the push would: a conflict record, a parked outbox row)."""
    import uuid

    from sqlmodel import select

    from desktop.core.enums import OutboxStatus
    from desktop.core.models import Person, SyncConflict, SyncOutbox
    from desktop.core.uow import UnitOfWork
    from desktop.ui.sync.conflicts_dialog import ConflictsDialog
    from desktop.ui.sync.problems_dialog import ProblemsDialog

    case_id = services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Koval", given_name_lat="Nazar", birth_date="1990")]))
    engine, actor = services.session.engine, services.session.actor
    with UnitOfWork(engine, actor) as uow:
        person = uow.session.exec(select(Person)).one()
        for field, base, theirs, mine in (
                ("phone", "", "+32 470 00 00 01", "+32 470 00 00 02"),
                ("sex", "U", "M", "X"), ("interpreter_needed", False, True, False),
                ("arrived_on", None, "2022-03-05", "2022-03-06"),
                ("languages", [], ["uk"], ["ru"])):
            uow.add(SyncConflict(entity="person", entity_id=person.id, field=field, base=base,
                                 theirs=theirs, mine=mine, theirs_by=actor.user_id,
                                 mine_by=actor.user_id))
        uow.session.add(SyncOutbox(change_id=uuid.uuid4(), entity="person",
                                   entity_id=person.id, op="update", base_version=1,
                                   payload={"fields": {"phone": ["", "+32 470 00 00 03"]}},
                                   author=actor.user_id, status=OutboxStatus.PROBLEM,
                                   reason="too_large"))
    conflicts = ConflictsDialog(lang, services, tasks, case_id)
    problems = ProblemsDialog(lang, services, tasks)
    for dialog in (conflicts, problems):
        qtbot.addWidget(dialog)
    assert len(conflicts.section_widgets()) == 5 and problems.editor is not None
    for section in conflicts.section_widgets():
        section.edit_value.setChecked(True)
    assert unnamed(conflicts) == [] and unnamed(problems) == []


def test_the_sync_state_panel_and_update_notice_are_named_and_reachable(qtbot, screens):
    from PySide6.QtCore import Qt

    from desktop.ui.sync.refresh import banner_of

    sync = screens["main window"].sync
    panel = sync.open_panel()
    banner = banner_of(screens["case file"])
    banner.show_update(kept_typing=False)
    for widget in (sync.indicator, panel, banner):
        assert unnamed(widget) == []
    assert sync.indicator.accessibleName()
    for button in (sync.indicator, banner.dismiss, panel.sync_button):
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert not sync.sync_now_action.shortcut().isEmpty()
    panel.close()
