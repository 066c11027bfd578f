"""Engines for SQLite (embedded, the default) and PostgreSQL, and the schema migrations."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import platformdirs
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_MS = 30_000


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("relais-central"))


def database_url(data_dir: str | Path | None, db: str | None) -> str:
    """--db wins; otherwise an SQLite file in --data-dir (or the platform's data folder)."""
    if db:
        return db
    folder = Path(data_dir) if data_dir else default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'central.sqlite3'}"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    # No server-side prepared statements: a generic plan, made once while the tables were
    # small, read a whole organisation per batch to find 500 change ids (2 s a batch at
    # 140,000 changes, against 23 ms planned with the values).
    return create_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True,
                         connect_args={"prepare_threshold": None})


class Statistics:
    """PostgreSQL plans from table statistics that autovacuum refreshes at its own pace: an
    enrolment writing hundreds of thousands of records outruns it, and the plans made for
    an empty table then scan the whole organisation for every batch. So the statistics of
    the tables a push reads are refreshed after every ``every`` changes written here."""

    def __init__(self, engine: Engine, every: int = 50_000) -> None:
        self.engine, self.every = engine, every
        self.written = 0
        self._lock = threading.Lock()

    def wrote(self, changes: int) -> None:
        if self.engine.dialect.name != "postgresql":
            return  # SQLite plans without statistics unless asked to keep them
        with self._lock:
            self.written += changes
            if self.written < self.every:
                return
            self.written = 0
        with self.engine.connect() as connection:
            connection.execute(text("ANALYZE record, change"))
            connection.commit()


def _sqlite_engine(url: str) -> Engine:
    # pysqlite's own transaction handling is switched off so that a writer can BEGIN
    # IMMEDIATE: the write lock is then taken up front, never upgraded mid-transaction
    # (which deadlocks two writers), and writers are serialised by SQLite itself.
    engine = create_engine(url, connect_args={"isolation_level": None,
                                              "check_same_thread": False,
                                              "timeout": SQLITE_BUSY_MS / 1000})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")  # WAL: durable at checkpoint, safe
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        write = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def write_connection(engine: Engine) -> Connection:
    """A connection whose transactions write (BEGIN IMMEDIATE on SQLite)."""
    return engine.connect().execution_options(write=True)


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema (the same scripts for both backends)."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with write_connection(engine) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.commit()


def utcnow() -> datetime:
    """Naive UTC: what both backends store in a plain DateTime column."""
    return datetime.now(UTC).replace(tzinfo=None)
