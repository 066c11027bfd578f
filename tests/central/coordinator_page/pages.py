"""Helpers to drive the coordinator page as a browser does, over the real central process:
a form post, the session cookie carried by hand, and organisations with generated records."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from central.coordination import accounts
from tests.central.wire import Client, Response
from tests.figures.records import generate, municipalities, push_all, real_org

COOKIE = "relais_coordinator"


def browser(central) -> Client:
    """No protocol header, as a browser."""
    return Client(central.url, {})


def coordinator(central, scope: str) -> tuple[str, str]:
    name = f"Coord {uuid.uuid4().hex[:6]}"
    return name, accounts.add(central.engine, name, scope)


def organisation(central, region: str, name: str, seed: int, households: int = 30):
    refnis = real_org(central, region, name)
    data = generate(seed, households, municipalities(region)[:2])
    push_all(central.enrol(refnis), data)
    return refnis, data


def post_form(client: Client, path: str, fields: dict[str, str], cookie: str = "",
              **headers: str) -> Response:
    all_headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "Origin": f"http://{client.host}:{client.port}", **headers}
    if cookie:
        all_headers["Cookie"] = f"{COOKIE}={cookie}"
    return client.request("POST", path, content=urlencode(fields).encode(),
                          headers=all_headers)


def cookie_of(answer: Response) -> str:
    header = answer.headers.get("set-cookie", "")
    assert header.startswith(f"{COOKIE}="), header
    return header.split(";")[0].split("=", 1)[1]


def login(central, token: str) -> str:
    answer = post_form(browser(central), "/coordinator/login", {"token": token, "lang": "fr"})
    assert answer.status_code == 303, answer.text
    return cookie_of(answer)


def get(central, path: str, cookie: str = "", **params: str) -> Response:
    headers = {"Cookie": f"{COOKIE}={cookie}"} if cookie else {}
    return browser(central).get(path, params=params or None, headers=headers)
