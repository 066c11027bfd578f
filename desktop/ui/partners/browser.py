"""The directory as a list with its filters (kind, municipality, language, words) and the
chosen entry in full under it. The same widget serves the directory dialog and the
referral's "Choose a partner…"."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.date_text import display_date
from desktop.core.enums import PartnerKind, PartnerScope
from desktop.core.i18n import Translator, language_name
from desktop.core.models import PartnerService
from desktop.core.partners import PartnerDirectory, PartnerFilter
from desktop.core.reference import ReferenceData
from desktop.ui.language import UiLanguage
from desktop.ui.language_boxes import LANGUAGES
from desktop.ui.widgets import fit_columns

COLUMNS = ("partners.col_kind", "partners.col_name", "partners.col_place",
           "partners.col_languages", "partners.col_phone", "partners.col_verified")


def place_text(partner: PartnerService, reference: ReferenceData, lang: str) -> str:
    found = reference.municipality(partner.municipality_refnis)
    return " ".join(x for x in (partner.postal_code, found.name(lang) if found else "") if x)


def details_text(tr: Translator, partner: PartnerService, reference: ReferenceData) -> str:
    """Everything about one entry, a line per part, in the reader's words."""
    lang = tr.language
    served = [reference.municipality(code) for code in partner.municipalities or []]
    lines = [
        f"{partner.name} — {tr.choice('partner_kind', partner.kind)}",
        ", ".join(x for x in (partner.street, place_text(partner, reference, lang)) if x),
        " · ".join(x for x in (partner.phone, partner.email, partner.website) if x),
    ]
    labelled = (
        ("field.opening_hours", partner.opening_hours),
        ("field.languages", ", ".join(language_name(c, lang) for c in partner.languages or [])),
        ("field.waiting", "; ".join(x for x in (partner.waiting, tr.plural(
            "partners.days", partner.waiting_days) if partner.waiting_days is not None
            else "") if x)),
        ("field.municipalities", ", ".join(m.name(lang) for m in served if m)
         or (tr("partners.everywhere") if not partner.municipalities else "")),
        ("field.verified_on", tr.date(partner.verified_on) or tr("partners.never_verified")),
        ("field.scope", tr.choice("partner_scope", partner.scope)),
    )
    lines += [tr.labelled(tr(key), value) for key, value in labelled if value]
    if not partner.listed:
        lines.append(tr("partners.unlisted"))
    return "\n".join(line for line in lines if line)


class PartnerBrowser(QWidget):
    selected = Signal()  # the chosen row changed
    activated = Signal()  # a row double-clicked or Enter pressed on it

    def __init__(self, lang: UiLanguage, directory: PartnerDirectory,
                 reference: ReferenceData, show_unlisted_box: bool = False) -> None:
        super().__init__()
        self.lang, self.directory, self.reference = lang, directory, reference
        self.partners: list[PartnerService] = []
        self.kind, self.language = QComboBox(), QComboBox()
        self.municipality, self.words = QLineEdit(), QLineEdit()
        for field in (self.municipality, self.words):
            field.setMaxLength(200)
            field.setClearButtonEnabled(True)
        self.unlisted = QCheckBox()
        self.unlisted.setVisible(show_unlisted_box)
        self.kind_label, self.place_label = QLabel(), QLabel()
        self.language_label, self.words_label = QLabel(), QLabel()
        for label, field in ((self.kind_label, self.kind), (self.place_label, self.municipality),
                             (self.language_label, self.language),
                             (self.words_label, self.words)):
            label.setBuddy(field)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setMinimumHeight(self.details.fontMetrics().lineSpacing() * 4)

        filters = QGridLayout()
        filters.addWidget(self.kind_label, 0, 0)
        filters.addWidget(self.kind, 0, 1)
        filters.addWidget(self.place_label, 0, 2)
        filters.addWidget(self.municipality, 0, 3)
        filters.addWidget(self.language_label, 1, 0)
        filters.addWidget(self.language, 1, 1)
        filters.addWidget(self.words_label, 1, 2)
        filters.addWidget(self.words, 1, 3)
        filters.addWidget(self.unlisted, 2, 1, 1, 3)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)

        self._completer_labels: dict[str, str] = {}
        self.kind.currentIndexChanged.connect(self.reload)
        self.language.currentIndexChanged.connect(self.reload)
        self.municipality.textChanged.connect(self.reload)
        self.words.textChanged.connect(self.reload)
        self.unlisted.toggled.connect(self.reload)
        self.table.itemSelectionChanged.connect(self._show_details)
        self.table.itemSelectionChanged.connect(self.selected)
        self.table.itemActivated.connect(lambda _item: self.activated.emit())
        self.retranslate()

    # -- what is chosen ---------------------------------------------------------------------

    def current(self) -> PartnerService | None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self.partners) or not self.table.selectedItems():
            return None
        return self.partners[row]

    def select(self, partner_id: uuid.UUID) -> None:
        for row, partner in enumerate(self.partners):
            if partner.id == partner_id:
                self.table.selectRow(row)
                return

    def municipality_refnis(self) -> str | None:
        """The municipality the filter names: "" for none typed, None while what is typed
        names no single municipality (then the list is not filtered by place)."""
        typed = self.municipality.text().strip()
        if not typed:
            return ""
        refnis = self._completer_labels.get(typed)
        if refnis:
            return refnis
        found = self.reference.unambiguous(typed)
        return found.refnis if found else None

    def wanted(self) -> PartnerFilter:
        refnis = self.municipality_refnis()
        return PartnerFilter(kind=self.kind.currentData(), municipality=refnis or "",
                             language=self.language.currentData() or "",
                             text=self.words.text(), include_unlisted=self.unlisted.isChecked())

    # -- filling ----------------------------------------------------------------------------

    def reload(self) -> None:
        chosen = self.current()
        self.partners = self.directory.search(self.wanted())
        self.hint.setVisible(self.municipality_refnis() is None)
        tr, lang = self.lang.tr, self.lang.code
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.partners))
        for row, partner in enumerate(self.partners):
            cells = (tr.choice("partner_kind", partner.kind),
                     partner.name + ("" if partner.listed else f" ({tr('partners.unlisted')})"),
                     place_text(partner, self.reference, lang),
                     " ".join(code.upper() for code in partner.languages or []),
                     partner.phone,
                     display_date(partner.verified_on, lang))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (0, 1):
                    item.setToolTip(text)  # the column may be narrower than its text
                if column == 1 and partner.scope == PartnerScope.REGIONAL:
                    item.setToolTip(tr.choice("partner_scope", partner.scope))
                if column == 3:
                    item.setToolTip(", ".join(language_name(c, lang)
                                              for c in partner.languages or []))
                self.table.setItem(row, column, item)
        fit_columns(self.table)
        # The kind and the name give way first, so the phone and the date stay in view
        # (a kind's name is long in Ukrainian); the full text is the cell's tooltip.
        header = self.table.horizontalHeader()
        for column, widest in ((0, 230), (1, 280)):
            header.resizeSection(column, min(header.sectionSize(column), widest))
        if chosen is not None:
            self.select(chosen.id)
        self._show_details()

    def _show_details(self) -> None:
        partner = self.current()
        tr = self.lang.tr
        if partner is not None:
            self.details.setText(details_text(tr, partner, self.reference))
        elif not self.partners:
            self.details.setText(tr("partners.none_found"))
        else:
            self.details.setText(tr("partners.choose_one"))

    def retranslate(self) -> None:
        tr, lang = self.lang.tr, self.lang.code
        kind, language = self.kind.currentData(), self.language.currentData()
        for combo in (self.kind, self.language):
            combo.blockSignals(True)
            combo.clear()
        self.kind.addItem(tr("partners.any_kind"), None)
        for value in PartnerKind:
            self.kind.addItem(tr.choice("partner_kind", value), value)
        self.language.addItem(tr("partners.any_language"), None)
        for code in LANGUAGES:
            self.language.addItem(tr(f"language.{code}"), code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        for combo in (self.kind, self.language):
            combo.blockSignals(False)
        self.kind_label.setText(tr("partners.filter_kind"))
        self.place_label.setText(tr("partners.filter_municipality"))
        self.language_label.setText(tr("partners.filter_language"))
        self.words_label.setText(tr("partners.filter_words"))
        self.kind.setAccessibleName(tr("partners.filter_kind"))
        self.language.setAccessibleName(tr("partners.filter_language"))
        self.municipality.setAccessibleName(tr("partners.filter_municipality"))
        self.words.setAccessibleName(tr("partners.filter_words"))
        self.municipality.setPlaceholderText(tr("partners.municipality_placeholder"))
        self.unlisted.setText(tr("partners.show_unlisted"))
        self.hint.setText(tr("partners.municipality_unclear"))
        self.table.setAccessibleName(tr("partners.list"))
        self.details.setAccessibleName(tr("partners.details"))
        self.table.setHorizontalHeaderLabels([tr(key) for key in COLUMNS])
        self._completer_labels = {m.label(lang): m.refnis
                                  for m in self.reference.municipalities.values()}
        completer = QCompleter(sorted(self._completer_labels), self.municipality)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.municipality.setCompleter(completer)
        self.reload()
