"""The definitions of schema relais.figures/1: what each table counts and its rows and
columns. Changing a definition is a new schema version."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

SCHEMA = "relais.figures/1"
SUPPRESS_UNDER = 5  # a count of 1 to 4 is never shown

# Age bands of DOMAIN.md (statistics offices' bands), upper bound inclusive.
AGE_BANDS = ((0, 2), (3, 5), (6, 11), (12, 17), (18, 24), (25, 64), (65, 200))
UNKNOWN = "unknown"
OTHER = "other"  # municipalities with fewer than 5 active files, and unknown addresses
SEXES = ("F", "M", "X", "U")  # desktop.core.enums.Sex values
HOUSEHOLD_TYPES = ("alone", "adults", "single_parent", "adults_with_children", "minors_only")
# The furthest stage a person reached by the end of the month (DOMAIN.md's path).
PROTECTION_STAGES = ("a_card", "annex15", "attestation", "none")
PIIS_ROWS = ("with_piis", "without_piis")
# desktop.core.enums.ReferralStatus values: the outcome as the records hold it today.
REFERRAL_OUTCOMES = ("proposed", "sent", "waiting", "accepted", "completed", "declined",
                     "no_show")
# Outcomes that end the wait (its date is the referral's outcome date, else its last write).
FINAL_OUTCOMES = ("accepted", "completed", "declined", "no_show")
# The partner's kind (the directory's kinds; its "other" is "other_service" here, apart
# from the places' "other"); "unspecified" for a referral to no entry.
REFERRAL_KINDS = ("unspecified", "language_courses", "integration_pathway", "housing",
                  "health", "mental_health", "legal_aid", "schooling", "employment",
                  "childcare", "emergency_aid", "community", "other_service")
# No row of the overview is the sum or difference of others (files open at the month's end
# are files_active - files_closed: a consumer computes them, so a hidden count stays hidden).
OVERVIEW_ROWS = ("persons", "households", "files_active", "files_opened", "files_closed")
PLACE_COLUMNS = ("persons", "households", "files_active", "files_closed")

PERSONS, FILES, HOUSEHOLDS, REFERRALS, MIXED, DAYS = (
    "persons", "files", "households", "referrals", "mixed", "days")


def band_label(band: tuple[int, int]) -> str:
    low, high = band
    return f"{low}+" if high >= 200 else f"{low}–{high}"


AGE_ROWS = (*(band_label(b) for b in AGE_BANDS), UNKNOWN)


@dataclass(frozen=True)
class TableSpec:
    """One table: what it counts (unit), and which totals it publishes. A table publishes
    its column totals and grand total (``totals``) and, with ``row_totals``, its row
    totals; suppression protects cells against exactly those totals."""

    key: str
    unit: str
    columns: tuple[str, ...]
    totals: bool = True
    row_totals: bool = False


TABLES: dict[str, TableSpec] = {spec.key: spec for spec in (
    TableSpec("overview", MIXED, ("count",), totals=False),
    TableSpec("persons_by_age_sex", PERSONS, SEXES, row_totals=True),
    TableSpec("files_by_household_type", FILES, ("count",)),
    TableSpec("persons_by_protection_stage", PERSONS, ("count",)),
    TableSpec("files_by_piis", FILES, ("count",)),
    TableSpec("by_municipality", MIXED, PLACE_COLUMNS),
    TableSpec("referrals_by_kind_outcome", REFERRALS, REFERRAL_OUTCOMES, row_totals=True),
    # The median only, shown when five referrals or more reached an outcome: their number would
    # tie this table to the one above.
    TableSpec("referral_wait", DAYS, ("median_days",), totals=False),
)}


def month_bounds(month: str) -> tuple[date, date]:
    """First and last day of YYYY-MM; ValueError when it is not one."""
    if len(month) != 7 or month[4] != "-" or not (month[:4] + month[5:]).isdigit():
        raise ValueError(month)
    year, number = int(month[:4]), int(month[5:])
    first = date(year, number, 1)
    following = date(year + (number == 12), number % 12 + 1, 1)
    return first, date.fromordinal(following.toordinal() - 1)
