"""The person's own copy, written: a JSON file (``json_file.py``, schema
``relais.subject-access/1``) and a PDF in the official language beside the person's
(``pdf.py``), both 0600, from one pass over the copy's streams (``export.py``)."""

from desktop.documents.subject_access.export import SubjectCopyExport, WrittenCopy

__all__ = ["SubjectCopyExport", "WrittenCopy"]
