"""Many rows into one table with one driver-level ``executemany``.

SQLAlchemy's Core insert builds and processes a parameter dictionary per row: at a first
pull (600,000 rows for 100,000 persons) that bookkeeping costs more than SQLite's own work.
Here each column's bind processor (the one SQLAlchemy would use, so what is stored is the
same) is looked up once per call and applied in a plain loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Connection


def insert_many(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (column name → Python value). The columns are those any row names;
    a row without one of them gets the column's scalar default, else NULL."""
    if not rows:
        return
    dialect = connection.dialect
    columns = list(table.columns)
    if dialect.name != "sqlite":  # other backends keep Core's path (and its paramstyle)
        connection.execute(table.insert(), list(rows))
        return
    named = set().union(*rows)  # every key of every row, at C speed
    columns = [column for column in columns if column.name in named]
    names = [column.name for column in columns]
    processors = [column.type._cached_bind_processor(dialect) for column in columns]
    fallback = {column.name: column.default.arg for column in columns
                if column.default is not None and column.default.is_scalar}
    quote = dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(name) for name in names)}) "
           f"VALUES ({', '.join('?' for _ in names)})")
    # Column by column: one tight loop per column is several times faster than a tuple
    # built value by value per row.
    values_by_column = []
    for process, values in zip(processors, _columns(rows, names, fallback), strict=True):
        if process is not None:
            values = _processed(values, process)
        values_by_column.append(values)
    params = list(zip(*values_by_column, strict=True))
    connection.exec_driver_sql(sql, params)


def _columns(rows: Sequence[dict[str, Any]], names: list[str],
             fallback: dict[str, Any]) -> list[Sequence[Any]]:
    """The rows' values column by column. Rows that name every column (the unit of work's
    always do) are read by one C-level getter per row, not a lookup per value."""
    getter = itemgetter(*names)
    try:
        tuples = list(map(getter, rows))
    except KeyError:  # some rows leave a column out: its default, else NULL
        return [[row.get(name, fallback.get(name)) for row in rows] for name in names]
    if len(names) == 1:
        return [tuples]
    return list(zip(*tuples, strict=True))


def _processed(values: Sequence[Any], process: Any) -> list[Any]:
    """Bind-processed values. A column that holds one value in every row (the unit of
    work's time stamp, the author) is processed once, not once per row."""
    first = values[0]
    if first is not None and first is values[-1] and values.count(first) == len(values):
        return [process(first)] * len(values)
    return [None if value is None else process(value) for value in values]
