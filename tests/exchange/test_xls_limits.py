"""Legacy Excel (.xls) files are measured before the reader opens them (it loads every
sheet at once): one far cell in a 5 KB file used to abort the process (exit 134)."""

import struct
import sys

import pytest

from desktop.core.errors import RelaisError
from desktop.exchange.sheets import read_table
from desktop.exchange.xls_limits import MAX_XLS_BYTES, check_xls
from tests.exchange.test_hostile_files import read_in_child
from tests.exchange.xls_files import compound_file, workbook_stream, xls

LIST = [(0, 0, "Nom"), (0, 1, "Prénom"), (1, 0, "Koval"), (1, 1, "Olena")]


@pytest.mark.skipif(sys.platform == "win32", reason="memory ceiling through resource")
def test_an_xls_reaching_too_far_is_refused_before_loading(tmp_path):
    files = [xls(tmp_path / "far.xls", [*LIST, (65535, 65535, "x")]),
             xls(tmp_path / "wide.xls", [*LIST, (60000, 250, 1.5)]),
             xls(tmp_path / "list.xls", LIST)]
    declared = tmp_path / "declared.xls"  # no cell, but room for 59,515 × 556 reserved
    declared.write_bytes(compound_file(workbook_stream([], (0, 59515, 0, 556))))
    backwards = tmp_path / "backwards.xls"  # a size that wraps around: the reader aborted
    backwards.write_bytes(compound_file(workbook_stream([], (376, 300, 376, 300))))
    assert read_in_child([*files, declared, backwards]) == {
        "backwards.xls": ("import.not_a_spreadsheet", None),
        "far.xls": ("import.sheet_too_large", 65536),
        "wide.xls": ("import.sheet_too_large", 60001),
        "list.xls": ("read", 2),
        "declared.xls": ("import.sheet_too_large", 59515)}


def test_the_message_names_the_row_and_column(tmp_path):
    with pytest.raises(RelaisError) as refused:
        read_table(xls(tmp_path / "liste.xls", [*LIST, (65535, 65535, "x")]))
    assert refused.value.params == {"file": "liste.xls", "row": 65536, "column": "CRXP"}


@pytest.mark.parametrize("damage", ["truncated", "no_stream", "too_large"])
def test_a_broken_or_oversized_xls_is_a_message(tmp_path, damage):
    path = xls(tmp_path / "liste.xls", LIST)
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[:600])
    elif damage == "no_stream":
        path.write_bytes(data.replace("Workbook".encode("utf-16-le"),
                                      "Elsewhat".encode("utf-16-le")))
    else:
        with path.open("ab") as grown:
            grown.truncate(MAX_XLS_BYTES + 1)
    with pytest.raises(RelaisError) as refused:
        read_table(path)
    assert refused.value.key == ("import.file_too_large" if damage == "too_large"
                                 else "import.not_a_spreadsheet")


def test_cells_hidden_inside_another_record_are_found_where_the_sheet_starts(tmp_path):
    # The workbook says where its sheet starts; the reader seeks there. Records hidden in
    # the bytes of a bigger record are not seen by a walk from the start of the stream, and
    # the reader would load these two cells as a sheet of 65,536 × 65,536.
    stream = workbook_stream(LIST)
    hidden = (struct.pack("<HH", 0x0809, 16) + struct.pack("<HHHHII", 0x0600, 0x10, 0, 0, 0, 6)
              + struct.pack("<HHHHHI", 0x00FD, 10, 0, 0, 0, 0)
              + struct.pack("<HHHHHI", 0x00FD, 10, 65535, 65535, 0, 0)
              + struct.pack("<HH", 0x000A, 0))
    cover = struct.pack("<HH", 0x003C, len(hidden)) + hidden  # a CONTINUE record's body
    boundsheet = stream.index(struct.pack("<H", 0x0085))
    damaged = bytearray(stream + cover)
    struct.pack_into("<I", damaged, boundsheet + 4, len(stream) + 4)
    path = tmp_path / "hidden.xls"
    path.write_bytes(compound_file(bytes(damaged)))
    with pytest.raises(RelaisError) as refused:
        check_xls(path)
    assert refused.value.key == "import.sheet_too_large"
