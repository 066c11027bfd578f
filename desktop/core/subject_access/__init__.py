"""The person's own copy of their data (GDPR art. 15, access, and art. 20, portability):
everything Relais holds about one person, gathered for a social worker or an administrator
and written by ``desktop/documents/subject_access`` as a PDF and a JSON file."""

from desktop.core.subject_access.gather import SubjectAccessService
from desktop.core.subject_access.record import SCHEMA, SubjectCopy, Withheld

__all__ = ["SCHEMA", "SubjectAccessService", "SubjectCopy", "Withheld"]
