"""The status bar keeps the number of case files and the signed-in user apart."""

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QFrame

from desktop.settings import Settings
from desktop.ui.status_bar import elide_words
from tests.ui.test_case_window import register


def test_the_count_and_the_user_are_told_apart(qtbot, make_main, services, lang):
    register(services)
    window = make_main(services)
    lang.set_language("de")
    assert window.status.count_label.text() == "1 von 1 Akte"
    assert window.status.user_label.text() == "Benutzer: admin (Administrator/in)"
    bar = window.statusBar()
    between = window.status.separator
    assert isinstance(between, QFrame) and between.frameShape() == QFrame.Shape.VLine
    assert between.isVisible()
    left = window.status.count_label.geometry().right()
    right = window.status.user_label.geometry().left()
    assert left < between.geometry().center().x() < right
    bar.grab().save("/tmp/J-status.png")


def _whole_words_of(shown: str, wordings: list[str]) -> bool:
    """``shown`` is one of the wordings, or the first whole words of one followed by "…"."""
    if shown in wordings:
        return True
    if not shown.endswith("…"):
        return False
    kept = shown[:-1]
    return any(w.startswith(kept) and (len(w) == len(kept) or not w[len(kept)].isalnum())
               for w in wordings)


@pytest.mark.parametrize("code", ["fr", "nl", "de", "en", "uk"])
def test_the_sync_state_gives_way_by_whole_words_on_a_small_laptop(qtbot, make_main,
                                                                   services, lang, code):
    register(services)
    window = make_main(services)
    lang.set_language(code)
    tr = lang.tr
    wordings = [tr("status.sync_not_configured"), tr("status.sync_not_configured_short")]
    label = window.status.sync_label
    # 1093x614 is 1366x768 at 125 %; narrower still, as a window beside another.
    for width in (1093, 1000, 800, 700):
        window.resize(width, 614)
        qtbot.waitUntil(lambda w=width: window.width() == w)
        qtbot.waitUntil(lambda w=width: label.width() < w)
        shown = label.text()
        assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
        assert _whole_words_of(shown, wordings), shown
        assert label.toolTip() == ("" if shown == wordings[0] else wordings[0])
    window.grab().save(f"/tmp/N-status-{code}.png")


def test_a_long_sentence_drops_whole_words_and_says_so():
    def fits(text: str) -> bool:
        return len(text) <= 40

    full = "Synchronisierung: nicht eingerichtet — offline auf diesem Computer"
    assert elide_words(full, fits) == "Synchronisierung: nicht eingerichtet…"
    assert elide_words("short", fits) == "short"
    assert elide_words("Unbreakablewordthatisfartoolongforthebar here", fits) == "…"


def test_a_message_takes_the_sync_place_for_a_while_then_gives_it_back(qtbot, make_main,
                                                                      services, lang):
    # a machine backed up today: no backup warning shares the bar (test_backups_dialog)
    window = make_main(services, Settings(last_backup_at=datetime.now(UTC).isoformat()))
    lang.set_language("de")
    window.resize(700, 614)
    qtbot.waitUntil(lambda: window.width() == 700)
    long = "Die Einstellungen konnten nicht gespeichert werden: " * 3
    window.status.say(long.strip(), 60_000)
    label = window.status.sync_label
    assert label.text().endswith("…") and label.toolTip() == long.strip()
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
    window.status.message_timer.timeout.emit()  # the message's time is up
    assert label.text() == "Offline, keine Synchronisierung"
