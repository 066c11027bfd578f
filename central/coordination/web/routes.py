"""The coordinator page's routes: login and logout, the figures of a month for the
coordinator's scope (or a part of it) and their downloads. The scope is enforced by the
same FiguresService and allowed_scope as GET /api/v1/figures."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.engine import Engine

from central.coordination import accounts
from central.coordination.output import write
from central.coordination.service import FiguresError, allowed_scope, check_month
from central.coordination.web import partner_routes
from central.coordination.web.asked import asked_month_and_scope
from central.coordination.web.data import PageFigures
from central.coordination.web.places import LEVELS
from central.coordination.web.session import (
    COOKIE,
    IDLE_SECONDS,
    FailureLimit,
    Session,
    SessionSigner,
)
from central.coordination.web.views import FiguresView, figures_page, login_page
from central.coordination.web.words import choose_language, page_word
from central.logs import annotate
from figures.places import REGIONS, narrower_or_equal, provinces

CSS = (Path(__file__).parent / "page.css").read_text("utf-8")
MAX_FORM_BYTES = 4096
DOWNLOADS = {"csv": "text/csv; charset=utf-8",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "pdf": "application/pdf"}


def this_month() -> str:
    return datetime.now(UTC).strftime("%Y-%m")


def scopes_within(own: str) -> list[str]:
    """The coordinator's scope and every region and province inside it."""
    candidates = ["federal", *(f"region:{r}" for r in REGIONS),
                  *(f"province:{p}" for p in sorted(provinces()))]
    return [c for c in candidates if narrower_or_equal(c, own)]


def register(app: FastAPI, engine: Engine, signer: SessionSigner | None = None) -> None:
    signer = signer or SessionSigner()
    figures_of, failures = PageFigures(engine), FailureLimit()

    def language(request: Request, asked: str | None = None) -> str:
        return choose_language(asked or request.query_params.get("lang"),
                               request.headers.get("accept-language"))

    def html(text: str, status: int = 200) -> HTMLResponse:
        return HTMLResponse(text, status_code=status)

    def session_of(request: Request) -> tuple[Session, accounts.Coordinator] | None:
        session = signer.read(request.cookies.get(COOKIE))
        if session is None:
            return None
        with engine.connect() as connection:
            coordinator = accounts.signed_in(connection, session.coordinator_id)
        return (session, coordinator) if coordinator else None

    def set_cookie(response: Response, request: Request, value: str) -> None:
        response.set_cookie(COOKIE, value, max_age=IDLE_SECONDS, path="/coordinator",
                            httponly=True, samesite="strict",
                            secure=request.url.scheme == "https")

    def to_login(lang: str, ended: bool = False) -> RedirectResponse:
        query = urlencode({"lang": lang, **({"ended": "1"} if ended else {})})
        return RedirectResponse(f"/coordinator/login?{query}", status_code=303)

    async def form(request: Request) -> dict[str, str] | None:
        """The posted form; None for a cross-site post (Origin or Sec-Fetch-Site)."""
        origin = request.headers.get("origin")
        host = request.headers.get("host", "")
        if origin and (urlsplit(origin).netloc != host or origin == "null"):
            return None
        if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin",
                                                                         "none"):
            return None
        raw = (await request.body())[:MAX_FORM_BYTES].decode("utf-8", "replace")
        fields = parse_qs(raw, max_num_fields=5)
        return {k: v[0][:300] for k, v in fields.items()}

    @app.get("/coordinator/page.css", include_in_schema=False)
    def css() -> Response:
        return Response(CSS, media_type="text/css; charset=utf-8")

    @app.get("/coordinator", include_in_schema=False)
    @app.get("/coordinator/", include_in_schema=False)
    def home(request: Request) -> Response:
        if session_of(request):
            return RedirectResponse(f"/coordinator/figures?lang={language(request)}",
                                    status_code=303)
        return to_login(language(request))

    @app.get("/coordinator/login", include_in_schema=False)
    def login_form(request: Request) -> Response:
        lang = language(request)
        ended = request.query_params.get("ended") == "1"
        return html(login_page(lang, page_word("login.ended", lang) if ended else ""))

    @app.post("/coordinator/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        fields = await form(request)
        lang = language(request, (fields or {}).get("lang"))
        if fields is None:
            return html(login_page(lang, page_word("login.failed", lang)), 403)
        client = request.client.host if request.client else "?"
        if failures.blocked(client):
            return html(login_page(lang, page_word("login.too_many", lang)), 429)
        with engine.connect() as connection:
            coordinator = accounts.by_token(connection, fields.get("token", "").strip())
        if coordinator is None:
            failures.failed(client)
            return html(login_page(lang, page_word("login.failed", lang)), 401)
        annotate(request.scope, coordinator=coordinator.id)
        response = RedirectResponse(f"/coordinator/figures?lang={lang}", status_code=303)
        set_cookie(response, request, signer.issue(coordinator.id))
        return response

    @app.post("/coordinator/logout", include_in_schema=False)
    async def logout(request: Request) -> Response:
        fields = await form(request)
        lang = language(request, (fields or {}).get("lang"))
        found = session_of(request)
        if fields is None or found is None or not signer.csrf_ok(found[0],
                                                                 fields.get("csrf", "")):
            return to_login(lang)  # nothing to end, or not asked by our own page
        signer.end(found[0])
        response = to_login(lang)
        response.delete_cookie(COOKIE, path="/coordinator", httponly=True,
                               samesite="strict", secure=request.url.scheme == "https")
        return response

    @app.get("/coordinator/figures", include_in_schema=False)
    def figures(request: Request) -> Response:
        lang = language(request)
        found = session_of(request)
        if found is None:
            return to_login(lang, ended=COOKIE in request.cookies)
        session, coordinator = found
        annotate(request.scope, coordinator=coordinator.id)
        params = request.query_params
        month, scope, message = asked_month_and_scope(params, coordinator.scope, lang,
                                                      this_month)
        level = params.get("level") if params.get("level") in LEVELS else LEVELS[0]
        doc = figures_of.document(month, scope)
        months = figures_of.months(month, scope)
        view = FiguresView(lang, coordinator.name, coordinator.scope, scope,
                           scopes_within(coordinator.scope), month, level, doc, months,
                           signer.csrf(session), message)
        response = html(figures_page(view), 400 if message else 200)
        set_cookie(response, request, signer.renew(session))
        return response

    partner_routes.register(app, engine, session_of=session_of, signer=signer,
                            set_cookie=set_cookie, to_login=to_login, language=language,
                            document=figures_of.document, scopes_within=scopes_within,
                            this_month=this_month)

    @app.get("/coordinator/download.{kind}", include_in_schema=False)
    def download(request: Request, kind: str) -> Response:
        lang = language(request)
        found = session_of(request)
        if found is None:
            return to_login(lang, ended=COOKIE in request.cookies)
        _, coordinator = found
        annotate(request.scope, coordinator=coordinator.id)
        if kind not in DOWNLOADS:
            return Response(status_code=404)
        try:
            month = check_month(request.query_params.get("month", "")[:20])
            scope = allowed_scope(coordinator.scope,
                                  request.query_params.get("scope") or None)
        except FiguresError as error:
            status = 403 if error.key == "figures.outside_scope" else 400
            return Response(status_code=status)
        doc = figures_of.document(month, scope)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"figures.{kind}"
            write(doc, path, lang)
            content = path.read_bytes()
        name = f"figures-{month}-{scope.replace(':', '-')}.{kind}"
        return Response(content, media_type=DOWNLOADS[kind],
                        headers={"content-disposition": f'attachment; filename="{name}"'})
