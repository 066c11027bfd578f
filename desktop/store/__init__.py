"""Storage: the encrypted database file, its keys, migrations and backups. No Qt."""
