"""The audit trail: the hash chain every event is written through, its verification, and
what is read back from it (the viewer's queries, its CSV export)."""
