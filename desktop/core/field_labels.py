"""A synced record's entity and field names as the catalogs word them (no Qt): the window's
conflict and problem lists and the command line's both say "Phone", not ``phone``."""

from __future__ import annotations

from desktop.core.i18n import Translator, load_catalog


def _known(key: str) -> bool:
    return key in load_catalog("en")


def field_label(tr: Translator, name: str) -> str:
    for key in (f"field.{name}", f"intake.field_{name}"):
        if _known(key):
            return tr(key)
    return name


def entity_label(tr: Translator, entity: str) -> str:
    return tr(f"entity.{entity}") if _known(f"entity.{entity}") else entity
