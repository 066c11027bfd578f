"""Grandfather-father-son: 7 daily, 4 weekly, 12 monthly, only this organisation's files."""

import json
import zipfile
from datetime import UTC, datetime, timedelta

from desktop.store.backups.rotation import to_keep
from desktop.store.backups.service import list_backups


def test_a_year_of_daily_backups_keeps_7_days_4_weeks_12_months():
    start = datetime(2026, 1, 1, 23, tzinfo=UTC)
    days = [start + timedelta(days=n) for n in range(365)]
    kept = sorted((days[i] for i in to_keep(days, lambda d: d)), reverse=True)
    newest = days[-1]
    assert kept[:7] == [newest - timedelta(days=n) for n in range(7)]
    assert len({d.isocalendar()[:2] for d in kept}) >= 4
    assert len({(d.year, d.month) for d in kept}) == 12
    assert len(kept) <= 7 + 4 + 12


def test_several_backups_in_one_day_keep_the_newest_of_the_day():
    day = datetime(2026, 3, 3, tzinfo=UTC)
    times = [day + timedelta(hours=h) for h in (1, 5, 9)]
    assert to_keep(times, lambda d: d) == {2}


def test_rotation_deletes_only_this_organisations_backups(services, tmp_path):
    made = []
    for n in range(10):
        services.backups.clock = lambda n=n: datetime(2026, 5, 1 + n, 12, tzinfo=UTC)
        made.append(services.backups.back_up(tmp_path).path)
    # same name pattern, another database (a second installation writing to the same key)
    foreign = tmp_path / "relais-cpas-de-liege-20200101T000000Z.relaisbackup"
    with zipfile.ZipFile(made[-1]) as source, zipfile.ZipFile(foreign, "w") as target:
        manifest = json.loads(source.read("manifest.json"))
        manifest["database_id"] = "11111111-1111-1111-1111-111111111111"
        target.writestr("manifest.json", json.dumps(manifest))
    other = tmp_path / "relais-ocmw-gent-20200101T000000Z.relaisbackup"
    other.write_bytes(b"someone else's")
    remaining = [e.path for e in list_backups(tmp_path, services.backups.database_id)]
    # rotated after each backup: the last 7 days, and Sunday 3 May, the newest of its week
    assert remaining == [*made[::-1][:7], made[2]]
    services.backups.clock = lambda: datetime(2026, 5, 30, 12, tzinfo=UTC)
    services.backups.back_up(tmp_path)
    assert foreign.exists()
    assert other.read_bytes() == b"someone else's"
