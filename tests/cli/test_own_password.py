"""A temporary password set by an administrator opens no command but the change of one's own
password (issue 9, item 11): the window was the only place that asked for it."""

import pytest

from tests.test_cli import PASSWORD, cli

ADMIN = {"RELAIS_USER": "admin", "RELAIS_PASSWORD": PASSWORD}
TEMPORARY = "temporary pass 1"
OWN = "my very own pass 2"


@pytest.fixture
def marie(tmp_path):
    data_dir = str(tmp_path / "relais")
    code, _out, err = cli("--data-dir", data_dir, "init", "--org-refnis", "62063", "--admin",
                          "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 0, err
    code, _out, err = cli("--data-dir", data_dir, "users", "add", "marie", "--role",
                          "social_worker", env={**ADMIN, "RELAIS_NEW_PASSWORD": TEMPORARY})
    assert code == 0, err
    return data_dir


def as_marie(folder, *argv, password=TEMPORARY, **kwargs):
    return cli("--data-dir", folder, "--lang", "en", *argv, "--user", "marie",
               "--password-stdin", stdin=kwargs.pop("stdin", password + "\n"), **kwargs)


@pytest.mark.parametrize("command", [("search", "Shevchenko"), ("users", "list"),
                                     ("export", "persons", "--format", "csv", "-o", "x.csv"),
                                     ("sync", "status"), ("sync", "now"), ("sync", "conflicts"),
                                     ("sync", "problems")])
def test_a_temporary_password_is_refused_for_every_other_command(marie, command):
    code, out, err = as_marie(marie, *command)
    assert (code, out) == (1, "")
    assert err.strip() == (
        "An administrator set a temporary password for you: choose your own password first "
        "(relais users set-password, or sign in to the window).")


def test_set_password_replaces_the_temporary_one_and_opens_the_rest(marie):
    code, out, err = as_marie(marie, "users", "set-password", stdin=f"{TEMPORARY}\n{OWN}\n")
    assert code == 0, err
    assert out.strip() == "Your password is saved, marie: from now on only you know it."
    assert as_marie(marie, "search", "nobody", password=TEMPORARY)[0] == 1  # wrong now
    code, out, err = as_marie(marie, "search", "nobody", password=OWN)
    assert (code, out.strip()) == (0, "Nothing found."), err


def test_set_password_keeps_the_rules_and_needs_a_new_password(marie):
    code, _out, err = as_marie(marie, "users", "set-password",
                               stdin=f"{TEMPORARY}\nmarie-2026-ok\n")
    assert code == 1
    assert err.strip() == "The password contains the user name."
    code, _out, err = as_marie(marie, "users", "set-password", stdin=f"{TEMPORARY}\n")
    assert code == 1
    assert err.strip().startswith("No new password given")
    assert as_marie(marie, "search", "x")[0] == 1  # still temporary: nothing was changed


def test_set_password_refuses_the_temporary_password_again(marie):
    code, out, err = as_marie(marie, "users", "set-password", stdin=f"{TEMPORARY}\n{TEMPORARY}\n")
    assert (code, out) == (1, "")
    assert err.strip() == ("This is the temporary password an administrator gave you: "
                           "choose a new password of your own.")
    assert as_marie(marie, "search", "x")[0] == 1  # still temporary: nothing was changed


def test_set_password_refuses_the_current_password(marie):
    assert as_marie(marie, "users", "set-password", stdin=f"{TEMPORARY}\n{OWN}\n")[0] == 0
    code, _out, err = as_marie(marie, "users", "set-password", password=OWN,
                               stdin=f"{OWN}\n{OWN}\n")
    assert code == 1
    assert err.strip() == "This is the password you use now: choose a new one."
