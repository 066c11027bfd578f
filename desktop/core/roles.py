"""What each role may do. Services call ``Actor.require`` before acting, so the rules hold for
the CLI, the UI and any later caller alike."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

from desktop.core.enums import Role
from desktop.core.errors import AccessDenied


class Permission(StrEnum):
    MANAGE_USERS = "manage_users"
    MANAGE_SETTINGS = "manage_settings"
    VIEW_CASES = "view_cases"
    EDIT_CASES = "edit_cases"
    QUICK_INTAKE = "quick_intake"
    VIEW_NATIONAL_NUMBER = "view_national_number"
    VIEW_NEED_DETAILS = "view_need_details"
    VIEW_SOCIAL_NOTES = "view_social_notes"
    GENERATE_DEMO_DATA = "generate_demo_data"
    # Retention rules and anonymisation (of files past their time or of one person on
    # request): administrators only, like users and settings.
    MANAGE_RETENTION = "manage_retention"
    # The person's own copy of their data (GDPR art. 15 and 20): core/subject_access.
    EXPORT_PERSONAL_DATA = "export_personal_data"
    VIEW_AUDIT = "view_audit"  # the audit viewer, its export and verification
    # The CPAS's own entries of the partner directory (core/partners); regional ones come
    # from the central and nobody changes them on a desktop.
    MANAGE_PARTNERS = "manage_partners"
    MANAGE_BACKUPS = "manage_backups"  # back up now, list, verify, restore


_ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMINISTRATOR: frozenset(Permission),
    Role.SOCIAL_WORKER: frozenset(
        {
            Permission.VIEW_CASES,
            Permission.EDIT_CASES,
            Permission.QUICK_INTAKE,
            Permission.VIEW_NATIONAL_NUMBER,
            Permission.VIEW_NEED_DETAILS,
            Permission.VIEW_SOCIAL_NOTES,
            Permission.EXPORT_PERSONAL_DATA,
        }
    ),
    # Volunteers register arrivals and see the list; nothing restricted.
    Role.VOLUNTEER: frozenset({Permission.VIEW_CASES, Permission.QUICK_INTAKE}),
}


def permissions_of(role: Role) -> frozenset[Permission]:
    return _ROLE_PERMISSIONS[role]


@dataclass(frozen=True)
class Actor:
    """The person on whose behalf a service acts (``user_id`` None: the system itself)."""

    user_id: uuid.UUID | None
    username: str
    role: Role
    organisation_id: uuid.UUID | None = None

    def can(self, permission: Permission) -> bool:
        return permission in permissions_of(self.role)

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise AccessDenied("error.access_denied")


SYSTEM = Actor(user_id=None, username="system", role=Role.ADMINISTRATOR)
