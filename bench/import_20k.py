"""Dry run and import of a 20,000-row spreadsheet into an installation with demo data.

    uv run python bench/import_20k.py [--rows 20000]

The spreadsheet is made here from synthetic persons (the demo generator's realistic names:
thousands of surnames on a Zipf curve, feminine forms), in XLSX with French headers,
households over several rows with one address each, and a few broken rows. Each round
imports into a fresh copy of the same installation, beside the file read alone.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import xlsxwriter
from _common import PASSWORD, USER
from _harness import Figure, Stats, emit

from desktop.core.demo.people_names import given_name
from desktop.core.demo.surnames import family_name
from desktop.core.names import passport_latin
from desktop.exchange.sheets import read_table
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import NewOrganisation, Vault


def make_sheet(path: Path, rows: int, rng: random.Random) -> None:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Liste")
    sheet.write_row(0, 0, ["Liste des personnes accueillies"])
    headers = ["N° ménage", "Lien", "Nom", "Prénom", "Sexe", "Date de naissance",
               "N° passeport", "Téléphone", "Code postal", "Rue"]
    sheet.write_row(2, 0, headers)
    line, household = 3, 0
    while line - 3 < rows:
        household += 1
        masculine, feminine = family_name(rng, russian_household=False)
        street = f"Rue {rng.randint(1, 300)}"  # one address per household, as on a real list
        for member in range(rng.choice([1, 1, 2, 2, 3, 4])):
            if line - 3 >= rows:
                break
            female = rng.random() < 0.65
            given = given_name(rng, russian=False, female=female)
            surname = feminine if female else masculine
            year = rng.randint(1950, 2005) if member == 0 else rng.randint(2008, 2023)
            birth = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}"
            if rng.random() < 0.005:
                birth = "31/02/1990"  # a broken row
            sheet.write_row(line, 0, [
                f"M{household}", "chef" if member == 0 else "enfant",
                surname if rng.random() < 0.5 else passport_latin(surname), given,
                "F" if female else "M", birth,
                f"F{rng.choice('ABCEK')}{rng.randint(100000, 999999)}" if member == 0 else "",
                f"04{rng.randint(70, 99)} {rng.randint(100000, 999999)}" if member == 0
                else "", "4000", street])
            line += 1
    book.close()


def make_installation(folder: Path, existing: int) -> DataPaths:
    paths = DataPaths.portable(folder)
    session, _ = Vault(paths).create(
        NewOrganisation("CPAS de Liège", "62063", "fr"), USER, PASSWORD, language="fr")
    Services.for_session(session).demo.generate(existing, seed=2)
    session.close()
    return paths


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--existing", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="relais-import-"))
    try:
        made = make_installation(folder / "made", args.existing)
        sheet = folder / "liste.xlsx"
        make_sheet(sheet, args.rows, random.Random(4))
        reading: list[float] = []
        planning: list[float] = []
        whole: list[float] = []
        for round_ in range(args.rounds):
            # A: the file read alone (size check and calamine), the floor of any import.
            started = time.perf_counter()
            read_table(sheet)
            reading.append(time.perf_counter() - started)
            # B: the import a worker runs, into a fresh copy of the same installation.
            target = folder / f"round-{round_}"
            shutil.copytree(made.root, target)
            session = Vault(DataPaths.portable(target)).login(USER, PASSWORD)
            services = Services.for_session(session)
            started = time.perf_counter()
            plan = services.imports.plan(sheet)
            planned = time.perf_counter() - started
            result = services.imports.run(plan, skip_invalid=True)
            whole.append(time.perf_counter() - started)
            planning.append(planned)
            session.close()
            shutil.rmtree(target)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        read_stats, plan_stats, whole_stats = map(Stats.of, (reading, planning, whole))
        print(f"rows in the sheet:     {args.rows} (into {args.existing} existing persons)")
        print(f"last plan:             {plan.persons} persons in {len(plan.households)} "
              f"households, {len(plan.duplicates)} duplicates, {len(plan.rejected)} rejected;"
              f" {result.created} persons written")
        print(f"reading the file:      {read_stats.line('s')}")
        print(f"dry run (plan):        {plan_stats.line('s')}")
        print(f"plan + import:         {whole_stats.line('s')} (floor 20 s, goal 10 s)")
        print(f"peak memory:           {peak:.0f} MB")
        emit(Figure(f"import {args.rows:,} rows (plan + write)", "s", whole_stats,
                    judged="worst", baseline=read_stats, baseline_name="reading the file alone",
                    floor=20, goal=10))
        emit(Figure("import: peak memory", "MB", Stats.of([peak]), judged="worst"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
