"""The central's tables (SQLAlchemy Core, its own metadata: the desktop's tables are not ours).
UUIDs are stored as their lower-case text; JSON is JSON on SQLite and JSONB on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData()
Json = JSON().with_variant(JSONB(), "postgresql")
Id = String(36)

organisation = Table(
    "organisation", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("refnis", String(5), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    # The registering desktop's organisation record id; NULL until a desktop enrols.
    Column("record_id", Id, nullable=True),
    # Last number drawn from the organisation's sequence (under a row lock, see push.py).
    Column("seq", BigInteger, nullable=False, default=0),
    # Tombstones at or below this sequence number were purged.
    Column("horizon", BigInteger, nullable=False, default=0),
    Column("next_series", Integer, nullable=False, default=0),
    Column("created_at", DateTime, nullable=False),
    # The key that signs the figures file of a CPAS that does not sync (hex, 256 bits):
    # HMAC needs the key itself, so it is kept, not its hash (docs/figures-schema.md).
    Column("figures_key", String(64), nullable=True),
)

device = Table(
    "device", metadata,
    Column("id", Id, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisation.id"), nullable=False,
           index=True),
    Column("name", String(200), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("scope", String(20), nullable=False),
    Column("series", String(10), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("revoked_at", DateTime, nullable=True),
    # The organisation's horizon when this device last began a download from cursor 0: a
    # cursor below the horizon is expired only for a device that has not begun one since.
    Column("download_horizon", BigInteger, nullable=False, default=0),
)

enrol_code = Table(
    "enrol_code", metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisation.id"), nullable=False),
    Column("scope", String(20), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("used_at", DateTime, nullable=True),
)

# The current state of every record, one row per record: a pull sends rows by seq.
record = Table(
    "record", metadata,
    Column("organisation_id", Integer, ForeignKey("organisation.id"), primary_key=True),
    Column("entity", String(40), primary_key=True),
    Column("id", Id, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("deleted", Boolean, nullable=False, default=False),
    Column("values", Json, nullable=False),
    # field -> [author, at] of its last write: who and when for the conflicts.
    Column("stamps", Json, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("updated_by", Id, nullable=True),
    Column("updated_at", String(40), nullable=True),
    Column("written_at", DateTime, nullable=False),  # the central's clock: purge age
    Index("ix_record_org_seq", "organisation_id", "seq", unique=True),
    # A push reads its batch's records by id (migration 0002).
    Index("ix_record_org_id", "organisation_id", "id"),
)

# Every change handled (not the deferred ones): dedupe by change id and content.
change = Table(
    "change", metadata,
    Column("organisation_id", Integer, ForeignKey("organisation.id"), primary_key=True),
    Column("change_id", Id, primary_key=True),
    Column("content_hash", String(64), nullable=False),
    Column("result", Json, nullable=False),
    Column("device_id", Id, nullable=False),
    Column("handled_at", DateTime, nullable=False),
)

# Answered batches by Idempotency-Key.
batch = Table(
    "batch", metadata,
    Column("organisation_id", Integer, ForeignKey("organisation.id"), primary_key=True),
    Column("batch_id", Id, primary_key=True),
    Column("body_hash", String(64), nullable=False),
    Column("response", Json, nullable=False),
    Column("device_id", Id, nullable=False),
    Column("handled_at", DateTime, nullable=False),
)

# Persons merged away: later changes naming other_id are redirected to keep_id.
merge_redirect = Table(
    "merge_redirect", metadata,
    Column("organisation_id", Integer, ForeignKey("organisation.id"), primary_key=True),
    Column("other_id", Id, primary_key=True),
    Column("keep_id", Id, nullable=False),
    Column("repoint", Json, nullable=False),
    Column("batch_id", Id, nullable=False),
)

# Coordinators see figures of the organisations within their scope, never a record.
coordinator = Table(
    "coordinator", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("scope", String(40), nullable=False),  # federal | region:WAL | province:60000
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False),
    Column("revoked_at", DateTime, nullable=True),
)

# The figures a CPAS that does not sync sent as a signed file, one per organisation and month
# (the organisation's block of the document, suppressed on the desktop).
figures_file = Table(
    "figures_file", metadata,
    Column("organisation_id", Integer, ForeignKey("organisation.id"), primary_key=True),
    Column("month", String(7), primary_key=True),
    Column("block", Json, nullable=False),
    Column("made_at", String(40), nullable=False),
    Column("imported_at", DateTime, nullable=False),
)

# The regional directories of partner services a coordinator publishes: the central's own
# copy of each entry (an organisation enrolled later gets it from here); every organisation
# of the scope holds it as a partner_service record of its stream (central/publishing/).
regional_partner = Table(
    "regional_partner", metadata,
    Column("id", Id, primary_key=True),
    Column("scope", String(40), nullable=False, index=True),  # region:WAL | province:…
    Column("version", Integer, nullable=False),
    Column("values", Json, nullable=False),  # the record's values, as the desktops hold them
    Column("updated_at", DateTime, nullable=False),
)

# The figures of a synced organisation for a month as the coordinator page shows them (its
# suppressed block, or only its suppressed overview for the chart's months), stored with
# the organisation's ``seq`` they were computed at: a row whose seq is not the
# organisation's current one is stale and never read (central/coordination/stored.py).
figures_stored = Table(
    "figures_stored", metadata,
    Column("organisation_id", Integer, ForeignKey("organisation.id"), primary_key=True),
    Column("month", String(7), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    # SQL NULL when only the overview was counted (not JSON null: ``block IS NULL`` reads it).
    Column("block", JSON(none_as_null=True).with_variant(JSONB(none_as_null=True),
                                                         "postgresql"), nullable=True),
    Column("overview", Json, nullable=False),
    Column("computed_at", DateTime, nullable=False),
)
