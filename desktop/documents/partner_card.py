"""A directory entry as a referral letter prints it: where, how to reach it, when it is open
and which languages are spoken there, in the letter's language and (for the person) in the
language beside it."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.i18n import Translator, language_name
from desktop.core.models import PartnerService
from desktop.core.reference import Municipality, ReferenceData


@dataclass(frozen=True)
class PartnerCard:
    street: str
    postal_code: str
    municipality: Municipality | None
    phone: str
    email: str
    website: str
    hours: str
    languages: tuple[str, ...]  # ISO 639 codes

    @classmethod
    def of(cls, entry: PartnerService, reference: ReferenceData) -> PartnerCard:
        return cls(entry.street, entry.postal_code,
                   reference.municipality(entry.municipality_refnis), entry.phone, entry.email,
                   entry.website, entry.opening_hours, tuple(entry.languages or ()))

    def address(self, lang: str) -> str:
        place = " ".join(x for x in (self.postal_code, self.municipality.name(lang)
                                     if self.municipality else "") if x)
        return ", ".join(x for x in (self.street, place) if x)

    def contact(self) -> str:
        return " · ".join(x for x in (self.phone, self.email, self.website) if x)

    def spoken(self, tr: Translator) -> str:
        """The languages spoken there, named in ``tr``'s language."""
        return ", ".join(language_name(code, tr.language) for code in self.languages)

    def lines(self, tr: Translator) -> list[str]:
        """What the letter prints under the partner's name."""
        found = [self.address(tr.language), self.contact()]
        if self.hours:
            found.append(tr.labelled(tr("doc.partner_hours"), self.hours))
        if self.languages:
            found.append(tr.labelled(tr("doc.partner_languages"), self.spoken(tr)))
        return [line for line in found if line]

    def for_person(self, tr: Translator) -> list[str]:
        """What the person reads in their language: where to go and whether they will be
        understood there."""
        found = []
        if address := self.address(tr.language):
            found.append(tr.labelled(tr("doc.partner_address"), address))
        if self.hours:
            found.append(tr.labelled(tr("doc.partner_hours"), self.hours))
        if self.languages:
            found.append(tr("doc.partner_speaks", languages=self.spoken(tr)))
        return found
