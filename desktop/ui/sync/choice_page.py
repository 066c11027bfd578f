"""The setup wizard's first question: a new organisation here, or join the one that exists."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QLabel, QRadioButton, QVBoxLayout, QWizardPage

from desktop.ui.language import UiLanguage


class ChoicePage(QWizardPage):
    def __init__(self, lang: UiLanguage, new_id: int, join_id: int) -> None:
        super().__init__()
        self.lang, self.new_id, self.join_id = lang, new_id, join_id
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.new = QRadioButton()
        self.join = QRadioButton()
        self.new.setChecked(True)  # today's setup stays the default
        group = QButtonGroup(self)
        for button in (self.new, self.join):
            group.addButton(button)
        self.new_hint, self.join_hint = QLabel(), QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        for button, hint in ((self.new, self.new_hint), (self.join, self.join_hint)):
            hint.setWordWrap(True)
            hint.setIndent(24)  # under its button's text, not under the circle
            hint.setBuddy(button)
            layout.addSpacing(8)
            layout.addWidget(button)
            layout.addWidget(hint)
        layout.addStretch(1)
        self.retranslate()

    def joining(self) -> bool:
        return self.join.isChecked()

    def nextId(self) -> int:
        return self.join_id if self.joining() else self.new_id

    def retranslate(self) -> None:
        tr = self.lang.tr
        self.setTitle(tr("setup.choice_title"))
        self.intro.setText(tr("setup.choice_intro"))
        self.new.setText(tr("setup.choice_new"))
        self.join.setText(tr("setup.choice_join"))
        self.new_hint.setText(tr("setup.choice_new_hint"))
        self.join_hint.setText(tr("setup.choice_join_hint"))
