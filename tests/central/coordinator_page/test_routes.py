"""The coordinator page on a real central (SQLite and PostgreSQL): login with the
coordinator's token, a signed HttpOnly SameSite=Strict cookie, the scope enforced as in
GET /api/v1/figures, security headers, logout, and no person's value on any page or file."""

from __future__ import annotations

import zipfile
from io import BytesIO

from pypdf import PdfReader

from central.coordination import accounts
from tests.central.coordinator_page.pages import (
    browser,
    coordinator,
    get,
    login,
    organisation,
    post_form,
)
from tests.figures.records import MONTH

LEVELS = ("region", "province", "municipality")


def test_the_login_page_speaks_four_languages_and_sends_the_security_headers(central):
    for lang, words in (("fr", "Jeton d’accès"), ("nl", "Toegangstoken"),
                        ("de", "Zugangstoken"), ("en", "Access token")):
        answer = get(central, "/coordinator/login", lang=lang)
        assert answer.status_code == 200
        assert f'<html lang="{lang}">' in answer.text and words in answer.text
        assert '<label for="token">' in answer.text and "<script" not in answer.text
    headers = answer.headers
    assert "script-src" not in headers["content-security-policy"]
    assert "default-src 'none'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["cache-control"] == "no-store"
    assert get(central, "/coordinator/login",
               **{}).headers.get("content-language") is None  # lang is in the page
    accept = browser(central).get("/coordinator/login", headers={"Accept-Language": "nl-BE"})
    assert '<html lang="nl">' in accept.text


def test_a_wrong_token_opens_nothing_and_a_good_one_gives_a_strict_cookie(central):
    wrong = post_form(browser(central), "/coordinator/login", {"token": "nope", "lang": "de"})
    assert wrong.status_code == 401 and "nicht gültig" in wrong.text
    assert "set-cookie" not in wrong.headers
    _, token = coordinator(central, "region:WAL")
    answer = post_form(browser(central), "/coordinator/login", {"token": token, "lang": "fr"})
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/coordinator/figures")
    flags = [part.strip().lower() for part in answer.headers["set-cookie"].split(";")]
    assert {"httponly", "samesite=strict", "path=/coordinator"} <= set(flags)
    assert any(f.startswith("max-age=") and int(f.split("=")[1]) <= 1800 for f in flags)
    assert token not in answer.headers["set-cookie"]
    # A post from another site is refused even with a good token.
    other = post_form(browser(central), "/coordinator/login", {"token": token},
                      Origin="http://evil.example")
    assert other.status_code == 403 and "set-cookie" not in other.headers


def test_a_forged_or_revoked_session_is_sent_back_to_the_login(central):
    name, token = coordinator(central, "federal")
    cookie = login(central, token)
    assert get(central, "/coordinator/figures", cookie, month=MONTH).status_code == 200
    payload, mac = cookie.rsplit(".", 1)
    forged = f"{payload}.{'0' * len(mac)}"
    for bad in (forged, "x", payload):
        answer = get(central, "/coordinator/figures", bad, month=MONTH)
        assert answer.status_code == 303 and "/coordinator/login" in answer.headers["location"]
    accounts.revoke(central.engine, name)
    assert get(central, "/coordinator/figures", cookie, month=MONTH).status_code == 303
    assert get(central, "/coordinator/download.csv", cookie,
               month=MONTH).status_code == 303


def test_logout_needs_the_pages_csrf_token_and_ends_the_session(central):
    _, token = coordinator(central, "federal")
    cookie = login(central, token)
    page = get(central, "/coordinator/figures", cookie, month=MONTH, lang="en").text
    csrf = page.split('name="csrf" value="')[1].split('"')[0]
    assert post_form(browser(central), "/coordinator/logout", {"csrf": "forged"},
                     cookie).status_code == 303
    assert get(central, "/coordinator/figures", cookie, month=MONTH).status_code == 200
    out = post_form(browser(central), "/coordinator/logout", {"csrf": csrf}, cookie)
    assert out.status_code == 303 and 'relais_coordinator=""' in out.headers["set-cookie"]
    # The old cookie, kept by someone, opens nothing after the logout.
    assert get(central, "/coordinator/figures", cookie, month=MONTH).status_code == 303


def test_a_regional_coordinator_sees_nothing_of_another_region(central):
    wal, _ = organisation(central, "03000", "CPAS Page Wallonie", 31)
    vlg, _ = organisation(central, "02000", "OCMW Pagina Vlaanderen", 32)
    _, token = coordinator(central, "region:WAL")
    cookie = login(central, token)
    for level in LEVELS:
        page = get(central, "/coordinator/figures", cookie, month=MONTH, level=level).text
        assert wal in page and "CPAS Page Wallonie" in page
        assert vlg not in page and "Vlaanderen" not in page and "Vlaams Gewest" not in page
    asked = get(central, "/coordinator/figures", cookie, month=MONTH, scope="region:VLG",
                lang="en")
    assert asked.status_code == 400 and "outside your own" in asked.text
    assert vlg not in asked.text and "OCMW Pagina" not in asked.text
    assert get(central, "/coordinator/download.csv", cookie, month=MONTH,
               scope="region:VLG").status_code == 403
    assert get(central, "/coordinator/download.csv", cookie, month=MONTH,
               scope="federal").status_code == 403
    # The scope picker offers the region and its provinces only.
    page = get(central, "/coordinator/figures", cookie, month=MONTH, lang="fr").text
    picker = page.split('<select id="scope"')[1].split("</select>")[0]
    assert "region:WAL" in picker and "region:VLG" not in picker and "federal" not in picker
    assert "province:60000" in picker and "province:10000" not in picker


def test_no_page_or_download_holds_a_name_a_number_a_phone_or_a_birth_date(central):
    refnis, data = organisation(central, "03000", "CPAS Secrets Page", 33, households=40)
    _, token = coordinator(central, "region:WAL")
    cookie = login(central, token)
    texts = {}
    for lang in ("fr", "nl", "de", "en"):
        for level in LEVELS:
            answer = get(central, "/coordinator/figures", cookie, month=MONTH, level=level,
                         lang=lang)
            assert answer.status_code == 200, answer.text[:300]
            texts[f"page {lang} {level}"] = answer.text
    texts["login"] = get(central, "/coordinator/login").text
    for kind in ("csv", "xlsx", "pdf"):
        answer = get(central, f"/coordinator/download.{kind}", cookie, month=MONTH,
                     lang="fr")
        assert answer.status_code == 200
        assert "attachment" in answer.headers["content-disposition"]
        if kind == "csv":
            texts[kind] = answer.content.decode("utf-8-sig")
        elif kind == "xlsx":
            with zipfile.ZipFile(BytesIO(answer.content)) as book:
                texts[kind] = " ".join(book.read(n).decode("utf-8")
                                       for n in book.namelist() if n.endswith(".xml"))
        else:
            texts[kind] = " ".join(p.extract_text() for p in
                                   PdfReader(BytesIO(answer.content)).pages)
    assert "Personnes par âge et sexe" in texts["pdf"]
    assert texts["csv"].startswith("schéma,mois,code REFNIS")
    for kind, text in texts.items():
        assert kind == "login" or refnis in text, kind
        assert sorted(s for s in data.secrets if s in text) == [], kind


def test_the_page_shows_the_month_by_place_the_chart_and_the_legend(central):
    organisation(central, "03000", "CPAS Graphique", 34, households=50)
    _, token = coordinator(central, "region:WAL")
    cookie = login(central, token)
    page = get(central, "/coordinator/figures", cookie, month=MONTH, lang="fr").text
    assert "Région wallonne" in page and "Les 12 derniers mois" in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') == 1
    assert 'role="img"' in page and "<title id=\"trend-t\">" in page
    assert "&lt;5 : un nombre de 1 à 4." in page and "Chiffres masqués" in page
    assert f'/coordinator/download.pdf?month={MONTH}' in page
    assert 'type="month"' in page and f'value="{MONTH}"' in page
    assert "2025-04" in page and "2026-03" in page  # the chart's twelve months
    by_province = get(central, "/coordinator/figures", cookie, month=MONTH,
                      level="province", lang="nl").text
    assert "Provincie" in by_province
    bad = get(central, "/coordinator/figures", cookie, month="2026-13", lang="de")
    assert bad.status_code == 400 and "JJJJ-MM" in bad.text


def test_failed_logins_from_one_address_are_stopped_for_a_while(central):
    # Through a local proxy (uvicorn trusts X-Forwarded-For from 127.0.0.1): an address of
    # its own, so the other tests' logins are not blocked.
    address = f"10.{len(central.url) % 200}.{central.url[-2:]}.9"
    _, token = coordinator(central, "federal")
    for _ in range(10):
        answer = post_form(browser(central), "/coordinator/login", {"token": "guess"},
                           **{"X-Forwarded-For": address})
        assert answer.status_code == 401
    stopped = post_form(browser(central), "/coordinator/login",
                        {"token": token, "lang": "fr"}, **{"X-Forwarded-For": address})
    assert stopped.status_code == 429 and "15 minutes" in stopped.text
    assert "set-cookie" not in stopped.headers


def test_the_page_follows_a_sync_at_once_despite_its_cache(central):
    from tests.figures.records import generate, municipalities, push_all, real_org

    refnis = real_org(central, "03000", "CPAS Cache")
    device = central.enrol(refnis)
    push_all(device, generate(51, 20, municipalities("03000")[:1]))
    _, token = coordinator(central, "region:WAL")
    cookie = login(central, token)

    def persons() -> str:
        page = get(central, "/coordinator/figures", cookie, month=MONTH, lang="en").text
        row = page.split(f"{refnis} CPAS Cache</th>")[1].split("</tr>")[0]
        return row.split("<td>")[1].split("</td>")[0]

    before = persons()
    assert persons() == before  # read again from the cache
    push_all(device, generate(52, 20, municipalities("03000")[:1]))
    assert persons() != before
