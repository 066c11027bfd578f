from datetime import date

import pytest
from pypdf import PdfReader

from desktop.core.i18n import Translator
from desktop.documents.recovery_sheet import write_recovery_sheet

CODE = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"


@pytest.mark.parametrize("lang", ["fr", "uk"])
def test_recovery_sheet_is_one_page_with_the_code_in_the_chosen_language(tmp_path, lang):
    target = write_recovery_sheet(tmp_path / "sheet.pdf", Translator(lang), "CPAS de Liège",
                                  CODE, date(2026, 11, 27))
    reader = PdfReader(target)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert CODE in text
    # no-break spaces come back from the PDF as spaces: compare words
    assert " ".join(Translator(lang)("recovery.sheet_code_label").split()) in " ".join(
        text.split())
    fonts = {str(f["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("DejaVuSans" in font for font in fonts)
