"""Domain layer: models, rules, roles, audit. Knows nothing of Qt, storage files or sync."""
