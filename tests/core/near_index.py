"""What the near-spelling tables must hold, recomputed in Python from the name index rows:
shared by the tests of every path that changes names."""

from collections import Counter

from sqlalchemy.engine import Engine

from desktop.core.name_index import MIN_FUZZY_LENGTH, _deletions


def expected_and_held(engine: Engine) -> tuple[tuple[dict, set], tuple[dict, set]]:
    """((forms, deletions) recomputed from person_name_key, (forms, deletions) held)."""
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT form, normal, key FROM person_name_key").all()
        held_forms = {form: (normal, key, count) for form, normal, key, count in
                      connection.exec_driver_sql(
                          "SELECT form, normal, key, rows FROM name_form")}
        held_deletions = set(map(tuple, connection.exec_driver_sql(
            "SELECT deletion, variant FROM name_deletion")))
    counts = Counter(form for form, _, _ in rows)
    forms = {form: (normal, key, counts[form]) for form, normal, key in rows}
    deletions = {(deleted, variant) for form, (normal, _, _) in forms.items()
                 for variant in {form, normal} if len(variant) >= MIN_FUZZY_LENGTH
                 for deleted in _deletions(variant)}
    return (forms, deletions), (held_forms, held_deletions)


def assert_in_step(engine: Engine) -> None:
    expected, held = expected_and_held(engine)
    assert held[0] == expected[0]
    assert held[1] == expected[1]
