"""Small-cell suppression for one table: primary (a count of 1 to 4 is hidden) and
secondary, so that no hidden cell can be worked out from the totals the table publishes.

A table is a grid of true counts with its published totals around it: a total row (column
totals and, in its corner, the grand total) and, for two-way tables, a total column (row
totals). Every row and column with its total is an equation an attacker can use. The
secondary step (the classic one of statistical offices) suppresses a second cell wherever
a row or column, totals included, hides exactly one entry; then, because a pattern where
every line hides two entries can still be solved by combining lines, it checks the whole
system by exact Gaussian elimination and suppresses more until no hidden entry is
determined. Cells known from another table (``fixed``: the grand total, which the
month's overview shows) are never chosen as second cells, so hiding them here would not
help and is not relied upon."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from figures.schema import SUPPRESS_UNDER

Cell = tuple[int, int]


@dataclass
class Grid:
    """Counts with their totals: ``values[i][j]`` for i < rows, j < columns are the body;
    row index ``rows`` is the total row (when ``column_totals``), column index ``columns``
    the total column (when ``row_totals``)."""

    values: list[list[int]]
    rows: int
    columns: int
    column_totals: bool
    row_totals: bool

    def lines(self) -> list[list[Cell]]:
        """Each published equation as its cells; the last cell of a line is its total."""
        out: list[list[Cell]] = []
        body_rows = range(self.rows + (1 if self.column_totals else 0))
        if self.row_totals:
            out += [[(i, j) for j in range(self.columns + 1)] for i in body_rows]
        if self.column_totals:
            width = self.columns + (1 if self.row_totals else 0)
            out += [[(i, j) for i in range(self.rows + 1)] for j in range(width)]
        return out

    def cells(self) -> list[Cell]:
        return [(i, j) for i in range(len(self.values)) for j in range(len(self.values[i]))]

    def fixed(self) -> set[Cell]:
        """Totals another table publishes in full: the grand total; in a table without row
        totals, every column total (each is a grand total of its own measure)."""
        if not self.column_totals:
            return set()
        if self.row_totals:
            return {(self.rows, self.columns)}
        return {(self.rows, j) for j in range(self.columns)}


def with_totals(body: Sequence[Sequence[int]], width: int, column_totals: bool,
                row_totals: bool) -> Grid:
    rows = [list(row) for row in body]
    if row_totals:
        rows = [[*row, sum(row)] for row in rows]
    if column_totals:
        full = width + (1 if row_totals else 0)
        rows.append([sum(row[j] for row in rows) for j in range(full)])
    return Grid(rows, len(body), width, column_totals, row_totals)


def suppress(grid: Grid) -> set[Cell]:
    """The cells to hide: primary, then secondary until no hidden cell is determined."""
    value = {cell: grid.values[cell[0]][cell[1]] for cell in grid.cells()}
    hidden = {cell for cell, v in value.items() if 0 < v < SUPPRESS_UNDER}
    if not hidden:
        return hidden
    lines, fixed = grid.lines(), grid.fixed()
    while True:
        single = next((line for line in lines
                       if sum(cell in hidden for cell in line) == 1), None)
        if single is None:
            exposed = determined(lines, hidden)
            if not exposed:
                return hidden
            cell = min(exposed)
            single = next(line for line in lines if cell in line
                          and _second_cell(line, hidden, value, fixed) is not None)
        second = _second_cell(single, hidden, value, fixed)
        if second is None:  # every other entry of the line is hidden: cannot happen
            return hidden
        hidden.add(second)


def _second_cell(line: Iterable[Cell], hidden: set[Cell], value: dict[Cell, int],
                 fixed: set[Cell]) -> Cell | None:
    """The smallest non-zero visible count of the line (a zero beside a small count would
    give it away, as counts are never negative); a zero, then a fixed total, if need be."""
    free = [c for c in line if c not in hidden]
    for group in ([c for c in free if c not in fixed and value[c] > 0],
                  [c for c in free if c not in fixed], free):
        if group:
            return min(group, key=lambda c: (value[c], c))
    return None


def determined(lines: list[list[Cell]], hidden: set[Cell]) -> set[Cell]:
    """Hidden cells whose value follows from the published lines (exact elimination over
    the hidden cells' coefficients: a cell is determined when some combination of lines
    holds it alone)."""
    unknowns = sorted(hidden)
    index = {cell: k for k, cell in enumerate(unknowns)}
    matrix: list[list[Fraction]] = []
    for line in lines:
        row = [Fraction(0)] * len(unknowns)
        for cell in line[:-1]:
            if cell in index:
                row[index[cell]] += 1
        if line[-1] in index:
            row[index[line[-1]]] -= 1
        if any(row):
            matrix.append(row)
    reduced = _rref(matrix, len(unknowns))
    return {unknowns[next(k for k, x in enumerate(row) if x)] for row in reduced
            if sum(1 for x in row if x) == 1}


def _rref(matrix: list[list[Fraction]], width: int) -> list[list[Fraction]]:
    rows, pivot_row = [r[:] for r in matrix], 0
    for column in range(width):
        pivot = next((r for r in range(pivot_row, len(rows)) if rows[r][column]), None)
        if pivot is None:
            continue
        rows[pivot_row], rows[pivot] = rows[pivot], rows[pivot_row]
        lead = rows[pivot_row][column]
        rows[pivot_row] = [x / lead for x in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][column]:
                factor = rows[r][column]
                rows[r] = [x - factor * y for x, y in zip(rows[r], rows[pivot_row],
                                                          strict=True)]
        pivot_row += 1
    return rows[:pivot_row]


def shown(grid: Grid, hidden: set[Cell]) -> list[list[int | None]]:
    return [[None if (i, j) in hidden else v for j, v in enumerate(row)]
            for i, row in enumerate(grid.values)]
