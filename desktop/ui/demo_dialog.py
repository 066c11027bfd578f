"""Fill the database with synthetic households to try Relais (administrators only)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.demo import DemoGenerator
from desktop.ui.language import UiLanguage
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import ErrorLabel, error_text


class DemoDialog(QDialog):
    def __init__(self, lang: UiLanguage, demo: DemoGenerator, tasks: TaskRunner,
                 on_done: Callable[[], None], parent: QWidget | None = None,
                 before: Callable[[], object] | None = None) -> None:
        """``before``: run first on the worker (the partner directory's examples, as
        `relais demo` loads them, so the demo's referrals name its entries)."""
        super().__init__(parent)
        self.lang, self.demo, self.tasks, self.on_done = lang, demo, tasks, on_done
        self.before = before
        tr = lang.tr
        self.setWindowTitle(tr("demo.window_title"))
        intro = QLabel(tr("demo.intro"))
        intro.setWordWrap(True)
        self.persons = QSpinBox()
        self.persons.setRange(1, 200_000)
        self.persons.setValue(1000)
        self.persons.setAccessibleName(tr("demo.persons"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 1_000_000)
        self.seed.setValue(1)
        self.seed.setAccessibleName(tr("demo.seed"))
        self.progress = QProgressBar()
        self.progress.hide()
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(tr("demo.persons"), self.persons)
        form.addRow(tr("demo.seed"), self.seed)
        # Our own button: Qt renames a relabelled standard Ok to "OK" on a language change.
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.generate_button = self.buttons.addButton(tr("demo.generate"),
                                                      QDialogButtonBox.ButtonRole.AcceptRole)
        self.generate_button.setDefault(True)
        self.buttons.accepted.connect(self._start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _start(self) -> None:
        count, seed = self.persons.value(), self.seed.value()
        self.buttons.setEnabled(False)
        self.progress.setRange(0, count)
        self.progress.setValue(0)
        self.progress.show()
        before, demo = self.before, self.demo

        def work(progress: Callable[[int, int], None]) -> int:
            if before is not None:
                before()
            return demo.generate(count, seed, progress)

        self.tasks.run(work, self._finished, self._failed, self._progressed)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setValue(done)

    def _finished(self, _made: int) -> None:
        self.on_done()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.progress.hide()
        self.error.show_message(error_text(self.lang, error))
