"""Retention and erasure: rules an administrator sets per kind of file (closed files, quick
intakes never completed, drafts), a preview of what they would touch, and anonymisation,
which removes what identifies a person and keeps what the monthly figures count.

- ``rules``: the rules, their units, limits and suggested values.
- ``candidates``: which persons and drafts the rules touch today, and why (read only).
- ``anonymise``: the writes that make a person anonymous, through the unit of work.
- ``leftovers``: old values kept elsewhere in this database (the sync outbox's payloads,
  sync conflicts) made to forget them in the same transaction.
- ``service``: ``RetentionService``, for the CLI and the window alike (administrators only).
"""
