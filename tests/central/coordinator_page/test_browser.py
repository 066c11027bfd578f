"""The coordinator page in a real browser: the machine's Chromium, headless, opens the page
from a real central process on 127.0.0.1, a coordinator types their token into the login
form and signs in, reads the figures of both Walloon CPAS, changes the language, and the
page is saved as a screenshot (tests/central/coordinator_page/screenshots/ when
RELAIS_SCREENSHOTS is set, for a person to look at). Chromium is driven over the DevTools
protocol with the standard library only."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from central.coordination.ecosystem.areas import province_of
from tests.central.coordinator_page.devtools import Browser, chromium
from tests.central.coordinator_page.pages import coordinator, organisation
from tests.figures.records import MONTH

pytestmark = pytest.mark.skipif(
    chromium() is None,
    reason="Chromium is not installed (apt-get install -y chromium; .ci/run installs it)")


@pytest.fixture
def browser(tmp_path):
    opened = Browser(str(chromium()), tmp_path / "profile")
    try:
        yield opened
    finally:
        opened.close()


def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("RELAIS_SCREENSHOTS", "") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_a_coordinator_signs_in_and_reads_the_figures_in_chromium(servers, browser,
                                                                   tmp_path):
    central = servers["sqlite"]
    first, data = organisation(central, "03000", "CPAS de Navigateur-Un", 41, households=60)
    second, _ = organisation(central, "03000", "CPAS de Navigateur-Deux", 42, households=45)
    _, token = coordinator(central, "region:WAL")
    folder = shots(tmp_path)

    browser.open(f"{central.url}/coordinator/login?lang=fr")
    assert browser.evaluate("document.documentElement.lang") == "fr"
    # CSS loaded under the page's CSP (no inline style): the header has its background.
    assert browser.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor"
                            ) == "rgb(238, 243, 248)"
    browser.screenshot(folder / "coordinator-login-fr.png")
    # Typed and submitted as a person would (the page itself has no script).
    browser.evaluate(f"document.getElementById('token').value = {json.dumps(token)};"
                     "document.querySelector('form.login button').click()")
    browser.wait_for_load()
    browser.evaluate("0")  # let the navigation settle
    import time

    deadline = time.monotonic() + 30
    while "/coordinator/figures" not in (browser.evaluate("location.pathname") or ""):
        assert time.monotonic() < deadline, browser.evaluate("document.body.innerText")
        time.sleep(0.1)
    browser.wait_for_load()
    # The cookie is HttpOnly: the page's own script cannot read it.
    assert "relais_coordinator" not in browser.evaluate("document.cookie")
    browser.open(f"{central.url}/coordinator/figures?month={MONTH}&level=province&lang=fr")
    text = browser.evaluate("document.body.innerText")
    assert first in text and second in text and "Région wallonne" in text
    assert "CPAS de Navigateur-Un" in text and "CPAS de Navigateur-Deux" in text
    assert sorted(s for s in data.secrets if s in text) == []
    assert browser.evaluate("document.querySelectorAll('svg.chart rect.bar').length") >= 1
    browser.screenshot(folder / "coordinator-figures-fr.png")

    browser.open(f"{central.url}/coordinator/figures?month={MONTH}&level=municipality"
                 "&lang=nl")
    assert browser.evaluate("document.documentElement.lang") == "nl"
    assert "De laatste 12 maanden" in browser.evaluate("document.body.innerText")
    browser.screenshot(folder / "coordinator-figures-nl.png")
    # The partner services section, reached from the figures by its link.
    browser.evaluate("document.querySelector('a[href^=\"/coordinator/partners\"]').click()")
    deadline = time.monotonic() + 30
    while "/coordinator/partners" not in (browser.evaluate("location.pathname") or ""):
        assert time.monotonic() < deadline, browser.evaluate("document.body.innerText")
        time.sleep(0.1)
    browser.wait_for_load()
    browser.open(f"{central.url}/coordinator/partners?month={MONTH}&kind=housing&lang=fr")
    text = browser.evaluate("document.body.innerText")
    assert "Services partenaires" in text and "Où l’on attend le plus longtemps" in text
    assert browser.evaluate("document.querySelectorAll('svg.tilemap g.tile').length") == 11
    assert sorted(s for s in data.secrets if s in text) == []
    browser.screenshot(folder / "coordinator-partners-fr.png")
    province = province_of(first)
    browser.open(f"{central.url}/coordinator/partners?month={MONTH}&kind=housing"
                 f"&province={province}&area={first}&lang=fr#list-h")
    assert "Service 1" in browser.evaluate("document.body.innerText")
    browser.screenshot(folder / "coordinator-partners-list-fr.png")
    # Printed: the forms and the downloads are left out.
    browser.call("Emulation.setEmulatedMedia", media="print")
    assert browser.evaluate("getComputedStyle(document.querySelector('.controls')).display"
                            ) == "none"
    browser.screenshot(folder / "coordinator-figures-print.png")
