"""The figures key, given once, is kept in the keychain: the next export asks nothing; a key
named again replaces it; a malformed one is never kept."""

from __future__ import annotations

import io
import json
import os
import secrets

import pytest

from desktop.cli import run_cli
from figures.document import read_signed
from tests.figures.test_desktop_figures import MONTH

PASSWORD_ENV = {"RELAIS_USER": "admin"}


@pytest.fixture
def island(vault, services):
    services.demo.generate(20, seed=5)
    return vault


def export(vault, password, output, key: str | None = None,
           *extra: str) -> tuple[int, str, str]:
    env = {**PASSWORD_ENV, "RELAIS_PASSWORD": password}
    if key is not None:
        env["RELAIS_FIGURES_KEY"] = key
    saved = {k: os.environ.get(k) for k in (*env, "RELAIS_FIGURES_KEY")}
    os.environ.pop("RELAIS_FIGURES_KEY", None)
    os.environ.update(env)
    out, err = io.StringIO(), io.StringIO()
    try:
        code = run_cli(["--data-dir", str(vault.paths.root), "--lang", "en", "figures",
                        "export", "--month", MONTH, "-o", str(output), *extra],
                       stdin=io.StringIO(""), stdout=out, stderr=err)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return code, out.getvalue(), err.getvalue()


def signed_with(path, key: str) -> bool:
    try:
        read_signed(path.read_bytes(), lambda _refnis: bytes.fromhex(key))
    except Exception:  # noqa: BLE001 (any refusal: not signed with this key)
        return False
    return True


def test_a_key_given_once_is_kept_and_a_new_one_replaces_it(island, tmp_path):
    from tests.conftest import ADMIN_PASSWORD

    # Without a key and without a terminal, nothing can sign.
    code, _, err = export(island, ADMIN_PASSWORD, tmp_path / "none.json")
    assert code == 1 and not (tmp_path / "none.json").exists()
    # A malformed key is refused and not kept.
    code, _, _ = export(island, ADMIN_PASSWORD, tmp_path / "bad.json", "not a key")
    assert code == 1
    code, _, _ = export(island, ADMIN_PASSWORD, tmp_path / "none.json")
    assert code == 1

    first = secrets.token_hex(32)
    code, out, err = export(island, ADMIN_PASSWORD, tmp_path / "a.json", first)
    assert code == 0, err
    assert "kept in this computer's keychain" in out
    code, out, err = export(island, ADMIN_PASSWORD, tmp_path / "b.json")
    assert code == 0, err
    assert "keychain" not in out
    assert signed_with(tmp_path / "b.json", first)

    second = secrets.token_hex(32)
    assert export(island, ADMIN_PASSWORD, tmp_path / "c.json", second)[0] == 0
    assert export(island, ADMIN_PASSWORD, tmp_path / "d.json")[0] == 0
    assert signed_with(tmp_path / "d.json", second) and not signed_with(
        tmp_path / "d.json", first)
    # --new-key asks again (no terminal here: it cannot, and says so).
    code, _, err = export(island, ADMIN_PASSWORD, tmp_path / "e.json", None, "--new-key")
    assert code == 1 and not (tmp_path / "e.json").exists()
    assert json.loads((tmp_path / "d.json").read_text("utf-8"))["organisations"]
