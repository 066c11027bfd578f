from datetime import date

import pytest

from desktop.core.dates import iso_partial, parse_partial
from desktop.core.enums import DatePrecision, NationalNumberKind, Sex
from desktop.core.errors import ValidationError
from desktop.core.identifiers import check_agreement, make_nrn, parse_national_number


def test_valid_nrn_and_bis_numbers_are_recognised():
    assert parse_national_number("85.07.30-033.28").kind == NationalNumberKind.NRN
    assert parse_national_number("98472899765").kind == NationalNumberKind.BIS


@pytest.mark.parametrize(("typed", "key"), [("85073003329", "nrn.checksum"),
                                            ("8507300332", "nrn.length")])
def test_invalid_numbers_are_refused_with_the_reason(typed, key):
    with pytest.raises(ValidationError) as failure:
        parse_national_number(typed)
    assert failure.value.key == key
    assert failure.value.field == "national_number"


def test_number_must_agree_with_birth_date_and_sex():
    number = parse_national_number("85073003328")
    check_agreement(number, date(1985, 7, 30), Sex.MALE)
    with pytest.raises(ValidationError, match=r"nrn\.birth_mismatch"):
        check_agreement(number, date(1985, 7, 31), Sex.MALE)
    with pytest.raises(ValidationError, match=r"nrn\.sex_mismatch"):
        check_agreement(number, date(1985, 7, 30), Sex.FEMALE)


def test_synthetic_numbers_are_valid_for_births_before_and_after_2000():
    for birth in (date(1961, 2, 3), date(2012, 11, 30)):
        number = parse_national_number(make_nrn(birth, 124))
        check_agreement(number, birth, Sex.FEMALE)


def test_partial_dates_read_and_print_with_their_precision():
    assert parse_partial("30/07/1985") == (date(1985, 7, 30), DatePrecision.DAY)
    assert parse_partial("1985-07") == (date(1985, 7, 1), DatePrecision.MONTH)
    assert iso_partial(date(1985, 7, 1), DatePrecision.MONTH) == "1985-07"
    assert iso_partial(date(1985, 1, 1), DatePrecision.YEAR) == "1985"
    with pytest.raises(ValidationError, match=r"date\.impossible"):
        parse_partial("31/02/2020")
    with pytest.raises(ValidationError, match=r"date\.unreadable"):
        parse_partial("yesterday")
