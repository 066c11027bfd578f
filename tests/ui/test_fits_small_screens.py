"""Every window and dialog, in all five languages, fits a 1366x768 laptop and the same laptop
at 125 % scaling (1093x614): it can be made that small, it opens no bigger than its screen,
no label or column header is cut and no form scrolls sideways (tests/ui/fits.py)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from desktop.core.enums import DraftKind, RetentionKind
from desktop.core.intake_input import HouseholdInput, PersonInput
from desktop.core.reference import reference_data
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.settings import Settings
from desktop.store.vault import Vault
from desktop.ui.case_window import CaseWindow
from desktop.ui.language import UiLanguage
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import TaskRunner
from tests.conftest import ADMIN_PASSWORD, FAST_KDF
from tests.exchange.test_import import FRENCH_CSV, write
from tests.ui.fits import fit_problems
from tests.ui.import_file import next_from_file
from tests.ui.test_case_window import register
from tests.ui.test_quick_intake import fill_mother

LANGUAGES = ("fr", "nl", "de", "en", "uk")
SCREENS = {"1366x768": QSize(1366, 768), "1093x614 (125 %)": QSize(1093, 614)}

# Windows whose files another engineer of issue 8 is changing: A (intake, member row), B
# (import). Temporary: the lead removes each entry once those branches are merged (a strict
# xfail fails as soon as the window fits).
OWNED_ELSEWHERE: dict[str, str] = {}


@dataclass
class Context:
    qtbot: object
    lang: UiLanguage
    services: Services
    vault: Vault
    paths: DataPaths
    tasks: TaskRunner
    tmp: Path

    def keep(self, widget: QWidget) -> QWidget:
        self.qtbot.addWidget(widget)
        widget.show()
        return widget

    def main(self) -> MainWindow:
        window = MainWindow(self.lang, self.services, Settings(), self.paths, self.tasks)
        return self.keep(window)


States = Iterator[tuple[str, QWidget]]


def main_window(ctx: Context) -> States:
    window = ctx.main()
    for index in range(window.sections.count()):
        window.sections.setCurrentIndex(index)
        yield window.sections.tabText(index), window
    window.lock()
    yield "locked", window
    window.unlock()
    window.hide()


def case_window(ctx: Context) -> States:
    window = ctx.main().open_case(_first_case(ctx))
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        yield window.tabs.tabText(index), window
    window.close()


def _first_case(ctx: Context) -> uuid.UUID:
    return uuid.UUID(hex=ctx.services.cases.ids("file_number", False, "", None)[0])


def _case(ctx: Context) -> CaseWindow:
    return ctx.keep(CaseWindow(ctx.lang, ctx.services, _first_case(ctx)))


def _kinds(dialog) -> States:
    for index in range(dialog.kind.count()):
        dialog.kind.setCurrentIndex(index)
        yield dialog.kind.currentText(), dialog
    dialog.kind.setCurrentIndex(0)
    dialog.preview()
    yield "preview", dialog


def documents(ctx: Context) -> States:
    yield from _kinds(_case(ctx).open_documents())


def forms(ctx: Context) -> States:
    yield from _kinds(ctx.main().open_forms())


def person_edit(ctx: Context) -> States:
    yield "", _case(ctx).open_person()


def merge(ctx: Context) -> States:
    dialog = _case(ctx).open_merge()
    yield "", dialog
    dialog.search.setText("o")  # many persons, with long names
    dialog.find()
    yield "found", dialog


def own_copy(ctx: Context) -> States:
    dialog = _case(ctx).open_own_copy()
    yield "", dialog
    dialog.folder.clear()
    dialog.make_copy()  # the folder is missing: said under the fields
    yield "folder missing", dialog


def partners(ctx: Context) -> States:
    dialog = ctx.main().open_partners()
    yield "empty", dialog
    if ctx.services.partners.is_empty():
        dialog.load_examples()
    dialog.browser.table.selectRow(0)
    yield "examples, one chosen", dialog
    editor = ctx.keep(dialog.edit())
    yield "edit", editor
    editor.unsaved.mark_saved()
    editor.reject()
    picker = ctx.keep(_case(ctx).referral.choose())
    yield "choose a partner", picker
    picker.reject()


def users(ctx: Context) -> States:
    dialog = ctx.main().open_users()
    yield "", dialog
    yield "add user", dialog.add_user()


def single(build: Callable[[Context, MainWindow], QWidget]) -> Callable[[Context], States]:
    def states(ctx: Context) -> States:
        yield "", build(ctx, ctx.main())

    return states


def setup_wizard(ctx: Context) -> States:
    from desktop.ui.setup_wizard import SetupWizard

    vault = Vault(DataPaths.portable(ctx.tmp / f"setup-{ctx.lang.code}"), kdf=FAST_KDF)
    wizard = ctx.keep(SetupWizard(ctx.lang, vault, reference_data()))
    yield "language", wizard
    wizard.next()
    yield "choice", wizard
    wizard.choice_page.join.setChecked(True)
    wizard.next()
    join = wizard.join_page
    join.server.setText("https://synchronisation.cpas-liege.example")
    join.code.setText("ABCD-EFGH-JKLM")
    join._running(True, "synchronisation.cpas-liege.example")
    join._progress(41_000, 100_000)
    yield "join", wizard
    join._running(False)
    wizard.back()
    wizard.choice_page.new.setChecked(True)
    wizard.next()
    page = wizard.organisation_page
    ctx.qtbot.keyClicks(page.search, "Luik")
    page.results.setCurrentRow(0)
    yield "organisation", wizard
    wizard.next()
    admin = wizard.admin_page
    for field, text in ((admin.username, "admin"), (admin.display_name, "Marie Dupont"),
                        (admin.password, ADMIN_PASSWORD), (admin.confirm, ADMIN_PASSWORD)):
        field.setText(text)
    yield "administrator", wizard
    wizard.next()
    yield "recovery", wizard
    wizard.close()


def login(ctx: Context) -> States:
    from desktop.ui.login import ChangePasswordDialog, LoginWindow, RecoveryDialog

    window = ctx.keep(LoginWindow(ctx.lang, ctx.vault, ctx.tasks, "admin", "CPAS de Liège"))
    yield "", window
    recovery = ctx.keep(RecoveryDialog(ctx.lang, ctx.vault, "admin", window))
    yield "recovery", recovery
    recovery.code.setText("7K3Q-M9XW-P2RT-H8VD-C4NJ-6FYB-L5GZ-A1SE")  # a code's shape
    yield "recovery, code typed", recovery
    yield "change password", ctx.keep(ChangePasswordDialog(ctx.lang, "admin",
                                                           lambda _password: None))


def intake_wizard(ctx: Context) -> States:
    wizard = ctx.main().open_intake()
    yield "members", wizard
    fill_mother(wizard.members_page.rows[0])
    wizard.next()
    yield "details", wizard
    wizard.next()
    yield "accommodation", wizard
    wizard.home_page.kind.setCurrentIndex(wizard.home_page.kind.findData("host_family"))
    yield "accommodation, host family", wizard
    wizard.next()
    yield "review", wizard


def import_wizard(ctx: Context) -> States:
    wizard = ctx.main().open_import()
    yield "file", wizard
    wizard.file_page.path.setText(str(write(ctx.tmp / "liste.csv", FRENCH_CSV)))
    next_from_file(ctx.qtbot, wizard)
    yield "mapping", wizard
    wizard.next()
    ctx.qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10_000)
    yield "report", wizard


def drafts(ctx: Context) -> States:
    ctx.services.drafts.save(DraftKind.QUICK_INTAKE, HouseholdInput(members=[PersonInput(
        surname_lat="Bondarenko-Shevchenko", given_name_lat="Oleksandra-Anastasiia")]))
    yield "", ctx.main().offer_drafts()


def retention(ctx: Context) -> States:
    dialog = ctx.main().open_retention()
    yield "rules", dialog
    dialog.enabled[RetentionKind.CLOSED_FILES].setChecked(True)
    dialog.after[RetentionKind.CLOSED_FILES].setValue(1)
    dialog.run_preview()
    ctx.qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    yield "preview", dialog


SCREEN_BUILDERS: dict[str, Callable[[Context], States]] = {
    "setup wizard": setup_wizard,
    "login": login,
    "main window": main_window,
    "case window": case_window,
    "documents": documents,
    "forms and reports": forms,
    "person edit": person_edit,
    "merge": merge,
    "own copy": own_copy,
    "users": users,
    "partners": partners,
    "settings": single(lambda _ctx, main: main.open_settings()),
    "demo": single(lambda _ctx, main: main.open_demo()),
    "export": single(lambda _ctx, main: main.open_export()),
    "transcription": single(lambda _ctx, main: main.open_transcription()),
    "quick intake": single(lambda _ctx, main: main.open_quick_intake()),
    "intake wizard": intake_wizard,
    "import wizard": import_wizard,
    "drafts": drafts,
    "retention": retention,
    "audit trail": single(lambda _ctx, main: main.open_audit()),
    "backups": single(lambda _ctx, main: main.open_backups()),
    "figures for the coordinator": single(lambda _ctx, main: main.open_figures()),
    "about": single(lambda _ctx, main: main.about()),
}


def _marks(name: str) -> list:
    if name in OWNED_ELSEWHERE:
        return [pytest.mark.xfail(reason=OWNED_ELSEWHERE[name], strict=True)]
    return []


@pytest.mark.parametrize("name", [pytest.param(name, marks=_marks(name))
                                  for name in SCREEN_BUILDERS])
def test_every_window_fits_small_screens_in_every_language(name, qtbot, qapp, services, vault,
                                                           paths, tasks, tmp_path):
    from desktop.ui.fonts import install_fonts

    install_fonts(qapp)
    services.demo.generate(12, seed=2)
    register(services)
    problems = []
    for code in LANGUAGES:
        lang = UiLanguage(code)  # windows built in this language, as after a login in it
        ctx = Context(qtbot, lang, services, vault, paths, tasks, tmp_path)
        for state, window in SCREEN_BUILDERS[name](ctx):
            for screen, size in SCREENS.items():
                problems += [f"{code} {state} {screen}: {problem}"
                             for problem in fit_problems(window, size)]
    assert not problems, "\n".join(problems)


def test_the_check_sees_cut_labels_squeezed_columns_and_sideways_forms(qtbot):
    from PySide6.QtWidgets import QLabel, QScrollArea, QTableWidget, QVBoxLayout

    window = QWidget()
    label = QLabel("Une étiquette bien trop longue pour sa place")
    label.setFixedWidth(40)
    columns = QTableWidget(1, 2)
    columns.setHorizontalHeaderLabels(["N° dossier", "Personnes"])
    columns.setColumnWidth(0, 200)
    columns.setColumnWidth(1, 20)
    form = QScrollArea()
    form.setWidget(QLabel("x" * 400))
    layout = QVBoxLayout(window)
    for widget in (label, columns, form):
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.resize(500, 400)
    window.show()
    problems = " | ".join(fit_problems(window, QSize(1093, 614)))
    assert "label 'Une étiquette" in problems
    assert "column 'Personnes'" in problems and "column 'N° dossier'" not in problems
    assert "QScrollArea" in problems and "scrolls sideways" in problems
