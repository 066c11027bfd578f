"""The person's copy as files: a PDF a person reads (both languages, fonts embedded, what was
withheld said with its legal basis, page numbers) and a JSON file of the documented shape
(docs/subject-access.md), both readable by their owner only."""

from __future__ import annotations

import json
import re
import stat
import uuid
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.core.enums import AuditAction, NoteAudience
from desktop.core.uow import UnitOfWork
from desktop.documents.subject_access.pdf import LOG_PRINTED
from tests.documents.test_embedded_fonts import fonts
from tests.rich_case import raw_words, rich_case


@pytest.fixture
def mother(services) -> uuid.UUID:
    return services.case_files.open(rich_case(services)).members[0].person.id


def text_of(path: Path) -> str:
    """The PDF's words, lines joined (a sentence wraps where the page ends)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_the_pdf_is_in_both_languages_with_every_section(services, mother, tmp_path):
    languages = services.documents.languages("fr", "uk")
    written = services.subject_copies.export(mother, tmp_path, languages)
    text = text_of(written.pdf)
    for words in ("Vos données personnelles", "Ваші персональні дані", "CPAS de Liège",
                  "Identité", "Protection temporaire", "Besoins spécifiques", "Ménage",
                  "Tâches", "Orientations", "Décisions d'aide", "Notes",
                  "Qui a consulté ou modifié vos données", "Fichiers joints",
                  "Ce que cette copie ne contient pas, et pourquoi",
                  "Бондаренко", "FB765432", "88031200252", "insuline chaque jour",
                  "Famille Dupont", "Maksym", "Rendez-vous lundi.", "FOREM",
                  "Code pénal, art. 458", "RGPD, art. 15, §4", "GDPR, ст. 15(4)",
                  "page 1/", "сторінка 1/", written.json.name):
        assert words in text, words
    assert "Enquête sociale commencée." not in text
    assert "note interne : texte non communiqué" in text
    assert raw_words([text], "fr", "uk") == []


def test_every_font_is_embedded(services, mother, tmp_path):
    written = services.subject_copies.export(mother, tmp_path,
                                             services.documents.languages("nl", "ru"))
    found = fonts(written.pdf)
    assert found and all(found.values()), found
    assert "Ваши персональные данные" in text_of(written.pdf)


def test_both_files_are_for_their_owner_only_and_named_without_the_person(
        services, mother, tmp_path):
    written = services.subject_copies.export(mother, tmp_path,
                                             services.documents.languages("fr", "uk"))
    for path in (written.pdf, written.json):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert "ondarenko" not in path.name.lower()
    assert written.pdf.parent == tmp_path and written.pdf.stem == written.json.stem


# The documented shape (docs/subject-access.md): key -> type, for the object and each entry.
TOP = {"schema": str, "generated_at": str, "generated_by": dict, "organisation": dict,
       "person": dict, "identity_documents": list, "protection_status": list,
       "specific_needs": list, "households": list, "attachments": list, "withheld": list,
       "notes": list, "access_log": list, "counts": dict}
HOUSEHOLD = {"household": dict, "membership": dict, "members": list, "accommodations": list,
             "cases": list}
NOTE = {"id": str, "case_id": str, "file_number": str, "created_at": str, "updated_at": str,
        "author_role": (str, type(None)), "audience": str, "withheld": bool,
        "body": (str, type(None)), "merged_values": (dict, type(None))}
EVENT = {"at": str, "who": (str, type(None)), "role": (str, type(None)), "action": str,
         "record": str, "record_id": (str, type(None)), "fields": list, "origin": str,
         "detail": (dict, type(None))}
WITHHELD = {"what": str, "count": int, "legal_basis": str}


def shaped(value: dict, shape: dict) -> bool:
    return set(value) == set(shape) and all(isinstance(value[k], t) for k, t in shape.items())


def test_the_json_file_has_the_documented_shape(services, mother, tmp_path):
    written = services.subject_copies.export(mother, tmp_path,
                                             services.documents.languages("fr", "uk"))
    data = json.loads(written.json.read_text(encoding="utf-8"))
    assert shaped(data, TOP)
    assert data["schema"] == "relais.subject-access/1"
    assert data["person"]["id"] == str(mother)
    assert data["person"]["birth_date"] == "1988-03-12"
    assert all(shaped(h, HOUSEHOLD) for h in data["households"])
    assert all(shaped(n, NOTE) for n in data["notes"])
    assert all(shaped(e, EVENT) for e in data["access_log"])
    assert all(shaped(w, WITHHELD) for w in data["withheld"])
    assert data["counts"] == {"notes": len(data["notes"]),
                              "access_log": len(data["access_log"])}
    assert "Enquête sociale commencée." not in written.json.read_text(encoding="utf-8")
    # the export itself is in the log it writes
    assert any(e["action"] == "export" and e["detail"] == {"kind": "subject_access"}
               for e in data["access_log"])


def test_a_long_history_is_printed_up_to_the_limit_and_kept_whole_in_the_json(
        services, mother, tmp_path):
    with UnitOfWork(services.session.engine, services.session.actor) as uow:
        for _ in range(LOG_PRINTED + 50):
            uow.record_access(AuditAction.VIEW, "person", mother)
    written = services.subject_copies.export(mother, tmp_path,
                                             services.documents.languages("fr", "uk"))
    assert written.events > LOG_PRINTED + 50
    data = json.loads(written.json.read_text(encoding="utf-8"))
    assert len(data["access_log"]) == written.events
    # numbers as French writes them (1 073, a narrow no-break space), read back as digits
    text = re.sub(r"(?<=\d)[\s\u202f\xa0](?=\d{3})", "", text_of(written.pdf))
    assert f"Les {LOG_PRINTED} plus récentes des {written.events} entrées" in text


def test_the_longest_notes_are_shortened_in_the_pdf_and_whole_in_the_json(
        services, mother, tmp_path):
    [household] = services.subject_access.gather(mother).households
    case_id = uuid.UUID(household["cases"][0]["id"])
    many_lines = "\n".join(f"ligne {i}" for i in range(1_500))
    one_block = "Compte rendu détaillé de l'entretien. " * 260  # 10,000 characters
    for body in (many_lines, one_block):
        services.case_files.add_note(case_id, body[:10_000], NoteAudience.EVERYONE)
    written = services.subject_copies.export(mother, tmp_path,
                                             services.documents.languages("fr", "uk"))
    text = text_of(written.pdf)
    assert text.count("le texte entier est dans le fichier JSON") == 2
    assert "ligne 24" in text and "ligne 25 " not in text
    bodies = [n["body"] for n in json.loads(written.json.read_text("utf-8"))["notes"]]
    assert many_lines[:10_000].strip() in bodies and one_block[:10_000].strip() in bodies


def test_a_referral_at_the_field_limit_still_prints(services, mother, tmp_path):
    [household] = services.subject_access.gather(mother).households
    case_id = uuid.UUID(household["cases"][0]["id"])
    services.case_files.add_referral(case_id, "Partenaire " * 181, "Objet " * 333)
    written = services.subject_copies.export(mother, tmp_path,
                                             services.documents.languages("fr", "uk"))
    assert "le texte entier est dans le fichier JSON" in text_of(written.pdf)
