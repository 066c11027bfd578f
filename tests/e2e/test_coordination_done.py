"""Issue 13 done: two CPAS with demo data sync to one central, a third sends its figures
file, a coordinator reads all three in headless Chromium, and a social worker's referral
letter names the partner's address (tests/e2e/coordination.py plays the scene;
RELAIS_SCREENSHOTS=FOLDER keeps its screenshot and letter)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.central.coordinator_page.devtools import chromium
from tests.e2e.coordination import NAMES, play

pytestmark = pytest.mark.skipif(
    chromium() is None,
    reason="Chromium is not installed (apt-get install -y chromium; .ci/run installs it)")


def test_two_syncing_cpas_and_a_figures_file_reach_the_coordinator_and_a_letter_is_printed(
        servers, tmp_path):
    scene = play(servers["sqlite"], tmp_path, str(chromium()))
    for refnis, name in zip(scene.refnis, NAMES, strict=True):
        assert refnis in scene.page_text and name in scene.page_text, name
    assert scene.partner_address and scene.partner_address in scene.letter_text
    keep = os.environ.get("RELAIS_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for made in [*scene.screenshots, tmp_path / "referral-letter.pdf"]:
            shutil.copy(made, keep)
