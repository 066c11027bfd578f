"""Backups that restore: one file per backup holding a consistent copy of the encrypted
database, the keys.json of the same moment and a manifest (archive), checked after writing
(verify), rotated (rotation), put back (restore), offered to administrators (service)."""
