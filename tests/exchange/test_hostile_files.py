"""Files made to hurt the importer: a workbook whose only cell is XFD1048576 (the reader
would allocate 512 GiB and abort the process), malformed references, a million repeated ODS
rows, a zip bomb, a 1 MB CSV cell, KOI8-U and broken UTF-8. Each is refused with a message
the person can act on, and the process lives on."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from desktop.core.errors import RelaisError
from desktop.core.i18n import Translator
from desktop.exchange.sheets import read_table
from tests.exchange.hostile_files import ods, text_cell, xlsx

NAMES = "Прізвище;Ім'я;Дата народження\nШевченко;Юлія;30/07/1985\nКоваленко;Олена;12/01/1990\n" \
        "Бондар;Тарас;01/01/1970\nМельник;Ірина;12/12/1990\n"

# Run in a child process with a memory ceiling: without the checks, the reader aborts (exit
# 134) or asks for more memory than the machine has, which would take pytest down with it.
CHILD = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
from desktop.core.errors import RelaisError
from desktop.exchange.sheets import read_table
keys = {}
for path in sys.argv[1:]:
    try:
        keys[path.rsplit("/", 1)[-1]] = ("read", len(read_table(path).rows))
    except RelaisError as error:
        keys[path.rsplit("/", 1)[-1]] = (error.key, error.params.get("row"))
print(json.dumps(keys))
"""


def read_in_child(paths) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, *map(str, paths)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return {name: tuple(value) for name, value in json.loads(done.stdout).items()}


@pytest.mark.skipif(sys.platform == "win32", reason="memory ceiling through resource")
def test_workbooks_reaching_too_far_are_refused_before_loading(tmp_path):
    far = '<row r="1048576">' + text_cell("XFD1048576", "x") + "</row>"
    files = [
        xlsx(tmp_path / "far.xlsx", far, dimension="XFD1048576"),
        xlsx(tmp_path / "far_no_dimension.xlsx", far),
        xlsx(tmp_path / "huge_row.xlsx", "<row>" + text_cell("A4294967297", "x") + "</row>"),
        ods(tmp_path / "repeated.ods",
            '<table:table-row table:number-rows-repeated="1048576"><table:table-cell '
            'office:value-type="string" table:number-columns-repeated="16384">'
            "<text:p>x</text:p></table:table-cell></table:table-row>"),
    ]
    keys = read_in_child(files)
    assert keys == {
        "far.xlsx": ("import.sheet_too_large", 1048576),
        "far_no_dimension.xlsx": ("import.sheet_too_large", 1048576),
        "huge_row.xlsx": ("import.sheet_too_large", 4294967297),
        "repeated.ods": ("import.sheet_too_large", 1048576),
    }


PANIC = """
import sys
from python_calamine import CalamineWorkbook
from desktop.exchange.sheets import _is_panic
sheet = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_name("Liste")
try:
    sheet.to_python(skip_empty_area=False)  # panics in calamine 0.37 on this sheet
except BaseException as exc:
    print(type(exc).__name__, _is_panic(exc), _is_panic(KeyboardInterrupt()))
"""


def test_a_panic_inside_the_reader_is_recognised_and_ctrl_c_is_not(tmp_path):
    # pyo3's PanicException is a BaseException whose class exists only after a first panic:
    # the reader's failures are caught by name, without swallowing Ctrl+C.
    far = xlsx(tmp_path / "far.xlsx", '<row r="1048576">' + text_cell("XFD1048576", "x")
               + "</row>")
    done = subprocess.run([sys.executable, "-c", PANIC, str(far)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    if not done.stdout:
        pytest.skip("this version of the reader does not panic on that sheet")
    assert done.stdout.split() == ["PanicException", "True", "False"]


def test_a_malformed_dimension_or_reference_is_a_message(tmp_path):
    header = "<row>" + text_cell("A1", "Nom") + "</row>"
    assert len(read_table(xlsx(tmp_path / "dim.xlsx", header, dimension="A1:ZZZZ9999999999"))
               .rows) == 1  # the declared dimension is not what is measured
    with pytest.raises(RelaisError) as failure:
        read_table(xlsx(tmp_path / "ref.xlsx", "<row>" + text_cell("!!", "x") + "</row>"))
    assert failure.value.key == "import.not_a_spreadsheet"


def test_a_zip_bomb_is_refused_by_what_it_unpacks_to(services, tmp_path):
    bomb = xlsx(tmp_path / "bomb.xlsx", "<row>" + text_cell("A1", "Nom") + "</row>",
                padding=120 * 1024 * 1024)
    assert bomb.stat().st_size < 200_000
    with pytest.raises(RelaisError) as failure:
        services.imports.plan(bomb)
    assert failure.value.key == "import.file_too_large"
    assert "100" in failure.value.message(Translator("fr"))


def test_the_size_message_names_the_row_and_column(services, tmp_path):
    path = xlsx(tmp_path / "liste.xlsx", "<row>" + text_cell("A1", "Nom") + "</row>"
                '<row r="200000">' + text_cell("C200000", "x") + "</row>")
    with pytest.raises(RelaisError) as failure:
        services.imports.plan(path)
    message = failure.value.message(Translator("fr"))
    assert "liste.xlsx" in message and "200000" in message and "C" in message


def test_a_list_placed_lower_right_keeps_its_line_numbers_and_columns(tmp_path):
    path = xlsx(tmp_path / "liste.xlsx", '<row r="3">' + text_cell("C3", "Nom") + "</row>"
                '<row r="4">' + text_cell("C4", "Kovalenko") + "</row>")
    assert read_table(path).rows == [[], [], [None, None, "Nom"], [None, None, "Kovalenko"]]


def test_a_one_megabyte_csv_cell_names_its_line(services, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text("Nom;Prénom\nKovalenko;Olena\nBondar;" + "x" * 1_000_000 + "\n",
                    encoding="utf-8")
    with pytest.raises(RelaisError) as failure:
        services.imports.plan(path)
    assert (failure.value.key, failure.value.params["line"]) == ("import.cell_too_long", 3)


def test_an_unclosed_quote_is_a_message_not_a_traceback(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text('Nom;Prénom\nKovalenko;"Olena\n' + "Bondar;Taras\n" * 20_000,
                    encoding="utf-8")
    with pytest.raises(RelaisError) as failure:
        read_table(path)
    assert failure.value.key == "import.cell_too_long"


def test_koi8_u_is_read_as_koi8_u(services, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_bytes(NAMES.encode("koi8_u"))
    plan = services.imports.plan(path)
    surnames = [h.household.members[0].surname_cyr for h in plan.households]
    assert surnames == ["Шевченко", "Коваленко", "Бондар", "Мельник"]


def test_text_that_does_not_read_as_names_is_refused_naming_the_encoding(services, tmp_path):
    path = tmp_path / "liste.csv"
    # KOI8-U turned into Windows-1251 mojibake and saved again: no encoding gives names back.
    path.write_bytes(NAMES.encode("koi8_u").decode("cp1251").encode("utf-16-le")
                     .replace(b"\x00", b"") + "¦¤§¶".encode("cp1251") * 40)
    with pytest.raises(RelaisError) as failure:
        services.imports.plan(path)
    assert failure.value.key == "import.bad_encoding"
    assert "KOI8-U" in failure.value.message(Translator("nl"))


def test_broken_utf8_is_refused_with_its_line(services, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_bytes(NAMES.encode("utf-8") + "Ткачук;Володимир;05/05/1977\n".encode()
                     + b"Kr\xe4mer;Anna;01/02/1980\n")
    with pytest.raises(RelaisError) as failure:
        services.imports.plan(path)
    assert (failure.value.key, failure.value.params["line"]) == ("import.bad_utf8", 7)
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + NAMES.encode("utf-8")[:-3] + b"\xd0\n")
    with pytest.raises(RelaisError) as failure:
        services.imports.plan(bom)
    assert (failure.value.key, failure.value.params["line"]) == ("import.bad_utf8", 5)


def test_one_broken_byte_beside_one_accent_is_still_broken_utf8(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_bytes("Nom;Prénom\nBondar;Taras\n".encode() + b"Kr\xe4mer;Anna\n")
    with pytest.raises(RelaisError) as failure:
        read_table(path)
    assert (failure.value.key, failure.value.params["line"]) == ("import.bad_utf8", 3)


@pytest.mark.parametrize("content", [b"[1, 2]", b'{"Nom": 3}', b"\xff{", b"{"])
def test_a_damaged_saved_mapping_is_named(paths, content):
    from desktop.exchange.mappings import load_mapping

    folder = paths.root / "mappings"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mairie.json").write_bytes(content)
    with pytest.raises(RelaisError) as failure:
        load_mapping(paths, "mairie")
    assert failure.value.key == "import.mapping_broken"
    assert "mairie.json" in failure.value.message(Translator("de"))
