"""Data model v1. Every table a person edits is a ``Record``: time-ordered UUID id, created/updated
at and by, a version number bumped on every change, and soft delete (``deleted_at``), so that
sync can order, compare and replay changes from the first day."""

from desktop.core.models.aid import AidDecision
from desktop.core.models.audit import AuditEvent, AuditHead
from desktop.core.models.base import Record, utcnow
from desktop.core.models.cases import Accommodation, CaseFile, Note, Referral, Task
from desktop.core.models.drafts import IntakeDraft
from desktop.core.models.org import Organisation, UserAccount
from desktop.core.models.partners import PartnerService
from desktop.core.models.people import (
    Household,
    HouseholdMember,
    IdentityDocument,
    NameDeletion,
    NameForm,
    Person,
    PersonNameKey,
    ProtectionStatus,
    SpecificNeed,
)
from desktop.core.models.retention import RetentionRule
from desktop.core.models.sync import (
    PersonMerge,
    SyncConflict,
    SyncOutbox,
    SyncParked,
    SyncState,
    UserCredential,
)

__all__ = [
    "Accommodation",
    "AidDecision",
    "AuditEvent",
    "AuditHead",
    "CaseFile",
    "Household",
    "HouseholdMember",
    "IdentityDocument",
    "IntakeDraft",
    "NameDeletion",
    "NameForm",
    "Note",
    "Organisation",
    "PartnerService",
    "Person",
    "PersonMerge",
    "PersonNameKey",
    "ProtectionStatus",
    "Record",
    "Referral",
    "RetentionRule",
    "SpecificNeed",
    "SyncConflict",
    "SyncOutbox",
    "SyncParked",
    "SyncState",
    "Task",
    "UserAccount",
    "UserCredential",
    "utcnow",
]
