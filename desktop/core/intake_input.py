"""What an intake form holds, as typed: plain strings and lists, so that a half-filled form
can be validated field by field, saved as a draft and restored exactly."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from typing import Any, TypeVar

from desktop.core.enums import DocumentType, Relationship, Sex
from desktop.core.text import clean_text

# Free text that may run over several lines; every other field is one line.
MULTILINE_FIELDS = frozenset({"sleeps_tonight", "specific_need_details"})
Form = TypeVar("Form")


@dataclass
class DocumentInput:
    document_type: str = DocumentType.PASSPORT.value
    number: str = ""
    country: str = "UKR"
    issued_on: str = ""
    expires_on: str = ""


@dataclass
class PersonInput:
    surname_cyr: str = ""
    given_name_cyr: str = ""
    patronymic_cyr: str = ""
    surname_lat: str = ""
    given_name_lat: str = ""
    patronymic_lat: str = ""
    other_spellings: list[str] = field(default_factory=list)
    sex: str = Sex.UNKNOWN.value
    birth_date: str = ""  # dd/mm/yyyy, mm/yyyy or yyyy
    relationship: str = Relationship.HEAD.value
    dependant: bool = False
    nationality: str = "UKR"
    languages: list[str] = field(default_factory=lambda: ["uk"])
    interpreter_needed: bool = False
    phone: str = ""
    email: str = ""
    messaging: str = ""
    contact_consent: bool = False
    national_number: str = ""  # restricted: social workers only
    documents: list[DocumentInput] = field(default_factory=list)
    attestation_on: str = ""
    annex15_issued_on: str = ""
    annex15_expires_on: str = ""
    a_card_number: str = ""
    a_card_issued_on: str = ""
    a_card_expires_on: str = ""
    left_ukraine_on: str = ""
    arrived_on: str = ""
    last_place_in_ukraine: str = ""
    specific_needs: list[str] = field(default_factory=list)  # SpecificNeedType values
    specific_need_details: str = ""  # restricted: social workers only
    urgent_need: bool = False


@dataclass
class ReferralInput:
    partner: str = ""
    purpose: str = ""


@dataclass
class HouseholdInput:
    members: list[PersonInput] = field(default_factory=lambda: [PersonInput()])
    members_in_ukraine: int = 0
    accommodation_type: str = ""
    host_name: str = ""
    street: str = ""
    postal_code: str = ""
    municipality_refnis: str = ""
    municipality_typed: str = ""  # as typed, so a name matching no municipality is said
    sleeps_tonight: str = ""
    needs: list[str] = field(default_factory=list)  # NeedArea values
    referrals: list[ReferralInput] = field(default_factory=list)
    paper_reference: str = ""  # the blank paper form this intake was typed from

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def is_blank(self) -> bool:
        """Nothing typed, ticked or chosen yet: the only form not worth a draft."""
        return self.to_dict() == HouseholdInput().to_dict()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HouseholdInput:
        """Rebuild a form from a draft, ignoring keys an older or newer version wrote."""

        def build(kind: type, values: dict[str, Any]) -> Any:
            known = {f.name for f in fields(kind)}
            return kind(**{k: v for k, v in values.items() if k in known})

        household = build(cls, data)
        household.members = [
            build(PersonInput, member) for member in data.get("members") or [{}]
        ]
        for member, raw in zip(household.members, data.get("members") or [], strict=False):
            member.documents = [build(DocumentInput, d) for d in raw.get("documents") or []]
        household.referrals = [build(ReferralInput, r) for r in data.get("referrals") or []]
        return household


def cleaned(form: Form) -> Form:
    """A copy of an intake form (household, person, document, referral) with every text
    cleaned (core/text.clean_text): what the services check and write, whatever was typed,
    pasted or read from a file."""
    return replace(form, **{f.name: _clean(getattr(form, f.name), f.name in MULTILINE_FIELDS)
                            for f in fields(form)})  # type: ignore[type-var]


def _clean(value: Any, multiline: bool) -> Any:
    if isinstance(value, str):
        return clean_text(value, multiline)
    if isinstance(value, list):
        return [_clean(item, multiline) for item in value]
    if is_dataclass(value) and not isinstance(value, type):
        return cleaned(value)
    return value
