"""Moved to ``desktop.core.demo.material``; kept so older imports keep working."""

from desktop.core.demo.material import (  # noqa: F401
    CITIES,
    FEMALE_RU,
    FEMALE_UK,
    MALE_RU,
    MALE_UK,
    PARTNERS,
    SURNAMES_RU,
    SURNAMES_UK,
    SURNAMES_UK_ADJ,
    TASK_TITLES,
)
