"""Belgian national register (NRN) and BIS numbers: checksum, birth date, sex.

Validation uses python-stdnum; the agreement with a person's birth date and sex is ours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stdnum.be import bis, nn
from stdnum.exceptions import ValidationError as StdnumError

from desktop.core.enums import NationalNumberKind, Sex
from desktop.core.errors import ValidationError


@dataclass(frozen=True)
class NationalNumber:
    digits: str
    kind: NationalNumberKind

    @property
    def formatted(self) -> str:
        d = self.digits
        return f"{d[:2]}.{d[2:4]}.{d[4:6]}-{d[6:9]}.{d[9:]}"


def parse_national_number(text: str) -> NationalNumber:
    """Accepts '85073003328', '85.07.30-033.28' or '850730-033-28'."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) != 11:
        raise ValidationError("nrn.length", field="national_number")
    try:
        return NationalNumber(nn.validate(digits), NationalNumberKind.NRN)
    except StdnumError:
        pass
    try:
        return NationalNumber(bis.validate(digits), NationalNumberKind.BIS)
    except StdnumError:
        raise ValidationError("nrn.checksum", field="national_number") from None


def check_agreement(number: NationalNumber, birth: date | None, sex: Sex) -> None:
    """The number encodes a birth date and, often, the sex: they must match the person."""
    module = nn if number.kind == NationalNumberKind.NRN else bis
    try:
        encoded_birth = module.get_birth_date(number.digits)
    except (StdnumError, ValueError):
        encoded_birth = None  # partly unknown birth date (month or day 00)
    if birth is not None and encoded_birth is not None and encoded_birth != birth:
        raise ValidationError("nrn.birth_mismatch", field="national_number")
    try:
        encoded_sex = module.get_gender(number.digits)
    except (StdnumError, ValueError):
        encoded_sex = None
    if encoded_sex and sex in (Sex.MALE, Sex.FEMALE) and encoded_sex != sex.value:
        raise ValidationError("nrn.sex_mismatch", field="national_number")


def make_nrn(birth: date, serial: int) -> str:
    """A valid NRN for synthetic data (serial odd for men, even for women)."""
    base = f"{birth:%y%m%d}{serial:03d}"
    number = int(("2" if birth.year >= 2000 else "") + base)
    return f"{base}{97 - number % 97:02d}"
