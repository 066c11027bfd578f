"""The fillable form reads like a form: each field's number and label (both languages) sit
on the line just above its own box, never nearer another field's box; the field's internal
name is not printed."""

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from desktop.documents.base import Languages
from desktop.documents.fillable_intake import fillable_intake_form
from desktop.documents.form_fields import all_fields


def text_lines(page) -> dict[float, str]:
    """The page's text by baseline height (points from the bottom), chunks of a line joined."""
    lines: dict[float, list[str]] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            y = round(cm[5] + tm[5] * cm[3], 1)
            lines.setdefault(y, []).append(text.strip())

    page.extract_text(visitor_text=visit)
    return {y: " ".join(chunks) for y, chunks in lines.items()}


@pytest.mark.parametrize("main", ["fr", "nl"])
def test_each_label_and_name_sit_just_above_their_own_field(tmp_path, main):
    languages = Languages.of(main, "uk")
    pdf = fillable_intake_form(tmp_path / "form.pdf", languages, "CPAS")
    labels = {f.name: f"{f.ref} {languages.both(f.label_key)}" for f in all_fields()}
    checked = set()
    for page in PdfReader(pdf).pages:
        lines = text_lines(page)
        widgets = [a.get_object() for a in page.get("/Annots", [])]
        for widget in widgets:
            name = str(widget["/T"])
            top = float(widget["/Rect"][3])
            # the nearest line of text above the box names this field, and no other
            above = min((y for y in lines if y > top), key=lambda y: y - top)
            assert lines[above].split() == labels[name].split(), name
            assert above - top < 6 * mm, name
            # and the box nearest under that line is this field's own
            below = [w for w in widgets if float(w["/Rect"][3]) < above]
            nearest = max(below, key=lambda w: float(w["/Rect"][3]))
            assert str(nearest["/T"]) == name
            checked.add(name)
    assert checked == set(labels)
    printed = " ".join(" ".join(text_lines(page).values()) for page in PdfReader(pdf).pages)
    assert "person1." not in printed and "household." not in printed
    assert "intake-fillable" not in printed
