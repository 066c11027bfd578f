"""Every visible string exists in all five catalogs, with the same placeholders."""

import ast
import json
import re
from pathlib import Path

import pytest

from desktop.core import enums
from desktop.core.i18n import (
    LANGUAGES,
    SOURCE_LANGUAGE,
    Translator,
    placeholders,
    plural_categories,
    texts,
)

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = {lang: json.loads((ROOT / "i18n" / f"{lang}.json").read_text("utf-8"))
            for lang in LANGUAGES}
SOURCE = CATALOGS[SOURCE_LANGUAGE]
# Calls whose first string argument is a message key.
KEY_CALLS = {"tr", "_tr", "RelaisError", "ValidationError", "AccessDenied", "t"}
KEY_SHAPE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*(\.[a-z0-9]+(_[a-z0-9]+)*)+$")
# Module paths and form field paths (members.0...) are not message keys.
# "household", "person1": the paper and fillable forms' field ids (household.address, …)
NOT_MESSAGES = {"desktop", "central", "alembic", "sqlalchemy", "keyring", "members",
                "shibokensupport",  # a PySide6 module name (ui/pyside_imports.py)
                "household", "person1"}
FILE_NAMES = re.compile(r"\.(json|db|log|pdf|png|py|ttf|txt|xml|id)$")  # ".id": foreign keys


def keys_used_in_code() -> set[str]:
    used = set()
    for path in (ROOT / "desktop").rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            # tr("a.b") and tr("a.b" if condition else "a.c") alike.
            candidates = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
            for candidate in candidates:
                if (name in KEY_CALLS and isinstance(candidate, ast.Constant)
                        and isinstance(candidate.value, str)
                        and KEY_SHAPE.match(candidate.value)):
                    used.add(candidate.value)
        # Keys written as plain strings (problem lists, reasons, worklists): any constant
        # shaped like a key, except module paths and file names.
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and KEY_SHAPE.match(node.value) and not FILE_NAMES.search(node.value)
                    and node.value.split(".")[0] not in NOT_MESSAGES):
                used.add(node.value)
    return used


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_catalog_has_exactly_the_source_keys(lang):
    assert sorted(set(SOURCE) - set(CATALOGS[lang])) == []
    assert sorted(set(CATALOGS[lang]) - set(SOURCE)) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_match_the_source(lang):
    wrong = {key: text for key, text in CATALOGS[lang].items()
             if placeholders(text) != placeholders(SOURCE[key])}
    assert wrong == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_message_is_left_empty(lang):
    assert [key for key, text in CATALOGS[lang].items()
            if not all(form.strip() for form in texts(text))] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_plural_message_has_exactly_the_forms_the_language_needs(lang):
    """A count is a plural message in every language or in none, with the CLDR categories
    of the language (Ukrainian: one, few, many, other) and the same placeholders per form."""
    plural_keys = {key for key, text in SOURCE.items() if isinstance(text, dict)}
    catalog = CATALOGS[lang]
    assert sorted(k for k in plural_keys if not isinstance(catalog[k], dict)) == []
    assert sorted(k for k, v in catalog.items() if isinstance(v, dict)
                  and k not in plural_keys) == []
    needed = plural_categories(lang)
    assert {k: sorted(catalog[k]) for k in plural_keys if set(catalog[k]) != needed} == {}
    wanted = {k: placeholders(SOURCE[k]["other"]) for k in plural_keys}
    assert {(k, category): form for k in plural_keys for category, form in catalog[k].items()
            if placeholders(form) != wanted[k]} == {}


def test_counts_follow_the_plural_rules_of_each_language():
    assert Translator("fr").plural("count.persons", 1) == "1 personne"
    assert Translator("fr").plural("count.persons", 0) == "0 personne"
    assert Translator("en").plural("count.persons", 1) == "1 person"
    assert Translator("en").plural("count.persons", 0) == "0 persons"
    ukrainian = Translator("uk")
    assert [ukrainian.plural("count.persons", n) for n in (1, 2, 5, 21, 22, 11)] == [
        "1 особа", "2 особи", "5 осіб", "21 особа", "22 особи", "11 осіб"]
    assert Translator("nl").plural("count.persons", 12345) == "12.345 personen"
    assert Translator("fr").plural("count.persons", 12345) == "12\u202f345 personnes"


def test_no_count_is_spelled_out_with_a_fixed_plural():
    """'1 personnes': every message that counts something is a plural message."""
    counted = re.compile(r"\{(n|count|persons|households|total|problems|duplicates|rejected"
                         r"|days|seconds|pages)\} [a-z]")
    fixed = [key for key, text in SOURCE.items()
             if isinstance(text, str) and counted.search(text)]
    assert fixed == []


def test_every_key_used_in_code_is_in_the_catalogs():
    assert sorted(keys_used_in_code() - set(SOURCE)) == []


ENUM_PREFIXES = {
    "role": enums.Role, "case_status": enums.CaseStatus, "sex": enums.Sex,
    "closure_reason": enums.ClosureReason, "accommodation": enums.AccommodationType,
    "relationship": enums.Relationship, "document_type": enums.DocumentType,
    "specific_need": enums.SpecificNeedType, "aid_category": enums.AidCategory,
    "need_area": enums.NeedArea, "referral_status": enums.ReferralStatus,
    "note_audience": enums.NoteAudience, "audit": enums.AuditAction,
    "national_number_kind": enums.NationalNumberKind,
    "partner_kind": enums.PartnerKind, "partner_scope": enums.PartnerScope,
}


def test_every_case_list_column_has_a_header():
    from desktop.ui.case_model import COLUMNS

    assert [c for c in COLUMNS if f"cases.column_{c}" not in SOURCE] == []


@pytest.mark.parametrize("prefix", ENUM_PREFIXES)
def test_every_enumerated_value_has_a_label(prefix):
    missing = [f"{prefix}.{v.value}" for v in ENUM_PREFIXES[prefix]
               if f"{prefix}.{v.value}" not in SOURCE]
    assert missing == []


def test_the_history_names_every_record_and_field_it_can_list():
    from desktop.core.history import history_fields

    fields = history_fields()
    built = [f"entity.{table}" for table in fields]
    built += [f"field.{name}" for names in fields.values() for name in names]
    assert sorted(key for key in built if key not in SOURCE) == []


def test_two_languages_at_once_for_bilingual_documents():
    french, ukrainian = Translator("fr"), Translator("uk")
    assert french("auth.wrong_credentials") != ukrainian("auth.wrong_credentials")
    assert french.language == "fr" and ukrainian.language == "uk"


def test_keys_built_at_run_time_exist():
    from desktop.core.enums import DraftKind
    from desktop.ui.language_boxes import LANGUAGES
    from desktop.ui.member_row import MemberRow

    fields = ("surname_cyr", "given_name_cyr", "surname_lat", "given_name_lat", "birth_date",
              "sex", "relationship", "phone", "languages", "interpreter")
    built = [f"intake.field_{name}" for name in fields]
    built += [f"language.{code}" for code in LANGUAGES]
    built += [f"drafts.kind_{kind.value}" for kind in DraftKind]
    from desktop.exchange.columns import CANONICAL
    from desktop.exchange.exporter import KINDS

    built += [f"importer.column_{name}" for name in CANONICAL]
    built += [f"exporter.kind_{kind}" for kind in KINDS]
    from desktop.exchange.exporter import COLUMNS, column_label_key

    built += [column_label_key(column) for columns in COLUMNS.values() for column in columns]
    from desktop.exchange.importer import GROUPINGS

    built += [f"importer.grouping_{mode}" for mode in GROUPINGS]
    from desktop.core.intake_input import HouseholdInput, PersonInput
    from desktop.ui.person_details import DOCUMENT_FIELDS, TEXT_FIELDS

    built += [f"intake.field_{name}" for name in TEXT_FIELDS]
    built += [f"intake.document_{name}" for name in DOCUMENT_FIELDS]
    built += [f"intake.field_{name}" for name in (
        "other_spellings", "document", "consent", "specific_needs", "accommodation_type",
        "host_name", "street", "postal_code", "municipality", "needs", "referral_partner",
        "referral_purpose")]
    # Problems name their field; the forms label them with intake.field_<name>.
    built += [f"intake.field_{name}" for name in PersonInput.__dataclass_fields__
              if name not in ("relationship", "dependant", "nationality", "urgent_need",
                              "interpreter_needed", "contact_consent")]
    built += [f"intake.field_{name}" for name in HouseholdInput.__dataclass_fields__
              if name in ("postal_code", "municipality_refnis", "members_in_ukraine")]
    built += [f"search.reason_{reason}" for reason in (
        "name", "file_number", "birth_date", "phone", "document_number", "national_number")]
    from desktop.core.matches import IDENTIFIER_KINDS, NAME_KINDS

    built += [f"match.{kind}" for kind in NAME_KINDS + IDENTIFIER_KINDS]
    assert MemberRow is not None
    assert [key for key in built if key not in SOURCE] == []


def test_the_russian_document_catalog_covers_what_documents_print():
    from desktop.core.i18n import load_catalog

    russian = load_catalog("ru")
    printed = set()
    sources = [*(ROOT / "desktop" / "documents").rglob("*.py"),
               ROOT / "desktop" / "core" / "figures.py"]  # the monthly tables' labels
    for path in sources:
        if path.name == "service.py":  # its messages are errors for the worker, not print
            continue
        printed |= set(re.findall(r'"((?:doc|figures)\.[a-z_0-9]+)"', path.read_text("utf-8")))
    # the spreadsheet's column names and an error message are not printed in a PDF
    ui_only = {key for key in printed if key.startswith(("figures.col_", "figures.bad_"))}
    prefixes = ("sex.", "relationship.", "accommodation.", "document_type.", "case_status.",
                "closure_reason.", "aid_category.", "referral_status.", "language.", "need_area.",
                "specific_need.", "figures.household_type.")
    expected = (printed - ui_only) | {key for key in SOURCE if key.startswith(prefixes)}
    assert sorted(expected - set(russian)) == []
    assert {k: v for k, v in russian.items() if placeholders(v) != placeholders(SOURCE[k])} == {}
    assert {k: sorted(v) for k, v in russian.items() if isinstance(v, dict)
            and set(v) != plural_categories("ru")} == {}


def test_the_maintainer_script_adds_plural_messages(tmp_path, monkeypatch):
    import importlib.util
    import shutil

    spec = importlib.util.spec_from_file_location("i18n_add", ROOT / "scripts" / "i18n_add.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    for lang in LANGUAGES:
        shutil.copy(ROOT / "i18n" / f"{lang}.json", tmp_path / f"{lang}.json")
    monkeypatch.setattr(script, "CATALOGS", tmp_path)
    forms = {"en": '{"one": "{n} cat", "other": "{n} cats"}', "fr": "{n} chat(s)",
             "nl": "{n} katten", "de": "{n} Katzen",
             "uk": '{"one": "{n} кіт", "few": "{n} коти", "many": "{n} котів", '
                   '"other": "{n} кота"}'}
    tsv = tmp_path / "new.tsv"
    tsv.write_text("\t".join(["test.cats", *(forms[lang] for lang in script.ORDER)]) + "\n",
                   encoding="utf-8")
    script.main(tsv)
    written = {lang: json.loads((tmp_path / f"{lang}.json").read_text("utf-8"))["test.cats"]
               for lang in LANGUAGES}
    assert written["uk"] == {"one": "{n} кіт", "few": "{n} коти", "many": "{n} котів",
                             "other": "{n} кота"}
    assert written["fr"] == "{n} chat(s)"
