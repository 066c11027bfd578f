"""The case file: everything about one household's case, filtered by the reader's role, and
the changes a social worker makes to it. Opening a file is recorded in the audit trail."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from desktop.core.clock import Clock, clock_of
from desktop.core.dates import iso_partial
from desktop.core.enums import (
    REFERRAL_OUTCOMES,
    AidCategory,
    AuditAction,
    CaseStatus,
    ClosureReason,
    NoteAudience,
    ReferralStatus,
)
from desktop.core.errors import RelaisError, ValidationError
from desktop.core.history import HistoryEntry, case_history
from desktop.core.limits import EARLIEST_DATE, check_text
from desktop.core.models import (
    Accommodation,
    AidDecision,
    CaseFile,
    Household,
    HouseholdMember,
    IdentityDocument,
    Note,
    PartnerService,
    Person,
    ProtectionStatus,
    Referral,
    SpecificNeed,
    Task,
    UserAccount,
    utcnow,
)
from desktop.core.name_index import person_spellings
from desktop.core.notes import NEW_NOTE_AUDIENCE
from desktop.core.paper_reference import normal_reference
from desktop.core.reference import ReferenceData
from desktop.core.reminders import Reminder, document_reminders, protection_reminders
from desktop.core.roles import Actor, Permission
from desktop.core.search import display_name
from desktop.core.text import clean_text
from desktop.core.uow import UnitOfWork


@dataclass
class MemberView:
    person: Person  # national_number blanked for roles that may not see it
    relationship: str
    dependant: bool
    display_name: str
    names: list[str]
    birth_date: str
    documents: list[IdentityDocument]
    protection: ProtectionStatus | None
    needs: list[SpecificNeed]  # details blanked for roles that may not see them

    @property
    def anonymised(self) -> bool:
        """Names, identifiers and contact removed (retention or erasure on request)."""
        return self.person.anonymised_at is not None


@dataclass
class CaseView:
    case: CaseFile
    worker: str
    members: list[MemberView]
    accommodations: list[Accommodation]
    aid: list[AidDecision] | None  # None: the reader's role may not see aid
    notes: list[Note]
    tasks: list[Task]
    referrals: list[Referral]
    history: list[HistoryEntry]
    reminders: list[Reminder] = field(default_factory=list)

    @property
    def has_piis(self) -> bool:
        return bool(self.aid) and any(decision.piis for decision in self.aid or [])


class CaseFileService:
    def __init__(self, engine: Engine, actor: Actor, reference: ReferenceData,
                 today: date | None = None, clock: Clock | None = None) -> None:
        self.engine, self.actor, self.reference = engine, actor, reference
        self.clock = clock_of(today, clock)

    @property
    def today(self) -> date:
        """Asked each time: a session open past midnight uses the new date."""
        return self.clock.today()

    # -- reading ----------------------------------------------------------------------------

    def open(self, case_id: uuid.UUID) -> CaseView:
        self.actor.require(Permission.VIEW_CASES)
        can = self.actor.can
        with Session(self.engine) as db:
            case = db.get(CaseFile, case_id)
            if case is None or case.deleted_at is not None:
                raise RelaisError("case.not_found")
            worker = db.get(UserAccount, case.assigned_worker_id) \
                if case.assigned_worker_id else None
            memberships = db.exec(select(HouseholdMember).where(
                HouseholdMember.household_id == case.household_id,
                HouseholdMember.deleted_at.is_(None))).all()
            members, reminders = [], []
            for membership in memberships:
                person = db.get(Person, membership.person_id)
                if person is None or person.deleted_at is not None:
                    continue
                name = display_name(person)
                documents = list(db.exec(select(IdentityDocument).where(
                    IdentityDocument.person_id == person.id,
                    IdentityDocument.deleted_at.is_(None))))
                protection = db.exec(select(ProtectionStatus).where(
                    ProtectionStatus.person_id == person.id,
                    ProtectionStatus.deleted_at.is_(None))).first()
                needs = list(db.exec(select(SpecificNeed).where(
                    SpecificNeed.person_id == person.id, SpecificNeed.deleted_at.is_(None))))
                db.expunge_all()
                if not can(Permission.VIEW_NATIONAL_NUMBER):
                    person.national_number = None
                if not can(Permission.VIEW_NEED_DETAILS):
                    for need in needs:
                        need.details = ""
                if protection:
                    reminders += protection_reminders(protection, name, self.today)
                for document in documents:
                    reminders += document_reminders(document, name, self.today)
                members.append(MemberView(
                    person=person, relationship=membership.relationship,
                    dependant=membership.dependant, display_name=name,
                    names=person_spellings(person.model_dump()),
                    birth_date=iso_partial(person.birth_date, person.birth_precision),
                    documents=documents, protection=protection, needs=needs))
            notes_query = select(Note).where(Note.case_id == case_id, Note.deleted_at.is_(None))
            if not can(Permission.VIEW_SOCIAL_NOTES):
                notes_query = notes_query.where(Note.audience == NoteAudience.EVERYONE)
            view = CaseView(
                case=case, worker=worker.display_name if worker else "",
                members=members,
                accommodations=list(db.exec(select(Accommodation).where(
                    Accommodation.household_id == case.household_id,
                    Accommodation.deleted_at.is_(None)))),
                aid=list(db.exec(select(AidDecision).where(
                    AidDecision.case_id == case_id, AidDecision.deleted_at.is_(None))
                    .order_by(AidDecision.decided_on.desc())))
                if can(Permission.VIEW_SOCIAL_NOTES) else None,
                notes=list(db.exec(notes_query.order_by(Note.created_at.desc()))),
                tasks=list(db.exec(select(Task).where(Task.case_id == case_id,
                                                      Task.deleted_at.is_(None))
                                   .order_by(Task.due_on))),
                referrals=list(db.exec(select(Referral).where(
                    Referral.case_id == case_id, Referral.deleted_at.is_(None)))),
                history=case_history(db, self.actor, case, memberships),
                reminders=sorted(reminders, key=lambda r: r.on),
            )
        with UnitOfWork(self.engine, self.actor) as uow:
            uow.record_access(AuditAction.VIEW, CaseFile.__tablename__, case_id)
        return view

    # -- changing ---------------------------------------------------------------------------

    def change_status(self, case_id: uuid.UUID, status: CaseStatus,
                      reason: ClosureReason | None = None,
                      destination_refnis: str | None = None) -> None:
        self.actor.require(Permission.EDIT_CASES)
        if status == CaseStatus.CLOSED and reason is None:
            raise ValidationError("case.closure_reason_required", field="closure_reason")
        if reason == ClosureReason.MOVED and not destination_refnis:
            raise ValidationError("case.destination_required", field="destination_refnis")
        if reason == ClosureReason.MOVED and status == CaseStatus.CLOSED and \
                self.reference.municipality(destination_refnis or "") is None:
            raise ValidationError("org.unknown_refnis", field="destination_refnis",
                                  refnis=destination_refnis)
        with UnitOfWork(self.engine, self.actor) as uow:
            case = self._case(uow, case_id)
            closed = status == CaseStatus.CLOSED
            uow.update(case, status=status, closure_reason=reason if closed else None,
                       destination_refnis=destination_refnis if closed else None,
                       closed_on=self.today if closed else None)

    def mark_completed(self, case_id: uuid.UUID) -> None:
        """The CPAS has completed a file opened by a quick intake."""
        self.actor.require(Permission.EDIT_CASES)
        with UnitOfWork(self.engine, self.actor) as uow:
            uow.update(self._case(uow, case_id), to_be_completed=False)

    def assign(self, case_id: uuid.UUID, worker_id: uuid.UUID | None) -> None:
        self.actor.require(Permission.EDIT_CASES)
        with UnitOfWork(self.engine, self.actor) as uow:
            uow.update(self._case(uow, case_id), assigned_worker_id=worker_id)

    def add_note(self, case_id: uuid.UUID, body: str,
                 audience: NoteAudience = NEW_NOTE_AUDIENCE) -> uuid.UUID:
        self.actor.require(Permission.EDIT_CASES)
        body = clean_text(body, multiline=True)
        if not body.strip():
            raise ValidationError("case.note_empty", field="body")
        check_text("body", body.strip())
        with UnitOfWork(self.engine, self.actor) as uow:
            self._case(uow, case_id)
            return uow.add(Note(case_id=case_id, body=body.strip(), audience=audience)).id

    def add_task(self, case_id: uuid.UUID, title: str, due_on: date | None,
                 assignee_id: uuid.UUID | None) -> uuid.UUID:
        self.actor.require(Permission.EDIT_CASES)
        title = clean_text(title)
        if not title.strip():
            raise ValidationError("case.task_title_required", field="title")
        check_text("title", title.strip())
        with UnitOfWork(self.engine, self.actor) as uow:
            self._case(uow, case_id)
            return uow.add(Task(case_id=case_id, title=title.strip(), due_on=due_on,
                                assignee_id=assignee_id)).id

    def complete_task(self, task_id: uuid.UUID) -> None:
        self.actor.require(Permission.EDIT_CASES)
        with UnitOfWork(self.engine, self.actor) as uow:
            task = uow.session.get(Task, task_id)
            if task is None:
                raise RelaisError("case.not_found")
            uow.update(task, done_at=utcnow())

    def add_referral(self, case_id: uuid.UUID, partner: str, purpose: str,
                     partner_id: uuid.UUID | None = None) -> uuid.UUID:
        """A referral sent today. ``partner_id`` names an entry of the partner directory;
        ``partner`` is the name the letter prints (the entry's own when left empty)."""
        self.actor.require(Permission.EDIT_CASES)
        partner, purpose = clean_text(partner).strip(), clean_text(purpose).strip()
        check_text("partner", partner)
        check_text("purpose", purpose)
        with UnitOfWork(self.engine, self.actor) as uow:
            self._case(uow, case_id)
            if partner_id is not None:
                entry = uow.session.get(PartnerService, partner_id)
                if entry is None or entry.deleted_at is not None:
                    raise ValidationError("partners.not_found", field="partner")
                partner = partner or entry.name
            if not partner:
                raise ValidationError("case.partner_required", field="partner")
            return uow.add(Referral(case_id=case_id, partner=partner, purpose=purpose,
                                    partner_id=partner_id, referred_on=self.today,
                                    status=ReferralStatus.SENT)).id

    def set_referral_status(self, referral_id: uuid.UUID, status: ReferralStatus,
                            on: date | None = None) -> None:
        """The referral's status; an outcome (waiting, accepted, done, refused, no show) is
        dated ``on`` (today when not said), a status before any outcome clears the date."""
        self.actor.require(Permission.EDIT_CASES)
        outcome_on = (on or self.today) if status in REFERRAL_OUTCOMES else None
        with UnitOfWork(self.engine, self.actor) as uow:
            referral = uow.session.get(Referral, referral_id)
            if referral is None or referral.deleted_at is not None:
                raise RelaisError("case.not_found")
            if outcome_on is not None and not (
                    max(EARLIEST_DATE, referral.referred_on or EARLIEST_DATE)
                    <= outcome_on <= self.today):
                raise ValidationError("case.outcome_date", field="outcome_on")
            uow.update(referral, status=status, outcome_on=outcome_on)

    def record_aid(self, case_id: uuid.UUID, category: AidCategory, decided_on: date,
                   starts_on: date | None, piis: bool) -> uuid.UUID:
        self.actor.require(Permission.EDIT_CASES)
        self.actor.require(Permission.VIEW_SOCIAL_NOTES)
        with UnitOfWork(self.engine, self.actor) as uow:
            self._case(uow, case_id)
            # A second click on the same form must not record the decision twice; the same
            # day and category with another PIIS or start is a correction, and is recorded.
            same = uow.session.exec(select(AidDecision.id).where(
                AidDecision.case_id == case_id, AidDecision.category == category,
                AidDecision.decided_on == decided_on, AidDecision.starts_on == starts_on,
                AidDecision.piis == piis, AidDecision.deleted_at.is_(None))).first()
            if same is not None:
                raise ValidationError("case.aid_duplicate", field="decided_on",
                                      date=decided_on)
            return uow.add(AidDecision(case_id=case_id, category=category,
                                       decided_on=decided_on, starts_on=starts_on,
                                       piis=piis)).id

    def resolve(self, reference: str) -> uuid.UUID:
        """A case id from what a worker types: its file number, the reference of the paper
        form it was typed from, or its id."""
        self.actor.require(Permission.VIEW_CASES)
        reference = reference.strip()
        paper = normal_reference(reference)
        with Session(self.engine) as db:
            found = db.exec(select(CaseFile.id).where(
                CaseFile.file_number == reference, CaseFile.deleted_at.is_(None))).first()
            if found is None and paper:
                found = self.by_paper_reference(paper, db)
        if found is not None:
            return found
        try:
            return uuid.UUID(reference)
        except ValueError:
            raise RelaisError("case.not_found") from None

    def by_paper_reference(self, reference: str, db: Session | None = None
                           ) -> uuid.UUID | None:
        """The case typed from the paper form with this reference, if any."""
        if db is None:
            with Session(self.engine) as own:
                return self.by_paper_reference(reference, own)
        linked = select(CaseFile.id).join(Household, Household.id == CaseFile.household_id)
        return db.exec(linked.where(Household.reference == reference,
                                    CaseFile.deleted_at.is_(None))).first()

    def _case(self, uow: UnitOfWork, case_id: uuid.UUID) -> CaseFile:
        case = uow.session.get(CaseFile, case_id)
        if case is None or case.deleted_at is not None:
            raise RelaisError("case.not_found")
        return case
