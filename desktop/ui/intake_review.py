"""The intake wizard's last page: everything that will be saved, grouped by person and then
the household, read-only and scrolling down only; the possible duplicates and any problem
stay in sight under it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget, QWizardPage

from desktop.core.intake_review import review_sections
from desktop.ui.duplicate_list import DuplicateList
from desktop.ui.widgets import ErrorLabel, emphasise

if TYPE_CHECKING:
    from desktop.ui.intake_wizard import IntakeWizard


class ReviewPage(QWizardPage):
    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.sections = QWidget()
        self.sections_layout = QVBoxLayout(self.sections)
        self.sections_layout.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.sections)
        self.duplicates = DuplicateList(wizard.lang)
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.duplicates)
        layout.addWidget(self.error)

    def initializePage(self) -> None:
        tr = self.wizard_.lang.tr
        household = self.wizard_.collect()
        self.summary.setText(tr.plural("wizard.review_members", len(household.members)))
        while self.sections_layout.count():
            item = self.sections_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for section in review_sections(tr, household, self.wizard_.services.reference):
            title = emphasise(QLabel(section.title), 1)
            title.setWordWrap(True)
            body = QLabel("\n".join(section.lines))
            body.setWordWrap(True)
            body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            body.setIndent(12)
            body.setVisible(bool(section.lines))
            self.sections_layout.addWidget(title)
            self.sections_layout.addWidget(body)
        self.sections_layout.addStretch(1)
        self.duplicates.show_found([(m, d) for m in household.members
                                    for d in self.wizard_.services.duplicates.find(m)])
        self.error.show_message("")

    def text(self) -> str:
        """All that the page lists, as read (headings and lines)."""
        labels = [self.summary, *self.sections.findChildren(QLabel)]
        return "\n".join(label.text() for label in labels if not label.isHidden())

    def show_problems(self, problems: list) -> None:
        tr = self.wizard_.lang.tr
        self.error.show_message("\n".join(tr(p.key, **p.params) for p in problems))

    def validatePage(self) -> bool:
        return self.wizard_.register()

    def retranslate(self) -> None:
        self.setTitle(self.wizard_.lang.tr("wizard.review_title"))
        if self.wizard_.currentPage() is self:
            self.initializePage()  # the listed words in the new language
