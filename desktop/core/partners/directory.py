"""Reading and keeping the directory. Anyone signed in reads it (a referral picks from it);
administrators add, edit and unlist the CPAS's own entries; regional entries come from the
central and nobody changes them on a desktop (the central refuses such a change too)."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from desktop.core.clock import Clock, clock_of
from desktop.core.enums import PartnerKind, PartnerScope
from desktop.core.errors import RelaisError, ValidationError
from desktop.core.models import Organisation, PartnerService
from desktop.core.partners.entry import PartnerEntry, entry_problems
from desktop.core.partners.examples import example_entries
from desktop.core.reference import ReferenceData, fold
from desktop.core.roles import Actor, Permission
from desktop.core.uow import UnitOfWork

QUERY_MAX = 200


@dataclass(frozen=True)
class PartnerFilter:
    """What a worker looks for; every part optional. A municipality matches an entry that
    serves it, is located there, or serves everywhere (no municipality listed)."""

    kind: PartnerKind | None = None
    municipality: str = ""  # REFNIS code
    language: str = ""  # ISO 639 code
    text: str = ""  # in the name, address or hours
    include_unlisted: bool = False

    def matches(self, partner: PartnerService, words_of: str | None = None) -> bool:
        """``words_of``: the entry's ``searchable`` text, when already folded."""
        if not self.include_unlisted and not partner.listed:
            return False
        if self.kind is not None and partner.kind != self.kind:
            return False
        served = partner.municipalities or []
        if self.municipality and served and self.municipality not in served \
                and partner.municipality_refnis != self.municipality:
            return False
        if self.language and self.language not in (partner.languages or []):
            return False
        words = fold(self.text[:QUERY_MAX]).split()
        if not words:
            return True
        haystack = searchable(partner) if words_of is None else words_of
        return all(word in haystack for word in words)


def searchable(partner: PartnerService) -> str:
    """The words a search looks in: name, address and hours, folded."""
    return fold(" ".join((partner.name, partner.street, partner.postal_code,
                          partner.opening_hours)))


class PartnerDirectory:
    def __init__(self, engine: Engine, actor: Actor, reference: ReferenceData,
                 today: date | None = None, clock: Clock | None = None) -> None:
        self.engine, self.actor, self.reference = engine, actor, reference
        self.clock = clock_of(today, clock)
        self._cache: tuple[tuple, tuple[list[PartnerService], list[str]]] | None = None

    # -- reading ----------------------------------------------------------------------------

    def search(self, wanted: PartnerFilter | None = None) -> list[PartnerService]:
        """The entries that match, by kind then name. A directory holds hundreds of entries
        (at most thousands): read whole and filtered here (lists of codes are JSON). The
        entries read are kept while nothing in the table changed (a search per keystroke
        then costs the filtering only, bench/partners.py)."""
        self.actor.require(Permission.VIEW_CASES)
        wanted = wanted or PartnerFilter()
        rows, words = self._all()
        return [partner for partner, text in zip(rows, words, strict=True)
                if wanted.matches(partner, text)]

    def _all(self) -> tuple[list[PartnerService], list[str]]:
        """Every live entry in the directory's order, with its folded searchable text."""
        with Session(self.engine) as db:
            # Any write (here, another process, a pull) adds a row or bumps a version.
            stamp = tuple(db.exec(select(
                func.count(), func.coalesce(func.sum(PartnerService.version), 0),
                func.max(PartnerService.updated_at))).one())
            if self._cache is not None and self._cache[0] == stamp:
                return self._cache[1]
            rows = list(db.exec(select(PartnerService).where(
                PartnerService.deleted_at.is_(None))))
        kinds = list(PartnerKind)
        rows.sort(key=lambda p: (kinds.index(p.kind), fold(p.name), str(p.id)))
        self._cache = (stamp, (rows, [searchable(p) for p in rows]))
        return self._cache[1]

    def get(self, partner_id: uuid.UUID) -> PartnerService:
        self.actor.require(Permission.VIEW_CASES)
        with Session(self.engine) as db:
            partner = db.get(PartnerService, partner_id)
        if partner is None or partner.deleted_at is not None:
            raise RelaisError("partners.not_found")
        return partner

    def is_empty(self) -> bool:
        with Session(self.engine) as db:
            return db.exec(select(PartnerService.id).where(
                PartnerService.deleted_at.is_(None))).first() is None

    def can_edit(self, partner: PartnerService | None = None) -> bool:
        """Whether this user may add entries (``partner`` None) or change this one."""
        if not self.actor.can(Permission.MANAGE_PARTNERS):
            return False
        return partner is None or partner.scope == PartnerScope.LOCAL

    # -- keeping ----------------------------------------------------------------------------

    def check(self, entry: PartnerEntry) -> PartnerEntry:
        """The cleaned entry, or the first problem (each names its field)."""
        entry = entry.cleaned()
        problems = entry_problems(entry, self.reference, self.clock.today())
        if problems:
            raise problems[0]
        return entry

    def add(self, entry: PartnerEntry) -> uuid.UUID:
        self.actor.require(Permission.MANAGE_PARTNERS)
        entry = self.check(entry)
        with UnitOfWork(self.engine, self.actor) as uow:
            owner = self.own_refnis(uow)
            return uow.add(PartnerService(**asdict(entry), scope=PartnerScope.LOCAL,
                                          owner=owner)).id

    def add_many(self, entries: list[PartnerEntry]) -> int:
        """Several checked entries in one transaction (an import, the examples)."""
        self.actor.require(Permission.MANAGE_PARTNERS)
        checked = [self.check(entry) for entry in entries]
        with UnitOfWork(self.engine, self.actor) as uow:
            owner = self.own_refnis(uow)
            for entry in checked:
                uow.add(PartnerService(**asdict(entry), scope=PartnerScope.LOCAL, owner=owner))
        return len(checked)

    def edit(self, partner_id: uuid.UUID, entry: PartnerEntry) -> list[str]:
        """The names of the fields that changed."""
        self.actor.require(Permission.MANAGE_PARTNERS)
        entry = self.check(entry)
        with UnitOfWork(self.engine, self.actor) as uow:
            return uow.update(self._editable(uow, partner_id), **asdict(entry))

    def set_listed(self, partner_id: uuid.UUID, listed: bool) -> None:
        """Unlist an entry no longer offered (referrals keep naming it), or list it again."""
        self.actor.require(Permission.MANAGE_PARTNERS)
        with UnitOfWork(self.engine, self.actor) as uow:
            uow.update(self._editable(uow, partner_id), listed=listed)

    def load_examples(self) -> int:
        """The synthetic examples, in the organisation's municipality and document language;
        only into an empty directory (a second click adds nothing). Returns how many."""
        self.actor.require(Permission.MANAGE_PARTNERS)
        if not self.is_empty():
            return 0
        with Session(self.engine) as db:
            org = db.get(Organisation, self.actor.organisation_id) \
                if self.actor.organisation_id else None
        home = self.reference.municipality(org.refnis) if org else None
        return self.add_many(example_entries(home, org.document_language if org else "fr"))

    def _editable(self, uow: UnitOfWork, partner_id: uuid.UUID) -> PartnerService:
        partner = uow.session.get(PartnerService, partner_id)
        if partner is None or partner.deleted_at is not None:
            raise RelaisError("partners.not_found")
        if partner.scope != PartnerScope.LOCAL:
            raise ValidationError("partners.regional_read_only")
        return partner

    def own_refnis(self, uow: UnitOfWork) -> str:
        org = uow.session.get(Organisation, self.actor.organisation_id) \
            if self.actor.organisation_id else None
        return org.refnis if org else ""
