"""An attacker of published tables: what can be worked out of the hidden cells from the
visible ones and the totals. Written apart from figures.suppression on purpose."""

from __future__ import annotations

from collections.abc import Iterator


def equations(shown: list[list[int | None]], rows: int, columns: int, column_totals: bool,
              row_totals: bool) -> list[tuple[list[tuple[int, int]], tuple[int, int]]]:
    """(addends, total) for every published sum."""
    out = []
    if row_totals:
        for i in range(rows + (1 if column_totals else 0)):
            out.append(([(i, j) for j in range(columns)], (i, columns)))
    if column_totals:
        for j in range(columns + (1 if row_totals else 0)):
            out.append(([(i, j) for i in range(rows)], (rows, j)))
    return out


def by_differencing(shown, rows, columns, column_totals, row_totals) -> dict:
    """Repeat: any sum with one unknown left gives it (a month's total minus the visible
    cells). Returns what was recovered."""
    known = {(i, j): v for i, row in enumerate(shown) for j, v in enumerate(row)
             if v is not None}
    recovered = {}
    sums = equations(shown, rows, columns, column_totals, row_totals)
    progress = True
    while progress:
        progress = False
        for addends, total in sums:
            cells = [*addends, total]
            unknown = [c for c in cells if c not in known]
            if len(unknown) != 1:
                continue
            cell = unknown[0]
            rest = sum(known[c] for c in addends if c != cell)
            known[cell] = known[total] - rest if cell != total else rest
            recovered[cell] = known[cell]
            progress = True
    return recovered


def possible_values(shown, rows, columns, column_totals, row_totals,
                    ceiling: int) -> dict[tuple[int, int], set[int]]:
    """Every value each hidden cell can take (0..ceiling) in some completion that agrees
    with all published sums: exhaustive, for small tables."""
    hidden = [(i, j) for i, row in enumerate(shown) for j, v in enumerate(row) if v is None]
    sums = equations(shown, rows, columns, column_totals, row_totals)
    seen: dict[tuple[int, int], set[int]] = {cell: set() for cell in hidden}

    def consistent(values: dict, final: bool) -> bool:
        for addends, total in sums:
            cells = [*addends, total]
            if all(c in values or shown[c[0]][c[1]] is not None for c in cells):
                got = {c: values.get(c, shown[c[0]][c[1]]) for c in cells}
                if sum(got[c] for c in addends) != got[total]:
                    return False
            elif not final and all(c in values or shown[c[0]][c[1]] is not None
                                   for c in [total]):
                got_total = values.get(total, shown[total[0]][total[1]])
                partial = sum(values.get(c, shown[c[0]][c[1]]) or 0 for c in addends
                              if c in values or shown[c[0]][c[1]] is not None)
                if partial > got_total:
                    return False
        return True

    def walk(k: int, values: dict) -> Iterator[dict]:
        if k == len(hidden):
            if consistent(values, True):
                yield dict(values)
            return
        for v in range(ceiling + 1):
            values[hidden[k]] = v
            if consistent(values, False):
                yield from walk(k + 1, values)
            del values[hidden[k]]

    for solution in walk(0, {}):
        for cell, v in solution.items():
            seen[cell].add(v)
    return seen
