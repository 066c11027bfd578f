"""No document names a font it does not carry: a reader without that font substitutes one
(no Cyrillic, other widths). Every font reachable from a page (its resources, form XObjects,
annotation appearances) and from a form's default resources must be embedded, in every kind
of document, the fillable form included (its field font: desktop/documents/form_font.py)."""

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

from desktop.core.i18n import Translator
from desktop.documents.base import Languages
from desktop.documents.blank_intake import blank_intake_form
from desktop.documents.case_documents import (
    Appointment,
    appointment_slip,
    case_summary,
    intake_form,
    referral_letter,
)
from desktop.documents.fillable_intake import fillable_intake_form
from desktop.documents.monthly_report import monthly_pdf
from desktop.documents.recovery_sheet import write_recovery_sheet
from tests.documents.test_case_documents import case  # noqa: F401  (fixture)

EMBEDDED = ("/FontFile", "/FontFile2", "/FontFile3")


def _embedded(font: DictionaryObject) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # glyphs drawn by the document itself
    descendants = font.get("/DescendantFonts")
    holder = descendants[0].get_object() if descendants else font
    descriptor = holder.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor.get_object() for k in EMBEDDED)


def fonts(path: Path) -> dict[str, bool]:
    """Every font the file references, by base name: embedded or not."""
    reader = PdfReader(path)
    found: dict[str, bool] = {}
    seen: set[int] = set()

    def resources(holder: object) -> None:
        if isinstance(holder, IndirectObject):
            if holder.idnum in seen:
                return
            seen.add(holder.idnum)
        res = holder.get_object() if holder is not None else None
        if not isinstance(res, DictionaryObject):
            return
        for font in (res.get("/Font") or DictionaryObject()).get_object().values():
            font = font.get_object()
            name = str(font.get("/BaseFont", "?")).lstrip("/")
            found[name] = found.get(name, True) and _embedded(font)
        for xobject in (res.get("/XObject") or DictionaryObject()).get_object().values():
            stream = xobject.get_object()
            if stream.get("/Subtype") == "/Form":
                resources(stream.get("/Resources"))

    def appearance(entry: object) -> None:
        entry = entry.get_object()
        if "/Resources" in entry or "/Subtype" in entry:  # a stream
            resources(entry.get("/Resources"))
        else:  # a dictionary of states (checkbox on / off)
            for state in entry.values():
                resources(state.get_object().get("/Resources"))

    for page in reader.pages:
        resources(page.get("/Resources"))
        for annotation in page.get("/Annots", []):
            for entry in (annotation.get_object().get("/AP") or {}).values():
                appearance(entry)
    form = reader.trailer["/Root"].get("/AcroForm")
    if form is not None:
        resources(form.get_object().get("/DR"))
    return found


def unembedded(path: Path) -> set[str]:
    return {name for name, embedded in fonts(path).items() if not embedded}


@pytest.fixture
def documents(case, services, tmp_path):  # noqa: F811
    languages = Languages.of("fr", "uk")
    org = "CPAS de Liège"
    services.demo.generate(40, seed=3)  # enough persons for the report to draw its charts
    figures = services.figures.monthly(f"{date.today():%Y-%m}")
    return {
        "recovery": write_recovery_sheet(tmp_path / "0.pdf", Translator("uk"), org,
                                         "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567",
                                         date(2026, 11, 27)),
        "intake": intake_form(tmp_path / "1.pdf", case, languages, org, services.reference),
        "summary": case_summary(tmp_path / "2.pdf", case, languages, org, services.reference),
        "letter": referral_letter(tmp_path / "3.pdf", case, languages, org, "FOREM", "emploi"),
        "slip": appointment_slip(tmp_path / "4.pdf", case, languages, org,
                                 Appointment("Visite", "Bureau 2", "lundi 10 h")),
        "monthly": monthly_pdf(tmp_path / "5.pdf", figures, languages, org),
        "blank": blank_intake_form(tmp_path / "6.pdf", languages, org)[0],
        "fillable": fillable_intake_form(tmp_path / "7.pdf", languages, org),
    }


def test_every_document_embeds_every_font_it_references(documents):
    for kind, path in documents.items():
        referenced = fonts(path)
        assert any(name.endswith("DejaVuSans") for name in referenced), kind
        assert unembedded(path) == set(), (kind, referenced)


def test_the_fillable_form_names_only_its_embedded_field_font(documents):
    """Its fields (default resources, each field's appearance) name the field font only; a
    leftover Helvetica there would be what a reader draws typed text with."""
    form = PdfReader(documents["fillable"]).trailer["/Root"]["/AcroForm"]
    assert set(form["/DR"]["/Font"]) == {"/DejaVu"}
    assert str(form["/DA"]).startswith("/DejaVu ")
