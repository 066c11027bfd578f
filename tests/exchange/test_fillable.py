"""The fillable intake form, filled with a PDF library as a third-party reader would, comes
back into a new intake through the intake rules and the duplicate check."""

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader, PdfWriter
from sqlalchemy import text

from desktop.core.errors import RelaisError
from desktop.documents.base import Languages
from desktop.documents.fillable_intake import fillable_intake_form
from desktop.documents.form_font import FIELD_FONT, decode

FILLED = {
    "household.accommodation": "Gastfamilie / Приймаюча сім'я",
    "household.host": "Familie Schröder",
    "household.street": "Aachener Straße 12",
    "household.postal_code": "4700",
    "person1.surname": "Шевченко",
    "person1.given_name": "Юлія",
    "person1.patronymic": "Петрівна",
    "person1.birth_date": "19.06.1974",
    "person1.sex": "Weiblich / Жіноча",
    "person1.nationality": "ukr",
    "person1.document_type": "Reisepass / Закордонний паспорт",
    "person1.document_number": "FA123456",
    "person1.phone": "+32 470 12 34 56",
    "person1.languages": "uk, ru",
    "person2.surname": "Shevchenko",
    "person2.given_name": "Taras",
    "person2.birth_date": "2012-03-05",
    "person2.sex": "M",
    "person2.relationship": "дитина",
    "person3.given_name": "Оксана",  # no relationship chosen: the age tells
    "person3.surname": "Шевченко",
    "person3.birth_date": "02/09/2015",
}


def fill(source, target, values):
    writer = PdfWriter(clone_from=PdfReader(source))
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    writer.write(target)
    return target


def ink(path, index, rect, scale=2) -> int:
    """Dark pixels inside a field's box (its border left out) as PDFium renders the page
    with its form fields."""
    document = pdfium.PdfDocument(path)
    document.init_forms()
    image = document[index].render(scale=scale, may_draw_forms=True).to_pil().convert("L")
    x0, y0, x1, y1 = (float(v) for v in rect)
    top = image.height / scale
    box = image.crop((int(x0 * scale) + 4, int((top - y1) * scale) + 4,
                      int(x1 * scale) - 4, int((top - y0) * scale) - 4))
    return sum(box.histogram()[:100])


@pytest.fixture
def blank(tmp_path):
    return fillable_intake_form(tmp_path / "form.pdf", Languages.of("de", "uk"), "ÖSHZ Eupen")


def test_the_form_has_stable_readable_field_names_and_a_cyrillic_font(blank):
    reader = PdfReader(blank)
    fields = reader.get_fields()
    assert {"person1.surname", "person1.birth_date", "person4.languages",
            "household.accommodation", "household.consent"} <= set(fields)
    form = reader.trailer["/Root"]["/AcroForm"]
    assert bool(form["/NeedAppearances"])
    assert f"/{FIELD_FONT}" in form["/DR"]["/Font"]
    assert "Weiblich / Жіноча" in fields["person1.sex"]["/Opt"]


def test_cyrillic_typed_in_a_field_is_drawn_with_the_embedded_font(blank, tmp_path):
    filled = fill(blank, tmp_path / "filled.pdf", {"person1.surname": "Шевченко Ґалина"})
    # the appearance a reader generates encodes the text in our font's encoding
    reader = PdfReader(filled)
    index, widget = next((n, a.get_object()) for n, page in enumerate(reader.pages)
                         for a in page.get("/Annots", [])
                         if a.get_object().get("/T") == "person1.surname")
    stream = widget["/AP"]["/N"].get_data()
    assert FIELD_FONT.encode() in stream
    shown = stream[stream.index(b"(") + 1:stream.rindex(b")")]
    assert decode(shown) == "Шевченко Ґалина"
    # and a real renderer (PDFium, as in Chrome) draws it: ink inside the field's box
    assert ink(filled, index, widget["/Rect"]) > 300  # glyphs, not an empty box
    empty = fill(blank, tmp_path / "empty.pdf", {"person1.surname": ""})
    assert ink(empty, index, widget["/Rect"]) == 0


def test_a_filled_form_imports_field_by_field(blank, tmp_path, services):
    filled = fill(blank, tmp_path / "filled.pdf", FILLED)
    form = services.fillable.read(filled)
    assert form.problems == [] and form.duplicates == {}
    case_id = services.fillable.register(form)
    view = services.case_files.open(case_id)
    first, second, third = view.members
    assert third.relationship == "child"
    person = first.person
    assert (person.surname_cyr, person.given_name_cyr, person.patronymic_cyr) == (
        "Шевченко", "Юлія", "Петрівна")
    assert person.surname_lat == "Shevchenko" and person.given_name_lat == "Yuliia"
    assert person.patronymic_lat == "Petrivna"  # spelled like the names, not left empty
    assert person.birth_date.isoformat() == "1974-06-19" and person.sex.value == "F"
    assert person.nationality == "UKR" and person.phone == "+32 470 12 34 56"
    assert first.relationship == "head"
    assert [(d.document_type.value, d.number) for d in first.documents] == [
        ("passport", "FA123456")]
    assert second.person.birth_date.isoformat() == "2012-03-05"
    assert second.relationship == "child" and second.person.sex.value == "M"
    home = view.accommodations[0]
    assert home.accommodation_type.value == "host_family" and home.host_name == \
        "Familie Schröder"
    assert home.street == "Aachener Straße 12" and home.postal_code == "4700"

    again = services.fillable.read(filled)  # the same form twice: the duplicate check
    assert set(again.duplicates) == {1, 2, 3}


def test_problems_are_named_by_form_field_and_nothing_is_written(blank, tmp_path, services):
    filled = fill(blank, tmp_path / "filled.pdf", {**FILLED, "person1.birth_date": "31.02.1974",
                                                   "person2.sex": "maybe"})
    form = services.fillable.read(filled)
    fields = {problem.field for problem in form.problems}
    assert {"person1.birth_date", "person2.sex"} <= fields
    with pytest.raises(RelaisError):
        services.fillable.register(form)
    with services.session.engine.connect() as db:
        assert db.execute(text("SELECT count(*) FROM case_file")).scalar_one() == 0


def test_a_pdf_that_is_not_our_form_is_refused_clearly(tmp_path, services):
    other = tmp_path / "letter.pdf"
    other.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(RelaisError) as caught:
        services.fillable.read(other)
    assert caught.value.key in ("fillable.unreadable", "fillable.not_a_relais_form")
    plain = tmp_path / "plain.pdf"
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(plain)
    with pytest.raises(RelaisError) as caught:
        services.fillable.read(plain)
    assert caught.value.key == "fillable.not_a_relais_form"
