"""The route of the coordinator page's partner services section,
GET /coordinator/partners?month=&scope=&kind=&province=&area=&lang=. It reuses the page's
session, cookie and scope checks (routes.py passes them in) and caches what it computes
like the figures: keyed by the scope's data version, so a sync is seen at the next page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.engine import Engine

from central.coordination.cache import TimedCache, scope_version
from central.coordination.ecosystem.areas import TILES
from central.coordination.ecosystem.service import KINDS, Ecosystem, EcosystemService
from central.coordination.web.asked import asked_month_and_scope
from central.coordination.web.partners_view import PartnersView, partners_page
from central.coordination.web.session import COOKIE
from central.logs import annotate


class PagePartners:
    """The ecosystem of a month, scope and province, read through a cache."""

    def __init__(self, engine: Engine, document: Callable[[str, str], dict[str, Any]]) -> None:
        self.engine, self.document = engine, document
        self.service = EcosystemService(engine)
        self._cache: TimedCache[Ecosystem] = TimedCache()

    def ecosystem(self, month: str, scope: str, province: str | None) -> Ecosystem:
        key = ("partners", month, scope, province, scope_version(self.engine, scope))
        return self._cache.get(key, lambda: self.service.ecosystem(
            scope, month, province, self.document(month, scope)))


def register(app: FastAPI, engine: Engine, *, session_of: Callable, signer: Any,
             set_cookie: Callable, to_login: Callable, language: Callable,
             document: Callable[[str, str], dict[str, Any]], scopes_within: Callable,
             this_month: Callable[[], str]) -> None:
    partners = PagePartners(engine, document)

    @app.get("/coordinator/partners", include_in_schema=False)
    def partners_section(request: Request) -> Response:
        lang = language(request)
        found = session_of(request)
        if found is None:
            return to_login(lang, ended=COOKIE in request.cookies)
        session, coordinator = found
        annotate(request.scope, coordinator=coordinator.id)
        params = request.query_params
        month, scope, message = asked_month_and_scope(params, coordinator.scope, lang,
                                                      this_month)
        kind = params.get("kind") if params.get("kind") in KINDS else KINDS[0]
        province = params.get("province") if params.get("province") in TILES else None
        by_province = partners.ecosystem(month, scope, None)
        here = partners.ecosystem(month, scope, province) if province else by_province
        area = params.get("area", "")[:10] or None
        if area not in set(here.areas()):
            area = None
        view = PartnersView(lang, coordinator.name, coordinator.scope, scope,
                            scopes_within(coordinator.scope), month, kind, province, area,
                            by_province, here, signer.csrf(session), message)
        response = HTMLResponse(partners_page(view), status_code=400 if message else 200)
        set_cookie(response, request, signer.renew(session))
        return response
