"""The partner section's parts without a server: the areas, the waits' window, the tile
map's shading and text, and the gaps and longest waits."""

from __future__ import annotations

from central.coordination.ecosystem.areas import BRUSSELS, TILES, area_of, province_of
from central.coordination.ecosystem.service import Ecosystem, Wait, window
from central.coordination.web.partners_view import shade, tile_map
from central.coordination.web.places import Sum


def test_every_province_and_brussels_has_one_tile_and_municipalities_fall_in_theirs():
    assert len(TILES) == 11 and len(set(TILES.values())) == 11
    assert province_of("21004") == BRUSSELS  # Brussels has no province: its region
    assert province_of("25005") == "20002"
    assert area_of("25005", None) == "20002"
    assert area_of("25005", "20002") == "25005" and area_of("25005", "60000") is None


def test_waits_cover_the_twelve_months_ending_with_the_month():
    assert window("2026-03")[0] == "2025-04"
    assert window("2026-12")[0] == "2026-01"


def test_the_map_shades_by_count_and_writes_each_count():
    assert [shade(n, 8) for n in (0, 1, 3, 6, 8)] == [0, 1, 2, 3, 4]
    eco = Ecosystem(None, "2025-04", counts={("60000", "housing"): 4, ("20002", "housing"): 1})
    svg = tile_map(eco, "housing", "de")
    assert svg.count('<g class="tile">') == 11 and "<script" not in svg
    assert 'class="tile-4"' in svg and ">Lüttich<" in svg and "Provinz Lüttich: 4" in svg


def test_gaps_need_people_and_the_longest_waits_come_first_without_hidden_ones():
    eco = Ecosystem(None, "2025-04", counts={("60000", "housing"): 1},
                    persons={"60000": Sum(12, 1, 0), "90000": Sum(0, 1, 0)},
                    waits={("60000", "housing"): Wait(9, 6), ("60000", "health"): Wait(30, 5),
                           ("60000", "legal_aid"): Wait(None, 4)})
    gaps = eco.gaps()
    assert ("60000", "health") in gaps and ("60000", "housing") not in gaps
    assert not any(area == "90000" for area, _ in gaps)
    assert [(a, k) for a, k, _ in eco.longest()] == [("60000", "health"), ("60000", "housing")]
