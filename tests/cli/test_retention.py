"""`relais retention …` and `relais person anonymise` on a real database, signed in as the
administrator: preview changes nothing, apply and anonymise need --yes without a terminal."""

from __future__ import annotations

import io
import json

import pytest
from sqlmodel import Session, select

from desktop.cli import run_cli
from desktop.core.enums import Role
from desktop.core.models import Person
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD, login_as


@pytest.fixture
def cli(paths, session, monkeypatch):
    monkeypatch.setenv("RELAIS_USER", "admin")
    monkeypatch.setenv("RELAIS_PASSWORD", ADMIN_PASSWORD)

    def run(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = run_cli(["--data-dir", str(paths.root), "--lang", "en", *argv],
                       stdin=io.StringIO(""), stdout=out, stderr=err)
        return code, out.getvalue(), err.getvalue()

    return run


@pytest.fixture
def demo(services):
    services.demo.generate(120, seed=5)
    return services


def test_rules_are_set_and_listed(cli):
    code, out, _ = cli("retention", "rules")
    assert code == 0 and "Anonymise closed files: off" in out
    code, out, _ = cli("retention", "set", "closed_files", "2")
    assert code == 0 and "2 years after closure" in out
    code, _, err = cli("retention", "set", "drafts", "0")
    assert code == 1 and "from 1 to 3650" in err
    code, _, err = cli("retention", "set", "drafts", "many")
    assert code == 2 and "not a number" in err


def test_preview_then_apply_needs_yes_without_a_terminal(cli, demo):
    cli("retention", "set", "closed_files", "1")
    code, out, _ = cli("retention", "preview", "--json")
    due = json.loads(out)["persons"]
    assert code == 0 and due and {p["rule"] for p in due} == {"closed_files"}
    code, _, err = cli("retention", "apply")
    assert code == 1 and "add --yes" in err
    assert json.loads(cli("retention", "preview", "--json")[1])["persons"] == due
    code, out, _ = cli("retention", "apply", "--yes")
    assert code == 0 and f"Done: {len(due)} persons anonymised" in out
    assert json.loads(cli("retention", "preview", "--json")[1])["persons"] == []


def test_one_person_anonymised_on_request(cli, demo):
    with Session(demo.session.engine) as db:
        person = db.exec(select(Person)).first()
    person_id = str(person.id)
    assert json.loads(cli("search", "--json", person.surname_lat)[1])
    code, _, err = cli("person", "anonymise", "--person", person_id)
    assert code == 1 and "add --yes" in err
    code, out, _ = cli("person", "anonymise", "--person", person_id, "--yes")
    assert code == 0 and "anonymised" in out
    code, _, err = cli("person", "anonymise", "--person", person_id, "--yes")
    assert code == 1 and "already anonymised" in err
    code, _, err = cli("person", "anonymise", "--person", "not-an-id", "--yes")
    assert code == 2 and "not a person's id" in err
    assert person_id not in {hit["person_id"] for hit in json.loads(
        cli("search", "--json", person.surname_lat)[1])}


def test_a_social_worker_may_not_anonymise(cli, demo, vault, monkeypatch):
    login_as(vault, demo, "worker", Role.SOCIAL_WORKER).session.close()
    monkeypatch.setenv("RELAIS_USER", "worker")
    monkeypatch.setenv("RELAIS_PASSWORD", USER_PASSWORD)
    code, _, err = cli("retention", "preview")
    assert code == 1 and err
