"""A document names the organisation that made it, never "CPAS" for an OCMW or an ÖSHZ:
every document kind, made for the OCMW of Gent in Dutch beside Ukrainian and for the ÖSHZ of
Eupen in German beside Russian, read back from the PDF."""

from datetime import date

import pytest
from pypdf import PdfReader

from desktop.documents.case_documents import Appointment
from desktop.services import Services
from desktop.store.vault import NewOrganisation
from tests.conftest import ADMIN_PASSWORD
from tests.rich_case import rich_case

GENT = NewOrganisation(name="OCMW Gent", refnis="44021", document_language="nl")
EUPEN = NewOrganisation(name="ÖSHZ Eupen", refnis="63023", document_language="de")


def words(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


@pytest.mark.parametrize(("organisation", "main", "beside"),
                         [(GENT, "nl", "uk"), (EUPEN, "de", "ru")])
def test_no_document_of_an_ocmw_or_an_oshz_says_cpas(vault, tmp_path, organisation, main,
                                                    beside):
    session, _ = vault.create(organisation, "admin", ADMIN_PASSWORD, language=main)
    try:
        services = Services.for_session(session)
        case_id = rich_case(services)
        person = services.case_files.open(case_id).members[0].person.id
        documents = services.documents
        languages = documents.languages(main, beside)
        made = [documents.case_document(kind, case_id, tmp_path / f"{kind}.pdf", languages)
                for kind in ("intake", "summary")]
        made.append(documents.referral(case_id, tmp_path / "referral.pdf", languages,
                                       "VDAB", "Werk zoeken"))
        made.append(documents.appointment(case_id, tmp_path / "slip.pdf", languages,
                                          Appointment(what="Gesprek", where="Loket 3",
                                                      when="maandag 10 u")))
        documents.blank_intake(tmp_path / "blank.pdf", languages)  # returns its references
        made.append(tmp_path / "blank.pdf")
        made.append(documents.fillable_intake(tmp_path / "fillable.pdf", languages))
        made += documents.monthly(f"{date.today():%Y-%m}", languages, pdf=tmp_path / "m.pdf")
        made.append(services.subject_copies.export(person, tmp_path / "copy",
                                                   languages).pdf)
        for path in made:
            text = words(path)
            assert "CPAS" not in text, (path.name, text[text.index("CPAS") - 80:][:160])
        # the fillable form and the person's copy tell whom to send or ask
        assert organisation.name in words(made[5])
        assert words(made[-1]).count(organisation.name) >= 2
    finally:
        session.close()
