"""Which document to make, for whom and in which languages: the one entry point the CLI and
the UI share, so both produce the same files from the same services."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PilImage

from desktop.core.casefile import CaseFileService
from desktop.core.enums import AuditAction
from desktop.core.errors import RelaisError
from desktop.core.figures import FiguresService
from desktop.core.models import CaseFile
from desktop.core.partners import PartnerDirectory
from desktop.core.reference import ReferenceData
from desktop.core.roles import Actor, Permission
from desktop.core.text import clean_text
from desktop.core.uow import record_access_soon
from desktop.documents.base import (
    DOCUMENT_LANGUAGES,
    WITH_LANGUAGES,
    Languages,
    Letterhead,
    Target,
)
from desktop.documents.blank_intake import blank_intake_form
from desktop.documents.case_documents import (
    Appointment,
    appointment_slip,
    case_summary,
    intake_form,
    referral_letter,
)
from desktop.documents.monthly_report import monthly_csv, monthly_pdf, monthly_xlsx
from desktop.documents.partner_card import PartnerCard
from desktop.private_files import make_private


def _private(target: Target) -> Target:
    """A document about a person, written to a file: for its owner only (a preview in memory
    touches no disk)."""
    if isinstance(target, Path):
        make_private(target)
    return target


@dataclass
class DocumentService:
    case_files: CaseFileService
    figures: FiguresService
    reference: ReferenceData
    organisation: str
    document_language: str
    logo_path: Path | None = None  # where the organisation's logo is kept, if it has one
    actor: Actor | None = None
    partners: PartnerDirectory | None = None  # the directory a referral letter may name

    @property
    def logo(self) -> Path | None:
        return self.logo_path if self.logo_path and self.logo_path.is_file() else None

    @property
    def letterhead(self) -> Letterhead:
        return Letterhead(self.organisation, self.logo)

    def set_logo(self, source: Path) -> Path:
        """Keeps a copy of an image (PNG, JPEG…) as the documents' logo, at most 600 px."""
        if self.actor is not None:
            self.actor.require(Permission.MANAGE_SETTINGS)
        if self.logo_path is None:
            raise RelaisError("doc.logo_unreadable", path=source.name)
        try:
            with PilImage.open(source) as image:
                image.thumbnail((600, 600))
                image.convert("RGBA").save(self.logo_path, "PNG")
        except (OSError, ValueError, PilImage.DecompressionBombError):
            raise RelaisError("doc.logo_unreadable", path=source.name) from None
        return self.logo_path

    def remove_logo(self) -> None:
        if self.actor is not None:
            self.actor.require(Permission.MANAGE_SETTINGS)
        if self.logo_path is not None:
            self.logo_path.unlink(missing_ok=True)

    def languages(self, main: str | None, beside: str | None) -> Languages:
        """The organisation's official language unless another is asked for; Ukrainian
        beside it unless the person reads another one (or none: ``beside="none"``)."""
        main = main or self.document_language
        if main not in DOCUMENT_LANGUAGES:
            raise RelaisError("doc.language_not_official", language=main)
        beside = "uk" if beside is None else beside
        if beside != "none" and beside not in WITH_LANGUAGES:
            raise RelaisError("doc.language_not_beside", language=beside)
        return Languages.of(main, None if beside == "none" else beside)

    def case_document(self, kind: str, case_id: uuid.UUID, target: Target,
                      languages: Languages) -> Target:
        if kind not in ("intake", "summary"):
            raise ValueError(kind)
        view = self.case_files.open(case_id)
        target = _private(target)
        make = intake_form if kind == "intake" else case_summary
        made = make(target, view, languages, self.letterhead, self.reference)
        self._audit(target, kind, case_id, languages)
        return made

    def blank_intake(self, target: Target, languages: Languages, copies: int = 1
                     ) -> list[str]:
        """Blank paper forms; returns the reference allocated to each sheet."""
        references = blank_intake_form(_private(target), languages, self.letterhead, copies)[1]
        self._audit(target, "blank_intake", None, languages, copies=copies)
        return references

    def fillable_intake(self, target: Target, languages: Languages) -> Target:
        # pypdf (20 MB) comes with the first fillable form, not with every login.
        from desktop.documents.fillable_intake import fillable_intake_form

        made = fillable_intake_form(_private(target), languages, self.letterhead)
        self._audit(target, "fillable_intake", None, languages)
        return made

    def referral(self, case_id: uuid.UUID, target: Target, languages: Languages, partner: str,
                 purpose: str, partner_id: uuid.UUID | None = None) -> Target:
        """The letter to a partner; ``partner_id`` names the directory entry whose address,
        hours and languages it prints (its name when ``partner`` is left empty)."""
        partner, purpose = clean_text(partner), clean_text(purpose)  # typed, one line each
        card = None
        if partner_id is not None and self.partners is not None:
            entry = self.partners.get(partner_id)
            card = PartnerCard.of(entry, self.reference)
            partner = partner.strip() or entry.name
        if not partner.strip():
            raise RelaisError("doc.partner_required")
        made = referral_letter(_private(target), self.case_files.open(case_id), languages,
                               self.letterhead, partner, purpose, card=card)
        self._audit(target, "referral", case_id, languages)
        return made

    def appointment(self, case_id: uuid.UUID, target: Target, languages: Languages,
                    appointment: Appointment) -> Target:
        appointment = Appointment(*(clean_text(part) for part in (
            appointment.what, appointment.where, appointment.when, appointment.bring)))
        if not (appointment.what.strip() and appointment.when.strip()):
            raise RelaisError("doc.slip_required")
        made = appointment_slip(_private(target), self.case_files.open(case_id), languages,
                                self.letterhead, appointment)
        self._audit(target, "appointment", case_id, languages)
        return made

    def monthly(self, month: str, languages: Languages, pdf: Path | None = None,
                csv: Path | None = None, xlsx: Path | None = None) -> list[Path]:
        figures = self.figures.monthly(month)
        written = []
        if pdf is not None:
            written.append(monthly_pdf(_private(pdf), figures, languages, self.letterhead))
        if csv is not None:
            written.append(monthly_csv(_private(csv), figures, languages.main))
        if xlsx is not None:
            written.append(monthly_xlsx(_private(xlsx), figures, languages.main))
        self._audit(pdf or csv or xlsx, "monthly", None, languages, month=month,
                    formats=[name for name, path in (("pdf", pdf), ("csv", csv),
                                                     ("xlsx", xlsx)) if path is not None])
        return written

    def _audit(self, target: object, kind: str, case_id: uuid.UUID | None,
               languages: Languages, **detail: object) -> None:
        """Which document was made, in which languages, for which case: never its text.
        A preview drawn in memory is not a document handed out: only files are audited."""
        if not isinstance(target, Path):
            return
        record_access_soon(
            self.case_files.engine, self.case_files.actor, AuditAction.DOCUMENT,
            CaseFile.__tablename__ if case_id else "", case_id,
            detail={"kind": kind, "languages": "+".join(
                tr.language for tr in (languages.main, languages.beside) if tr), **detail})
