"""Small cells are hidden, and no hidden cell can be worked out from what is shown: we try,
by differencing (a total minus the visible cells, repeated) and, on small tables, by
trying every completion that agrees with the published totals."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from figures.suppression import shown, suppress, with_totals
from tests.figures.attack import by_differencing, possible_values


def publish(body, column_totals=True, row_totals=True):
    grid = with_totals(body, len(body[0]), column_totals, row_totals)
    hidden = suppress(grid)
    return grid, shown(grid, hidden)


def test_a_count_under_five_is_hidden_and_zero_and_five_are_shown():
    _grid, table = publish([[0], [4], [3], [5], [30]], row_totals=False)
    assert table == [[0], [None], [None], [5], [30], [42]]


def test_a_lone_small_cell_in_a_column_takes_a_second_cell_with_it():
    # 4 hidden alone: the total 39 minus 5 and 30 would give it back.
    _grid, table = publish([[4], [5], [30]], row_totals=False)
    assert table == [[None], [None], [30], [39]]
    assert by_differencing(table, 3, 1, True, False) == {}


def test_the_second_cell_is_never_a_zero_beside_the_small_one():
    # Hiding 0 with 3 would leave "two cells that add to 3, one of them at least 1".
    _grid, table = publish([[3], [0], [9]], row_totals=False)
    assert table[1][0] == 0 and table[0][0] is None and table[2][0] is None


def test_a_two_way_table_hides_a_rectangle_not_a_single_cell():
    body = [[12, 3, 20], [15, 18, 25], [30, 40, 9]]
    _grid, table = publish(body)
    hidden = [(i, j) for i, row in enumerate(table) for j, v in enumerate(row) if v is None]
    assert (0, 1) in hidden and len(hidden) >= 4
    assert by_differencing(table, 3, 3, True, True) == {}
    values = possible_values(table, 3, 3, True, True, ceiling=40)
    assert all(len(v) > 1 for v in values.values()), values


def test_the_grand_total_shown_elsewhere_is_never_hidden_to_protect_a_cell():
    _grid, table = publish([[2, 10], [10, 10]])
    assert table[2][2] == 32


def test_solving_the_whole_system_finds_nothing_where_every_line_hides_two():
    # A bridge: two hidden rectangles joined by one cell in between. Every line hides two
    # entries, yet the joining cell would follow from the lines combined.
    body = [[1, 50, 50, 50], [50, 50, 50, 50], [50, 50, 1, 50], [50, 50, 50, 50]]
    _grid, table = publish(body)
    assert by_differencing(table, 4, 4, True, True) == {}


small_tables = st.integers(1, 3).flatmap(lambda rows: st.integers(1, 3).flatmap(
    lambda columns: st.lists(st.lists(st.sampled_from([0, 1, 2, 3, 4, 5, 6, 9]),
                                      min_size=columns, max_size=columns),
                             min_size=rows, max_size=rows)))


@settings(max_examples=120, deadline=None)
@given(small_tables, st.booleans())
def test_no_completion_of_a_small_table_pins_a_hidden_cell(body, two_way):
    rows, columns = len(body), len(body[0])
    row_totals = two_way and columns > 1
    grid, table = publish(body, True, row_totals)
    assert all(v is None or not 0 < v < 5 for row in table for v in row)
    assert by_differencing(table, rows, columns, True, row_totals) == {}
    hidden = sum(v is None for row in table for v in row)
    if 0 < hidden <= 6:
        values = possible_values(table, rows, columns, True, row_totals,
                                 ceiling=max(max(r) for r in grid.values))
        pinned = {cell: v for cell, v in values.items() if len(v) == 1}
        assert pinned == {}, (body, table)


large_tables = st.integers(2, 9).flatmap(lambda rows: st.integers(1, 6).flatmap(
    lambda columns: st.lists(st.lists(st.integers(0, 40), min_size=columns,
                                      max_size=columns), min_size=rows, max_size=rows)))


@settings(max_examples=200, deadline=None)
@given(large_tables)
def test_differencing_recovers_nothing_from_a_larger_table(body):
    rows, columns = len(body), len(body[0])
    _grid, table = publish(body, True, columns > 1)
    assert by_differencing(table, rows, columns, True, columns > 1) == {}
    for i, row in enumerate(body):
        for j, v in enumerate(row):
            assert table[i][j] in (None, v)
            if 0 < v < 5:
                assert table[i][j] is None


def test_a_municipality_with_few_files_is_not_named_but_counted_with_the_others():
    from figures.document import pool_small_places

    rows, body = pool_small_places(["25005", "25014", "25015", "unknown"],
                                   [[30, 12, 12, 1], [3, 2, 2, 0], [9, 5, 5, 0], [1, 1, 1, 0]])
    assert rows == ["25005", "25015", "other"]
    assert body[-1] == [4, 3, 3, 0]
