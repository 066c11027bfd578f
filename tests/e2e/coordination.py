"""The issue-13 "done when" as one scene, shared by the end-to-end test and the script that
saves its screenshots (scripts/coordination_scene.py): two CPAS with demo data enrol and
sync to one real central process, a third one without sync sends its signed figures file,
which the central's operator imports, a coordinator reads all three on the page in
headless Chromium, and a social worker refers a person to a partner of the directory and
prints the letter."""

from __future__ import annotations

import json
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select
from sqlmodel import Session

from desktop.core.demo import TODAY
from desktop.core.enums import Role
from desktop.core.models import CaseFile
from desktop.core.partners.directory import PartnerFilter
from desktop.documents.base import Languages
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.database import WorkSession
from desktop.store.vault import NewOrganisation, Vault
from desktop.sync import setup
from desktop.sync.client import SyncClient
from desktop.sync.device_token import DeviceToken
from desktop.sync.engine import SyncEngine
from tests.central.coordinator_page.devtools import Browser
from tests.central.server import ENV, ROOT, command
from tests.conftest import FAST_KDF
from tests.figures.records import real_org
from tests.sync.desktops import Desktop, relais_command

MONTH = TODAY.strftime("%Y-%m")  # the demo data's month (desktop/core/demo.py)
ADMIN, PASSWORD = "admin", "correct horse battery staple"
WORKER, WORKER_PASSWORD = "olena", "a passphrase of her own 42"
NAMES = ("CPAS de Scène-Un", "CPAS de Scène-Deux", "CPAS de Scène-Trois (fichier)")


@dataclass
class Scene:
    folder: Path
    refnis: list[str] = field(default_factory=list)
    screenshots: list[Path] = field(default_factory=list)
    page_text: str = ""
    letter_text: str = ""
    partner_address: str = ""


def operator(central, *args: str) -> str:
    """relais-central as the operator types it, on the central's own database."""
    done = subprocess.run(command("--db", central.database_url, *args), cwd=ROOT, env=ENV,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done.stdout


PERSONS = 24  # per CPAS: enough for most overview cells to show (5 or more)


def desktop(folder: Path, name: str, refnis: str) -> tuple[Vault, WorkSession, Services]:
    """A CPAS's first desktop with ``relais demo``'s data (the services the CLI calls)."""
    vault = Vault(DataPaths.portable(folder), kdf=FAST_KDF)
    session, _ = vault.create(NewOrganisation(name=name, refnis=refnis,
                                              document_language="fr"),
                              ADMIN, PASSWORD, language="fr")
    services = Services.for_session(session)
    services.partners.load_examples()
    services.demo.generate(PERSONS, seed=len(name))
    return vault, session, services


def without_sync(folder: Path, refnis: str, month: str, key: str, out: Path) -> None:
    """A CPAS that does not sync, through the relais command as its administrator types
    it: set up, demo data, its signed figures file for the month."""
    third = Desktop(folder, folder.with_name(folder.name + "-keyring.json"))
    third.run("init", "--org-refnis", refnis, "--admin", ADMIN, password=PASSWORD)
    third.run("demo", "--persons", str(PERSONS), "--user", ADMIN, password=PASSWORD)
    env = {**third._env(PASSWORD, None), "RELAIS_FIGURES_KEY": key}
    done = subprocess.run(relais_command("--data-dir", str(folder), "figures", "export",
                                         "--month", month, "-o", str(out), "--user", ADMIN),
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, (done.stdout, done.stderr)


def play(central, folder: Path, chromium: str) -> Scene:
    scene = Scene(folder)
    month = MONTH
    sessions = []
    # Two CPAS that sync.
    for index, name in enumerate(NAMES[:2]):
        refnis = real_org(central, "03000", name)
        scene.refnis.append(refnis)
        vault, session, services = desktop(folder / f"cpas{index + 1}", name, refnis)
        setup.enrol(session, SyncClient(central.url), DeviceToken(vault.paths),
                    central.code(refnis), PASSWORD)
        SyncEngine(session.engine, SyncClient(central.url, DeviceToken(vault.paths).require()),
                   sleep=lambda _: None).run()
        sessions.append((vault, session, services))
    # A third one that does not: its signed figures file, imported by the operator.
    refnis = real_org(central, "03000", NAMES[2])
    scene.refnis.append(refnis)
    key = operator(central, "org", "figures-key", refnis).strip().splitlines()[-1]
    figures_file = folder / f"figures-{refnis}-{month}.json"
    without_sync(folder / "cpas3", refnis, month, key, figures_file)
    operator(central, "figures", "import", str(figures_file))
    # The coordinator of the region, on the page.
    token = operator(central, "coordinator", "add", "Coordination scène",
                     "--scope", "region:WAL").strip().splitlines()[-1]
    browser = Browser(chromium, folder / "chromium-profile")
    try:
        scene.page_text = coordinator_reads(browser, central.url, token, month, scene)
    finally:
        browser.close()
    # A social worker of the first CPAS refers a person to a partner and prints the letter.
    vault, _, admin = sessions[0]
    admin.users.add_user(WORKER, Role.SOCIAL_WORKER, "a temporary passphrase 1")
    worker_session = vault.login(WORKER, "a temporary passphrase 1")
    worker_session.change_own_password(WORKER_PASSWORD)
    worker = Services.for_session(worker_session)
    with Session(worker_session.engine) as db:
        case_id = db.scalars(select(CaseFile.id).order_by(CaseFile.file_number)).first()
    partner = next(p for p in worker.partners.search(PartnerFilter(language="uk"))
                   if p.street)
    worker.case_files.add_referral(case_id, "", "cours de français", partner_id=partner.id)
    letter = worker.documents.referral(case_id, folder / "referral-letter.pdf",
                                       Languages.of("fr", "uk"), "", "cours de français",
                                       partner_id=partner.id)
    scene.letter_text = "\n".join(page.extract_text() for page in PdfReader(letter).pages
                                  ).replace("\u00a0", " ")
    scene.partner_address = partner.street
    worker_session.close()
    for _, session, _ in sessions:
        session.close()
    return scene


def coordinator_reads(browser: Browser, url: str, token: str, month: str,
                      scene: Scene) -> str:
    browser.open(f"{url}/coordinator/login?lang=fr")
    browser.evaluate(f"document.getElementById('token').value = {json.dumps(token)};"
                     "document.querySelector('form.login button').click()")
    deadline = time.monotonic() + 30
    while "/coordinator/figures" not in (browser.evaluate("location.pathname") or ""):
        assert time.monotonic() < deadline, browser.evaluate("document.body.innerText")
        time.sleep(0.1)
    browser.wait_for_load()
    browser.open(f"{url}/coordinator/figures?month={month}&level=municipality&lang=fr")
    text = browser.evaluate("document.body.innerText")
    shot = scene.folder / "coordinator-three-cpas-fr.png"
    browser.screenshot(shot)
    scene.screenshots.append(shot)
    return text
