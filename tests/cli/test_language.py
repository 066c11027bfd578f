"""The command line speaks --lang, else the signed-in user's own language, else the system's;
never the language of whoever last used the window (settings.json)."""

import locale

import pytest

from desktop.cli.language import system_language
from desktop.paths import DataPaths
from desktop.settings import Settings
from tests.test_cli import PASSWORD, cli

NO_LOCALE = {"LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "", "RELAIS_LANG": ""}
ADMIN = {"RELAIS_USER": "admin", "RELAIS_PASSWORD": PASSWORD}


def system(lang: str) -> dict[str, str]:
    return {**NO_LOCALE, "LANG": lang}


@pytest.fixture
def dutch_admin(tmp_path):
    """An installation whose administrator works in Dutch, whose window was last used in
    Ukrainian."""
    folder = str(tmp_path / "relais")
    code, _out, err = cli("--data-dir", folder, "--lang", "nl", "init", "--org-refnis", "44021",
                          "--admin", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 0, err
    settings_path = DataPaths.portable(folder).settings
    settings = Settings.load(settings_path)
    settings.language = "uk"
    settings.save(settings_path)
    return folder


def test_a_signed_in_command_speaks_the_users_language(dutch_admin):
    code, out, err = cli("--data-dir", dutch_admin, "search", "nobody-at-all",
                         env={**system("de_BE.UTF-8"), **ADMIN})
    assert code == 0, err
    assert out.strip() == "Niets gevonden."  # not German (system), not Ukrainian (window)


def test_lang_wins_over_the_users_language(dutch_admin):
    code, out, _ = cli("--data-dir", dutch_admin, "search", "nobody-at-all", "--lang", "en",
                       env={**system("de_BE.UTF-8"), **ADMIN})
    assert (code, out.strip()) == (0, "Nothing found.")
    code, out, _ = cli("--data-dir", dutch_admin, "search", "nobody-at-all",
                       env={**system("de_BE.UTF-8"), **ADMIN, "RELAIS_LANG": "fr"})
    assert (code, out.strip()) == (0, "Aucun résultat.")


def test_before_signing_in_the_system_language_applies(dutch_admin):
    code, _out, err = cli("--data-dir", dutch_admin, "search", "x", "--user", "admin",
                          "--password-stdin", stdin="wrong one\n", env=system("de_BE.UTF-8"))
    assert code == 1
    assert err.strip() == "Unbekannter Benutzername oder falsches Passwort."
    code, _out, err = cli("--data-dir", dutch_admin, "search", "x", "--user", "admin",
                          "--password-stdin", stdin="wrong one\n", env=system("C.UTF-8"))
    assert err.strip() == "Unknown user name or wrong password."  # not the window's Ukrainian


def _language_of(folder: str, username: str) -> str:
    # first thing with a temporary password: choose one's own
    code, _out, err = cli("--data-dir", folder, "users", "set-password",
                          env={**system("fr_BE.UTF-8"), "RELAIS_USER": username,
                               "RELAIS_PASSWORD": "temporary pass 1",
                               "RELAIS_NEW_PASSWORD": "my very own pass 2"})
    assert code == 0, err
    code, out, err = cli("--data-dir", folder, "search", "nobody-at-all",
                         env={**system("fr_BE.UTF-8"), "RELAIS_USER": username,
                              "RELAIS_PASSWORD": "my very own pass 2"})
    assert code == 0, err
    return {"Niets gevonden.": "nl", "Нічого не знайдено.": "uk"}.get(out.strip(), out)


def test_a_user_added_from_the_command_line_gets_the_organisations_language(dutch_admin):
    # Gent speaks Dutch: not the system's German, not the English this command speaks
    code, _out, err = cli("--data-dir", dutch_admin, "--lang", "en", "users", "add", "marie",
                          "--role", "social_worker",
                          env={**system("de_BE.UTF-8"), **ADMIN,
                               "RELAIS_NEW_PASSWORD": "temporary pass 1"})
    assert code == 0, err
    assert _language_of(dutch_admin, "marie") == "nl"


def test_users_add_takes_the_new_users_language(dutch_admin):
    code, _out, err = cli("--data-dir", dutch_admin, "users", "add", "olena", "--role",
                          "volunteer", "--language", "uk",
                          env={**ADMIN, "RELAIS_NEW_PASSWORD": "temporary pass 1"})
    assert code == 0, err
    assert _language_of(dutch_admin, "olena") == "uk"
    code, _out, _err = cli("--data-dir", dutch_admin, "users", "add", "x", "--role",
                           "volunteer", "--language", "xx", env=ADMIN)
    assert code == 2  # not one of the five


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANG": "nl_BE.UTF-8"}, "nl"),
    ({"LANGUAGE": "uk:fr", "LANG": "fr_BE.UTF-8"}, "uk"),
    ({"LANGUAGE": "ru:de", "LANG": "fr_BE.UTF-8"}, "de"),  # the first one Relais speaks
    ({"LC_ALL": "de_BE.UTF-8", "LANG": "fr_BE.UTF-8"}, "de"),
    ({"LC_MESSAGES": "fr_BE.UTF-8", "LANG": "nl_BE.UTF-8"}, "fr"),
    ({"LANGUAGE": "uk", "LANG": "C.UTF-8"}, "en"),  # the C locale ignores LANGUAGE
    ({"LANG": "es_ES.UTF-8"}, "en"),
])
def test_the_system_language_follows_posix_order(monkeypatch, env, expected):
    for name, value in {**NO_LOCALE, **env}.items():
        monkeypatch.setenv(name, value)
    assert system_language() == expected


def test_without_locale_variables_the_process_locale_counts(monkeypatch):
    """Windows sets no LANG; its locale names are English words."""
    for name in NO_LOCALE:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(locale, "getlocale", lambda *a: ("French_Belgium", "1252"))
    assert system_language() == "fr"
    monkeypatch.setattr(locale, "getlocale", lambda *a: ("uk_UA", "UTF-8"))
    assert system_language() == "uk"
