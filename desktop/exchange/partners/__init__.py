"""The partner directory as a spreadsheet: the same header rules as the persons' lists
(headers as word stems in five languages, every column left out named, formula-like cells
guarded, limits), its own columns and values."""

from desktop.exchange.partners.export import PartnerExport
from desktop.exchange.partners.read import PartnerImport, PartnerImportPlan, problem_text

__all__ = ["PartnerExport", "PartnerImport", "PartnerImportPlan", "problem_text"]
