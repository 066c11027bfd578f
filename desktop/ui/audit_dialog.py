"""The administrator's audit viewer: who saw or changed what, when. Filters by person or
file, user, action and period; the list is read off the GUI thread; the chain can be
checked and the selection exported as CSV from here. Opened from a case window it answers
"who opened this file" at once (the case and the "opened" action already chosen)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.audit.chain import Verification
from desktop.core.audit.log import AuditFilter, AuditPage, AuditRow
from desktop.core.enums import AuditAction
from desktop.core.errors import RelaisError
from desktop.core.file_names import suggested_name
from desktop.core.i18n import Translator
from desktop.services import Services
from desktop.ui.file_dialogs import ask_save_path
from desktop.ui.language import UiLanguage
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.sync.shown_values import moment_text
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import ErrorLabel, error_text
from desktop.ui.worklist_table import short_date_pattern

COLUMNS = ("audit.col_when", "audit.col_user", "audit.col_action", "audit.col_record",
           "audit.col_file", "audit.col_detail")
# Periods offered first; "chosen dates" opens the two date fields.
PERIODS = (("audit.period_7", 7), ("audit.period_30", 30), ("audit.period_365", 365),
           ("audit.period_all", None), ("audit.period_dates", -1))


def detail_text(tr: Translator, row: AuditRow) -> str:
    """The changed fields in the reader's words, else the event's detail as 'key: value'."""
    if row.fields:
        return ", ".join(tr(f"field.{name}") for name in row.fields)
    parts = []
    for key, value in sorted(row.detail.items()):
        label_key = f"audit.detail_{key}"
        label = tr(label_key)
        label = key if label == label_key else label  # a detail without a label yet
        parts.append(f"{label}: {_value_text(tr, value)}")
    return "; ".join(parts)


def _value_text(tr: Translator, value: object) -> str:
    """A kind of document or export in words ('case summary'), yes/no, else as written."""
    if isinstance(value, bool):
        return tr("audit.yes" if value else "audit.no")
    if isinstance(value, str):
        key = f"audit.kind_{value}"
        named = tr(key)
        return value if named == key else named
    if isinstance(value, list):
        return ", ".join(_value_text(tr, item) for item in value)
    return str(value)


class AuditDialog(QDialog):
    def __init__(self, lang: UiLanguage, services: Services, tasks: TaskRunner,
                 parent: QWidget | None = None, case_id: uuid.UUID | None = None,
                 case_label: str = "", action: AuditAction | None = None) -> None:
        super().__init__(parent)
        self.lang, self.services, self.tasks = lang, services, tasks
        self.log = services.audit
        tr = lang.tr
        self.setWindowTitle(tr("audit.viewer_title"))
        self._loading = False

        self.subject = QComboBox()
        self.subject.setAccessibleName(tr("audit.filter_subject"))
        self.subject.addItem(tr("audit.any_subject"), None)
        if case_id is not None:
            self.subject.addItem(tr("audit.subject_case", file=case_label), ("case", case_id))
            self.subject.setCurrentIndex(1)
        self.find_text = QLineEdit()
        self.find_text.setAccessibleName(tr("audit.find_subject"))
        self.find_text.setPlaceholderText(tr("audit.find_placeholder"))
        self.find_text.setMaxLength(200)
        self.find_button = QPushButton(tr("audit.find"))
        self.find_button.clicked.connect(self._find_subject)
        self.find_text.returnPressed.connect(self._find_subject)
        finding = QHBoxLayout()
        finding.addWidget(self.find_text, 1)
        finding.addWidget(self.find_button)

        self.user = QComboBox()
        self.user.setAccessibleName(tr("audit.filter_user"))
        self.user.addItem(tr("audit.any_user"), None)
        for user_id, name in self.log.users():
            self.user.addItem(name, user_id)
        self.action = QComboBox()
        self.action.setAccessibleName(tr("audit.filter_action"))
        self.action.addItem(tr("audit.any_action"), None)
        for choice in sorted(AuditAction, key=lambda a: tr.choice("audit", a).lower()):
            self.action.addItem(tr.choice("audit", choice), choice)
        if action is not None:
            self.action.setCurrentIndex(self.action.findData(action))
        self.period = QComboBox()
        self.period.setAccessibleName(tr("audit.filter_period"))
        for key, days in PERIODS:
            self.period.addItem(tr(key), days)
        self.period.setCurrentIndex(3 if case_id is not None else 1)
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-30))
        self.until = QDateEdit(today)
        for edit, name in ((self.since, "audit.since"), (self.until, "audit.until")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(short_date_pattern(lang.code))  # as the rest of Relais
            edit.setAccessibleName(tr(name))
            edit.setEnabled(False)
            edit.dateChanged.connect(self.reload)
        dates = QHBoxLayout()
        dates.addWidget(QLabel(tr("audit.since")))
        dates.addWidget(self.since)
        dates.addWidget(QLabel(tr("audit.until")))
        dates.addWidget(self.until)
        dates.addStretch(1)

        form = QFormLayout()
        form.addRow(tr("audit.filter_subject"), self.subject)
        form.addRow("", finding)
        form.addRow(tr("audit.filter_user"), self.user)
        form.addRow(tr("audit.filter_action"), self.action)
        form.addRow(tr("audit.filter_period"), self.period)
        form.addRow("", dates)
        for box in (self.subject, self.user, self.action):
            box.currentIndexChanged.connect(self.reload)
        self.period.currentIndexChanged.connect(self._period_changed)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName(tr("audit.viewer_title"))
        self.table.setHorizontalHeaderLabels([tr(key) for key in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch
                                        if column == len(COLUMNS) - 1
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.chain_state = QLabel()  # the last check of the chain, kept while filtering
        self.chain_state.setWordWrap(True)
        self.error = ErrorLabel()

        self.verify_button = QPushButton(tr("audit.verify"))
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton(tr("audit.export_csv"))
        self.export_button.clicked.connect(self.export_csv)
        close = QPushButton(tr("audit.close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.chain_state)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        fit_to_screen(self, 1000, 640)
        self.reload()

    # -- the filter ---------------------------------------------------------------------

    def wanted(self) -> AuditFilter:
        subject = self.subject.currentData()
        kind, subject_id = subject if subject else (None, None)
        action = self.action.currentData()
        days = self.period.currentData()
        since = until = None
        if days == -1:
            since, until = self.since.date().toPython(), self.until.date().toPython()
        elif days is not None:
            since = date.today() - timedelta(days=days)
        return AuditFilter(
            person_id=subject_id if kind == "person" else None,
            case_id=subject_id if kind == "case" else None,
            user_id=self.user.currentData(),
            actions=frozenset({action}) if action else frozenset(),
            since=since, until=until)

    def _period_changed(self) -> None:
        chosen = self.period.currentData() == -1
        self.since.setEnabled(chosen)
        self.until.setEnabled(chosen)
        self.reload()

    def _find_subject(self) -> None:
        """Persons found by the usual search (any spelling, a file number), to choose."""
        typed = self.find_text.text().strip()
        if not typed:
            return
        tr = self.lang.tr
        self.error.show_message("")
        try:
            hits = self.services.search.search(typed, limit=20)
        except RelaisError as error:  # a search refused shows why, nothing else changes
            self.error.show_message(error_text(self.lang, error))
            return
        while self.subject.count() > 1:
            self.subject.removeItem(1)
        for hit in hits:
            self.subject.addItem(tr("audit.subject_person", name=hit.display_name,
                                    file=hit.file_number or "—"), ("person", hit.person_id))
            if hit.case_id is not None:
                self.subject.addItem(tr("audit.subject_case", file=hit.file_number),
                                     ("case", hit.case_id))
        if not hits:
            self.error.show_message(tr("audit.nobody_found"))
        else:
            self.subject.setCurrentIndex(1)

    # -- reading --------------------------------------------------------------------------

    def reload(self) -> None:
        if self.since.date() > self.until.date():
            self.error.show_message(self.lang.tr("audit.bad_period_dates"))
            return
        self.error.show_message("")
        self.summary.setText(self.lang.tr("audit.loading"))
        wanted = self.wanted()
        self.tasks.run(lambda _progress: self.log.events(wanted), self._show, self._failed,
                       owner=self)

    def _show(self, page: AuditPage) -> None:
        tr, language = self.lang.tr, self.lang.tr.language
        self.table.setRowCount(len(page.rows))
        for number, row in enumerate(page.rows):
            cells = (moment_text(language, row.at), row.user or tr("audit.system"),
                     tr.choice("audit", row.action),
                     tr(f"entity.{row.entity}") if row.entity else "—",
                     row.file_number or "—", detail_text(tr, row))
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(number, column, item)
        text = tr.plural("audit.shown", len(page.rows))
        if page.more:
            text += " " + tr("audit.more_events")
        self.summary.setText(text)

    def _failed(self, error: BaseException) -> None:
        self.summary.setText("")
        self.error.show_message(error_text(self.lang, error))

    # -- actions ------------------------------------------------------------------------------

    def verify(self) -> None:
        tr = self.lang.tr
        self.verify_button.setEnabled(False)
        self.chain_state.setText(tr("audit.verifying"))

        def done(result: Verification) -> None:
            self.verify_button.setEnabled(True)
            broken = result.broken
            if broken is None:
                text = tr.plural("audit.intact", result.events, chains=tr.count(result.chains))
                icon = QMessageBox.Icon.Information
            else:
                text = tr(f"audit.broken_{broken.reason}", seq=tr.count(broken.seq),
                          at=broken.at[:19] or "?", event=str(broken.event_id or "-"),
                          chain=str(broken.chain_id))
                icon = QMessageBox.Icon.Critical
            self.chain_state.setText(text)
            box = QMessageBox(icon, tr("audit.verify"), text, QMessageBox.StandardButton.Ok,
                              self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

        def failed(error: BaseException) -> None:
            self.verify_button.setEnabled(True)
            self._failed(error)

        def progress(done_count: int, _total: int) -> None:
            self.chain_state.setText(tr("audit.verifying_n", n=tr.count(done_count)))

        self.tasks.run(lambda report: self.log.verify(lambda n: report(n, 0)), done, failed,
                       on_progress=progress, owner=self)

    def export_csv(self) -> None:
        """The button's slot: asks where, then writes (takes no argument on purpose)."""
        tr = self.lang.tr
        target = ask_save_path(self, self.lang, tr("audit.export_csv"),
                               suggested_name(tr, "audit", "csv", date.today()), "*.csv")
        if target is not None:
            self.export_to(target)

    def export_to(self, target: Path) -> None:
        """Every event the filter selects (not only the page shown), off the GUI thread."""
        from desktop.exchange.audit_csv import write_audit_csv

        tr = self.lang.tr
        wanted = self.wanted()
        self.export_button.setEnabled(False)
        self.summary.setText(tr("audit.loading"))

        def done(count: int) -> None:
            self.export_button.setEnabled(True)
            self.summary.setText(tr.plural("audit.exported", count, path=str(target)))

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            self._failed(error)

        self.tasks.run(lambda _p: write_audit_csv(self.log, wanted, target, tr), done, failed,
                       owner=self)
