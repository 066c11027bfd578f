"""Issue 13's "done when", played for a person to look at: one real relais-central process
(SQLite, in a temporary folder), two CPAS with demo data that enrol and sync to it, a third
that sends its signed figures file (imported by the operator), a coordinator reading all
three on the page in headless Chromium, and a social worker's referral letter to a partner
of the directory. The same scene as tests/e2e/test_coordination_done.py.

    uv run python scripts/coordination_scene.py [-o coordination-scene/]

Saves the page's screenshot and the letter (PDF) in the folder and prints what was read."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402

from tests.central.coordinator_page.devtools import chromium  # noqa: E402
from tests.central.server import _launch, _stop, _wait_until_healthy  # noqa: E402
from tests.e2e.coordination import NAMES, play  # noqa: E402
from tests.store.test_secrets import MemoryKeyring  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-o", "--output", default="coordination-scene")
    args = parser.parse_args()
    browser = chromium()
    if browser is None:
        print("Chromium is not installed (scripts/install_browser.sh)", file=sys.stderr)
        return 1
    # The desktops' device tokens in memory, never the machine's keychain (as the tests do).
    keyring.set_keyring(MemoryKeyring())
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "central").mkdir()
        (folder / "scene").mkdir()
        central = _launch(folder / "central", None)
        try:
            _wait_until_healthy(central)
            scene = play(central, folder / "scene", browser)
        finally:
            _stop(central)
        for made in [*scene.screenshots, folder / "scene" / "referral-letter.pdf"]:
            shutil.copy(made, out)
    for refnis, name in zip(scene.refnis, NAMES, strict=True):
        seen = "on the page" if name in scene.page_text else "MISSING from the page"
        print(f"{refnis} {name}: {seen}")
    on_letter = scene.partner_address in scene.letter_text
    print(f"referral letter: partner's address {scene.partner_address!r} "
          f"{'printed' if on_letter else 'MISSING'}")
    print(f"saved in {out}/: {', '.join(sorted(p.name for p in out.iterdir()))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
