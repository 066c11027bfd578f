"""The FastAPI application: routes, error answers and middleware, for given settings."""

from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from fastapi import FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.engine import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from central.auth import authenticate
from central.changes import canonical
from central.coordination.accounts import authenticate as coordinator_of
from central.coordination.service import (
    FiguresError,
    FiguresService,
    allowed_scope,
    check_month,
)
from central.coordination.stored import Refresher
from central.coordination.web import routes as coordinator_page
from central.coordination.web.headers import PageHeadersMiddleware
from central.db import Statistics, make_engine, write_connection
from central.enrol import enrol
from central.errors import ApiError
from central.logs import RequestLogMiddleware, annotate
from central.protocol import (
    GZIP_MINIMUM_SIZE,
    MALFORMED,
    MAX_CHANGES_PER_PUSH,
    MAX_PULL_LIMIT,
    MIN_PROTOCOL,
    NOT_FOUND,
    PROTOCOL,
    SERVER_ERROR,
    TOO_LARGE,
)
from central.pull import begin_download, pull
from central.push import push
from central.transport import BodyLimitMiddleware, ProtocolMiddleware

log = logging.getLogger("relais_central.app")


@dataclass(frozen=True)
class Settings:
    database_url: str
    # Desktops below this protocol get 426 protocol_too_old (serve --min-protocol).
    min_protocol: int = MIN_PROTOCOL


class OrganisationIn(BaseModel):
    id: str
    refnis: str
    name: str = ""


class EnrolIn(BaseModel):
    code: str = Field(max_length=64)
    mode: Literal["enrol", "join"]
    device_name: str = Field(max_length=200)
    organisation: OrganisationIn | None = None


class OrganisationOut(BaseModel):
    refnis: str
    name: str
    record_id: str


class EnrolOut(BaseModel):
    protocol: int
    device_id: str
    token: str
    series: str
    scope: Literal["full", "volunteer"]
    organisation: OrganisationOut


class PushIn(BaseModel):
    batch_id: str
    # Loosely typed on purpose: a malformed change is rejected alone, not the batch.
    changes: list[Any]


class ResultOut(BaseModel):
    change_id: str | None
    result: Literal["applied", "merged", "conflict", "duplicate", "rejected", "deferred"]
    version: int | None
    reason: str | None
    conflicts: list[str]


class PushOut(BaseModel):
    protocol: int
    results: list[ResultOut]


class RecordOut(BaseModel):
    entity: str
    id: str
    version: int
    deleted: bool
    values: dict[str, Any]
    seq: int
    updated_by: str | None
    updated_at: str | None


class PullOut(BaseModel):
    protocol: int
    records: list[RecordOut]
    cursor: int
    more: bool
    remaining: int | None = None  # asked with count=true (docs/sync-protocol.md "Pull")


class HealthOut(BaseModel):
    status: str
    protocol: int
    min_protocol: int


class FiguresRowOut(BaseModel):
    row: str
    values: list[float | None]
    total: int | None = None
    region: str | None = None
    province: str | None = None


class FiguresTotalsOut(BaseModel):
    values: list[int | None]
    total: int | None


class FiguresTableOut(BaseModel):
    key: str
    unit: str
    columns: list[str]
    rows: list[FiguresRowOut]
    totals: FiguresTotalsOut | None


class FiguresOrganisationOut(BaseModel):
    refnis: str
    name: str
    region: str | None
    province: str | None
    origin: Literal["sync", "file"]
    tables: list[FiguresTableOut]


class FiguresOut(BaseModel):
    """Schema relais.figures/1 (docs/figures-schema.md): counts only, cells under 5 and
    the cells that would give them away are null."""

    schema_: str = Field(alias="schema")
    month: str
    made_by: str
    made_at: str
    scope: str | None
    suppression: dict[str, Any]
    organisations: list[FiguresOrganisationOut]


class FiguresImportOut(BaseModel):
    refnis: str
    month: str


class ErrorOut(BaseModel):
    protocol: int
    error: str
    detail: str


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut} for status in (400, 401, 403, 409, 410, 413, 422, 426)}


def create_app(settings: Settings, engine: Engine | None = None) -> FastAPI:
    engine = engine or make_engine(settings.database_url)
    statistics = Statistics(engine)
    # The pushing organisation's figures are counted again after the answer, in the
    # background (central/coordination/stored.py): the coordinator page then reads them.
    refresher = Refresher(engine)
    app = FastAPI(title="Relais central", version=str(PROTOCOL), docs_url=None,
                  redoc_url=None)
    app.state.figures_refresher = refresher  # tests wait on it
    _errors(app)

    @app.get("/health", response_model=HealthOut)
    def health() -> dict[str, Any]:
        return {"status": "ok", "protocol": PROTOCOL, "min_protocol": settings.min_protocol}

    @app.post("/api/v1/enrol", response_model=EnrolOut, responses=ERRORS)
    def enrol_device(body: EnrolIn, request: Request) -> dict[str, Any]:
        organisation = body.organisation.model_dump() if body.organisation else None
        with write_connection(engine) as connection:
            answer = enrol(connection, body.code, body.mode, body.device_name, organisation)
            connection.commit()
        annotate(request.scope, device=answer["device_id"], mode=body.mode)
        return {"protocol": PROTOCOL, **answer}

    @app.post("/api/v1/sync/push", response_model=PushOut, responses=ERRORS)
    def push_batch(body: PushIn, request: Request,
                   authorization: str | None = Header(default=None),
                   idempotency_key: str | None = Header(default=None)) -> JSONResponse:
        with write_connection(engine) as connection:
            device = authenticate(connection, authorization)
            annotate(request.scope, org=device.organisation_id, device=device.id,
                     changes=len(body.changes))
            batch_id = _batch_id(body.batch_id, idempotency_key)
            if len(body.changes) > MAX_CHANGES_PER_PUSH:
                raise ApiError(413, TOO_LARGE, f"at most {MAX_CHANGES_PER_PUSH} changes a push")
            body_hash = hashlib.sha256(canonical(body.model_dump())).hexdigest()
            answer = push(connection, device, batch_id, body_hash, body.changes)
            connection.commit()
        statistics.wrote(len(body.changes))
        if body.changes:
            refresher.after_push(device.organisation_id)
        counts: dict[str, int] = {}
        for result in answer["results"]:
            counts[result["result"]] = counts.get(result["result"], 0) + 1
        annotate(request.scope, results=counts)
        return JSONResponse(answer)

    @app.get("/api/v1/sync/pull", response_model=PullOut, responses=ERRORS)
    def pull_page(request: Request, cursor: int = Query(0, ge=0),
                  limit: int = Query(MAX_PULL_LIMIT, ge=1), count: bool = Query(False),
                  authorization: str | None = Header(default=None)) -> JSONResponse:
        with engine.connect() as connection:
            device = authenticate(connection, authorization)
            annotate(request.scope, org=device.organisation_id, device=device.id)
            if cursor == 0:
                connection.rollback()  # the read snapshot ends before the short write
                begin_download(engine, device)
            body, records = pull(connection, device, cursor, limit, count)
        annotate(request.scope, records=records)
        # Built by pull() already: validating 1,000 records against the model again would
        # cost more than the query (the model still documents the answer in the OpenAPI).
        return Response(body, media_type="application/json")

    _figures(app, engine)
    coordinator_page.register(app, engine)
    app.add_middleware(PageHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(ProtocolMiddleware, min_protocol=settings.min_protocol)
    # Level 6: as small as 9 on these pages (within 1%), in less than half the time.
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM_SIZE, compresslevel=6)
    app.add_middleware(RequestLogMiddleware)  # outermost: sees every answer
    return app


def _figures(app: FastAPI, engine: Engine) -> None:
    """A coordinator's figures: aggregates of the organisations within their scope only."""
    service = FiguresService(engine)

    @app.get("/api/v1/figures", response_model=FiguresOut, responses=ERRORS,
             response_model_by_alias=True)
    def figures(request: Request, month: str = Query(..., max_length=7),
                scope: str | None = Query(None, max_length=40),
                authorization: str | None = Header(default=None)) -> JSONResponse:
        with engine.connect() as connection:
            coordinator = coordinator_of(connection, authorization)
        annotate(request.scope, coordinator=coordinator.id)
        try:
            doc = service.figures(check_month(month), allowed_scope(coordinator.scope, scope))
        except FiguresError as error:
            raise _figures_refusal(error) from None
        return JSONResponse(doc)

    @app.post("/api/v1/figures/files", response_model=FiguresImportOut, responses=ERRORS)
    async def import_figures(request: Request,
                             authorization: str | None = Header(default=None)
                             ) -> dict[str, str]:
        with engine.connect() as connection:
            coordinator = coordinator_of(connection, authorization)
        annotate(request.scope, coordinator=coordinator.id)
        try:
            refnis, month = service.import_file(await request.body(), coordinator.scope)
        except FiguresError as error:
            raise _figures_refusal(error) from None
        return {"refnis": refnis, "month": month}


def _figures_refusal(error: FiguresError) -> ApiError:
    status = 403 if error.key == "figures.outside_scope" else 400
    code = error.key.removeprefix("figures.")
    return ApiError(status, code, code.replace("_", " "))


def _batch_id(batch_id: str, idempotency_key: str | None) -> str:
    try:
        parsed = str(uuid.UUID(batch_id))
    except ValueError:
        raise ApiError(400, MALFORMED, "batch_id is not a UUID") from None
    if idempotency_key is None or idempotency_key.strip().lower() != parsed:
        raise ApiError(400, MALFORMED, "Idempotency-Key must be the batch_id")
    return parsed


def _errors(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_request: Request, error: ApiError) -> JSONResponse:
        return JSONResponse(error.body(), status_code=error.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, _error: RequestValidationError) -> JSONResponse:
        # The validation message would quote the values sent: only the code goes back.
        return JSONResponse(ApiError(400, MALFORMED, "request does not match the protocol")
                            .body(), status_code=400)

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, error: Exception) -> JSONResponse:
        # Logged by its type only (an exception's text can quote values), answered in the
        # protocol's shape so the desktop says "the server had a problem" and retries later.
        log.error("unexpected error: %s", type(error).__name__)
        return JSONResponse(ApiError(500, SERVER_ERROR, "unexpected error").body(),
                            status_code=500)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = NOT_FOUND if error.status_code in (404, 405) else MALFORMED
        return JSONResponse(ApiError(error.status_code, code, str(error.detail)).body(),
                            status_code=error.status_code)
