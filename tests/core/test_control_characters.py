"""Terminal escapes, bells, bidirectional overrides and invisible characters typed or pasted
into a form never reach the records; the search box ignores them too."""

import pytest

from desktop.core.enums import NoteAudience, Role
from desktop.core.intake import IntakeRejected
from desktop.core.intake_input import HouseholdInput, PersonInput
from desktop.core.text import clean_text, terminal_safe
from tests.conftest import login_as

ESC, BEL, RLO = "\x1b[31m", "\a", "\u202e"


@pytest.mark.parametrize(("typed", "kept"), [
    (f"Shev{ESC}chenko", "Shev[31mchenko"),  # the escape goes, its printable tail is inert
    (f"Yuliia{BEL}", "Yuliia"),
    (f"{RLO}Kovalenko", "Kovalenko"),
    ("Ko\u200bval\u2066enko\u00ad\ufeff", "Kovalenko"),  # zero-width, isolate, soft hyphen, BOM
    ("Ol\x00ena\x7f\x9b", "Olena"),  # NUL, DEL and a C1 control (CSI)
    ("Anna\nMaria\tJosé\u2028", "Anna Maria José "),  # line breaks part words, not join them
    ("Zoe\u0308", "Zoë"),  # NFC: one way to write each letter
    ("Мар\u02bcяна O\u2019Neil", "Мар\u02bcяна O\u2019Neil"),  # apostrophes are letters here
])
def test_one_line_text_loses_controls_and_invisible_characters(typed, kept):
    assert clean_text(typed) == kept


def test_multi_line_text_keeps_its_lines_and_tabs_only():
    assert clean_text(f"line 1\r\nline\t2{ESC}\r{RLO}end\x00", multiline=True) == \
        "line 1\nline\t2[31m\nend"


def test_what_goes_to_a_terminal_shows_controls_as_escapes():
    shown = terminal_safe(f"{ESC}A{BEL}{RLO}\x9b\tB\nC")
    assert shown == "\\u001b[31mA\\u0007\\u202e\\u009b\tB\nC"
    assert shown.isprintable() is False and "\x1b" not in shown


def hostile_mother() -> PersonInput:
    return PersonInput(surname_cyr=f"Шевченко{BEL}", given_name_cyr=f"{RLO}Юлія",
                       surname_lat=f"Shev{ESC}chenko", given_name_lat=f"Yuliia{RLO}",
                       phone=f"+32 470 12 34 56{BEL}", birth_date="30/07/1985")


def test_a_volunteers_quick_intake_stores_names_clean(vault, services):
    volunteer = login_as(vault, services, "vera", Role.VOLUNTEER)
    case_id = volunteer.intake.register(HouseholdInput(
        members=[hostile_mother()], street=f"Rue{ESC} Haute 5", sleeps_tonight=f"At{BEL} a"
        f" friend's\nuntil Monday{RLO}"), quick=True)
    view = services.case_files.open(case_id)
    person = view.members[0].person
    assert (person.surname_cyr, person.given_name_cyr, person.surname_lat,
            person.given_name_lat, person.phone) == (
        "Шевченко", "Юлія", "Shev[31mchenko", "Yuliia", "+32 470 12 34 56")
    assert view.accommodations[0].street == "Rue[31m Haute 5"
    assert [n.body for n in view.notes] == ["At a friend's\nuntil Monday"]
    volunteer.session.close()


def test_a_name_of_controls_only_is_missing_like_an_empty_one(services):
    empty = services.intake.check(HouseholdInput(members=[PersonInput(birth_date="1985")]))
    controls = services.intake.check(HouseholdInput(members=[PersonInput(
        surname_lat=f"\x1b{BEL}", given_name_cyr=f"{RLO}\u200b", birth_date="1985")]))
    assert [(p.field, p.key) for p in controls] == [(p.field, p.key) for p in empty]
    assert controls
    with pytest.raises(IntakeRejected):
        services.intake.register(HouseholdInput(members=[PersonInput(
            surname_lat=f"\x1b{BEL}", given_name_cyr=RLO, birth_date="1985")]))


def test_editing_a_person_notes_tasks_and_referrals_store_clean_text(services):
    case_id = services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Bondar", given_name_lat="Taras", birth_date="1980")]))
    person_id = services.case_files.open(case_id).members[0].person.id
    form = services.people.form(person_id)
    form.surname_lat, form.other_spellings = f"{RLO}Bondar{BEL}", [f"Бондар{ESC}"]
    services.people.save(person_id, form)
    services.case_files.add_note(case_id, f"Seen{BEL} today.\n{RLO}Call back.",
                                 NoteAudience.EVERYONE)
    services.case_files.add_task(case_id, f"Call{ESC} the school", None, None)
    services.case_files.add_referral(case_id, f"Croix{BEL}-Rouge", f"Clothes{RLO}")
    view = services.case_files.open(case_id)
    person = view.members[0].person
    assert (person.surname_lat, person.other_spellings) == ("Bondar", ["Бондар[31m"])
    assert [n.body for n in view.notes] == ["Seen today.\nCall back."]
    assert [t.title for t in view.tasks] == ["Call[31m the school"]
    assert [(r.partner, r.purpose) for r in view.referrals] == [("Croix-Rouge", "Clothes")]


def test_the_search_box_ignores_pasted_controls(services):
    services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Kovalenko", given_name_lat="Olena", birth_date="1990")]))
    plain = services.search.search("Kovalenko Olena")
    pasted = services.search.search(f"{RLO}Kova\u200blenko{BEL} Olena\x00")
    assert plain and [h.person_id for h in pasted] == [h.person_id for h in plain]
    # What the result says it was found by quotes the words without what was pasted in them.
    assert [(m.typed, m.found) for m in pasted[0].matched] == [
        ("Kovalenko", "KOVALENKO"), ("Olena", "Olena")]
    assert services.search.search(f"{ESC[0]}{BEL}{RLO}") == []


def test_a_users_display_name_is_stored_clean(services):
    user = services.users.add_user("marie", Role.SOCIAL_WORKER, "staple of the office 7",
                                   display_name=f"{RLO}Marie{ESC} Dupont{BEL}")
    assert user.display_name == "Marie[31m Dupont"
