"""The sync client against HTTP as it really behaves: a local server that answers well,
badly, slowly, or not at all. Every failure reaches the person as a translated SyncError."""

from __future__ import annotations

import gzip
import json
import logging
import socket
import time
import uuid

import pytest

from desktop.core.i18n import LANGUAGES, Translator
from desktop.sync.client import MAX_ANSWER_BYTES, SyncClient
from desktop.sync.errors import MESSAGES, SyncError
from tests.sync.http_faults import FaultHandler, FaultServer

TOKEN = "tok-3f9c2a7d-never-in-a-log"


@pytest.fixture
def server():
    running = FaultServer().start()
    yield running
    running.stop()


def client(server: FaultServer, **options) -> SyncClient:
    return SyncClient(server.url, TOKEN, **options)


def failure(call) -> SyncError:
    with pytest.raises(SyncError) as raised:
        call()
    return raised.value


def change(n: int) -> dict:
    return {"change_id": str(uuid.uuid4()), "seq": n, "entity": "person",
            "entity_id": str(uuid.uuid4()), "op": "update", "base_version": 3,
            "fields": {"phone": ["+32 470 00 00 00", f"+32 470 11 11 {n:02d}"]},
            "author": None, "at": "2026-11-29T10:00:00+00:00"}


def results_for(received_json: dict, result: str = "applied") -> dict:
    return {"protocol": 1, "results": [
        {"change_id": c["change_id"], "result": result, "version": 4, "reason": None,
         "conflicts": []} for c in received_json["changes"]]}


# -- what goes out ------------------------------------------------------------------------

def test_a_push_carries_the_protocol_the_token_its_key_and_a_gzipped_body(server):
    server.on("POST", "/api/v1/sync/push",
              lambda h: h.send_json(200, results_for(server.received[-1].json()),
                                    gzipped=True))
    changes = [change(n) for n in range(40)]
    batch = str(uuid.uuid4())

    results = client(server).push(batch, changes)

    sent = server.received[-1]
    assert sent.headers["x-relais-protocol"] == "1"
    assert sent.headers["authorization"] == f"Bearer {TOKEN}"
    assert sent.headers["idempotency-key"] == batch
    assert sent.headers["content-encoding"] == "gzip"
    assert "gzip" in sent.headers["accept-encoding"]
    assert sent.json() == {"batch_id": batch, "changes": changes}
    assert [r.change_id for r in results] == [c["change_id"] for c in changes]
    assert {r.result for r in results} == {"applied"}


def test_enrolment_goes_without_a_token_and_small_bodies_unzipped(server):
    answer = {"protocol": 1, "device_id": "d-1", "token": "new-token", "series": "B",
              "scope": "full",
              "organisation": {"refnis": "62063", "name": "CPAS de Liège", "record_id": "r-1"}}
    server.on("POST", "/api/v1/enrol", lambda h: h.send_json(200, answer))

    enrolled = SyncClient(server.url).enrol("ABCD-EFGH-JKLM", "join", "Bureau 2")

    sent = server.received[-1]
    assert "authorization" not in sent.headers
    assert "content-encoding" not in sent.headers
    assert sent.json() == {"code": "ABCD-EFGH-JKLM", "mode": "join", "device_name": "Bureau 2"}
    assert (enrolled.token, enrolled.series, enrolled.organisation_refnis) == (
        "new-token", "B", "62063")
    assert "new-token" not in repr(enrolled)


def test_a_pull_asks_from_its_cursor_and_reads_the_page(server):
    page = {"protocol": 1, "records": [{"entity": "person", "id": "p", "version": 2,
                                        "deleted": False, "values": {}, "seq": 8}],
            "cursor": 8, "more": False}
    server.on("GET", "/api/v1/sync/pull", lambda h: h.send_json(200, page, gzipped=True))

    pulled = client(server).pull(5, limit=100)

    assert server.received[-1].path == "/api/v1/sync/pull?cursor=5&limit=100"
    assert (pulled.cursor, pulled.more, len(pulled.records)) == (8, False, 1)


def test_a_central_behind_a_folder_of_a_reverse_proxy_is_reached_there(server):
    server.on("GET", "/relais/health", lambda h: h.send_json(200, {"protocol": 1}))

    assert SyncClient(server.url + "/relais/").health().protocol == 1


def test_without_a_token_nothing_is_sent(server):
    assert failure(lambda: SyncClient(server.url).pull(0)).code == "not_enrolled"
    assert server.received == []


# -- the address ---------------------------------------------------------------------------

@pytest.mark.parametrize("typed", [
    "", "sync.cpas.be", "ftp://sync.cpas.be", "https://", "https://sync.cpas.be:99999",
    "https://sync.cpas.be:abc", "https://sync.cpas.be/?token=1", "https://sync.cpas.be/#x",
    "https://sync cpas.be", "file:///etc/passwd", "https://anna:s3cret@sync.cpas.be"])
def test_a_wrong_address_is_refused_before_anything_is_sent(typed):
    refused = failure(lambda: SyncClient(typed))
    assert refused.code == "bad_address"
    assert "s3cret" not in Translator("en")(refused.key, **refused.params)


def test_a_wrong_address_is_explained_in_every_language():
    refused = failure(lambda: SyncClient("sync.cpas.be"))
    for lang in LANGUAGES:
        text = refused.message(Translator(lang))
        assert "https://" in text and "sync.cpas.be" in text


# -- failures on the way -------------------------------------------------------------------

def test_a_name_that_does_not_exist_is_a_name_problem():
    assert failure(lambda: SyncClient("https://relais-central.invalid").health()).code == "dns"


def test_a_closed_port_is_a_refused_connection():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    refused = failure(lambda: SyncClient(f"http://127.0.0.1:{port}").health())
    assert (refused.code, refused.retryable) == ("refused", True)


def test_an_answer_that_never_comes_times_out(server):
    server.on("GET", "/health", lambda h: server.release.wait())
    late = failure(lambda: client(server, timeout=0.3).health())
    assert (late.code, late.retryable) == ("timeout", True)


def test_an_answer_that_trickles_times_out_as_a_whole(server):
    """Each byte comes well within the timeout, the whole never does."""
    def trickle(handler: FaultHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        for _ in range(200):  # ten seconds at most, then the answer ends short
            if server.release.wait(0.05):
                return
            handler.wfile.write(b" ")
            handler.wfile.flush()

    server.on("GET", "/health", trickle)
    assert failure(lambda: client(server, timeout=0.5).health()).code == "timeout"


def test_a_connection_closed_before_the_answer_is_dropped(server):
    server.on("POST", "/api/v1/sync/push", lambda h: h.drop())
    dropped = failure(lambda: client(server).push(str(uuid.uuid4()), [change(1)]))
    assert (dropped.code, dropped.retryable) == ("dropped", True)


def test_a_connection_closed_mid_answer_is_dropped(server):
    def half(handler: FaultHandler) -> None:
        handler.send_bytes(200, b'{"protocol": 1, "records": [', {"Content-Length": "5000"})
        handler.drop()

    server.on("GET", "/api/v1/sync/pull", half)
    assert failure(lambda: client(server).pull(0)).code == "dropped"


def test_a_gzip_bomb_is_refused_before_it_fills_the_memory(server):
    # 100 MiB of zeros: about 100 KiB on the wire.
    bomb = gzip.compress(b"\0" * (100 * 1024 * 1024), compresslevel=1)
    assert len(bomb) < MAX_ANSWER_BYTES // 100
    server.on("GET", "/api/v1/sync/pull",
              lambda h: h.send_bytes(200, bomb, {"Content-Encoding": "gzip"}))
    refused = failure(lambda: client(server).pull(0))
    assert (refused.code, refused.retryable) == ("answer_too_large", False)


def test_an_answer_announced_too_large_is_not_read(server):
    def huge(handler: FaultHandler) -> None:
        handler.send_bytes(200, b"{", {"Content-Length": str(MAX_ANSWER_BYTES + 1)})
        server.release.wait()

    server.on("GET", "/api/v1/sync/pull", huge)
    assert failure(lambda: client(server, timeout=5).pull(0)).code == "answer_too_large"


def test_a_plain_answer_over_the_cap_is_refused(server):
    body = b'{"protocol": 1, "padding": "' + b"x" * 5000 + b'"}'
    server.on("GET", "/api/v1/sync/pull", lambda h: h.send_until_close(200, body))
    assert failure(lambda: client(server, max_answer_bytes=4096).pull(0)).code == (
        "answer_too_large")


def test_an_answer_without_a_length_is_read_to_the_end(server):
    page = b'{"protocol": 1, "records": [], "cursor": 4, "more": false}'
    server.on("GET", "/api/v1/sync/pull", lambda h: h.send_until_close(200, page))
    assert client(server).pull(0).cursor == 4


def test_a_cut_gzip_stream_is_not_taken_for_an_answer(server):
    cut = gzip.compress(b'{"protocol": 1, "records": [], "cursor": 0, "more": false}')[:-12]
    server.on("GET", "/api/v1/sync/pull",
              lambda h: h.send_bytes(200, cut, {"Content-Encoding": "gzip"}))
    assert failure(lambda: client(server).pull(0)).code == "dropped"


def test_a_gzip_answer_with_a_second_member_is_a_bad_answer(server):
    page = b'{"protocol": 1, "records": [], "cursor": 0, "more": false}'
    twice = gzip.compress(page) + gzip.compress(b"[]")
    server.on("GET", "/api/v1/sync/pull",
              lambda h: h.send_bytes(200, twice, {"Content-Encoding": "gzip"}))
    assert failure(lambda: client(server).pull(0)).code == "bad_answer"


# -- what the answer says ------------------------------------------------------------------

@pytest.mark.parametrize(("status", "body", "code", "retryable"), [
    (426, {"error": "protocol_too_old", "min_protocol": 2}, "protocol_too_old", False),
    (426, None, "protocol_too_old", False),
    (410, {"error": "cursor_expired", "detail": "older than the horizon"}, "cursor_expired",
     False),
    (401, {"error": "unauthorised"}, "unauthorised", False),
    (401, {"error": "device_revoked"}, "device_revoked", False),
    (401, None, "unauthorised", False),
    (409, {"error": "code_invalid"}, "code_invalid", False),
    (409, {"error": "wrong_organisation"}, "wrong_organisation", False),
    (409, {"error": "organisation_already_registered"}, "organisation_already_registered",
     False),
    (409, {"error": "organisation_not_registered"}, "organisation_not_registered", False),
    (413, {"error": "too_large"}, "too_large", False),
    (413, None, "too_large", False),  # a reverse proxy's own limit
    (422, {"error": "idempotency_key_reused"}, "idempotency_key_reused", False),
    (400, {"error": "malformed"}, "malformed", False),
    (422, {"detail": [{"loc": ["body"]}]}, "request_refused", False),
    (500, None, "server", True),
    (502, None, "server", True),
    (503, {"error": "unavailable"}, "server", True),
    (429, None, "server", True),
    (302, None, "moved", False),
    (404, None, "not_relais", False),
])
def test_each_refusal_becomes_its_own_error(server, status, body, code, retryable):
    raw = b"<html>no</html>" if body is None else json.dumps(body).encode()
    headers = {"Location": "https://elsewhere.example/"} if status == 302 else {}
    server.on("POST", "/api/v1/sync/push", lambda h: h.send_bytes(status, raw, headers))

    refused = failure(lambda: client(server).push(str(uuid.uuid4()), [change(1)]))

    assert (refused.code, refused.status, refused.retryable) == (code, status, retryable)
    assert len(server.received) == 1  # a redirection is never followed with the token


def test_the_servers_own_words_are_never_shown(server):
    server.on("GET", "/api/v1/sync/pull", lambda h: h.send_json(
        401, {"error": "device_revoked", "detail": "revoked by admin@central on host db-3"}))
    refused = failure(lambda: client(server).pull(0))
    for lang in LANGUAGES:
        assert "db-3" not in refused.message(Translator(lang))


@pytest.mark.parametrize("body", [b"<html>Welcome to nginx</html>", b'{"status": "ok"}',
                                  b'{"protocol": "1"}', b"[1, 2]", b"\xff\xfe"])
def test_a_health_answer_without_our_fields_is_not_a_relais_server(server, body):
    server.on("GET", "/health", lambda h: h.send_bytes(200, body))
    assert failure(lambda: client(server).health()).code == "not_relais"


def test_a_web_server_without_our_health_is_not_a_relais_server(server):
    assert failure(lambda: client(server).health()).code == "not_relais"


def test_a_central_too_new_or_too_old_for_this_desktop_is_refused(server):
    server.on("GET", "/health", lambda h: h.send_json(200, {"protocol": 3, "min_protocol": 2}))
    assert failure(lambda: client(server).health()).code == "protocol_too_old"
    server.on("GET", "/health", lambda h: h.send_json(200, {"protocol": 0, "min_protocol": 0}))
    assert failure(lambda: client(server).health()).code == "server_too_old"


@pytest.mark.parametrize("body", [b"not json", b"", b"[" * 100000 + b"]" * 100000,
                                  b'{"protocol": 1, "results": "applied"}'])
def test_an_answer_that_is_not_what_was_asked_is_a_bad_answer(server, body):
    server.on("POST", "/api/v1/sync/push", lambda h: h.send_bytes(200, body))
    assert failure(lambda: client(server).push(str(uuid.uuid4()), [change(1)])).code == (
        "bad_answer")


def test_results_for_other_changes_are_a_bad_answer(server):
    other = {"protocol": 1, "results": [{"change_id": str(uuid.uuid4()), "result": "applied",
                                         "version": 1, "reason": None, "conflicts": []}]}
    server.on("POST", "/api/v1/sync/push", lambda h: h.send_json(200, other))
    assert failure(lambda: client(server).push(str(uuid.uuid4()), [change(1)])).code == (
        "bad_answer")


def test_a_pull_cursor_that_goes_back_is_a_bad_answer(server):
    server.on("GET", "/api/v1/sync/pull", lambda h: h.send_json(
        200, {"protocol": 1, "records": [], "cursor": 3, "more": True}))
    assert failure(lambda: client(server).pull(10)).code == "bad_answer"


# -- what the person reads, and what the log keeps -----------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_sync_error_reads_as_a_sentence_in_every_language(lang):
    tr = Translator(lang)
    for code in MESSAGES:
        text = SyncError(code, server="sync.cpas.example", status=503).message(tr)
        assert not text.startswith("sync.error.") and "{" not in text, (code, text)


def test_the_token_reaches_no_log_and_no_message(server, caplog):
    caplog.set_level(logging.DEBUG)
    server.on("POST", "/api/v1/sync/push", lambda h: h.drop())
    server.on("GET", "/api/v1/sync/pull", lambda h: h.send_json(401, {"error": "unauthorised"}))
    sync = client(server)
    errors = [failure(lambda: sync.push(str(uuid.uuid4()), [change(1)])),
              failure(lambda: sync.pull(0))]
    shown = [e.message(Translator(lang)) for e in errors for lang in LANGUAGES]
    assert TOKEN not in caplog.text + repr(sync) + repr(errors) + " ".join(shown)


def test_an_answer_a_little_late_but_within_the_timeout_is_read(server):
    server.on("GET", "/health", lambda h: (time.sleep(0.01), h.send_json(200, {"protocol": 1})))
    assert client(server, timeout=10).health().protocol == 1


# -- TLS -----------------------------------------------------------------------------------

def self_signed(tmp_path) -> tuple[str, str]:
    """A certificate for 127.0.0.1 signed by itself, as a small install might make one."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "relais-central test")])
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256()))
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_file), str(key_file)


@pytest.fixture
def tls_server(tmp_path):
    import ssl

    cert, key = self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    running = FaultServer(tls=context).start()
    running.on("GET", "/health", lambda h: h.send_json(200, {"protocol": 1}))
    yield running, cert
    running.stop()


def test_a_certificate_no_authority_vouches_for_is_refused_before_anything_is_sent(
        tls_server):
    server, _ = tls_server
    refused = failure(lambda: SyncClient(server.url, TOKEN).health())
    assert (refused.code, refused.retryable) == ("tls", False)
    assert server.received == []


def test_a_small_install_with_its_own_certificate_is_trusted_when_told_to(tls_server):
    import ssl

    server, cert = tls_server
    trusted = ssl.create_default_context(cafile=cert)
    assert SyncClient(server.url, TOKEN, ssl_context=trusted).health().protocol == 1


def test_speaking_plain_http_to_a_tls_port_is_not_taken_for_an_answer(tls_server):
    server, _ = tls_server
    plain = server.url.replace("https://", "http://")
    assert failure(lambda: SyncClient(plain, TOKEN, timeout=2).health()).code in (
        "dropped", "not_relais")


def test_https_to_a_port_without_tls_is_not_a_relais_server(server):
    secure = server.url.replace("http://", "https://")
    assert failure(lambda: SyncClient(secure, TOKEN).health()).code == "not_relais"
    assert server.received == []
