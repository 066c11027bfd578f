"""The case file window: header with status, worker and reminders; tabs for people, notes,
tasks, referrals, aid and history. Buttons follow the role; the services decide anyway."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.casefile import MemberView
from desktop.core.date_text import display_iso, display_moment
from desktop.core.dates import parse_partial
from desktop.core.enums import (
    AidCategory,
    AuditAction,
    CaseStatus,
    ClosureReason,
    DatePrecision,
    NoteAudience,
)
from desktop.core.errors import ValidationError
from desktop.core.history import describe
from desktop.core.limits import FIELD_MAX
from desktop.core.notes import NEW_NOTE_AUDIENCE, note_text
from desktop.core.roles import Permission
from desktop.services import Services
from desktop.ui.anonymise_person import ask_to_anonymise
from desktop.ui.audit_dialog import AuditDialog
from desktop.ui.documents_dialog import DocumentsDialog
from desktop.ui.language import UiLanguage
from desktop.ui.merge_dialog import MergeDialog
from desktop.ui.municipality_picker import MunicipalityPicker
from desktop.ui.partners.referral_controls import ReferralControls
from desktop.ui.person_dialog import PersonDialog
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.subject_copy_dialog import SubjectCopyDialog
from desktop.ui.sync.conflict_badge import ConflictBadge
from desktop.ui.sync.conflicts_dialog import ConflictsDialog, open_conflicts
from desktop.ui.tasks import TaskRunner
from desktop.ui.unsaved import UnsavedChanges
from desktop.ui.widgets import ErrorLabel, emphasise, error_text, show_placeholder

PEOPLE_COLUMNS = ("case.col_name", "intake.field_relationship", "intake.field_birth_date",
                  "case.col_nrn", "case.col_documents", "case.col_needs")
NOTE_COLUMNS = ("case.col_date", "case.col_audience", "case.col_note")
TASK_COLUMNS = ("case.col_due", "case.col_task", "case.col_done")
REFERRAL_COLUMNS = ("case.col_partner", "case.col_purpose", "case.col_status",
                    "case.col_sent_on", "case.col_outcome_on")
AID_COLUMNS = ("case.col_decided", "case.col_category", "case.col_piis")
HISTORY_COLUMNS = ("case.col_when", "case.col_who", "case.col_what", "case.col_fields")


def table(columns: tuple[str, ...]) -> QTableWidget:
    widget = QTableWidget(0, len(columns))
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.verticalHeader().hide()
    # Columns keep the width of their contents and header (fill() sizes them); a stretched
    # last column would be squeezed below its header's width in a narrow window.
    return widget


def fill(widget: QTableWidget, rows: list[list[str]]) -> None:
    widget.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            widget.setItem(r, c, QTableWidgetItem(value))
    widget.resizeColumnsToContents()


class NoteEdit(QPlainTextEdit):
    """A note of a few lines: Enter starts a new line, Ctrl+Enter adds the note."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.submitted.emit()
            return
        super().keyPressEvent(event)

    def text(self) -> str:
        return self.toPlainText()


class CaseWindow(QWidget):
    changed = Signal()

    def __init__(self, lang: UiLanguage, services: Services, case_id: uuid.UUID,
                 parent: QWidget | None = None, tasks: TaskRunner | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.lang, self.services, self.case_id = lang, services, case_id
        self.runner = tasks or TaskRunner()  # background writes (the conflicts dialog)
        # Shown when a record of the case has an open sync conflict; opens the dialog.
        self.conflict_badge = ConflictBadge(lang, services, case_id)
        self.conflict_badge.clicked.connect(self.open_conflicts)
        self.actor = services.session.actor
        self.title = emphasise(QLabel(), 4)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.reminders = QLabel()
        self.reminders.setWordWrap(True)
        self.reminders.setStyleSheet("color: #8a4b00;")
        self.error = ErrorLabel()
        self.follow_up, self.reopen, self.completed = QPushButton(), QPushButton(), QPushButton()
        self.reason = QComboBox()
        # Where a household moved: chosen from the list, as in the intake.
        self.destination = MunicipalityPicker(lang, services.reference)
        self.destination.setMaximumWidth(480)
        self.destination.chosen.connect(self._destination_chosen)
        self.reason.currentIndexChanged.connect(self._show_destination)
        self.close_case = QPushButton()
        self.documents_button = QPushButton()
        self.documents_button.clicked.connect(self.open_documents)
        actions = QHBoxLayout()
        for widget in (self.follow_up, self.completed, self.reopen, self.reason,
                       self.close_case):
            actions.addWidget(widget)
        actions.addStretch(1)
        # Administrators: who opened this file, in one click (the audit viewer, filtered).
        self.who_opened = QPushButton()
        self.who_opened.clicked.connect(self.open_who_opened)
        self.who_opened.setVisible(self.actor.can(Permission.VIEW_AUDIT))
        actions.addWidget(self.who_opened)
        actions.addWidget(self.documents_button)
        self.follow_up.clicked.connect(lambda: self._status(CaseStatus.FOLLOW_UP))
        self.reopen.clicked.connect(lambda: self._status(CaseStatus.OPEN))
        self.close_case.clicked.connect(lambda: self._status(CaseStatus.CLOSED))
        self.completed.clicked.connect(self._completed)

        self.people = table(PEOPLE_COLUMNS)
        self.merge_button = QPushButton()
        self.merge_button.clicked.connect(self.open_merge)
        self.edit_person = QPushButton()
        self.edit_person.clicked.connect(self.open_person)
        # Erasure on request (administrators): the selected person, after a confirmation.
        self.anonymise_button = QPushButton()
        self.anonymise_button.clicked.connect(self.anonymise_person)
        self.anonymise_button.setVisible(self.actor.can(Permission.MANAGE_RETENTION))
        # The selected person's own copy of their data (GDPR art. 15 and 20).
        self.own_copy = QPushButton()
        self.own_copy.clicked.connect(self.open_own_copy)
        self.people.itemActivated.connect(lambda _item: self.open_person())
        self.notes = table(NOTE_COLUMNS)
        self.note_text = NoteEdit()
        self.note_text.setTabChangesFocus(True)
        # Three lines: room for a sentence or two without pushing the list off a laptop.
        line = self.note_text.fontMetrics().lineSpacing()
        self.note_text.setFixedHeight(3 * line + 14)
        self.note_text.submitted.connect(self._add_note)
        self.note_audience = QComboBox()
        self.add_note = QPushButton()
        self.add_note.clicked.connect(self._add_note)
        self.tasks = table(TASK_COLUMNS)
        self.referrals = table(REFERRAL_COLUMNS)
        self.aid = table(AID_COLUMNS)
        self.history = table(HISTORY_COLUMNS)
        self.task_title, self.task_due = QLineEdit(), QLineEdit()
        self.task_title.setMaxLength(FIELD_MAX)  # the service's limit (limits.py)
        self.add_task, self.task_done = QPushButton(), QPushButton()
        self.add_task.clicked.connect(self._add_task)
        # Enter in a one-line field adds the entry once what it needs is typed.
        for field in (self.task_title, self.task_due):
            field.returnPressed.connect(self._enter_task)
        self.task_done.clicked.connect(self._task_done)
        self.partner, self.purpose = QLineEdit(), QLineEdit()
        self.partner.setMaxLength(FIELD_MAX)
        self.purpose.setMaxLength(FIELD_MAX)
        self.add_referral = QPushButton()
        self.add_referral.clicked.connect(self._add_referral)
        for field in (self.partner, self.purpose):
            field.returnPressed.connect(self._enter_referral)
        self.referral = ReferralControls(lang, services, self.partner, self)
        self.referral.connect(self._record_outcome, self.open_referral_letter)
        self.referrals.itemSelectionChanged.connect(self._follow_referral)
        self.aid_category = QComboBox()
        self.aid_decided = QLineEdit()
        self.aid_piis = QCheckBox()
        self.add_aid = QPushButton()
        self.add_aid.clicked.connect(self._add_aid)
        self.forms = [
            (self.note_text, 1), (self.note_audience, 0), (self.add_note, 0),
            (self.task_title, 1), (self.task_due, 0), (self.add_task, 0), (self.task_done, 0),
            (self.referral.choose_button, 0), (self.partner, 1), (self.purpose, 1),
            (self.add_referral, 0),
            (self.aid_category, 0), (self.aid_decided, 0), (self.aid_piis, 0), (self.add_aid, 0),
        ]
        # What an empty list holds and why it may be empty (never whether restricted
        # records exist: a volunteer reads the same sentence either way).
        self.empty = {widget: QLabel() for widget in (self.notes, self.tasks, self.referrals)}
        for label in self.empty.values():
            label.setWordWrap(True)
            label.setStyleSheet("color: #555;")
        notes_page = self._page(self.notes, self.forms[0:3])
        tasks_page = self._page(self.tasks, self.forms[3:7])
        referrals_page = self._page(self.referrals, self.forms[7:11], [
            (self.referral.status, 0), (self.referral.outcome_on, 0),
            (self.referral.record_button, 0), (self.referral.letter_button, 0)])
        self.aid_page = self._page(self.aid, self.forms[11:15])
        people_page = self._page(self.people, [(self.edit_person, 0), (self.merge_button, 0),
                                               (self.own_copy, 0), (self.anonymise_button, 0)])
        self.tabs = QTabWidget()
        for page in (people_page, notes_page, tasks_page, referrals_page, self.aid_page,
                     self.history):
            self.tabs.addTab(page, "")
        self.aid_index = self.tabs.indexOf(self.aid_page)
        layout = QVBoxLayout(self)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.conflict_badge)
        layout.addLayout(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.reminders)
        layout.addLayout(actions)
        layout.addWidget(self.destination)
        layout.addWidget(self.error)
        layout.addWidget(self.tabs, 1)
        editable = self.actor.can(Permission.EDIT_CASES)
        for widget in (self.follow_up, self.reopen, self.completed, self.reason,
                       self.close_case, self.merge_button, self.edit_person,
                       *(widget for widget, _ in self.forms), *self.referral.widgets):
            widget.setVisible(editable)
        self.own_copy.setVisible(self.actor.can(Permission.EXPORT_PERSONAL_DATA))
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)  # Ctrl+W, Ctrl+F4
        fit_to_screen(self, 1000, 680)
        self.unsaved = UnsavedChanges(lang, self, (
            self.note_text, self.task_title, self.task_due, self.partner, self.purpose,
            self.referral.outcome_on, self.aid_decided, self.aid_piis, self.destination.edit))
        lang.changed.connect(self.retranslate)
        self.retranslate()

    def _page(self, widget: QTableWidget, row: list, more: list | None = None) -> QWidget:
        """A tab: its list, then a line of fields (and a second one, ``more``, when given:
        what acts on the selected row, kept to the left)."""
        page = QWidget()
        layout = QVBoxLayout(page)
        if widget in self.empty:
            layout.addWidget(self.empty[widget])
        layout.addWidget(widget)
        for fields in (row, more):
            if fields is None:
                continue
            line = QHBoxLayout()
            for field, stretch in fields:
                line.addWidget(field, stretch)
            if fields is more:
                line.addStretch(1)
            layout.addLayout(line)
        return page

    def retranslate(self) -> None:
        tr = self.lang.tr
        for field, key in ((self.task_title, "case.new_task"), (self.task_due, "case.due_hint"),
                           (self.partner, "case.col_partner"), (self.purpose, "case.col_purpose"),
                           (self.aid_decided, "case.col_decided")):
            show_placeholder(field, tr(key))
            field.setAccessibleName(tr(key))
        self.add_task.setText(tr("case.add_task"))
        self.add_task.setToolTip(tr("case.add_task_tip"))
        self.add_referral.setToolTip(tr("case.add_referral_tip"))
        self.add_note.setToolTip(tr("case.add_note_tip"))
        self.documents_button.setText(tr("case.documents"))
        self.who_opened.setText(tr("audit.who_opened"))
        self.merge_button.setText(tr("merge.open"))
        self.edit_person.setText(tr("person.edit"))
        self.anonymise_button.setText(tr("person.anonymise_action"))
        self.own_copy.setText(tr("subject.button"))
        self.own_copy.setToolTip(tr("subject.button_tip"))
        self.task_done.setText(tr("case.task_done"))
        self.add_referral.setText(tr("case.add_referral"))
        self.referral.retranslate()
        self.add_aid.setText(tr("case.add_aid"))
        self.aid_piis.setText(tr("case.col_piis"))
        category = self.aid_category.currentData()
        self.aid_category.clear()
        for value in AidCategory:
            self.aid_category.addItem(tr.choice("aid_category", value), value)
        self.aid_category.setCurrentIndex(max(0, self.aid_category.findData(category)))
        self.aid_category.setAccessibleName(tr("case.col_category"))
        self.follow_up.setText(tr("case.action_follow_up"))
        self.reopen.setText(tr("case.action_reopen"))
        self.completed.setText(tr("case.action_completed"))
        self.close_case.setText(tr("case.action_close"))
        current = self.reason.currentData()
        self.reason.clear()
        self.reason.addItem(tr("case.choose_reason"), None)
        for reason in ClosureReason:
            self.reason.addItem(tr.choice("closure_reason", reason), reason)
        self.reason.setCurrentIndex(max(0, self.reason.findData(current)))
        self.reason.setAccessibleName(tr("case.choose_reason"))
        self.destination.retranslate()
        show_placeholder(self.destination.edit, tr("case.destination_hint"))
        self.destination.edit.setAccessibleName(tr("case.destination_hint"))
        self.destination.matches.setAccessibleName(tr("case.destination_hint"))
        self.note_text.setPlaceholderText(tr("case.new_note"))
        self.note_text.setAccessibleName(tr("case.new_note"))
        audience = self.note_audience.currentData()
        self.note_audience.clear()
        for value in NoteAudience:
            self.note_audience.addItem(tr.choice("note_audience", value), value)
        # Privacy by default: a new note is for social workers until someone widens it.
        self.note_audience.setCurrentIndex(
            max(0, self.note_audience.findData(audience or NEW_NOTE_AUDIENCE)))
        self.add_note.setText(tr("case.add_note"))
        for widget, columns in ((self.people, PEOPLE_COLUMNS), (self.notes, NOTE_COLUMNS),
                                (self.tasks, TASK_COLUMNS), (self.referrals, REFERRAL_COLUMNS),
                                (self.aid, AID_COLUMNS), (self.history, HISTORY_COLUMNS)):
            widget.setHorizontalHeaderLabels([tr(key) for key in columns])
        tables = (self.people, self.notes, self.tasks, self.referrals, self.aid, self.history)
        for index, (key, widget) in enumerate(zip(
                ("case.tab_people", "case.tab_notes", "case.tab_tasks", "case.tab_referrals",
                 "case.tab_aid", "case.tab_history"), tables, strict=True)):
            self.tabs.setTabText(index, tr(key))
            widget.setAccessibleName(tr(key))
        self.note_audience.setAccessibleName(tr("case.col_audience"))
        self.refresh()

    def refresh(self) -> None:
        try:
            view = self.services.case_files.open(self.case_id)
        except Exception as exc:  # noqa: BLE001 (shown in the window)
            self.error.show_message(error_text(self.lang, exc))
            return
        self.view = view
        self.conflict_badge.refresh()
        tr = self.lang.tr
        case = view.case
        head = self._name(view.members[0]) if view.members else ""
        self.setWindowTitle(f"{case.file_number} — {head}")
        self.title.setText(f"{case.file_number} · {head}")
        status = tr.choice("case_status", case.status)
        if case.to_be_completed:
            status += f" · {tr('cases.to_be_completed')}"
        if case.closure_reason:
            status += f" · {tr.choice('closure_reason', case.closure_reason)}"
        self.summary.setText(tr("case.summary", status=status, worker=view.worker or "—",
                                opened=tr.date(case.opened_on),
                                persons=tr.plural("count.persons", len(view.members))))
        homes = []
        for home in view.accommodations:
            municipality = self.services.reference.municipality(home.municipality_refnis)
            place = " ".join(p for p in (home.postal_code, municipality.name(self.lang.code)
                                         if municipality else "") if p)
            details = ", ".join(p for p in (home.host_name, home.street, place) if p)
            homes.append(tr("case.accommodation",
                            kind=tr.choice("accommodation", home.accommodation_type),
                            details=details or "—"))
        needs = [tr("case.needs", needs=", ".join(tr.choice("need_area", need)
                                                   for need in case.needs))] if case.needs else []
        self.summary.setText("\n".join([self.summary.text(), *homes, *needs]))
        self.reminders.setText("\n".join(
            "⚠ " + tr(r.key, **{**r.params, "date": tr.date(r.on),
                                "document": tr.choice("document_type",
                                                      r.params.get("document", "other"))})
            for r in view.reminders))
        self.reminders.setVisible(bool(view.reminders))
        closed = case.status == CaseStatus.CLOSED
        editable = self.actor.can(Permission.EDIT_CASES)
        self.follow_up.setVisible(editable and case.status == CaseStatus.OPEN)
        self.reopen.setVisible(editable and closed)
        self.completed.setVisible(editable and case.to_be_completed)
        for widget in (self.reason, self.close_case):
            widget.setVisible(editable and not closed)
        self._show_destination()
        fill(self.people, [[
            self._name(m), tr.choice("relationship", m.relationship),
            display_iso(m.birth_date, self.lang.code),
            m.person.national_number or ("" if self.actor.can(Permission.VIEW_NATIONAL_NUMBER)
                                         else tr("case.restricted")),
            ", ".join(f"{tr.choice('document_type', d.document_type)} {d.number}"
                      for d in m.documents),
            ", ".join(tr.choice("specific_need", n.need_type) + (f" ({n.details})"
                                                                 if n.details else "")
                      for n in m.needs),
        ] for m in view.members])
        fill(self.notes, [[display_moment(n.created_at, self.lang.code),
                           tr.choice("note_audience", n.audience), note_text(tr, n)]
                          for n in view.notes])
        fill(self.tasks, [[tr.date(t.due_on), t.title,
                           "✓" if t.done_at else ""] for t in view.tasks])
        for row, member in enumerate(view.members):
            self.people.item(row, 0).setData(Qt.ItemDataRole.UserRole,
                                             (member.person.id, self._name(member)))
        for row, task in enumerate(view.tasks):
            self.tasks.item(row, 0).setData(Qt.ItemDataRole.UserRole, task.id)
        fill(self.referrals, [[r.partner, r.purpose, tr.choice("referral_status", r.status),
                               tr.date(r.referred_on),
                               tr.date(r.outcome_on)]
                              for r in view.referrals])
        for row, referral in enumerate(view.referrals):
            self.referrals.item(row, 0).setData(Qt.ItemDataRole.UserRole, referral.id)
        self.referral.municipality = next(
            (home.municipality_refnis for home in reversed(view.accommodations)), "")
        self.tabs.setTabVisible(self.aid_index, view.aid is not None)
        fill(self.aid, [[tr.date(a.decided_on), tr.choice("aid_category",
                                                                       a.category),
                         "✓" if a.piis else ""] for a in view.aid or []])
        fill(self.history, [[display_moment(h.at, self.lang.code), h.actor,
                             *describe(tr, h)] for h in view.history])
        notes_key = "case.notes_empty" if self.actor.can(Permission.VIEW_SOCIAL_NOTES) \
            else "case.notes_empty_shared"  # a volunteer sees the notes for everyone only
        for widget, key in ((self.notes, notes_key), (self.tasks, "case.tasks_empty"),
                            (self.referrals, "case.referrals_empty")):
            self.empty[widget].setText(tr(key))
            self.empty[widget].setVisible(widget.rowCount() == 0)

    def _status(self, status: CaseStatus) -> None:
        reason = self.reason.currentData() if status == CaseStatus.CLOSED else None
        destination = None
        if reason == ClosureReason.MOVED:
            destination = self.destination.refnis() or None
            typed = self.destination.typed().strip()
            if destination is None and typed:  # never a guess: say nothing matches
                self.error.show_message(self.lang.tr("case.destination_not_found",
                                                     value=typed))
                return
        self._act(lambda: self.services.case_files.change_status(self.case_id, status, reason,
                                                                 destination))
        if not self.error.text():
            self.destination.edit.clear()

    def _show_destination(self) -> None:
        """The destination is asked only when the household moved."""
        self.destination.setVisible(self.reason.isVisibleTo(self)
                                    and self.reason.currentData() == ClosureReason.MOVED)

    def _destination_chosen(self, _refnis: str) -> None:
        self.close_case.setFocus()

    def _completed(self) -> None:
        self._act(lambda: self.services.case_files.mark_completed(self.case_id))

    def _add_note(self) -> None:
        if self._act(lambda: self.services.case_files.add_note(
                self.case_id, self.note_text.text(), self.note_audience.currentData())):
            self.note_text.clear()
            self.note_audience.setCurrentIndex(self.note_audience.findData(NEW_NOTE_AUDIENCE))

    def open_merge(self) -> MergeDialog | None:
        item = self.people.item(max(0, self.people.currentRow()), 0)
        if item is None:
            return None
        person_id, name = item.data(Qt.ItemDataRole.UserRole)
        dialog = MergeDialog(self.lang, self.services, person_id, name, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._merged)
        dialog.open()
        return dialog

    def open_conflicts(self) -> ConflictsDialog:
        dialog = open_conflicts(self, self.lang, self.services, self.runner, self.case_id)
        dialog.resolved.connect(self._merged)
        return dialog

    def open_who_opened(self) -> AuditDialog:

        number = self.view.case.file_number if getattr(self, "view", None) else ""
        dialog = AuditDialog(self.lang, self.services, self.runner, self, case_id=self.case_id,
                             case_label=number, action=AuditAction.VIEW)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_documents(self) -> DocumentsDialog:
        dialog = DocumentsDialog(self.lang, self.services, self.case_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_person(self) -> PersonDialog | None:
        if not self.actor.can(Permission.EDIT_CASES):
            return None
        item = self.people.item(max(0, self.people.currentRow()), 0)
        if item is None:
            return None
        person_id, _name = item.data(Qt.ItemDataRole.UserRole)
        dialog = PersonDialog(self.lang, self.services, person_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._merged)
        dialog.open()
        return dialog

    def _name(self, member: MemberView) -> str:
        if member.anonymised and not member.display_name:
            return self.lang.tr("person.anonymised")
        return member.display_name

    def anonymise_person(self) -> QMessageBox | None:
        """Erasure on request of the selected person, after an explicit yes."""
        item = self.people.item(max(0, self.people.currentRow()), 0)
        if item is None or not self.actor.can(Permission.MANAGE_RETENTION):
            return None
        person_id, name = item.data(Qt.ItemDataRole.UserRole)
        return ask_to_anonymise(self, self.lang, name, lambda: self._anonymise(person_id))

    def _anonymise(self, person_id: uuid.UUID) -> None:
        self._act(lambda: self.services.retention.anonymise_person(person_id))

    def open_own_copy(self) -> SubjectCopyDialog | None:
        if not self.actor.can(Permission.EXPORT_PERSONAL_DATA):
            return None
        item = self.people.item(max(0, self.people.currentRow()), 0)
        if item is None:
            return None
        person_id, name = item.data(Qt.ItemDataRole.UserRole)
        dialog = SubjectCopyDialog(self.lang, self.services, person_id, name, self,
                                   self.runner)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _merged(self) -> None:
        self.refresh()
        self.changed.emit()

    def _add_task(self) -> None:
        due = _date_or_none(self.task_due.text())
        if due is False:
            self.error.show_message(self.lang.tr("date.unreadable", value=self.task_due.text()))
            return
        if self._act(lambda: self.services.case_files.add_task(
                self.case_id, self.task_title.text(), due, self.actor.user_id)):
            self.task_title.clear()
            self.task_due.clear()
            self.task_title.setFocus()

    def _enter_task(self) -> None:
        if self.task_title.text().strip():
            self._add_task()
        else:
            self.task_title.setFocus()  # the one thing a task needs

    def _task_done(self) -> None:
        item = self.tasks.item(self.tasks.currentRow(), 0)
        if item is not None:
            task_id = item.data(Qt.ItemDataRole.UserRole)
            self._act(lambda: self.services.case_files.complete_task(task_id))

    def _add_referral(self) -> None:
        partner_id = self.referral.partner_id
        if self._act(lambda: self.services.case_files.add_referral(
                self.case_id, self.partner.text(), self.purpose.text(), partner_id)):
            self.partner.clear()
            self.purpose.clear()
            self.referral.forget()
            self.partner.setFocus()

    def _chosen_referral(self):  # type: ignore[no-untyped-def]
        """The referral of the selected row, or None (said in the window)."""
        item = self.referrals.item(self.referrals.currentRow(), 0)
        chosen = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        view = getattr(self, "view", None)
        found = next((r for r in view.referrals if r.id == chosen), None) if view else None
        if found is None:
            self.error.show_message(self.lang.tr("partners.select_referral"))
        return found

    def _follow_referral(self) -> None:
        item = self.referrals.item(self.referrals.currentRow(), 0)
        view = getattr(self, "view", None)
        chosen = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        found = next((r for r in view.referrals if r.id == chosen), None) if view else None
        self.referral.follow(found.status if found else None)

    def _record_outcome(self) -> None:
        referral = self._chosen_referral()
        if referral is None:
            return
        on = _date_or_none(self.referral.outcome_on.text())
        if on is False:
            self.error.show_message(self.lang.tr("date.unreadable",
                                                 value=self.referral.outcome_on.text()))
            return
        status = self.referral.status.currentData()
        if self._act(lambda: self.services.case_files.set_referral_status(
                referral.id, status, on or None)):
            self.referral.outcome_on.clear()

    def open_referral_letter(self) -> DocumentsDialog | None:
        """The letter of the selected referral: its partner (and directory entry) and
        purpose already in the documents dialog."""
        referral = self._chosen_referral()
        if referral is None:
            return None
        dialog = self.open_documents()
        dialog.preset_referral(referral.partner, referral.purpose, referral.partner_id)
        return dialog

    def _enter_referral(self) -> None:
        if self.partner.text().strip():
            self._add_referral()
        else:
            self.partner.setFocus()

    def _add_aid(self) -> None:
        decided = _date_or_none(self.aid_decided.text())
        if decided is False:
            self.error.show_message(self.lang.tr("date.unreadable",
                                                 value=self.aid_decided.text()))
            return
        decided = decided or date.today()
        if self._act(lambda: self.services.case_files.record_aid(
                self.case_id, self.aid_category.currentData(), decided, decided,
                self.aid_piis.isChecked())):
            # An empty form: a second click cannot record the same decision again.
            self.aid_decided.clear()
            self.aid_piis.setChecked(False)
            self.aid_category.setCurrentIndex(0)

    def _act(self, change) -> bool:
        try:
            change()
        except Exception as exc:  # noqa: BLE001 (said in the window; fields keep their text)
            self.error.show_message(error_text(self.lang, exc))
            return False
        self.error.show_message("")
        self.refresh()
        self.changed.emit()
        return True

    def unsent(self) -> bool:
        """Something typed in a form of a tab (or a destination) and not added yet."""
        return self.unsaved.dirty()

    def closeEvent(self, event: QCloseEvent) -> None:
        # A note, task, referral or decision typed and not added is not dropped unasked. A
        # hidden window is closed by signing out from the lock screen: nobody to ask.
        if self.isVisible() and not self.unsaved.confirm_close(self.close):
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()  # through the question when something is typed
            return
        super().keyPressEvent(event)


def _date_or_none(text: str) -> date | bool | None:
    """A typed day, None when empty, False when it is not a full date."""
    if not text.strip():
        return None
    try:
        day, precision = parse_partial(text)
    except ValidationError:
        return False
    return day if precision == DatePrecision.DAY else False
