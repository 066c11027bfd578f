"""The central's migrations build the schema its models describe, with the indexes its
queries need (a query that reads a whole organisation per batch costs the square of an
enrolment)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from central import models as m
from central.db import make_engine, upgrade


def test_the_migrations_build_what_the_models_describe(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    upgrade(engine)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), m.metadata) == []
    engine.dispose()


def test_a_push_reads_its_records_by_id_through_an_index(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    upgrade(engine)
    with engine.connect() as connection:
        plan = " ".join(str(row[-1]) for row in connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT entity, id, version, \"values\" FROM record "
            "WHERE organisation_id = 1 AND id IN ('a', 'b')"))
    engine.dispose()
    assert "ix_record_org_id" in plan, plan


def test_statistics_are_refreshed_after_many_changes_on_postgresql(central):
    """An enrolment outruns autovacuum: the plans made for an empty table would read the
    whole organisation for every batch."""
    from sqlalchemy import text

    from central.db import Statistics

    engine = central.engine
    statistics = Statistics(engine, every=3)

    def analysed() -> object:
        with engine.connect() as connection:
            return connection.execute(text(
                "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'change'"
            )).scalar() if engine.dialect.name == "postgresql" else None

    before = analysed()
    statistics.wrote(2)
    assert analysed() == before
    statistics.wrote(2)  # past the threshold
    if engine.dialect.name == "postgresql":
        assert analysed() is not None and analysed() != before
