"""Closed vocabularies of the domain. Values are stored as these strings and translated by key
``<prefix>.<value>`` (see ``Translator.choice``)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMINISTRATOR = "administrator"
    SOCIAL_WORKER = "social_worker"
    VOLUNTEER = "volunteer"


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"
    OTHER = "X"
    UNKNOWN = "U"


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class NationalNumberKind(StrEnum):
    NRN = "nrn"
    BIS = "bis"


class Relationship(StrEnum):
    HEAD = "head"
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    SIBLING = "sibling"
    GRANDPARENT = "grandparent"
    GRANDCHILD = "grandchild"
    OTHER = "other"


class CaseStatus(StrEnum):
    OPEN = "open"
    FOLLOW_UP = "follow_up"
    CLOSED = "closed"


class ClosureReason(StrEnum):
    MOVED = "moved"
    RETURNED_TO_UKRAINE = "returned_to_ukraine"
    LEFT_FOR_ANOTHER_COUNTRY = "left_for_another_country"
    STRUCK_OFF = "struck_off"
    OWN_INCOME = "own_income"
    DECEASED = "deceased"


class AccommodationType(StrEnum):
    HOST_FAMILY = "host_family"
    COLLECTIVE = "collective"
    RENTAL = "rental"
    CRISIS_PLACE = "crisis_place"
    # An address typed before the kind of housing is known: kept, never dropped.
    UNKNOWN = "unknown"


class DocumentType(StrEnum):
    PASSPORT = "passport"
    INTERNAL_PASSPORT = "internal_passport"
    ID_CARD = "id_card"
    BIRTH_CERTIFICATE = "birth_certificate"
    TAXPAYER_NUMBER = "taxpayer_number"
    ATTESTATION = "attestation"
    ANNEX_15 = "annex_15"
    A_CARD = "a_card"
    OTHER = "other"


class SpecificNeedType(StrEnum):
    UNACCOMPANIED_CHILD = "unaccompanied_child"
    SEPARATED_CHILD = "separated_child"
    SINGLE_PARENT = "single_parent"
    OLDER_PERSON_AT_RISK = "older_person_at_risk"
    DISABILITY = "disability"
    SERIOUS_MEDICAL_CONDITION = "serious_medical_condition"
    PREGNANCY = "pregnancy"
    TRAUMA = "trauma"
    OTHER_PROTECTION_NEED = "other_protection_need"


class NoteAudience(StrEnum):
    EVERYONE = "everyone"
    SOCIAL_WORKERS = "social_workers"


class ReferralStatus(StrEnum):
    """Where a referral stands. Proposed and sent come before the partner's answer; the
    others are its outcome (the referral's ``outcome_on`` says when it was known)."""

    PROPOSED = "proposed"
    SENT = "sent"
    WAITING = "waiting"  # on the partner's waiting list
    ACCEPTED = "accepted"
    COMPLETED = "completed"  # done
    DECLINED = "declined"  # refused (by the partner or the person)
    NO_SHOW = "no_show"  # the person did not come


# The statuses that are an outcome: setting one dates the outcome.
REFERRAL_OUTCOMES = frozenset({ReferralStatus.WAITING, ReferralStatus.ACCEPTED,
                               ReferralStatus.COMPLETED, ReferralStatus.DECLINED,
                               ReferralStatus.NO_SHOW})


class PartnerKind(StrEnum):
    """What a partner service does: the directory's kinds (issue 13)."""

    LANGUAGE_COURSES = "language_courses"
    INTEGRATION_PATHWAY = "integration_pathway"
    HOUSING = "housing"
    HEALTH = "health"  # health and health insurance
    MENTAL_HEALTH = "mental_health"  # and psychosocial support
    LEGAL_AID = "legal_aid"
    SCHOOLING = "schooling"  # and reception classes (DASPA, OKAN)
    EMPLOYMENT = "employment"  # and training
    CHILDCARE = "childcare"
    EMERGENCY_AID = "emergency_aid"  # reception and emergency aid
    COMMUNITY = "community"  # community associations
    OTHER = "other"


class PartnerScope(StrEnum):
    """Who keeps a directory entry: the CPAS itself (local), or a coordinator on the
    central for every organisation of a region (regional, read-only on a desktop)."""

    LOCAL = "local"
    REGIONAL = "regional"


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    VIEW = "view"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    EXPORT = "export"
    MERGE = "merge"
    DISCARD = "discard"  # a change the central refused, dropped here (sync/problems.py)
    LOCK = "lock"  # the window locked (idle or by hand)
    UNLOCK = "unlock"
    SEARCH_ID = "search_id"  # a search by national register (or other official) number
    DOCUMENT = "document"  # a PDF made: detail names the kind; entity the case or person
    IMPORT = "import"  # a spreadsheet imported: detail has the row counts, never values
    BACKUP = "backup"
    RESTORE = "restore"
    RETENTION = "retention"  # a retention run: detail has the rule and the count
    ANONYMISE = "anonymise"  # one person anonymised (on request or by a retention run)
    AUDIT_VERIFY = "audit_verify"


class AidCategory(StrEnum):
    """Categories of the social aid equivalent to the integration income."""

    COHABITANT = "cohabitant"
    ISOLATED = "isolated"
    FAMILY_AT_CHARGE = "family_at_charge"


class NeedArea(StrEnum):
    """What a household needs help with at intake; each can become a referral."""

    INCOME = "income"
    HOUSING = "housing"
    HEALTH = "health"
    SCHOOL = "school"
    LANGUAGE = "language"
    WORK = "work"
    CHILDCARE = "childcare"
    PSYCHOSOCIAL = "psychosocial"
    DOCUMENTS = "documents"


class DraftKind(StrEnum):
    INTAKE = "intake"
    QUICK_INTAKE = "quick_intake"


class OutboxStatus(StrEnum):
    """Where a local change stands on its way to the central."""

    PENDING = "pending"  # not sent yet, or answered "deferred": sent again next time
    SENT = "sent"  # the central answered applied, merged, conflict or duplicate
    PROBLEM = "problem"  # rejected: parked with its reason, never blocks the queue


class RetentionKind(StrEnum):
    """What a retention rule looks at (desktop/core/retention/): each rule has its own unit."""

    CLOSED_FILES = "closed_files"  # closed files, N years after closure
    UNFINISHED_INTAKES = "unfinished_intakes"  # quick intakes never completed, M months on
    DRAFTS = "drafts"  # unfinished intake drafts on this desktop, D days after last saved


class ConflictStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class ConflictResolution(StrEnum):
    MINE = "mine"
    THEIRS = "theirs"
    VALUE = "value"
