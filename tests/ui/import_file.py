"""Next on the import wizard's file page: the file is read in the background, and the wizard
moves on (or says why not) when it is read."""

from __future__ import annotations


def next_from_file(qtbot, wizard) -> None:
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.file_page.reading, timeout=10_000)
    qtbot.wait(1)  # the move to the next page, queued behind the result
