"""An export killed midway leaves nothing readable behind but the file that was asked for:
no plaintext part in the system's temporary folder (xlsxwriter's constant_memory rows, its
packager's parts), no half-written destination in place of an older one."""

from __future__ import annotations

import csv
import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.errors import RelaisError
from desktop.core.intake_input import HouseholdInput, PersonInput

NAME = "Zhovtobriukhivska"  # synthetic, and found in no file by chance
NATIONAL_NUMBER = "85073003328"

# The real export in a child process, stopped at a hook in a third-party writer (a row of
# the sheet written, or the sheet being put in the zip) until the test kills it with -9.
CHILD = """
import sys, time, zipfile, csv
import xlsxwriter.worksheet
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import Vault
from tests.conftest import ADMIN_PASSWORD, FAST_KDF

folder, target, fmt, stage = sys.argv[1:5]

def pause():
    print("midway", flush=True)
    time.sleep(120)

def after(function, calls, when=lambda *a, **k: True):
    count = [0]
    def hooked(*args, **kwargs):
        result = function(*args, **kwargs)
        if when(*args, **kwargs):
            count[0] += 1
            if count[0] == calls:
                pause()
        return result
    return hooked

def sheet_part(archive, name, *rest, **kwargs):
    return "sheet1" in str(getattr(name, "filename", name)) + str(rest)

if stage == "rows":
    xlsxwriter.worksheet.Worksheet.write_string = after(
        xlsxwriter.worksheet.Worksheet.write_string, 2000)
    import desktop.exchange.exporter as exporter
    exporter.csv_row = after(exporter.csv_row, 200)
else:  # the sheet being put in the zip
    zipfile.ZipFile.writestr = after(zipfile.ZipFile.writestr, 1, sheet_part)
    zipfile.ZipFile.write = after(zipfile.ZipFile.write, 1, sheet_part)
session = Vault(DataPaths.portable(folder), kdf=FAST_KDF).login("admin", ADMIN_PASSWORD)
Services.for_session(session).exports.export("persons", target, fmt)
print("done", flush=True)
"""


@pytest.fixture
def installation(created, services, paths):
    """One household with the name to look for, written first, and enough others that an
    export takes more than one buffer."""
    services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat=NAME, given_name_lat="Yurii", sex="M", birth_date="30/07/1985",
        national_number=NATIONAL_NUMBER)], postal_code="4000", municipality_refnis="62063"))
    services.demo.generate(400, seed=5)
    created[0].close()  # the child signs in on its own
    return paths


def files_holding(folder: Path, text: str) -> list[Path]:
    needles = {text.encode(encoding) for encoding in ("utf-8", "utf-16-le")}
    return [path for path in folder.rglob("*") if path.is_file()
            and any(needle in path.read_bytes() for needle in needles)]


def kill_midway(installation, tmp_path: Path, fmt: str, stage: str) -> tuple[Path, Path]:
    temporary, exports = tmp_path / "system-temp", tmp_path / "exports"
    temporary.mkdir()
    exports.mkdir()
    target = exports / f"persons.{fmt}"
    environment = {**os.environ, "TMPDIR": str(temporary), "TEMP": str(temporary),
                   "TMP": str(temporary)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(installation.root), str(target), fmt, stage],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
        cwd=Path(__file__).resolve().parents[2])
    try:
        line = child.stdout.readline().strip()
        assert line == "midway", child.stderr.read()[-3000:]
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    return temporary, target


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9 and TMPDIR")
@pytest.mark.parametrize(("fmt", "stage"), [("xlsx", "rows"), ("xlsx", "zip"), ("csv", "rows")])
def test_an_export_killed_midway_leaves_no_names_in_the_temporary_folder(
        installation, tmp_path, fmt, stage):
    temporary, target = kill_midway(installation, tmp_path, fmt, stage)
    assert files_holding(temporary, NAME) == []
    assert files_holding(temporary, NATIONAL_NUMBER) == []
    # The destination was not half-written; what is beside it is its owner's only.
    assert not target.exists()
    for left in target.parent.iterdir():
        assert left.name.startswith(f".{target.name}.") and left.stat().st_mode & 0o077 == 0


def full_disk(write, rows: int = 5):
    """A writer (csv's or xlsxwriter's) that finds the disk full after a few rows."""
    left = [rows]

    def writing(*args, **kwargs):
        left[0] -= 1
        if left[0] < 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        return write(*args, **kwargs)

    return writing


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_failed_export_removes_its_part_and_keeps_the_older_file(
        services, tmp_path, monkeypatch, fmt):
    import xlsxwriter.worksheet

    services.demo.generate(20, seed=2)
    target = tmp_path / "exports" / f"persons.{fmt}"
    target.parent.mkdir()
    target.write_text("the export of last week")
    if fmt == "csv":
        real = csv.writer
        monkeypatch.setattr(csv, "writer", lambda *a, **k: _FullDiskRows(real(*a, **k)))
    else:
        sheet = xlsxwriter.worksheet.Worksheet
        monkeypatch.setattr(sheet, "write_string", full_disk(sheet.write_string, 50))
    with pytest.raises(RelaisError) as failure:
        services.exports.export("persons", target, fmt)
    assert failure.value.key == "store.cannot_write"
    assert target.read_text() == "the export of last week"
    assert [path.name for path in target.parent.iterdir()] == [target.name]


class _FullDiskRows:
    def __init__(self, writer) -> None:
        self.writerow = full_disk(writer.writerow)
