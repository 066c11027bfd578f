"""Files and forms written with the words an earlier Relais printed still come back after a
label is reworded in a catalog (issue 15: Haushaltsvorstand became Referenzperson, Gezinshoofd
became Referentiepersoon, Bemerkungen and Opmerkingen became Notizen and Notities)."""

import pytest

from desktop.core.enums import Relationship
from desktop.exchange import values
from desktop.exchange.columns import recognise


@pytest.mark.parametrize("header, meaning", [
    ("Bemerkungen", "notes"), ("Opmerkingen", "notes"), ("Notizen", "notes"),
    ("Notities", "notes"), ("Dokumenttyp", "document_type"), ("Dokumentart", "document_type"),
])
def test_a_column_headed_with_an_earlier_label_is_still_recognised(header, meaning):
    assert recognise(header) == meaning


@pytest.mark.parametrize("word", ["Haushaltsvorstand", "Gezinshoofd", "Referenzperson",
                                  "Referentiepersoon"])
def test_a_relationship_written_with_an_earlier_label_is_still_read(word):
    assert values.relationship(word) == Relationship.HEAD


@pytest.mark.parametrize("written", ["Haushaltsvorstand", "Gezinshoofd",
                                     "Haushaltsvorstand / Старе слово"])
def test_a_fillable_form_filled_before_a_label_changed_still_imports(services, written):
    form = services.fillable.from_values({
        "person1.surname": "Koval", "person1.given_name": "Olena",
        "person1.birth_date": "01/01/1980", "person1.relationship": written})
    assert form.problems == []
    assert form.household.members[0].relationship == "head"
