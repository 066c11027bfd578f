"""Documents read back with a PDF library: both languages, Cyrillic that extracts, fonts
embedded, A4, page count, metadata; and the monthly figures against plain SQL counts."""

from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from desktop.core.enums import AidCategory, NoteAudience
from desktop.core.intake_input import DocumentInput, HouseholdInput, PersonInput
from desktop.documents.base import Languages
from desktop.documents.case_documents import (
    Appointment,
    appointment_slip,
    case_summary,
    intake_form,
    referral_letter,
)
from desktop.documents.monthly_report import monthly_csv, monthly_pdf, monthly_xlsx

A4 = (595, 842)


@pytest.fixture
def case(services):
    case_id = services.intake.register(HouseholdInput(
        members=[PersonInput(surname_cyr="Шевченко", given_name_cyr="Юлія",
                             surname_lat="Shevchenko", given_name_lat="Yuliia", sex="M",
                             birth_date="30/07/1985", national_number="85073003328",
                             documents=[DocumentInput(number="FA123456")],
                             annex15_issued_on=(date.today() - timedelta(days=40)
                                                ).strftime("%d/%m/%Y")),
                 PersonInput(surname_cyr="Шевченко", given_name_cyr="Андрій",
                             birth_date="2015", relationship="child")],
        accommodation_type="host_family", host_name="Famille Dupont", postal_code="4000",
        municipality_refnis="62063"))
    services.case_files.add_note(case_id, "x", NoteAudience.SOCIAL_WORKERS)
    services.case_files.record_aid(case_id, AidCategory.FAMILY_AT_CHARGE, date.today(),
                                   None, piis=True)
    services.case_files.add_referral(case_id, "FOREM", "recherche d'emploi")
    return services.case_files.open(case_id)


def read(path):
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, text


def embedded_fonts(reader) -> set[str]:
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get(
                "/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                fonts.add(str(font["/BaseFont"]))
    return fonts


@pytest.mark.parametrize(("main", "beside", "word"), [
    ("fr", "uk", "Fiche d'accueil"), ("nl", "uk", "Registratieformulier"),
    ("de", "uk", "Aufnahmeformular")])
def test_the_prefilled_intake_form_in_two_languages(case, services, tmp_path, main, beside,
                                                    word):
    target = intake_form(tmp_path / "intake.pdf", case, Languages.of(main, beside),
                         "CPAS de Liège", services.reference)
    reader, content = read(target)
    assert word in content and "Реєстраційна анкета" in content
    assert "Шевченко" in content and "Юлія" in content and "Андрій" in content
    assert "85073003328" in content and "FA123456" in content
    assert all(tuple(round(float(v)) for v in page.mediabox[2:]) == A4
               for page in reader.pages)
    assert any("DejaVuSans" in font for font in embedded_fonts(reader))
    assert reader.metadata.title.startswith(word)
    assert "сторінка 1/" in content or "page 1/" in content.lower()



def test_every_document_is_a4_with_embedded_fonts_title_language_and_page_numbers(
        case, services, tmp_path):
    from desktop.documents.blank_intake import blank_intake_form
    from desktop.documents.fillable_intake import fillable_intake_form

    languages = Languages.of("fr", "uk")
    org = "CPAS de Liège"
    figures = services.figures.monthly(f"{date.today():%Y-%m}")
    made = {
        "summary": case_summary(tmp_path / "1.pdf", case, languages, org, services.reference),
        "letter": referral_letter(tmp_path / "2.pdf", case, languages, org, "FOREM", "emploi"),
        "slip": appointment_slip(tmp_path / "3.pdf", case, languages, org,
                                 Appointment("Visite", "Bureau 2", "lundi 10 h")),
        "monthly": monthly_pdf(tmp_path / "4.pdf", figures, languages, org),
        "blank": blank_intake_form(tmp_path / "5.pdf", languages, org)[0],
        "fillable": fillable_intake_form(tmp_path / "6.pdf", languages, org),
    }
    for kind, path in made.items():
        reader, content = read(path)
        pages = len(reader.pages)
        assert all(tuple(round(float(v)) for v in page.mediabox[2:]) == A4
                   for page in reader.pages), kind
        assert any("DejaVuSans" in font for font in embedded_fonts(reader)), kind
        assert " / " in reader.metadata.title, kind  # both languages in the title
        assert reader.trailer["/Root"]["/Lang"] == "fr", kind
        assert org in content and f"page {pages}/{pages} / сторінка {pages}/{pages}" in content


def test_case_summary_referral_letter_and_slip(case, services, tmp_path):
    languages = Languages.of("fr", "uk")
    _, summary = read(case_summary(tmp_path / "s.pdf", case, languages, "CPAS de Liège",
                                   services.reference))
    assert "Résumé du dossier / Зведення щодо справи" in summary
    assert "FOREM" in summary and "Avec famille à charge" in summary
    _, letter = read(referral_letter(tmp_path / "r.pdf", case, languages, "CPAS de Liège",
                                     "FOREM Liège", "recherche d'emploi"))
    assert "FOREM Liège" in letter and "Le CPAS de Liège vous adresse" in letter
    assert "Цей лист скеровує вас до служби «FOREM Liège»" in letter
    # A space before the French colon (no-break; read back as a plain space).
    assert f"Assistant social : {case.worker}" in letter.replace("\u00a0", " ") and case.worker
    reader, slip = read(appointment_slip(
        tmp_path / "a.pdf", case, languages, "CPAS de Liège",
        Appointment("Enquête sociale", "CPAS, rue Sainte-Marie 5", "lundi 2 décembre, 9 h",
                    "passeport, annexe 15")))
    assert len(reader.pages) == 1
    assert "Rendez-vous / Прийом" in slip and "passeport, annexe 15" in slip


def test_monthly_figures_equal_plain_sql_counts(services, tmp_path):
    services.demo.generate(400, seed=9)
    month = f"{date.today():%Y-%m}"
    figures = services.figures.monthly(month)
    tables = {t.key: t for t in figures.tables}
    first, last = figures.first_day.isoformat(), figures.last_day.isoformat()
    with services.session.engine.connect() as db:
        active = ("deleted_at IS NULL AND opened_on <= :last AND "
                  "(closed_on IS NULL OR closed_on >= :first)")
        persons = db.execute(text(
            "SELECT count(DISTINCT m.person_id) FROM household_member m "
            "JOIN case_file c ON c.household_id = m.household_id "
            "JOIN person p ON p.id = m.person_id "
            "WHERE c.deleted_at IS NULL AND c.opened_on <= :last "
            "AND (c.closed_on IS NULL OR c.closed_on >= :first) "
            "AND m.deleted_at IS NULL AND p.deleted_at IS NULL "
            "AND p.birth_date IS NOT NULL"), {"first": first, "last": last}).scalar_one()
        opened = db.execute(text("SELECT count(*) FROM case_file WHERE deleted_at IS NULL "
                                 "AND opened_on BETWEEN :first AND :last"),
                            {"first": first, "last": last}).scalar_one()
        files = db.execute(text(f"SELECT count(*) FROM case_file WHERE {active}"),
                           {"first": first, "last": last}).scalar_one()
    assert sum(map(sum, tables["figures.sex_by_age"].cells)) == persons
    assert tables["figures.movements"].cells[0][0] == opened
    assert sum(row[0] for row in tables["figures.household_size"].cells) == files
    assert sum(row[0] for row in tables["figures.piis"].cells) == files
    assert sum(row[0] for row in tables["figures.household_type"].cells) == files
    with services.session.engine.connect() as db:
        alone = db.execute(text(
            "SELECT count(*) FROM case_file c WHERE c.deleted_at IS NULL "
            "AND c.opened_on <= :last AND (c.closed_on IS NULL OR c.closed_on >= :first) "
            "AND (SELECT count(*) FROM household_member m WHERE m.household_id = "
            "c.household_id AND m.deleted_at IS NULL) = 1 AND NOT EXISTS (SELECT 1 FROM "
            "household_member m JOIN person p ON p.id = m.person_id WHERE m.household_id = "
            "c.household_id AND m.deleted_at IS NULL AND p.birth_date > date(:last, "
            "'-18 years'))"), {"first": first, "last": last}).scalar_one()
    assert tables["figures.household_type"].cells[0][0] == alone
    shown = tables["figures.sex_by_age"].shown()
    assert all(v is None or v == 0 or v >= 5 for row in shown for v in row)

    languages = Languages.of("fr", "uk")
    _reader, content = read(monthly_pdf(tmp_path / "m.pdf", figures, languages, "CPAS"))
    assert "Chiffres du mois / Місячні показники" in content
    # every table in both languages: headings, row labels, column headers, capitalised
    assert "Taille du ménage / Розмір домогосподарства" in content
    assert "Un adulte avec enfants / Одна доросла особа з дітьми" in content
    assert "Personnes / Особи" in content and "Femme / Жіноча" in content
    assert "Chiffres du mois 20" in content and "monthly-figures" not in content
    csv_text = monthly_csv(tmp_path / "m.csv", figures, languages.main).read_text(
        encoding="utf-8-sig")
    assert "Personnes par sexe et âge" in csv_text
    monthly_xlsx(tmp_path / "m.xlsx", figures, languages.main)
    assert (tmp_path / "m.xlsx").stat().st_size > 1000


def test_blank_paper_form_numbers_its_fields_ticks_and_one_reference_per_sheet(tmp_path):
    from desktop.documents.blank_intake import FORM_VERSION, blank_intake_form, qr_payload

    target, references = blank_intake_form(tmp_path / "b.pdf", Languages.of("nl", "uk"),
                                           "OCMW Gent", copies=2)
    reader, content = read(target)
    assert len(set(references)) == 2 and all(r in content for r in references)
    assert "Registratieformulier (papier) / Реєстраційна\nанкета (паперова)" in content
    words = " ".join(content.split())
    assert "4.4 Geboortedatum / Дата" in words and "A6 Akkoord" in words  # numbered
    assert "person4" not in content and "household." not in content  # no internal names
    assert "☐ Kind / Дитина" in content
    assert "Registratieformulier (papier), versie 1" in content  # the footer says what it is
    assert FORM_VERSION not in content
    assert len(reader.pages) % 2 == 0  # each copy starts on its own page
    assert qr_payload(references[0]) == f"RELAIS|{FORM_VERSION}|{references[0]}"
    assert all(page.mediabox.width == pytest.approx(595.28, abs=0.1) for page in reader.pages)


def test_russian_can_be_printed_beside_the_official_language(case, services, tmp_path):
    _reader, content = read(intake_form(tmp_path / "ru.pdf", case, Languages.of("de", "ru"),
                                        "ÖSHZ Eupen", services.reference))
    assert "Aufnahmeformular / Регистрационная анкета" in content
    assert "Geburtsdatum / Дата рождения" in content and "Реєстраційна" not in content


def test_only_an_administrator_may_change_the_logo(services, vault, tmp_path):
    from PIL import Image

    from desktop.core.enums import Role
    from desktop.core.errors import AccessDenied
    from tests.conftest import login_as

    picture = tmp_path / "logo.jpg"
    Image.new("RGB", (300, 300), "red").save(picture)
    worker = login_as(vault, services, "marie", Role.SOCIAL_WORKER)
    with pytest.raises(AccessDenied):
        worker.documents.set_logo(picture)
    assert worker.documents.logo is None


def test_a_referral_letter_to_a_directory_entry_prints_where_it_is_and_its_languages(
        case, services, tmp_path):
    from desktop.core.enums import PartnerKind
    from desktop.core.partners import PartnerEntry

    partner_id = services.partners.add(PartnerEntry(
        kind=PartnerKind.LANGUAGE_COURSES, name="Atelier de langue Horizon",
        street="Rue de l'Exemple 3", postal_code="4000", municipality_refnis="62063",
        phone="+32 000 00 00 01", email="cours@example.org",
        opening_hours="Lu–ve 9:00–17:00", languages=["uk", "ru", "fr"]))
    made = services.documents.referral(case.case.id, tmp_path / "letter.pdf",
                                       Languages.of("fr", "uk"), "", "cours de français",
                                       partner_id=partner_id)
    _, letter = read(made)
    letter = letter.replace("\u00a0", " ")
    assert "Atelier de langue Horizon" in letter  # the entry's name when none was typed
    assert "Rue de l'Exemple 3, 4000 Liège" in letter
    assert "+32 000 00 00 01 · cours@example.org" in letter
    assert "Heures d'ouverture : Lu–ve 9:00–17:00" in letter
    assert "Langues parlées : Ukrainien, Russe, Français" in letter
    # For the person, in Ukrainian: where to go, and that Ukrainian is spoken there.
    assert "Адреса: Rue de l'Exemple 3, 4000 Liège" in letter
    assert "Там розмовляють такими мовами: Українська, Російська, Французька." in letter
