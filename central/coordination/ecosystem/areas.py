"""Areas of the partner map: a province (Brussels, which has none, is its region's code),
or a municipality within a chosen province; and the tile map's places."""

from __future__ import annotations

from figures.places import place

BRUSSELS = "04000"
# A cartographic tile map of Belgium: (column, row) of each province, roughly where it lies.
TILES: dict[str, tuple[int, int]] = {
    "30000": (0, 0), "40000": (1, 0), "10000": (2, 0), "70000": (3, 0),
    "50000": (0, 1), BRUSSELS: (1, 1), "20001": (2, 1), "60000": (3, 1),
    "20002": (1, 2), "90000": (2, 2), "80000": (3, 2),
}


def province_of(refnis: str) -> str | None:
    where = place(refnis)
    if where.province:
        return where.province
    return BRUSSELS if where.region == BRUSSELS else None


def area_of(refnis: str, province: str | None) -> str | None:
    """The area a municipality counts in: its province, or itself when a province is
    chosen (None outside that province)."""
    if province is None:
        return province_of(refnis)
    return refnis if province_of(refnis) == province else None
