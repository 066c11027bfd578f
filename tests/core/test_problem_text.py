"""A label and its value are joined as each language joins them: French puts a no-break
space before the colon."""

import pytest

from desktop.core.i18n import Translator
from desktop.core.intake_rules import Problem
from desktop.core.problem_text import member_problem_text


@pytest.mark.parametrize(("lang", "joined"), [
    ("fr", "Nom\u00a0: Dupont"), ("nl", "Nom: Dupont"), ("de", "Nom: Dupont"),
    ("en", "Nom: Dupont"), ("uk", "Nom: Dupont")])
def test_each_language_joins_a_label_and_its_value_its_own_way(lang, joined):
    assert Translator(lang).labelled("Nom", "Dupont") == joined


def test_a_persons_problem_is_said_after_the_fields_label():
    tr = Translator("fr")
    problem = Problem("members.1.national_number", "nrn.checksum")
    assert member_problem_text(tr, problem) == \
        f"{tr('intake.field_national_number')}\u00a0: {tr('nrn.checksum')}"
