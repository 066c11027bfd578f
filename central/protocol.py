"""The numbers and names of sync protocol v1 (docs/sync-protocol.md) as the central knows them.
The central is schema-less about record values: it knows only which entities it accepts and
which fields a volunteer device may neither read nor write."""

from __future__ import annotations

from typing import Any

PROTOCOL = 1
# Desktops older than this get 426 protocol_too_old.
MIN_PROTOCOL = 1
PROTOCOL_HEADER = "X-Relais-Protocol"

# Entities a desktop may push (the synchronised tables of desktop/core/models, plus the
# records that exist for sync: credentials, merges and conflicts).
ENTITIES: frozenset[str] = frozenset({
    "organisation", "user_account", "user_credential",
    "household", "person", "household_member", "identity_document", "protection_status",
    "specific_need",
    "case_file", "accommodation", "note", "task", "referral", "aid_decision",
    "partner_service",
    "person_merge", "sync_conflict", "retention_rule",
})
MERGE_ENTITY = "person_merge"
CONFLICT_ENTITY = "sync_conflict"
MERGED_ENTITY = "person"  # the entity a person_merge redirects
DELETED_FIELD = "__deleted__"

# Fields a volunteer device may neither read nor write, from the desktop's roles
# (desktop/core/roles.py): the national number (VIEW_NATIONAL_NUMBER), a need's details
# (VIEW_NEED_DETAILS), social workers' notes and the PIIS flag of aid (VIEW_SOCIAL_NOTES).
# A field maps to None (always restricted) or to (field, value): restricted while the
# record's ``field`` has that value.
Condition = tuple[str, Any] | None
RESTRICTED_FIELDS: dict[str, dict[str, Condition]] = {
    "person": {"national_number": None, "national_number_kind": None},
    "specific_need": {"details": None},
    "note": {"body": ("audience", "social_workers"),
             "merged_values": ("audience", "social_workers")},
    "aid_decision": {"piis": None},
}

# Entities a volunteer device neither receives nor writes at all: the desktop shows aid
# decisions to social workers and administrators only.
VOLUNTEER_HIDDEN_ENTITIES: frozenset[str] = frozenset({"aid_decision"})

# Records the central alone writes: a coordinator's regional directory of partner services,
# the same for every organisation of the region. No device may create, change or delete
# one (the desktop's service refuses it too). entity -> (field, value) that marks them.
CENTRAL_KEPT: dict[str, tuple[str, Any]] = {"partner_service": ("scope", "regional")}

SCOPE_FULL = "full"
SCOPE_VOLUNTEER = "volunteer"

# Transport limits.
MAX_BODY_SENT = 4 * 1024 * 1024
MAX_BODY_INFLATED = 16 * 1024 * 1024
MAX_CHANGES_PER_PUSH = 500
MAX_CHANGE_BYTES = 64 * 1024
MAX_PULL_LIMIT = 1000
GZIP_MINIMUM_SIZE = 1024

# Error codes (the desktop translates them; detail texts are for logs and people debugging).
UNAUTHORISED = "unauthorised"
DEVICE_REVOKED = "device_revoked"
PROTOCOL_TOO_OLD = "protocol_too_old"
CODE_INVALID = "code_invalid"
WRONG_ORGANISATION = "wrong_organisation"
ORGANISATION_ALREADY_REGISTERED = "organisation_already_registered"
ORGANISATION_NOT_REGISTERED = "organisation_not_registered"
TOO_LARGE = "too_large"
MALFORMED = "malformed"
IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
CURSOR_EXPIRED = "cursor_expired"
NOT_FOUND = "not_found"
# A volunteer's code cannot register the organisation (its records would be half seen).
VOLUNTEER_CODE = "volunteer_code"
SERVER_ERROR = "server_error"

# Push results and the reasons of a rejection.
APPLIED, MERGED, CONFLICT = "applied", "merged", "conflict"
DUPLICATE, REJECTED, DEFERRED = "duplicate", "rejected", "deferred"
REASON_MALFORMED = "malformed"
REASON_UNKNOWN_ENTITY = "unknown_entity"
REASON_RESTRICTED = "restricted_field"
REASON_EXISTS = "exists"
REASON_CHANGE_ID_REUSED = "change_id_reused"
REASON_TOO_LARGE = "too_large"
