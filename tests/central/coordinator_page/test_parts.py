"""The coordinator page's parts without a server: the SVG chart, sums over places with
hidden parts, the session cookie's signature and times, the failed-login limit, and every
word of the page in the four languages."""

from __future__ import annotations

import string
import time
import xml.etree.ElementTree as ET

from central.coordination.series import previous_months, suppressed_overview
from central.coordination.web import session as sessions
from central.coordination.web.chart import Point, bars_and_line, nice_top
from central.coordination.web.places import Sum, by_level, shown
from central.coordination.web.words import LANGUAGES, PAGE, choose_language

SVG = "{http://www.w3.org/2000/svg}"


def test_the_chart_draws_a_bar_per_known_month_and_a_line_and_names_itself():
    points = [Point("25-01", 10, 4), Point("25-02", None, 6), Point("25-03", 30, None),
              Point("25-04", 42, 9)]
    svg = ET.fromstring(bars_and_line(points, "Persons & files", "Bars <and> line", "c"))
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "c-t c-d"
    assert svg.find(f"{SVG}title").text == "Persons & files"
    assert svg.find(f"{SVG}desc").text == "Bars <and> line"
    bars = svg.findall(f"{SVG}rect")
    assert len(bars) == 3  # the hidden month draws nothing
    heights = [float(b.get("height")) for b in bars]
    assert heights[0] < heights[1] < heights[2]
    assert len(svg.find(f"{SVG}polyline").get("points").split()) == 3
    assert [t.text for t in svg.findall(f"{SVG}text")][-4:] == ["25-01", "25-02", "25-03",
                                                                "25-04"]
    assert "style=" not in bars_and_line(points, "t", "d", "c")  # CSP: no inline style
    assert (nice_top(0), nice_top(42), nice_top(180), nice_top(1001)) == (5, 50, 200, 2000)


def test_a_sum_with_a_hidden_part_is_at_least_its_visible_part():
    whole, partial, alone, nothing = Sum(), Sum(), Sum(), Sum()
    for value in (7, 5):
        whole.add(value)
    for value in (7, None):
        partial.add(value)
    alone.add(None)
    for value in (None, None):
        nothing.add(value)
    assert shown(whole, "<5") == "12"
    assert shown(partial, "<5") == "≥ 7"
    assert shown(alone, "<5") == "<5" and shown(alone, "–") == "–"
    assert shown(nothing, "<5") == "–"  # two hidden counts may add up to 5 or more


def test_places_add_organisations_up_by_region_and_municipalities_across_them():
    def org(refnis, region, province, persons, places):
        return {"refnis": refnis, "region": region, "province": province, "tables": [
            {"key": "overview", "columns": ["count"], "rows": [
                {"row": "persons", "values": [persons]}]},
            {"key": "by_municipality", "columns": ["persons", "households", "files_active",
                                                   "files_closed"],
             "rows": [{"row": code, "values": values} for code, values in places]}]}

    doc = {"organisations": [
        org("62063", "03000", "60000", 40, [("62063", [30, 10, 9, None])]),
        org("63001", "03000", "60000", None, [("62063", [8, 5, 5, 0]),
                                             ("other", [None, None, 2, 0])]),
        org("21004", "04000", None, 12, [])]}
    regions = {r.code: r.sums["persons"] for r in by_level(doc, "region")}
    assert shown(regions["03000"], "<5") == "≥ 40" and shown(regions["04000"], "<5") == "12"
    provinces = [r.code for r in by_level(doc, "province")]
    assert provinces == ["60000", "none"]
    places = {r.code: r.sums for r in by_level(doc, "municipality")}
    assert shown(places["62063"]["persons"], "–") == "38"
    assert shown(places["62063"]["files_closed"], "–") == "≥ 0" or \
        shown(places["62063"]["files_closed"], "–") == "–"
    assert list(places) == ["62063", "other"]


def test_the_series_hides_small_overview_counts_and_counts_back_twelve_months():
    assert previous_months("2026-03", 12)[0] == "2025-04"
    assert previous_months("2026-03", 12)[-1] == "2026-03"
    assert previous_months("2026-01", 2) == ["2025-12", "2026-01"]
    shown_values = suppressed_overview({"persons": 12, "households": 3, "files_active": 0})
    assert shown_values["persons"] == 12 and shown_values["households"] is None
    assert shown_values["files_active"] == 0


def test_a_session_cookie_is_signed_expires_and_ends_at_logout(monkeypatch):
    signer, other = sessions.SessionSigner(), sessions.SessionSigner()
    value = signer.issue(7)
    found = signer.read(value)
    assert found is not None and found.coordinator_id == 7
    assert other.read(value) is None  # another key (a restart)
    payload, mac = value.rsplit(".", 1)
    assert signer.read(payload.replace(payload[2], "A" if payload[2] != "A" else "B", 1)
                       + "." + mac) is None
    assert signer.csrf_ok(found, signer.csrf(found)) and not signer.csrf_ok(found, "")
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + sessions.IDLE_SECONDS + 1)
    assert signer.read(value) is None  # idle too long
    renewed = None
    for step in range(0, sessions.MAX_SECONDS + 60, sessions.IDLE_SECONDS - 60):
        monkeypatch.setattr(time, "time", lambda step=step: now + step)
        renewed = signer.renew(found)
    monkeypatch.setattr(time, "time", lambda: now + sessions.MAX_SECONDS + 1)
    assert signer.read(renewed) is None  # renewed all day, still ends after 8 hours
    monkeypatch.setattr(time, "time", lambda: now)
    fresh = signer.issue(8)
    signer.end(signer.read(fresh))
    assert signer.read(fresh) is None


def test_failed_logins_are_limited_per_address():
    limit = sessions.FailureLimit(limit=3, window=60)
    for _ in range(3):
        assert not limit.blocked("10.0.0.1")
        limit.failed("10.0.0.1")
    assert limit.blocked("10.0.0.1") and not limit.blocked("10.0.0.2")


def test_every_word_of_the_page_in_four_languages_with_the_same_placeholders():
    def placeholders(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, texts in PAGE.items():
        assert len(texts) == len(LANGUAGES) and all(texts), key
        assert len({frozenset(placeholders(t)) for t in texts}) == 1, key
    assert choose_language(None, "de-BE,de;q=0.9,en;q=0.8") == "de"
    assert choose_language("uk", "pl") == "en" and choose_language("nl", "fr") == "nl"
