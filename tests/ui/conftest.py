import pytest

from desktop.services import Services
from desktop.settings import Settings
from desktop.ui.language import UiLanguage
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import TaskRunner


@pytest.fixture
def lang(qapp):
    from desktop.ui.fonts import install_fonts

    install_fonts(qapp)
    return UiLanguage("fr")


@pytest.fixture
def tasks():
    runner = TaskRunner()
    yield runner
    runner.wait()


@pytest.fixture
def make_main(qtbot, lang, paths, tasks):
    def make(services: Services, settings: Settings | None = None) -> MainWindow:
        window = MainWindow(lang, services, settings or Settings(), paths, tasks)
        qtbot.addWidget(window)
        window.show()
        # The worklists are read off the GUI thread: a test starts once they are shown.
        qtbot.waitUntil(lambda: bool(window.home.boxes), timeout=10_000)
        return window

    return make
