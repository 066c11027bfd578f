"""SQLite's write lock, taken when a write begins.

Several Relais processes may share one database (the window, a CLI import, a demo). SQLite
lets one of them write at a time. A write that first reads (the last file number) and only
then asks for the lock can act on a value another process is changing: so every unit of work
takes the lock with ``BEGIN IMMEDIATE`` before its first read, and waits for it up to the
connection's busy timeout (``store/engine.py``). Reads never take it (WAL: readers never wait).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from desktop.core.errors import RelaisError

# Set in ``Session.info`` once the session's transaction holds the write lock.
HOLDS_WRITE_LOCK = "holds_write_lock"


def take_write_lock(connection: Connection) -> None:
    """Begin the connection's transaction as a writer (waiting for the lock), unless the
    driver already began one. pysqlite commits or rolls it back like its own."""
    dbapi = connection.connection.dbapi_connection
    if dbapi is not None and not dbapi.in_transaction:  # type: ignore[attr-defined]
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def begin_writing(session: Session, wait: bool = True) -> None:
    """Take the lock for ``session``'s transaction; a lock that does not come in time (at
    once, without ``wait``) is a RelaisError ('store.busy'), and nothing was written."""
    connection = session.connection()
    try:
        if wait:
            take_write_lock(connection)
        else:
            waited = connection.exec_driver_sql("PRAGMA busy_timeout").scalar_one()
            connection.exec_driver_sql("PRAGMA busy_timeout = 0")
            try:
                take_write_lock(connection)
            finally:
                connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(waited)}")
    except OperationalError as error:
        raise busy_or(error) from error
    session.info[HOLDS_WRITE_LOCK] = True


def require_write_lock(session: Session) -> None:
    """For what reads a value and writes from it (the next file number): without the lock,
    another process could take the same value between the read and the write."""
    if not session.info.get(HOLDS_WRITE_LOCK):
        raise RuntimeError("needs the write lock: call it inside a UnitOfWork")


def is_busy(error: OperationalError) -> bool:
    text = str(error.orig).lower()
    return "database is locked" in text or "database is busy" in text


def busy_or(error: OperationalError) -> Exception:
    """'Another Relais is writing' for a lock that did not come in time, else the error."""
    return RelaisError("store.busy") if is_busy(error) else error


@contextmanager
def locked_session(engine: Engine) -> Iterator[Session]:
    """A session for what is written outside the unit of work (drafts: not audited, not
    synced), under the same lock and with the same message when it does not come. Commits
    when the block ends without an error."""
    with Session(engine, expire_on_commit=False) as session:
        begin_writing(session)
        try:
            yield session
            session.commit()
        except OperationalError as error:
            session.rollback()
            raise busy_or(error) from error
