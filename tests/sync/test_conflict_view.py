"""Open conflicts as a person reads them, against a real central process: each desktop sees
its own value as "mine", names and case instead of ids, and a volunteer never the values of
a restricted field; resolving checks the role and reads a typed value like a normal edit."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from desktop.core.enums import Role, Sex
from desktop.core.errors import AccessDenied, ValidationError
from desktop.core.models import Person
from desktop.core.record_place import open_conflicts_by_case
from desktop.core.uow import UnitOfWork
from desktop.sync.conflict_view import conflict_views
from desktop.sync.conflicts import resolve
from tests.conftest import login_as


def yuliia(place) -> Person:
    with Session(place.session.engine) as db:
        return db.exec(select(Person).where(Person.given_name_lat == "Yuliia")).one()


def edit(place, **values) -> None:
    with UnitOfWork(place.session.engine, place.session.actor) as uow:
        uow.update(uow.session.get(Person, yuliia(place).id), **values)


def conflicting(a, b, **values_ab) -> None:
    edit(a, **{name: pair[0] for name, pair in values_ab.items()})
    edit(b, **{name: pair[1] for name, pair in values_ab.items()})
    a.sync()
    b.sync()
    a.sync()


def test_each_desktop_sees_its_own_value_as_mine_with_names_and_case(pair):
    a, b = pair
    conflicting(a, b, sex=(Sex.MALE, Sex.OTHER))
    case_id = next(iter(a.services.cases.rows(a.services.cases.ids())))
    for place, mine, theirs in ((a, Sex.MALE, Sex.OTHER), (b, Sex.OTHER, Sex.MALE)):
        (view,) = conflict_views(place.session.engine, place.session.actor)
        assert (view.field, view.base, view.mine.value, view.theirs.value) == (
            "sex", Sex.FEMALE, mine, theirs)
        assert view.kind.kind == "enum" and view.may_resolve and not view.masked
        assert view.mine.by == view.theirs.by == "admin" and view.mine.at and view.theirs.at
        assert view.place.person == "SHEVCHENKO Yuliia (ШЕВЧЕНКО Юлія)"
        assert view.place.case_id.hex == case_id
        with Session(place.session.engine) as db:
            assert open_conflicts_by_case(db, place.session.actor) == {view.place.case_id: 1}
        assert conflict_views(place.session.engine, place.session.actor,
                              view.place.case_id) == [view]


def test_a_typed_value_is_read_and_checked_like_a_normal_edit(pair):
    a, b = pair
    conflicting(a, b, phone=("+32 470 00 00 0A", "+32 470 00 00 0B"))
    (view,) = conflict_views(b.session.engine, b.session.actor)
    with pytest.raises(ValidationError) as refused:
        resolve(b.session.engine, b.session.actor, str(view.id), "value", "12")
    assert refused.value.key == "intake.phone_invalid"
    resolve(b.session.engine, b.session.actor, str(view.id), "value", " +32 470 00 00 0C ")
    for place in (b, a, b):
        place.sync()
    for place in (a, b):
        assert yuliia(place).phone == "+32 470 00 00 0C"
        assert conflict_views(place.session.engine, place.session.actor) == []


def test_a_volunteer_never_sees_a_restricted_fields_values(pair):
    a, b = pair
    conflicting(a, b, national_number=("85073003328", "98472899765"))
    (view,) = conflict_views(a.session.engine, a.session.actor)
    assert {view.mine.value, view.theirs.value} == {"85073003328", "98472899765"}
    volunteer = login_as(a.vault, a.services, "vera", Role.VOLUNTEER)
    actor = volunteer.session.actor
    (seen,) = conflict_views(a.session.engine, actor)
    assert seen.masked and not seen.may_resolve
    assert (seen.base, seen.mine.value, seen.theirs.value) == (None, None, None)
    with pytest.raises(AccessDenied):
        resolve(a.session.engine, actor, str(seen.id), "mine")
    volunteer.session.close()


def test_the_command_line_lists_and_resolves_with_this_desktops_value_as_mine(pair, tmp_path):
    from tests.sync.desktops import Desktop
    from tests.sync.organisation import ADMIN_PASSWORD

    a, b = pair
    conflicting(a, b, phone=("+32 470 00 00 0A", "+32 470 00 00 0B"))
    a.close()
    desktop = Desktop(tmp_path / "a", tmp_path / "a-keyring.json")
    (listed,) = desktop.json("sync", "conflicts", user="admin", password=ADMIN_PASSWORD)
    assert (listed["mine"]["value"], listed["theirs"]["value"]) == ("+32 470 00 00 0A",
                                                                    "+32 470 00 00 0B")
    assert listed["mine"]["by"] == "admin" and "SHEVCHENKO Yuliia" in listed["record"]
    desktop.run("sync", "resolve", listed["id"], "--keep", "mine", "--user", "admin",
                password=ADMIN_PASSWORD)
    a.session = a.vault.login("admin", ADMIN_PASSWORD)
    assert yuliia(a).phone == "+32 470 00 00 0A"
    for place in (a, b):
        place.sync()
    assert yuliia(b).phone == "+32 470 00 00 0A"


def test_the_command_lines_list_names_the_person_and_the_field_as_the_window_does(
        pair, tmp_path):
    from tests.sync.desktops import Desktop
    from tests.sync.organisation import ADMIN_PASSWORD

    a, b = pair
    conflicting(a, b, phone=("+32 470 00 00 0A", "+32 470 00 00 0B"))
    a.close()
    desktop = Desktop(tmp_path / "a", tmp_path / "a-keyring.json")
    (line,) = desktop.run("sync", "conflicts", "--user", "admin",
                          password=ADMIN_PASSWORD).stdout.splitlines()
    assert "SHEVCHENKO Yuliia" in line and " Phone: " in line
    assert str(yuliia(b).id) not in line  # the record, not its id
    assert line.endswith('mine "+32 470 00 00 0A", theirs "+32 470 00 00 0B"')
