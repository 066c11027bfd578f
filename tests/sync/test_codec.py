"""Every synced model's values survive the trip to protocol JSON and back, and through a
real SQLCipher row: generated values for every column, by its type."""

import json
import uuid
from datetime import UTC, date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session

from desktop.core.models import Record
from desktop.core.models.types import EnumText, UuidBlob
from desktop.sync.codec import CodecError, decode, encode, record_values
from desktop.sync.entities import synced_models

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
JSON_VALUES = st.one_of(st.none(), st.lists(TEXT, max_size=4),
                        st.dictionaries(TEXT, TEXT, max_size=3))
MOMENTS = st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2100, 1, 1),
                       timezones=st.just(UTC))


def strategy(column):
    kind = column.type
    if isinstance(kind, UuidBlob):
        return st.uuids()
    if isinstance(kind, EnumText):
        return st.sampled_from(list(kind.enum_class))
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    if isinstance(kind, JSON):
        return JSON_VALUES
    if isinstance(kind, DateTime):
        return MOMENTS
    if isinstance(kind, Date):
        return st.dates(min_value=date(1900, 1, 1))
    if isinstance(kind, Boolean):
        return st.booleans()
    if isinstance(kind, Integer):
        return st.integers(-(2**31), 2**31)
    if isinstance(kind, String):
        return TEXT
    raise AssertionError(f"no strategy for {column.table.name}.{column.name}: {kind!r}")


def values_of(model):
    columns = {c.name: strategy(c) for c in model.__table__.columns
               if c.name not in Record.BOOKKEEPING}
    return st.fixed_dictionaries(columns)


@st.composite
def model_and_values(draw):
    entity = draw(st.sampled_from(sorted(synced_models())))
    model = synced_models()[entity]
    return model, draw(values_of(model))


@given(model_and_values())
@settings(max_examples=300)
def test_values_come_back_equal_from_protocol_json(case):
    model, values = case
    wire = json.loads(json.dumps(encode(model, values)))
    assert decode(model, wire) == values


def test_wire_forms_are_the_protocols():
    from desktop.core.enums import Sex
    from desktop.core.models import Person

    moment = datetime(2026, 11, 29, 10, 0, 0, 123456, tzinfo=UTC)
    wire = encode(Person, {"id": uuid.UUID(int=1), "birth_date": date(1985, 7, 30),
                           "sex": Sex.FEMALE, "updated_at": moment, "languages": ["uk"],
                           "interpreter_needed": True})
    assert wire == {"id": "00000000-0000-0000-0000-000000000001", "birth_date": "1985-07-30",
                    "sex": "F", "updated_at": "2026-11-29T10:00:00.123456+00:00",
                    "languages": ["uk"], "interpreter_needed": True}


def test_a_value_that_does_not_fit_its_column_is_refused():
    from desktop.core.models import Person

    for field, value in (("birth_date", "30/07/1985"), ("sex", "female"),
                         ("interpreter_needed", "yes"), ("updated_at", "2026-11-29T10:00:00")):
        try:
            decode(Person, {field: value})
        except CodecError:
            continue
        raise AssertionError(f"{field}={value!r} was accepted")


def test_fields_of_a_newer_version_are_left_out():
    from desktop.core.models import Person

    assert decode(Person, {"surname_lat": "Bondar", "eye_colour": "blue"}) == {
        "surname_lat": "Bondar"}


@given(data=st.data())
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_synced_model_round_trips_through_the_database(session, data):
    with session.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")  # generated ids point nowhere
        with Session(bind=connection) as db:
            for model in synced_models().values():
                values = data.draw(values_of(model))
                record = model(**values)
                db.add(record)
                db.flush()
                db.expunge(record)
                stored = db.get(model, record.id)
                wire = json.loads(json.dumps(record_values(stored)))
                assert decode(model, wire) == values, model.__tablename__
            db.rollback()
        connection.exec_driver_sql("PRAGMA foreign_keys = ON")
