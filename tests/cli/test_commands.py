"""The command groups assemble into the same `relais --help` as before the split, and each
group is a module of its own with its handlers."""

import io
import subprocess
import sys

import pytest

from desktop.cli import COMMANDS, GROUPS, command_groups, run_cli

TOP_HELP = """\
usage: relais [-h] [--data-dir DATA_DIR] [--lang {fr,nl,de,en,uk}] [--self-test]
              {init,users,demo,import,export,search,person,pdf,report,sync,join,audit,backup,retention,figures,partners}
              ...

Relais: case records for the reception of people displaced from Ukraine.

positional arguments:
  {init,users,demo,import,export,search,person,pdf,report,sync,join,audit,backup,retention,figures,partners}
    init                create the organisation and its first administrator
    users               manage user accounts
    demo                add synthetic demonstration data
    import              import a list of persons (CSV, XLSX, ODS)
    export              export persons, households or cases (CSV, XLSX)
    search              search persons and cases
    person              what concerns one person: their own copy of their data, anonymisation on
                        request
    pdf                 make a document for a case (PDF)
    report              make reports (monthly figures)
    sync                sync with the organisation's central server
    join                set up a new computer in an enrolled organisation
    audit               the audit trail: who saw or changed what (administrators)
    backup              back up the database, list, verify and restore backups
    retention           retention rules, their preview and the run that anonymises
                        (administrators)
    figures             anonymous figures for a coordinator
    partners            the directory of partner services (list, import, export)

options:
  -h, --help            show this help message and exit
  --data-dir DATA_DIR
  --lang {fr,nl,de,en,uk}
  --self-test           check the installation and exit
"""


def help_text(capsys, monkeypatch, *argv: str) -> str:
    """The help, on the stream the command was given (exit code 0, nothing on the process's
    own streams)."""
    monkeypatch.setenv("COLUMNS", "100")
    out = io.StringIO()
    assert run_cli(["--lang", "en", *argv, "--help"], stdout=out) == 0
    assert capsys.readouterr() == ("", "")
    return out.getvalue()


def test_relais_help_is_unchanged(capsys, monkeypatch):
    assert help_text(capsys, monkeypatch) == TOP_HELP


@pytest.mark.parametrize(("command", "subcommands"), [
    ("users", "{add,list,disable,reset-password,set-password}"),
    ("pdf", "{intake,summary,blank-intake,fillable-intake,import-intake}"),
    ("report", "{monthly}"),
    ("audit", "{verify,list,export}"),
    ("sync", "{enrol,now,status,conflicts,resolve,problems,resend,discard,leave}"),
    ("backup", "{now,list,verify,restore}"),
    ("figures", "{export}"),
    ("partners", "{list,import,export}"),
])
def test_each_group_lists_its_subcommands(capsys, monkeypatch, command, subcommands):
    assert f"usage: relais {command} " in help_text(capsys, monkeypatch, command)
    assert subcommands in help_text(capsys, monkeypatch, command)


def test_a_subcommand_keeps_its_options_and_the_shared_ones(capsys, monkeypatch):
    text = help_text(capsys, monkeypatch, "pdf", "intake")
    assert text.startswith("usage: relais pdf intake [-h] [--data-dir DATA_DIR] "
                           "[--lang {fr,nl,de,en,uk}] [--user USER]")
    for option in ("--password-stdin", "--case CASE", "--with BESIDE", "-o OUTPUT"):
        assert option in text


def test_every_command_comes_from_exactly_one_group():
    assert sorted(COMMANDS) == sorted(["init", "users", "demo", "import", "export", "search",
                                       "person", "pdf", "report", "sync", "join", "audit",
                                       "backup", "retention", "figures", "partners"])
    assert len(set(COMMANDS)) == len(COMMANDS)
    assert all(callable(group.register) for group in command_groups())


def test_each_group_registers_the_commands_listed_for_it():
    # the list lets `relais` tell a command from the window without importing the groups
    assert {group.__name__.rsplit(".", 1)[1]: group.COMMANDS for group in command_groups()} \
        == GROUPS


def test_the_window_starts_without_importing_the_commands():
    # what `relais` alone imports before its login window: no command, no database layer
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, desktop.app; print(' '.join(sys.modules))"],
        capture_output=True, text=True, check=True).stdout.split()
    assert [name for name in loaded if name.startswith(("sqlalchemy", "sqlmodel"))] == []
    assert [name for name in loaded if name.removeprefix("desktop.cli.") in GROUPS] == []


def test_no_command_is_a_usage_error(capsys):
    assert run_cli(["--lang", "en"]) == 2
    assert capsys.readouterr().err.startswith("Usage error:")
