"""/health, the published OpenAPI, and logs that hold no personal data or token."""

from __future__ import annotations

import json

from tests.central.server import create, update


def test_health_answers_without_a_protocol_header(central):
    with central.client() as c:
        c.headers = {}
        answer = c.get("/health")
    assert answer.json() == {"status": "ok", "protocol": 1, "min_protocol": 1}


def test_the_openapi_document_is_published_and_lists_the_endpoints(central):
    with central.client() as c:
        c.headers = {}
        spec = c.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {"title", "version"} <= spec["info"].keys()
    assert set(spec["paths"]) == {"/health", "/api/v1/enrol", "/api/v1/sync/push",
                                  "/api/v1/sync/pull", "/api/v1/figures",
                                  "/api/v1/figures/files"}
    assert "post" in spec["paths"]["/api/v1/sync/push"]
    assert "get" in spec["paths"]["/api/v1/sync/pull"]
    # Every reference resolves.
    schemas = spec["components"]["schemas"]
    refs = {ref.rsplit("/", 1)[1] for ref in _refs(spec)}
    assert refs <= schemas.keys()
    for path in spec["paths"].values():
        for operation in path.values():
            assert "responses" in operation and "200" in operation["responses"]


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def test_each_request_is_one_json_log_line_without_tokens_or_values(central):
    device, _ = central.organisation()
    person = create("person", {"surname_lat": "Zdravomyslova", "phone": "+32 470 98 76 54"})
    device.push(person, update("person", person["entity_id"], 1,
                               phone=("+32 470 98 76 54", "+32 470 55 55 55")))
    device.pull()
    device.http.get("/api/v1/sync/pull", params={"cursor": 0, "secret": "Zdravomyslova"})
    log = central.log()
    # the phone's digits as written, not "470" alone: a random port can hold those three
    for secret in (device.token, "Zdravomyslova", "98 76 54", "55 55 55", person["entity_id"],
                   "secret"):
        assert secret not in log
    lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    pushes = [line for line in lines if line.get("path") == "/api/v1/sync/push"
              and line.get("device") == device.id]
    assert pushes and pushes[-1]["status"] == 200 and pushes[-1]["changes"] == 2
    assert pushes[-1]["results"] == {"applied": 2}
    assert isinstance(pushes[-1]["duration_ms"], float) and "org" in pushes[-1]
    pulls = [line for line in lines if line.get("path") == "/api/v1/sync/pull"
             and line.get("device") == device.id]
    assert pulls and pulls[-1]["records"] == 1
