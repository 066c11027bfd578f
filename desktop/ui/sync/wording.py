"""The words of the sync status, shared by the status bar button and the sync panel."""

from __future__ import annotations

from datetime import datetime

from desktop.core.date_text import display_moment
from desktop.sync.schedule import Phase, Snapshot, phase
from desktop.ui.language import UiLanguage


def when(lang: UiLanguage, moment: datetime) -> str:
    """A moment as the person's language writes it, in local time: the time alone today,
    the date and time before."""
    local = moment.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return f"{local:%H:%M}"
    return display_moment(local, lang.code)  # days as everywhere else in Relais


def state_text(lang: UiLanguage, snapshot: Snapshot) -> str:
    """The phase in a few words ("Up to date (14:32)", "Offline", …)."""
    tr = lang.tr
    shown = phase(snapshot)
    last = when(lang, snapshot.last_success) if snapshot.last_success else None
    if shown == Phase.SYNCING:
        return tr("sync.state.syncing")
    if shown == Phase.UP_TO_DATE:
        return tr("sync.state.up_to_date", time=last or "—")
    if shown == Phase.OFFLINE:
        return tr("sync.state.offline_since", time=last) if last else tr("sync.state.offline")
    if shown == Phase.PROBLEM:
        return _conflicts_only(lang, snapshot) or tr("sync.state.problem")
    return tr("sync.state.last_sync", time=last) if last else tr("sync.state.never")


def status_text(lang: UiLanguage, snapshot: Snapshot) -> str:
    """The phase and, when changes wait to go, how many."""
    text = state_text(lang, snapshot)
    if snapshot.pending:
        text += " · " + lang.tr.plural("sync.state.pending", snapshot.pending)
    return text


def short_text(lang: UiLanguage, snapshot: Snapshot) -> str:
    """The same in fewer words, for a narrow window ("Offline · 3 waiting")."""
    tr = lang.tr
    text = _conflicts_only(lang, snapshot) or tr(f"sync.short.{phase(snapshot).value}")
    if snapshot.pending:
        text += " · " + tr.plural("sync.short.pending", snapshot.pending)
    return text


def _conflicts_only(lang: UiLanguage, snapshot: Snapshot) -> str | None:
    """Sync works and only a person's choice is awaited: say that ("1 conflict to
    resolve", the case badge's words), not "Sync problem" beside "Problems: 0"."""
    if phase(snapshot) != Phase.PROBLEM or snapshot.error or snapshot.problems:
        return None
    return lang.tr.plural("cases.conflicts", snapshot.conflicts)
