"""What the reader fuzz tests feed Relais: any bytes, workbooks built from random cells,
rows and repeats, and byte-level mutations of small valid files of every kind it reads. And
the client of the child process that reads them under a memory ceiling (read_worker.py)."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import strategies as st

from tests.exchange.hostile_files import ods, text_cell, xlsx

ROOT = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 1 << 30  # bytes of address space for the reading child: 1 GiB
SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods", ".pdf")
CATALOG = json.loads((ROOT / "i18n" / "en.json").read_text(encoding="utf-8"))


class Readers:
    """One child process reading file after file; started again when a file kills it."""

    def __init__(self, limit: int = MEMORY_LIMIT) -> None:
        self.limit = limit
        # the child's warnings (pypdf logs many): a file, so that no pipe fills and blocks it
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 (open for the child's life)
        self.child: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.exchange.read_worker", str(self.limit)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors, text=True,
            cwd=ROOT)
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        return child

    def read(self, path: Path) -> dict[str, object]:
        """{"read": persons}, {"refused": key}, {"crash": what} or {"died": exit code}."""
        if self.child is None or self.child.poll() is not None:
            self.child = self._start()
        assert self.child.stdin is not None and self.child.stdout is not None
        try:
            self.child.stdin.write(f"{path}\n")
            self.child.stdin.flush()
            answer = self.child.stdout.readline()
        except BrokenPipeError:
            answer = ""
        if not answer:
            code = self.child.wait(30)
            self.child = None
            return {"died": code}
        return json.loads(answer)

    def close(self) -> None:
        if self.child is not None:
            self.child.stdin.close()  # type: ignore[union-attr]
            self.child.wait(30)
        self.errors.close()


def acceptable(answer: dict[str, object]) -> bool:
    """A plan (or a form) read, or a refusal whose message exists in the catalogs."""
    return "read" in answer or answer.get("refused") in CATALOG


# -- built workbooks ---------------------------------------------------------------------

def _letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


_refs = st.one_of(
    st.builds(lambda c, r: f"{_letters(c)}{r}", st.integers(1, 20_000),
              st.integers(1, 2_000_000)),
    st.text(alphabet="ABXYZ019$!:-", max_size=14),
)
_texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                 max_size=30).map(lambda t: t.replace("&", "&amp;").replace("<", "&lt;"))
_xlsx_cells = st.one_of(
    st.builds(lambda ref, text: text_cell(ref, text), _refs, _texts),
    st.builds(lambda ref, kind, value: f'<c r="{ref}" t="{kind}"><v>{value}</v></c>', _refs,
              st.sampled_from(["n", "s", "b", "e", "d", "str", "x"]),
              st.one_of(st.integers(-2**70, 2**70).map(str), _texts)),
    st.builds(lambda ref: f'<c r="{ref}"/>', _refs),
)
_xlsx_rows = st.lists(st.builds(
    lambda r, cells: (f'<row r="{r}">' if r is not None else "<row>") + "".join(cells)
    + "</row>", st.one_of(st.none(), st.integers(0, 2**33)),
    st.lists(_xlsx_cells, max_size=4)), max_size=5)


@st.composite
def built_xlsx(draw: st.DrawFn) -> tuple[str, bytes]:
    rows = "".join(draw(_xlsx_rows))
    dimension = draw(st.one_of(st.none(), _refs, st.builds(lambda a, b: f"{a}:{b}", _refs,
                                                               _refs)))
    with tempfile.TemporaryDirectory() as folder:
        return ".xlsx", xlsx(Path(folder) / "f.xlsx", rows, dimension).read_bytes()


_repeat = st.one_of(st.none(), st.integers(0, 2**32).map(str), st.sampled_from(["", "x", "-1"]))


@st.composite
def built_ods(draw: st.DrawFn) -> tuple[str, bytes]:
    rows = ""
    for _ in range(draw(st.integers(0, 4))):
        rows_repeated = draw(_repeat)
        attribute = f' table:number-rows-repeated="{rows_repeated}"' if rows_repeated else ""
        cells = ""
        for _ in range(draw(st.integers(0, 3))):
            repeated = draw(_repeat)
            kind = draw(st.sampled_from(["string", "float", "date", "boolean", "percentage",
                                         ""]))
            cells += ("<table:table-cell" + (f' office:value-type="{kind}"' if kind else "")
                      + (f' table:number-columns-repeated="{repeated}"' if repeated else "")
                      + f' office:value="{draw(_texts)}"><text:p>{draw(_texts)}</text:p>'
                      "</table:table-cell>")
        rows += f"<table:table-row{attribute}>{cells}</table:table-row>"
    with tempfile.TemporaryDirectory() as folder:
        return ".ods", ods(Path(folder) / "f.ods", rows).read_bytes()


@st.composite
def built_xls(draw: st.DrawFn) -> tuple[str, bytes]:
    """Cells anywhere a BIFF8 record can put them, strings and numbers, with a dimensions
    record that may lie."""
    from tests.exchange.xls_files import compound_file, workbook_stream

    position = st.integers(0, 65535)
    cells = draw(st.lists(st.tuples(position, position, st.one_of(
        st.text(max_size=8), st.floats(allow_nan=True))), max_size=6))
    lying = draw(st.one_of(st.none(), st.tuples(st.integers(0, 2**32 - 1),
                                                st.integers(0, 2**32 - 1), position,
                                                position)))
    return ".xls", compound_file(workbook_stream(cells, lying))


# -- mutations of valid files --------------------------------------------------------------

@functools.cache
def seeds() -> dict[str, bytes]:
    """One small valid file of each kind, as Relais and people's tools write them."""
    from desktop.documents.base import Languages
    from desktop.documents.fillable_intake import fillable_intake_form
    from tests.exchange.xls_files import xls

    header = "<row>" + text_cell("A1", "Nom") + text_cell("B1", "Prénom") + "</row>"
    person = "<row>" + text_cell("A2", "Koval") + text_cell("B2", "Olena") + "</row>"
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        found = {
            ".csv": "Nom;Prénom;Né le\nKoval;Olena;01/02/1980\n".encode(),
            ".xlsx": xlsx(folder / "f.xlsx", header + person).read_bytes(),
            ".ods": ods(folder / "f.ods", '<table:table-row><table:table-cell office:value-'
                        'type="string"><text:p>Nom</text:p></table:table-cell></table:table-'
                        'row><table:table-row><table:table-cell office:value-type="string">'
                        "<text:p>Koval</text:p></table:table-cell></table:table-row>")
            .read_bytes(),
            ".xls": xls(folder / "f.xls", [[(0, 0, "Nom"), (0, 1, "Prénom")],
                                           [(1, 0, "Koval"), (1, 1, "Olena")]]).read_bytes(),
            ".pdf": fillable_intake_form(folder / "f.pdf", Languages.of("fr", "uk"),
                                         "CPAS de Liège").read_bytes(),
        }
    return found


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from(sorted(seeds())))
    data = bytearray(seeds()[suffix])
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, max(0, len(data) - 1)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "big"]))
        if action == "flip" and data:
            data[where] = draw(st.integers(0, 255))
        elif action == "insert":
            data[where:where] = draw(st.binary(min_size=1, max_size=16))
        elif action == "delete":
            del data[where:where + draw(st.integers(1, 64))]
        elif action == "truncate":
            del data[where:]
        elif action == "big" and len(data) >= where + 4:  # a size or count made huge
            data[where:where + 4] = draw(st.sampled_from(
                [b"\xff\xff\xff\xff", b"\xff\xff\xff\x7f", b"\x00\x00\x01\x00"]))
    return suffix, bytes(data)


any_bytes = st.tuples(st.sampled_from(SUFFIXES), st.binary(max_size=3000))
every_kind = st.one_of(any_bytes, built_xlsx(), built_ods(), built_xls(), mutated())


def damaged_deflate(suffix: str) -> tuple[str, bytes]:
    """A workbook whose zip headers and sizes are sound but whose compressed sheet is not:
    found by the fuzzer (zlib.error out of the measuring, before the fix)."""
    with tempfile.TemporaryDirectory() as folder:
        if suffix == ".ods":
            data = bytearray(ods(Path(folder) / "f.ods", "<table:table-row><table:table-cell>"
                                 "<text:p>Koval</text:p></table:table-cell></table:table-row>"
                                 * 20).read_bytes())
            member = b"content.xml"
        else:
            data = bytearray(xlsx(Path(folder) / "f.xlsx", "<row>" + text_cell("A1", "Koval")
                                  * 20 + "</row>").read_bytes())
            member = b"xl/worksheets/sheet1.xml"
    start = data.index(member) + len(member)  # in its local header, before the data
    data[start + 2:start + 10] = b"\xff" * 8  # the deflate stream's first codes
    return suffix, bytes(data)


def declared_only(dimensions: tuple[int, int, int, int] = (0, 59515, 0, 556)) \
        -> tuple[str, bytes]:
    """An .xls sheet without a cell and with these dimensions (first row, last row + 1,
    first column, last column + 1). Found by the fuzzer, before dimensions were measured:
    the reader reserved 1.3 GB for an empty sheet of 59,515 × 556, and aborted on
    dimensions ending before they start (their size wraps around)."""
    from tests.exchange.xls_files import compound_file, workbook_stream

    return ".xls", compound_file(workbook_stream([], dimensions))


def pdf_field_named_in_bytes() -> tuple[str, bytes]:
    """A Relais form whose first field's name is bytes that are no text: pypdf hands the
    name over as bytes (found by the fuzzer: a TypeError, before the fix)."""
    import io

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ByteStringObject, NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(seeds()[".pdf"])))
    field = writer.root_object["/AcroForm"]["/Fields"][0].get_object()
    field[NameObject("/T")] = ByteStringObject(b"\x9b\xff\x00")
    written = io.BytesIO()
    writer.write(written)
    return ".pdf", written.getvalue()
