"""The review page shows everything the wizard will save (W1-36), grouped, in every
language, and fits 1093x614 scrolling down only."""

import pytest

from desktop.core.enums import DraftKind
from desktop.core.i18n import LANGUAGES, Translator
from desktop.ui.intake_wizard import IntakeWizard
from tests.core.test_intake_review import full_household
from tests.ui.test_intake_fits_small_screens import what_does_not_fit


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_review_lists_phones_documents_languages_needs_and_referral(qtbot, lang, services,
                                                                        language):
    lang.set_language(language)
    draft = services.drafts.save(DraftKind.INTAKE, full_household())
    wizard = IntakeWizard(lang, services, draft_id=draft)
    qtbot.addWidget(wizard)
    wizard.show()
    for _page in range(3):
        wizard.next()
    page = wizard.review_page
    assert wizard.currentPage() is page, [f.error.text() for f in wizard.details_page.forms]
    tr = Translator(language)
    text = page.text()
    for shown in ("+32 470 12 34 56", "FA123456", tr("language.ru"),
                  tr("intake.field_interpreter"), tr("specific_need.disability"),
                  tr("need_area.school"), "FOREM", "Famille Dupont", "Шевченко Андрій"):
        assert shown in text
    assert what_does_not_fit(wizard) == []
    assert not page.scroll.horizontalScrollBar().isVisible()
    page.grab().save(f"/tmp/K-review-{language}.png")
