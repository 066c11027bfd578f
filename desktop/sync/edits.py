"""Hearing about local edits: a unit-of-work observer that calls back once the transaction
that changed a synced record has committed (the window then plans a sync and recounts what
waits to go). Any thread may commit; the callback runs in that thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

from desktop.core.roles import Actor
from desktop.core.uow import _ATTACHED, Change, attach_observer
from desktop.sync.entities import model_of
from desktop.sync.outbox import OPS

_FLAG = "relais_edit_notice"


class EditNotice:
    """Calls every listener after a commit that changed a synced record (a login, a view,
    a draft change nothing the central holds: no call)."""

    def __init__(self) -> None:
        self.listeners: list[Callable[[], None]] = []

    def before_commit(self, session: Session, actor: Actor, changes: Sequence[Change]) -> None:
        synced = any(OPS.get(c.action) and c.entity_id is not None and model_of(c.entity)
                     for c in changes)
        if not synced or session.info.get(_FLAG):
            return
        session.info[_FLAG] = True  # a long import checkpoints often: one call per commit
        event.listen(session, "after_commit", self._committed, once=True)

    def _committed(self, session: Session) -> None:
        session.info.pop(_FLAG, None)
        for listener in list(self.listeners):
            listener()


def listen_for_edits(engine: Engine, listener: Callable[[], None]) -> Callable[[], None]:
    """Call ``listener`` after each committed local edit on ``engine``; returns the way to
    stop listening."""
    attach_observer(engine, EditNotice())
    notice = next(o for o in _ATTACHED[engine] if isinstance(o, EditNotice))
    notice.listeners.append(listener)

    def stop() -> None:
        if listener in notice.listeners:
            notice.listeners.remove(listener)

    return stop
