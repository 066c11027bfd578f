"""The partner directory read whole and filtered in Python: search times for 500 and 5,000
entries (the import's ceiling), and the window's list filled again (one keystroke).

    uv run python bench/partners.py
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from _common import PASSWORD, USER, summary

from desktop.core.enums import PartnerKind
from desktop.core.partners import PartnerFilter
from desktop.core.partners.examples import example_entries
from desktop.core.reference import reference_data
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import NewOrganisation, Vault
from tests.conftest import FAST_KDF

FILTERS = {
    "everything": PartnerFilter(),
    "kind": PartnerFilter(kind=PartnerKind.HOUSING),
    "municipality": PartnerFilter(municipality="62063"),
    "language": PartnerFilter(language="uk"),
    "words": PartnerFilter(text="horizon exemple"),
}


def main() -> None:
    from desktop.ui.application import make_application
    from desktop.ui.language import UiLanguage
    from desktop.ui.partners.browser import PartnerBrowser

    app = make_application()
    reference = reference_data()
    places = random.Random(3).sample(sorted(reference.municipalities), 60)
    for size in (500, 5_000):
        vault = Vault(DataPaths.portable(Path(tempfile.mkdtemp())), kdf=FAST_KDF)
        session, _ = vault.create(NewOrganisation(name="CPAS de Liège", refnis="62063",
                                                  document_language="fr"), USER, PASSWORD,
                                  language="fr")
        services = Services.for_session(session)
        base = example_entries(reference.municipality("62063"), "fr")
        rng = random.Random(size)
        entries = [replace(base[i % len(base)], name=f"{base[i % len(base)].name} {i}",
                           municipalities=rng.sample(places, 3)) for i in range(size)]
        started = time.perf_counter()
        services.partners.add_many(entries)
        print(f"{size} entries added in one transaction: {time.perf_counter() - started:.2f} s")
        for name, wanted in FILTERS.items():
            times = []
            for _ in range(15):
                started = time.perf_counter()
                found = services.partners.search(wanted)
                times.append(time.perf_counter() - started)
            print(f"  search {name:<13} {len(found):>5} found: {summary(times)}")
        browser = PartnerBrowser(UiLanguage("fr"), services.partners, reference)
        times = []
        for word in ("h", "ho", "hor", "hori", "horiz"):
            started = time.perf_counter()
            browser.words.setText(word)  # reloads, as a keystroke does
            app.processEvents()
            times.append(time.perf_counter() - started)
        print(f"  window list refilled per keystroke: {summary(times)}")
        session.close()


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # the offscreen widgets' teardown at exit is not what is measured
