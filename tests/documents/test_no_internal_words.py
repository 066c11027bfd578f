"""What the documents print holds no internal word (item 5): the case documents and the
monthly report, read back from the PDF, in each official language with the one beside it."""

from datetime import date

import pytest
from pypdf import PdfReader

from desktop.documents.case_documents import Appointment
from tests.rich_case import raw_words, rich_case


def printed(path) -> list[str]:
    return [line for page in PdfReader(path).pages for line in page.extract_text().splitlines()]


@pytest.mark.parametrize(("main", "beside"), [("fr", "uk"), ("nl", "uk"), ("de", "ru"),
                                              ("en", "uk")])
def test_case_documents_and_the_monthly_report_print_no_internal_word(services, tmp_path,
                                                                       main, beside):
    case_id = rich_case(services)
    documents = services.documents
    languages = documents.languages(main, beside)
    made = [documents.case_document(kind, case_id, tmp_path / f"{kind}.pdf", languages)
            for kind in ("intake", "summary")]
    made.append(documents.referral(case_id, tmp_path / "referral.pdf", languages, "FOREM",
                                   "Recherche d'emploi"))
    made.append(documents.appointment(case_id, tmp_path / "slip.pdf", languages, Appointment(
        what="Entretien", where="CPAS, guichet 3", when="lundi 10 h")))
    made += documents.monthly(f"{date.today():%Y-%m}", languages, pdf=tmp_path / "month.pdf")
    lines = [line for path in made for line in printed(path)]
    summary = " ".join(printed(made[1]))
    assert languages.main("need_area.psychosocial") in summary  # the needs are printed
    assert raw_words(lines, main, beside) == []
