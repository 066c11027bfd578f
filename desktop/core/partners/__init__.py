"""The directory of partner services (issue 13): what a CPAS refers people to. Entries are
local (the CPAS's own, kept by its administrators) or regional (a coordinator's, synced from
the central, read-only here). Any signed-in user reads the directory to refer someone."""

from desktop.core.partners.directory import PartnerDirectory, PartnerFilter
from desktop.core.partners.entry import PartnerEntry, entry_of, entry_problems

__all__ = ["PartnerDirectory", "PartnerEntry", "PartnerFilter", "entry_of", "entry_problems"]
