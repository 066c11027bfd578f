"""Which household members' data a person's copy carries beyond their name.

The household is the person's own data (who they live with, their relationship), so every
member is named with their relationship. Beyond that, other people's data is theirs
(GDPR art. 15(4)): another adult's birth date, documents, needs or number are left out,
and that adult may ask for a copy of their own. A minor child's data is in the copy of the
adult who exercises the child's rights for them: the head of household and their spouse or
partner (relationships are recorded to the head, so these are the child's parents or
step-parents in the file), when the member is recorded as the head's child and is under 18
on the day of the copy. A child whose birth date is unknown is not taken for a minor: the
copy would otherwise hand over data it cannot show belongs to the reader's care."""

from __future__ import annotations

from datetime import date

from desktop.core.dates import age_on
from desktop.core.enums import Relationship
from desktop.core.models import HouseholdMember, Person

ADULT_AGE = 18
PARENTS = frozenset({Relationship.HEAD, Relationship.SPOUSE})


def is_minor(person: Person, today: date) -> bool:
    return person.birth_date is not None and age_on(person.birth_date, today) < ADULT_AGE


def shared_in_full(reader: HouseholdMember, reader_person: Person, member: HouseholdMember,
                   member_person: Person, today: date) -> bool:
    """Whether ``member``'s own records go into ``reader``'s copy (not only their name)."""
    return (reader.relationship in PARENTS and not is_minor(reader_person, today)
            and member.relationship == Relationship.CHILD and is_minor(member_person, today))
