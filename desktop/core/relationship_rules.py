"""Ages that fit the relationships of a household, measured against its head. What cannot
be (a child born before the head, a parent born after) blocks like any other problem; what
is only odd (a child 8 years younger than the head, a head aged 3) is a warning: said next
to the birth date, never in the way of registering. Dates known only to the month or the
year count as the whole period, so nothing is called impossible that might be true."""

from __future__ import annotations

import calendar
from datetime import date

from desktop.core.dates import age_on, parse_partial
from desktop.core.enums import DatePrecision, Relationship
from desktop.core.errors import ValidationError
from desktop.core.intake_input import HouseholdInput

PARENT_GAP_YEARS = 14  # the gap the import uses to take a member for the head's child
ADULT = 18

# Born before the head (an ascendant) or after (a descendant): the other way is impossible.
OLDER = {Relationship.PARENT: "intake.parent_younger_than_head",
         Relationship.GRANDPARENT: "intake.grandparent_younger_than_head"}
YOUNGER = {Relationship.CHILD: "intake.child_older_than_head",
           Relationship.GRANDCHILD: "intake.grandchild_older_than_head"}


def birth_span(text: str) -> tuple[date, date] | None:
    """Earliest and latest day a typed birth date may mean; None when empty or unreadable
    (said elsewhere)."""
    try:
        start, precision = parse_partial(text) if text.strip() else (None, None)
    except ValidationError:
        return None
    if start is None:
        return None
    if precision == DatePrecision.YEAR:
        return start, date(start.year, 12, 31)
    if precision == DatePrecision.MONTH:
        return start, date(start.year, start.month,
                           calendar.monthrange(start.year, start.month)[1])
    return start, start


def relationship_checks(household: HouseholdInput, today: date) -> tuple[list, list]:
    """(impossible, odd) as Problems on each member's birth date."""
    from desktop.core.intake_rules import Problem  # intake_rules imports this module

    heads = [i for i, m in enumerate(household.members) if m.relationship == Relationship.HEAD]
    if len(heads) != 1:
        return [], []  # "one head" is said already
    head_index = heads[0]
    head = birth_span(household.members[head_index].birth_date)
    if head is None:
        return [], []
    impossible: list[Problem] = []
    odd: list[Problem] = []

    def field(index: int) -> str:
        return f"members.{index}.birth_date"

    head_age = age_on(head[1], today)  # the youngest the head may be
    if head_age < ADULT:
        odd.append(Problem(field(head_index), "intake.head_minor", {"n": head_age}, True))
    for index, member in enumerate(household.members):
        born = birth_span(member.birth_date)
        relationship = Relationship(member.relationship) if member.relationship in \
            Relationship._value2member_map_ else Relationship.OTHER
        if born is None or index == head_index:
            continue
        if relationship in OLDER and born[0] >= head[1]:
            impossible.append(Problem(field(index), OLDER[relationship]))
        elif relationship in YOUNGER and born[1] <= head[0]:
            impossible.append(Problem(field(index), YOUNGER[relationship]))
        elif relationship == Relationship.CHILD and _gap(head[0], born[0]) < PARENT_GAP_YEARS:
            odd.append(Problem(field(index), "intake.child_close_in_age",
                               {"n": max(0, _gap(head[0], born[0]))}, True))
        elif relationship == Relationship.PARENT and _gap(born[0], head[0]) < PARENT_GAP_YEARS:
            odd.append(Problem(field(index), "intake.parent_close_in_age",
                               {"n": max(0, _gap(born[0], head[0]))}, True))
        elif relationship == Relationship.SPOUSE and age_on(born[1], today) < ADULT:
            odd.append(Problem(field(index), "intake.spouse_minor",
                               {"n": age_on(born[1], today)}, True))
    return impossible, odd


def _gap(earlier: date, later: date) -> int:
    """Whole years from one birth to the other (negative when the order is reversed)."""
    return age_on(earlier, later) if later >= earlier else -age_on(later, earlier)
